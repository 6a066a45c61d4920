"""Exports in the admin: "Export selected claims", "Export" with the changelist's filters, and
the list of export jobs.

Wiring (claims/admin): `from claims.exports.admin import ClaimExportMixin` registers
ExportJobAdmin as a side effect of the import; put the mixin first in ClaimAdmin's bases:
`class ClaimAdmin(ClaimExportMixin, SimpleHistoryAdmin)`. The mixin adds the action (for users
with claims.export_claims), the `export/` URL and the changelist's Export links.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import admin, messages
from django.contrib.admin import helpers
from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponseBase, HttpResponseRedirect, QueryDict
from django.template.response import TemplateResponse
from django.urls import NoReverseMatch, path, reverse
from django.utils.html import format_html

from claims.exports.core import FORMATS, LAYOUTS, check_format
from claims.exports.filters import export_queryset, params_from_changelist
from claims.exports.services import count_claims, request_export, sync_max_rows
from claims.exports.views import EXPORT_PERMISSION, file_response
from claims.models import Claim, ExportJob

FORMAT_PARAM = "_format"
LAYOUT_PARAM = "_layout"


class ExportForm(forms.Form):
    format = forms.ChoiceField(choices=[(f, f) for f in FORMATS], initial="csv")
    layout = forms.ChoiceField(
        choices=[(layout, layout) for layout in LAYOUTS],
        initial="wide",
        help_text="wide: one row per claim; long: one row per attribution.",
    )


def _job_message(request: HttpRequest, job: ExportJob, count: int) -> None:
    try:
        jobs = reverse("admin:claims_exportjob_changelist")
    except NoReverseMatch:
        jobs = ""
    messages.info(
        request,
        format_html(
            "{} claims are more than an export in the page can hold ({}); export {} runs in "
            'the background: download it from <a href="{}">Export jobs</a> when it is done.',
            count,
            sync_max_rows(),
            job.pk,
            jobs,
        ),
    )


@admin.action(description="Export selected claims", permissions=["export"])
def export_selected_action(
    modeladmin: admin.ModelAdmin, request: HttpRequest, queryset: QuerySet[Claim]
) -> HttpResponseBase | None:
    """Asks for format and layout on an intermediate page, then answers with the file.

    "Select all N" across pages above EXPORT_SYNC_MAX_ROWS becomes a job over the claim filters
    the changelist's query string means; a page's ticked rows are always few enough to stream.
    """
    form = ExportForm(request.POST if "apply" in request.POST else None)
    select_across = request.POST.get("select_across") == "1"
    if form.is_valid():
        fmt, layout = form.cleaned_data["format"], form.cleaned_data["layout"]
        count = count_claims(queryset, fmt=fmt)
        if select_across and count > sync_max_rows():
            job = request_export(
                user=request.user,  # type: ignore[arg-type]
                fmt=fmt,
                layout=layout,
                filters=params_from_changelist(request.GET, user=request.user),
            )
            _job_message(request, job, count)
            return None
        return file_response(queryset, fmt=fmt, layout=layout)
    return TemplateResponse(
        request,
        "exports/admin/export_selected.html",
        {
            **modeladmin.admin_site.each_context(request),
            "title": "Export claims",
            "opts": modeladmin.model._meta,
            "form": form,
            "count": queryset.count(),
            "select_across": select_across,
            # The admin runs a confirmed action only when ticked ids come back with it, also
            # under "select all": hand back what the changelist sent.
            "selected": request.POST.getlist(helpers.ACTION_CHECKBOX_NAME),
            "action_checkbox_name": helpers.ACTION_CHECKBOX_NAME,
        },
    )


class ClaimExportMixin:
    """Adds the exports to a Claim ModelAdmin (see the module docstring)."""

    change_list_template = "exports/admin/change_list.html"

    def has_export_permission(self, request: HttpRequest) -> bool:
        return request.user.has_perm(EXPORT_PERMISSION)

    def get_actions(self, request: HttpRequest) -> dict[str, Any]:
        actions = super().get_actions(request)  # type: ignore[misc]
        if self.has_export_permission(request) and "_popup" not in request.GET:
            actions["export_selected_action"] = self.get_action(export_selected_action)  # type: ignore[attr-defined]
        return actions

    def get_urls(self) -> list[Any]:
        opts = self.model._meta  # type: ignore[attr-defined]
        return [
            path(
                "export/",
                self.admin_site.admin_view(self.export_changelist_view),  # type: ignore[attr-defined]
                name=f"{opts.app_label}_{opts.model_name}_export",
            ),
            *super().get_urls(),  # type: ignore[misc]
        ]

    def changelist_view(
        self, request: HttpRequest, extra_context: dict[str, Any] | None = None
    ) -> HttpResponseBase:
        extra_context = {
            **(extra_context or {}),
            "export_formats": list(FORMATS) if self.has_export_permission(request) else [],
            "export_query": request.GET.urlencode(),
        }
        return super().changelist_view(request, extra_context)  # type: ignore[misc]

    def export_changelist_view(self, request: HttpRequest) -> HttpResponseBase:
        """`export/?_format=csv&_layout=wide&<the changelist's own query>`"""
        if not self.has_export_permission(request):
            raise PermissionDenied
        opts = self.model._meta  # type: ignore[attr-defined]
        changelist = reverse(f"admin:{opts.app_label}_{opts.model_name}_changelist")
        query: QueryDict = request.GET.copy()
        fmt = query.pop(FORMAT_PARAM, ["csv"])[-1]
        layout = query.pop(LAYOUT_PARAM, ["wide"])[-1]
        back = HttpResponseRedirect(f"{changelist}?{query.urlencode()}")
        try:
            check_format(fmt, layout)
            filters = params_from_changelist(query, user=request.user)
            queryset = export_queryset(filters, user=request.user)
            count = count_claims(queryset, fmt=fmt)
        except Exception as exc:  # a bad lookup in a hand-edited URL: say so on the changelist
            messages.error(request, f"Cannot export: {exc}")
            return back
        if count > sync_max_rows():
            job = request_export(
                user=request.user,  # type: ignore[arg-type]
                fmt=fmt,
                layout=layout,
                filters=filters,
            )
            _job_message(request, job, count)
            return back
        return file_response(queryset, fmt=fmt, layout=layout)


@admin.register(ExportJob)
class ExportJobAdmin(admin.ModelAdmin):
    """Read-only: jobs are created by the exports and written by their task."""

    list_display = (
        "id",
        "created_at",
        "requested_by",
        "format",
        "layout",
        "status",
        "progress",
        "row_count",
        "finished_at",
        "download",
    )
    list_filter = ("status", "format", "layout")
    list_select_related = ("requested_by",)
    readonly_fields = (
        "requested_by",
        "format",
        "layout",
        "filters",
        "status",
        "progress",
        "row_count",
        "download",
        "error",
        "created_at",
        "queued_at",
        "attempts",
        "finished_at",
    )
    exclude = ("file",)

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False  # deleting the row would leave its file in storage

    @admin.display(description="file")
    def download(self, obj: ExportJob) -> str:
        if obj.status != ExportJob.Status.DONE or not obj.file:
            return "—"
        try:
            url = reverse("exports:download", args=[obj.pk])
        except NoReverseMatch:  # the exports URLs are not included in this project
            return obj.file.name
        return format_html('<a href="{}">download</a>', url)
