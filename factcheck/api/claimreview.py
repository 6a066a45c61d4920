"""schema.org ClaimReview JSON-LD for published verdicts, as Google's Fact Check tools read it.

Google reads: `claimReviewed`, `reviewRating` (`alternateName` is what it shows; `ratingValue`
within `worstRating`..`bestRating`), `url` (the fact-check page), `author` (the publishing
organisation, with a name), `datePublished`, and `itemReviewed` (a Claim whose `author` is who
made the claim and whose `appearance` is where it was made, with `datePublished`).
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.urls import reverse
from rest_framework.request import Request

from claims.models import ActorKind, Claim, Stance

_STRING = {"type": "string"}
_THING = {
    "type": "object",
    "properties": {"@type": _STRING, "name": _STRING, "url": _STRING},
    "required": ["@type", "name"],
}
CLAIM_REVIEW_SCHEMA: dict[str, Any] = {
    "type": "object",
    "description": "schema.org ClaimReview (JSON-LD).",
    "properties": {
        "@context": _STRING,
        "@type": {"type": "string", "enum": ["ClaimReview"]},
        "url": _STRING,
        "claimReviewed": _STRING,
        "datePublished": {"type": "string", "format": "date"},
        "inLanguage": _STRING,
        "author": _THING,
        "reviewRating": {
            "type": "object",
            "properties": {
                "@type": _STRING,
                "ratingValue": {"type": "integer"},
                "bestRating": {"type": "integer"},
                "worstRating": {"type": "integer"},
                "alternateName": _STRING,
                "name": _STRING,
                "ratingExplanation": _STRING,
            },
            "required": ["@type", "ratingValue", "bestRating", "worstRating", "alternateName"],
        },
        "itemReviewed": {
            "type": "object",
            "properties": {
                "@type": {"type": "string", "enum": ["Claim"]},
                "author": {"type": "array", "items": _THING},
                "datePublished": {"type": "string", "nullable": True},
                "appearance": {"type": "array", "items": {"type": "object"}},
            },
            "required": ["@type", "author", "appearance"],
        },
    },
    "required": [
        "@context",
        "@type",
        "url",
        "claimReviewed",
        "datePublished",
        "author",
        "reviewRating",
        "itemReviewed",
    ],
}


def review_url(claim: Claim, request: Request) -> str:
    template = getattr(settings, "FACTCHECK_CLAIM_PAGE_URL", "")
    if template:
        return template.format(id=claim.pk)
    return request.build_absolute_uri(reverse("api:claim-detail", args=[claim.pk]))


def _claim_authors(claim: Claim) -> list[dict[str, str]]:
    """Who asserted the claim (denials and doubts are not authorship), de-duplicated, in order."""
    authors: dict[str, dict[str, str]] = {}
    for attribution in claim.attributions.all():
        if attribution.stance != Stance.ASSERTS:
            continue
        actor = attribution.actor
        name = actor.name if actor is not None else attribution.actor_text.strip()
        if not name or name in authors:
            continue
        kind = "Person" if actor is None or actor.kind == ActorKind.PERSON else "Organization"
        authors[name] = {"@type": kind, "name": name}
    return list(authors.values())


def claim_review(claim: Claim, *, request: Request) -> dict[str, Any]:
    """The ClaimReview of a claim with a published verdict (callers filter on that)."""
    verdict = claim.published_verdict
    assert verdict is not None
    assert verdict.published_at is not None
    rating, article = verdict.rating, claim.article
    appearance: dict[str, Any] = {"@type": "CreativeWork"}
    if article.url:
        appearance["url"] = article.url
    if article.title:
        appearance["headline"] = article.title
    if article.published_at:
        appearance["datePublished"] = article.published_at.date().isoformat()
    if article.outlet is not None:
        appearance["publisher"] = {"@type": "Organization", "name": article.outlet.name}
    organisation = {"@type": "Organization", "name": settings.FACTCHECK_ORGANIZATION_NAME}
    if settings.FACTCHECK_ORGANIZATION_URL:
        organisation["url"] = settings.FACTCHECK_ORGANIZATION_URL
    review: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "ClaimReview",
        "url": review_url(claim, request),
        "claimReviewed": claim.normalized_text or claim.text,
        "datePublished": verdict.published_at.date().isoformat(),
        "author": organisation,
        "reviewRating": {
            "@type": "Rating",
            "ratingValue": rating.value,
            "bestRating": rating.scale.best_value,
            "worstRating": rating.scale.worst_value,
            "alternateName": rating.alternate_name,
            "name": rating.label,
            "ratingExplanation": verdict.summary,
        },
        "itemReviewed": {
            "@type": "Claim",
            "author": _claim_authors(claim),
            "datePublished": article.published_at.date().isoformat()
            if article.published_at
            else None,
            "appearance": [appearance],
        },
    }
    if article.language:
        review["inLanguage"] = article.language
    return review
