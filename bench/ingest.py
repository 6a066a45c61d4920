"""Ingestion end to end (service → engine → database) against a parse-only pass, in one run.

    createdb -h 127.0.0.1 -U postgres factcheck_ingest_bench
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/factcheck_ingest_bench \\
        python bench/ingest.py [--articles 200] [--workers 2]

The articles: the texts of ../shared/eval (realnews, PolNeAR and adaq dev sets, then PolNeAR's
training set; research-only, read here and never stored in the project) when present, else
seeds/gold. Each run empties the
bench database's articles first (it refuses a database whose name lacks "bench").

- parse only: the engine's own spaCy pipelines over the same texts (nlp.pipe), nothing else;
- engine only: `extract` on each text, no database (where the rest of the time goes);
- end to end: `ingest_article` for each text with extraction in-process (eager Celery), so
  the time includes cleaning, the engine, storing claims, attributions, events and history
  (not the claim-matching task that storing queues for another worker: bench/matching.py);
- with --workers N: N processes ingest disjoint shares at once (how a deployment scales:
  worker processes, not spaCy's n_process), timed from when all have loaded their models,
  against the single process's end-to-end time (the load-up is printed beside it).

The three single-process passes run in rounds of ten articles, each round timing all three in
turn, so that other work on a shared machine weighs on each pass alike; the load average is
printed before and after.

Goal (issue 16): end to end ≥ 0.8× the parse-only pass.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "factcheck.settings")
os.environ.setdefault("DATABASE_URL", "sqlite:////tmp/factcheck_ingest_bench.sqlite3")
os.environ.pop("CELERY_BROKER_URL", None)  # extraction in-process: the engine's time is ours

import logging  # noqa: E402

import django  # noqa: E402

django.setup()
logging.disable(logging.INFO)  # a log line per task would be part of what is measured

from django.conf import settings  # noqa: E402

# Embedding and matching new claims is another task on another worker (bench/matching.py
# measures it); run eagerly here it would be timed as ingestion.
settings.MATCH_ON_STORE = False

from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402

from claims.extraction import extract  # noqa: E402
from claims.extraction.pipeline import get_nlp  # noqa: E402
from claims.models import Actor, Article  # noqa: E402
from claims.services.articles import ingest_article  # noqa: E402
from claims.services.extraction import build_registry  # noqa: E402

SHARED = ROOT.parent / "shared" / "eval"
# The dev sets first; PolNeAR's training set (English news, 834 articles) only when more are
# asked for, so that worker start-up (loading spaCy) is amortised over minutes of work.
CORPORA = [
    "realnews_dev.gold.jsonl",
    "polnear_dev.gold.jsonl",
    "adaq_cs_dev.gold.jsonl",
    "polnear_train.gold.jsonl",
]
ROUND = 10  # articles per round: each round times all three passes (see main)


def corpus(limit: int) -> list[tuple[str, str]]:
    """(text, language) pairs, long enough to be articles, at most `limit`."""
    docs: list[tuple[str, str]] = []
    for name in CORPORA:
        path = SHARED / name
        if path.exists():
            for line in path.read_text(encoding="utf-8").splitlines():
                doc = json.loads(line)
                if len(doc["text"]) >= 300:
                    docs.append((doc["text"], doc["lang"]))
    if not docs:
        for path in sorted((ROOT / "seeds" / "gold").glob("*.json")):
            doc = json.loads(path.read_text(encoding="utf-8"))
            docs.append((doc["text"], doc["lang"]))
    return docs[:limit]


def parse_only(docs: list[tuple[str, str]]) -> float:
    started = time.perf_counter()
    for lang in sorted({lang for _, lang in docs}):
        for _ in get_nlp(lang).pipe([t for t, d in docs if d == lang], batch_size=16):
            pass
    return time.perf_counter() - started


def engine_only(docs: list[tuple[str, str]]) -> float:
    registry = build_registry()
    started = time.perf_counter()
    for text, lang in docs:
        extract(text, language=lang, registry=registry)
    return time.perf_counter() - started


def ingest(docs: list[tuple[str, str]]) -> float:
    started = time.perf_counter()
    ids = [ingest_article(body=text, language=lang).article.pk for text, lang in docs]
    took = time.perf_counter() - started
    # Checked after the clock stops: the bench's own query, not ingestion's.
    failed = Article.objects.filter(pk__in=ids).exclude(status=Article.Status.EXTRACTED)
    assert not failed.exists(), list(failed.values_list("pk", "status", "error"))
    return took


def empty_articles() -> None:
    name = str(connection.settings_dict["NAME"])
    if "bench" not in name:
        sys.exit(f"refusing to delete the articles of {name!r}: its name lacks 'bench'")
    Article.objects.all().delete()


def worker(share: str, articles: int) -> None:
    """One of --workers processes: load the models, say so, wait for the start, then ingest
    its share and print the seconds it took."""
    index, count = (int(x) for x in share.split("/"))
    docs = corpus(articles)[index::count]
    for lang in sorted({lang for _, lang in docs}):
        list(get_nlp(lang).pipe(["Warm up."]))
    build_registry()
    print("ready", flush=True)
    sys.stdin.readline()
    print(f"{ingest(docs):.3f}", flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=200)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--share", help=argparse.SUPPRESS)  # "i/n": a worker's part
    args = parser.parse_args()
    if args.share:
        worker(args.share, args.articles)
        return
    docs = corpus(args.articles)
    call_command("migrate", verbosity=0)
    for lang in sorted({lang for _, lang in docs}):  # load and warm both pipelines first
        list(get_nlp(lang).pipe(["Warm up."]))
    build_registry()
    chars = sum(len(t) for t, _ in docs)
    print(f"{connection.vendor}: {len(docs)} articles, {chars:,} characters")
    print(f"  load average : {os.getloadavg()[0]:.1f} (2 cores; other work shares them)")
    empty_articles()
    # Rounds of ROUND articles, each timed by all three passes in turn (the order rotating), so
    # that load from other processes on a shared machine falls on all three alike.
    passes = {"parse": parse_only, "engine": engine_only, "ingest": ingest}
    totals = dict.fromkeys(passes, 0.0)
    actors_before = Actor.objects.count()
    for number, start in enumerate(range(0, len(docs), ROUND)):
        chunk = docs[start : start + ROUND]
        names = list(passes)
        for name in names[number % 3 :] + names[: number % 3]:
            totals[name] += passes[name](chunk)
    bare, engine, full = totals["parse"], totals["engine"], totals["ingest"]
    rate = len(docs) * 60
    print(f"  parse only   : {bare:7.1f} s  {rate / bare:7.1f} articles/min")
    print(f"  engine only  : {engine:7.1f} s  {rate / engine:7.1f} articles/min (no database)")
    # New speakers cost an actor each (with its history and aliases): a first run over articles
    # whose speakers the database has never seen stores more than a later one.
    made = Actor.objects.count() - actors_before
    print(
        f"  end to end   : {full:7.1f} s  {rate / full:7.1f} articles/min "
        f"({made} new actors for speakers not seen before)"
    )
    print(f"  ratio        : {bare / full:.2f} of the parse-only pass (goal ≥ 0.8)")
    print(f"  load average : {os.getloadavg()[0]:.1f}")
    if args.workers > 1:
        empty_articles()
        spawned = time.perf_counter()
        workers = [
            subprocess.Popen(
                [
                    sys.executable,
                    __file__,
                    "--articles",
                    str(args.articles),
                    "--share",
                    f"{i}/{args.workers}",
                ],
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                text=True,
            )
            for i in range(args.workers)
        ]
        for w in workers:  # each has loaded its models
            assert w.stdout is not None
            assert w.stdout.readline().strip() == "ready"
        started = time.perf_counter()
        for w in workers:
            assert w.stdin is not None
            w.stdin.write("go\n")
            w.stdin.flush()
        for w in workers:
            out, _ = w.communicate()
            assert w.returncode == 0, out
        wall = time.perf_counter() - started
        loading = started - spawned
        print(
            f"  {args.workers} workers    : {wall:7.1f} s  {rate / wall:7.1f} articles/min "
            f"({full / wall:.2f}× one process; loading the models took {loading:.1f} s more)"
        )
        print(f"  load average : {os.getloadavg()[0]:.1f}")


if __name__ == "__main__":
    main()
