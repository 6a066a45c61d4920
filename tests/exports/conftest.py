"""A small desk of claims in Czech, with the attributions, verdicts and traps exports must keep.

- `claims_data.deny`: the seed article's shape — asserted by US officials, denied by Russia and
  North Korea (cue "popírají"), published with the verdict "Pravda"
- `claims_data.formula`: a quoted claim that starts with "=" (CSV injection) from an outlet whose
  article title starts with "+"
- `claims_data.bare`: a new claim without attributions, no outlet, no date
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pytest
from django.contrib.auth.models import User

from claims.models import Actor, Article, Attribution, Claim, Outlet, Rating, Verdict


@pytest.fixture(autouse=True)
def _urls(settings) -> None:
    settings.ROOT_URLCONF = "tests.exports.urls"


@pytest.fixture(autouse=True)
def _media(settings, tmp_path) -> None:
    settings.MEDIA_ROOT = tmp_path / "media"
    # WhiteNoise warns (an error under filterwarnings) when STATIC_ROOT was never collected.
    settings.STATIC_ROOT = tmp_path
    # The personas' passwords are hashed with PBKDF2 otherwise: ~0.6 s per user per test.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@dataclass
class ClaimsData:
    deny: Claim
    formula: Claim
    bare: Claim
    russia: Actor
    korea: Actor
    officials: Actor
    ceska: Outlet
    pravda: Rating


def make_claim(article: Article, text: str, **fields: object) -> Claim:
    start = article.body.index(text)
    return Claim.objects.create(
        article=article, text=text, span_start=start, span_end=start + len(text), **fields
    )


def publish(claim: Claim, rating: Rating, author: User, reviewer: User) -> Verdict:
    verdict = Verdict.objects.create(
        claim=claim,
        rating=rating,
        summary="Souhlasí.",
        author=author,
        reviewer=reviewer,
        as_of=dt.date(2024, 3, 2),
        published_at=dt.datetime(2024, 3, 3, 9, 0, tzinfo=dt.UTC),
        published_version=1,
    )
    Claim.objects.filter(pk=claim.pk).update(
        status=Claim.Status.PUBLISHED, published_verdict=verdict
    )
    claim.refresh_from_db()
    return verdict


@pytest.fixture
def claims_data(desk, editor, reviewer) -> ClaimsData:
    ceska = Outlet.objects.create(name="Česká tisková kancelář", country="CZ", language="cs")
    other = Outlet.objects.create(name="Daily Planet", country="US", language="en")
    russia = Actor.objects.create(name="Russia", kind=Actor.Kind.GOVERNMENT)
    korea = Actor.objects.create(name="North Korea", kind=Actor.Kind.GOVERNMENT)
    officials = Actor.objects.create(name="US officials", kind=Actor.Kind.OFFICIALS)
    seed_body = (
        "Podle amerických činitelů Severní Korea dodává Rusku dělostřelecké granáty. "
        "Moskva a Pchjongjang to popírají."
    )
    seed = Article.objects.create(
        outlet=ceska,
        desk=desk,
        url="https://ctk.example/clanek/1",
        title="Severní Korea dodává Rusku střely",
        body=seed_body,
        body_sha256="1" * 64,
        language="cs",
        # 23:30 UTC is the next day in Prague: the export's date is the desk's local date.
        published_at=dt.datetime(2024, 2, 29, 23, 30, tzinfo=dt.UTC),
    )
    deny = make_claim(
        seed, "Severní Korea dodává Rusku dělostřelecké granáty", kind=Claim.Kind.ACCORDING_TO
    )
    deny.checkworthiness = 0.91
    deny.save()
    for actor, text, cue, stance in [
        (officials, "amerických činitelů", "Podle", Attribution.Stance.ASSERTS),
        (russia, "Moskva", "popírají", Attribution.Stance.DENIES),
        (korea, "Pchjongjang", "popírají", Attribution.Stance.DENIES),
    ]:
        Attribution.objects.create(
            claim=deny,
            actor=actor,
            actor_text=text,
            actor_start=seed_body.index(text),
            actor_end=seed_body.index(text) + len(text),
            cue_text=cue,
            stance=stance,
        )
    pravda = Rating.objects.get(label="Pravda")
    publish(deny, pravda, editor, reviewer)

    formula_body = '"=HYPERLINK(\\"http://evil.example\\")" said @mallory.'
    trap = Article.objects.create(
        outlet=other,
        desk=desk,
        title="+cmd|' /C calc'!A0",
        body=formula_body,
        body_sha256="2" * 64,
        language="en",
        published_at=dt.datetime(2024, 5, 1, 8, tzinfo=dt.UTC),
    )
    formula = make_claim(trap, '=HYPERLINK(\\"http://evil.example\\")', kind=Claim.Kind.DIRECT)
    Attribution.objects.create(
        claim=formula, actor=None, actor_text="@mallory", cue_text="said", stance="asserts"
    )

    bare_article = Article.objects.create(
        desk=desk, body="Nikdo nic neřekl.", body_sha256="3" * 64, language="cs"
    )
    bare = make_claim(bare_article, "Nikdo nic neřekl")
    return ClaimsData(deny, formula, bare, russia, korea, officials, ceska, pravda)


@pytest.fixture
def staff_without_export(db) -> User:
    """Staff, but in no role: may log in to the admin, may not export."""
    return User.objects.create_user("intern", password="pw", is_staff=True)
