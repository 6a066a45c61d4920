"""What of a record is matched: the text recipe shared by the index, the queries and the product."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping

_URL = re.compile(r"(?:https?:\s*//|pic\.twitter\.com/|www\.)\S*", re.IGNORECASE)
_SPACE = re.compile(r"\s+")
_HASHTAG = re.compile(r"#(\w+)")
# Where a camel-case or digit boundary splits a hashtag's words: "AustralianFires2020".
_WORD_BOUNDARY = re.compile(r"(?<=[a-z])(?=[A-Z])|(?<=[A-Za-z])(?=\d)")
_NON_WORD = re.compile(r"[\W_]+")
# Keys that identify or label a record rather than state anything.
NON_TEXT_KEYS = frozenset({"id", "relevant", "lang", "language", "url", "date"})


def clean(text: str) -> str:
    """Links carry no claim and only add noise tokens to a 512-token model; a hashtag's words
    are words ("#AustralianFires" → "Australian Fires"), which the model reads as the claim's
    own (CLEF-2020 train MAP@5 0.909 → 0.913, docs/matching.md)."""
    text = _HASHTAG.sub(lambda tag: _WORD_BOUNDARY.sub(" ", tag.group(1)), _URL.sub(" ", text))
    return _SPACE.sub(" ", text).strip()


def index_text(record: Mapping[str, object]) -> str:
    """The text of an index line: "text" first, then every other string field ("title", …)."""
    parts = [str(record.get("text") or "")]
    parts += [
        value
        for key, value in record.items()
        if key != "text" and key not in NON_TEXT_KEYS and isinstance(value, str) and value
    ]
    return clean("\n".join(p for p in parts if p))


def query_text(record: Mapping[str, object]) -> str:
    return index_text(record)


def fold(text: str) -> str:
    """Lower case without diacritics: "Česko" and "cesko" are one token for BM25 and guards."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def same_text_key(text: str) -> str:
    """Equal for texts that differ only in case, diacritics, quotes, punctuation and spacing."""
    return _NON_WORD.sub(" ", fold(text)).strip()
