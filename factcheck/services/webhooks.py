"""Webhooks to partner newsrooms. Filled in by the API work; called for every ClaimEvent."""

from __future__ import annotations


def fan_out_event(*, event_id: int) -> int:
    """Create and schedule one WebhookDelivery per partner that may see this public event."""
    return 0
