"""Celery tasks of the factcheck app: thin wrappers around the webhook services."""

from __future__ import annotations

import logging

from celery import Task, shared_task

from factcheck.services import webhooks

logger = logging.getLogger(__name__)


@shared_task(name="factcheck.deliver_webhook", bind=True, max_retries=webhooks.MAX_RETRIES)
def deliver_webhook_task(self: Task, *, delivery_id: int) -> str:
    """POST one webhook delivery; retried with exponential backoff, then logged as failed."""
    try:
        return webhooks.deliver(delivery_id=delivery_id)
    except webhooks.WebhookAttemptFailed as exc:
        retries = self.request.retries
        if retries >= (self.max_retries or 0):
            webhooks.mark_failed(delivery_id=delivery_id)
            logger.warning("webhook delivery %s failed for good: %s", delivery_id, exc)
            return "failed"
        raise self.retry(exc=exc, countdown=webhooks.backoff_seconds(retries)) from exc
