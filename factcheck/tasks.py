"""Celery tasks of the factcheck app: thin wrappers around the webhook services."""

from __future__ import annotations

import logging

from celery import Task, shared_task
from celery.exceptions import Retry

from factcheck.services import submissions, webhooks

logger = logging.getLogger(__name__)


@shared_task(name="factcheck.deliver_webhook", bind=True, max_retries=webhooks.MAX_RETRIES)
def deliver_webhook_task(self: Task, *, delivery_id: int) -> str | Retry:
    """POST one webhook delivery; retried with exponential backoff, then logged as failed."""
    try:
        return webhooks.deliver(delivery_id=delivery_id)
    except webhooks.WebhookAttemptFailed as exc:
        retries = self.request.retries
        if retries >= (self.max_retries or 0):
            webhooks.mark_failed(delivery_id=delivery_id)
            logger.warning("webhook delivery %s failed for good: %s", delivery_id, exc)
            return "failed"
        countdown = webhooks.backoff_seconds(retries)
        if self.request.is_eager:
            # Without a broker (development, tests) a raised Retry propagates out of .delay();
            # returned, it makes apply() run the retry in-process, as a worker would later.
            return self.retry(exc=exc, countdown=countdown, throw=False)
        raise self.retry(exc=exc, countdown=countdown) from exc


@shared_task(name="factcheck.fetch_submission")
def fetch_submission_task(*, submission_id: int) -> str:
    """Fetch a URL-only submission's page in the worker and ingest it (outcome stored on it)."""
    return submissions.fetch_submission(submission_id=submission_id)
