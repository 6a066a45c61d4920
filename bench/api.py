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
import datetime as dt
import hashlib
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

# WhiteNoise complains about a missing STATIC_ROOT; the benchmark serves no static files.
warnings.filterwarnings("ignore", message="No directory at")

import django  # noqa: E402

django.setup()

from django.contrib.auth.models import User  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection, transaction  # noqa: E402
from django.db.models import OuterRef, Subquery  # noqa: E402
from django.http import HttpRequest, JsonResponse  # noqa: E402
from django.test import Client, override_settings  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from django.urls import include, path  # noqa: E402

from claims.models import (  # noqa: E402
    Actor,
    Article,
    Attribution,
    Claim,
    ClaimEvent,
    Desk,
    Outlet,
    Rating,
    RatingScale,
    Verdict,
)
from factcheck import selectors  # noqa: E402
from factcheck.models import Partner  # noqa: E402
from factcheck.services.partners import create_partner, issue_key  # noqa: E402
from sources.models import ClaimSource, Source  # noqa: E402

CLAIMS_PER_ARTICLE = 10
STANCES = ["asserts", "asserts", "asserts", "denies", "doubts", "promises"]


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
    path("api/", include("factcheck.api.urls")),
]


def generate(total: int) -> None:
    """Bulk-create `total` claims (60% published) with attributions, actors and verdicts."""
    have = Claim.objects.count()
    if have >= total:
        print(f"database has {have:,} claims already", file=sys.stderr)
        return
    started = time.perf_counter()
    with transaction.atomic():
        scale, _ = RatingScale.objects.get_or_create(
            slug="bench", defaults={"name": "Bench scale", "best_value": 4, "worst_value": 1}
        )
        ratings = []
        for order, (label, value, alt) in enumerate(
            [("Pravda", 4, "True"), ("Zavádějící", 2, "Misleading"), ("Nepravda", 1, "False")]
        ):
            rating, _ = Rating.objects.get_or_create(
                scale=scale,
                label=label,
                defaults={"value": value, "alternate_name": alt, "order": order},
            )
            ratings.append(rating)
        desk, _ = Desk.objects.get_or_create(
            slug="bench", defaults={"name": "Bench desk", "rating_scale": scale}
        )
        author, _ = User.objects.get_or_create(username="bench-author", defaults={"is_staff": True})
        reviewer, _ = User.objects.get_or_create(
            username="bench-reviewer", defaults={"is_staff": True}
        )
        outlets = [Outlet.objects.get_or_create(name=f"Outlet {i}")[0] for i in range(20)]
        Actor.objects.bulk_create(
            [Actor(name=f"Actor {i}", kind="person") for i in range(500)], ignore_conflicts=True
        )
        actors = list(Actor.objects.filter(name__startswith="Actor ").values_list("pk", flat=True))

        start_article = Article.objects.count()
        n_articles = (total - have + CLAIMS_PER_ARTICLE - 1) // CLAIMS_PER_ARTICLE
        sentence = "Podle mluvčího schodek letos klesne o mnoho miliard korun. "
        body = sentence * CLAIMS_PER_ARTICLE
        base = dt.datetime(2024, 1, 1, tzinfo=dt.UTC)
        articles = [
            Article(
                desk=desk,
                outlet=outlets[i % len(outlets)],
                title=f"Bench article {start_article + i}",
                url=f"https://bench.test/a/{start_article + i}",
                body=body,
                body_sha256=hashlib.sha256(f"bench-{start_article + i}".encode()).hexdigest(),
                language="cs" if i % 3 else "en",
                published_at=base + dt.timedelta(hours=i),
                status=Article.Status.EXTRACTED,
            )
            for i in range(n_articles)
        ]
        Article.objects.bulk_create(articles, batch_size=2000)
        article_ids = list(
            Article.objects.filter(url__startswith="https://bench.test/a/")
            .order_by("-pk")
            .values_list("pk", flat=True)[:n_articles]
        )
        offset = body.index("schodek")
        length = len("schodek letos klesne o mnoho miliard korun")
        claims = [
            Claim(
                article_id=article_id,
                text=body[offset : offset + length],
                span_start=k * len(sentence) + offset,
                span_end=k * len(sentence) + offset + length,
                kind="according_to",
                checkworthiness=0.5,
            )
            for article_id in article_ids
            for k in range(CLAIMS_PER_ARTICLE)
        ][: total - have]
        Claim.objects.bulk_create(claims, batch_size=2000)
        claim_ids = list(
            Claim.objects.filter(article_id__in=article_ids).values_list("pk", flat=True)
        )
        Attribution.objects.bulk_create(
            [
                Attribution(
                    claim_id=claim_id,
                    actor_id=actors[(claim_id * 7 + j) % len(actors)],
                    actor_text="mluvčího",
                    actor_start=6,
                    actor_end=14,
                    cue_text="Podle",
                    cue_start=0,
                    cue_end=5,
                    stance=STANCES[(claim_id + j) % len(STANCES)],
                    confidence=0.9,
                )
                for claim_id in claim_ids
                for j in range(1 + claim_id % 2)
            ],
            batch_size=5000,
        )
        published = [claim_id for claim_id in claim_ids if claim_id % 5 < 3]
        Verdict.objects.bulk_create(
            [
                Verdict(
                    claim_id=claim_id,
                    rating=ratings[claim_id % len(ratings)],
                    summary=f"Shrnutí {claim_id}.",
                    explanation="Vysvětlení.",
                    author=author,
                    reviewer=reviewer,
                    as_of=dt.date(2024, 6, 1),
                    published_at=base + dt.timedelta(minutes=claim_id),
                    published_version=1,
                )
                for claim_id in published
            ],
            batch_size=5000,
        )
        # Both columns in one UPDATE, so "published ⇒ verdict" holds for every row it writes.
        Claim.objects.filter(pk__in=published).update(
            status=Claim.Status.PUBLISHED,
            published_verdict=Subquery(
                Verdict.objects.filter(claim_id=OuterRef("pk")).values("pk")[:1]
            ),
        )
        sources = Source.objects.bulk_create(
            [Source(url=f"https://bench.test/s/{i}", title=f"Source {i}") for i in range(200)],
            ignore_conflicts=True,
        )
        sources = list(Source.objects.filter(url__startswith="https://bench.test/s/"))
        ClaimSource.objects.bulk_create(
            [
                ClaimSource(
                    claim_id=claim_id,
                    source=sources[claim_id % len(sources)],
                    relation="refutes",
                    note="internal",
                )
                for claim_id in published[:2000]
            ],
            ignore_conflicts=True,
        )
        ClaimEvent.objects.bulk_create(
            [
                ClaimEvent(
                    claim_id=claim_id,
                    kind="transition",
                    from_status="in_review",
                    to_status="published",
                    is_public=True,
                )
                for claim_id in published[:2000]
            ]
        )
    # Fresh bulk-loaded tables have no planner statistics until autovacuum gets to them;
    # without them PostgreSQL picked a 20 ms plan for the 50-claim attribution prefetch.
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    print(
        f"generated {len(claim_ids):,} claims in {time.perf_counter() - started:.1f}s",
        file=sys.stderr,
    )


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
    client = Client()
    auth = {"HTTP_AUTHORIZATION": f"Api-Key {key}"}
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
