"""A description of a body named earlier ("the agency", "a company spokeswoman", "úřad") speaks
for that body; a business's name of two capitalised words ("Thames Water") is a body, not a
person. Every sentence here is written for these tests."""

import pytest

from claims.extraction import extract


def _speakers(text, lang, registry):
    result = extract(text, lang, registry)
    return [(a.actor, a.actor_text) for c in result.claims for a in c.attributions]


def test_a_company_spokeswoman_and_the_agency_speak_for_the_bodies_named_before(registry):
    text = (
        "Severn Water was fined £2m on Thursday. The Drinking Water Agency said the company "
        "had hidden leaks from inspectors. A company spokeswoman said it rejected the agency's "
        "findings. The agency said the penalty was the highest it had imposed."
    )
    found = [s for s in _speakers(text, "en", registry) if s[1] != "it"]
    assert found == [
        ("Drinking Water Agency", "The Drinking Water Agency"),
        ("Severn Water", "A company spokeswoman"),
        ("Drinking Water Agency", "The agency"),
    ]


@pytest.mark.parametrize(
    ("text", "found"),
    [
        # a business's word closing a two-word name: the firm, not a Mr. Capital
        (
            "Harbour Capital bought the hotel chain. The firm said it would keep every hotel open.",
            [("Harbour Capital", "The firm")],
        ),
        (
            "Kestrel Systems lost the contract. A company spokesman said an appeal was planned.",
            [("Kestrel Systems", "A company spokesman")],
        ),
        # a business's name is an "it"
        (
            "Northgate Rail cancelled the timetable. It said drivers were unavailable.",
            [("Northgate Rail", "It")],
        ),
    ],
)
def test_a_business_named_with_two_capitalised_words_is_a_body(registry, text, found):
    assert _speakers(text, "en", registry) == found


@pytest.mark.parametrize(
    ("text", "found"),
    [
        (
            "The Ministry of Transport said the bridge would reopen. The ministry said it "
            "was safe.",
            [
                ("Ministry of Transport", "The Ministry of Transport"),
                ("Ministry of Transport", "The ministry"),
            ],
        ),
        # named in a sentence that reports nothing
        (
            "The Transport Ministry opened an inquiry. The ministry said the bridge was safe.",
            [("Transport Ministry", "The ministry")],
        ),
        # a description that says which body is named as well as a name is
        (
            "The health ministry said 12 people had been treated. The ministry said none was "
            "in danger.",
            [("health ministry", "The health ministry"), ("health ministry", "The ministry")],
        ),
        # two agencies spoke: the one that spoke last
        (
            "The Coastal Survey Agency said the cliffs were eroding. The Rail Safety Agency said "
            "the line was closed. The agency said repairs would take a month.",
            [
                ("Coastal Survey Agency", "The Coastal Survey Agency"),
                ("Rail Safety Agency", "The Rail Safety Agency"),
                ("Rail Safety Agency", "The agency"),
            ],
        ),
    ],
)
def test_a_body_noun_alone_is_the_body_named_before_with_it(registry, text, found):
    assert _speakers(text, "en", registry) == found


def test_the_agency_stays_unresolved_when_two_agencies_were_named_and_the_last_did_not_speak(
    registry,
):
    text = (
        "The Coastal Survey Agency published a map of eroding cliffs, and the Rail Safety "
        "Agency closed the line. Harbour Capital owns the line. The agency said repairs would "
        "take a month. The firm said it would pay."
    )
    assert _speakers(text, "en", registry)[-2:] == [
        ("agency", "The agency"),
        ("Harbour Capital", "The firm"),
    ]


@pytest.mark.parametrize(
    ("text", "found"),
    [
        # a business noun is no agency: "the company" skips the agency named since
        (
            "Marlow Water raised its bills. The Consumer Protection Agency objected. The company "
            "said the rise was needed.",
            [("Marlow Water", "The company")],
        ),
        # people are unaffected: a senator is no body, nor a person a company
        (
            "Daniel Harker toured the Kestrel Systems plant on Monday. The senator said taxes "
            "were too high. A company spokesman said the plant would stay open.",
            [("senator", "The senator"), ("Kestrel Systems", "A company spokesman")],
        ),
        (
            "Daniel Harker criticised Northgate Rail's timetable. The company said it would "
            "appeal.",
            [("Northgate Rail", "The company")],
        ),
        # the company's chief executive, named, speaks for herself
        (
            "Marlow Water was fined on Friday. The company's chief executive, Helen Ashby, said "
            "the firm had changed. A company spokesman said it would not appeal.",
            [("Helen Ashby", "Helen Ashby"), ("Marlow Water", "A company spokesman")],
        ),
    ],
)
def test_people_and_other_bodies_are_unaffected(registry, text, found):
    assert _speakers(text, "en", registry) == found


@pytest.mark.parametrize(
    ("text", "found"),
    [
        (
            "Státní úřad pro kontrolu potravin uvedl, že vzorky jsou v pořádku. Úřad také "
            "uvedl, že kontroly zpřísní.",
            ("Státní úřad pro kontrolu potravin", "Úřad"),
        ),
        (
            "Ministerstvo dopravy uvedlo, že most je bezpečný. Ministerstvo také uvedlo, že "
            "oprava začne v květnu.",
            ("Ministerstvo dopravy", "Ministerstvo"),
        ),
    ],
)
def test_a_czech_body_noun_alone_is_the_body_named_before_with_it(registry, text, found):
    assert _speakers(text, "cs", registry)[-1] == found


def test_the_police_are_the_force_named_before_but_not_a_headline_that_names_them(registry):
    named = (
        "The Harbridge Police said two men were arrested. The police said both were released "
        "on bail."
    )
    assert _speakers(named, "en", registry)[-1] == ("Harbridge Police", "The police")
    headline = (
        "Suspect Named By Police Before Hearing\n\nA man was arrested in Harbridge on Friday. "
        "Police said he was 34."
    )
    assert _speakers(headline, "en", registry)[-1] == ("Police", "Police")
