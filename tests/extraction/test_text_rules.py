"""Attributions found without a parse, and quotation layouts of wire copy."""

from claims.extraction import extract


def _pairs(text: str, lang: str, registry) -> list[tuple[str, str, str]]:
    result = extract(text, language=lang, registry=registry)
    return [(c.text, a.actor_text, a.cue) for c in result.claims for a in c.attributions]


def test_transcript_speaker_label_attributes_the_paragraph(registry):
    text = "Debate transcript\n\nPENCE: Gennifer Flowers will not be attending the debate tomorrow."
    assert _pairs(text, "en", registry) == [
        ("Gennifer Flowers will not be attending the debate tomorrow", "PENCE", ":")
    ]


def test_team_line_up_with_colon_is_not_a_speaker():
    assert extract("Slavia: Stejskal - Kozel - Novotný, Berger.", language="cs").claims == []


def test_dash_byline_after_quote_names_the_speaker(registry):
    text = "“He has spread fear and ignorance in this campaign.” ― Maria Lopez, Texas"
    assert _pairs(text, "en", registry) == [
        ("He has spread fear and ignorance in this campaign.", "Maria Lopez", "\u2015")
    ]


def test_two_apostrophes_work_as_quotation_marks(registry):
    text = "''You don't have to come up with a quarter of a million dollars,'' Mr. McKinley said."
    assert _pairs(text, "en", registry) == [
        ("You don't have to come up with a quarter of a million dollars", "Mr. McKinley", "said")
    ]


def test_quote_interrupted_by_its_attribution_is_one_claim(registry):
    text = "“Subpoenas are not optional,” said Rep. Jason Chaffetz. “He is a crucial witness.”"
    result = extract(text, language="en", registry=registry)
    assert [(c.text, c.span, c.segments) for c in result.claims] == [
        ("Subpoenas are not optional. He is a crucial witness.", (1, 81), [(1, 28), (57, 81)])
    ]


def test_parenthetical_cue_keeps_both_halves_of_the_content(registry):
    text = "Many of the visitors were older, she said, and the museum moved them deeply."
    assert [c.text for c in extract(text, language="en", registry=registry).claims] == [
        "Many of the visitors were older, she said, and the museum moved them deeply"
    ]


def test_two_roles_of_one_named_person_are_one_source(registry):
    text = "Krize skončí, řekl náměstek ministra a vedoucí úřadu Václav Petříček."
    assert [p[1] for p in _pairs(text, "cs", registry)] == [
        "náměstek ministra a vedoucí úřadu Václav Petříček"
    ]


def test_attribution_nested_inside_reported_content_is_not_a_separate_claim(registry):
    text = "The senator said the ministry denied that the contract was awarded without a tender."
    result = extract(text, language="en", registry=registry)
    assert [(c.text, [a.cue for a in c.attributions]) for c in result.claims] == [
        ("the ministry denied that the contract was awarded without a tender", ["said"])
    ]


def test_quoted_transcript_paragraph_still_has_its_speaker_label(registry):
    text = 'Partial transcript:\n\n"WALLACE: Let us start with the breaking news on the debate.'
    assert _pairs(text, "en", registry) == [
        ("Let us start with the breaking news on the debate", "WALLACE", ":")
    ]


def test_dash_byline_after_no_break_space(registry):
    text = "“I cannot believe this man could be president.”\u00a0―\u00a0Jacklyn Ashley\u00a0"
    assert _pairs(text, "en", registry) == [
        ("I cannot believe this man could be president.", "Jacklyn Ashley", "\u2015")
    ]


def test_quote_resumed_after_comma_attribution_with_title_is_one_claim(registry):
    text = (
        "''There are these concentrated pockets of hurt,'' Mr. Autor said, "
        "''and we're seeing the political consequences of that.''"
    )
    result = extract(text, language="en", registry=registry)
    assert [(c.text, [a.actor_text for a in c.attributions]) for c in result.claims] == [
        (
            "There are these concentrated pockets of hurt, "
            "and we're seeing the political consequences of that.",
            ["Mr. Autor"],
        )
    ]


def test_editorial_label_is_not_a_speaker():
    text = "Story.\n\nCLARIFICATION: The first sentence has been changed to reflect the vote."
    assert extract(text, language="en").claims == []
