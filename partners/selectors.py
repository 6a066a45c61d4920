"""What partner newsrooms and staff may read through the API, with the queries to read it.

The visibility rule, in one place:
- staff (an active `is_staff` user) see everything;
- a partner sees claims with a published verdict (`Claim.published_verdict`, never a draft), and
  the claims of the articles it submitted itself, in any status; never another partner's
  submissions, internal notes (ClaimSource.note, non-public events) or editors' names;
- sources and research are public once a claim is published: a partner sees only the sources
  linked to published claims.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Collection
from typing import Any, TypeAlias

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.db.models import Count, Prefetch, Q, QuerySet

from claims.models import Actor, Article, Attribution, Claim, ClaimEvent, Outlet, Stance
from partners.models import ArticleSubmission, Partner
from sources.models import ClaimSource, Source

Viewer: TypeAlias = Partner | AbstractBaseUser | AnonymousUser


def is_staff_viewer(viewer: Viewer) -> bool:
    return (
        not isinstance(viewer, Partner)
        and bool(viewer.is_active)
        and bool(getattr(viewer, "is_staff", False))
    )


def _submitted_article_ids(partner: Partner) -> QuerySet[ArticleSubmission, Any]:
    """The articles the partner sent (a subquery): its own submissions, whoever sent them first."""
    return ArticleSubmission.objects.filter(partner=partner, article__isnull=False).values(
        "article_id"
    )


def _partner_claims_q(partner: Partner) -> Q:
    return Q(published_verdict__isnull=False) | Q(article_id__in=_submitted_article_ids(partner))


def claims_visible_to(viewer: Viewer) -> QuerySet[Claim]:
    """Every claim the viewer may read, without related rows (see `claim_list` for those)."""
    if isinstance(viewer, Partner):
        if not viewer.is_active:
            return Claim.objects.none()
        return Claim.objects.filter(_partner_claims_q(viewer))
    if is_staff_viewer(viewer):
        return Claim.objects.all()
    return Claim.objects.none()


def _attributions_prefetch(report_types: Collection[str] | None = None) -> Prefetch:
    """The attributions of each claim; only those of report_types when given (lists show
    speech and according-to unless asked for beliefs and evidence)."""
    queryset = Attribution.objects.select_related("actor").order_by("actor_start", "id")
    if report_types is not None:
        queryset = queryset.filter(report_type__in=list(report_types))
    return Prefetch("attributions", queryset=queryset)


def claim_list(viewer: Viewer, report_types: Collection[str] | None = None) -> QuerySet[Claim]:
    """Visible claims with what a list row shows: article, outlet, published verdict, attributions.

    Two queries per page whatever its size: the claims joined with article, outlet and the
    published verdict's rating and scale; then the page's attributions joined with their actors.
    """
    return (
        claims_visible_to(viewer)
        .select_related("article__outlet", "published_verdict__rating__scale")
        # A row shows the article's title, never its text, which runs to megabytes.
        .defer("article__body")
        .prefetch_related(_attributions_prefetch(report_types))
    )


def claim_detail(viewer: Viewer, report_types: Collection[str] | None = None) -> QuerySet[Claim]:
    """`claim_list` plus the linked sources (without internal notes) and the public history."""
    return claim_list(viewer, report_types).prefetch_related(
        Prefetch(
            "sources",
            queryset=ClaimSource.objects.select_related("source").order_by("created_at", "id"),
            to_attr="source_links",
        ),
        Prefetch(
            "events",
            queryset=ClaimEvent.objects.filter(is_public=True).order_by("created_at", "id"),
            to_attr="public_events",
        ),
    )


def published_claims() -> QuerySet[Claim]:
    """Claims with a published verdict and what a ClaimReview needs: rating, article, actors."""
    return (
        Claim.objects.filter(published_verdict__isnull=False)
        .select_related("article__outlet", "published_verdict__rating__scale")
        .prefetch_related(_attributions_prefetch())
    )


def actors_visible_to(viewer: Viewer) -> QuerySet[Actor]:
    """Actors named in at least one claim the viewer may read (staff: every actor)."""
    if is_staff_viewer(viewer):
        return Actor.objects.all()
    visible = claims_visible_to(viewer)
    return Actor.objects.filter(
        pk__in=Attribution.objects.filter(claim__in=visible, actor__isnull=False).values("actor_id")
    )


def actor_track_records(actor_ids: list[int]) -> dict[int, list[dict[str, object]]]:
    """Per actor: how many claims it authored were rated with each rating, published only.

    Authors are the actors with an authoring stance (`Stance.authoring`, the definition the
    reports, ClaimReview and exports share). One query for any number of actors.
    """
    rows = (
        Attribution.objects.filter(
            actor_id__in=actor_ids,
            stance__in=Stance.authoring(),
            claim__published_verdict__isnull=False,
        )
        .values(
            "actor_id",
            "claim__published_verdict__rating__label",
            "claim__published_verdict__rating__alternate_name",
            "claim__published_verdict__rating__value",
        )
        .annotate(count=Count("claim", distinct=True))
        .order_by("actor_id", "-claim__published_verdict__rating__value")
    )
    records: dict[int, list[dict[str, object]]] = defaultdict(list)
    for row in rows:
        records[row["actor_id"]].append(
            {
                "rating": row["claim__published_verdict__rating__label"],
                "alternate_name": row["claim__published_verdict__rating__alternate_name"],
                "rating_value": row["claim__published_verdict__rating__value"],
                "count": row["count"],
            }
        )
    return dict(records)


def sources_visible_to(viewer: Viewer) -> QuerySet[Source]:
    """Sources linked to a published claim (staff: all sources)."""
    if is_staff_viewer(viewer):
        return Source.objects.all()
    if isinstance(viewer, Partner) and viewer.is_active:
        return Source.objects.filter(
            pk__in=ClaimSource.objects.filter(claim__published_verdict__isnull=False).values(
                "source_id"
            )
        )
    return Source.objects.none()


def outlets_visible_to(viewer: Viewer) -> QuerySet[Outlet]:
    """Outlets of the articles behind the claims the viewer may read (staff: all outlets)."""
    if is_staff_viewer(viewer):
        return Outlet.objects.all()
    visible = claims_visible_to(viewer)
    return Outlet.objects.filter(pk__in=visible.values("article__outlet_id"))


def articles_visible_to(viewer: Viewer) -> QuerySet[Article]:
    """A partner's own submissions (never another partner's); staff: every article."""
    if is_staff_viewer(viewer):
        qs = Article.objects.all()
    elif isinstance(viewer, Partner) and viewer.is_active:
        qs = Article.objects.filter(pk__in=_submitted_article_ids(viewer))
    else:
        return Article.objects.none()
    return qs.select_related("outlet").annotate(claim_count=Count("claims"))


def article_detail(
    viewer: Viewer, report_types: Collection[str] | None = None
) -> QuerySet[Article]:
    """`articles_visible_to` with the extracted claims, their attributions and verdicts."""
    return articles_visible_to(viewer).prefetch_related(
        Prefetch(
            "claims",
            queryset=Claim.objects.select_related(
                "article__outlet", "published_verdict__rating__scale"
            )
            .prefetch_related(_attributions_prefetch(report_types))
            .order_by("span_start", "id"),
        )
    )


def partners_to_notify(event: ClaimEvent) -> QuerySet[Partner]:
    """Active partners with a webhook that may see the event's claim.

    Mirrors `claims_visible_to`: a published claim is everybody's; a retraction clears
    `published_verdict`, yet every partner saw the claim while it was published and must hear
    that it is withdrawn; otherwise only the partners that submitted the article.
    """
    partners = Partner.objects.filter(is_active=True).exclude(webhook_url="")
    claim = event.claim
    if claim.published_verdict_id or event.kind == ClaimEvent.Kind.RETRACTION:
        return partners
    return partners.filter(
        pk__in=ArticleSubmission.objects.filter(article_id=claim.article_id).values("partner_id")
    )


def submissions_visible_to(viewer: Viewer) -> QuerySet[ArticleSubmission]:
    """A partner's own submissions with their articles' status (staff: every submission)."""
    if is_staff_viewer(viewer):
        qs = ArticleSubmission.objects.all()
    elif isinstance(viewer, Partner) and viewer.is_active:
        qs = ArticleSubmission.objects.filter(partner=viewer)
    else:
        return ArticleSubmission.objects.none()
    return qs.select_related("article")
