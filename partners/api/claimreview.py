"""ClaimReview in the API: the OpenAPI schema of the document and the adapter from models.

The document itself is built by `claims.claimreview`, shared with the exports.
"""

from __future__ import annotations

from typing import Any

from rest_framework.request import Request

from claims.claimreview import ReviewedClaim, review_url
from claims.claimreview import claim_review as build_claim_review
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


def claim_review(claim: Claim, *, request: Request) -> dict[str, Any]:
    """The ClaimReview of a claim with a published verdict (callers filter on that)."""
    verdict = claim.published_verdict
    assert verdict is not None
    assert verdict.published_at is not None
    rating, article = verdict.rating, claim.article
    item = ReviewedClaim(
        claim_id=claim.pk,
        claim_text=claim.normalized_text or claim.text,
        verdict_published_at=verdict.published_at,
        rating_value=rating.value,
        best_rating=rating.scale.best_value,
        worst_rating=rating.scale.worst_value,
        alternate_name=rating.alternate_name,
        rating_label=rating.label,
        summary=verdict.summary,
        language=article.language,
        article_url=article.url,
        article_title=article.title,
        article_published_at=article.published_at,
        outlet_name=article.outlet.name if article.outlet else "",
        authors=[
            (
                a.actor.name if a.actor else a.actor_text.strip(),
                a.actor is None or a.actor.kind == ActorKind.PERSON,
            )
            for a in claim.attributions.all()
            if a.stance in Stance.authoring() and (a.actor or a.actor_text.strip())
        ],
    )
    return build_claim_review(
        item, url=review_url(claim.pk, base_url=request.build_absolute_uri("/"))
    )
