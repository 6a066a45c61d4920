"""Re-extraction keeps claim ids: a claim found again at the same span with the same text is the
same row, its machine attributions are updated in place, and only untouched claims that the
extractor no longer finds are removed. Rows are written in bulk, a constant number of queries
per article.

Personas: editor touches claims (edits, triages); the extractor is faked to control its output.
"""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from claims.extraction import Attribution as Found
from claims.extraction import Claim as FoundClaim
from claims.extraction import ExtractionResult
from claims.models import Attribution, Claim, ClaimEvent
from claims.services import extraction, workflow


def _found(start: int, end: int, *attributions: Found, text: str | None = None) -> FoundClaim:
    return FoundClaim(
        text=text or f"claim {start}-{end}",
        span=(start, end),
        kind="indirect",
        checkworthy=0.5,
        attributions=list(attributions),
    )


def _said(
    stance: str = "asserts", actor_span=(0, 5), cue_span=(6, 10), text="ministr", actor=None
) -> Found:
    return Found(
        actor=actor,
        actor_kind="organisation" if actor else None,
        actor_text=text,
        actor_span=actor_span,
        cue="řekl",
        cue_span=cue_span,
        stance=stance,
        confidence=0.8,
    )


def _extract(article, monkeypatch, *claims: FoundClaim):
    result = ExtractionResult("ok", "cs", "fake-1", claims=list(claims))
    monkeypatch.setattr(extraction, "extract", lambda *a, **k: result)
    return extraction.extract_article(article_id=article.pk)


def _ids(article) -> dict[tuple[int, int], int]:
    return {(c.span_start, c.span_end): c.pk for c in Claim.objects.filter(article=article)}


def test_an_unchanged_claim_keeps_its_id_and_its_attributions_are_updated_in_place(
    article, monkeypatch
):
    _extract(article, monkeypatch, _found(10, 20, _said("asserts")))
    claim_id = _ids(article)[(10, 20)]
    attribution_id = Attribution.objects.get(claim_id=claim_id).pk

    _extract(
        article,
        monkeypatch,
        _found(10, 20, _said("doubts"), _said("denies", (30, 37), (38, 44), "Opozice")),
    )

    assert _ids(article) == {(10, 20): claim_id}
    rows = list(
        Attribution.objects.filter(claim_id=claim_id)
        .order_by("actor_start")
        .values_list("pk", "actor_text", "stance")
    )
    assert rows[0] == (attribution_id, "ministr", "doubts")
    assert rows[1][1:] == ("Opozice", "denies")
    assert Attribution.history.filter(id=attribution_id).count() == 2  # created, then updated
    assert ClaimEvent.objects.filter(claim_id=claim_id, kind="created").count() == 1


def test_only_untouched_claims_that_disappear_are_removed(article, editor, monkeypatch):
    _extract(
        article,
        monkeypatch,
        _found(0, 5, _said()),
        _found(10, 20, _said()),
        _found(30, 40, _said()),
        _found(50, 60, _said()),
    )
    before = _ids(article)
    edited = Claim.objects.get(pk=before[(10, 20)])
    workflow.update_claim(
        claim_id=edited.pk, expected_version=edited.version, user=editor, normalized_text="x"
    )
    workflow.transition_claim(claim_id=before[(30, 40)], name="triage", user=editor)

    outcome = _extract(article, monkeypatch, _found(0, 5, _said()), _found(70, 80, _said()))

    after = _ids(article)
    assert {span: after[span] == before.get(span) for span in after} == {
        (0, 5): True,  # found again: same row
        (10, 20): True,  # edited by an editor: kept although not found
        (30, 40): True,  # in the workflow: kept although not found
        (70, 80): False,  # new
    }
    assert (outcome.claims_created, outcome.claims_kept) == (1, 3)


def test_a_claim_whose_text_changed_at_the_same_span_is_replaced_unless_touched(
    article, monkeypatch
):
    _extract(article, monkeypatch, _found(10, 20, _said(), text="old wording"))
    old_id = _ids(article)[(10, 20)]

    _extract(article, monkeypatch, _found(10, 20, _said(), text="new wording"))

    claim = Claim.objects.get(article=article)
    assert (claim.text, claim.pk != old_id) == ("new wording", True)


def test_an_editors_attribution_on_a_machine_claim_survives_re_extraction(
    article, editor, monkeypatch
):
    _extract(article, monkeypatch, _found(10, 20, _said()))
    claim_id = _ids(article)[(10, 20)]
    Attribution.objects.create(
        claim_id=claim_id, actor_text="Opozice", stance="denies", origin="editor"
    )

    _extract(article, monkeypatch, _found(10, 20, _said("doubts")))

    assert sorted(
        Attribution.objects.filter(claim_id=claim_id).values_list("actor_text", "origin")
    ) == [("Opozice", "editor"), ("ministr", "extractor")]


def _many(n: int, stance: str = "asserts") -> list[FoundClaim]:
    return [
        _found(
            100 * i,
            100 * i + 50,
            _said(stance),
            _said(stance, (60, 65), (66, 70), "Opozice", "Opozice"),
        )
        for i in range(n)
    ]


@pytest.mark.parametrize("n", [1, 5])
def test_storing_an_article_takes_the_same_queries_for_1_or_5_claims(article, monkeypatch, n):
    result = ExtractionResult("ok", "cs", "fake-1", claims=_many(n))
    monkeypatch.setattr(extraction, "extract", lambda *a, **k: result)

    with CaptureQueriesContext(connection) as first:
        extraction.extract_article(article_id=article.pk)
    result.claims = _many(n, stance="doubts")  # every attribution changes
    with CaptureQueriesContext(connection) as again:
        extraction.extract_article(article_id=article.pk)

    # Statements, not round trips (tests/claims/test_store_round_trips.py counts those).
    # First run (21): mark extracting, reading the article and the registry's signature (one
    # UPDATE … RETURNING), the registry (aliases, actors: the worker had none yet), the
    # transaction, mark extracted (which locks the article), the actor tables' signature with
    # whether the article has claims (none), ids for the new claims, attributions, actors and
    # aliases, the actor index (actors, aliases); one bulk INSERT each for the new named source
    # "Opozice" (actor, its history, its alias), claims, their history, attributions, their
    # history and the events; commit. Re-run (12): the same reads (the registry again, since
    # the first run added an actor; the index takes the signature read with the mark, since
    # that actor was its own insert), the claims and the touched ones, the machine
    # attributions, one bulk UPDATE of them and one INSERT of their history; no INSERT per
    # claim and no ids reserved (the index knows the speaker).
    assert (len(first), len(again)) == EXPECTED_QUERIES[connection.vendor]
    assert Attribution.objects.filter(claim__article=article, stance="doubts").count() == 2 * n


EXPECTED_QUERIES = {"sqlite": (21, 12), "postgresql": (21, 12)}
