"""Partner newsrooms and their API keys: a thin wrapper over djangorestframework-api-key.

Keys are shown once, when issued, and stored hashed (SHA-512 of a high-entropy random key):
the database never holds a usable key.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import cast
from urllib.parse import urlsplit

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from claims.errors import DomainError
from core import outbound
from partners.models import Partner, PartnerAPIKey

SCOPES: tuple[str, ...] = tuple(PartnerAPIKey.Scope.values)
WEBHOOK_SECRET_MIN_LENGTH = 16
# DRF's SimpleRateThrottle reads only the period's first letter; "100/hours" would pass there
# and "100/xyz" crash every request, so the accepted spellings are spelled out.
_RATE = re.compile(r"^(\d{1,9})/(s|sec|second|m|min|minute|h|hour|d|day)$")


class InvalidPartnerInput(DomainError):
    code = "invalid_partner_input"


def parse_scopes(value: str | list[str] | tuple[str, ...]) -> list[str]:
    """`"read,submit"` or `["read"]` → a sorted, de-duplicated list of known scopes."""
    items = value.split(",") if isinstance(value, str) else list(value)
    scopes = sorted({item.strip() for item in items if item.strip()})
    unknown = [scope for scope in scopes if scope not in SCOPES]
    if unknown or not scopes:
        raise InvalidPartnerInput(
            f"Unknown or missing scopes {unknown or value!r}; choose from {', '.join(SCOPES)}.",
            fields={"scopes": [f"choose from {', '.join(SCOPES)}"]},
        )
    return scopes


def check_throttle_rate(rate: str) -> str:
    """A DRF rate such as "100/hour" (per second, minute, hour or day), or InvalidPartnerInput."""
    rate = rate.strip()
    match = _RATE.match(rate)
    if match is None or int(match.group(1)) == 0:
        raise InvalidPartnerInput(
            f"The throttle rate {rate!r} is not a number of requests per period; write e.g. "
            "'100/hour' (periods: second, minute, hour, day).",
            fields={"throttle_rate": ["not a rate such as 100/hour"]},
        )
    return rate


def _check_name(name: str, *, partner_id: int | None = None) -> str:
    name = name.strip()
    if not name:
        raise InvalidPartnerInput("A partner needs a name.", fields={"name": ["required"]})
    others = Partner.objects.filter(name=name)
    if partner_id is not None:
        others = others.exclude(pk=partner_id)
    if others.exists():
        raise InvalidPartnerInput(
            f"A partner named {name!r} exists already.", fields={"name": ["taken"]}
        )
    return name


def create_partner(*, name: str, throttle_rate: str | None = None) -> Partner:
    """Create a partner newsroom (no key yet: `issue_key` gives it one)."""
    partner = Partner(name=_check_name(name))
    if throttle_rate:
        partner.throttle_rate = check_throttle_rate(throttle_rate)
    partner.save()
    return partner


def update_partner(*, partner: Partner, name: str, is_active: bool, throttle_rate: str) -> Partner:
    """Rename, (de)activate or re-rate a partner; a deactivated partner's keys stop working."""
    partner.name = _check_name(name, partner_id=partner.pk)
    partner.is_active = is_active
    partner.throttle_rate = check_throttle_rate(throttle_rate)
    partner.save(update_fields=["name", "is_active", "throttle_rate"])
    return partner


def issue_key(
    *,
    partner: Partner,
    scopes: str | list[str] | tuple[str, ...] = ("read",),
    expiry: dt.datetime | None = None,
    name: str = "",
) -> tuple[PartnerAPIKey, str]:
    """Issue a new API key; returns the stored (hashed) key row and the plain key, shown once.

    - scopes are validated against PartnerAPIKey.Scope; an expiry in the past is refused
    """
    clean_scopes = parse_scopes(scopes)
    if expiry is not None and expiry <= timezone.now():
        raise InvalidPartnerInput(
            "The key's expiry is in the past.", fields={"expiry": ["in the past"]}
        )
    label = (name or f"{partner.name} {timezone.now():%Y-%m-%d}")[:50]
    api_key, key = PartnerAPIKey.objects.create_key(
        partner=partner, scopes=clean_scopes, expiry_date=expiry, name=label
    )
    return cast(PartnerAPIKey, api_key), key


