"""Webhooks to partner newsrooms: one signed POST per public claim event and partner.

Called by `claims.tasks.dispatch_claim_event` for every ClaimEvent; only public events
(publish, correction, retraction) go out. Receivers verify
`X-Factcheck-Signature: sha256=<hex HMAC-SHA256 of the raw body with their secret>` and
de-duplicate on `X-Factcheck-Delivery` (a retry re-sends the same id and body).
"""

from __future__ import annotations

import hashlib
import hmac
import json
import logging
from functools import partial
from typing import Any

from django.conf import settings
from django.db import transaction
from django.db.models import F
from django.urls import reverse
from django.utils import timezone

from claims.models import Claim, ClaimEvent
from factcheck import outbound
from factcheck.models import WebhookDelivery
from factcheck.selectors import partners_to_notify

logger = logging.getLogger(__name__)

SIGNATURE_HEADER = "X-Factcheck-Signature"
DELIVERY_HEADER = "X-Factcheck-Delivery"
EVENT_HEADER = "X-Factcheck-Event"
TIMEOUT_SECONDS = 10
# A receiver's answer is only logged; more than this is not read.
RESPONSE_MAX_BYTES = 64 * 1024
USER_AGENT = "factcheck-webhooks/1.0"
# Attempts = 1 + retries; with the backoff below (1, 2, 4 … 128 minutes) the last retry comes
# about 4¼ hours after the first attempt.
MAX_RETRIES = 8
BACKOFF_BASE_SECONDS = 60
BACKOFF_MAX_SECONDS = 6 * 3600


class WebhookAttemptFailed(Exception):
    """One attempt failed (network error or a non-2xx answer); the task retries it later."""


def event_name(event: ClaimEvent) -> str | None:
    """The webhook event type of a ClaimEvent, or None when partners are not told of it."""
    if not event.is_public:
        return None
    if event.kind == ClaimEvent.Kind.RETRACTION:
        return "claim.retracted"
    if event.kind == ClaimEvent.Kind.CORRECTION:
        return "claim.correction"
    if event.kind == ClaimEvent.Kind.TRANSITION and event.to_status == Claim.Status.PUBLISHED:
        return "claim.published"
    return None


def api_url(path: str) -> str:
    return settings.API_PUBLIC_BASE_URL.rstrip("/") + path


def build_payload(event: ClaimEvent, name: str) -> dict[str, Any]:
    """The JSON a partner receives: the event and the claim as readers see it now."""
    claim = event.claim
    verdict = claim.published_verdict
    return {
        "event": name,
        "event_id": event.pk,
        "occurred_at": event.created_at.isoformat(),
        "note": event.note,
        "claim": {
            "id": claim.pk,
            "url": api_url(reverse("api:claim-detail", args=[claim.pk])),
            "text": claim.text,
            "verdict": None
            if verdict is None
            else {
                "rating": verdict.rating.label,
                "alternate_name": verdict.rating.alternate_name,
                "rating_value": verdict.rating.value,
                "best_rating": verdict.rating.scale.best_value,
                "worst_rating": verdict.rating.scale.worst_value,
                "summary": verdict.summary,
                "published_at": verdict.published_at.isoformat() if verdict.published_at else None,
            },
        },
    }


def fan_out_event(*, event_id: int) -> int:
    """Create and schedule one WebhookDelivery per partner that may see this public event.

    - non-public events and unknown ids create nothing
    - idempotent: the (partner, event) unique constraint makes a second run find the existing
      deliveries, and only newly created ones are scheduled
    - schedules `factcheck.tasks.deliver_webhook_task` after commit; returns how many were created
    """
    event = (
        ClaimEvent.objects.select_related(
            "claim__article", "claim__published_verdict__rating__scale"
        )
        .filter(pk=event_id)
        .first()
    )
    if event is None:
        return 0
    name = event_name(event)
    if name is None:
        return 0
    payload = build_payload(event, name)
    from factcheck.tasks import deliver_webhook_task

    created_count = 0
    with transaction.atomic():
        for partner in partners_to_notify(event):
            delivery, created = WebhookDelivery.objects.get_or_create(
                partner=partner,
                event=event,
                defaults={"url": partner.webhook_url, "payload": payload},
            )
            if created:
                created_count += 1
                transaction.on_commit(partial(deliver_webhook_task.delay, delivery_id=delivery.pk))
    return created_count


