"""Export jobs: built once by the Celery task, failures recorded on the job."""

from __future__ import annotations

import pytest

from claims.exports.filters import LEGACY_ADMIN_CHANGELIST
from claims.exports.services import request_export, run_export_job
from claims.exports.tasks import export_claims_task
from claims.models import ExportJob


def read(job: ExportJob) -> bytes:
    with job.file.open("rb") as f:
        return f.read()


def test_the_task_builds_the_file_and_records_rows_and_progress(analyst, claims_data):
    job = ExportJob.objects.create(
        requested_by=analyst, format="jsonl", layout="long", filters={"actor": "Russia"}
    )

    assert export_claims_task.delay(job_id=job.pk).get() == "done"

    job.refresh_from_db()
    assert (job.status, job.row_count, job.progress, job.error) == ("done", 3, 3, "")
    assert job.file.name.startswith(f"exports/{job.pk}-claims-")
    assert job.file.name.endswith("-long.jsonl")
    assert job.finished_at is not None
    assert len(read(job).splitlines()) == 3


def test_a_finished_job_is_not_rebuilt(analyst, claims_data):
    job = ExportJob.objects.create(requested_by=analyst, format="csv")
    run_export_job(job_id=job.pk)
    job.refresh_from_db()
    built = (job.file.name, job.finished_at)

    assert export_claims_task.delay(job_id=job.pk).get() == "done"

    job.refresh_from_db()
    assert (job.file.name, job.finished_at) == built
    assert job.file.storage.listdir("exports")[1] == [job.file.name.rsplit("/", 1)[-1]]


def test_a_failure_is_recorded_on_the_job(analyst, claims_data):
    job = ExportJob.objects.create(
        requested_by=analyst, format="csv", filters={"date_from": "last week"}
    )

    assert export_claims_task.delay(job_id=job.pk).get() == "failed"

    job.refresh_from_db()
    assert job.status == "failed"
    assert job.error == "ValueError: Invalid filter: date_from: Enter a valid date."
    assert not job.file


def test_a_missing_job_is_logged_and_skipped(db):
    assert export_claims_task.delay(job_id=404).get() == "missing"


def test_request_export_refuses_bad_filters_before_queueing(analyst, claims_data):
    with pytest.raises(ValueError, match="Unknown filter colour; known filters: status"):
        request_export(user=analyst, fmt="csv", filters={"colour": "red"})
    assert not ExportJob.objects.exists()


def test_a_double_click_reuses_the_pending_job(analyst, claims_data):
    first = request_export(user=analyst, fmt="csv", filters={"status": ["new"]})
    second = request_export(user=analyst, fmt="csv", filters={"status": ["new"]})
    other = request_export(user=analyst, fmt="xlsx", filters={"status": ["new"]})

    assert second.pk == first.pk
    assert other.pk != first.pk


def test_a_job_stored_with_an_admin_changelist_query_still_runs(analyst, claims_data):
    job = ExportJob.objects.create(
        requested_by=analyst,
        format="csv",
        filters={LEGACY_ADMIN_CHANGELIST: "status__exact=new&q=Nikdo"},
    )

    job = run_export_job(job_id=job.pk)

    assert (job.status, job.row_count) == ("done", 1)
    assert str(claims_data.bare.pk) in read(job).decode("utf-8-sig")
