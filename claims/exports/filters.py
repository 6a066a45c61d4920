"""Which claims an export covers: `ClaimFilter` parameters, or an admin changelist's query.

An `ExportJob.filters` document is one of
- `{"status": ["new"], "actor": "Russia", …}`: the `claims.filters.ClaimFilter` parameters
  (the API's and the command's), or
- `{"admin_changelist": "status__exact=new&q=schodek"}`: the query string of the Claim admin
  changelist, replayed through that ModelAdmin so its list filters and search mean exactly what
  the editor saw.
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth.models import AnonymousUser, User
from django.db.models import QuerySet
from django.http import HttpRequest, QueryDict

from claims.filters import FILTER_PARAMS, filter_claims
from claims.models import Claim

ADMIN_CHANGELIST = "admin_changelist"


def params_from_query(data: QueryDict) -> dict[str, Any]:
    """The ClaimFilter parameters of a request's query string; other keys are ignored."""
    params: dict[str, Any] = {}
    for name in FILTER_PARAMS:
        values = [value for value in data.getlist(name) if value != ""]
        if values:
            params[name] = values if name == "status" else values[-1]
    return params


def changelist_queryset(query: str | QueryDict, *, user: User | AnonymousUser) -> QuerySet[Claim]:
    """The claims the Claim admin changelist shows for this query string and user."""
    from django.contrib import admin

    model_admin = admin.site._registry.get(Claim)
    if model_admin is None:
        raise ValueError("Claim is not registered in the admin; cannot replay its filters.")
    request = HttpRequest()
    request.method = "GET"
    request.GET = query if isinstance(query, QueryDict) else QueryDict(query)
    request.user = user
    changelist = model_admin.get_changelist_instance(request)
    return changelist.get_queryset(request)


def export_queryset(filters: dict[str, Any], *, user: User | AnonymousUser) -> QuerySet[Claim]:
    """The claims a stored filters document selects; ValueError names what is wrong."""
    if ADMIN_CHANGELIST in filters:
        return changelist_queryset(filters[ADMIN_CHANGELIST], user=user)
    unknown = sorted(set(filters) - set(FILTER_PARAMS))
    if unknown:
        raise ValueError(
            f"Unknown filter {', '.join(unknown)}; known filters: {', '.join(FILTER_PARAMS)}."
        )
    return filter_claims(filters)
