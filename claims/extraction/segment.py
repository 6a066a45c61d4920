"""Paragraph and sentence segmentation with character offsets.

cs_core_news_sm never predicts sentence boundaries, so both languages are split here with rules;
spaCy then parses one sentence per Doc, which also bounds memory on huge inputs.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from .kinds import common_word
from .results import Span

MAX_SENTENCE_CHARS = 1500

# A wire dateline opening the story: "LONDON (Reuters) - ", "New York (AFP) – ",
# "LONDON, Nov 28 (Reuters) - ", "WASHINGTON -- ", "Praha - ", "BRNO (ČTK) – ", or
# "(Reuters) - " when "ORLANDO, Fla." was cut off as a sentence; ČTK's "BRNO 28. listopadu
# (ČTK) - " writes the date as a day and a month's genitive.
_CAPITALISED = r"[A-ZÁČĎÉĚÍŇÓŘŠŤÚŮÝŽ][\w.'’/-]*"
_CZECH_MONTH = (
    r"(?:ledna|února|března|dubna|května|června|července|srpna|září|října|listopadu|prosince)"
)
DATELINE = re.compile(
    rf"(?:{_CAPITALISED}(?:[ ,]+(?:{_CAPITALISED}|\d{{1,4}}\.?|{_CZECH_MONTH})){{0,5}}\s*)?"
    r"(?:\([^()\n]{1,30}\)\s*)?(?:--?|–|—)\s+"
)

_PARAGRAPH = re.compile(r"[^\n]+")
# A boundary candidate: terminal punctuation, optional closing quotes/brackets, whitespace, then
# something that can start a sentence (capital, digit, opening quote or dash).
_BOUNDARY = re.compile(
    r"(?P<end>[.!?…]+[\"'”“»\u2019\u2018)\]]*)(?P<gap>\s+)(?=[\"'„“\u201a\u2018«(\[\u2013—-]?\s?[^\W\d_a-z\u0430-\u044fěščřžýáíéúůďťň]|\d)",
)
_ABBREVIATIONS = {
    "cs": frozenset(
        [
            "např",
            "tzv",
            "mj",
            "resp",
            "tj",
            "tzn",
            "cca",
            "apod",
            "popř",
            "čj",
            "č",
            "st",
            "sv",
            "odst",
            "písm",
            "min",
            "mil",
            "mld",
            "tis",
            "ing",
            "mudr",
            "judr",
            "phdr",
            "rndr",
            "mgr",
            "bc",
            "doc",
            "prof",
            "dr",
            "gen",
            "plk",
            "pplk",
            "mjr",
            "kpt",
            "por",
            "npor",
            "ppor",
            "hod",
            "str",
            "obr",
            "kč",
            "vč",
            "aj",
            "mr",
            "ms",
            "mrs",
            "pí",
            "sr",
            "jr",
        ]
    ),
    "en": frozenset(
        [
            "mr",
            "mrs",
            "ms",
            "dr",
            "prof",
            "sen",
            "rep",
            "gov",
            "gen",
            "lt",
            "col",
            "sgt",
            "capt",
            "cmdr",
            "adm",
            "st",
            "jr",
            "sr",
            "inc",
            "corp",
            "ltd",
            "co",
            "vs",
            "etc",
            "jan",
            "feb",
            "mar",
            "apr",
            "jun",
            "jul",
            "aug",
            "sep",
            "sept",
            "oct",
            "nov",
            "dec",
            "fig",
            "u.s",
            "u.k",
            "e.g",
            "i.e",
            "mt",
            "ft",
            "rev",
            "hon",
            "pres",
            "supt",
            "det",
            "insp",
            "messrs",
        ]
    ),
}


def paragraphs(text: str) -> Iterator[Span]:
    for m in _PARAGRAPH.finditer(text):
        if m.group().strip():
            yield m.start(), m.end()


# The words before the network X's name: "na síti X.", "on X."
_NETWORK_WORDS = frozenset("síti sítí síť platformě on via".split())


def _is_abbreviation(text: str, dot: int, lang: str) -> bool:
    if text[dot] != ".":
        return False
    start = dot
    while start > 0 and (text[start - 1].isalpha() or text[start - 1] == "."):
        start -= 1
    word = text[start:dot].lower()
    if len(word) == 1 and word.isalpha():
        # Initials ("R. Malečka", "George W. Bush") are never sentence ends in news copy,
        # but the network X is ("napsal na síti X.", "wrote on X.")
        before = text[max(0, start - 24) : start].split()
        if word == "x" and before and before[-1].lower() in _NETWORK_WORDS:
            return False
        return not _letter_closes_name(before[-1] if before else "", text, dot, lang)
    return word in _ABBREVIATIONS.get(lang, frozenset())


def _letter_closes_name(before: str, text: str, dot: int, lang: str) -> bool:
    """ "řekl Deníku N. Podobně to vidí…", "a Plan B. The council…": a letter after a
    capitalised common word closes a name (a paper, a plan), not a first name's initial,
    when a capitalised common word opens what follows ("Podobně", "The"; after "Tomáš G."
    or "Mark W." comes a surname)."""
    after = text[dot + 1 : dot + 32].split()
    return (
        bool(after)
        and before[:1].isupper()
        and before.isalpha()
        and common_word(before, lang)
        and after[0][:1].isupper()
        and after[0].isalpha()
        and common_word(after[0], lang)
    )


def _split_long(text: str, start: int, end: int) -> Iterator[Span]:
    """Text without punctuation (lists, scraped menus) is cut at whitespace to keep parses cheap."""
    while end - start > MAX_SENTENCE_CHARS:
        cut = text.rfind(" ", start, start + MAX_SENTENCE_CHARS)
        if cut <= start:
            cut = start + MAX_SENTENCE_CHARS
        yield start, cut
        start = cut
    if text[start:end].strip():
        yield start, end


_HEADLINE_CLAUSE = re.compile(r";\s+")


def is_headline(text: str, start: int, end: int) -> bool:
    """Whether text[start:end] is a headline: a line that ends without a stop."""
    return not text[start:end].rstrip().endswith(tuple(_STATEMENT_END + _QUOTE_MARKS))


def sentences(text: str, start: int, end: int, lang: str) -> Iterator[Span]:
    """Sentences of text[start:end], trimmed of surrounding whitespace. A headline (a line
    without a final stop) splits at its semicolons: "Ukraine says it downed 40 drones; Russia
    claims gains" is two statements."""
    if is_headline(text, start, end):
        pos = start
        for m in _HEADLINE_CLAUSE.finditer(text, start, end):
            yield from _trimmed(text, pos, m.start() + 1)
            pos = m.end()
        if pos > start:
            yield from _trimmed(text, pos, end)
            return
    pos = start
    for m in _BOUNDARY.finditer(text, start, end):
        if _is_abbreviation(text, m.start("end"), lang):
            continue
        cut = m.end("end")
        yield from _trimmed(text, pos, cut)
        pos = m.end("gap")
    yield from _trimmed(text, pos, end)


