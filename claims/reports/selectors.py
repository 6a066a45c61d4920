"""The report pages' reads: every figure is aggregated by the database, each in a bounded number
of queries whatever the number of claims (GROUP BY months, ratings, actors or states).
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from django.db.models import (
    Avg,
    Count,
    DateTimeField,
    DurationField,
    ExpressionWrapper,
    F,
    Max,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
)
from django.db.models.functions import Coalesce, TruncMonth

from claims.filters import filter_claims
from claims.models import (
    Actor,
    Attribution,
    Claim,
    ClaimEvent,
    ClaimStatus,
    CommonRating,
    Stance,
)

# The two sides of the network's agreement; the authors' side is also a speaker's track record
# (one definition, on the enum, shared with the API, ClaimReview and the exports).
FOR = Stance.authoring()
AGAINST = Stance.opposing()
UNRATED = "not published"


@dataclass(frozen=True)
class RatingKey:
    """A rating as the charts colour it: its place between the scale's worst and best."""

    label: str
    position: float | None  # 0 = worst, 1 = best; None = no published verdict


def report_claims(params: dict[str, Any]) -> QuerySet[Claim]:
    """Claims of the report's filters (ClaimFilter's: date_from, date_to, outlet)."""
    return filter_claims(params)


def _rating_key(
    label: str | None,
    value: int | None,
    best: int | None,
    worst: int | None,
    common: str | None = None,
) -> RatingKey:
    if label is None or value is None or best is None or worst is None:
        return RatingKey(UNRATED, None)
    if common:
        # Desks' scales meet in the common order: "Neověřitelné" and "Unverifiable" are one.
        equivalent = CommonRating(common)
        return RatingKey(equivalent.label, equivalent.position)
    return RatingKey(label, (value - worst) / (best - worst))


def _key_of(row: dict[str, Any]) -> RatingKey:
    return _rating_key(row["label"], row["value"], row["best"], row["worst"], row["common"])


_RATING_VALUES = {
    "common": F("published_verdict__rating__common"),
    "label": F("published_verdict__rating__label"),
    "value": F("published_verdict__rating__value"),
    "best": F("published_verdict__rating__scale__best_value"),
    "worst": F("published_verdict__rating__scale__worst_value"),
}


def ordered_ratings(keys: set[RatingKey]) -> list[RatingKey]:
    """Worst first, unrated last: the order of the legend and of the stacks."""
    return sorted(keys, key=lambda k: (k.position is None, k.position or 0, k.label))


@dataclass
class Breakdown:
    """Counts per category and rating: the data of a stacked chart and of its table."""

    categories: list[str]
    ratings: list[RatingKey]
    counts: dict[tuple[str, str], int] = field(default_factory=dict)

    def row(self, category: str) -> list[int]:
        return [self.counts.get((category, r.label), 0) for r in self.ratings]


def claims_over_time(claims: QuerySet[Claim]) -> Breakdown:
    """Claims per month of their article (or of their creation, when the article has no
    date), split by the published verdict's rating. One query."""
    rows = (
        claims.annotate(
            month=TruncMonth(
                Coalesce("article__published_at", "created_at", output_field=DateTimeField())
            )
        )
        .values("month", **_RATING_VALUES)
        .annotate(n=Count("id"))
        .order_by("month")
    )
    counts: dict[tuple[str, str], int] = defaultdict(int)
    months: list[str] = []
    keys: set[RatingKey] = set()
    for row in rows:
        month = f"{row['month']:%Y-%m}"
        if month not in months:
            months.append(month)
        key = _key_of(row)
        keys.add(key)
        counts[(month, key.label)] += row["n"]
    return Breakdown(_fill_months(months), ordered_ratings(keys), dict(counts))


def _fill_months(months: list[str]) -> list[str]:
    """Every month between the first and the last, so a quiet month shows as a gap."""
    if not months:
        return []
    year, month = map(int, months[0].split("-"))
    last = months[-1]
    filled = []
    while True:
        label = f"{year:04d}-{month:02d}"
        filled.append(label)
        if label >= last or len(filled) > 600:
            return filled
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)


