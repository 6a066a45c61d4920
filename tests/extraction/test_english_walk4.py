"""English wire copy of our own writing, walked 1 December: a that-clause after the one told
and a place ("told reporters outside the court that X") starts at "that"; "said in a letter
to councillors that X" reports X; "told a news conference" relays through no outlet, and
"NDP leader Samira Khan" is no outlet's reporter. Sentences are the tests' own."""

from __future__ import annotations

from .rows import attribution_rows


def _rows(text: str, registry, *fields: str) -> list[tuple[str, ...]]:
    return attribution_rows(text, "en", registry, *fields)


def test_told_someone_somewhere_that_starts_at_that(registry):
    text = (
        "The coach's agent, Ruth Bell, told reporters outside the court that his client "
        "was disappointed but ready to sign."
    )
    assert [r[0] for r in _rows(text, registry, "actor")] == [
        "his client was disappointed but ready to sign"
    ]


def test_said_in_a_letter_to_someone_that_reports_the_clause(registry):
    text = (
        "The Harbour Traders' Association said in a letter to councillors that footfall "
        "could fall by a third."
    )
    assert _rows(text, registry, "actor_text") == [
        ("footfall could fall by a third", "The Harbour Traders' Association")
    ]


def test_a_news_conference_is_no_outlet(registry):
    text = "“The plan is working,” the governor told a news conference in Halifax."
    assert _rows(text, registry, "via") == [("The plan is working", "")]


def test_a_news_channel_stays_the_outlet(registry):
    text = "“The plan is working,” the governor told CBS News."
    assert _rows(text, registry, "via") == [("The plan is working", "CBS News")]


def test_an_acronym_before_a_title_is_no_outlet(registry):
    text = "“The plan is failing,” NDP leader Maria Lund said in a statement."
    assert _rows(text, registry, "actor", "via") == [("The plan is failing", "Maria Lund", "")]
