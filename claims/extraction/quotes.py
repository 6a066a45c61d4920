"""Quotation pairing over the whole text.

Traps: Czech opens with „ (U+201E) and closes with “ (U+201C), which is the English *opening*
mark; straight quotes only toggle; a quote that runs over several paragraphs re-opens each
paragraph without closing the previous one; an apostrophe (’) is not a closing single quote.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .types import Span

_CLOSERS = {"„": "“”", "“": "”", "‚": "‘’", "«": "»", "»": "«", '"': '"'}
# Single ‘ opens only after a space/start: inside words it is an apostrophe.
_SINGLE_OPEN = {"‘": "’"}
_SPEECH_END = re.compile(r"[.!?…,:;]\s*$")
_MAX_QUOTE_CHARS = 6000


@dataclass(frozen=True)
class Quote:
    start: int  # index of the opening mark
    end: int  # index just after the closing mark
    inner: Span  # content without the marks
    words: int
    speech: bool  # False for scare quotes such as „bondovce“

    @property
    def span(self) -> Span:
        return (self.start, self.end)


def _make(text: str, start: int, end: int) -> Quote:
    inner_s, inner_e = start + 1, end - 1
    while inner_s < inner_e and text[inner_s].isspace():
        inner_s += 1
    while inner_e > inner_s and text[inner_e - 1].isspace():
        inner_e -= 1
    body = text[inner_s:inner_e]
    words = len(body.split())
    # A scare quote is a short label without its own punctuation; speech is longer or ends
    # the way a quoted sentence ends ("no," / "Never!").
    speech = words >= 4 or (words >= 1 and bool(_SPEECH_END.search(body)))
    while inner_e > inner_s and text[inner_e - 1] in ",:;":
        inner_e -= 1
    return Quote(start, end, (inner_s, inner_e), words, speech)


def find_quotes(text: str) -> list[Quote]:
    quotes: list[Quote] = []
    open_at = -1
    closers = ""
    opener = ""
    i, n = 0, len(text)
    while i < n:
        ch = text[i]
        if open_at >= 0:
            if ch in closers:
                quotes.append(_make(text, open_at, i + 1))
                open_at = -1
            elif ch == "\n":
                j = i
                while j < n and text[j].isspace():
                    j += 1
                # Continued quotation: the next paragraph re-opens with the same mark.
                if j < n and text[j] == opener:
                    i = j
                elif j < n and opener in "“„" and text[j] in "“„":
                    i = j
                else:
                    open_at = -1  # unbalanced: drop rather than swallow the rest
            elif i - open_at > _MAX_QUOTE_CHARS:
                open_at = -1
        elif ch in _CLOSERS or (ch in _SINGLE_OPEN and (i == 0 or not text[i - 1].isalnum())):
            if ch == "»" and (i + 1 >= n or text[i + 1].isspace()):
                i += 1
                continue
            open_at, opener = i, ch
            closers = _CLOSERS.get(ch) or _SINGLE_OPEN[ch]
        i += 1
    return quotes
