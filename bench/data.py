"""Synthetic claims for the benchmarks, generated once per database and reused by later runs.

Imported by `bench/api.py` and `bench/admin.py` after they have set up Django. Claims are made
in chunks of 50,000 (each its own transaction), so a million claims needs no more memory than
fifty thousand.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import sys
import time

from django.contrib.auth.models import User
from django.db import connection, transaction

from claims.models import (
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
from sources.models import ClaimSource, Source

CLAIMS_PER_ARTICLE = 10
CHUNK = 50_000
STANCES = ["asserts", "asserts", "asserts", "denies", "doubts", "promises"]
STATUSES = ["new", "new", "triaged", "researching", "in_review", "dismissed"]
SENTENCE = "Podle mluvčího schodek letos klesne o mnoho miliard korun. "
BASE = dt.datetime(2024, 1, 1, tzinfo=dt.UTC)


def generate(total: int) -> None:
    """Bulk-create claims up to `total` (60% published, the rest spread over the open statuses)
    with attributions, actors, verdicts, a few sources and events."""
    have = Claim.objects.count()
    if have >= total:
        print(f"database has {have:,} claims already", file=sys.stderr)
        return
    started = time.perf_counter()
    fixtures = _fixtures()
    while have < total:
        with transaction.atomic():
            have += _chunk(min(CHUNK, total - have), fixtures)
        print(f"  {have:,} claims ({time.perf_counter() - started:.0f}s)", file=sys.stderr)
    # Fresh bulk-loaded tables have no planner statistics until autovacuum gets to them;
    # without them PostgreSQL picked a 20 ms plan for the 50-claim attribution prefetch.
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    print(
        f"generated up to {total:,} claims in {time.perf_counter() - started:.1f}s", file=sys.stderr
    )


def _fixtures() -> dict:
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
        Source.objects.bulk_create(
            [Source(url=f"https://bench.test/s/{i}", title=f"Source {i}") for i in range(200)],
            ignore_conflicts=True,
        )
        sources = list(Source.objects.filter(url__startswith="https://bench.test/s/"))
    return {
        "ratings": ratings,
        "desk": desk,
        "author": author,
        "reviewer": reviewer,
        "outlets": outlets,
        "actors": actors,
        "sources": sources,
    }


def _chunk(count: int, fx: dict) -> int:
    start_article = Article.objects.count()
    n_articles = (count + CLAIMS_PER_ARTICLE - 1) // CLAIMS_PER_ARTICLE
    body = SENTENCE * CLAIMS_PER_ARTICLE
    outlets = fx["outlets"]
    Article.objects.bulk_create(
        [
            Article(
                desk=fx["desk"],
                outlet=outlets[i % len(outlets)],
                title=f"Bench article {start_article + i}",
                url=f"https://bench.test/a/{start_article + i}",
                body=body,
                body_sha256=hashlib.sha256(f"bench-{start_article + i}".encode()).hexdigest(),
                language="cs" if i % 3 else "en",
                published_at=BASE + dt.timedelta(hours=start_article + i),
                status=Article.Status.EXTRACTED,
            )
            for i in range(n_articles)
        ],
        batch_size=2000,
    )
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
            span_start=k * len(SENTENCE) + offset,
            span_end=k * len(SENTENCE) + offset + length,
            kind="according_to",
            checkworthiness=0.5,
            status=STATUSES[(article_id + k) % len(STATUSES)],
        )
        for article_id in article_ids
        for k in range(CLAIMS_PER_ARTICLE)
    ][:count]
    Claim.objects.bulk_create(claims, batch_size=2000)
    claim_ids = list(Claim.objects.filter(article_id__in=article_ids).values_list("pk", flat=True))
    actors = fx["actors"]
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
    ratings = fx["ratings"]
    Verdict.objects.bulk_create(
        [
            Verdict(
                claim_id=claim_id,
                rating=ratings[claim_id % len(ratings)],
                summary=f"Shrnutí {claim_id}.",
                explanation="Vysvětlení.",
                author=fx["author"],
                reviewer=fx["reviewer"],
                as_of=dt.date(2024, 6, 1),
                published_at=BASE + dt.timedelta(minutes=claim_id),
                published_version=1,
            )
            for claim_id in published
        ],
        batch_size=5000,
    )
    # Both columns in one UPDATE, so "published ⇒ verdict" holds for every row it writes. A join,
    # not a correlated subquery: Verdict's default ordering joins claims and articles into the
    # subquery, and without fresh statistics that plan made each chunk slower than the last.
    with connection.cursor() as cursor:
        cursor.execute(
            "UPDATE claims_claim c SET status = %s, published_verdict_id = v.id "
            "FROM claims_verdict v WHERE v.claim_id = c.id AND c.id = ANY(%s)",
            [Claim.Status.PUBLISHED, published],
        )
    sources = fx["sources"]
    ClaimSource.objects.bulk_create(
        [
            ClaimSource(
                claim_id=claim_id,
                source=sources[claim_id % len(sources)],
                relation="refutes",
                note="internal",
            )
            for claim_id in published[:200]
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
            for claim_id in published[:200]
        ]
    )
    return len(claim_ids)
