"""Articles submitted by partner newsrooms through the API (by text, or by a URL the worker
fetches) and by the desk's admin.

Each partner's submission is an `ArticleSubmission` with its own id; the article behind it is
stored and extracted once, however many partners send the same text.
"""

from __future__ import annotations

import datetime as dt
import logging
from dataclasses import dataclass

from django.conf import settings
from django.db import IntegrityError, transaction

from claims.errors import DomainError
from claims.models import Article, Desk, Outlet
from claims.services.articles import ingest_article
from core.outbound import PUBLIC_MESSAGE
from partners.models import ArticleSubmission, Partner
from sources.services import FetchRefused, TransientFetchError, fetch_url, readable_text

ARTICLE_CONTENT_TYPES = ("text/html", "application/xhtml+xml", "text/plain")


class ArticleFetchFailed(DomainError):
    """The partner's URL gave no article: the request cannot be processed as sent (not a
    server fault, so not a 5xx)."""

    code = "fetch_failed"
    http_status = 422


logger = logging.getLogger(__name__)


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
            f"{PUBLIC_MESSAGE.rstrip('.')}: it did not answer, or it is not a public address (the "
            "server fetches only those). Send the text in `body`, or try again later if the page "
            "is public.",
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
    - a partner's submission is recorded (`record_submission`); the same text from two partners
      is one article with two submissions
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
    if partner is not None:
        record_submission(
            partner=partner, article=result.article, url=url, title=title, language=language
        )
    return Submission(article=result.article, created=result.created)


def record_submission(
    *, partner: Partner, article: Article, url: str = "", title: str = "", language: str = ""
) -> ArticleSubmission:
    """The partner's submission of this article: the existing one, or a new one."""
    existing = ArticleSubmission.objects.filter(partner=partner, article=article).first()
    if existing is not None:
        return existing
    try:
        with transaction.atomic():
            return ArticleSubmission.objects.create(
                partner=partner,
                article=article,
                url=url.strip(),
                title=title.strip()[:500],
                language=language.strip().lower()[:8],
            )
    except IntegrityError:
        # The same partner sent the same text twice at once; the other request recorded it.
        return ArticleSubmission.objects.get(partner=partner, article=article)


def submit_for_partner(
    *,
    partner: Partner | None,
    body: str = "",
    url: str = "",
    title: str = "",
    language: str = "",
    outlet_name: str = "",
    published_at: dt.datetime | None = None,
) -> ArticleSubmission:
    """The API's submission: text is ingested now, a URL alone is fetched by the worker.

    - with a body: cleaned and ingested in this request (InvalidArticle → 400), then recorded
    - with only a URL: a pending submission, and `fetch_submission_task` after commit; the
      outcome (the article, or the error) is stored on the submission for the partner to read
    - the same URL sent again by the same partner while pending or fetched is the same
      submission; after a failure it is fetched again
    """
    url = url.strip()
    if body.strip():
        article = submit_article(
            partner=partner,
            body=body,
            url=url,
            title=title,
            language=language,
            outlet_name=outlet_name,
            published_at=published_at,
        ).article
        if partner is None:
            return ArticleSubmission.objects.create(
                article=article, url=url, title=title.strip()[:500]
            )
        return record_submission(
            partner=partner, article=article, url=url, title=title, language=language
        )
    if not url:
        raise DomainError(
            "Send the article's text in `body`, or its `url` to fetch it from.",
            fields={"body": ["body or url required"], "url": ["body or url required"]},
        )
    if not getattr(settings, "ARTICLE_FETCH_URLS", True):
        raise ArticleFetchFailed(
            "This server does not fetch URLs (ARTICLE_FETCH_URLS is off); send the text in `body`.",
            fields={"url": ["fetching is disabled"]},
        )
    earlier = (
        ArticleSubmission.objects.filter(partner=partner, url=url).order_by("-pk").first()
        if partner is not None
        else None
    )
    if earlier is not None and earlier.fetch_status != ArticleSubmission.FetchStatus.FAILED:
        return earlier
    with transaction.atomic():
        submission = ArticleSubmission.objects.create(
            partner=partner,
            url=url,
            title=title.strip()[:500],
            language=language.strip().lower()[:8],
            outlet_name=outlet_name.strip()[:200],
            published_at=published_at,
            fetch_status=ArticleSubmission.FetchStatus.PENDING,
        )
        from claims.services.outbox import enqueue_on_commit
        from partners.tasks import fetch_submission_task

        # Through the outbox: with the broker down the partner still gets its 202, and the
        # sweep prompts the pending submission once the broker is back.
        enqueue_on_commit(fetch_submission_task, submission_id=submission.pk)
    return submission


def fetch_submission(*, submission_id: int) -> str:
    """Fetch a pending URL submission's page and ingest it; returns the outcome.

    - runs in the worker: the fetch is outside any transaction, under the outbound client's
      deadline and size cap
    - claim-then-act is not needed: fetching twice is harmless, and ingestion deduplicates
    - success links the article (fetch_status `fetched`); any failure is stored as `failed`
      with a message the partner may read (never the internal reason: that goes to the log)
    """
    submission = ArticleSubmission.objects.filter(pk=submission_id).first()
    if submission is None:
        return "missing"
    if submission.fetch_status != ArticleSubmission.FetchStatus.PENDING:
        return submission.fetch_status
    try:
        text, _ = fetch_article_text(url=submission.url)
        result = ingest_article(
            body=text,
            title=submission.title,
            url=submission.url,
            language=submission.language,
            outlet=outlet_for(name=submission.outlet_name),
            published_at=submission.published_at,
            submitted_by_id=submission.partner_id,
        )
    except DomainError as exc:
        logger.info("submission %s not ingested: %s", submission_id, exc.message)
        ArticleSubmission.objects.filter(pk=submission_id).update(
            fetch_status=ArticleSubmission.FetchStatus.FAILED, error=exc.message[:2000]
        )
        return "failed"
    duplicate = (
        submission.partner_id is not None
        and ArticleSubmission.objects.filter(
            partner_id=submission.partner_id, article=result.article
        )
        .exclude(pk=submission_id)
        .exists()
    )
    if duplicate:
        # The partner had sent this text already (by text or another URL): one submission
        # per article and partner, so this one points to the same article by failing politely.
        ArticleSubmission.objects.filter(pk=submission_id).update(
            fetch_status=ArticleSubmission.FetchStatus.FAILED,
            error="You submitted this article already (the same text); see your earlier submission.",
        )
        return "duplicate"
    ArticleSubmission.objects.filter(pk=submission_id).update(
        fetch_status=ArticleSubmission.FetchStatus.FETCHED, article=result.article, error=""
    )
    return "fetched"
