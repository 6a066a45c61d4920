"""Every API error has one shape: `{"error": {"code", "message", "fields"}}`.

`code` is stable and machine-readable, `message` is a sentence a partner's developer can act
on, `fields` maps each invalid input field to its problems (empty when none).
"""

from __future__ import annotations

import logging
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.exceptions import RequestDataTooBig
from django.db import InterfaceError, OperationalError
from django.http import Http404
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError
from rest_framework import exceptions, status
from rest_framework.response import Response
from rest_framework.views import exception_handler as drf_exception_handler

from claims.errors import DomainError

logger = logging.getLogger(__name__)


def error_body(code: str, message: str, fields: dict[str, list[str]] | None = None) -> dict:
    return {"error": {"code": code, "message": message, "fields": fields or {}}}


def _flatten(detail: Any, prefix: str = "") -> dict[str, list[str]]:
    """DRF's nested validation details → {"field" or "field.sub" or "field.0": [messages]}."""
    if isinstance(detail, dict):
        out: dict[str, list[str]] = {}
        for key, value in detail.items():
            name = "non_field_errors" if key == "non_field_errors" and not prefix else str(key)
            out.update(_flatten(value, f"{prefix}.{name}" if prefix else name))
        return out
    if isinstance(detail, list) and any(isinstance(item, dict | list) for item in detail):
        out = {}
        for index, value in enumerate(detail):
            out.update(_flatten(value, f"{prefix}.{index}" if prefix else str(index)))
        return out
    items = detail if isinstance(detail, list) else [detail]
    return {prefix or "non_field_errors": [str(item) for item in items]}


# A backing service that is down (Redis behind the throttle counters, the database during a
# restart) is a passing state: 503 with Retry-After tells clients to come back, a 500 does not.
UNAVAILABLE_ERRORS = (RedisConnectionError, RedisTimeoutError, OperationalError, InterfaceError)
RETRY_AFTER_SECONDS = 30


def service_unavailable(exc: Exception) -> Response:
    logger.warning("API answered 503: %s: %s", exc.__class__.__name__, exc)
    response = Response(
        error_body(
            "unavailable",
            f"The service is briefly unavailable; retry in {RETRY_AFTER_SECONDS} seconds.",
        ),
        status=status.HTTP_503_SERVICE_UNAVAILABLE,
    )
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    return response


def exception_handler(exc: Exception, context: dict[str, Any]) -> Response | None:
    if isinstance(exc, UNAVAILABLE_ERRORS):
        return service_unavailable(exc)
    if isinstance(exc, DomainError):
        return Response(error_body(exc.code, exc.message, exc.fields), status=exc.http_status)
    if isinstance(exc, RequestDataTooBig):
        return Response(
            error_body(
                "too_large",
                "The request body is larger than this server accepts "
                f"({settings.DATA_UPLOAD_MAX_MEMORY_SIZE:,} bytes; articles up to "
                f"{settings.ARTICLE_MAX_CHARS:,} characters).",
            ),
            status=status.HTTP_413_REQUEST_ENTITY_TOO_LARGE,
        )
    if isinstance(exc, Http404):
        exc = exceptions.NotFound(str(exc) or "Not found.")
    elif isinstance(exc, DjangoPermissionDenied):
        exc = exceptions.PermissionDenied(str(exc) or None)
    if isinstance(exc, exceptions.ValidationError):
        fields = _flatten(exc.detail)
        names = ", ".join(sorted(name for name in fields if name != "non_field_errors"))
        message = (
            f"Invalid input in: {names}."
            if names
            else "; ".join(fields.get("non_field_errors", ["Invalid input."]))
        )
        response = drf_exception_handler(exc, context)
        assert response is not None
        response.data = error_body("invalid", message, fields)
        return response
    response = drf_exception_handler(exc, context)
    if response is None:
        # An unexpected error still answers in the documented shape; the traceback goes to the log.
        logger.exception("unhandled API error", exc_info=exc)
        return Response(
            error_body("server_error", "An unexpected error occurred; it has been logged."),
            status=status.HTTP_500_INTERNAL_SERVER_ERROR,
        )
    detail = getattr(exc, "detail", "")
    if isinstance(exc, exceptions.NotAuthenticated):
        detail = (
            "Authentication credentials were not provided. Send `Authorization: Api-Key <key>` "
            "(partners) or log in as a staff user."
        )
    code = exc.get_codes() if isinstance(exc, exceptions.APIException) else "error"
    response.data = error_body(
        code if isinstance(code, str) else "error",
        str(detail) if not isinstance(detail, dict | list) else "Request failed.",
    )
    return response
