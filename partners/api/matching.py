"""Partner API for "has this been checked before?": similar claims and free-text search.

Both answer with claims the caller may read (`partners.selectors`) and other fact-checkers'
imported reviews (public by nature), best first with their scores.
"""

from __future__ import annotations

from typing import Any

from django.http import Http404
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers
from rest_framework.exceptions import ValidationError
from rest_framework.request import Request
from rest_framework.response import Response

from claims.matching.matcher import Match
from claims.models import ExternalFactCheck
from claims.services import matching
from claims.services.matching_index import CLAIM, parse_key
from partners import selectors
from partners.api import serializers as s
from partners.api.permissions import viewer_of
from partners.api.views import ERRORS, APIBase

MAX_RESULTS = 50
# 900 characters of 3 UTF-8 bytes each are 8,100 bytes URL-encoded: with the path and `limit`
# the request line stays under gunicorn's --limit-request-line 8190 (docker-compose.yml), so
# an over-long text of any such script reaches the API and gets its JSON error, not an HTML 414.
MAX_QUERY_CHARS = 900


class FactCheckSerializer(serializers.ModelSerializer):
    class Meta:
        model = ExternalFactCheck
        fields = (
            "id",
            "url",
            "reviewer",
            "reviewer_url",
            "claim_text",
            "claimant",
            "rating",
            "rating_value",
            "best_rating",
            "worst_rating",
            "review_date",
            "language",
        )


class MatchSerializer(serializers.Serializer):
    type = serializers.ChoiceField(choices=("claim", "fact_check"))
    score = serializers.FloatField(help_text="Similarity, 0–1; higher is closer.")
    claim = s.ClaimSerializer(allow_null=True, help_text="Set when type is claim.")
    fact_check = FactCheckSerializer(allow_null=True, help_text="Set when type is fact_check.")


class MatchListSerializer(serializers.Serializer):
    results = MatchSerializer(many=True)


def _limit(request: Request) -> int:
    raw = request.query_params.get("limit", "10")
    if not raw.isdigit() or not 1 <= int(raw) <= MAX_RESULTS:
        raise ValidationError({"limit": [f"an integer from 1 to {MAX_RESULTS}"]})
    return int(raw)


def _results(request: Request, found: list[Match], claims_allowed: Any, limit: int) -> list[dict]:
    """The visible matches, resolved to rows in two queries, best first by the score shown."""
    found = matching.best_first([m for m in found if not m.conflict])
    claim_ids = [pk for kind, pk in (parse_key(m.id) for m in found) if kind == CLAIM]
    review_ids = [pk for kind, pk in (parse_key(m.id) for m in found) if kind != CLAIM]
    claims = {c.pk: c for c in claims_allowed.filter(pk__in=claim_ids)}
    reviews = {r.pk: r for r in ExternalFactCheck.objects.filter(pk__in=review_ids)}
    context = {"request": request, "viewer": viewer_of(request)}
    out = []
    for match in found:
        kind, pk = parse_key(match.id)
        row = claims.get(pk) if kind == CLAIM else reviews.get(pk)
        if row is None:
            continue
        out.append(
            {
                "type": "claim" if kind == CLAIM else "fact_check",
                "score": round(match.similarity, 4),
                "claim": s.ClaimSerializer(row, context=context).data if kind == CLAIM else None,
                "fact_check": FactCheckSerializer(row).data if kind != CLAIM else None,
            }
        )
        if len(out) == limit:
            break
    return out


LIMIT = OpenApiParameter(
    "limit", {"type": "integer", "minimum": 1, "maximum": MAX_RESULTS, "default": 10}
)


class SimilarClaimsView(APIBase):
    """Claims stating the same claim elsewhere (other articles, languages) and other
    fact-checkers' reviews of it, best first; claims and reviews only from the floor the claim
    page uses (`MATCH_SIMILAR_FLOOR`: below it e5 puts unrelated news, and a review of another
    claim at 0.80 answered "Unverifiable" for a claim nobody had checked)."""

    @extend_schema(parameters=[LIMIT], responses={200: MatchListSerializer, **ERRORS})
    def get(self, request: Request, pk: int) -> Response:
        viewer = viewer_of(request)
        claim = selectors.claims_visible_to(viewer).filter(pk=pk).first()
        if claim is None:
            raise Http404
        limit = _limit(request)
        found = [
            m for m in matching.similar_to(claim, top=limit * 3 + 10) if matching.similar_enough(m)
        ]
        allowed = selectors.claim_list(viewer)
        return Response({"results": _results(request, found, allowed, limit)})


class ClaimSearchView(APIBase):
    """Published claims and other fact-checkers' reviews that match a free text, best first
    (the "claims:search" of fact-check tools). The text is embedded once and cached. Only
    matches from the search's floor are answered (`MATCH_SEARCH_FLOOR`, 0.85, or 0.90 when
    the two share no number, words or name): a text that states none of the stored claims
    gets an empty list, not the nearest unrelated claim."""

    @extend_schema(
        parameters=[
            OpenApiParameter(
                "q",
                {"type": "string", "maxLength": MAX_QUERY_CHARS},
                required=True,
                description=(
                    f"The claim to look for, at most {MAX_QUERY_CHARS} characters (longer: 400). "
                    "The server takes request lines up to 8,190 bytes: "
                    f"{MAX_QUERY_CHARS} characters of up to 3 UTF-8 bytes each (Czech, "
                    "Cyrillic, CJK) fit URL-encoded; characters of 4 bytes (emoji) take 12 "
                    "bytes each, and beyond about 670 of them the server answers 414 (HTML) "
                    "before this API."
                ),
            ),
            LIMIT,
        ],
        responses={200: MatchListSerializer, **ERRORS},
    )
    def get(self, request: Request) -> Response:
        text = request.query_params.get("q", "").strip()
        if not text:
            raise ValidationError({"q": ["required: the text of a claim"]})
        if len(text) > MAX_QUERY_CHARS:
            raise ValidationError({"q": [f"at most {MAX_QUERY_CHARS} characters"]})
        limit = _limit(request)
        found = matching.search_text(text, top=limit * 3 + 10)
        viewer = viewer_of(request)
        allowed = selectors.published_claims() & selectors.claim_list(viewer)
        return Response({"results": _results(request, found, allowed, limit)})
