"""Other fact-checkers' verdicts: importing schema.org ClaimReview JSON-LD.

Accepts what fact-checkers publish: one ClaimReview, a list, an `@graph`, Google's DataFeed
(`dataFeedElement[].item[]`), or an HTML page with `<script type="application/ld+json">`.
An import is all or nothing: one bad review rejects the file with a message naming it.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import partial
from typing import Any

from django.db import transaction

from claims.errors import DomainError
from claims.models import ExternalFactCheck

MAX_BYTES = 20 * 1024 * 1024
_LD_SCRIPT = re.compile(
    r"<script[^>]*type=[\"']application/ld\+json[\"'][^>]*>(.*?)</script>", re.I | re.S
)


class InvalidClaimReview(DomainError):
    code = "invalid_claimreview"


@dataclass
class ImportResult:
    created: int = 0
    updated: int = 0
    ids: list[int] = field(default_factory=list)


def _documents(raw: bytes | str) -> list[Any]:
    text = raw.decode("utf-8-sig", errors="strict") if isinstance(raw, bytes) else raw
    stripped = text.lstrip()
    if stripped.startswith("<"):
        blocks = _LD_SCRIPT.findall(text)
        if not blocks:
            raise InvalidClaimReview(
                'The page has no JSON-LD (<script type="application/ld+json">).'
            )
        return [_parse(block, f"JSON-LD block {i}") for i, block in enumerate(blocks, 1)]
    return [_parse(text, "the file")]


def _parse(text: str, where: str) -> Any:
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise InvalidClaimReview(
            f"{where} is not valid JSON: {exc.msg} at line {exc.lineno}, column {exc.colno}."
        ) from exc


def _is_review(node: Any) -> bool:
    kind = node.get("@type") if isinstance(node, dict) else None
    return kind == "ClaimReview" or (isinstance(kind, list) and "ClaimReview" in kind)


def _reviews(node: Any) -> Iterator[dict[str, Any]]:
    """Every ClaimReview in a JSON-LD tree (lists, @graph, DataFeed elements and items)."""
    if isinstance(node, list):
        for child in node:
            yield from _reviews(child)
    elif isinstance(node, dict):
        if _is_review(node):
            yield node
            return
        for key in ("@graph", "dataFeedElement", "item", "mainEntity"):
            if key in node:
                yield from _reviews(node[key])


def _name(value: Any) -> str:
    if isinstance(value, list):
        value = value[0] if value else ""
    if isinstance(value, dict):
        value = value.get("name") or ""
    return str(value or "").strip()


def _number(value: Any, field_name: str, errors: list[str]) -> float | None:
    if value in (None, ""):
        return None
    try:
        return float(value)
    except (TypeError, ValueError):
        errors.append(f"{field_name} is not a number ({value!r})")
        return None


def _date(value: Any, errors: list[str]) -> dt.date | None:
    if not value:
        return None
    try:
        return dt.date.fromisoformat(str(value)[:10])
    except ValueError:
        errors.append(f"datePublished is not an ISO date ({value!r})")
        return None


def _language(value: Any) -> str:
    code = _name(value) if isinstance(value, dict) else str(value or "")
    return code.strip().lower()[:8]


def _fields(review: dict[str, Any]) -> tuple[dict[str, Any], list[str]]:
    errors: list[str] = []
    rating = review.get("reviewRating") or {}
    if not isinstance(rating, dict):
        rating = {}
    author = review.get("author")
    author = author[0] if isinstance(author, list) and author else author
    item = review.get("itemReviewed")
    item = item if isinstance(item, dict) else {}
    values: dict[str, Any] = {
        "url": str(review.get("url") or "").strip(),
        "reviewer": _name(author),
        "reviewer_url": str(author.get("url") or "")[:1000] if isinstance(author, dict) else "",
        "claim_text": str(review.get("claimReviewed") or "").strip(),
        "claimant": _name(item.get("author"))[:300],
        "rating": str(rating.get("alternateName") or rating.get("name") or "").strip()[:200],
        "rating_value": _number(rating.get("ratingValue"), "reviewRating.ratingValue", errors),
        "best_rating": _number(rating.get("bestRating"), "reviewRating.bestRating", errors),
        "worst_rating": _number(rating.get("worstRating"), "reviewRating.worstRating", errors),
        "review_date": _date(review.get("datePublished"), errors),
        "language": _language(review.get("inLanguage")),
    }
    for key, label in (
        ("url", "url"),
        ("reviewer", "author.name"),
        ("claim_text", "claimReviewed"),
        ("rating", "reviewRating.alternateName"),
    ):
        if not values[key]:
            errors.append(f"{label} is missing")
    if values["url"] and not values["url"].startswith(("http://", "https://")):
        errors.append(f"url is not an http(s) URL ({values['url']!r})")
    return values, errors


def import_claimreviews(*, data: bytes | str, origin: str = "") -> ImportResult:
    """Store the reviews of a JSON-LD document, all or none; re-importing a URL updates it.

    - raises InvalidClaimReview naming every bad review (position, url, field) and stores nothing
    - embeds the reviews' claims after commit (a Celery task), so matching finds them
    """
    if len(data) > MAX_BYTES:
        raise InvalidClaimReview(f"The file is larger than {MAX_BYTES // (1024 * 1024)} MB.")
    try:
        documents = _documents(data)
    except UnicodeDecodeError as exc:
        raise InvalidClaimReview(f"The file is not UTF-8 (byte {exc.start}).") from exc
    reviews = [r for document in documents for r in _reviews(document)]
    if not reviews:
        raise InvalidClaimReview('No ClaimReview found (expected "@type": "ClaimReview").')
    parsed, problems = [], []
    for position, review in enumerate(reviews, 1):
        values, errors = _fields(review)
        if errors:
            label = values["url"] or "no url"
            problems.append(f"review {position} ({label}): {'; '.join(errors)}")
        parsed.append(values)
    if problems:
        raise InvalidClaimReview(
            f"Nothing imported: {len(problems)} of {len(reviews)} reviews are invalid. "
            + " | ".join(problems[:10])
        )
    result = ImportResult()
    with transaction.atomic():
        for values in parsed:
            row, created = ExternalFactCheck.objects.update_or_create(
                url=values.pop("url"), defaults={**values, "origin": origin[:1000]}
            )
            result.ids.append(row.pk)
            result.created += created
            result.updated += not created
        from claims.tasks import embed_fact_checks_task

        transaction.on_commit(partial(embed_fact_checks_task.delay, review_ids=list(result.ids)))
    return result


def import_claimreviews_from_url(*, url: str) -> ImportResult:
    """Fetch a ClaimReview page or feed through the guarded client, then import it."""
    from core import outbound

    try:
        response = outbound.fetch(
            url,
            max_bytes=MAX_BYTES,
            accept=(
                "application/ld+json",
                "application/json",
                "text/html",
                "application/feed+json",
            ),
        )
    except outbound.OutboundError as exc:
        raise InvalidClaimReview(f"Could not fetch {url}: {outbound.PUBLIC_MESSAGE}") from exc
    if response.status != 200:
        raise InvalidClaimReview(f"Could not fetch {url}: the server answered {response.status}.")
    return import_claimreviews(data=response.content, origin=url)
