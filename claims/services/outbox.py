"""The outbox: durable rows first, Celery messages second, and a sweep for what got lost.

A ClaimEvent, an article waiting for extraction, a webhook delivery, a URL submission, a source
waiting for its archive and an export job are rows committed with
the change that caused them; the Celery message that acts on them is only a prompt, sent after
commit. When the broker is down the prompt is lost but the row stays pending, and `sweep`
(beat, every minute) prompts again. Every task it prompts is idempotent, so a prompt sent twice
is harmless.
"""

from __future__ import annotations

import datetime as dt
import logging
from dataclasses import dataclass
from functools import partial
from typing import Any

from celery import Task
from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.contrib.auth.models import User as StaffUser
from django.db import transaction
from django.db.models import Q, QuerySet
from django.utils import timezone

from claims.models import Article, Claim, ClaimEvent

logger = logging.getLogger(__name__)

SWEEP_BATCH = 500


def enqueue(task: Task, **kwargs: Any) -> bool:
    """Send a task's message; False (logged) when the broker refuses it.

    Any error is swallowed on purpose: the work is already recorded as a pending row, the
    sweep will prompt it again, and the caller (a web request that already committed) must not
    answer 500 for a change that was saved.
    """
    try:
        task.delay(**kwargs)
    except Exception:
        logger.warning("could not queue %s%s; the outbox sweep will retry", task.name, kwargs)
        return False
    return True


def enqueue_on_commit(task: Task, **kwargs: Any) -> None:
    transaction.on_commit(partial(enqueue, task, **kwargs))


def record_event(
    *,
    claim: Claim,
    kind: str,
    from_status: str = "",
    to_status: str = "",
    user: AbstractBaseUser | AnonymousUser | None = None,
    note: str = "",
    is_public: bool = False,
) -> ClaimEvent:
    """Append a ClaimEvent and dispatch it after commit (the one way events are written).

    - internal kinds (`ClaimEvent.Kind.dispatched` is False) are stored as already dispatched
    - other kinds stay pending (`notified_at` empty) until `dispatch_claim_event` ran; a broker
      error leaves them pending for the sweep
    """
    internal = not ClaimEvent.Kind(kind).dispatched
    event = ClaimEvent.objects.create(
        claim=claim,
        kind=kind,
        from_status=from_status,
        to_status=to_status,
        user=user if isinstance(user, StaffUser) else None,
        note=note,
        is_public=is_public,
        notified_at=timezone.now() if internal else None,
    )
    if not internal:
        from claims.tasks import dispatch_claim_event

        enqueue_on_commit(dispatch_claim_event, event_id=event.pk)
    return event


def queue_extraction(*, article_id: int) -> None:
    """Mark an article queued and send its extraction after commit.

    - stamps `queued_at` (the sweep's clock) and resets the attempt count
    """
    Article.objects.filter(pk=article_id).update(queued_at=timezone.now(), extraction_attempts=0)
    enqueue_extraction(article_id=article_id)


def enqueue_extraction(*, article_id: int) -> None:
    """Send an article's extraction after commit, for a caller that stamped `queued_at` and
    the attempt count itself (a new article: its INSERT writes them)."""
    from claims.tasks import extract_article_task

    enqueue_on_commit(extract_article_task, article_id=article_id)


@dataclass(frozen=True)
class SweepResult:
    events: int
    articles: int
    deliveries: int
    abandoned: int
    submissions: int = 0
    sources: int = 0
    exports: int = 0


def pending_events(*, now: dt.datetime) -> QuerySet[ClaimEvent]:
    """Events due for dispatch and not dispatched: the query `claimevent_outbox_idx` serves.

    The filter repeats the index's predicate (`notified_at IS NULL`) and ranges over its column,
    so the planner reads the small partial index instead of the whole history.
    """
    due = now - dt.timedelta(seconds=settings.OUTBOX_REDISPATCH_AFTER_SECONDS)
    oldest = now - dt.timedelta(hours=settings.OUTBOX_MAX_AGE_HOURS)
    return ClaimEvent.objects.filter(
        notified_at__isnull=True, created_at__lt=due, created_at__gte=oldest
    ).order_by("created_at")


def stale_articles(*, now: dt.datetime) -> QuerySet[Article]:
    """Articles whose extraction was queued but never ran, or started and never finished."""
    received_due = now - dt.timedelta(seconds=settings.OUTBOX_REDISPATCH_AFTER_SECONDS)
    extracting_due = now - dt.timedelta(seconds=settings.EXTRACTION_STALE_SECONDS)
    return Article.objects.filter(
        Q(status=Article.Status.RECEIVED, queued_at__lt=received_due)
        | Q(status=Article.Status.RECEIVED, queued_at__isnull=True, created_at__lt=received_due)
        | Q(status=Article.Status.EXTRACTING, queued_at__lt=extracting_due)
    ).order_by("pk")