def revoke_key(*, prefix: str) -> PartnerAPIKey:
    """Revoke a key by its public prefix (the part before the dot); revoking twice is harmless."""
    with transaction.atomic():
        api_key = PartnerAPIKey.objects.select_for_update().filter(prefix=prefix).first()
        if api_key is None:
            raise InvalidPartnerInput(f"No API key with prefix {prefix!r}.")
        if not api_key.revoked:
            api_key.revoked = True
            api_key.save(update_fields=["revoked"])
    return api_key


def _check_webhook_url(url: str) -> None:
    """An https URL (http too with DEBUG) whose host resolves only to public addresses.

    The same rules as every request the server makes (core/outbound.py): a partner must not
    point the desk's workers at its internal network, by an address or by a name such as
    `localhost` or `127.0.0.1.nip.io`. Deliveries are checked again when they connect.
    """
    parts = urlsplit(url)
    allowed = {"https"} if not settings.DEBUG else {"https", "http"}
    if parts.scheme not in allowed or not parts.hostname:
        raise InvalidPartnerInput(
            f"The webhook URL must be an absolute {' or '.join(sorted(allowed))} URL.",
            fields={"url": ["not an absolute https URL"]},
        )
    try:
        outbound.check_url(url)
    except outbound.OutboundError as exc:
        raise InvalidPartnerInput(
            "The webhook URL must resolve to a public address the desk can reach.",
            fields={"url": ["not a public address"]},
        ) from exc


def _check_webhook_secret(secret: str) -> None:
    from partners.services.webhooks import signing_key

    try:
        key = signing_key(secret)
    except ValueError:
        raise InvalidPartnerInput(
            "A webhook secret that starts with whsec_ must be base64 after the prefix "
            "(the Standard Webhooks format).",
            fields={"secret": ["not base64 after whsec_"]},
        ) from None
    if len(key) < 16:
        raise InvalidPartnerInput(
            "The webhook secret's key must have at least 16 bytes.",
            fields={"secret": ["key shorter than 16 bytes"]},
        )


def check_webhook(*, url: str, secret: str) -> tuple[str, str]:
    """The (url, secret) to store, or InvalidPartnerInput naming the field; no URL, no secret."""
    url = url.strip()
    if not url:
        return "", ""
    _check_webhook_url(url)
    if len(secret) < WEBHOOK_SECRET_MIN_LENGTH:
        raise InvalidPartnerInput(
            f"The webhook secret must have at least {WEBHOOK_SECRET_MIN_LENGTH} characters.",
            fields={"secret": [f"at least {WEBHOOK_SECRET_MIN_LENGTH} characters"]},
        )
    _check_webhook_secret(secret)
    return url, secret


def set_webhook(*, partner: Partner, url: str, secret: str) -> Partner:
    """Register (or, with an empty URL, remove) the partner's webhook endpoint and secret."""
    url, secret = check_webhook(url=url, secret=secret)
    Partner.objects.filter(pk=partner.pk).update(webhook_url=url, webhook_secret=secret)
    partner.webhook_url, partner.webhook_secret = url, secret
    return partner


def update_key(
    *,
    api_key: PartnerAPIKey,
    name: str,
    scopes: str | list[str] | tuple[str, ...],
    expiry: dt.datetime | None,
    revoked: bool,
) -> PartnerAPIKey:
    """Rename a key, change its scopes or expiry, or revoke it.

    - scopes are validated like `issue_key`'s; a revoked key stays revoked (issue a new one)
    """
    if api_key.revoked and not revoked:
        raise InvalidPartnerInput(
            "A revoked key stays revoked; issue a new key instead.",
            fields={"revoked": ["cannot be undone"]},
        )
    api_key.name = name.strip()[:50]
    api_key.scopes = parse_scopes(scopes)
    api_key.expiry_date = expiry
    api_key.revoked = revoked
    api_key.save(update_fields=["name", "scopes", "expiry_date", "revoked"])
    return api_key
