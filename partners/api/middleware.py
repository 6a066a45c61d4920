"""Every answer under /api/ that is an error is in the documented `{"error": …}` shape.

DRF views already answer so (partners/api/exceptions.py). This catches what happens outside
them: Django's CSRF failure page, `require_GET`'s empty 405, `get_object_or_404`'s HTML page,
the export views' `{"detail": …}`, a body over DATA_UPLOAD_MAX_MEMORY_SIZE, a crash in a plain
view. An API client must never have to parse an HTML page.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from http import HTTPStatus

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.http.response import HttpResponseBase

from partners.api.exceptions import error_body

API_PREFIX = "/api/"
CODES = {
    400: "bad_request",
    401: "not_authenticated",
    403: "permission_denied",
    404: "not_found",
    405: "method_not_allowed",
    409: "conflict",
    413: "too_large",
    415: "unsupported_media_type",
    429: "throttled",
    500: "server_error",
    503: "unavailable",
}
MESSAGES = {
    403: "Not allowed. API clients authenticate with `Authorization: Api-Key <key>`.",
    413: "The request body is larger than this server accepts.",
    500: "An unexpected error occurred; it has been logged.",
}


def _documented(response: HttpResponseBase) -> bool:
    if "application/json" not in response.get("Content-Type", ""):
        return False
    if not isinstance(response, HttpResponse):
        return True  # streamed JSON is never an error body
    try:
        data = json.loads(response.content or b"null")
    except ValueError:
        return False
    return isinstance(data, dict) and isinstance(data.get("error"), dict)


def _message(response: HttpResponseBase, status: int) -> str:
    """A JSON `detail` is kept (the export views explain themselves); anything else is replaced."""
    if isinstance(response, HttpResponse) and "application/json" in response.get(
        "Content-Type", ""
    ):
        try:
            detail = json.loads(response.content).get("detail")
        except (ValueError, AttributeError):
            detail = None
        if isinstance(detail, str) and detail:
            return detail
    if status in MESSAGES:
        return MESSAGES[status]
    try:
        return HTTPStatus(status).phrase + "."
    except ValueError:
        return "Request failed."


class APIErrorShapeMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        response = self.get_response(request)
        if (
            not request.path.startswith(API_PREFIX)
            or response.status_code < 400
            or _documented(response)
        ):
            return response
        status = response.status_code
        shaped = JsonResponse(
            error_body(CODES.get(status, "error"), _message(response, status)), status=status
        )
        for header in ("Allow", "Retry-After", "WWW-Authenticate", "Vary"):
            if header in response:
                shaped[header] = response[header]
        return shaped
