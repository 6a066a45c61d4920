"""Vectors in the database, clusters and suggestions (real model, eager Celery)."""

import pytest

from claims.errors import GuardFailed, NotPermitted
from claims.models import ClaimEmbedding, ClaimMatchSuggestion, Outlet
from claims.services import matching
from claims.services.extraction import extract_article
from tests.matching.factories import SHELLS_CS, make_claim

SHELLS_EN = "North Korea is supplying Russia with ballistic missiles and artillery shells."


@pytest.fixture
def other_outlet(db) -> Outlet:
    return Outlet.objects.create(name="Other Times", country="GB", language="en")


def _stored(text, outlet, desk, **kwargs):
    claim = make_claim(text, outlet=outlet, desk=desk, **kwargs)
    matching.embed_claims(claim_ids=[claim.pk])
    return claim


def test_a_claim_stored_by_the_extraction_service_is_embedded_after_commit(
    article, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        outcome = extract_article(article_id=article.pk)
    assert outcome.claims_created >= 1
    stored = ClaimEmbedding.objects.filter(claim__article=article)
    assert stored.count() == outcome.claims_created
    assert len(bytes(stored.first().vector)) == 384 * 4


def test_unchanged_text_is_never_embedded_again_and_an_edit_is(outlet, desk):
    claim = _stored(SHELLS_EN, outlet, desk)
    before = ClaimEmbedding.objects.get(claim=claim)
    assert matching.embed_claims(claim_ids=[claim.pk]) == 0
    claim.normalized_text = "North Korea supplies Russia with missiles."
    claim.save()
    assert matching.embed_claims(claim_ids=[claim.pk]) == 1
    assert ClaimEmbedding.objects.get(claim=claim).text_sha256 != before.text_sha256


def test_the_czech_claim_joins_the_cluster_of_its_english_report(outlet, other_outlet, desk):
    english = _stored(SHELLS_EN, other_outlet, desk)
    czech = _stored(SHELLS_CS, outlet, desk, language="cs")
    outcome = matching.match_claim(claim_id=czech.pk)
    english.refresh_from_db()
    czech.refresh_from_db()
    assert outcome.joined == english.pk
    assert czech.cluster_id == english.cluster_id is not None


def test_a_different_percentage_neither_joins_nor_is_suggested(outlet, other_outlet, desk):
    _stored("Unemployment in the Czech Republic fell to 2.5 percent last year.", other_outlet, desk)
    new = _stored("Unemployment in the Czech Republic fell to 2.9 percent last year.", outlet, desk)
    outcome = matching.match_claim(claim_id=new.pk)
    new.refresh_from_db()
    assert (outcome.joined, outcome.suggestions, new.cluster_id) == (None, 0, None)


def test_a_near_match_is_suggested_and_a_rejection_is_remembered(
    outlet, other_outlet, desk, editor
):
    stored = _stored("Poland will build a wall on its border with Belarus.", other_outlet, desk)
    new = _stored("Polsko postaví na hranici s Běloruskem zeď.", outlet, desk, language="cs")
    matching.match_claim(claim_id=new.pk)
    suggestion = ClaimMatchSuggestion.objects.get(claim=new, other=stored)
    assert suggestion.status == "pending"

    matching.decide_suggestion(suggestion_id=suggestion.pk, user=editor, confirm=False)
    matching.match_claim(claim_id=new.pk)  # the machine looks again, e.g. after a re-extraction

    suggestion.refresh_from_db()
    new.refresh_from_db()
    assert (suggestion.status, suggestion.decided_by, new.cluster_id) == ("rejected", editor, None)
    with pytest.raises(GuardFailed, match=r"editor already rejected this suggestion\."):
        matching.decide_suggestion(suggestion_id=suggestion.pk, user=editor, confirm=True)


def test_confirming_a_suggestion_puts_both_claims_in_one_cluster(
    outlet, other_outlet, desk, editor
):
    stored = _stored("Poland will build a wall on its border with Belarus.", other_outlet, desk)
    new = _stored("Polsko postaví na hranici s Běloruskem zeď.", outlet, desk, language="cs")
    matching.match_claim(claim_id=new.pk)
    suggestion = ClaimMatchSuggestion.objects.get(claim=new, other=stored)
    matching.decide_suggestion(suggestion_id=suggestion.pk, user=editor, confirm=True)
    stored.refresh_from_db()
    new.refresh_from_db()
    assert stored.cluster_id == new.cluster_id is not None


def test_an_analyst_may_not_decide_suggestions(outlet, other_outlet, desk, analyst):
    stored = _stored("Poland will build a wall on its border with Belarus.", other_outlet, desk)
    new = _stored("Polsko postaví na hranici s Běloruskem zeď.", outlet, desk, language="cs")
    matching.match_claim(claim_id=new.pk)
    suggestion = ClaimMatchSuggestion.objects.get(claim=new, other=stored)
    with pytest.raises(NotPermitted):
        matching.decide_suggestion(suggestion_id=suggestion.pk, user=analyst, confirm=True)


def test_the_backfill_command_embeds_what_is_missing_and_resumes(outlet, other_outlet, desk):
    from io import StringIO

    from django.core.management import call_command

    first = make_claim(SHELLS_EN, outlet=other_outlet, desk=desk)
    second = make_claim(SHELLS_CS, outlet=outlet, desk=desk, language="cs")
    matching.embed_claims(claim_ids=[first.pk])  # a run that stopped after one claim
    out, err = StringIO(), StringIO()
    call_command("embed_claims", batch=1, stdout=out, stderr=err)
    assert out.getvalue() == "1 claims to embed in 1 batches.\n"
    assert "1/1" in err.getvalue()  # the progress bar
    assert set(ClaimEmbedding.objects.values_list("claim_id", flat=True)) == {first.pk, second.pk}
    second.refresh_from_db()
    assert second.cluster_id is not None  # matched as well as embedded
    out = StringIO()
    call_command("embed_claims", stdout=out, stderr=StringIO())
    assert out.getvalue() == "0 claims to embed in 0 batches.\n"


def test_matches_with_a_claim_removed_since_the_index_was_built_are_dropped(claim):
    # A worker's in-memory index can outlive a claim that re-extraction removed; a suggestion
    # pointing at it failed the whole matching task at commit on PostgreSQL (CI, stop 10).
    from claims.matching.matcher import Match
    from claims.services.matching import _still_stored
    from claims.services.matching_index import CLAIM, key

    kept = Match(id=key(CLAIM, claim.pk), score=0.9, cosine=0.9, lexical=0.5)
    gone = Match(id=key(CLAIM, claim.pk + 1000), score=0.95, cosine=0.95, lexical=0.5)

    assert _still_stored([gone, kept]) == [kept]


TAXES_CS = "Vláda letos vybere na daních rekordní částku."
TAXES_EN = "The government will collect a record amount in taxes this year."
SUBSIDIES_CS = (
    "Ministryně financí chce snížit výdaje státu na dotace."  # the same topic, cosine 0.91
)


def test_an_unrelated_czech_claim_on_the_same_topic_is_not_suggested(outlet, other_outlet, desk):
    _stored(SUBSIDIES_CS, other_outlet, desk, language="cs")
    new = _stored(TAXES_CS, outlet, desk, language="cs")
    outcome = matching.match_claim(claim_id=new.pk)
    assert (outcome.joined, outcome.suggestions) == (None, 0)


def test_the_english_translation_still_joins_beside_an_unrelated_claim_on_its_topic(
    outlet, other_outlet, desk
):
    english = _stored(TAXES_EN, other_outlet, desk)
    unrelated = _stored(SUBSIDIES_CS, other_outlet, desk, language="cs")
    new = _stored(TAXES_CS, outlet, desk, language="cs")
    outcome = matching.match_claim(claim_id=new.pk)
    assert outcome.joined == english.pk
    assert not ClaimMatchSuggestion.objects.filter(claim=new, other=unrelated).exists()


# A claim the extractor cut from a Czech food-prices article, and the seed's claim on Russia.
NO_REGULATION_CS = "vláda ceny potravin regulovat nebude"
RUSSIA_CS = "Rusko na základě dohody nevylučuje vojensko-technologickou spolupráci s KLDR"


def test_a_short_czech_claim_with_nothing_english_about_it_is_compared_as_czech(
    outlet, other_outlet, desk
):
    """No function word and none of ě š č ř ž ů ň í ý: read as English, the claim was compared
    with the Czech one across languages (cosine 0.875 + 0.06) and joined its cluster."""
    _stored(RUSSIA_CS, other_outlet, desk, language="cs")
    new = _stored(NO_REGULATION_CS, outlet, desk, language="cs")

    outcome = matching.match_claim(claim_id=new.pk)

    assert (outcome.cluster_id, outcome.joined, outcome.suggestions) == (None, None, 0)


def test_two_czech_claims_on_one_topic_without_an_anchor_are_suggested_never_joined(
    outlet, other_outlet, desk
):
    # e5 puts them at 0.94 (above the join threshold); they share no number and few words.
    # A join would chain clusters and offer one claim's verdict to the other.
    stored = _stored(
        "inflace příští rok zpomalí pod dvě procenta", other_outlet, desk, language="cs"
    )
    new = _stored("platy učitelů příští rok vzrostou o sedm procent", outlet, desk, language="cs")
    outcome = matching.match_claim(claim_id=new.pk)
    new.refresh_from_db()
    assert (outcome.joined, new.cluster_id) == (None, None)
    assert ClaimMatchSuggestion.objects.get(claim=new, other=stored).status == "pending"
