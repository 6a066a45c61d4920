"""schema.org ClaimReview JSON-LD, as Google's Fact Check tools read it — one builder for the
API, the ClaimReview feed and the exports.

Google reads `claimReviewed`, `reviewRating` (`alternateName` is what it shows; `ratingValue`
within `worstRating`..`bestRating`), `url` (the fact-check page), `author` (the publishing
organisation), `datePublished`, and `itemReviewed`: a Claim whose `author` is who made the claim
and whose `appearance` is where it was made.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.utils import timezone


@dataclass(frozen=True)
class ReviewedClaim:
    """What a ClaimReview says, read from model instances (API) or `.values()` rows (exports)."""

    claim_id: int
    claim_text: str
    verdict_published_at: dt.datetime
    rating_value: int
    best_rating: int
    worst_rating: int
    alternate_name: str
    rating_label: str
    summary: str
    language: str = ""
    article_url: str = ""
    article_title: str = ""
    article_published_at: dt.datetime | None = None
    outlet_name: str = ""
    # (name, is_person) of the claim's authors (`Stance.authoring`): deniers are not authors.
    authors: list[tuple[str, bool]] = field(default_factory=list)


def desk_date(value: dt.datetime) -> dt.date:
    # The desk's date (settings.TIME_ZONE), the same in a request and in a worker: an article
    # at 23:30 UTC on 29 February was published on 1 March in Prague.
    return value.astimezone(timezone.get_default_timezone()).date()


def review_url(claim_id: int, *, base_url: str | None = None) -> str:
    """The public page of the review: FACTCHECK_CLAIM_PAGE_URL, else the API's claim detail.

    The fallback needs an API key, so crawlers cannot read it: `check --deploy` warns when the
    setting is unset in production (`claims.checks`).
    """
    template = settings.FACTCHECK_CLAIM_PAGE_URL
    if template:
        return template.format(id=claim_id)
    base = (base_url or settings.API_PUBLIC_BASE_URL).rstrip("/")
    return f"{base}/api/v1/claims/{claim_id}/"


def claim_review(item: ReviewedClaim, *, url: str) -> dict[str, Any]:
    appearance: dict[str, Any] = {"@type": "CreativeWork"}
    if item.article_url:
        appearance["url"] = item.article_url
    if item.article_title:
        appearance["headline"] = item.article_title
    if item.article_published_at:
        appearance["datePublished"] = desk_date(item.article_published_at).isoformat()
    if item.outlet_name:
        appearance["publisher"] = {"@type": "Organization", "name": item.outlet_name}
    organisation = {"@type": "Organization", "name": settings.FACTCHECK_ORGANIZATION_NAME}
    if settings.FACTCHECK_ORGANIZATION_URL:
        organisation["url"] = settings.FACTCHECK_ORGANIZATION_URL
    authors = list(dict.fromkeys(item.authors))  # de-duplicated, first mention first
    review: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "ClaimReview",
        "url": url,
        "claimReviewed": item.claim_text,
        "datePublished": desk_date(item.verdict_published_at).isoformat(),
        "author": organisation,
        "reviewRating": {
            "@type": "Rating",
            "ratingValue": item.rating_value,
            "bestRating": item.best_rating,
            "worstRating": item.worst_rating,
            "alternateName": item.alternate_name,
            "name": item.rating_label,
            "ratingExplanation": item.summary,
        },
        "itemReviewed": {
            "@type": "Claim",
            "author": [
                {"@type": "Person" if is_person else "Organization", "name": name}
                for name, is_person in authors
            ],
            "appearance": [appearance],
        },
    }
    if item.article_published_at:
        # Left out when unknown: Google's validator rejects a null date, and an absent one is
        # simply not shown.
        review["itemReviewed"]["datePublished"] = desk_date(item.article_published_at).isoformat()
    if item.language:
        review["inLanguage"] = item.language
    return review
