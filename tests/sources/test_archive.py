"""Archiving evidence: fetch outside the transaction, one snapshot per content, retries."""

from __future__ import annotations

import hashlib

import pytest
import requests

from sources import services
from sources.models import Snapshot, Source
from sources.tasks import archive_source_task


class FakeResponse:
    def __init__(self, status: int, body: bytes, content_type: str = "text/html") -> None:
        self.status_code = status
        self.headers = {"Content-Type": content_type}
        self._body = body

    def iter_content(self, size: int):  # type: ignore[no-untyped-def]
        yield self._body

    def __enter__(self):  # type: ignore[no-untyped-def]
        return self

    def __exit__(self, *exc: object) -> None:
        return None


PAGE = (
    b"<html><body><article><p>Ministry data: the deficit grew by 3 %.</p></article></body></html>"
)


@pytest.fixture
def source(db) -> Source:
    return Source.objects.create(url="https://stats.example.org/deficit", title="Deficit")


def test_archiving_stores_a_snapshot_with_its_hash_and_status(source, monkeypatch):
    monkeypatch.setattr(requests, "get", lambda *a, **k: FakeResponse(200, PAGE))

    snapshot = services.archive_source(source_id=source.pk)

    source.refresh_from_db()
    assert (snapshot.http_status, snapshot.sha256) == (200, hashlib.sha256(PAGE).hexdigest())
    assert bytes(snapshot.content) == PAGE
    assert source.archive_status == "archived"


def test_the_same_content_twice_is_one_snapshot(source, monkeypatch):
    monkeypatch.setattr(requests, "get", lambda *a, **k: FakeResponse(200, PAGE))

    first = archive_source_task.delay(source_id=source.pk).get()
    second = archive_source_task.delay(source_id=source.pk).get()

    assert first == second
    assert Snapshot.objects.filter(source=source).count() == 1


def test_a_404_is_recorded_and_marks_the_source_failed(source, monkeypatch):
    monkeypatch.setattr(
        requests, "get", lambda *a, **k: FakeResponse(404, b"not found", "text/plain")
    )

    services.archive_source(source_id=source.pk)

    source.refresh_from_db()
    assert (source.archive_status, source.archive_error) == ("failed", "HTTP 404 when archiving")


def test_a_network_error_schedules_a_retry_with_backoff(source, monkeypatch):
    from factcheck import taskbase

    answers: list[object] = [requests.ConnectionError("connection refused")] * 2

    def flaky(*args, **kwargs):  # type: ignore[no-untyped-def]
        if answers:
            raise answers.pop()
        raise requests.ConnectionError("still refused")

    nominal: list[float] = []
    monkeypatch.setattr(requests, "get", flaky)
    monkeypatch.setattr(
        taskbase, "backoff_seconds", lambda n, base, cap: nominal.append(min(cap, base * 2**n)) or 0
    )

    archive_source_task.apply(kwargs={"source_id": source.pk}, retries=1)

    # 30 s · 2ⁿ before jitter, from the second retry on, until the last one.
    assert nominal == [60, 120, 240, 480]


def test_the_last_retry_records_the_failure_for_editors(source, monkeypatch):
    def refuse(*args, **kwargs):  # type: ignore[no-untyped-def]
        raise requests.ConnectionError("connection refused")

    monkeypatch.setattr(requests, "get", refuse)

    result = archive_source_task.apply(
        kwargs={"source_id": source.pk}, retries=archive_source_task.max_retries
    ).get()

    source.refresh_from_db()
    assert result == "failed"
    assert source.archive_status == "failed"
    assert "connection refused" in source.archive_error
    assert not Snapshot.objects.exists()


def test_a_source_deleted_before_the_task_ran_is_skipped(db):
    assert archive_source_task.delay(source_id=987654).get() == "missing"
