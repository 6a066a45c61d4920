"""Storing extraction output: the bulk `_store` against the row-by-row loop it replaced.

    createdb -h 127.0.0.1 -U postgres factcheck_store_bench
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/factcheck_store_bench \\
        python bench/store.py --claims 20 100 400 --repeat 5

For each claim count, a fake engine result (two attributions per claim, no new actors) is
stored into a fresh article by both implementations, `--repeat` times each, and the median
wall time of the store (the transaction only, not the engine) is printed with the query count.
Refuses to touch a database whose name does not contain "bench".
"""

from __future__ import annotations

import argparse
import hashlib
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "factcheck.settings")

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection, reset_queries, transaction  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

from claims.extraction import Attribution as Found  # noqa: E402
from claims.extraction import Claim as FoundClaim  # noqa: E402
from claims.extraction import ExtractionResult  # noqa: E402
from claims.models import Article, Attribution, Claim, ClaimEvent  # noqa: E402
from claims.services import extraction  # noqa: E402


def fake_result(n: int) -> ExtractionResult:
    said = Found(None, None, "ministr", (0, 7), "řekl", (8, 12), "asserts", 0.8)
    denied = Found(None, None, "opozice", (20, 27), "popřela", (28, 35), "denies", 0.7)
    claims = [
        FoundClaim(f"claim {i}", (100 * i, 100 * i + 50), "indirect", 0.5, [said, denied])
        for i in range(n)
    ]
    return ExtractionResult("ok", "cs", "bench", claims=claims)


@transaction.atomic
def row_by_row(*, article_id: int, result: ExtractionResult) -> None:
    """The loop before bulk storing: one INSERT per claim, per attribution batch, per event."""
    article = Article.objects.select_for_update().get(pk=article_id)
    article.claims.exclude(extraction._kept_claims()).delete()
    for found in result.claims:
        claim = Claim.objects.create(
            article=article,
            text=found.text,
            span_start=found.span[0],
            span_end=found.span[1],
            kind=found.kind,
            checkworthiness=found.checkworthy,
        )
        Attribution.objects.bulk_create(
            [extraction._attribution(claim, a, {}, "cs") for a in found.attributions]
        )
        ClaimEvent.objects.create(claim=claim, kind=ClaimEvent.Kind.CREATED, to_status="new")


def measure(store, n: int, repeat: int) -> tuple[float, int]:
    times, queries = [], 0
    for _ in range(repeat):
        body = f"bench {time.perf_counter_ns()}"
        article = Article.objects.create(
            body=body, body_sha256=hashlib.sha256(body.encode()).hexdigest(), language="cs"
        )
        result = fake_result(n)
        reset_queries()  # the query log keeps 9,000 entries; start each run empty
        with CaptureQueriesContext(connection) as captured:
            started = time.perf_counter()
            store(article_id=article.pk, result=result)
            times.append(time.perf_counter() - started)
        queries = len(captured)
        article.delete()
    return statistics.median(times), queries


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--claims", type=int, nargs="+", default=[20, 100, 400])
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    if "bench" not in connection.settings_dict["NAME"]:
        sys.exit("refusing: the database name must contain 'bench'")
    call_command("migrate", verbosity=0)
    print(f"{'claims':>7} {'row-by-row':>12} {'queries':>8} {'bulk':>10} {'queries':>8} {'×':>6}")
    for n in args.claims:
        slow, slow_q = measure(row_by_row, n, args.repeat)
        fast, fast_q = measure(extraction._store, n, args.repeat)
        print(
            f"{n:>7} {slow * 1000:>10.1f}ms {slow_q:>8} {fast * 1000:>8.1f}ms {fast_q:>8} "
            f"{slow / fast:>6.2f}"
        )


if __name__ == "__main__":
    main()