def verdicts_per_actor(claims: QuerySet[Claim], *, limit: int = 15) -> Breakdown:
    """The published verdicts of the claims each actor asserted (a speaker's track record),
    for the `limit` actors with most rated claims. Two queries."""
    asserted = Attribution.objects.filter(
        claim__in=claims,
        actor__isnull=False,
        stance__in=FOR,
        claim__published_verdict__isnull=False,
    )
    top = list(
        asserted.values("actor_id", "actor__name")
        .annotate(n=Count("claim", distinct=True))
        .order_by("-n", "actor__name")[:limit]
    )
    names = {row["actor_id"]: row["actor__name"] for row in top}
    rows = (
        asserted.filter(actor_id__in=names)
        .values(
            "actor_id",
            **{key: F(f"claim__{value.name}") for key, value in _RATING_VALUES.items()},
        )
        .annotate(n=Count("claim", distinct=True))
    )
    counts: dict[tuple[str, str], int] = defaultdict(int)
    keys: set[RatingKey] = set()
    for row in rows:
        key = _key_of(row)
        keys.add(key)
        counts[(names[row["actor_id"]], key.label)] += row["n"]
    return Breakdown([row["actor__name"] for row in top], ordered_ratings(keys), dict(counts))


@dataclass(frozen=True)
class Edge:
    source: int
    target: int
    shared: int
    agree: int
    disagree: int

    @property
    def relation(self) -> str:
        if self.agree and self.disagree:
            return "mixed"
        return "agree" if self.agree else "disagree"


@dataclass
class Network:
    actors: dict[int, str]
    claims_per_actor: dict[int, int]
    edges: list[Edge]


def stance_network(claims: QuerySet[Claim], *, limit: int = 40) -> Network:
    """Pairs of actors attributed on the same claims: how many they share, on how many they
    take the same side (both for or both against) and on how many opposite sides. The
    `limit` pairs with most shared claims; three queries."""
    same_side = Q(stance__in=FOR, claim__attributions__stance__in=FOR) | Q(
        stance__in=AGAINST, claim__attributions__stance__in=AGAINST
    )
    opposite = Q(stance__in=FOR, claim__attributions__stance__in=AGAINST) | Q(
        stance__in=AGAINST, claim__attributions__stance__in=FOR
    )
    # One self-join of attributions through their claim; `actor < other` counts each pair once.
    pairs = (
        Attribution.objects.filter(
            claim__in=claims, claim__attributions__actor__gt=F("actor"), actor__isnull=False
        )
        .values("actor_id", other=F("claim__attributions__actor"))
        .annotate(
            shared=Count("claim", distinct=True),
            agree=Count("claim", distinct=True, filter=same_side),
            disagree=Count("claim", distinct=True, filter=opposite),
        )
        .order_by("-shared", "actor_id", "other")[:limit]
    )
    edges = [Edge(p["actor_id"], p["other"], p["shared"], p["agree"], p["disagree"]) for p in pairs]
    ids = {e.source for e in edges} | {e.target for e in edges}
    actors = dict(Actor.objects.filter(pk__in=ids).values_list("pk", "name"))
    sizes = dict(
        Attribution.objects.filter(claim__in=claims, actor_id__in=ids)
        .values("actor_id")
        .annotate(n=Count("claim", distinct=True))
        .values_list("actor_id", "n")
    )
    return Network(actors, sizes, edges)


@dataclass(frozen=True)
class StateTime:
    status: str
    label: str
    exits: int
    average: dt.timedelta | None
    longest: dt.timedelta | None
    now_in_state: int


def workflow_throughput(
    claims: QuerySet[Claim],
    *,
    date_from: dt.date | None = None,
    date_to: dt.date | None = None,
) -> list[StateTime]:
    """Time spent in each workflow state, from the ClaimEvent history. Two queries.

    A stay in a state ends with an event leaving it; it began with the claim's previous state
    change (or the claim's creation). The date range selects the leaving events, so "March"
    means the work finished in March.
    """
    changes = ClaimEvent.objects.exclude(from_status=F("to_status")).exclude(from_status="")
    entered = Subquery(
        changes.filter(claim=OuterRef("claim"), created_at__lt=OuterRef("created_at"))
        .order_by("-created_at", "-id")
        .values("created_at")[:1]
    )
    leaving = changes.filter(claim__in=claims)
    if date_from:
        leaving = leaving.filter(created_at__date__gte=date_from)
    if date_to:
        leaving = leaving.filter(created_at__date__lte=date_to)
    spent = ExpressionWrapper(
        F("created_at") - Coalesce(entered, F("claim__created_at")), output_field=DurationField()
    )
    stats = {
        row["from_status"]: row
        for row in leaving.annotate(spent=spent)
        .values("from_status")
        .annotate(exits=Count("id"), average=Avg("spent"), longest=Max("spent"))
        .order_by()
    }
    now = dict(
        claims.order_by().values("status").annotate(n=Count("id")).values_list("status", "n")
    )
    return [
        StateTime(
            status=status,
            label=label,
            exits=stats.get(status, {}).get("exits", 0),
            average=stats.get(status, {}).get("average"),
            longest=stats.get(status, {}).get("longest"),
            now_in_state=now.get(status, 0),
        )
        for status, label in ClaimStatus.choices
    ]
