"""Fault drill: a real worker and beat, their own PostgreSQL and Redis, and three outages.

    .venv/bin/python bench/faults.py [--pg-port 5441] [--redis-port 6391] [--hook-port 8151]
                                     [--pg-down 90] [--articles 4] [--publishes 3]

Creates (or reuses) a PostgreSQL cluster in /tmp/pg-faults and a Redis on --redis-port, both
its own: it never touches another server. Then, with a Celery worker, Celery beat (the outbox
sweep every 5 s) and a local webhook receiver:

1. stops Redis, submits articles, publishes claims, adds sources to archive and asks for an
   export job (the web side: the services the API and the admin call), starts Redis again;
2. restarts PostgreSQL (down for --pg-down seconds) while an article is being extracted;
3. kills the worker with SIGKILL while it extracts an article, and starts a new one;

and checks that every article ends extracted, every published event reaches the receiver exactly
once (counted by `webhook-id`, signature verified), no claim is stored twice, and every source
lost in the outage is archived and the export job done (the outbox sweep). Prints its
figures; exits 1 when a check fails. Short broker timeouts (visibility 40 s, hard time limit
30 s) keep the drill to a few minutes; production values are in docs/architecture.md.
"""

from __future__ import annotations

import argparse
import base64
import glob
import hashlib
import hmac
import json
import os
import shutil
import signal
import subprocess
import sys
import threading
import time
from collections import Counter
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PG_DIR = Path("/tmp/pg-faults")
REDIS_DIR = Path("/tmp/redis-faults")
LOG_DIR = Path("/tmp/faults-logs")
SECRET = "fault-drill-secret-0123456789"
DB_NAME = "factcheck_faults"


def sh(*args: str, check: bool = True, **kwargs: object) -> subprocess.CompletedProcess[str]:
    return subprocess.run(args, check=check, text=True, capture_output=True, **kwargs)  # type: ignore[call-overload]


# --- own servers ---------------------------------------------------------------------------


def pg_bin(name: str) -> str:
    return sorted(glob.glob(f"/usr/lib/postgresql/*/bin/{name}"))[-1]


def as_postgres(*args: str) -> list[str]:
    # initdb and pg_ctl refuse to run as root.
    return ["su", "postgres", "-c", " ".join(args)] if os.geteuid() == 0 else list(args)


def pg_start(port: int) -> None:
    if not (PG_DIR / "PG_VERSION").exists():
        PG_DIR.mkdir(parents=True, exist_ok=True)
        if os.geteuid() == 0:
            shutil.chown(PG_DIR, "postgres", "postgres")
        subprocess.run(
            as_postgres(pg_bin("initdb"), "-D", str(PG_DIR), "-A", "trust", "-U", "postgres"),
            check=True,
            capture_output=True,
        )
    subprocess.run(
        as_postgres(
            pg_bin("pg_ctl"),
            "-D",
            str(PG_DIR),
            "-l",
            str(PG_DIR / "server.log"),
            "-w",
            "-o",
            f"'-p {port} -k /tmp -c listen_addresses=127.0.0.1'",
            "start",
        ),
        check=True,
        capture_output=True,
    )


def pg_stop() -> None:
    subprocess.run(
        as_postgres(pg_bin("pg_ctl"), "-D", str(PG_DIR), "-m", "fast", "-w", "stop"),
        check=False,
        capture_output=True,
    )


def redis_start(port: int) -> None:
    REDIS_DIR.mkdir(parents=True, exist_ok=True)
    sh(
        "redis-server",
        "--port",
        str(port),
        "--bind",
        "127.0.0.1",
        "--daemonize",
        "yes",
        "--save",
        "",
        "--appendonly",
        "no",
        "--dir",
        str(REDIS_DIR),
    )
    for _ in range(50):
        if sh("redis-cli", "-p", str(port), "ping", check=False).stdout.strip() == "PONG":
            return
        time.sleep(0.1)
    raise RuntimeError("redis did not start")


def redis_stop(port: int) -> None:
    sh("redis-cli", "-p", str(port), "shutdown", "nosave", check=False)
    for _ in range(50):
        if sh("redis-cli", "-p", str(port), "ping", check=False).returncode != 0:
            return
        time.sleep(0.1)


# --- the partner's webhook receiver -----------------------------------------------------------


