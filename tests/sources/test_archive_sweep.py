"""A source whose archive task was lost (broker outage, dead worker) is archived by the sweep.

The broker's refusal is simulated at the edge (`Task.delay` raising kombu's error).
"""

from __future__ import annotations

import pytest
from celery import Task

from claims.services import outbox
from sources import services
from sources.models import Snapshot, Source
from sources.tasks import ArchiveTask
from tests.outage import later, refuse
from tests.sources.conftest import PAGE


@pytest.fixture
def prompts(monkeypatch):
    """Messages sent (not run): the sweep's output, without executing the tasks."""
    sent: list[tuple[str, dict]] = []
    monkeypatch.setattr(Task, "delay", lambda self, **kw: sent.append((self.name, kw)))
    return sent


@pytest.fixture
def url(db, stats_site) -> str:
    return stats_site.url("/deficit", host="stats.test")


def test_a_source_saved_with_the_broker_down_is_archived_after_the_sweep(
    url, monkeypatch, django_capture_on_commit_callbacks
):
    with monkeypatch.context() as broker_down:
        broker_down.setattr(Task, "delay", refuse)
        with django_capture_on_commit_callbacks(execute=True):
            source, created = services.get_or_create_source(url=url, title="Deficit")
    assert created
    source.refresh_from_db()
    assert source.archive_status == "pending"

    # The broker is back (eager here: the prompted task runs at once).
    swept = outbox.sweep(now=later(180))

    source.refresh_from_db()
    assert swept.sources == 1
    assert source.archive_status == "archived"
    assert bytes(Snapshot.objects.get(source=source).content) == PAGE


def test_the_sweep_prompts_a_lost_archive_once_and_only_when_due(url, prompts):
    source, _ = services.get_or_create_source(url=url)
    prompts.clear()  # the prompt sent at save time was "lost"

    too_early = outbox.sweep(now=later(30))
    due = outbox.sweep(now=later(180))
    again = outbox.sweep(now=later(180))

    assert (too_early.sources, due.sources, again.sources) == (0, 1, 0)
    assert prompts == [("sources.archive_source", {"source_id": source.pk})]


def test_a_source_created_without_archiving_is_never_swept(url, prompts):
    services.get_or_create_source(url=url, archive=False)

    assert outbox.sweep(now=later(3600)).sources == 0
    assert prompts == []


def test_a_retry_waiting_for_its_countdown_is_not_prompted_twice(url, prompts):
    source, _ = services.get_or_create_source(url=url)
    prompts.clear()
    # The task failed and scheduled its retry in 10 minutes (the hook the worker calls).
    ArchiveTask().on_retry_scheduled(600.0, {"source_id": source.pk})

    assert outbox.sweep(now=later(180)).sources == 0
    assert outbox.sweep(now=later(600 + 180)).sources == 1


def test_a_source_whose_archive_is_lost_every_time_is_failed_with_the_reason(
    url, prompts, settings
):
    settings.SOURCE_ARCHIVE_MAX_PROMPTS = 2
    source, _ = services.get_or_create_source(url=url)

    counts = [outbox.sweep(now=later(180 * n)).sources for n in (1, 2, 3)]

    source.refresh_from_db()
    assert counts == [1, 1, 0]
    assert source.archive_status == "failed"
    assert "queued 3 times and never finished" in source.archive_error


def test_correcting_the_url_restarts_the_sweep_clock(url, prompts, stats_site):
    source, _ = services.get_or_create_source(url=url)
    Source.objects.filter(pk=source.pk).update(archive_prompts=4)

    services.update_source(
        source=source, changes={"url": stats_site.url("/other", host="stats.test")}
    )

    source.refresh_from_db()
    assert (source.archive_status, source.archive_prompts) == ("pending", 0)
    assert source.archive_queued_at > later(-5)
