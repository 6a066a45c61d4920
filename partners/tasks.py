"""Celery tasks of the partners app: thin wrappers around the webhook and submission services.

Their names keep the `factcheck.` prefix from before the app moved out of the project package:
a task queued in Redis under the old name still finds its function after a deploy.
"""

from __future__ import annotations

import contextlib
import logging
from typing import Any, ClassVar

from celery import shared_task

from core.taskbase import DATABASE_ERRORS, DurableTask
from partners.services import submissions, webhooks

logger = logging.getLogger(__name__)


class WebhookTask(DurableTask):
    retry_on: ClassVar[tuple[type[Exception], ...]] = (
        webhooks.WebhookAttemptFailed,
        *DATABASE_ERRORS,
    )
    retry_backoff_base = webhooks.BACKOFF_BASE_SECONDS
    retry_backoff_cap = 3600.0  # the settings' countdown cap is lower and wins
    max_retries = webhooks.MAX_RETRIES

    def on_retry_scheduled(self, countdown: float, kwargs: dict[str, Any]) -> None:
        # On a database error the stored due time stays in the past: at worst the sweep
        # prompts the delivery too, and the attempt's lease keeps that to one POST.
        with contextlib.suppress(*DATABASE_ERRORS):
            webhooks.schedule_retry(delivery_id=kwargs["delivery_id"], countdown=countdown)

    def on_final_failure(self, exc: Exception, kwargs: dict[str, Any]) -> str:
        webhooks.mark_failed(delivery_id=kwargs["delivery_id"])
        return "failed"


@shared_task(name="factcheck.deliver_webhook", bind=True, base=WebhookTask)
def deliver_webhook_task(self: WebhookTask, *, delivery_id: int) -> str:
    """POST one webhook delivery; retried with jittered backoff, then logged as failed."""
    return webhooks.deliver(delivery_id=delivery_id, respect_schedule=not self.request.is_eager)


@shared_task(name="factcheck.fetch_submission")
def fetch_submission_task(*, submission_id: int) -> str:
    """Fetch a URL-only submission's page in the worker and ingest it (outcome stored on it)."""
    return submissions.fetch_submission(submission_id=submission_id)
