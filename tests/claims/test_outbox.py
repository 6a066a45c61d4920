"""The outbox: a broker error never fails the caller, and the sweep prompts what was lost.

The broker's refusal is simulated at the edge (`Task.delay` raising kombu's error); the same
failure against a real, stopped Redis is exercised by `bench/faults.py`.
"""

from __future__ import annotations

import datetime as dt

import pytest
from django.core import mail
from django.db import connection
from django.utils import timezone

from claims import tasks
from claims.models import Article, Claim, ClaimEvent
from claims.services import outbox
from claims.services.articles import ingest_article
from claims.services.notifications import flag_stuck_claims
from claims.services.workflow import assign_claim, transition_claim
from partners import tasks as factcheck_tasks
from partners.models import WebhookDelivery
from tests.outage import later, refuse

BODY = "Podle ministra financí schodek letos klesne. Opozice to popírá."


@pytest.fixture
def broker_down(monkeypatch):
    """Every message to the broker is refused, as when Redis is stopped; lists what was tried."""
    refused: list[tuple[str, dict]] = []

    def refuse_and_record(self, *args, **kwargs):
        refused.append((self.name, kwargs))
        refuse(self, *args, **kwargs)

    from celery import Task

    monkeypatch.setattr(Task, "delay", refuse_and_record)
    return refused


@pytest.fixture
def prompts(monkeypatch):
    """Messages sent (not run): the sweep's output, without executing the tasks."""
    sent: list[tuple[str, dict]] = []
    from celery import Task

    monkeypatch.setattr(Task, "delay", lambda self, **kw: sent.append((self.name, kw)))
    return sent


