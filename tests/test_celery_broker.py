"""Real Redis, real Celery worker processes: ingestion is extracted by a worker, and a worker
killed mid-task hands the task to the next worker without duplicating claims.

Runs when CELERY_BROKER_URL is set (CI's second pass); the worker processes use the test
database, so these tests commit their data (transactional_db).
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection

from claims.extraction import extract
from claims.models import Article, Claim, ClaimEvent
from claims.services.articles import ingest_article
from claims.services.extraction import build_registry

pytestmark = [
    pytest.mark.broker,
    pytest.mark.skipif(not settings.CELERY_BROKER_URL, reason="needs CELERY_BROKER_URL (CI)"),
]

ROOT = Path(__file__).resolve().parent.parent
# Short, so a task left unacknowledged by a killed worker is handed back within the test.
VISIBILITY_TIMEOUT = 6


def _database_url() -> str:
    db = connection.settings_dict
    if db["ENGINE"].endswith("sqlite3"):
        return f"sqlite:///{db['NAME']}"
    return f"postgres://{db['USER']}@{db['HOST']}:{db['PORT']}/{db['NAME']}"


def _start_worker(tmp_path: Path, name: str) -> subprocess.Popen[bytes]:
    env = {
        **os.environ,
        "DATABASE_URL": _database_url(),
        "CELERY_VISIBILITY_TIMEOUT": str(VISIBILITY_TIMEOUT),
        # These workers test extraction's delivery; the matching task that storing queues would
        # load the embedding model and hold a solo worker past its warm-shutdown wait.
        "MATCH_ON_STORE": "false",
    }
    # The child keeps its own descriptor of the log; the parent's copy is closed at once.
    with (tmp_path / f"{name}.log").open("wb") as log:
        return subprocess.Popen(
            [
                sys.executable,
                "-m",
                "celery",
                "-A",
                "factcheck",
                "worker",
                "--pool=solo",
                "--concurrency=1",
                f"--hostname={name}@%h",
                "--loglevel=info",
                "--without-gossip",
                "--without-mingle",
                "--without-heartbeat",
            ],
            cwd=ROOT,
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )


def _stop(worker: subprocess.Popen[bytes], sig: int = signal.SIGTERM) -> None:
    if worker.poll() is None:
        os.killpg(worker.pid, sig)
        worker.wait(timeout=30)


def _wait_for(predicate, timeout: float, what: str, logs: Path) -> None:  # type: ignore[no-untyped-def]
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return
        time.sleep(0.2)
    tail = "\n".join(p.read_text(errors="replace")[-3000:] for p in sorted(logs.glob("*.log")))
    pytest.fail(f"timed out after {timeout}s waiting for {what}; worker logs:\n{tail}")


@pytest.fixture
def clean_broker():
    import redis

    client = redis.Redis.from_url(settings.CELERY_BROKER_URL)
    client.flushdb()
    yield
    client.flushdb()


def _article_text(paragraphs: int) -> str:
    sentence = (
        "Podle ministra financí Zbyňka Stanjury schodek rozpočtu v roce {n} klesne o "
        "{n} miliard korun. Opozice to popírá. „Rozpočet je nereálný,“ řekl {n}. "
        "poslanec opozice."
    )
    return "\n".join(sentence.format(n=2000 + i) for i in range(paragraphs))


@pytest.mark.django_db(transaction=True)
def test_worker_extracts_an_ingested_article(tmp_path, clean_broker, desk):
    worker = _start_worker(tmp_path, "w1")
    try:
        result = ingest_article(body=_article_text(3), title="Rozpočet", language="cs")

        _wait_for(
            lambda: Article.objects.get(pk=result.article.pk).status in {"extracted", "failed"},
            timeout=90,
            what="the worker to extract the article",
            logs=tmp_path,
        )
    finally:
        _stop(worker)

    article = Article.objects.get(pk=result.article.pk)
    assert (article.status, article.error) == ("extracted", "")
    expected = extract(article.body, language="cs", registry=build_registry())
    assert article.claims.count() == len(expected.claims)


@pytest.mark.django_db(transaction=True)
def test_task_of_a_killed_worker_is_redelivered_and_extracted_once(tmp_path, clean_broker, desk):
    first = _start_worker(tmp_path, "killed")
    try:
        # Large enough that extraction runs for seconds: the kill lands mid-task.
        result = ingest_article(body=_article_text(1500), title="Dlouhý", language="cs")
        article_id = result.article.pk
        _wait_for(
            lambda: Article.objects.get(pk=article_id).status == "extracting",
            timeout=90,
            what="the first worker to start the task",
            logs=tmp_path,
        )
    finally:
        _stop(first, signal.SIGKILL)
    assert Article.objects.get(pk=article_id).status == "extracting"
    assert Claim.objects.filter(article_id=article_id).count() == 0

    time.sleep(VISIBILITY_TIMEOUT + 1)
    second = _start_worker(tmp_path, "second")
    try:
        _wait_for(
            lambda: Article.objects.get(pk=article_id).status in {"extracted", "failed"},
            timeout=240,
            what="the redelivered task to finish",
            logs=tmp_path,
        )
    finally:
        _stop(second)

    article = Article.objects.get(pk=article_id)
    expected = extract(article.body, language="cs", registry=build_registry())
    claims = Claim.objects.filter(article_id=article_id)
    assert article.status == "extracted"
    assert claims.count() == len(expected.claims)
    assert ClaimEvent.objects.filter(claim__article_id=article_id, kind="created").count() == len(
        expected.claims
    )


@pytest.mark.django_db(transaction=True)
def test_an_extraction_whose_message_was_lost_is_swept_to_a_real_worker(
    tmp_path, clean_broker, desk
):
    import datetime as dt

    import redis
    from django.utils import timezone

    from claims.services import outbox

    # No worker yet: the message waits in Redis, and is lost with Redis's data (a restart
    # without persistence).
    result = ingest_article(body=_article_text(2), title="Ztracená", language="cs")
    redis.Redis.from_url(settings.CELERY_BROKER_URL).flushdb()
    worker = _start_worker(tmp_path, "sweeper")
    try:
        swept = outbox.sweep(now=timezone.now() + dt.timedelta(minutes=3))
        _wait_for(
            lambda: Article.objects.get(pk=result.article.pk).status == "extracted",
            timeout=90,
            what="the swept extraction",
            logs=tmp_path,
        )
    finally:
        _stop(worker)

    assert swept.articles == 1
    expected = extract(result.article.body, language="cs", registry=build_registry())
    assert Claim.objects.filter(article_id=result.article.pk).count() == len(expected.claims)
