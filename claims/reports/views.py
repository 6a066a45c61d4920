"""Report pages for analysts under /reports/: a chart, its data table and the table as CSV.

Each report is a function from the filter form's values to a `Report`; the view only checks
access, validates the form and renders (or writes the CSV).
"""

from __future__ import annotations

import csv
import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from functools import wraps
from typing import Any

from django import forms
from django.conf import settings
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import render, resolve_url
from django.utils.safestring import SafeString

from claims.exports.core import csv_cell
from claims.exports.views import EXPORT_PERMISSION
from claims.models import Outlet
from claims.reports import charts, selectors
from claims.reports.cache import cached_report


def analyst_page(view: Callable[..., HttpResponseBase]) -> Callable[..., HttpResponseBase]:
    """Anonymous visitors go to the login page; staff without claims.export_claims get 403."""

    @wraps(view)
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path(), resolve_url(settings.LOGIN_URL))
        if not (request.user.is_staff and request.user.has_perm(EXPORT_PERMISSION)):
            raise PermissionDenied(f"Reports need the {EXPORT_PERMISSION} permission.")
        return view(request, *args, **kwargs)

    return wrapped


class ReportFilterForm(forms.Form):
    date_from = forms.DateField(required=False, widget=forms.DateInput(attrs={"type": "date"}))
    date_to = forms.DateField(required=False, widget=forms.DateInput(attrs={"type": "date"}))
    outlet = forms.ModelChoiceField(Outlet.objects.all(), required=False, empty_label="all")

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("date_from") and data.get("date_to") and data["date_from"] > data["date_to"]:
            raise forms.ValidationError("The start date is after the end date.")
        return data


@dataclass
class Report:
    title: str
    description: str
    chart: SafeString
    columns: list[str]
    rows: list[list[Any]]


def _claims(filters: dict[str, Any], *, dates: bool = True) -> Any:
    params: dict[str, Any] = {}
    if filters.get("outlet"):
        params["outlet"] = filters["outlet"].pk
    if dates:
        params |= {k: filters[k] for k in ("date_from", "date_to") if filters.get(k)}
    return selectors.report_claims(params)


def _rating_series(breakdown: selectors.Breakdown) -> list[charts.Series]:
    return [
        charts.Series(
            r.label,
            charts.rating_colour(r.position, rated=r.label != selectors.UNRATED),
            [breakdown.counts.get((c, r.label), 0) for c in breakdown.categories],
        )
        for r in breakdown.ratings
    ]


def over_time(filters: dict[str, Any]) -> Report:
    data = selectors.claims_over_time(_claims(filters))
    return Report(
        "Claims over time by verdict",
        "Claims per month of their article's publication, coloured by the published verdict's "
        "rating (grey: not published yet).",
        charts.stacked_columns(
            data.categories, _rating_series(data), title="Claims per month by verdict"
        ),
        ["month", *(r.label for r in data.ratings), "total"],
        [[c, *data.row(c), sum(data.row(c))] for c in data.categories],
    )


def actors(filters: dict[str, Any]) -> Report:
    data = selectors.verdicts_per_actor(_claims(filters))
    return Report(
        "Verdicts per actor",
        "A speaker's track record: the published verdicts of the claims each actor asserted "
        "(asserts, promises, reports), as shares; the 15 actors with most rated claims.",
        charts.stacked_bars(
            data.categories, _rating_series(data), title="Published verdicts per actor"
        ),
        ["actor", *(r.label for r in data.ratings), "rated claims"],
        [[c, *data.row(c), sum(data.row(c))] for c in data.categories],
    )


def network(filters: dict[str, Any]) -> Report:
    data = selectors.stance_network(_claims(filters))
    names = data.actors
    links = [
        charts.Link(
            e.source,
            e.target,
            e.shared,
            e.relation,
            f"{names[e.source]} – {names[e.target]}: {e.shared} shared, {e.agree} same side, "
            f"{e.disagree} opposite",
        )
        for e in data.edges
    ]
    nodes = [
        charts.Node(pk, name, data.claims_per_actor.get(pk, 0))
        for pk, name in sorted(names.items(), key=lambda item: item[1])
    ]
    return Report(
        "Stance network",
        "Who asserts and who denies the same claims: actors are nodes (size: their claims), a "
        "line joins two actors attributed on the same claims (width: how many); green when "
        "they take the same side, red when opposite sides, amber when both happen. The 40 "
        "pairs with most shared claims.",
        charts.network(nodes, links, title="Actors on the same claims"),
        ["actor", "other actor", "shared claims", "same side", "opposite sides", "relation"],
        [
            [names[e.source], names[e.target], e.shared, e.agree, e.disagree, e.relation]
            for e in data.edges
        ],
    )


def _duration(value: dt.timedelta | None) -> str:
    if value is None:
        return "–"
    hours = value.total_seconds() / 3600
    if hours >= 48:
        return f"{hours / 24:.1f} d"
    return f"{hours:.1f} h" if hours >= 1 else f"{hours * 60:.0f} min"


def workflow(filters: dict[str, Any]) -> Report:
    states = selectors.workflow_throughput(
        _claims(filters, dates=False),
        date_from=filters.get("date_from"),
        date_to=filters.get("date_to"),
    )
    return Report(
        "Workflow throughput",
        "Average time a claim spends in each workflow state before it moves on, from the "
        "claims' history; the date range selects when it moved on. Published and dismissed "
        "are final states unless a correction or reopening moves a claim on.",
        charts.bars(
            [s.label for s in states],
            [s.average.total_seconds() if s.average else 0 for s in states],
            value_labels=[f"{_duration(s.average)} ({s.exits} moved on)" for s in states],
            title="Average time in each workflow state",
        ),
        ["state", "moved on", "average time", "longest", "now in state"],
        [
            [s.label, s.exits, _duration(s.average), _duration(s.longest), s.now_in_state]
            for s in states
        ],
    )


REPORTS: dict[str, Callable[[dict[str, Any]], Report]] = {
    "over-time": over_time,
    "actors": actors,
    "network": network,
    "workflow": workflow,
}
TITLES = {
    "over-time": "Claims over time",
    "actors": "Verdicts per actor",
    "network": "Stance network",
    "workflow": "Workflow throughput",
}


@analyst_page
def index(request: HttpRequest) -> HttpResponse:
    return render(request, "reports/index.html", {"reports": TITLES, "title": "Reports"})


@analyst_page
def report(request: HttpRequest, slug: str) -> HttpResponse:
    build = REPORTS.get(slug)
    if build is None:
        raise Http404(f"No report {slug!r}.")
    form = ReportFilterForm(request.GET or None)
    if form.is_bound and not form.is_valid():
        return render(
            request,
            "reports/report.html",
            {"form": form, "reports": TITLES, "slug": slug, "title": TITLES[slug]},
            status=400,
        )
    result, computed_at = cached_report(slug, form.cleaned_data if form.is_bound else {}, build)
    if request.GET.get("format") == "csv":
        response = HttpResponse(content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="report-{slug}.csv"'
        response.write("\ufeff")
        writer = csv.writer(response)
        writer.writerow(result.columns)
        writer.writerows([csv_cell(v) for v in row] for row in result.rows)
        return response
    query = request.GET.copy()
    query["format"] = "csv"
    return render(
        request,
        "reports/report.html",
        {
            "form": form,
            "report": result,
            "reports": TITLES,
            "slug": slug,
            "title": result.title,
            "csv_query": query.urlencode(),
            "computed_at": computed_at,
        },
    )
