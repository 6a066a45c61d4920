"""English speakers found wrong walking the desk end to end on unseen articles: "the company"
taken for a town named before it, a business's name cut to its last two words, an agency or
a trust read as a medium or a person, and a role written with spaces between its tokens or
running into a relative clause. Sentences are the tests' own."""

from __future__ import annotations

import pytest

from claims.extraction import extract
from claims.extraction.results import Attribution


def _attributions(text: str, registry) -> dict[str, Attribution]:
    """Each claim's first attribution, by the claim's first words."""
    result = extract(text, language="en", registry=registry)
    return {c.text[:24]: c.attributions[0] for c in result.claims if c.attributions}


def _by_start(text: str, registry, start: str) -> Attribution:
    found = _attributions(text, registry)
    key = next((k for k in found if k.startswith(start[:24]) or start.startswith(k)), None)
    assert key is not None, found
    return found[key]


# -- a place named before "the company" is never the company ----------------------------------


@pytest.mark.parametrize(
    ("text", "claim", "actor"),
    [
        (
            "Kestrel Rail, which runs trains between Dunmore and Halloway, said the crossing would "
            "close in winter. The company denied that any crews would be laid off.",
            "any crews would be laid off",
            "Kestrel Rail",
        ),
        (
            "Brightvale Energy, which supplies homes near Ashcombe, said prices would rise. "
            "The company said that the rise would be small.",
            "the rise would be small",
            "Brightvale Energy",
        ),
    ],
)
def test_a_place_is_never_the_company(text: str, claim: str, actor: str, registry) -> None:
    assert _by_start(text, registry, claim).actor == actor


# -- a business's name is kept whole ---------------------------------------------------------


def test_a_business_name_opening_a_sentence_keeps_its_first_word(registry) -> None:
    text = (
        "Northern Valley Water said the new pipeline would be finished by June. "
        "The company denied that bills would rise."
    )
    found = _attributions(text, registry)
    assert [a.actor for a in found.values()] == ["Northern Valley Water"] * 2


# -- an agency's, a trust's name makes a body ------------------------------------------------


@pytest.mark.parametrize(
    ("text", "actor"),
    [
        ("The Coastal Protection Agency said the sea wall would be raised.", "organisation"),
        ("According to the Moorland Trust, the heath has lost half its birds.", "organisation"),
        ("The Czech News Agency said the sea wall would be raised.", "media"),
    ],
)
def test_agency_and_trust_names_are_bodies(text: str, actor: str, registry) -> None:
    result = extract(text, language="en", registry=registry)
    assert [a.actor_kind for c in result.claims for a in c.attributions] == [actor]


# -- a role as written, without its relative clause ------------------------------------------


def test_a_role_after_the_name_is_written_as_in_the_text(registry) -> None:
    text = '"We will rebuild the bridge," said Anna Verhoef, the council\'s finance director.'
    attribution = _by_start(text, registry, "We will rebuild the bridge")
    assert attribution.actor == "Anna Verhoef"
    assert attribution.role == "council's finance director"


def test_a_role_stops_before_its_relative_clause(registry) -> None:
    text = (
        '"The river is dying," said Tomas Berg, the society\'s research director, who urged '
        "ministers to ban the dredging."
    )
    attribution = _by_start(text, registry, "The river is dying")
    assert attribution.actor == "Tomas Berg"
    assert attribution.role == "society's research director"
