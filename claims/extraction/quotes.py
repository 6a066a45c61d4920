"""Quotation pairing over the whole text.

Traps: Czech opens with „ (U+201E) and closes with “ (U+201C), which is the English *opening*
mark; straight quotes only toggle; a quote that runs over several paragraphs re-opens each
paragraph without closing the previous one; an apostrophe (U+2019) is not a closing single quote.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass

from .results import Span

_CLOSERS = {"„": "“”", "“": '”"', "\u201a": "\u2018\u2019", "«": "»", "»": "«", '"': '"”'}
# Single U+2018 opens only after a space/start: inside words it is an apostrophe.
_SINGLE_OPEN = {"\u2018": "\u2019"}
# ...nor before a two-digit year: "in ‘08", "the ‘90s" elide the century.
_ELIDED_YEAR = re.compile(r"\u2018\d\d(?!\d)")
_SPEECH_END = re.compile(r"[.!?…,:;]\s*$")
_MAX_QUOTE_CHARS = 6000
# An opening mark after a sentence's end whose quotation runs to the paragraph's end in whole
# sentences (at least four words).
_UNCLOSED_SPEECH = re.compile(r"(?<=[.!?] )[“„]\S+(?: \S+){3,}[^\n]*[.!?]\s*$")
_TWO_APOSTROPHES = "''"
_TWO_RIGHT_SINGLE = "\u2019\u2019"


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


def _make(text: str, start: int, end: int, width: int = 1, close: int | None = None) -> Quote:
    inner_s, inner_e = start + width, end - (width if close is None else close)
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
        if ch == "'" and text.startswith(_TWO_APOSTROPHES, i):
            # Two apostrophes are a double quote in some wire copy (''Like this.'').
            if open_at < 0:
                open_at, opener, closers = i, _TWO_APOSTROPHES, ""
            elif opener == _TWO_APOSTROPHES:
                quotes.append(_make(text, open_at, i + 2, width=2))
                open_at = -1
            i += 2
            continue
        if open_at >= 0:
            if opener == "\u201c" and text.startswith(_TWO_RIGHT_SINGLE, i):
                # “Like this,’’ in some wire copy: two right single marks close a double one.
                quotes.append(_make(text, open_at, i + 2, close=2))
                open_at = -1
                i += 2
                continue
            if opener == "\u2018" and ch == "\u2019" and _inside_word(text, i):
                pass  # ‘We think Obama’s good’: the apostrophe inside a word closes nothing
            elif ch in closers or (
                # “It's unusual,“ said X: an opening mark typed for the closing one after
                # the quotation's last punctuation.
                opener == "\u201c"
                and ch == "\u201c"
                and text[i - 1] in ",.!?"
                and (i + 1 == n or text[i + 1].isspace())
            ):
                quotes.append(_make(text, open_at, i + 1))
                open_at = -1
            elif ch == "\n":
                j = i
                while j < n and text[j].isspace():
                    j += 1
                # Continued quotation: the next paragraph re-opens with the same mark.
                if (j < n and text[j] == opener) or (j < n and opener in "“„" and text[j] in "“„"):
                    i = j
                else:
                    # Unbalanced: the rest of the paragraph is the quotation when it reads as
                    # speech that was left unclosed (“A,” said X. “B. C.¶He continued, …);
                    # anything else is dropped rather than swallowing the rest.
                    if opener in "“„" and _UNCLOSED_SPEECH.search(text, open_at, i):
                        quotes.append(_make(text, open_at, i))
                    open_at = -1
            elif i - open_at > _MAX_QUOTE_CHARS:
                open_at = -1
        elif ch == "\u201d" and (i == 0 or text[i - 1] == "\n") and text[i + 1 : i + 2].isalnum():
            # Some sites open a paragraph-long quotation with the closing mark (”Like this.”).
            open_at, opener, closers = i, ch, '\u201d\u201c"'
        elif ch in _CLOSERS or (
            ch in _SINGLE_OPEN
            and (i == 0 or not text[i - 1].isalnum())
            and not _ELIDED_YEAR.match(text, i)
        ):
            if ch == "»" and (i + 1 >= n or text[i + 1].isspace()):
                i += 1
                continue
            open_at, opener = i, ch
            closers = _CLOSERS.get(ch) or _SINGLE_OPEN[ch]
        i += 1
    return quotes


def _inside_word(text: str, i: int) -> bool:
    return 0 < i < len(text) - 1 and text[i - 1].isalpha() and text[i + 1].isalpha()


class QuoteIndex:
    def __init__(self, quotes: list[Quote]) -> None:
        self.quotes = quotes
        self.starts = [q.start for q in quotes]
        self.ends = [q.end for q in quotes]

    def before(self, pos: int) -> Quote | None:
        """The last quote closing at or before pos."""
        i = bisect_right(self.ends, pos) - 1
        return self.quotes[i] if i >= 0 else None

    def after(self, pos: int) -> Quote | None:
        i = bisect_left(self.starts, pos)
        return self.quotes[i] if i < len(self.quotes) else None

    def inside(self, span: Span) -> Quote | None:
        """A speech quote that makes up most of span (the clause *is* the quotation)."""
        i = bisect_right(self.starts, span[1]) - 1
        while i >= 0 and self.quotes[i].end > span[0]:
            q = self.quotes[i]
            overlap = min(q.inner[1], span[1]) - max(q.inner[0], span[0])
            if q.speech and overlap > 0.8 * (span[1] - span[0]):
                return q
            i -= 1
        return None

    def containing(self, pos: int) -> Quote | None:
        """The quote whose marks enclose pos (quotes never overlap)."""
        i = bisect_right(self.starts, pos) - 1
        return self.quotes[i] if i >= 0 and pos < self.quotes[i].end else None

    def covering(self, pos: int) -> bool:
        """Is pos inside a speech quote? Cue words there are the speaker's, not the reporter's."""
        q = self.containing(pos)
        return q is not None and q.speech and q.inner[0] <= pos < q.inner[1]

    def running_on(self, span: Span, text: str) -> Quote | None:
        """A speech quote opened inside span that goes on after it, words and not only its
        closing punctuation, in the same paragraph: the clause ended at a sentence's stop
        inside the quotation (said that “A. B.”)."""
        i = bisect_right(self.starts, span[1] - 1) - 1
        while i >= 0 and self.quotes[i].start >= span[0]:
            q = self.quotes[i]
            rest = text[span[1] : q.end]
            if q.speech and "\n" not in rest and any(c.isalnum() for c in rest):
                return q
            i -= 1
        return None

    def within(self, span: Span) -> Quote | None:
        """A speech quote lying inside span (a mixed quote in a paraphrase)."""
        i = bisect_left(self.starts, span[0])
        while i < len(self.quotes) and self.quotes[i].start < span[1]:
            q = self.quotes[i]
            if q.end <= span[1] + 1 and q.words >= 2:
                return q
            i += 1
        return None
