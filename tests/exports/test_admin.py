"""Exports in the admin: the selected-claims action, the changelist export and the job list."""

from __future__ import annotations

import csv
import io

import pytest
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.contrib.auth.models import Permission

from claims.models import Claim, ExportJob

CHANGELIST = "/admin/claims/claim/"


def csv_ids(response) -> list[str]:
    data = b"".join(response.streaming_content)
    return [row[0] for row in csv.reader(io.StringIO(data.decode("utf-8-sig")))][1:]


def test_export_selected_asks_for_the_format_then_sends_the_file(client, analyst, claims_data):
    client.force_login(analyst)
    selected = [claims_data.deny.pk, claims_data.bare.pk]
    post = {"action": "export_selected_action", ACTION_CHECKBOX_NAME: selected}

    form = client.post(CHANGELIST, {**post, "index": 0})
    response = client.post(CHANGELIST, {**post, "apply": "1", "format": "csv", "layout": "wide"})

    assert form.status_code == 200
    assert b"Export 2 claims." in form.content
    assert response.status_code == 200
    assert csv_ids(response) == [str(pk) for pk in sorted(selected)]


def test_select_all_above_the_limit_becomes_a_job_with_the_changelist_query(
    client, analyst, claims_data, settings, django_capture_on_commit_callbacks
):
    settings.EXPORT_SYNC_MAX_ROWS = 1
    client.force_login(analyst)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            f"{CHANGELIST}?status__exact=new",
            {
                "action": "export_selected_action",
                ACTION_CHECKBOX_NAME: [claims_data.bare.pk],
                "select_across": "1",
                "apply": "1",
                "format": "xlsx",
                "layout": "wide",
            },
        )

    assert response.status_code == 302
    job = ExportJob.objects.get()
    assert job.filters == {"status": ["new"]}
    assert (job.status, job.row_count) == ("done", 2)


def test_export_with_the_changelist_filters(client, analyst, claims_data):
    client.force_login(analyst)

    response = client.get(f"{CHANGELIST}export/", {"status__exact": "new", "_format": "csv"})

    assert response.status_code == 200
    assert csv_ids(response) == [str(claims_data.formula.pk), str(claims_data.bare.pk)]


def test_the_changelist_links_to_the_exports(client, analyst, claims_data):
    client.force_login(analyst)

    response = client.get(CHANGELIST, {"status__exact": "new"})

    assert (
        b'href="/admin/claims/claim/export/?status__exact=new&amp;_format=xlsx"' in response.content
    )


def test_a_bad_changelist_lookup_is_reported_on_the_changelist(client, analyst, claims_data):
    client.force_login(analyst)

    response = client.get(f"{CHANGELIST}export/", {"_format": "pdf"}, follow=True)

    assert response.redirect_chain[0][0] == f"{CHANGELIST}?"
    assert "Cannot export: Unknown export format &#x27;pdf&#x27;" in response.content.decode()


def test_staff_without_the_permission_has_no_export(client, staff_without_export, claims_data):
    staff_without_export.user_permissions.add(Permission.objects.get(codename="view_claim"))
    client.force_login(staff_without_export)

    assert client.get(f"{CHANGELIST}export/").status_code == 403
    assert b"export_selected_action" not in client.get(CHANGELIST).content


@pytest.mark.parametrize("n", [1, 5])
def test_export_job_list_shows_status_and_download_in_constant_queries(
    client, analyst, claims_data, django_assert_num_queries, n
):
    for _ in range(n):
        ExportJob.objects.create(
            requested_by=analyst, format="csv", status="done", file="exports/x.csv", row_count=3
        )
    client.force_login(analyst)

    # session, user, permissions (user's, groups'), count, filtered count, the page with its
    # users joined, the distinct formats and layouts for the list filters
    with django_assert_num_queries(9):
        response = client.get("/admin/claims/exportjob/")

    assert response.status_code == 200
    assert response.content.count(b">download</a>") == n
    assert Claim.objects.count() == 3
