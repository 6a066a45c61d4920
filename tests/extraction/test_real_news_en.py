"""English real-news constructions (issue 14): what an English report of a news agency looks
like when it is cut right. Our own sentences."""

from claims.extraction import extract


def _claims(text: str, registry) -> list[tuple[str, list[tuple[str, str, str | None]]]]:
    result = extract(text, language="en", registry=registry)
    return [(c.text, [(a.actor_text, a.cue, a.via) for a in c.attributions]) for c in result.claims]


def test_a_fronted_clause_the_body_said_according_to_an_agency(registry):
    """ "X, the commission said, according to Reuters": the commission said X (the cue and
    the agency stay out of the claim) and the agency relayed it."""
    text = (
        "So far, there is no sign that the two outbreaks are linked, the regional health "
        "office said, according to Reuters."
    )

    assert _claims(text, registry) == [
        (
            "So far, there is no sign that the two outbreaks are linked",
            [("the regional health office", "said", "Reuters")],
        )
    ]


def _texts(text: str, registry) -> list[str]:
    return [c for c, _ in _claims(text, registry)]


def test_a_relative_pronoun_before_the_cue_is_not_what_was_said(registry):
    text = "The rebels shot down a drone, which they said fell near the northern border."

    assert "fell near the northern border" in _texts(text, registry)


def test_a_passive_the_parser_hung_elsewhere_stays_in_the_clause(registry):
    text = (
        "The ministry did not give the cause and said it was keeping the names of those "
        "injured secret until next of kin could be told."
    )

    assert _texts(text, registry) == [
        "it was keeping the names of those injured secret until next of kin could be told"
    ]


def test_the_speakers_next_act_in_the_simple_past_ends_the_content(registry):
    text = (
        "The mayor said she had read the whole audit and condemned the contracts as a "
        "scandal. The two pilots claimed they were being held in a hotel and asked their "
        "airline to pay the fine."
    )

    found = _texts(text, registry)

    assert "she had read the whole audit" in found
    assert "they were being held in a hotel" in found


def test_the_reporters_circumstance_of_the_speaker_is_no_part_of_the_claim(registry):
    text = (
        "The engineer told the committee it was his duty to report the cracks in the bridge, "
        "as he deflected attacks on his career."
    )

    assert _texts(text, registry) == ["it was his duty to report the cracks in the bridge"]


def test_an_object_that_names_a_thing_is_no_claim(registry):
    """ "claim victory", "devoted its budget to X", "posted a clip containing X" name a thing or
    an act; "claimed responsibility for sinking the ferry" states something."""
    text = (
        "Both parties claim a clear victory in the vote. "
        "The union devoted most of its funds to online advertising. "
        "The campaign posted a clip containing a doctored interview with the minister. "
        "The militia claimed responsibility for sinking the ferry."
    )

    assert [(c, [a[1] for a in who]) for c, who in _claims(text, registry)] == [
        ("responsibility for sinking the ferry", ["claimed"])
    ]


def test_a_quotation_interrupted_by_a_long_described_speaker_is_one_claim(registry):
    """Issue 14: a quotation interrupted by its attribution is one claim made of segments,
    also when the speaker comes with a long description."""
    text = (
        "“The dam was never inspected,’’ Maria Keller, director of the Vienna-based river "
        "protection charity Blue Danube, told the BBC. “And I think the ministry knew it.”"
    )

    claims = extract(text, language="en", registry=registry).claims

    assert len(claims) == 1
    assert [text[s:e] for s, e in claims[0].segments or []] == [
        "The dam was never inspected,",
        "And I think the ministry knew it.",
    ]
    assert [a.actor for a in claims[0].attributions] == ["Maria Keller"]


def test_a_participle_describing_a_part_of_the_object_does_not_make_it_a_statement(registry):
    text = "The party posted a series of clips featuring the mayor during the debate."

    assert _claims(text, registry) == []


def test_an_issued_statement_with_a_reporting_participle_is_what_the_participle_says(registry):
    text = "The water board issued a statement saying that the dam could fail within days."

    assert _claims(text, registry) == [
        ("the dam could fail within days", [("The water board", "saying", None)])
    ]


def test_the_reporters_raising_questions_is_no_part_of_the_claim(registry):
    text = (
        "Li wrote that the couple had been moved to the clinic on May 3, nine days before "
        "the news was made public, raising questions about the delay."
    )

    assert _texts(text, registry) == [
        "the couple had been moved to the clinic on May 3, nine days before the news was "
        "made public"
    ]


def test_a_quotation_left_open_at_the_paragraph_end_goes_on_in_the_next(registry):
    """Newspaper style: a quotation that goes on in the next paragraph is not closed at the
    end of the first; the next paragraph is the same speaker's claim."""
    text = (
        "The minister said the deal “opens the door to talks on the border, which we are "
        "ready to support.\n\n"
        "“We see this as a sign that a settlement may be near.”\n\n"
        "The opposition called the deal a surrender."
    )

    found = _claims(text, registry)

    assert (
        "We see this as a sign that a settlement may be near.",
        [("The minister", "said", None)],
    ) in found


def test_an_inverted_cue_after_its_content_takes_the_speaker_the_parser_made_its_object(
    registry,
):
    """ "X, said another witness …, Mary Jones": the parser made the speaker the cue's
    object; with nobody found the claim was lost."""
    text = (
        'Smith had a habit of telling aides "he ran Canada" despite being the U.S. consul in '
        "Ottawa, said another witness in the ethics inquiry, former Senate staffer Mary Jones."
    )

    found = extract(text, language="en", registry=registry).claims

    assert [(c.text, [a.actor for a in c.attributions]) for c in found] == [
        (
            'Smith had a habit of telling aides "he ran Canada" despite being the U.S. consul '
            "in Ottawa",
            ["Mary Jones"],
        )
    ]


def test_ruled_out_denies_its_object(registry):
    """A phrasal verb is a cue with its particle: "ruled out" denies what "ruled" alone
    would not."""
    text = "The ministry has ruled out sabotage in the fire at the depot."

    found = extract(text, language="en", registry=registry).claims

    assert [(c.text, [(a.cue, a.stance) for a in c.attributions]) for c in found] == [
        ("sabotage in the fire at the depot", [("ruled out", "denies")])
    ]
