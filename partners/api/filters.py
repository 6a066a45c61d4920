"""Query filters of the list endpoints (django-filter)."""

from __future__ import annotations

import django_filters
from django.db.models import Q, QuerySet
from rest_framework.exceptions import ValidationError

from claims.filters import ClaimFilter as SharedClaimFilter
from claims.models import Actor, Claim
from partners.api.permissions import viewer_of
from partners.selectors import is_staff_viewer
from sources.models import Source


class ClaimFilter(SharedClaimFilter):
    """The shared claim filters (claims/filters.py), with `status` reserved for staff."""

    def filter_queryset(self, queryset: QuerySet[Claim]) -> QuerySet[Claim]:
        request = self.request
        if self.form.cleaned_data.get("status") and not (
            request and is_staff_viewer(viewer_of(request))
        ):
            raise ValidationError({"status": ["Only staff may filter by workflow status."]})
        return super().filter_queryset(queryset)


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
