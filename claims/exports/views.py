"""The analysts' export endpoints: small exports stream in the response, large ones are jobs.

Plain Django views rather than DRF: the body is a file in the format the URL names, not a
negotiated representation, and streaming it needs no serializer.
"""

from __future__ import annotations

import tempfile
from collections.abc import Callable
from functools import wraps
from typing import Any

from django.http import (
    FileResponse,
    HttpRequest,
    HttpResponse,
    HttpResponseBase,
    JsonResponse,
    StreamingHttpResponse,
)
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.views.decorators.http import require_GET

from claims.exports.core import FORMATS, filename, stream_export, write_export
from claims.exports.filters import params_from_query
from claims.exports.services import count_claims, request_export, sync_max_rows
from claims.filters import filter_claims
from claims.models import ExportJob

EXPORT_PERMISSION = "claims.export_claims"

View = Callable[..., HttpResponseBase]


def analyst_required(view: View) -> View:
    """Staff with claims.export_claims; JSON errors, since API clients read them."""

    @wraps(view)
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        user = request.user
        if not user.is_authenticated:
            return JsonResponse({"detail": "Log in to export claims."}, status=401)
        if not (user.is_staff and user.has_perm(EXPORT_PERMISSION)):
            return JsonResponse(
                {"detail": f"Exporting claims needs the {EXPORT_PERMISSION} permission."},
                status=403,
            )
        return view(request, *args, **kwargs)

    return wrapped


def job_document(request: HttpRequest, job: ExportJob) -> dict[str, Any]:
    download = reverse("exports:download", args=[job.pk])
    return {
        "id": job.pk,
        "status": job.status,
        "format": job.format,
        "layout": job.layout,
        "filters": job.filters,
        "progress": job.progress,
        "row_count": job.row_count,
        "error": job.error,
        "url": request.build_absolute_uri(reverse("exports:job", args=[job.pk])),
        "download_url": request.build_absolute_uri(download)
        if job.status == ExportJob.Status.DONE
        else None,
    }


def file_response(queryset: Any, *, fmt: str, layout: str) -> HttpResponseBase:
    """The export in the response body: streamed, or for XLSX built in a temporary file first."""
    content_type = FORMATS[fmt][0]
    name = filename(fmt, layout)
    if fmt == "xlsx":
        # FileResponse closes the file when the response is done; a `with` would close it first.
        out = tempfile.TemporaryFile()  # noqa: SIM115
        write_export(queryset, out, fmt=fmt, layout=layout)
        out.seek(0)
        return FileResponse(out, as_attachment=True, filename=name, content_type=content_type)
    response = StreamingHttpResponse(
        stream_export(queryset, fmt=fmt, layout=layout), content_type=content_type
    )
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@require_GET
@analyst_required
def export_claims(request: HttpRequest, fmt: str) -> HttpResponseBase:
    """GET /api/v1/exports/claims.{csv,xlsx,jsonl,claimreview}?layout=wide|long&<filters>

    Up to EXPORT_SYNC_MAX_ROWS claims (or without `async=1`) the file is the response; above
    it, 202 with the job document to poll (`url`) and download (`download_url`) when done.
    """
    if fmt not in FORMATS:
        return JsonResponse(
            {"detail": f"Unknown export format {fmt!r}; choose one of {', '.join(FORMATS)}."},
            status=404,
        )
    layout = request.GET.get("layout", "wide")
    params = params_from_query(request.GET)
    try:
        if layout not in ("wide", "long"):
            raise ValueError(f"Unknown layout {layout!r}; choose wide or long.")
        queryset = filter_claims(params, desk=True)
    except ValueError as exc:
        return JsonResponse({"detail": str(exc)}, status=400)
    if request.GET.get("async") == "1" or count_claims(queryset, fmt=fmt) > sync_max_rows():
        job = request_export(user=request.user, fmt=fmt, layout=layout, filters=params)  # type: ignore[arg-type]
        return JsonResponse(job_document(request, job), status=202)
    return file_response(queryset, fmt=fmt, layout=layout)


@require_GET
@analyst_required
def job_status(request: HttpRequest, pk: int) -> HttpResponse:
    return JsonResponse(job_document(request, get_object_or_404(ExportJob, pk=pk)))


@require_GET
@analyst_required
def download(request: HttpRequest, pk: int) -> HttpResponseBase:
    """A finished job's file. Any analyst may fetch any job: the same permission lets them
    export the same claims themselves, so a job's owner adds no secrecy to guard."""
    job = get_object_or_404(ExportJob, pk=pk)
    if job.status != ExportJob.Status.DONE or not job.file:
        return JsonResponse(
            {"detail": f"Export {job.pk} is {job.status}; download it once it is done."},
            status=409,
        )
    return FileResponse(
        job.file.open("rb"),
        as_attachment=True,
        filename=job.file.name.rsplit("/", 1)[-1],
        content_type=FORMATS[job.format][0],
    )
