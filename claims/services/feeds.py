"""Monitored feeds: an outlet's RSS/Atom feeds polled politely, new items ingested as articles.

Polite means: conditional requests (ETag / If-Modified-Since, so an unchanged feed costs a 304),
robots.txt honoured for the feed and for every article, and at most one request per domain per
`FEED_DOMAIN_INTERVAL_SECONDS` across all workers (a slot in the shared cache). Every request
goes through the guarded client (`core.outbound`), like the API's URL submissions.
"""

from __future__ import annotations

import calendar
import datetime as dt
import logging
import urllib.robotparser
from dataclasses import dataclass
from functools import partial
from typing import Any
from urllib.parse import urlsplit

from django.conf import settings
from django.core.cache import cache
from django.db import IntegrityError, transaction
from django.utils import timezone

from claims.errors import DomainError
from claims.models import Feed, FeedItem
from claims.services.articles import decode_page, ingest_article
from core import outbound

logger = logging.getLogger(__name__)

FEED_MAX_BYTES = 5 * 1024 * 1024
ARTICLE_MAX_BYTES = 5 * 1024 * 1024
ROBOTS_MAX_BYTES = 512 * 1024
ROBOTS_CACHE_SECONDS = 3600
ROBOT_NAME = "factcheck"


class DomainBusy(Exception):
    """Another request to this domain went out less than the interval ago: try again later."""


@dataclass(frozen=True)
class PollOutcome:
    status: str  # fetched | not_modified | deferred | robots | failed
    new_items: int = 0


def domain_interval() -> float:
    return float(getattr(settings, "FEED_DOMAIN_INTERVAL_SECONDS", 5.0))


def _take_slot(url: str) -> None:
    """One request per domain per interval, across workers (cache.add is atomic in Redis)."""
    interval = domain_interval()
    if interval <= 0:
        return
    host = urlsplit(url).hostname or ""
    if not cache.add(f"feeds:slot:{host}", 1, timeout=interval):
        raise DomainBusy(host)


def robots_allow(url: str) -> bool:
    """Whether robots.txt lets this robot fetch `url` (RFC 9309: unreachable means no)."""
    parts = urlsplit(url)
    origin = f"{parts.scheme}://{parts.netloc}"
    key = f"feeds:robots:{origin}"
    rules = cache.get(key)
    if rules is None:
        try:
            response = outbound.fetch(
                f"{origin}/robots.txt", max_bytes=ROBOTS_MAX_BYTES, deadline=10
            )
        except outbound.OutboundError:
            return False
        if 400 <= response.status < 500:
            rules = ""  # no robots.txt: everything is allowed
        elif response.status != 200:
            return False
        else:
            rules = response.content.decode("utf-8", errors="replace")
        cache.set(key, rules, timeout=ROBOTS_CACHE_SECONDS)
    parser = urllib.robotparser.RobotFileParser()
    parser.parse(rules.splitlines())
    return parser.can_fetch(ROBOT_NAME, url)


def _record(feed_id: int, **fields: Any) -> None:
    Feed.objects.filter(pk=feed_id).update(last_polled_at=timezone.now(), **fields)


def _published(entry: Any) -> dt.datetime | None:
    stamp = entry.get("published_parsed") or entry.get("updated_parsed")
    return dt.datetime.fromtimestamp(calendar.timegm(stamp), tz=dt.UTC) if stamp else None


