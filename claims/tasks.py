"""Celery tasks of the claims app: thin wrappers that call one service each.

Every task takes ids, is safe to run twice (acks_late may redeliver it, the outbox sweep may
prompt it again) and logs and returns when its row is gone. Retries, backoff and the final
failure follow `core.taskbase.DurableTask`.
"""

from __future__ import annotations

import logging
from typing import Any, ClassVar

from celery import shared_task

from claims.models import ClaimEvent
from claims.services import extraction, feeds, notifications, outbox
from core.taskbase import DATABASE_ERRORS, DurableTask

logger = logging.getLogger(__name__)


class ExtractionTask(DurableTask):
    # 8 retries from 2 s, capped: at least 255 s of waiting in all (taskbase.min_total_wait),
    # which rides out a 90 s database restart with room to spare.
    retry_backoff_base = 2.0
    max_retries = 8

    def on_final_failure(self, exc: Exception, kwargs: dict[str, Any]) -> str:
        article_id = kwargs["article_id"]
        try:
            extraction.mark_failed(
                article_id=article_id,
                error=f"The database was unavailable through {self.max_retries} retries: {exc}",
            )
        except DATABASE_ERRORS:
            # Still down: the article stays `extracting` and the outbox sweep re-queues it.
            logger.warning("extract_article %s: could not record the failure", article_id)
        return "failed"


@shared_task(name="claims.extract_article", base=ExtractionTask)
def extract_article_task(*, article_id: int) -> str:
    # No separate existence check: the service's first UPDATE finds out (one round trip less).
    outcome = extraction.extract_article(article_id=article_id)
    if outcome.status == "missing":
        logger.info("extract_article: article %s is gone", article_id)
        return "missing"
    logger.info(
        "extract_article %s: %s, %s new claims", article_id, outcome.status, outcome.claims_created
    )
    return outcome.status


class DispatchTask(DurableTask):
    # OSError: the SMTP server refused or was unreachable.
    retry_on: ClassVar[tuple[type[Exception], ...]] = (*DATABASE_ERRORS, OSError)
    retry_backoff_base = 2.0
    max_retries = 8
    # The final failure needs no hook: the event stays pending and the sweep prompts it again.


@shared_task(name="claims.dispatch_claim_event", base=DispatchTask)
def dispatch_claim_event(*, event_id: int) -> int:
    """Hand public events to the partner webhooks, then e-mail the people concerned.

    Webhooks first: their fan-out is idempotent, while the e-mail marks the event dispatched
    (`notified_at`), so a crash between the two leaves the event pending for another run.
    """
    event = ClaimEvent.objects.filter(pk=event_id).first()
    if event is None:
        logger.info("dispatch_claim_event: event %s is gone", event_id)
        return 0
    if not event.is_dispatched:
        return 0
    from partners.services.webhooks import fan_out_event

    fan_out_event(event_id=event_id)
    return notifications.notify_event(event_id=event_id)


@shared_task(name="claims.sweep_outbox")
def sweep_outbox_task() -> dict[str, int]:
    result = outbox.sweep()
    return {
        "events": result.events,
        "articles": result.articles,
        "deliveries": result.deliveries,
        "abandoned": result.abandoned,
        "submissions": result.submissions,
        "sources": result.sources,
        "exports": result.exports,
    }


@shared_task(name="claims.flag_stuck_claims")
def flag_stuck_claims_task() -> int:
    return notifications.flag_stuck_claims()


@shared_task(name="claims.recheck_due_verdicts")
def recheck_due_verdicts_task() -> int:
    return notifications.recheck_due_verdicts()


@shared_task(name="claims.embed_and_match_claims", base=DurableTask)
def embed_and_match_claims_task(*, claim_ids: list[int], match: bool = True) -> int:
    """Vectors for new or changed claims, then their clusters and suggestions.

    Idempotent: unchanged texts are not embedded again, suggestions upsert on (claim, target).
    """
    from claims.services import matching

    stored = matching.embed_claims(claim_ids=claim_ids)
    if match:
        for claim_id in claim_ids:
            matching.match_claim(claim_id=claim_id)
    logger.info("embed_and_match_claims: %s of %s embedded", stored, len(claim_ids))
    return stored


@shared_task(name="claims.embed_fact_checks", base=DurableTask)
def embed_fact_checks_task(*, review_ids: list[int]) -> int:
    """Vectors for imported reviews, so matching finds them (idempotent by text hash), then
    suggestions of them to the claims already stored (the desk ranks from those)."""
    from claims.services import matching

    stored = matching.review_vectors(review_ids=review_ids)
    matching.match_reviews(review_ids=review_ids)
    return stored


class FeedTask(DurableTask):
    # DomainBusy: another request to the domain went out less than the interval ago.
    retry_on: ClassVar[tuple[type[Exception], ...]] = (*DATABASE_ERRORS, feeds.DomainBusy)
    retry_backoff_base = 5.0
    max_retries = 10


@shared_task(name="claims.poll_feeds")
def poll_feeds_task() -> int:
    """Beat: enqueue a poll of every feed that is due."""
    due = feeds.due_feeds()
    for feed_id in due:
        poll_feed_task.delay(feed_id=feed_id)
    return len(due)


@shared_task(name="claims.poll_feed", base=FeedTask)
def poll_feed_task(*, feed_id: int) -> str:
    from claims.models import Feed

    if not Feed.objects.filter(pk=feed_id, active=True).exists():
        return "missing"
    return feeds.poll_feed(feed_id=feed_id).status


@shared_task(name="claims.fetch_feed_item", base=FeedTask)
def fetch_feed_item_task(*, item_id: int) -> str:
    return feeds.fetch_feed_item(item_id=item_id)


@shared_task(name="claims.refresh_reports")
def refresh_reports_task() -> list[str]:
    """Recompute every report's unfiltered figures into the cache (claims/reports/cache.py)."""
    from claims.reports.cache import refresh_all

    return refresh_all()
