"""Webhooks to partner newsrooms: one signed POST per public claim event and partner.

Called by `claims.tasks.dispatch_claim_event` for every ClaimEvent; only public events
(publish, correction, retraction) go out. Signed in the Standard Webhooks format
(https://www.standardwebhooks.com/): `webhook-id` (the delivery's UUID, the same on every
retry: receivers de-duplicate on it), `webhook-timestamp` (Unix seconds of this attempt:
receivers refuse one outside their tolerance, so a captured request cannot be replayed later)
and `webhook-signature: v1,<base64 HMAC-SHA256 of "{id}.{timestamp}.{body}">`. The key is the
partner's secret: for `whsec_<base64>` the decoded bytes (what the Standard Webhooks libraries
expect), otherwise the secret's UTF-8 bytes.
"""

from __future__ import annotations

import base64
import binascii
import datetime as dt
import hashlib
import hmac
import json
import logging
import time
from typing import Any

from django.conf import settings
from django.db import transaction
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone

from claims.models import Claim, ClaimEvent
from core import outbound
from partners.models import WebhookDelivery
from partners.selectors import partners_to_notify

logger = logging.getLogger(__name__)

ID_HEADER = "webhook-id"
TIMESTAMP_HEADER = "webhook-timestamp"
SIGNATURE_HEADER = "webhook-signature"
EVENT_HEADER = "X-Factcheck-Event"
SECRET_PREFIX = "whsec_"
TIMEOUT_SECONDS = 10
# A receiver's answer is only logged; more than this is not read.
RESPONSE_MAX_BYTES = 64 * 1024
USER_AGENT = "factcheck-webhooks/1.0"
# Retries wait about 1, 2, 4, 8 minutes, then the countdown cap (settings.
# TASK_RETRY_COUNTDOWN_MAX, 9 minutes by default), each jittered down by up to half: 36 retries
# span at least 2½ hours and about 3¾ on average.
MAX_RETRIES = 36
BACKOFF_BASE_SECONDS = 60


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
    - schedules `partners.tasks.deliver_webhook_task` after commit; returns how many were created
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
    from claims.services.outbox import enqueue_on_commit
    from partners.tasks import deliver_webhook_task

    created_count = 0
    with transaction.atomic():
        for partner in partners_to_notify(event):
            delivery, created = WebhookDelivery.objects.get_or_create(
                partner=partner,
                event=event,
                defaults={
                    "url": partner.webhook_url,
                    "payload": payload,
                    "next_attempt_at": timezone.now(),
                },
            )
            if created:
                created_count += 1
                enqueue_on_commit(deliver_webhook_task, delivery_id=delivery.pk)
    return created_count


def overdue_deliveries(*, now: dt.datetime) -> Any:
    """(id, next_attempt_at) of pending deliveries whose attempt is overdue: their message was
    never queued (broker down) or was lost; the outbox sweep prompts them again."""
    due = now - dt.timedelta(seconds=settings.OUTBOX_REDISPATCH_AFTER_SECONDS)
    return (
        WebhookDelivery.objects.filter(
            status=WebhookDelivery.Status.PENDING, next_attempt_at__lt=due
        )
        .order_by("next_attempt_at")
        .values_list("pk", "next_attempt_at")
    )


def schedule_retry(*, delivery_id: int, countdown: float) -> None:
    """Record when the retry is due, so the sweep knows the delivery is not abandoned."""
    WebhookDelivery.objects.filter(pk=delivery_id, status=WebhookDelivery.Status.PENDING).update(
        next_attempt_at=timezone.now() + dt.timedelta(seconds=countdown)
    )


def canonical_body(payload: dict[str, Any]) -> bytes:
    return json.dumps(payload, ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode()


def signing_key(secret: str) -> bytes:
    """The HMAC key: a `whsec_` secret's base64-decoded bytes, any other secret's UTF-8 bytes."""
    if secret.startswith(SECRET_PREFIX):
        try:
            return base64.b64decode(secret[len(SECRET_PREFIX) :], validate=True)
        except binascii.Error as exc:
            raise ValueError("A whsec_ secret must be base64 after the prefix.") from exc
    return secret.encode()


def sign(*, msg_id: str, timestamp: int, body: bytes, secret: str) -> str:
    """The `webhook-signature` value: `v1,` and the base64 HMAC-SHA256 of `id.timestamp.body`."""
    signed = f"{msg_id}.{timestamp}.".encode() + body
    digest = hmac.new(signing_key(secret), signed, hashlib.sha256).digest()
    return "v1," + base64.b64encode(digest).decode()


def signed_headers(
    *, msg_id: str, body: bytes, secret: str, now: float | None = None
) -> dict[str, str]:
    timestamp = int(now if now is not None else time.time())
    return {
        ID_HEADER: msg_id,
        TIMESTAMP_HEADER: str(timestamp),
        SIGNATURE_HEADER: sign(msg_id=msg_id, timestamp=timestamp, body=body, secret=secret),
    }


def _claim_attempt(delivery_id: int, *, respect_schedule: bool) -> bool:
    """Take the lease on the next attempt: push `next_attempt_at` past this attempt's end."""
    now = timezone.now()
    pending = WebhookDelivery.objects.filter(pk=delivery_id, status=WebhookDelivery.Status.PENDING)
    if respect_schedule:
        # A few seconds of tolerance: the ETA of a retry and the stored due time come from
        # clocks read a moment apart.
        pending = pending.filter(
            Q(next_attempt_at__isnull=True) | Q(next_attempt_at__lte=now + dt.timedelta(seconds=5))
        )
    lease = dt.timedelta(seconds=TIMEOUT_SECONDS + settings.OUTBOX_REDISPATCH_AFTER_SECONDS)
    return bool(pending.update(next_attempt_at=now + lease))


def deliver(*, delivery_id: int, respect_schedule: bool = True) -> str:
    """POST one delivery to its partner once; returns "delivered", "missing", "failed" or
    "not due".

    - a delivered delivery is not sent again (a redelivered task is harmless); a pending one is
      claimed with a conditional UPDATE on `next_attempt_at`, so two prompts of one attempt
      (a retry and the sweep) POST once
    - the POST runs outside any transaction; the attempt is then recorded with a conditional
      UPDATE (attempts + 1, last status code, last error, delivered_at)
    - raises WebhookAttemptFailed on a network error or a non-2xx answer, for the task to retry
    """
    delivery = WebhookDelivery.objects.select_related("partner").filter(pk=delivery_id).first()
    if delivery is None:
        return "missing"
    if delivery.status == WebhookDelivery.Status.DELIVERED:
        return "delivered"
    if not _claim_attempt(delivery_id, respect_schedule=respect_schedule):
        # Another prompt for the same attempt (the sweep and a retry, or a redelivered
        # message) got here first, or this one fired before the retry is due.
        return "not due"
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
        EVENT_HEADER: str(delivery.payload.get("event", "")),
        **signed_headers(
            msg_id=str(delivery.delivery_id), body=body, secret=partner.webhook_secret
        ),
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
        next_attempt_at=None if ok else F("next_attempt_at"),
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
