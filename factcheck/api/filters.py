"""Query filters of the list endpoints (django-filter)."""

from __future__ import annotations

from typing import Any

import django_filters
from django import forms
from django.db.models import Q, QuerySet
from drf_spectacular.utils import extend_schema_field
from rest_framework.exceptions import ValidationError

from claims.models import Actor, Attribution, Claim, ClaimStatus, Stance
from factcheck.api.permissions import viewer_of
from factcheck.selectors import is_staff_viewer
from sources.models import Source

MAX_ID = 2**63 - 1


@extend_schema_field({"type": "integer", "minimum": 1, "maximum": MAX_ID})
class IdFilter(django_filters.NumberFilter):
    """A positive integer id (NumberFilter takes decimals, and 1e45 overflows the database)."""

    field_class = forms.IntegerField

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("min_value", 1)
        kwargs.setdefault("max_value", MAX_ID)
        super().__init__(*args, **kwargs)


class ClaimFilter(django_filters.FilterSet):
    status = django_filters.ChoiceFilter(
        choices=ClaimStatus.choices, help_text="Workflow status (staff only)."
    )
    rating = django_filters.CharFilter(
        method="filter_rating",
        help_text="Published verdict's rating: its label or alternate name, case-insensitive.",
    )
    actor = IdFilter(method="filter_noop", help_text="Actor id: claims attributed to this actor.")
    stance = django_filters.ChoiceFilter(
        choices=Stance.choices,
        method="filter_noop",
        help_text="Attribution stance; with `actor`, the stance of that actor.",
    )
    language = django_filters.CharFilter(field_name="article__language")
    outlet = IdFilter(field_name="article__outlet_id", help_text="Outlet id.")
    published_from = django_filters.DateFilter(
        field_name="published_verdict__published_at",
        lookup_expr="date__gte",
        help_text="Verdict published on or after this date (YYYY-MM-DD).",
    )
    published_to = django_filters.DateFilter(
        field_name="published_verdict__published_at",
        lookup_expr="date__lte",
        help_text="Verdict published on or before this date (YYYY-MM-DD).",
    )
    q = django_filters.CharFilter(
        method="filter_q", help_text="Words in the claim's text or the editor's wording."
    )

    class Meta:
        model = Claim
        fields: list[str] = []

    def filter_noop(self, queryset: QuerySet[Claim], name: str, value: Any) -> QuerySet[Claim]:
        return queryset  # applied together in filter_queryset: one attribution must match both

    def filter_rating(self, queryset: QuerySet[Claim], name: str, value: str) -> QuerySet[Claim]:
        return queryset.filter(
            Q(published_verdict__rating__label__iexact=value)
            | Q(published_verdict__rating__alternate_name__iexact=value)
        )

    def filter_q(self, queryset: QuerySet[Claim], name: str, value: str) -> QuerySet[Claim]:
        # icontains on both backends: no full-text index is maintained yet (see the report);
        # every word must occur, in either the claim's text or the normalised wording.
        for word in value.split()[:10]:
            queryset = queryset.filter(Q(text__icontains=word) | Q(normalized_text__icontains=word))
        return queryset

    def filter_queryset(self, queryset: QuerySet[Claim]) -> QuerySet[Claim]:
        data = self.form.cleaned_data
        request = self.request
        if data.get("status") and not (request and is_staff_viewer(viewer_of(request))):
            raise ValidationError({"status": ["Only staff may filter by workflow status."]})
        queryset = super().filter_queryset(queryset)
        attribution: dict[str, Any] = {}
        if data.get("actor") is not None:
            attribution["actor_id"] = int(data["actor"])
        if data.get("stance"):
            attribution["stance"] = data["stance"]
        if attribution:
            # A subquery instead of a join keeps one row per claim without DISTINCT.
            queryset = queryset.filter(
                pk__in=Attribution.objects.filter(**attribution).values("claim_id")
            )
        return queryset


class ActorFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(field_name="name", lookup_expr="icontains")
    kind = django_filters.ChoiceFilter(choices=Actor.Kind.choices)

    class Meta:
        model = Actor
        fields: list[str] = []


class SourceFilter(django_filters.FilterSet):
    kind = django_filters.ChoiceFilter(choices=Source.Kind.choices)
    q = django_filters.CharFilter(method="filter_q")

    class Meta:
        model = Source
        fields: list[str] = []

    def filter_q(self, queryset: QuerySet[Source], name: str, value: str) -> QuerySet[Source]:
        return queryset.filter(
            Q(title__icontains=value) | Q(url__icontains=value) | Q(publisher__icontains=value)
        )
