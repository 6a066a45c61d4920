"""Export jobs: requesting one and building its file. Every write to ExportJob happens here."""

from __future__ import annotations

import datetime as dt
import logging
import tempfile
from typing import Any

from django.conf import settings
from django.contrib.auth.models import User
from django.core.files import File
from django.db import transaction
from django.db.models import F, Q, QuerySet
from django.utils import timezone

from claims.exports.core import check_format, filename, published_only, write_export
from claims.exports.filters import export_queryset
from claims.models import Claim, ExportJob
from claims.services.outbox import SWEEP_BATCH, enqueue, enqueue_on_commit

logger = logging.getLogger(__name__)

DEFAULT_SYNC_MAX_ROWS = 5000


def sync_max_rows() -> int:
    """Exports of more claims than this run as a Celery job instead of in the request."""
    return int(getattr(settings, "EXPORT_SYNC_MAX_ROWS", DEFAULT_SYNC_MAX_ROWS))


def count_claims(queryset: QuerySet[Claim], *, fmt: str) -> int:
    return (published_only(queryset) if fmt == "claimreview" else queryset).count()


def request_export(
    *, user: User, fmt: str, layout: str = "wide", filters: dict[str, Any]
) -> ExportJob:
    """Create an export job and schedule `claims.exports.tasks.export_claims_task`.

    - validates the format, layout and filters first (ValueError): a job that can only fail
      is not queued
    - returns the user's pending or running job with the same parameters instead of a second
      one, so a double click builds one file
    - enqueues the task after commit
    """
    check_format(fmt, layout)
    export_queryset(filters, user=user)
    with transaction.atomic():
        job = (
            ExportJob.objects.filter(
                requested_by=user,
                format=fmt,
                layout=layout,
                filters=filters,
                status__in=[ExportJob.Status.PENDING, ExportJob.Status.RUNNING],
            )
            .order_by("-created_at")
            .first()
        )
        if job is not None:
            return job
        job = ExportJob.objects.create(
            requested_by=user,
            format=fmt,
            layout=layout,
            filters=filters,
            queued_at=timezone.now(),
        )
        from claims.exports.tasks import export_claims_task

        enqueue_on_commit(export_claims_task, job_id=job.pk)
    return job


def run_export_job(*, job_id: int) -> ExportJob:
    """Build the job's file in storage.

    - idempotent: a done or failed job is returned as it is; a redelivered task (the first
      worker died) builds the file again
    - updates `progress` once per page of claims, so the admin shows it moving
    - on any error: status failed with the message; the exception is logged, not raised
    - two workers racing on one job (Redis redelivery) both build, one conditional UPDATE wins,
      the loser deletes its file
    """
    ExportJob.objects.filter(pk=job_id, status=ExportJob.Status.PENDING).update(
        status=ExportJob.Status.RUNNING,
        progress=0,
        error="",
        queued_at=timezone.now(),
        attempts=F("attempts") + 1,
    )
    job = ExportJob.objects.select_related("requested_by").get(pk=job_id)
    if job.status != ExportJob.Status.RUNNING:
        return job

    def progress(rows: int) -> None:
        ExportJob.objects.filter(pk=job_id).update(progress=rows)

    name = ""
    try:
        queryset = export_queryset(job.filters, user=job.requested_by)
        with tempfile.TemporaryFile() as out:
            rows = write_export(
                queryset, out, fmt=job.format, layout=job.layout, on_progress=progress
            )
            out.seek(0)
            storage = job.file.storage
            name = storage.save(f"exports/{job.pk}-{filename(job.format, job.layout)}", File(out))
    except Exception as exc:
        logger.exception("export job %s failed", job_id)
        if name:
            job.file.storage.delete(name)
        ExportJob.objects.filter(pk=job_id).update(
            status=ExportJob.Status.FAILED,
            error=f"{exc.__class__.__name__}: {exc}",
            finished_at=timezone.now(),
        )
        job.refresh_from_db()
        return job

    won = ExportJob.objects.filter(pk=job_id, status=ExportJob.Status.RUNNING).update(
        status=ExportJob.Status.DONE,
        file=name,
        row_count=rows,
        progress=rows,
        finished_at=timezone.now(),
    )
    if not won:
        job.file.storage.delete(name)
    job.refresh_from_db()
    return job


def sweep_export_jobs(*, now: dt.datetime) -> tuple[int, int]:
    """Queue again export jobs whose task was lost, or whose worker died while building.

    - pending past OUTBOX_REDISPATCH_AFTER_SECONDS since queued: the message never arrived
      (a broker outage at request time; asking again returns this same pending job)
    - running past EXPORT_STALE_SECONDS since started (above the hard time limit): the worker
      is gone; the job goes back to pending and is queued again
    - a job started EXPORT_MAX_ATTEMPTS times is marked failed with the reason
    - each row is claimed with a conditional UPDATE, so two sweeps do not both prompt it
    - returns (prompted, abandoned)
    """
    from claims.exports.tasks import export_claims_task

    pending_due = now - dt.timedelta(seconds=settings.OUTBOX_REDISPATCH_AFTER_SECONDS)
    running_due = now - dt.timedelta(seconds=settings.EXPORT_STALE_SECONDS)
    stale = ExportJob.objects.filter(
        Q(status=ExportJob.Status.PENDING, queued_at__lt=pending_due)
        | Q(status=ExportJob.Status.PENDING, queued_at__isnull=True, created_at__lt=pending_due)
        | Q(status=ExportJob.Status.RUNNING, queued_at__lt=running_due)
    ).order_by("pk")
    prompted = abandoned = 0
    for job_id, status, queued_at, attempts in stale.values_list(
        "pk", "status", "queued_at", "attempts"
    )[:SWEEP_BATCH]:
        claimed = ExportJob.objects.filter(pk=job_id, status=status, queued_at=queued_at)
        if status == ExportJob.Status.RUNNING and attempts >= settings.EXPORT_MAX_ATTEMPTS:
            abandoned += claimed.update(
                status=ExportJob.Status.FAILED,
                error=f"The export started {attempts} times and never finished (its worker "
                "was lost or ran out of time each time). Ask for fewer claims with filters, or "
                "check the worker's log.",
                finished_at=now,
            )
            continue
        if claimed.update(status=ExportJob.Status.PENDING, queued_at=now):
            prompted += enqueue(export_claims_task, job_id=job_id)
    return prompted, abandoned
