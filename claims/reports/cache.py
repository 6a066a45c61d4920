"""Report figures computed ahead of the page view: aggregating a million claims takes seconds
(bench/admin.py: 3–9 s per report at 1M), a page view must take well under one.

A report is stored in Django's cache (Redis in production) under its slug and filters, with
the time it was computed. The beat task `claims.refresh_reports` recomputes every report's
unfiltered view each REPORT_REFRESH_SECONDS, so the pages analysts open first never aggregate
in the request; a filtered view is computed on its first request and kept as long. The page
says when its figures were computed.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.core.cache import cache
from django.db.models import Model
from django.utils import timezone

VERSION = 1  # bump when a Report's shape changes, so no page reads an old pickle


def _key(slug: str, filters: dict[str, Any]) -> str:
    def plain(value: Any) -> Any:
        if isinstance(value, Model):
            return value.pk
        if isinstance(value, dt.date):
            return value.isoformat()
        return value

    canonical = json.dumps({k: plain(v) for k, v in filters.items() if v}, sort_keys=True)
    digest = hashlib.sha256(canonical.encode()).hexdigest()[:24]
    return f"report:v{VERSION}:{slug}:{digest}"


def timeout() -> int:
    # Twice the refresh period: a late beat run never leaves the first page without figures.
    return 2 * settings.REPORT_REFRESH_SECONDS


def cached_report(
    slug: str, filters: dict[str, Any], build: Callable[[dict[str, Any]], Any]
) -> tuple[Any, dt.datetime]:
    """The report and when it was computed: from the cache, or built now and cached."""
    key = _key(slug, filters)
    hit = cache.get(key)
    if hit is not None:
        return hit
    entry = (build(filters), timezone.now())
    cache.set(key, entry, timeout())
    return entry


def refresh(slug: str, build: Callable[[dict[str, Any]], Any]) -> dt.datetime:
    """Recompute the unfiltered report and store it (the beat task's work)."""
    computed = timezone.now()
    cache.set(_key(slug, {}), (build({}), computed), timeout())
    return computed


def refresh_all() -> list[str]:
    """Recompute every report's unfiltered view; the slugs refreshed."""
    from claims.reports.views import REPORTS  # the views module imports this one

    for slug, build in REPORTS.items():
        refresh(slug, build)
    return sorted(REPORTS)
