"""Every article has a desk, so a verdict is rated on one scale; reports count every desk's
ratings by their equivalent in the common five-point order.

Personas: editor drafts verdicts (sees one scale); analyst reads the reports.
"""

from __future__ import annotations

import datetime as dt
import importlib
import re

import pytest
from django.apps import apps
from django.urls import reverse

from claims.models import Article, Claim, CommonRating, Desk, Rating, RatingScale, Verdict
from claims.reports.selectors import claims_over_time
from claims.services import workflow
from claims.services.articles import ingest_article
from claims.services.seeding import SeedReport, seed_rating_scales

migration = importlib.import_module("claims.migrations.0009_desks_and_common_ratings")


@pytest.fixture
def scales(db) -> dict[str, RatingScale]:
    return seed_rating_scales(SeedReport())


@pytest.fixture
def two_desks(scales) -> tuple[Desk, Desk]:
    czech = Desk.objects.create(name="Czech desk", slug="cz", rating_scale=scales["cs"])
    english = Desk.objects.create(
        name="English desk", slug="en", rating_scale=scales["en"], is_default=True
    )
    return czech, english


def test_an_article_without_a_desk_goes_to_the_default_desk(two_desks):
    _, english = two_desks

    article = ingest_article(body="The minister said taxes would fall.", extract=False).article

    assert Article.objects.get(pk=article.pk).desk == english


def test_the_verdict_dropdown_offers_only_the_desks_scale(client, two_desks, editor):
    czech, _ = two_desks
    article = ingest_article(body="Ministr řekl, že daně klesnou.", desk=czech, extract=False)
    claim = Claim.objects.create(
        article=article.article, text="daně klesnou", span_start=16, span_end=28
    )
    workflow.transition_claim(claim_id=claim.pk, name="triage", user=editor)
    client.force_login(editor)

    page = client.get(reverse("admin:claims_claim_change", args=[claim.pk])).content.decode()
    offered = set(
        Rating.objects.filter(pk__in=_option_values(page, "verdicts-0-rating")).values_list(
            "scale__slug", flat=True
        )
    )

    assert offered == {"cs"}


def _option_values(page: str, name: str) -> list[int]:
    start = page.index(f'name="{name}"')
    select = page[start : page.index("</select>", start)]
    return [int(v) for v in re.findall(r'<option value="(\d+)"', select)]


def test_the_migration_gives_desk_less_articles_the_default_desk(two_desks, outlet):
    czech, english = two_desks
    Desk.objects.filter(pk=english.pk).update(is_default=False)
    orphan = Article.objects.create(body="x", body_sha256="1" * 64, outlet=outlet)

    migration.give_articles_a_desk(apps, None)

    assert Article.objects.get(pk=orphan.pk).desk == czech  # the oldest desk became default
    assert list(Desk.objects.filter(is_default=True)) == [czech]


def test_the_migration_maps_existing_ratings_by_their_claimreview_name(rating_scale):
    migration.map_ratings(apps, None)

    assert dict(rating_scale.ratings.values_list("label", "common")) == {
        "Pravda": "true",
        "Zavádějící": "mixed",
        "Nepravda": "false",
        "Neověřitelné": "unverifiable",
    }


def test_every_seeded_rating_names_its_common_equivalent(scales):
    assert not Rating.objects.filter(common="").exists()
    assert Rating.objects.get(label="Neověřitelné").common == CommonRating.UNVERIFIABLE
    assert Rating.objects.get(label="Unverifiable").common == CommonRating.UNVERIFIABLE


def test_reports_count_czech_and_english_unverifiable_as_one_rating(
    two_desks, editor, reviewer, outlet
):
    czech, english = two_desks
    for desk, label in ((czech, "Neověřitelné"), (english, "Unverifiable")):
        article = Article.objects.create(
            body=label,
            body_sha256=desk.slug.ljust(64, "0"),
            desk=desk,
            outlet=outlet,
            published_at=dt.datetime(2024, 6, 1, tzinfo=dt.UTC),
        )
        claim = Claim.objects.create(article=article, text=label, span_start=0, span_end=3)
        verdict = Verdict.objects.create(
            claim=claim,
            rating=Rating.objects.get(scale=desk.rating_scale, label=label),
            summary="s",
            author=editor,
            reviewer=reviewer,
            as_of=dt.date(2024, 6, 1),
            published_at=dt.datetime(2024, 6, 2, tzinfo=dt.UTC),
            published_version=1,
        )
        Claim.objects.filter(pk=claim.pk).update(status="published", published_verdict=verdict)

    breakdown = claims_over_time(Claim.objects.all())

    assert [r.label for r in breakdown.ratings] == ["Unverifiable"]
    assert breakdown.row("2024-06") == [2]
