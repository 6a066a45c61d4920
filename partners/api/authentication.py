"""`Authorization: Api-Key <key>` for partner newsrooms, with a message for every way it fails.

The authenticated request carries the key in `request.auth` and leaves `request.user`
anonymous: a partner is not a Django user, and simple-history (which reads `request.user` when
an API request creates claims) must not record it as one.
"""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.core.cache import cache
from django.utils import timezone
from drf_spectacular.extensions import OpenApiAuthenticationExtension
from rest_framework import exceptions
from rest_framework.authentication import BaseAuthentication
from rest_framework.request import Request

from partners.models import PartnerAPIKey

KEYWORD = "Api-Key"
FAILURE_WINDOW_SECONDS = 60


def _failure_key(request: Request) -> str:
    # REMOTE_ADDR is the client as the web server saw it; behind a reverse proxy, the proxy must
    # set it (gunicorn's --forwarded-allow-ips), or every client shares the proxy's budget.
    return f"throttle:api-key-failures:{request.META.get('REMOTE_ADDR', '')}"


def _refuse_guessers(request: Request) -> None:
    """429 for an address that sent too many wrong keys this minute, before any key lookup."""
    limit = settings.API_KEY_FAILURES_PER_MINUTE
    if limit and (cache.get(_failure_key(request)) or 0) >= limit:
        raise exceptions.Throttled(
            wait=FAILURE_WINDOW_SECONDS,
            detail="Too many invalid API keys from this address; wait before trying again.",
        )


def _count_failure(request: Request) -> None:
    key = _failure_key(request)
    cache.add(key, 0, timeout=FAILURE_WINDOW_SECONDS)
    try:
        cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, timeout=FAILURE_WINDOW_SECONDS)


class PartnerAPIKeyAuthentication(BaseAuthentication):
    def authenticate(self, request: Request) -> tuple[AnonymousUser, PartnerAPIKey] | None:
        header = request.META.get("HTTP_AUTHORIZATION", "")
        keyword, _, key = header.partition(" ")
        if keyword.lower() != KEYWORD.lower():
            return None  # another scheme, or none: session authentication may still apply
        _refuse_guessers(request)
        key = key.strip()
        prefix, dot, _ = key.partition(".")
        api_key = (
            PartnerAPIKey.objects.select_related("partner").filter(prefix=prefix).first()
            if dot and prefix
            else None
        )
        if api_key is None or not api_key.is_valid(key):
            _count_failure(request)
            raise exceptions.AuthenticationFailed(
                "The API key is not valid. Send `Authorization: Api-Key <key>` with the whole "
                "key as it was issued.",
                code="invalid_api_key",
            )
        if api_key.revoked:
            raise exceptions.AuthenticationFailed(
                "This API key was revoked. Ask the desk for a new key.", code="revoked_api_key"
            )
        if api_key.expiry_date is not None and api_key.expiry_date <= timezone.now():
            raise exceptions.AuthenticationFailed(
                f"This API key expired on {api_key.expiry_date:%Y-%m-%d %H:%M} UTC. "
                "Ask the desk for a new key.",
                code="expired_api_key",
            )
        if not api_key.partner.is_active:
            raise exceptions.AuthenticationFailed(
                "The partner account of this API key is deactivated.", code="partner_inactive"
            )
        return AnonymousUser(), api_key

    def authenticate_header(self, request: Request) -> str:
        # A WWW-Authenticate value makes DRF answer 401 (not 403) when credentials are missing.
        return f'{KEYWORD} realm="api"'


class PartnerAPIKeyScheme(OpenApiAuthenticationExtension):
    target_class = "partners.api.authentication.PartnerAPIKeyAuthentication"
    name = "ApiKeyAuth"

    def get_security_definition(self, auto_schema):  # type: ignore[no-untyped-def]
        return {
            "type": "apiKey",
            "in": "header",
            "name": "Authorization",
            "description": "`Api-Key <key>`; keys are issued per partner newsroom.",
        }
