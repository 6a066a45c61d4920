"""GET /api/v1/exports/claims.{fmt}: analysts only; small exports stream, large ones are jobs."""

from __future__ import annotations

import csv
import io
import json

import openpyxl
import pytest

from claims.exports.core import WIDE_COLUMNS
from claims.models import Claim, ExportJob

from . import expected

URL = "/api/v1/exports/claims.{}"


def body(response) -> bytes:
    return b"".join(response.streaming_content) if response.streaming else response.content


def test_analyst_downloads_a_filtered_csv(client, analyst, claims_data):
    client.force_login(analyst)

    response = client.get(URL.format("csv"), {"stance": "denies"})

    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"].startswith('attachment; filename="claims-')
    rows = list(csv.reader(io.StringIO(body(response).decode("utf-8-sig"))))
    assert rows == [
        list(WIDE_COLUMNS),
        [expected.csv_text(v) for v in expected.wide(claims_data.deny)],
    ]


def test_analyst_downloads_xlsx_in_the_long_layout(client, analyst, claims_data):
    client.force_login(analyst)

    response = client.get(URL.format("xlsx"), {"layout": "long", "actor": "Russia"})

    assert response.status_code == 200
    sheet = openpyxl.load_workbook(io.BytesIO(body(response)), read_only=True).worksheets[0]
    actors = [
        row[WIDE_COLUMNS.index("attributions") + 1] for row in sheet.iter_rows(values_only=True)
    ]
    assert actors == ["actor", "US officials", "Russia", "North Korea"]


@pytest.mark.parametrize("fmt", ["jsonl", "claimreview"])
def test_json_formats_are_served(client, analyst, claims_data, fmt):
    client.force_login(analyst)

    response = client.get(URL.format(fmt), {"status": "published"})

    text = body(response).decode()
    records = (
        json.loads(text) if fmt == "claimreview" else [json.loads(x) for x in text.splitlines()]
    )
    assert len(records) == 1


def _error(code: str, message: str) -> dict:
    """The API's documented error shape, which the exports share (issue 12)."""
    return {"error": {"code": code, "message": message, "fields": {}}}


def test_anonymous_is_refused_with_401(client, claims_data):
    response = client.get(URL.format("csv"))

    assert response.status_code == 401
    assert response.json() == _error("not_authenticated", "Log in to export claims.")


def test_staff_without_the_export_permission_gets_403(client, staff_without_export, claims_data):
    client.force_login(staff_without_export)

    response = client.get(URL.format("csv"))

    assert response.status_code == 403
    assert response.json() == _error(
        "permission_denied", "Exporting claims needs the claims.export_claims permission."
    )


def test_unknown_format_is_404_and_bad_filter_is_400(client, analyst, claims_data):
    client.force_login(analyst)

    assert client.get(URL.format("pdf")).status_code == 404
    response = client.get(URL.format("csv"), {"date_from": "yesterday"})
    assert response.status_code == 400
    assert response.json() == _error(
        "bad_request", "Invalid filter: date_from: Enter a valid date."
    )
    assert client.get(URL.format("csv"), {"layout": "tall"}).status_code == 400


def test_above_the_sync_limit_a_job_is_built_by_celery_and_downloads(
    client, analyst, claims_data, settings, django_capture_on_commit_callbacks
):
    settings.EXPORT_SYNC_MAX_ROWS = 1
    client.force_login(analyst)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.get(URL.format("csv"), {"status": ["new", "published"]})

    assert response.status_code == 202
    job = ExportJob.objects.get()
    assert (job.status, job.row_count, job.progress, job.requested_by) == ("done", 3, 3, analyst)
    assert job.filters == {"status": ["new", "published"]}
    document = response.json()
    assert (document["id"], document["status"]) == (job.pk, "pending")
    status = client.get(document["url"]).json()
    assert status["status"] == "done"
    download = client.get(status["download_url"])
    assert download.status_code == 200
    rows = list(csv.reader(io.StringIO(body(download).decode("utf-8-sig"))))
    assert [row[0] for row in rows[1:]] == [str(c.pk) for c in Claim.objects.order_by("pk")]


def test_async_can_be_asked_for_below_the_limit(
    client, analyst, claims_data, django_capture_on_commit_callbacks
):
    client.force_login(analyst)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.get(URL.format("xlsx"), {"async": "1"})

    assert response.status_code == 202
    assert ExportJob.objects.get().status == "done"


def test_an_unfinished_job_does_not_download(client, analyst, claims_data):
    job = ExportJob.objects.create(requested_by=analyst, format="csv")
    client.force_login(analyst)

    response = client.get(f"/api/v1/exports/jobs/{job.pk}/download")

    assert response.status_code == 409
    assert response.json() == _error(
        "conflict", f"Export {job.pk} is pending; download it once it is done."
    )


def test_download_refuses_staff_without_the_permission(
    client, analyst, staff_without_export, claims_data
):
    job = ExportJob.objects.create(requested_by=analyst, format="csv", status="done")
    client.force_login(staff_without_export)

    assert client.get(f"/api/v1/exports/jobs/{job.pk}/download").status_code == 403
