"""Articles submitted by partner newsrooms through the API: by text, or by URL to fetch."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.conf import settings

from claims.errors import DomainError
from claims.models import Article, Desk, Outlet
from claims.services.articles import ingest_article
from factcheck.models import Partner
from factcheck.outbound import PUBLIC_MESSAGE
from sources.services import FetchRefused, TransientFetchError, fetch_url, readable_text

ARTICLE_CONTENT_TYPES = ("text/html", "application/xhtml+xml", "text/plain")


class ArticleFetchFailed(DomainError):
    """The partner's URL gave no article: the request cannot be processed as sent (not a
    server fault, so not a 5xx)."""

    code = "fetch_failed"
    http_status = 422


class DuplicateArticle(DomainError):
    code = "duplicate_article"
    http_status = 409


@dataclass(frozen=True)
class Submission:
    article: Article
    created: bool


def fetch_article_text(*, url: str) -> tuple[str, str]:
    """GET the page and keep its readable text; returns (text, content type).

    - network errors and 5xx raise ArticleFetchFailed (422): the partner may retry later
    - a 4xx, or a page without readable text, raises ArticleFetchFailed with the reason
    """
    if not getattr(settings, "ARTICLE_FETCH_URLS", True):
        raise ArticleFetchFailed(
            "This server does not fetch URLs (ARTICLE_FETCH_URLS is off); send the text in `body`.",
            fields={"url": ["fetching is disabled"]},
        )
    try:
        fetched = fetch_url(url, accept=ARTICLE_CONTENT_TYPES)
    except (TransientFetchError, FetchRefused) as exc:
        # One message whatever went wrong (the details are in the log): the answers must not
        # tell a partner which internal addresses and ports exist.
        raise ArticleFetchFailed(
            f"{PUBLIC_MESSAGE} Try again later or send the text in `body`.",
            fields={"url": ["fetch failed"]},
        ) from exc
    if fetched.status >= 400:
        raise ArticleFetchFailed(
            f"{url} answered HTTP {fetched.status}; send the text in `body` instead.",
            fields={"url": [f"HTTP {fetched.status}"]},
        )
    text = readable_text(fetched.content, fetched.content_type)
    if not text.strip():
        raise ArticleFetchFailed(
            f"No readable article text found at {url}; send the text in `body` instead.",
            fields={"url": ["no readable text"]},
        )
    return text, fetched.content_type


def outlet_for(*, name: str) -> Outlet | None:
    """The outlet with this name (case-insensitive), created when new; None for no name."""
    name = name.strip()
    if not name:
        return None
    existing = Outlet.objects.filter(name__iexact=name).order_by("pk").first()
    if existing is not None:
        return existing
    outlet, _ = Outlet.objects.get_or_create(name=name)
    return outlet


def submit_article(
    *,
    partner: Partner | None,
    body: str = "",
    url: str = "",
    title: str = "",
    language: str = "",
    outlet_name: str = "",
    outlet: Outlet | None = None,
    desk: Desk | None = None,
    author: str = "",
    published_at: dt.datetime | None = None,
) -> Submission:
    """Take in an article from a partner (or staff): its text, or a URL to fetch the text from.

    - an unknown outlet name creates the outlet (publishers are public facts); the desk's admin
      passes the `outlet` itself, with the desk, author and date it knows
    - a URL without a body is fetched here, before any transaction (slow I/O stays outside)
    - ingestion deduplicates by text and URL and schedules extraction after commit
    - the same text submitted earlier by somebody else raises DuplicateArticle (409) without
      revealing that article: partners never see each other's submissions
    """
    if not body.strip() and not url.strip():
        raise DomainError(
            "Send the article's text in `body`, or its `url` to fetch it from.",
            fields={"body": ["body or url required"], "url": ["body or url required"]},
        )
    if not body.strip():
        body, _ = fetch_article_text(url=url.strip())
    result = ingest_article(
        body=body,
        title=title,
        url=url,
        language=language,
        outlet=outlet or outlet_for(name=outlet_name),
        desk=desk,
        author=author,
        published_at=published_at,
        submitted_by_id=partner.pk if partner else None,
    )
    if not result.created and partner is not None and result.article.submitted_by_id != partner.pk:
        raise DuplicateArticle(
            "This article (the same text or URL) is already with the desk; it is not submitted "
            "again.",
        )
    return Submission(article=result.article, created=result.created)
