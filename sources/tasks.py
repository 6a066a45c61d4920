"""Celery tasks of the sources app."""

from __future__ import annotations

import contextlib
import logging
from typing import Any, ClassVar

from celery import shared_task

from core.taskbase import DATABASE_ERRORS, DurableTask
from sources import services

logger = logging.getLogger(__name__)


class ArchiveTask(DurableTask):
    retry_on: ClassVar[tuple[type[Exception], ...]] = (
        services.TransientFetchError,
        *DATABASE_ERRORS,
    )
    # Source sites recover slowly: 30 s, 1, 2, 4, 8 minutes (jittered).
    retry_backoff_base = 30.0
    retry_backoff_cap = 3600.0
    max_retries = 5

    def on_retry_scheduled(self, countdown: float, kwargs: dict[str, Any]) -> None:
        # The sweep waits for the retry instead of prompting a second chain; on a database
        # error the clock stays behind and at worst the sweep prompts a second fetch.
        with contextlib.suppress(*DATABASE_ERRORS):
            services.schedule_archive_retry(source_id=kwargs["source_id"], countdown=countdown)

    def on_final_failure(self, exc: Exception, kwargs: dict[str, Any]) -> str:
        # The terminal failure is recorded on the source, where editors see it.
        services.record_archive_failure(source_id=kwargs["source_id"], error=str(exc))
        return "failed"


@shared_task(name="sources.archive_source", base=ArchiveTask)
def archive_source_task(*, source_id: int) -> str:
    try:
        snapshot = services.archive_source(source_id=source_id)
    except services.FetchRefused:
        return "refused"
    return "missing" if snapshot is None else f"snapshot {snapshot.pk}"
