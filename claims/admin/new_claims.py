"""The desk's queue of new claims: ranked, each with its matches, filtered, paginated.

Reads go through `claims.selectors.new_claims_ranked` and `desk_matches` (a constant number of
queries per page); the two buttons write through `workflow.assign_claim` and
`workflow.transition_claim`, the services the claim list's actions and the API use.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.admin import AdminSite
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme

from claims.admin.performance import distinct_values
from claims.errors import DomainError
from claims.models import Article, Claim, Feed, Outlet
from claims.selectors import (
    CHECKED_BONUS,
    DEFAULT_PERIOD,
    DESK_PERIODS,
    PENDING_BONUS,
    RANK_LIMIT,
    RANKING_NOTE,
    DeskFilters,
    desk_matches,
    new_claims_ranked,
)
from claims.services import workflow

PER_PAGE = 25
# The outlet dropdown lists at most this many outlets (by name); a desk with more filters by
# feed or types the outlet's id into the address.
OUTLET_CHOICES_LIMIT = 300


def _int(value: str | None) -> int | None:
    return int(value) if value and value.isdigit() else None


def filters_from(request: HttpRequest) -> DeskFilters:
    days = _int(request.GET.get("days"))
    return DeskFilters(
        days=days if days in DESK_PERIODS else DEFAULT_PERIOD,
        language=request.GET.get("language", "").strip()[:8],
        outlet_id=_int(request.GET.get("outlet")),
        feed_id=_int(request.GET.get("feed")),
        only_matched=request.GET.get("matched") == "1",
    )


def desk_view(site: AdminSite, request: HttpRequest) -> HttpResponse:
    """GET: the ranked list. Needs claims.view_claim; the buttons need claims.triage_claim."""
    if not request.user.has_perm("claims.view_claim"):
        raise PermissionDenied
    filters = filters_from(request)
    paginator = Paginator(new_claims_ranked(filters), PER_PAGE)
    page = paginator.get_page(request.GET.get("p"))
    claims: list[Claim] = list(page.object_list)
    for claim in claims:
        claim.bonus = round(claim.rank - claim.checkworthiness, 2)  # type: ignore[attr-defined]
    matches = desk_matches(claims)
    query = request.GET.copy()
    query.pop("p", None)
    context: dict[str, Any] = {
        **site.each_context(request),
        "title": "New claims, ranked",
        "opts": Claim._meta,
        "rows": [{"claim": c, "matches": matches[c.pk]} for c in claims],
        "page": page,
        "paginator": paginator,
        "capped": paginator.count >= RANK_LIMIT,
        "rank_limit_label": f"{RANK_LIMIT:,}",
        "count_label": f"{paginator.count:,}",
        "query": query.urlencode(),
        "filters": filters,
        "periods": DESK_PERIODS,
        "period_label": DESK_PERIODS[filters.days],
        "filtered": filters != DeskFilters(days=filters.days),
        "languages": distinct_values(Article, "language"),
        "outlets": list(
            Outlet.objects.order_by("name").values_list("pk", "name")[:OUTLET_CHOICES_LIMIT]
        ),
        "feeds": list(Feed.objects.order_by("outlet__name", "url").values_list("pk", "url")),
        "ranking_note": RANKING_NOTE,
        "checked_bonus": CHECKED_BONUS,
        "pending_bonus": PENDING_BONUS,
        "can_triage": request.user.has_perm("claims.triage_claim"),
        "here": request.get_full_path(),
    }
    return TemplateResponse(request, "admin/claims/claim/desk.html", context)


ACTIONS = {"assign": "Assigned to you", "triage": "Triaged"}


def desk_action_view(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    """POST: assign a claim to the editor, or triage it, through the workflow services."""
    back = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(back, allowed_hosts={request.get_host()}):
        back = ""
    target = back or reverse("admin:claims_claim_desk")
    if request.method != "POST" or action not in ACTIONS:
        return HttpResponseRedirect(target)
    try:
        if action == "assign":
            workflow.assign_claim(claim_id=pk, assignee=request.user, user=request.user)  # type: ignore[arg-type]
        else:
            workflow.transition_claim(
                claim_id=pk,
                name="triage",
                user=request.user,  # type: ignore[arg-type]
                expected_status=request.POST.get("expected_status") or None,
            )
    except Claim.DoesNotExist:
        messages.error(request, f"Claim #{pk} no longer exists; the list is reloaded.")
    except DomainError as exc:
        messages.error(request, f"#{pk}: {exc.message}")
    else:
        messages.success(request, f"{ACTIONS[action]}: claim #{pk}.")
    return HttpResponseRedirect(target)
