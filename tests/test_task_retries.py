"""One retry policy for every task (core/taskbase.py): backoff with jitter, a countdown cap
below the broker's visibility timeout, and a final failure recorded where people look."""

from __future__ import annotations

import random

import pytest
from django.db import OperationalError

from claims import tasks
from claims.models import Article
from claims.services import extraction
from core import taskbase
from sources import tasks as source_tasks


def test_backoff_has_equal_jitter_within_half_and_whole_of_the_nominal_wait():
    rng = random.Random(7)
    waits = [taskbase.backoff_seconds(3, base=2, cap=300, rng=rng) for _ in range(200)]

    assert min(waits) >= 8
    assert max(waits) <= 16
    assert len({round(w, 3) for w in waits}) > 100  # spread: workers do not retry in step


@pytest.mark.parametrize(
    "task",
    [tasks.extract_article_task, tasks.dispatch_claim_event, source_tasks.archive_source_task],
)
def test_retry_chains_ride_out_a_90_second_database_restart(task, settings):
    cap = min(task.retry_backoff_cap, settings.TASK_RETRY_COUNTDOWN_MAX)
    shortest = taskbase.min_total_wait(
        max_retries=task.max_retries, base=task.retry_backoff_base, cap=cap
    )
    assert shortest > 90
    assert OperationalError in task.retry_on


def test_countdowns_stay_below_the_visibility_timeout(settings):
    longest = settings.TASK_RETRY_COUNTDOWN_MAX + settings.CELERY_TASK_TIME_LIMIT
    assert longest < settings.BROKER_VISIBILITY_TIMEOUT
    assert settings.CELERY_BROKER_TRANSPORT_OPTIONS["visibility_timeout"] == (
        settings.BROKER_VISIBILITY_TIMEOUT
    )


def test_extraction_retries_a_database_error_then_succeeds(desk, monkeypatch):
    article = Article.objects.create(body="x", body_sha256="5" * 64)
    outages = [OperationalError("server closed the connection unexpectedly")] * 3
    real = extraction.extract_article

    def flaky(*, article_id: int):
        if outages:
            raise outages.pop()
        return real(article_id=article_id)

    monkeypatch.setattr(extraction, "extract_article", flaky)
    monkeypatch.setattr(taskbase, "backoff_seconds", lambda n, base, cap: 0)

    result = tasks.extract_article_task.delay(article_id=article.pk).get()

    article.refresh_from_db()
    assert outages == []
    assert result in {"extracted", "failed"}
    assert article.status == result


def test_extraction_that_outlives_its_retries_marks_the_article_failed(desk, monkeypatch):
    article = Article.objects.create(body="x", body_sha256="6" * 64, status="extracting")
    attempts: list[int] = []

    def down(*, article_id: int):
        attempts.append(article_id)
        raise OperationalError("connection refused")

    monkeypatch.setattr(extraction, "extract_article", down)
    monkeypatch.setattr(taskbase, "backoff_seconds", lambda n, base, cap: 0)

    result = tasks.extract_article_task.delay(article_id=article.pk).get()

    article.refresh_from_db()
    assert result == "failed"
    assert len(attempts) == tasks.extract_article_task.max_retries + 1
    assert article.status == "failed"
    assert article.error == ("The database was unavailable through 8 retries: connection refused")


def test_the_engine_is_not_blamed_for_a_database_error_while_loading_actors(desk, monkeypatch):
    article = Article.objects.create(body="x", body_sha256="7" * 64)

    def down(**kwargs):
        raise OperationalError("terminating connection due to administrator command")

    monkeypatch.setattr(extraction, "build_registry", down)

    with pytest.raises(OperationalError):
        extraction.extract_article(article_id=article.pk)
    article.refresh_from_db()
    assert article.status == "extracting"  # left for the task's retry, not failed as a crash


def test_a_countdown_cap_too_small_for_a_database_restart_is_reported(settings):
    from claims.checks import retry_chain_check

    assert retry_chain_check() == []
    settings.TASK_RETRY_COUNTDOWN_MAX = 1
    [warning] = retry_chain_check()
    assert warning.id == "claims.W002"
    assert warning.msg.startswith("Extraction retries span only 4 s")
