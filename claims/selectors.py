"""Reusable reads of the desk's data."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field

from django.contrib.auth.models import User
from django.db.models import (
    BooleanField,
    Case,
    Count,
    Exists,
    ExpressionWrapper,
    F,
    FloatField,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Value,
    When,
)
from django.utils import timezone

from claims.models import (
    Attribution,
    Claim,
    ClaimMatchSuggestion,
    ClaimStatus,
    FeedItem,
    SuggestionStatus,
)

# Who can be given a claim: whoever may research it (editors and reviewers), and superusers.
ASSIGNEE_PERMISSION = ("claims", "research_claim")


def assignable_users() -> QuerySet[User]:
    """Active staff who may research claims, by group or by their own permission."""
    app_label, codename = ASSIGNEE_PERMISSION
    may_research = Q(
        groups__permissions__codename=codename,
        groups__permissions__content_type__app_label=app_label,
    ) | Q(
        user_permissions__codename=codename,
        user_permissions__content_type__app_label=app_label,
    )
    # A subquery rather than .distinct(): a user in two roles stays one row in any listing.
    ids = User.objects.filter(may_research | Q(is_superuser=True)).values("pk")
    return User.objects.filter(is_active=True, is_staff=True, pk__in=ids)


# --- the desk's queue of new claims, ranked (issue 15) ------------------------------------

# The bonuses the ranking adds to the extractor's check-worthiness (0–1). A claim someone has
# already rated is quick to settle and likely to recur, so it comes first among equals; one with
# a match awaiting a decision needs an editor's eye.
CHECKED_BONUS = 0.2
PENDING_BONUS = 0.1
# Only this many of the period's newest new claims are ranked: the ranking then reads a bounded
# slice of the (status, created_at) index at any table size, and so does the page's count.
RANK_LIMIT = 2000
DESK_PERIODS = {1: "24 hours", 3: "3 days", 7: "7 days", 30: "30 days"}
DEFAULT_PERIOD = 3
RANKING_NOTE = (
    f"Ranked by check-worthiness (0–1, from the extractor), +{CHECKED_BONUS} when it was checked "
    f"before (another fact-checker's review or a published verdict on a matching claim), "
    f"else +{PENDING_BONUS} while a match awaits a decision; newest first among equals."
)


@dataclass(frozen=True)
class DeskFilters:
    """What the desk view narrows the new claims to (all optional but the period)."""

    days: int = DEFAULT_PERIOD
    language: str = ""
    outlet_id: int | None = None
    feed_id: int | None = None
    only_matched: bool = False


def _checked_before() -> Q:
    """A review by another fact-checker, or a published verdict on a matching claim."""
    reviewed_or_rated = ClaimMatchSuggestion.objects.filter(claim=OuterRef("pk")).filter(
        Q(fact_check__isnull=False) | Q(other__published_verdict__isnull=False)
    )
    rated_in_cluster = Claim.objects.filter(
        cluster=OuterRef("cluster"), published_verdict__isnull=False
    ).exclude(pk=OuterRef("pk"))
    return Q(Exists(reviewed_or_rated.exclude(status=SuggestionStatus.REJECTED))) | Q(
        Exists(rated_in_cluster)
    )


def _matched() -> Q:
    """Any match an editor should see: a suggestion not rejected, or another appearance.

    Applied to the `RANK_LIMIT` newest claims only: over a whole window without matches it read
    every row (360 ms over 130,000 new claims, bench/admin.py at 1M), and an IN over the
    suggestion table hashed all of it (320 ms with 244,000 suggestions).
    """
    suggested = ClaimMatchSuggestion.objects.filter(claim=OuterRef("pk")).exclude(
        status=SuggestionStatus.REJECTED
    )
    clustered = Claim.objects.filter(cluster=OuterRef("cluster")).exclude(pk=OuterRef("pk"))
    return Q(Exists(suggested)) | Q(Exists(clustered))


def new_claims_ranked(filters: DeskFilters, *, now: dt.datetime | None = None) -> QuerySet[Claim]:
    """New claims of the period, best first by `RANKING_NOTE`, annotated `rank`; at most `RANK_LIMIT` of the newest are ranked (the count is bounded too), and
    "only with matches" picks among those."""
    since = (now or timezone.now()) - dt.timedelta(days=filters.days)
    # status = new AND created_at >= since: a range of the claim_status_idx (status, -created_at).
    window = Claim.objects.filter(status=ClaimStatus.NEW, created_at__gte=since)
    if filters.language:
        window = window.filter(article__language=filters.language)
    if filters.outlet_id:
        window = window.filter(article__outlet_id=filters.outlet_id)
    if filters.feed_id:
        window = window.filter(
            Exists(FeedItem.objects.filter(article=OuterRef("article"), feed_id=filters.feed_id))
        )
    newest = window.order_by("-created_at", "-pk").values("pk")[:RANK_LIMIT]
    ranked = Claim.objects.filter(pk__in=newest)
    if filters.only_matched:
        ranked = ranked.filter(_matched())
    pending = Exists(
        ClaimMatchSuggestion.objects.filter(claim=OuterRef("pk"), status=SuggestionStatus.PENDING)
    )
    return (
        # Aliases, not columns: each EXISTS is then evaluated once a row, inside `rank`.
        ranked.alias(
            checked=ExpressionWrapper(_checked_before(), output_field=BooleanField()),
            pending=pending,
        )
        .annotate(
            rank=ExpressionWrapper(
                F("checkworthiness")
                + Case(
                    When(checked=True, then=Value(CHECKED_BONUS)),
                    When(pending=True, then=Value(PENDING_BONUS)),
                    default=Value(0.0),
                ),
                output_field=FloatField(),
            )
        )
        .select_related("article__outlet", "assignee")
        # The sort carries every selected column of the ranked rows: not the article's text.
        .defer("article__body")
        .prefetch_related(
            Prefetch("attributions", queryset=Attribution.objects.select_related("actor"))
        )
        .order_by("-rank", "-created_at", "-pk")
    )


@dataclass
class DeskMatches:
    """What the desk row shows under a claim: who checked it, rated matches, open suggestions."""

    reviews: list[ClaimMatchSuggestion] = field(default_factory=list)
    rated: list[tuple[Claim, float | None]] = field(default_factory=list)
    pending: list[ClaimMatchSuggestion] = field(default_factory=list)
    appearances: int = 1  # claims in its cluster, itself included


def desk_matches(claims: Sequence[Claim], *, per_kind: int = 3) -> dict[int, DeskMatches]:
    """The best matches of a page of claims in three queries (suggestions, cluster verdicts,
    cluster sizes).

    - reviews: other fact-checkers' reviews suggested for the claim (not rejected), best first
    - rated: matching claims with a published verdict — a suggestion's target or another
      appearance in the claim's cluster — with the suggestion's score when there is one
    - pending: suggestions of our own claims awaiting a decision, best first
    """
    found: dict[int, DeskMatches] = {c.pk: DeskMatches() for c in claims}
    suggestions = (
        ClaimMatchSuggestion.objects.filter(claim_id__in=list(found))
        .exclude(status=SuggestionStatus.REJECTED)
        .select_related("fact_check", "other__article__outlet", "other__published_verdict__rating")
        .order_by("claim_id", "-score", "pk")
    )
    for s in suggestions:
        row = found[s.claim_id]
        if s.fact_check is not None:
            row.reviews.append(s)
        elif s.other is not None and s.other.published_verdict is not None:
            row.rated.append((s.other, s.score))
        elif s.status == SuggestionStatus.PENDING:
            row.pending.append(s)
    by_cluster: dict[int, list[int]] = {}
    for claim in claims:
        if claim.cluster_id:
            by_cluster.setdefault(claim.cluster_id, []).append(claim.pk)
    if by_cluster:
        mates = (
            Claim.objects.filter(cluster_id__in=list(by_cluster), published_verdict__isnull=False)
            .select_related("article__outlet", "published_verdict__rating")
            .order_by("-published_verdict__published_at", "pk")
        )
        for mate in mates:
            for claim_id in by_cluster[mate.cluster_id]:  # type: ignore[index]
                row = found[claim_id]
                if mate.pk != claim_id and all(c.pk != mate.pk for c, _ in row.rated):
                    row.rated.append((mate, None))
        sizes = (
            Claim.objects.filter(cluster_id__in=list(by_cluster))
            .values("cluster_id")
            .annotate(n=Count("pk"))
            .order_by()
        )
        for size in sizes:
            for claim_id in by_cluster[size["cluster_id"]]:
                found[claim_id].appearances = size["n"]
    for row in found.values():
        row.reviews, row.rated, row.pending = (
            row.reviews[:per_kind],
            row.rated[:per_kind],
            row.pending[:per_kind],
        )
    return found
