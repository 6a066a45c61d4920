"""Per-partner request limits at the rate in `Partner.throttle_rate`, counted in the cache.

The counters live in Django's default cache: Redis when CACHE_URL is set, so every web process
shares them; the local-memory fallback counts per process and suits development only.
"""

from __future__ import annotations

import logging

from rest_framework.request import Request
from rest_framework.throttling import SimpleRateThrottle
from rest_framework.views import APIView

from partners.api.permissions import partner_of

logger = logging.getLogger(__name__)

FALLBACK_RATE = "600/hour"


class PartnerRateThrottle(SimpleRateThrottle):
    """Each partner gets its own budget per scope (`read`, `submit`); staff are not limited."""

    def __init__(self) -> None:
        # The rate is the partner's, known only once the request is authenticated.
        pass

    def allow_request(self, request: Request, view: APIView) -> bool:
        partner = partner_of(request)
        if partner is None:
            return True
        self.scope = getattr(view, "throttle_scope", None) or (
            "read" if request.method in ("GET", "HEAD", "OPTIONS") else "submit"
        )
        try:
            self.num_requests, self.duration = self.parse_rate(partner.throttle_rate)
        except (ValueError, KeyError, IndexError, AttributeError):
            logger.warning(
                "partner %s has an unusable throttle rate %r", partner.pk, partner.throttle_rate
            )
            self.num_requests, self.duration = self.parse_rate(FALLBACK_RATE)
        self.rate = partner.throttle_rate
        return super().allow_request(request, view)

    def get_cache_key(self, request: Request, view: APIView) -> str | None:
        partner = partner_of(request)
        if partner is None:
            return None
        return f"throttle:partner:{partner.pk}:{self.scope}"
