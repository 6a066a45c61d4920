from claims.extraction.quotes import find_quotes


def _inner(text: str) -> list[tuple[str, bool]]:
    return [(text[q.inner[0] : q.inner[1]], q.speech) for q in find_quotes(text)]


def test_czech_low_high_quotes_pair_and_drop_trailing_comma():
    text = "„Rusko to nevylučuje,“ řekl prezident."
    assert _inner(text) == [("Rusko to nevylučuje", True)]


def test_short_label_in_quotes_is_a_scare_quote_not_speech():
    assert _inner("Atmosféra jako v „bondovce“.") == [("bondovce", False)]


def test_quote_continued_in_next_paragraph_is_one_quote():
    text = "“We will not raise taxes.\n\n“Nor will we cut pensions,” she said."
    assert _inner(text) == [("We will not raise taxes.\n\n“Nor will we cut pensions", True)]


def test_unbalanced_quote_is_dropped_at_paragraph_end():
    assert _inner('He said "this never closes\nNext paragraph.') == []


def test_apostrophe_is_not_a_single_quote():
    assert _inner("Isn\u2019t it the ministry\u2019s plan?") == []


def test_paragraph_opened_with_closing_mark_is_a_quote():
    text = "Getty.\n\n”We are not going anywhere. This is our home.” ― Ana Ruiz"
    assert _inner(text) == [("We are not going anywhere. This is our home.", True)]


def test_closing_mark_inside_a_paragraph_opens_nothing():
    assert _inner("He said it ”twice” there.") == []


def test_two_digit_year_mark_opens_no_quote():
    text = "The mayor said in \u201808 that taxes would fall. \u201cWe did it,\u201d she said."
    assert _inner(text) == [("We did it", True)]


def test_apostrophe_inside_a_word_does_not_close_a_single_quote():
    text = "They chanted \u2018We think Obama\u2019s plan is good\u2019 all night."
    assert _inner(text) == [("We think Obama\u2019s plan is good", True)]
