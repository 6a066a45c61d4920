"""Which claims an export covers: claim filter parameters, also for an admin changelist's query.

An `ExportJob.filters` document holds `claims.filters.DeskClaimFilter` parameters
(`{"status": ["new"], "actor": "Russia", "search": "schodek", …}`): the API's, the command's and
the admin's exports all store and replay the same filters. The admin changelist's query string
is translated to them (`params_from_changelist`); nothing replays the ModelAdmin itself.
Jobs stored before that translation existed (`{"admin_changelist": "status__exact=new"}`) are
translated when they run.
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth.models import AnonymousUser, User
from django.db.models import QuerySet
from django.http import QueryDict

from claims.filters import DESK_FILTER_PARAMS, NO_ASSIGNEE, filter_claims
from claims.models import Claim

LEGACY_ADMIN_CHANGELIST = "admin_changelist"

# The Claim changelist's query parameters and the claim filter each one means.
CHANGELIST_FILTERS = {
    "status__exact": "status",
    "kind__exact": "kind",
    "article__language": "language",
    "article__outlet__id__exact": "outlet",
    "attributions__stance": "stance",
    "queue": "queue",
    "q": "search",
}
# Ordering, paging and the admin's own bookkeeping: they do not change which claims match.
CHANGELIST_IGNORED = {"o", "p", "all", "_changelist_filters", "_popup", "_to_field"}


def params_from_query(data: QueryDict) -> dict[str, Any]:
    """The claim filter parameters of a request's query string; other keys are ignored."""
    params: dict[str, Any] = {}
    for name in DESK_FILTER_PARAMS:
        values = [value for value in data.getlist(name) if value != ""]
        if values:
            params[name] = values if name == "status" else values[-1]
    return params


def params_from_changelist(query: str | QueryDict, *, user: User | AnonymousUser) -> dict[str, Any]:
    """The claim filters that select what the Claim changelist shows for this query string.

    "assigned to me" becomes the user's id, so a job run later exports the same claims.
    A parameter the exports do not know raises ValueError naming it.
    """
    data = query if isinstance(query, QueryDict) else QueryDict(query)
    params: dict[str, Any] = {}
    for key, values in data.lists():
        value = values[-1]
        if key in CHANGELIST_IGNORED or value == "":
            continue
        if key == "assigned":
            if value not in {"me", "nobody"}:
                raise ValueError(f"Unknown assignment filter {value!r}; use me or nobody.")
            params["assignee"] = str(user.pk) if value == "me" else NO_ASSIGNEE
        elif key in CHANGELIST_FILTERS:
            name = CHANGELIST_FILTERS[key]
            params[name] = [value] if name == "status" else value
        else:
            raise ValueError(f"The export does not know the changelist filter {key!r}.")
    return params


def export_queryset(filters: dict[str, Any], *, user: User | AnonymousUser) -> QuerySet[Claim]:
    """The claims a stored filters document selects; ValueError names what is wrong."""
    if LEGACY_ADMIN_CHANGELIST in filters:
        filters = params_from_changelist(filters[LEGACY_ADMIN_CHANGELIST], user=user)
    unknown = sorted(set(filters) - set(DESK_FILTER_PARAMS))
    if unknown:
        raise ValueError(
            f"Unknown filter {', '.join(unknown)}; known filters: {', '.join(DESK_FILTER_PARAMS)}."
        )
    return filter_claims(filters, desk=True)