def poll_feed(*, feed_id: int) -> PollOutcome:
    """Fetch a feed if it changed and store its new entries; each is fetched by its own task.

    - sends If-None-Match / If-Modified-Since from the last answer; a 304 stores nothing
    - raises DomainBusy when the domain was asked less than the interval ago (the task retries)
    - idempotent: an entry is keyed by (feed, guid) and scheduled once
    """
    feed = Feed.objects.select_related("outlet").get(pk=feed_id)
    try:
        outbound.check_url(feed.url)
    except outbound.OutboundError as exc:
        _record(feed_id, last_status="failed", error=f"{outbound.PUBLIC_MESSAGE} ({exc})")
        return PollOutcome("failed")
    if not robots_allow(feed.url):
        _record(feed_id, last_status="robots", error="robots.txt disallows the feed.")
        return PollOutcome("robots")
    _take_slot(feed.url)
    headers = {}
    if feed.etag:
        headers["If-None-Match"] = feed.etag
    if feed.last_modified:
        headers["If-Modified-Since"] = feed.last_modified
    try:
        response = outbound.fetch(feed.url, headers=headers, max_bytes=FEED_MAX_BYTES)
    except outbound.OutboundError as exc:
        _record(
            feed_id,
            last_status="failed",
            error=f"{outbound.PUBLIC_MESSAGE} ({exc.__class__.__name__})",
        )
        return PollOutcome("failed")
    if response.status == 304:
        _record(feed_id, last_status="not_modified", error="")
        return PollOutcome("not_modified")
    if response.status != 200:
        _record(feed_id, last_status="failed", error=f"The feed answered {response.status}.")
        return PollOutcome("failed")
    import feedparser

    parsed = feedparser.parse(response.content)
    new_ids = []
    with transaction.atomic():
        for entry in parsed.entries:
            link = str(entry.get("link") or "")
            if not link.startswith(("http://", "https://")):
                continue
            item, created = FeedItem.objects.get_or_create(
                feed=feed,
                guid=str(entry.get("id") or link)[:1000],
                defaults={
                    "url": link[:1000],
                    "title": str(entry.get("title") or "")[:500],
                    "published_at": _published(entry),
                },
            )
            if created:
                new_ids.append(item.pk)
        _record(
            feed_id,
            etag=response.headers.get("etag", "")[:300],
            last_modified=response.headers.get("last-modified", "")[:100],
            last_status="fetched",
            error="",
        )
        from claims.tasks import fetch_feed_item_task

        for item_id in new_ids:
            transaction.on_commit(partial(fetch_feed_item_task.delay, item_id=item_id))
    return PollOutcome("fetched", len(new_ids))


def _finish(item_id: int, status: str, **fields: Any) -> str:
    FeedItem.objects.filter(pk=item_id, status=FeedItem.Status.NEW).update(status=status, **fields)
    return status


def fetch_feed_item(*, item_id: int) -> str:
    """Fetch one new entry's page, extract its text (trafilatura) and ingest it as an article.

    - the same `ingest_article` as pasted and API-submitted articles (dedupe, extraction task)
    - raises DomainBusy when the domain is busy (the task retries); any other failure is stored
    """
    item = FeedItem.objects.select_related("feed__outlet").filter(pk=item_id).first()
    if item is None or item.status != FeedItem.Status.NEW:
        return "done"
    if not robots_allow(item.url):
        return _finish(item_id, FeedItem.Status.SKIPPED, error="robots.txt disallows the page.")
    _take_slot(item.url)
    try:
        response = outbound.fetch(
            item.url, max_bytes=ARTICLE_MAX_BYTES, accept=("text/html", "application/xhtml+xml")
        )
    except outbound.OutboundError as exc:
        return _finish(
            item_id,
            FeedItem.Status.FAILED,
            error=f"{outbound.PUBLIC_MESSAGE} ({exc.__class__.__name__})",
        )
    if response.status != 200:
        return _finish(
            item_id, FeedItem.Status.FAILED, error=f"The page answered {response.status}."
        )
    import trafilatura

    html = decode_page(response.content, response.content_type)
    text = trafilatura.extract(html, url=item.url, include_comments=False, include_tables=False)
    if not text:
        return _finish(item_id, FeedItem.Status.FAILED, error="No article text found on the page.")
    try:
        result = ingest_article(
            body=text,
            title=item.title,
            url=item.url,
            published_at=item.published_at,
            outlet=item.feed.outlet,
        )
    except (DomainError, IntegrityError) as exc:
        return _finish(item_id, FeedItem.Status.FAILED, error=str(exc))
    status = FeedItem.Status.INGESTED if result.created else FeedItem.Status.SKIPPED
    return _finish(item_id, status, article=result.article, error="")


def due_feeds() -> list[int]:
    """Active feeds whose interval has passed since their last poll."""
    now = timezone.now()
    due = []
    for pk, polled, minutes in Feed.objects.filter(active=True).values_list(
        "pk", "last_polled_at", "interval_minutes"
    ):
        if polled is None or now - polled >= dt.timedelta(minutes=minutes):
            due.append(pk)
    return due