def _trimmed(text: str, start: int, end: int) -> Iterator[Span]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if start < end:
        yield from _split_long(text, start, end)


# A sentence this short after a statement usually goes on with it ("Únosce byl jeden a
# cestující ho zneškodnili na palubě. Převzala si ho policie. Potvrdil to …").
_SHORT_SENTENCE = 40
_STATEMENT_END = ".!?…"
_QUOTE_MARKS = "\"'„“”«»‚‘’"


def preceding_statement(text: str, pos: int, lang: str, *, join_short: bool = True) -> Span | None:
    """What "to"/"it" in the sentence at pos refers to: the sentence before it, or the
    previous paragraph when the sentence opens its paragraph ("…zaměstná v něm 3000 lidí.
    ⏎ V nedělním pořadu to řekl ministr …"). A headline (no final stop) is no statement.
    A short sentence joins the one before it, unless `join_short` is off (a denial denies
    the one statement before it: "Severní Korea dodává Rusku granáty. Kreml to popřel.")."""
    paras = list(paragraphs(text))
    here = next((k for k, (s, e) in enumerate(paras) if s <= pos < e), None)
    if here is None:
        return None
    p_start, p_end = paras[here]
    sents = list(sentences(text, p_start, p_end, lang))
    k = next((k for k, (s, e) in enumerate(sents) if s <= pos < e), 0)
    if k > 0:
        start, end = sents[k - 1]
        if join_short and end - start < _SHORT_SENTENCE and k > 1:
            start = sents[k - 2][0]
    elif here > 0:
        start, end = paras[here - 1]
        if text[start:end].rstrip(_QUOTE_MARKS + " ")[-1:] not in _STATEMENT_END:
            return None
    else:
        return None
    return _strip_statement(text, start, end)


def _strip_statement(text: str, start: int, end: int) -> Span | None:
    while start < end and (text[start] in _QUOTE_MARKS or text[start].isspace()):
        start += 1
    while end > start and (
        text[end - 1] in _QUOTE_MARKS + _STATEMENT_END or text[end - 1].isspace()
    ):
        end -= 1
    return (start, end) if end > start else None