class Receiver:
    """Counts deliveries by webhook-id and verifies each signature (Standard Webhooks)."""

    def __init__(self, port: int) -> None:
        self.ids: Counter[str] = Counter()
        self.bad_signatures = 0
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                body = self.rfile.read(int(self.headers.get("Content-Length", "0")))
                msg_id = self.headers["webhook-id"]
                signed = f"{msg_id}.{self.headers['webhook-timestamp']}.".encode() + body
                expected = base64.b64encode(
                    hmac.new(SECRET.encode(), signed, hashlib.sha256).digest()
                ).decode()
                if self.headers["webhook-signature"] != f"v1,{expected}":
                    receiver.bad_signatures += 1
                receiver.ids[msg_id] += 1
                self.send_response(204)
                self.end_headers()

            def do_GET(self) -> None:
                # The sources' pages, for archiving.
                body = f"<html><body><p>Page {self.path}</p></body></html>".encode()
                self.send_response(200)
                self.send_header("Content-Type", "text/html; charset=utf-8")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args: object) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", port), Handler)
        threading.Thread(target=self.server.serve_forever, daemon=True).start()


# --- worker and beat --------------------------------------------------------------------------


def child_env(args: argparse.Namespace) -> dict[str, str]:
    return {
        **os.environ,
        "DATABASE_URL": f"postgres://postgres@127.0.0.1:{args.pg_port}/{DB_NAME}",
        "CELERY_BROKER_URL": f"redis://127.0.0.1:{args.redis_port}/0",
        "CACHE_URL": f"redis://127.0.0.1:{args.redis_port}/1",
        "OUTBOUND_ALLOWED_HOSTS": "127.0.0.1",
        # Countdown cap = visibility − hard limit − 60 = 60 s: the extraction's retries still
        # span at least 2 minutes (taskbase.min_total_wait), enough for --pg-down 90.
        "CELERY_VISIBILITY_TIMEOUT": "150",
        "CELERY_TASK_TIME_LIMIT": "30",
        "CELERY_TASK_SOFT_TIME_LIMIT": "25",
        "OUTBOX_SWEEP_SECONDS": "5",
        "OUTBOX_REDISPATCH_AFTER_SECONDS": "10",
        "EXTRACTION_STALE_SECONDS": "45",
        "CONN_MAX_AGE": "60",
        "MEDIA_ROOT": str(LOG_DIR / "media"),
    }


def start(kind: str, env: dict[str, str], name: str) -> subprocess.Popen[bytes]:
    LOG_DIR.mkdir(exist_ok=True)
    command = [sys.executable, "-m", "celery", "-A", "factcheck", kind, "--loglevel=info"]
    if kind == "worker":
        command += ["--pool=prefork", "--concurrency=1", f"--hostname={name}@%h"]
        command += ["--without-gossip", "--without-mingle"]
    else:
        command += ["--schedule", str(LOG_DIR / "beat-schedule")]
    with (LOG_DIR / f"{name}.log").open("ab") as log:
        return subprocess.Popen(
            command, cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True
        )


def kill(process: subprocess.Popen[bytes], sig: int = signal.SIGTERM) -> None:
    if process.poll() is None:
        os.killpg(process.pid, sig)
        process.wait(timeout=60)


def wait_for(predicate, timeout: float, what: str) -> float:  # type: ignore[no-untyped-def]
    started = time.monotonic()
    while time.monotonic() - started < timeout:
        try:
            if predicate():
                return time.monotonic() - started
        except Exception as exc:  # the database may be restarting under us
            print(f"    (waiting for {what}: {exc.__class__.__name__})")
            from django.db import connection

            connection.close()
        time.sleep(0.5)
    raise TimeoutError(f"timed out after {timeout:.0f} s waiting for {what}; logs in {LOG_DIR}")


# --- the drill --------------------------------------------------------------------------------


