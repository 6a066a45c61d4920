"""A partner's submission survives a broker outage: 202 at once, extracted once it is back."""

from __future__ import annotations

import datetime as dt

import pytest
from celery import Task
from django.utils import timezone

from claims.models import Article
from claims.services import extraction, outbox
from tests.api.test_articles import ARTICLES, SENTENCE, fake_engine
from tests.outage import refuse


@pytest.fixture
def engine(monkeypatch):
    monkeypatch.setattr(extraction, "extract", fake_engine)


def test_submit_with_the_broker_down_answers_202_and_the_sweep_extracts_it_later(
    partner_a, engine, desk, monkeypatch, django_capture_on_commit_callbacks
):
    monkeypatch.setattr(Task, "delay", refuse)
    with django_capture_on_commit_callbacks(execute=True):
        response = partner_a.client.post(
            ARTICLES, {"body": SENTENCE, "language": "cs"}, format="json"
        )
    assert response.status_code == 202
    assert Article.objects.get().status == "received"

    monkeypatch.undo()  # the broker is back; the beat's sweep runs a few minutes later
    with django_capture_on_commit_callbacks(execute=True):
        swept = outbox.sweep(now=timezone.now() + dt.timedelta(minutes=3))

    detail = partner_a.client.get(response.json()["article"]).json()
    assert swept.articles == 1
    assert (detail["status"], detail["claim_count"]) == ("extracted", 1)


def test_a_url_submission_with_the_broker_down_answers_202_and_is_fetched_after_the_sweep(
    partner_a, desk, monkeypatch, django_capture_on_commit_callbacks
):
    from partners.models import ArticleSubmission

    monkeypatch.setattr(Task, "delay", refuse)
    with django_capture_on_commit_callbacks(execute=True):
        response = partner_a.client.post(
            ARTICLES, {"url": "https://news.test/schodek"}, format="json"
        )
    assert response.status_code == 202
    submission = ArticleSubmission.objects.get()
    assert submission.fetch_status == "pending"

    monkeypatch.undo()
    prompted: list[dict] = []
    monkeypatch.setattr(Task, "delay", lambda self, **kw: prompted.append({self.name: kw}))
    first = outbox.sweep(now=timezone.now() + dt.timedelta(minutes=3))
    second = outbox.sweep(now=timezone.now() + dt.timedelta(minutes=3))

    assert (first.submissions, second.submissions) == (1, 0)
    assert prompted == [{"factcheck.fetch_submission": {"submission_id": submission.pk}}]
