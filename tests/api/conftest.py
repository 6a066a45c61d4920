"""Personas and helpers of the partner API tests.

Personas (what each may do):
- partner_a: a newsroom with a `read,submit` key and a webhook; reads published claims and its
  own submissions
- partner_b: another newsroom with a `read,submit` key; must never see partner_a's submissions
- reader: a newsroom whose key has only the `read` scope; cannot submit
- staff_client: the reviewer's logged-in session (staff): sees everything, including status
- editor, reviewer, second_reviewer: the desk (tests/conftest.py), who publish claims
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

import pytest
from django.core.cache import cache
from rest_framework.test import APIClient

from claims.models import Article, Claim, ClaimEvent, Desk, Rating
from claims.services.workflow import save_verdict, transition_claim
from partners.models import ArticleSubmission, Partner
from partners.services.partners import create_partner, issue_key
from sources.services import attach_source, get_or_create_source


@dataclass
class PartnerPersona:
    partner: Partner
    key: str
    client: APIClient


def _persona(name: str, scopes: str = "read,submit", **extra: object) -> PartnerPersona:
    partner = create_partner(name=name, throttle_rate="1000/minute")
    for attr, value in extra.items():
        setattr(partner, attr, value)
    partner.save()
    _, key = issue_key(partner=partner, scopes=scopes)
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Api-Key {key}")
    return PartnerPersona(partner=partner, key=key, client=client)


@pytest.fixture(autouse=True)
def _static_root(settings, tmp_path) -> None:
    # WhiteNoise warns (an error under filterwarnings=error) when STATIC_ROOT does not exist,
    # as in a fresh clone before collectstatic.
    settings.STATIC_ROOT = tmp_path


@pytest.fixture(autouse=True)
def _clear_throttle_counters() -> None:
    # Throttle counters live in the cache, which outlives a test's database transaction.
    cache.clear()


@pytest.fixture
def partner_a(db) -> PartnerPersona:
    return _persona(
        "Partner A Daily",
        webhook_url="https://hooks.partner-a.test/factcheck",
        webhook_secret="partner-a-secret-0123456789",
    )


@pytest.fixture
def partner_b(db) -> PartnerPersona:
    return _persona("Partner B Radio")


@pytest.fixture
def reader(db) -> PartnerPersona:
    return _persona("Read-only Weekly", scopes="read")


@pytest.fixture
def staff_client(reviewer) -> APIClient:
    client = APIClient()
    client.force_login(reviewer)
    return client


@dataclass
class Desktop:
    """Builds articles and claims through the real services, as the desk would."""

    desk: Desk
    editor: object
    reviewer: object
    counter: list[int] = field(default_factory=lambda: [0])

    def article(self, *, body: str | None = None, partner: Partner | None = None, **kw) -> Article:
        self.counter[0] += 1
        n = self.counter[0]
        body = (
            body or f"Podle ministra financí schodek letos klesne o {n} miliard. Opozice to popírá."
        )
        article = Article.objects.create(
            desk=self.desk,
            title=kw.pop("title", f"Článek {n}"),
            url=kw.pop("url", f"https://news.test/clanek-{n}"),
            body=body,
            body_sha256=f"{n:064d}",
            language=kw.pop("language", "cs"),
            published_at=kw.pop("published_at", dt.datetime(2024, 6, 20, tzinfo=dt.UTC)),
            status=Article.Status.EXTRACTED,
            submitted_by=partner,
            **kw,
        )
        if partner is not None:
            ArticleSubmission.objects.create(partner=partner, article=article, url=article.url)
        return article

    def claim(self, article: Article | None = None, *, actor=None, stance="asserts", **kw) -> Claim:
        article = article or self.article(**kw)
        start = article.body.index("schodek")
        end = article.body.index(".")
        claim = Claim.objects.create(
            article=article,
            text=article.body[start:end],
            span_start=start,
            span_end=end,
            kind=Claim.Kind.ACCORDING_TO,
            checkworthiness=0.9,
        )
        claim.attributions.create(
            actor=actor,
            actor_text="ministra financí",
            actor_start=6,
            actor_end=22,
            cue_text="Podle",
            cue_start=0,
            cue_end=5,
            stance=stance,
            confidence=0.8,
        )
        return claim

    def research(self, claim: Claim, *, rating: str = "Nepravda", summary: str = "") -> Claim:
        """Triage, research, a draft verdict and a linked source with an internal note."""
        transition_claim(claim_id=claim.pk, name="triage", user=self.editor)
        transition_claim(claim_id=claim.pk, name="research", user=self.editor)
        save_verdict(
            claim_id=claim.pk,
            user=self.editor,
            rating=Rating.objects.get(scale=self.desk.rating_scale, label=rating),
            summary=summary or f"Schodek roste ({claim.pk}).",
            explanation="Data ministerstva ukazují opak.",
            as_of=dt.date(2024, 6, 21),
        )
        source, _ = get_or_create_source(
            url=f"https://mfcr.test/data-{claim.pk}", title="Pokladní plnění", kind="statistical"
        )
        attach_source(
            claim_id=claim.pk,
            source=source,
            relation="refutes",
            user=self.editor,
            note="INTERNAL-NOTE: ask the ministry again on Monday",
        )
        transition_claim(claim_id=claim.pk, name="submit", user=self.editor)
        return claim

    def publish(self, claim: Claim, **kw) -> Claim:
        self.research(claim, **kw)
        return transition_claim(
            claim_id=claim.pk, name="publish", user=self.reviewer, verdict_version=1
        )

    def published_claim(self, **kw) -> Claim:
        rating = kw.pop("rating", "Nepravda")
        return self.publish(self.claim(**kw), rating=rating)


@pytest.fixture
def desktop(desk, editor, second_reviewer) -> Desktop:
    return Desktop(desk=desk, editor=editor, reviewer=second_reviewer)


def public_events(claim: Claim) -> list[ClaimEvent]:
    return list(claim.events.filter(is_public=True))
