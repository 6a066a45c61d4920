"""Tokenizer repairs in `pipeline.get_nlp`: the text users paste is not always well spaced."""

import pytest

from claims.extraction import extract
from claims.extraction.pipeline import get_nlp


@pytest.mark.parametrize(
    ("lang", "text", "tokens"),
    [
        ("en", "Ruiz said,“Look, it works.”", ["said", ",", "“", "Look"]),
        ("en", 'She wrote:"We stay."', ["wrote", ":", '"', "We"]),
        ("cs", "Starosta řekl:„Nevím.“", ["řekl", ":", "„", "Nevím"]),
    ],
)
def test_quotation_mark_glued_to_punctuation_is_its_own_token(lang, text, tokens):
    words = [t.text for t in get_nlp(lang)(text)]
    start = words.index(tokens[0])
    assert words[start : start + len(tokens)] == tokens


def test_decimal_comma_and_plain_quotes_stay_as_they_were():
    assert [t.text for t in get_nlp("cs")("Růst byl 3,5 procenta.")][2] == "3,5"


@pytest.mark.parametrize(
    ("lang", "text", "content", "speaker"),
    [
        (
            "en",
            "Mayor Ana Ruiz said,“Look, the bridge will reopen in May.”",
            "Look, the bridge will reopen in May.",
            "Ana Ruiz",
        ),
        (
            "cs",
            "Starosta Jan Novák řekl:„Most otevřeme v květnu.“",
            "Most otevřeme v květnu.",
            "Jan Novák",
        ),
    ],
)
def test_glued_quotation_is_reported(lang, text, content, speaker, registry):
    claims = extract(text, language=lang, registry=registry).claims
    assert [(c.text, [a.actor for a in c.attributions]) for c in claims] == [(content, [speaker])]
