"""Articles and claims with chosen texts, for the matching tests."""

from __future__ import annotations

import datetime as dt
import hashlib

from claims.models import Article, Claim, Desk, Outlet


def make_claim(
    text: str, *, outlet: Outlet, desk: Desk, language: str = "en", day: int = 1
) -> Claim:
    """One article whose whole body is the claim (the span covers it all)."""
    article = Article.objects.create(
        outlet=outlet,
        desk=desk,
        title=text[:40],
        body=text,
        body_sha256=hashlib.sha256(text.encode()).hexdigest(),
        language=language,
        published_at=dt.datetime(2024, 6, day, tzinfo=dt.UTC),
        status=Article.Status.EXTRACTED,
    )
    return Claim.objects.create(
        article=article, text=text, span_start=0, span_end=len(text), checkworthiness=0.8
    )


SHELLS_CS = "Severní Korea dodává Rusku balistické střely a dělostřelecké granáty."


def make_embedded_shells_claim(*, outlet: Outlet, desk: Desk) -> Claim:
    """The seed's shells claim in Czech, stored and embedded: what the ClaimReview fixtures
    check."""
    from claims.services import matching

    claim = make_claim(SHELLS_CS, outlet=outlet, desk=desk, language="cs")
    matching.embed_claims(claim_ids=[claim.pk])
    return claim
