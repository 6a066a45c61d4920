"""What keeps the big changelists fast on an archive of a million claims (bench/admin.py).

- No blanket DISTINCT: filters that cross a to-many relation are EXISTS subqueries instead
  (`StanceFilter`), so Django's changelist never needs one.
- Counting stops early: `EstimatedCountPaginator` counts up to 10,000 rows exactly and takes
  PostgreSQL's estimate beyond that; `show_full_result_count = False` drops the second count.
- Search goes through the full-text indexes of `claims/search.py`.
"""

from __future__ import annotations

import json
from typing import Any

from django.contrib import admin
from django.core.paginator import Paginator
from django.db import connections
from django.db.models import Exists, OuterRef, QuerySet
from django.utils.functional import cached_property

from claims.models import Attribution, Stance

EXACT_COUNT_LIMIT = 10_000


def estimated_count(queryset: QuerySet) -> int | None:
    """PostgreSQL's row estimate for the queryset's plan (None where there is no planner to ask)."""
    connection = connections[queryset.db]
    if connection.vendor != "postgresql":
        return None
    sql, params = queryset.order_by().query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute(f"EXPLAIN (FORMAT JSON) {sql}", params)
        plan = cursor.fetchone()[0]
    if isinstance(plan, str):
        plan = json.loads(plan)
    return int(plan[0]["Plan"]["Plan Rows"])


class EstimatedCountPaginator(Paginator):
    """Exact counts up to EXACT_COUNT_LIMIT rows, the planner's estimate beyond (PostgreSQL)."""

    @cached_property
    def count(self) -> int:  # type: ignore[override]
        object_list: Any = self.object_list
        if not isinstance(object_list, QuerySet):
            return super().count
        exact = object_list[: EXACT_COUNT_LIMIT + 1].count()
        if exact <= EXACT_COUNT_LIMIT:
            return exact
        estimate = estimated_count(object_list)
        if estimate is None:
            return object_list.count()
        return max(estimate, exact)


class StanceFilter(admin.SimpleListFilter):
    """Claims with at least one attribution of this stance, as EXISTS: no DISTINCT needed."""

    title = "stance"
    parameter_name = "stance"

    def lookups(self, request, model_admin):  # type: ignore[no-untyped-def]
        return Stance.choices

    def queryset(self, request, queryset):  # type: ignore[no-untyped-def]
        if self.value() not in Stance.values:
            return queryset
        return queryset.filter(
            Exists(Attribution.objects.filter(claim=OuterRef("pk"), stance=self.value()))
        )


class LargeTableAdminMixin:
    """Changelist settings for tables that grow without bound."""

    paginator = EstimatedCountPaginator
    show_full_result_count = False
