from claims.extraction.segment import MAX_SENTENCE_CHARS, paragraphs, sentences


def _split(text: str, lang: str) -> list[str]:
    return [text[s:e] for ps, pe in paragraphs(text) for s, e in sentences(text, ps, pe, lang)]


def test_paragraphs_are_lines_with_text():
    assert list(paragraphs("A.\n\n  \nB.")) == [(0, 2), (7, 9)]


def test_czech_ordinal_and_abbreviation_do_not_end_a_sentence():
    text = "Stalo se to 24. června např. v Praze. Pak přišel R. Malečka."
    assert _split(text, "cs") == ["Stalo se to 24. června např. v Praze.", "Pak přišel R. Malečka."]


def test_sentence_ends_after_closing_quote():
    text = "Řekl: „Přijdu.“ Pak odešel."
    assert _split(text, "cs") == ["Řekl: „Přijdu.“", "Pak odešel."]


def test_english_titles_and_initials_do_not_end_a_sentence():
    text = "Dr. Smith met George W. Bush. He left."
    assert _split(text, "en") == ["Dr. Smith met George W. Bush.", "He left."]


def test_text_without_punctuation_is_cut_into_bounded_pieces():
    text = "slovo " * 2000
    pieces = list(sentences(text, 0, len(text), "cs"))
    assert max(e - s for s, e in pieces) <= MAX_SENTENCE_CHARS
    assert pieces[0][0] == 0


def test_the_network_x_ends_a_sentence_an_initial_does_not():
    from claims.extraction.segment import sentences

    text = "„Banka reaguje pozdě,“ napsal na síti X. Ministerstvo financí to odmítlo."
    assert [text[s:e] for s, e in sentences(text, 0, len(text), "cs")] == [
        "„Banka reaguje pozdě,“ napsal na síti X.",
        "Ministerstvo financí to odmítlo.",
    ]
    text = "Podle George W. Bushe to nebyla chyba."
    assert len(list(sentences(text, 0, len(text), "cs"))) == 1