def article_text(n: int, paragraphs: int) -> str:
    sentence = (
        "Podle ministra financí Zbyňka Stanjury schodek rozpočtu v roce {y} klesne o {y} "
        "miliard korun. Opozice to popírá. „Rozpočet je nereálný,“ řekl poslanec {n}."
    )
    return "\n".join(sentence.format(y=2000 + n * 1000 + i, n=n) for i in range(paragraphs))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--pg-port", type=int, default=5441)
    parser.add_argument("--redis-port", type=int, default=6391)
    parser.add_argument("--hook-port", type=int, default=8151)
    parser.add_argument("--pg-down", type=float, default=90.0)
    parser.add_argument("--articles", type=int, default=4)
    parser.add_argument("--publishes", type=int, default=3)
    args = parser.parse_args()

    pg_start(args.pg_port)
    sh(pg_bin("dropdb"), "-h", "127.0.0.1", "-p", str(args.pg_port), "-U", "postgres",
       "--if-exists", DB_NAME)  # fmt: skip
    sh(pg_bin("createdb"), "-h", "127.0.0.1", "-p", str(args.pg_port), "-U", "postgres", DB_NAME)
    redis_start(args.redis_port)
    sh("redis-cli", "-p", str(args.redis_port), "flushall")
    env = child_env(args)
    os.environ.update(env)
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "factcheck.settings")
    import django

    django.setup()
    from django.contrib.auth.models import Group, User
    from django.core.management import call_command
    from django.db import connection

    from claims.exports.services import request_export
    from claims.extraction import extract
    from claims.models import Article, Claim, ClaimEvent, Desk, ExportJob, Rating, RatingScale
    from claims.services.articles import ingest_article
    from claims.services.extraction import build_registry
    from claims.services.workflow import save_verdict, transition_claim
    from partners.models import Partner, WebhookDelivery
    from sources.models import Source
    from sources.services import attach_source, get_or_create_source

    call_command("migrate", verbosity=0)
    scale = RatingScale.objects.create(name="Drill", slug="drill", best_value=2, worst_value=1)
    rating = Rating.objects.create(scale=scale, label="Nepravda", value=1, alternate_name="False")
    Desk.objects.create(name="Drill desk", slug="drill", rating_scale=scale)
    editor = User.objects.create_user("editor", is_staff=True)
    editor.groups.add(Group.objects.get(name="editor"))
    reviewer = User.objects.create_user("reviewer", is_staff=True)
    reviewer.groups.add(Group.objects.get(name="reviewer"))
    Partner.objects.create(
        name="Drill partner",
        webhook_url=f"http://127.0.0.1:{args.hook_port}/hook",
        webhook_secret=SECRET,
    )
    receiver = Receiver(args.hook_port)
    workers = [start("worker", env, "w1")]
    beat = start("beat", env, "beat")
    figures: dict[str, str] = {}
    failures: list[str] = []

    versions: dict[int, int] = {}

    def research(claim: Claim) -> None:
        transition_claim(claim_id=claim.pk, name="triage", user=editor)
        transition_claim(claim_id=claim.pk, name="research", user=editor)
        verdict = save_verdict(claim_id=claim.pk, user=editor, rating=rating, summary="Roste.")
        versions[claim.pk] = verdict.version
        source, _ = get_or_create_source(url=f"http://127.0.0.1:1/d-{claim.pk}", archive=False)
        attach_source(claim_id=claim.pk, source=source, relation="refutes", user=editor)
        transition_claim(claim_id=claim.pk, name="submit", user=editor)

    try:
        # Warm-up: claims to publish later, extracted while everything is up.
        seed = ingest_article(body=article_text(0, args.publishes), language="cs").article
        wait_for(lambda: Article.objects.get(pk=seed.pk).status == "extracted", 180, "warm-up")
        to_publish = list(Claim.objects.filter(article=seed).order_by("pk")[: args.publishes])
        for claim in to_publish:
            research(claim)

        print("1. Redis down during submits and publishes")
        redis_stop(args.redis_port)
        latencies = []
        submitted = []
        for n in range(1, args.articles + 1):
            started = time.monotonic()
            submitted.append(ingest_article(body=article_text(n, 3), language="cs").article.pk)
            latencies.append(time.monotonic() - started)
        for claim in to_publish:
            started = time.monotonic()
            transition_claim(
                claim_id=claim.pk,
                name="publish",
                user=reviewer,
                verdict_version=versions[claim.pk],
            )
            latencies.append(time.monotonic() - started)
        archived = []
        for n in range(1, 3):
            started = time.monotonic()
            url = f"http://127.0.0.1:{args.hook_port}/evidence-{n}"
            archived.append(get_or_create_source(url=url)[0].pk)
            latencies.append(time.monotonic() - started)
        started = time.monotonic()
        export = request_export(user=reviewer, fmt="csv", filters={}).pk
        latencies.append(time.monotonic() - started)
        figures["calls with Redis down"] = (
            f"{len(latencies)} ({args.articles} submits, {len(to_publish)} publishes, "
            f"{len(archived)} sources, 1 export job), 0 errors, slowest {max(latencies):.2f} s"
        )
        pending = ClaimEvent.objects.filter(notified_at__isnull=True).count()
        figures["events left pending by the outage"] = str(pending)
        redis_start(args.redis_port)
        back = time.monotonic()
        wait_for(
            lambda: (
                Article.objects.filter(pk__in=submitted, status="extracted").count()
                == len(submitted)
            ),
            240,
            "the submitted articles to be extracted",
        )
        figures["Redis back → all submitted articles extracted"] = (
            f"{time.monotonic() - back:.1f} s"
        )
        wait_for(lambda: len(receiver.ids) == len(to_publish), 240, "the webhooks to be delivered")
        figures["Redis back → all webhooks delivered"] = f"{time.monotonic() - back:.1f} s"
        wait_for(
            lambda: (
                Source.objects.filter(pk__in=archived, archive_status="archived").count()
                == len(archived)
            ),
            240,
            "the sources to be archived",
        )
        figures["Redis back → the sources archived"] = f"{time.monotonic() - back:.1f} s"
        wait_for(lambda: ExportJob.objects.get(pk=export).status == "done", 240, "the export job")
        figures["Redis back → the export job done"] = f"{time.monotonic() - back:.1f} s"

        print(f"2. PostgreSQL restarted during an extraction (down {args.pg_down:.0f} s)")
        big = ingest_article(body=article_text(50, 150), language="cs").article.pk
        wait_for(lambda: Article.objects.get(pk=big).status == "extracting", 120, "extracting")
        connection.close()
        pg_stop()
        time.sleep(args.pg_down)
        pg_start(args.pg_port)
        up = time.monotonic()
        wait_for(lambda: Article.objects.get(pk=big).status == "extracted", 600, "extraction")
        figures["PostgreSQL up → the article extracted"] = f"{time.monotonic() - up:.1f} s"

        print("3. Worker killed (SIGKILL) during an extraction")
        doomed = ingest_article(body=article_text(60, 150), language="cs").article.pk
        wait_for(lambda: Article.objects.get(pk=doomed).status == "extracting", 120, "extracting")
        kill(workers[0], signal.SIGKILL)
        killed = time.monotonic()
        workers.append(start("worker", env, "w2"))
        wait_for(lambda: Article.objects.get(pk=doomed).status == "extracted", 600, "recovery")
        figures["SIGKILL → the article extracted by the new worker"] = (
            f"{time.monotonic() - killed:.1f} s (visibility timeout 150 s, stale after 45 s)"
        )

        time.sleep(15)  # let late duplicates, if any, arrive
        articles = Article.objects.all()
        not_extracted = [a.pk for a in articles if a.status != "extracted"]
        if not_extracted:
            failures.append(f"articles not extracted: {not_extracted}")
        duplicates = sum(n - 1 for n in receiver.ids.values())
        deliveries = WebhookDelivery.objects.count()
        undelivered = WebhookDelivery.objects.exclude(status="delivered").count()
        if duplicates or undelivered or len(receiver.ids) != len(to_publish):
            failures.append(
                f"webhooks: {len(receiver.ids)} ids for {len(to_publish)} publishes, "
                f"{duplicates} duplicates, {undelivered} undelivered"
            )
        if receiver.bad_signatures:
            failures.append(f"{receiver.bad_signatures} deliveries with a bad signature")
        registry = build_registry()
        extra = 0
        for article in articles:
            expected = len(extract(article.body, language="cs", registry=registry).claims)
            stored = Claim.objects.filter(article=article).count()
            spans = Claim.objects.filter(article=article).values("span_start", "span_end")
            extra += stored - expected + (stored - spans.distinct().count())
        if extra:
            failures.append(f"{extra} claims stored more than once")
        figures["articles extracted"] = (
            f"{articles.count() - len(not_extracted)}/{articles.count()}"
        )
        figures["webhooks received"] = (
            f"{sum(receiver.ids.values())} for {len(to_publish)} publishes "
            f"({deliveries} deliveries, {duplicates} duplicates, {receiver.bad_signatures} bad "
            "signatures)"
        )
        figures["claims"] = f"{Claim.objects.count()} stored, {extra} duplicated"
    finally:
        for process in [*workers, beat]:
            kill(process)
        receiver.server.shutdown()
        connection.close()
        redis_stop(args.redis_port)
        pg_stop()

    width = max(len(k) for k in figures)
    for key, value in figures.items():
        print(f"  {key:<{width}}  {value}")
    for failure in failures:
        print(f"  FAILED: {failure}")
    print(json.dumps({"ok": not failures}))
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
