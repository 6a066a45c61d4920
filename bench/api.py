"""Benchmark of the partner API's claim list against a bare `.values()` view, in one run.

    python bench/api.py [--claims 100000] [--requests 300] [--page-size 50]
    python bench/api.py seed --claims 300      # a small database for schemathesis; prints a key

SQLite at /tmp/factcheck_bench.sqlite3 by default; PostgreSQL (or anything) when DATABASE_URL
is set, e.g. DATABASE_URL=postgres://postgres@127.0.0.1:5432/factcheck_bench. The data is
generated once with bulk_create and reused by later runs. Requests go through Django's test
Client in-process (full middleware stack, no network), a bounded number of times.
"""

from __future__ import annotations

import argparse
import os
import secrets
import statistics
import sys
import time
import warnings
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "factcheck.settings")
os.environ.setdefault("DATABASE_URL", "sqlite:////tmp/factcheck_bench.sqlite3")
if "seed" not in sys.argv[1:2]:
    # Measure production-like settings: DEBUG would record every query in memory.
    os.environ.setdefault("DEBUG", "false")
    os.environ.setdefault("SECRET_KEY", secrets.token_urlsafe(50))
    # A production host list: the bench must not depend on Django's "testserver" being allowed.
    os.environ["ALLOWED_HOSTS"] = "api.bench.example"

# WhiteNoise complains about a missing STATIC_ROOT; the benchmark serves no static files.
warnings.filterwarnings("ignore", message="No directory at")

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.http import HttpRequest, JsonResponse  # noqa: E402
from django.test import Client, override_settings  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from django.urls import include, path  # noqa: E402

from claims.models import (  # noqa: E402
    Attribution,
    Claim,
)
from partners import selectors  # noqa: E402
from partners.models import Partner  # noqa: E402
from partners.services.partners import create_partner, issue_key  # noqa: E402

sys.path.insert(0, str(ROOT / "bench"))
from data import generate  # noqa: E402


def bare_claims(request: HttpRequest) -> JsonResponse:
    """The same rows as the API's first page, as plain dicts: the floor Django itself sets."""
    partner = Partner.objects.get(name="Bench partner")
    size = int(request.GET.get("page_size", 50))
    rows = list(
        selectors.claims_visible_to(partner)
        .order_by("-id")
        .values(
            "id",
            "text",
            "normalized_text",
            "span_start",
            "span_end",
            "kind",
            "checkworthiness",
            "article_id",
            "article__title",
            "article__url",
            "article__language",
            "article__published_at",
            "article__outlet_id",
            "article__outlet__name",
            "published_verdict__summary",
            "published_verdict__explanation",
            "published_verdict__as_of",
            "published_verdict__published_at",
            "published_verdict__rating__label",
            "published_verdict__rating__value",
            "published_verdict__rating__alternate_name",
            "published_verdict__rating__scale__best_value",
            "published_verdict__rating__scale__worst_value",
        )[:size]
    )
    by_claim: dict[int, list[dict]] = {row["id"]: [] for row in rows}
    for attribution in Attribution.objects.filter(claim_id__in=by_claim).values(
        "claim_id",
        "actor_id",
        "actor__name",
        "actor__kind",
        "actor_text",
        "actor_start",
        "actor_end",
        "cue_text",
        "cue_start",
        "cue_end",
        "stance",
        "confidence",
    ):
        by_claim[attribution["claim_id"]].append(attribution)
    for row in rows:
        row["attributions"] = by_claim[row["id"]]
    return JsonResponse({"results": rows})


urlpatterns = [
    path("bare/claims/", bare_claims),
    path("api/", include("partners.api.urls")),
]


def bench_partner() -> tuple[Partner, str]:
    partner = Partner.objects.filter(name="Bench partner").first() or create_partner(
        name="Bench partner", throttle_rate="100000000/hour"
    )
    _, key = issue_key(partner=partner, scopes="read,submit")
    return partner, key


def measure(
    client: Client, urls: dict[str, str], requests_: int, headers: dict[str, str]
) -> dict[str, dict[str, float]]:
    """Time `requests_` GETs of each URL (the same first page of rows), alternating in rounds
    of 10 so that background load on a shared machine hits both sides alike."""
    timings: dict[str, list[float]] = {name: [] for name in urls}
    for _ in range(0, requests_, 10):
        for name, url in urls.items():
            for _ in range(10):
                started = time.perf_counter()
                response = client.get(url, **headers)
                timings[name].append(time.perf_counter() - started)
                assert response.status_code == 200, response.content[:300]
    results = {}
    for name, url in urls.items():
        with CaptureQueriesContext(connection) as queries:
            client.get(url, **headers)
        results[name] = {
            "rps": len(timings[name]) / sum(timings[name]),
            "median_ms": statistics.median(timings[name]) * 1000,
            "queries": len(queries),
        }
    return results


def run_bench(args: argparse.Namespace) -> None:
    call_command("migrate", verbosity=0)
    generate(args.claims)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    _, key = bench_partner()
    client = Client(HTTP_HOST=os.environ.get("ALLOWED_HOSTS", "testserver").split(",")[0])
    # secure: production settings redirect plain HTTP to HTTPS.
    auth = {"HTTP_AUTHORIZATION": f"Api-Key {key}", "secure": True}
    size = args.page_size
    with override_settings(ROOT_URLCONF=__name__):
        for url in (f"/api/v1/claims/?page_size={size}", f"/bare/claims/?page_size={size}"):
            client.get(url, **auth)  # warm caches and imports
        results = measure(
            client,
            {"api": f"/api/v1/claims/?page_size={size}", "bare": f"/bare/claims/?page_size={size}"},
            args.requests,
            auth,
        )
    api, bare = results["api"], results["bare"]
    print(f"database: {connection.vendor}, {Claim.objects.count():,} claims, page of {size}")
    print(
        f"API claim list : {api['rps']:8.1f} req/s  median {api['median_ms']:6.1f} ms  "
        f"{api['queries']} queries/request"
    )
    print(
        f"bare .values() : {bare['rps']:8.1f} req/s  median {bare['median_ms']:6.1f} ms  "
        f"{bare['queries']} queries/request"
    )
    print(f"ratio API/bare : {api['rps'] / bare['rps']:.2f}")


def run_seed(args: argparse.Namespace) -> None:
    call_command("migrate", verbosity=0)
    generate(args.claims)
    _, key = bench_partner()
    print(key)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("command", nargs="?", default="bench", choices=["bench", "seed"])
    parser.add_argument("--claims", type=int, default=100_000)
    parser.add_argument("--requests", type=int, default=300)
    parser.add_argument("--page-size", type=int, default=50)
    args = parser.parse_args()
    if args.command == "seed":
        run_seed(args)
    else:
        run_bench(args)


if __name__ == "__main__":
    main()
