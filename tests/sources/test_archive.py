"""Archiving evidence: fetch outside the transaction, one snapshot per content, retries."""

from __future__ import annotations

import hashlib

import pytest

from sources import services
from sources.models import Snapshot, Source
from sources.tasks import archive_source_task
from tests.sources.conftest import PAGE


@pytest.fixture
def source(db, stats_site) -> Source:
    return Source.objects.create(url=stats_site.url("/deficit", host="stats.test"), title="Deficit")


def test_archiving_stores_a_snapshot_with_its_hash_and_status(source):

    snapshot = services.archive_source(source_id=source.pk)

    source.refresh_from_db()
    assert (snapshot.http_status, snapshot.sha256) == (200, hashlib.sha256(PAGE).hexdigest())
    assert bytes(snapshot.content) == PAGE
    assert source.archive_status == "archived"


def test_the_same_content_twice_is_one_snapshot(source):

    first = archive_source_task.delay(source_id=source.pk).get()
    second = archive_source_task.delay(source_id=source.pk).get()

    assert first == second
    assert Snapshot.objects.filter(source=source).count() == 1


def test_a_404_is_recorded_and_marks_the_source_failed(source, stats_site):
    stats_site.route("/deficit", status=404, body=b"not found", content_type="text/plain")

    services.archive_source(source_id=source.pk)

    source.refresh_from_db()
    assert (source.archive_status, source.archive_error) == ("failed", "HTTP 404 when archiving")


def test_a_network_error_schedules_a_retry_with_backoff(source, stats_site, monkeypatch):
    from core import taskbase

    stats_site.stop()

    nominal: list[float] = []
    monkeypatch.setattr(
        taskbase, "backoff_seconds", lambda n, base, cap: nominal.append(min(cap, base * 2**n)) or 0
    )

    archive_source_task.apply(kwargs={"source_id": source.pk}, retries=1)

    # 30 s · 2ⁿ before jitter, from the second retry on, until the last one.
    assert nominal == [60, 120, 240, 480]


def test_the_last_retry_records_the_failure_for_editors(source, stats_site):
    stats_site.stop()

    result = archive_source_task.apply(
        kwargs={"source_id": source.pk}, retries=archive_source_task.max_retries
    ).get()

    source.refresh_from_db()
    assert result == "failed"
    assert source.archive_status == "failed"
    assert "Connection refused" in source.archive_error
    assert not Snapshot.objects.exists()


def test_a_source_deleted_before_the_task_ran_is_skipped(db):
    assert archive_source_task.delay(source_id=987654).get() == "missing"


def test_a_source_on_an_internal_address_is_never_fetched(db, local_server, fake_dns):
    # An editor pastes a link that resolves inside the desk's network: refused, not retried.
    fake_dns.names["intranet.test"] = ["127.0.0.1"]
    local_server.route("/secret", body=b"internal")
    source = Source.objects.create(url=local_server.url("/secret", host="intranet.test"))

    result = archive_source_task.delay(source_id=source.pk).get()

    source.refresh_from_db()
    assert result == "refused"
    assert source.archive_status == "failed"
    assert "not a public address" in source.archive_error
    assert local_server.connections == []


def test_a_video_is_not_archived(source, stats_site):
    stats_site.route("/deficit", body=b"\x00" * 10, content_type="video/mp4")

    assert archive_source_task.delay(source_id=source.pk).get() == "refused"

    source.refresh_from_db()
    assert source.archive_status == "failed"
    assert not Snapshot.objects.exists()
