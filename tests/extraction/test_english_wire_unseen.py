"""English speakers found wrong walking unseen wire copy (a rate decision, a fraud verdict, a
health scare, a war report): a name in apposition to the role after a quotation or after
"according to", a lone first name described as a person, and a possessive owner taken for
the one who denies. Sentences are the tests' own."""

from __future__ import annotations

import pytest

from .rows import attribution_rows


def _rows(text: str, registry) -> list[tuple[str, ...]]:
    return attribution_rows(text, "en", registry, "actor", "actor_text", "cue", "stance")


# -- the name in apposition to the role speaks ------------------------------------------------


@pytest.mark.parametrize(
    ("sentence", "claim", "actor"),
    [
        (
            '"The harvest will be late this year," the minister, Paul Dorrin, said.',
            "The harvest will be late this year",
            "Paul Dorrin",
        ),
        (
            '"The harvest will be late this year," said the minister, Paul Dorrin.',
            "The harvest will be late this year",
            "Paul Dorrin",
        ),
        (
            '"Nobody read the second report," the engineer, Dr. Ruth Calder, told the inquiry.',
            "Nobody read the second report",
            "Ruth Calder",
        ),
        (
            "Two ferries were cancelled because of the storm, according to the harbour master, "
            "Ivan Petrak.",
            "Two ferries were cancelled because of the storm",
            "Ivan Petrak",
        ),
        (
            "Two ferries were cancelled because of the storm, according to the harbour master, "
            "Ivan Petrak, who spoke to reporters at the quay.",
            "Two ferries were cancelled because of the storm",
            "Ivan Petrak",
        ),
    ],
)
def test_name_in_apposition_to_the_role_speaks(registry, sentence, claim, actor) -> None:
    rows = _rows(sentence, registry)
    assert [(r[0], r[1]) for r in rows] == [(claim, actor)]


# -- a lone first name described as a person ---------------------------------------------------


@pytest.mark.parametrize(
    ("text", "pronoun_claim", "actor"),
    [
        (
            "The harbour master, Ivan Petrak, said the quay was closed. "
            '"The water came in so fast," said Marta, a 71-year-old fishmonger. '
            "She said her stall had been destroyed.",
            "her stall had been destroyed",
            "Marta",
        ),
        (
            "The mayor, Carla Brandt, said the water was safe to drink. "
            '"Nobody here believes that," said Yusuf, who runs a bakery by the canal. '
            "He said his customers had stopped buying bread.",
            "his customers had stopped buying bread",
            "Yusuf",
        ),
    ],
)
def test_lone_first_name_described_as_a_person(registry, text, pronoun_claim, actor) -> None:
    rows = _rows(text, registry)
    assert (pronoun_claim, actor) in [(r[0], r[1]) for r in rows]


def test_lone_name_of_a_body_stays_a_body(registry) -> None:
    text = (
        "The mayor, Carla Brandt, said the water was safe to drink. "
        '"Nobody here believes that," said Hamas, which runs the city. '
        "It said the customers had stopped buying bread."
    )
    rows = _rows(text, registry)
    assert ("the customers had stopped buying bread", "Hamas") in [(r[0], r[1]) for r in rows]


# -- a possessive owner is not the one who denies ---------------------------------------------


def test_possessive_owner_is_not_the_denier(registry) -> None:
    text = (
        "Borovian army spokesman Col. Anton Weller said its jets had struck radar sites used by "
        "the Kestrian navy. The army said in a statement on Telegram that its troops had "
        "captured the town of Dravetz. Kestria's general staff rejected that claim."
    )
    rows = _rows(text, registry)
    denials = [(r[0], r[2]) for r in rows if r[4] == "denies"]
    assert denials == [
        ("its troops had captured the town of Dravetz", "Kestria's general staff"),
    ]


# -- "X, officials said on Saturday, as Y": the reporter's background ------------------------


def test_background_after_a_parenthetical_cue_is_not_the_claim(registry) -> None:
    text = (
        "Storms flooded three villages near the delta, officials said on Monday, "
        "as the weather service said more rain was expected."
    )
    rows = _rows(text, registry)
    assert [(r[0], r[2]) for r in rows] == [
        ("Storms flooded three villages near the delta", "officials"),
        ("more rain was expected", "the weather service"),
    ]


def test_background_clause_stays_out_of_the_claim(registry) -> None:
    text = "The bridge will stay closed until May, the council said, as repairs dragged on."
    rows = _rows(text, registry)
    assert [(r[0], r[2]) for r in rows] == [
        ("The bridge will stay closed until May", "the council"),
    ]