def canonical_body(payload: dict[str, Any]) -> bytes:
    return json.dumps(payload, ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode()


def sign(body: bytes, secret: str) -> str:
    """The signature header's value: `sha256=` and the hex HMAC-SHA256 of the raw body."""
    return "sha256=" + hmac.new(secret.encode(), body, hashlib.sha256).hexdigest()


def verify_signature(body: bytes, secret: str, header: str) -> bool:
    """What a receiver does; kept here for tests and the partner documentation."""
    return hmac.compare_digest(sign(body, secret), header)


def backoff_seconds(retries: int) -> int:
    """Exponential backoff for the retry after `retries` failed retries: 1, 2, 4 … minutes."""
    return int(min(BACKOFF_MAX_SECONDS, BACKOFF_BASE_SECONDS * 2**retries))


def deliver(*, delivery_id: int) -> str:
    """POST one delivery to its partner once; returns "delivered", "missing" or "failed".

    - a delivered delivery is not sent again (a redelivered task is harmless)
    - the POST runs outside any transaction; the attempt is then recorded with a conditional
      UPDATE (attempts + 1, last status code, last error, delivered_at)
    - raises WebhookAttemptFailed on a network error or a non-2xx answer, for the task to retry
    """
    delivery = WebhookDelivery.objects.select_related("partner").filter(pk=delivery_id).first()
    if delivery is None:
        return "missing"
    if delivery.status == WebhookDelivery.Status.DELIVERED:
        return "delivered"
    partner = delivery.partner
    if not partner.is_active or not partner.webhook_url:
        WebhookDelivery.objects.filter(pk=delivery_id).update(
            status=WebhookDelivery.Status.FAILED,
            last_error="The partner is inactive or removed its webhook.",
        )
        return "failed"
    # The partner may have moved its endpoint since the event; retries follow it.
    url = partner.webhook_url
    body = canonical_body(delivery.payload)
    headers = {
        "Content-Type": "application/json; charset=utf-8",
        "User-Agent": USER_AGENT,
        SIGNATURE_HEADER: sign(body, partner.webhook_secret),
        DELIVERY_HEADER: str(delivery.delivery_id),
        EVENT_HEADER: str(delivery.payload.get("event", "")),
    }
    status_code: int | None = None
    error = ""
    try:
        # Through the guarded client: the endpoint's address is checked again at connect time
        # (its DNS may have changed since registration), redirects are not followed.
        response = outbound.fetch(
            url,
            method="POST",
            body=body,
            headers=headers,
            deadline=TIMEOUT_SECONDS,
            max_bytes=RESPONSE_MAX_BYTES,
            max_redirects=0,
        )
        status_code = response.status
        if not 200 <= status_code < 300:
            error = f"HTTP {status_code}: {response.content[:500].decode('utf-8', 'replace')}"
    except outbound.OutboundError as exc:
        error = f"{exc.__class__.__name__}: {exc}"[:2000]
    ok = not error
    WebhookDelivery.objects.filter(pk=delivery_id).exclude(
        status=WebhookDelivery.Status.DELIVERED
    ).update(
        url=url,
        attempts=F("attempts") + 1,
        last_status_code=status_code,
        last_error=error,
        status=WebhookDelivery.Status.DELIVERED if ok else WebhookDelivery.Status.PENDING,
        delivered_at=timezone.now() if ok else None,
    )
    if not ok:
        logger.info("webhook delivery %s failed: %s", delivery_id, error)
        raise WebhookAttemptFailed(error)
    return "delivered"


def mark_failed(*, delivery_id: int) -> None:
    """After the last retry: the delivery stays in the log as failed, with its last error."""
    WebhookDelivery.objects.filter(pk=delivery_id, status=WebhookDelivery.Status.PENDING).update(
        status=WebhookDelivery.Status.FAILED
    )