def sweep(*, now: dt.datetime | None = None) -> SweepResult:
    """Prompt again whatever the broker lost: events, extractions and webhook deliveries.

    - events: re-sends `dispatch_claim_event` for pending events due longer than
      OUTBOX_REDISPATCH_AFTER_SECONDS (at most OUTBOX_MAX_AGE_HOURS old)
    - articles: re-queues extraction of articles left `received`, or `extracting` past
      EXTRACTION_STALE_SECONDS; one that started EXTRACTION_MAX_ATTEMPTS times is marked failed
    - deliveries: re-sends `deliver_webhook` for pending deliveries long past `next_attempt_at`
    - URL submissions: re-sends `fetch_submission` for those still pending
    - source archives: re-sends `archive_source` for pending sources whose task is long
      overdue (`sources.services.sweep_archives`); given up after SOURCE_ARCHIVE_MAX_PROMPTS
    - export jobs: re-sends `export_claims` for jobs left pending, or running past
      EXPORT_STALE_SECONDS (`claims.exports.services.sweep_export_jobs`); failed after
      EXPORT_MAX_ATTEMPTS starts
    - each row is claimed with a conditional UPDATE, so two sweeps do not both prompt it
    """
    from claims.exports.services import sweep_export_jobs
    from claims.tasks import dispatch_claim_event, extract_article_task
    from partners.models import WebhookDelivery
    from partners.services.webhooks import overdue_deliveries
    from partners.tasks import deliver_webhook_task
    from sources.services import sweep_archives

    now = now or timezone.now()
    events = 0
    for event_id in pending_events(now=now).values_list("pk", flat=True)[:SWEEP_BATCH]:
        events += enqueue(dispatch_claim_event, event_id=event_id)

    articles = abandoned = 0
    for article_id, queued_at, attempts in stale_articles(now=now).values_list(
        "pk", "queued_at", "extraction_attempts"
    )[:SWEEP_BATCH]:
        claimed = Article.objects.filter(pk=article_id, queued_at=queued_at)
        if attempts >= settings.EXTRACTION_MAX_ATTEMPTS:
            abandoned += claimed.filter(status=Article.Status.EXTRACTING).update(
                status=Article.Status.FAILED,
                error=f"Extraction started {attempts} times and never finished (the worker "
                "was lost or ran out of time each time). Re-extract it from the admin once the "
                "cause is fixed, or split the article.",
                extracted_at=now,
            )
            continue
        if claimed.update(queued_at=now):
            articles += enqueue(extract_article_task, article_id=article_id)

    submissions = _sweep_submissions(now=now)
    sources, sources_abandoned = sweep_archives(now=now)
    exports, exports_abandoned = sweep_export_jobs(now=now)

    deliveries = 0
    for delivery_id, next_attempt_at in overdue_deliveries(now=now)[:SWEEP_BATCH]:
        # Due now (not later): the prompted task's own claim on the attempt must succeed.
        if WebhookDelivery.objects.filter(pk=delivery_id, next_attempt_at=next_attempt_at).update(
            next_attempt_at=now
        ):
            deliveries += enqueue(deliver_webhook_task, delivery_id=delivery_id)
    return SweepResult(
        events=events,
        articles=articles,
        deliveries=deliveries,
        abandoned=abandoned + sources_abandoned + exports_abandoned,
        submissions=submissions,
        sources=sources,
        exports=exports,
    )


def _sweep_submissions(*, now: dt.datetime) -> int:
    """URL submissions still pending: their fetch was never queued or its worker was lost."""
    from partners.models import ArticleSubmission
    from partners.tasks import fetch_submission_task

    due = now - dt.timedelta(seconds=settings.OUTBOX_REDISPATCH_AFTER_SECONDS)
    pending = ArticleSubmission.objects.filter(
        fetch_status=ArticleSubmission.FetchStatus.PENDING, updated_at__lt=due
    ).order_by("pk")
    prompted = 0
    for submission_id, updated_at in pending.values_list("pk", "updated_at")[:SWEEP_BATCH]:
        claimed = ArticleSubmission.objects.filter(pk=submission_id, updated_at=updated_at)
        if claimed.update(updated_at=now):
            prompted += enqueue(fetch_submission_task, submission_id=submission_id)
    return prompted
