"""An export job whose task was lost (broker outage) or whose worker died is built by the sweep.

Exports of up to EXPORT_SYNC_MAX_ROWS claims stream in the request and need no job; larger ones
are an `ExportJob` built by `claims.export_claims`. Before the sweep knew them, a job whose
message was lost stayed pending for good, and asking again returned that same pending job.
"""

from __future__ import annotations

import datetime as dt

import pytest
from celery import Task
from django.utils import timezone

from claims.exports.filters import export_queryset
from claims.exports.services import count_claims, request_export
from claims.models import ExportJob
from claims.services import outbox
from tests.outage import later, refuse


@pytest.fixture
def prompts(monkeypatch):
    """Export messages sent (not run); the fixture's articles are prompted too, and left out."""
    sent: list[tuple[str, dict]] = []

    def send(self, **kwargs):
        if self.name == "claims.export_claims":
            sent.append((self.name, kwargs))

    monkeypatch.setattr(Task, "delay", send)
    return sent


def test_an_export_requested_with_the_broker_down_is_built_after_the_sweep(
    analyst, claims_data, monkeypatch, django_capture_on_commit_callbacks
):
    filters = {"actor": "Russia"}
    with monkeypatch.context() as broker_down:
        broker_down.setattr(Task, "delay", refuse)
        with django_capture_on_commit_callbacks(execute=True):
            job = request_export(user=analyst, fmt="csv", filters=filters)
        # Asking again while the broker is down returns the same pending job.
        assert request_export(user=analyst, fmt="csv", filters=filters).pk == job.pk
    job.refresh_from_db()
    assert job.status == "pending"

    # The broker is back (eager here: the prompted task runs at once).
    swept = outbox.sweep(now=later(180))

    job.refresh_from_db()
    expected = count_claims(export_queryset(filters, user=analyst), fmt="csv")
    assert swept.exports == 1
    assert (job.status, job.row_count, job.attempts) == ("done", expected, 1)
    assert expected > 0


def test_the_sweep_prompts_a_lost_job_once_and_only_when_due(analyst, claims_data, prompts):
    job = request_export(user=analyst, fmt="csv", filters={})
    prompts.clear()

    too_early = outbox.sweep(now=later(30))
    due = outbox.sweep(now=later(180))
    again = outbox.sweep(now=later(180))

    assert (too_early.exports, due.exports, again.exports) == (0, 1, 0)
    assert prompts == [("claims.export_claims", {"job_id": job.pk})]


def test_a_job_left_running_by_a_dead_worker_is_queued_again(
    analyst, claims_data, prompts, settings
):
    started = timezone.now()
    job = ExportJob.objects.create(
        requested_by=analyst, format="csv", status="running", queued_at=started, attempts=1
    )

    still_running = outbox.sweep(
        now=started + dt.timedelta(seconds=settings.CELERY_TASK_TIME_LIMIT)
    )
    stale = outbox.sweep(now=started + dt.timedelta(seconds=settings.EXPORT_STALE_SECONDS + 1))

    job.refresh_from_db()
    assert (still_running.exports, stale.exports) == (0, 1)
    assert job.status == "pending"
    assert prompts == [("claims.export_claims", {"job_id": job.pk})]


def test_a_job_whose_worker_dies_every_time_is_failed_with_the_reason(
    analyst, claims_data, prompts, settings
):
    started = timezone.now()
    job = ExportJob.objects.create(
        requested_by=analyst,
        format="csv",
        status="running",
        queued_at=started,
        attempts=settings.EXPORT_MAX_ATTEMPTS,
    )

    swept = outbox.sweep(now=started + dt.timedelta(seconds=settings.EXPORT_STALE_SECONDS + 1))

    job.refresh_from_db()
    assert (swept.exports, swept.abandoned, job.status) == (0, 1, "failed")
    assert f"started {settings.EXPORT_MAX_ATTEMPTS} times and never finished" in job.error
    assert prompts == []
