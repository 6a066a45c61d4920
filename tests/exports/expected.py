"""The rows an export must contain, computed from model instances independently of the core."""

from __future__ import annotations

import datetime as dt
from typing import Any
from zoneinfo import ZoneInfo

from claims.models import Claim

PRAGUE = ZoneInfo("Europe/Prague")


def claim_cells(claim: Claim) -> list[Any]:
    article = claim.article
    verdict = claim.published_verdict
    return [
        claim.pk,
        claim.text,
        claim.kind,
        claim.status,
        claim.checkworthiness,
        article.pk,
        article.title,
        article.url,
        article.outlet.name if article.outlet else "",
        article.published_at.astimezone(PRAGUE).date() if article.published_at else None,
        article.language,
        verdict.rating.label if verdict else "",
    ]


def wide(claim: Claim) -> list[Any]:
    parts = []
    for a in claim.attributions.order_by("actor_start", "id"):
        who = a.actor.name if a.actor else a.actor_text
        parts.append(f"{who} ({a.stance}: {a.cue_text})" if a.cue_text else f"{who} ({a.stance})")
    return [*claim_cells(claim), "; ".join(parts)]


def long(claim: Claim) -> list[list[Any]]:
    rows = [
        [
            *claim_cells(claim),
            a.pk,
            a.actor.name if a.actor else "",
            a.actor_text,
            a.stance,
            a.cue_text,
            a.confidence,
            a.report_type,
            a.role,
            a.via,
        ]
        for a in claim.attributions.order_by("actor_start", "id")
    ]
    return rows or [[*claim_cells(claim), None, "", "", "", "", None, "", "", ""]]


def as_text(value: Any) -> str:
    """How a CSV cell spells the value."""
    if value is None:
        return ""
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


def csv_text(value: Any) -> str:
    text = as_text(value)
    return "'" + text if isinstance(value, str) and text[:1] in ("=", "+", "-", "@") else text
