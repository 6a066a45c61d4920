"""Document-level repairs of contents, once every sentence has its candidates."""

from __future__ import annotations

import re
from collections.abc import Sequence

from .lexicon import Lexicon
from .quotes import QuoteIndex
from .rules import Candidate
from .segment import paragraphs, sentences

_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?")


def unmarked_speech(
    text: str, candidates: Sequence[Candidate], lex: Lexicon, quotes: QuoteIndex
) -> None:
    """ "We waited long enough. Our members cannot pay the rent, the union leader said.":
    speech printed without quotation marks runs back from a trailing attribution ("…, X
    said") over the sentences of its paragraph told in the first person (a reporter does
    not write "we"), up to a quotation or a sentence that reports something of its own. The
    content of such a candidate is widened in place."""
    if not lex.uses("unmarked_speech"):
        return
    person = lex.word_set("first_person")
    taken = [c.content for c in candidates] + [c.cue_span for c in candidates if c.cue_span]
    for cand in candidates:
        cue = cand.cue_span
        if (
            cand.origin != "verb"
            or cand.quote is not None
            or cand.anaphoric
            or cue is None
            or cand.content[1] > cue[0]
        ):
            continue
        run = _sentences_before(text, cand.content, lex.lang)
        if not run or not _first_person(text, cand.content, person):
            continue  # a columnist writes "I" too, but not in what another person says
        start = cand.content[0]
        for s, e in reversed(run):
            if (
                _marked(text, s, e, quotes)
                or any(a < e and s < b for a, b in taken)
                or not _first_person(text, (s, e), person)
            ):
                break
            start = s
        cand.content = (start, cand.content[1])


def _sentences_before(
    text: str, content: tuple[int, int], lang: str
) -> list[tuple[int, int]] | None:
    """The sentences of the paragraph before the one where content starts, if content
    starts that sentence; else None."""
    for p_start, p_end in paragraphs(text):
        if not p_start <= content[0] < p_end:
            continue
        before: list[tuple[int, int]] = []
        for s, e in sentences(text, p_start, p_end, lang):
            if s <= content[0] < e:
                return before if not text[s : content[0]].strip(" \t\"'“”„") else None
            before.append((s, e))
    return None


def _marked(text: str, start: int, end: int, quotes: QuoteIndex) -> bool:
    """Does a quotation mark or a quotation touch text[start:end]?"""
    return quotes.within((start, end)) is not None or any(
        quotes.covering(p) for p in (start, end - 1)
    )


def _first_person(text: str, span: tuple[int, int], person: frozenset[str]) -> bool:
    return any(w.lower() in person for w in _WORD.findall(text[span[0] : span[1]]))