def test_ingest_with_the_broker_down_keeps_the_article_received(
    desk, broker_down, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        result = ingest_article(body=BODY, language="cs")

    article = Article.objects.get(pk=result.article.pk)
    assert broker_down == [("claims.extract_article", {"article_id": article.pk})]
    assert (article.status, article.queued_at is not None) == ("received", True)


def test_resubmitting_an_article_whose_extraction_never_ran_queues_it_again(
    desk, broker_down, monkeypatch, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        first = ingest_article(body=BODY, language="cs")
    monkeypatch.undo()  # the broker is back
    sent: list[dict] = []
    monkeypatch.setattr(tasks.extract_article_task, "delay", lambda **kw: sent.append(kw))

    with django_capture_on_commit_callbacks(execute=True):
        again = ingest_article(body=BODY, language="cs")

    assert (again.article.pk, again.created) == (first.article.pk, False)
    assert sent == [{"article_id": first.article.pk}]


def test_resubmitting_an_extracted_article_does_not_extract_it_again(
    desk, prompts, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        first = ingest_article(body=BODY, language="cs")
    Article.objects.filter(pk=first.article.pk).update(status="extracted")

    with django_capture_on_commit_callbacks(execute=True):
        again = ingest_article(body=BODY, language="cs")

    assert again.article.pk == first.article.pk
    assert prompts == [("claims.extract_article", {"article_id": first.article.pk})]


def test_a_transition_with_the_broker_down_succeeds_and_its_event_stays_pending(
    claim, editor, broker_down, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        transition_claim(claim_id=claim.pk, name="triage", user=editor)

    event = claim.events.get()
    assert Claim.objects.get(pk=claim.pk).status == "triaged"
    assert broker_down == [("claims.dispatch_claim_event", {"event_id": event.pk})]
    assert event.notified_at is None


def test_the_sweep_dispatches_a_pending_event_once_it_is_due(
    claim, editor, broker_down, monkeypatch, django_capture_on_commit_callbacks
):
    editor_b = type(editor).objects.create_user("assignee", email="assignee@desk.test")
    with django_capture_on_commit_callbacks(execute=True):
        assign_claim(claim_id=claim.pk, assignee=editor_b, user=editor)
    monkeypatch.undo()
    event = claim.events.get()

    too_early = outbox.sweep(now=later(5))
    due = outbox.sweep(now=later(180))
    after = outbox.sweep(now=later(240))

    assert (too_early.events, due.events, after.events) == (0, 1, 0)
    event.refresh_from_db()
    assert event.notified_at is not None
    assert [m.to for m in mail.outbox] == [["assignee@desk.test"]]


def test_created_events_are_internal_and_flagged_ones_are_dispatched(
    claim, editor, settings, django_capture_on_commit_callbacks
):
    claim.assignee = editor
    claim.status_changed_at = timezone.now() - dt.timedelta(days=30)
    claim.save()
    created = outbox.record_event(claim=claim, kind=ClaimEvent.Kind.CREATED, to_status="new")

    with django_capture_on_commit_callbacks(execute=True):
        flag_stuck_claims()

    flagged = claim.events.get(kind=ClaimEvent.Kind.FLAGGED)
    assert created.notified_at is not None  # stored as dispatched: the sweep never sees it
    assert flagged.notified_at is not None  # dispatched: the assignee heard of it
    assert [m.to for m in mail.outbox] == [["editor@desk.test"]]
    assert "flagged overdue" in mail.outbox[0].subject
    assert not outbox.pending_events(now=later(3600)).exists()


@pytest.mark.parametrize("kind", ClaimEvent.Kind.values)
def test_every_event_kind_either_dispatches_or_is_internal(kind):
    dispatched = ClaimEvent.Kind(kind).dispatched
    assert dispatched is (kind != ClaimEvent.Kind.CREATED)


def test_the_sweep_requeues_articles_left_received_or_extracting(desk, article, prompts):
    received = Article.objects.create(body="a", body_sha256="1" * 64, queued_at=later(-300))
    stuck = Article.objects.create(
        body="b", body_sha256="2" * 64, status="extracting", queued_at=later(-3600)
    )
    running = Article.objects.create(
        body="c", body_sha256="3" * 64, status="extracting", queued_at=later(-60)
    )

    first = outbox.sweep()
    second = outbox.sweep()

    queued = sorted(kw["article_id"] for name, kw in prompts if name == "claims.extract_article")
    assert queued == sorted([received.pk, stuck.pk])
    assert running.pk not in queued
    assert article.pk not in queued
    assert (first.articles, second.articles) == (2, 0)  # re-stamped: not queued twice in a row


def test_an_article_that_never_finishes_is_failed_after_the_attempt_limit(desk, prompts, settings):
    article = Article.objects.create(
        body="x",
        body_sha256="4" * 64,
        status="extracting",
        queued_at=later(-3600),
        extraction_attempts=settings.EXTRACTION_MAX_ATTEMPTS,
    )

    result = outbox.sweep()

    article.refresh_from_db()
    assert (result.abandoned, result.articles, prompts) == (1, 0, [])
    assert article.status == "failed"
    assert article.error.startswith(
        f"Extraction started {settings.EXTRACTION_MAX_ATTEMPTS} times and never finished"
    )


def test_the_sweep_prompts_an_overdue_webhook_delivery_once(claim, partner_delivery, prompts):
    delivery = partner_delivery(next_attempt_at=later(-600))

    first = outbox.sweep()
    second = outbox.sweep()

    assert (first.deliveries, second.deliveries) == (1, 0)
    assert prompts == [("factcheck.deliver_webhook", {"delivery_id": delivery.pk})]


def test_a_delivery_prompted_twice_posts_once(claim, partner_delivery, monkeypatch):
    from core import outbound

    posts: list[str] = []

    def fetch(url, **kwargs):
        posts.append(url)
        return outbound.Response(url, 204, {}, b"")

    monkeypatch.setattr(outbound, "fetch", fetch)
    delivery = partner_delivery(next_attempt_at=later(-1))
    from partners.services.webhooks import deliver

    # The sweep's prompt and the task's own retry both arrive, the second while the first runs.
    WebhookDelivery.objects.filter(pk=delivery.pk).update(next_attempt_at=later(60))
    assert deliver(delivery_id=delivery.pk) == "not due"
    WebhookDelivery.objects.filter(pk=delivery.pk).update(next_attempt_at=later(-1))
    assert deliver(delivery_id=delivery.pk) == "delivered"
    assert deliver(delivery_id=delivery.pk) == "delivered"
    assert len(posts) == 1


def test_the_pending_events_query_can_use_the_partial_outbox_index(claim):
    query = outbox.pending_events(now=timezone.now())
    if connection.vendor == "postgresql":
        # On a small table the planner would rightly scan; forbidding that shows the index fits.
        with connection.cursor() as cursor:
            cursor.execute("SET LOCAL enable_seqscan = off")
        plan = query.explain()
    else:
        plan = query.explain()
    assert "claimevent_outbox_idx" in plan


@pytest.fixture
def partner_delivery(claim):
    from partners.models import Partner

    partner = Partner.objects.create(
        name="Hooked", webhook_url="https://hooks.test/in", webhook_secret="s" * 20
    )
    event = ClaimEvent.objects.create(claim=claim, kind="transition", is_public=True)

    def make(**fields: object) -> WebhookDelivery:
        return WebhookDelivery.objects.create(
            partner=partner, event=event, url=partner.webhook_url, payload={"event": "x"}, **fields
        )

    return make


def test_the_beat_schedule_runs_the_sweep(settings):
    schedule = settings.CELERY_BEAT_SCHEDULE["sweep-outbox"]
    assert schedule["task"] == tasks.sweep_outbox_task.name == "claims.sweep_outbox"
    assert schedule["schedule"] <= 60
    assert factcheck_tasks.deliver_webhook_task.name == "factcheck.deliver_webhook"
