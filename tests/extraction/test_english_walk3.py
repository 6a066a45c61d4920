"""English wire copy walked this stop: a role given in apposition ("The union's leader, Mick
Lynch,") names the person when the role comes back; a headline's noun the parser made a bare
verb ("threatens strike over X") is no threatened act; "said on Tuesday it would" does not
put the day in the claim. Sentences are the tests' own."""

from __future__ import annotations

from .rows import attribution_rows


def _rows(text: str, registry) -> list[tuple[str, ...]]:
    return attribution_rows(text, "en", registry, "actor", "actor_text", "cue")


def test_a_role_given_in_apposition_names_the_person_when_it_comes_back(registry):
    text = (
        "The nurses' leader, Ann Hale, said talks had failed. “We will not give in,” the "
        "nurses' leader said."
    )
    assert [(r[0], r[1]) for r in _rows(text, registry)] == [
        ("talks had failed", "Ann Hale"),
        ("We will not give in", "Ann Hale"),
    ]


def test_a_headline_noun_read_as_a_bare_verb_is_no_threatened_act(registry):
    text = (
        "Dock union threatens strike over robot cranes\n\n"
        "ROTTERDAM (Reuters) - The dockers' union said it would hold a ballot in June."
    )
    assert [r[0] for r in _rows(text, registry)] == ["it would hold a ballot in June"]


def test_a_time_phrase_after_the_cue_is_when_it_was_said(registry):
    text = "The dockers' union said on Monday it would hold a ballot."
    assert [r[0] for r in _rows(text, registry)] == ["it would hold a ballot"]


def test_a_name_closing_a_long_role_phrase_after_a_comma_is_the_speaker(registry):
    text = "The head of the largest farmers' union in Moravia, Karel Dvorak, said prices fell."
    assert [(r[0], r[1]) for r in _rows(text, registry)] == [("prices fell", "Karel Dvorak")]


def test_a_place_after_a_comma_in_the_role_phrase_is_no_speaker(registry):
    text = "The mayor of Springfield, Illinois, said prices fell."
    assert [(r[0], r[2]) for r in _rows(text, registry)] == [
        ("prices fell", "The mayor of Springfield")
    ]


def test_a_plural_possessive_stays_glued_in_a_descriptions_name(registry):
    text = "The nurses’ union said pay talks had failed."
    assert [(r[0], r[1]) for r in _rows(text, registry)] == [
        ("pay talks had failed", "nurses’ union")
    ]


def test_he_after_an_unnamed_spokesman_speaks_for_the_same_body(registry):
    text = (
        "Harbour Authority officials met on Monday. A spokesman for the Harbour Authority said "
        "delays were rare. “The figures are clear,” he said."
    )
    assert [(r[0], r[1], r[2]) for r in _rows(text, registry)] == [
        ("delays were rare", "Harbour Authority", "A spokesman for the Harbour Authority"),
        ("The figures are clear", "Harbour Authority", "he"),
    ]


def test_disputing_that_account_answers_the_claim_before_it(registry):
    text = (
        "The water company insisted that its staff had reported every spill. Local anglers "
        "disputed that account."
    )
    assert [(r[0], r[1], r[3]) for r in _rows(text, registry)] == [
        ("its staff had reported every spill", "water company", "insisted"),
        ("its staff had reported every spill", "Local anglers", "disputed"),
    ]


def test_a_body_that_retracts_its_own_claim_still_answers_it_when_nothing_else_is_there(
    registry,
):
    text = "The ministry said the bridge would reopen in May. The ministry later denied it."
    rows = _rows(text, registry)
    assert [(r[0], r[3]) for r in rows] == [
        ("the bridge would reopen in May", "said"),
        ("the bridge would reopen in May", "denied"),
    ]
