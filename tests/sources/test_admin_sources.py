"""Evidence sources in the admin: added and corrected through the services, so they are archived."""

from __future__ import annotations

from unittest import mock

import pytest

from sources import services
from sources.models import ClaimSource, Source

ADD = "/admin/sources/source/add/"
SNAPSHOTS = {
    "snapshots-TOTAL_FORMS": "0",
    "snapshots-INITIAL_FORMS": "0",
    "snapshots-MIN_NUM_FORMS": "0",
    "snapshots-MAX_NUM_FORMS": "1000",
}


@pytest.fixture
def archived(monkeypatch) -> list[int]:
    """The sources the archive task was asked to fetch (the fetch itself is the network edge)."""
    seen: list[int] = []
    monkeypatch.setattr(
        "sources.tasks.archive_source_task.delay", lambda source_id: seen.append(source_id)
    )
    return seen


@pytest.fixture
def editor_client(client, editor, settings, tmp_path):
    settings.STATIC_ROOT = tmp_path
    client.force_login(editor)
    return client


def test_a_source_added_in_the_admin_is_queued_for_archiving(
    editor_client, archived, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = editor_client.post(
            ADD,
            {
                "url": "https://czso.test/hdp",
                "title": "HDP",
                "publisher": "ČSÚ",
                "kind": "statistical",
                **SNAPSHOTS,
            },
        )

    source = Source.objects.get()
    assert response.status_code == 302
    assert (source.title, source.kind, source.archive_status) == ("HDP", "statistical", "pending")
    assert archived == [source.pk]


def test_a_corrected_url_is_archived_again_and_a_title_fix_is_not(
    editor_client, archived, django_capture_on_commit_callbacks
):
    source = Source.objects.create(url="https://czso.test/old", archive_status="failed")
    url = f"/admin/sources/source/{source.pk}/change/"
    fields = {"publisher": "", "kind": "other", **SNAPSHOTS}

    with django_capture_on_commit_callbacks(execute=True):
        editor_client.post(url, {**fields, "url": "https://czso.test/old", "title": "Nový"})
        editor_client.post(url, {**fields, "url": "https://czso.test/new", "title": "Nový"})

    source.refresh_from_db()
    assert (source.url, source.title, source.archive_status) == (
        "https://czso.test/new",
        "Nový",
        "pending",
    )
    assert archived == [source.pk]
    assert source.history.first().history_user.username == "editor"


def test_a_link_added_on_the_link_admin_goes_through_attach_source(editor_client, claim):
    source = Source.objects.create(url="https://czso.test/hdp")

    with mock.patch("sources.admin.attach_source", wraps=services.attach_source) as spy:
        response = editor_client.post(
            "/admin/sources/claimsource/add/",
            {"claim": claim.pk, "source": source.pk, "relation": "refutes", "note": "ČSÚ"},
        )

    assert response.status_code == 302
    assert spy.call_count == 1
    link = ClaimSource.objects.get()
    assert (link.relation, link.added_by.username) == ("refutes", "editor")
