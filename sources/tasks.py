"""Celery tasks of the sources app."""

from __future__ import annotations

import logging

from celery import shared_task

from sources import services

logger = logging.getLogger(__name__)


@shared_task(name="sources.archive_source", bind=True, max_retries=5)
def archive_source_task(self, *, source_id: int) -> str:  # type: ignore[no-untyped-def]
    try:
        snapshot = services.archive_source(source_id=source_id)
    except services.FetchRefused:
        return "refused"
    except services.TransientFetchError as exc:
        if self.request.retries >= self.max_retries:
            # The terminal failure is recorded on the source, where editors see it.
            services.record_archive_failure(source_id=source_id, error=str(exc))
            return "failed"
        raise self.retry(exc=exc, countdown=min(3600, 30 * 2**self.request.retries)) from exc
    return "missing" if snapshot is None else f"snapshot {snapshot.pk}"
