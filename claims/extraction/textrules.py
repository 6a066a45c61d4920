"""Attributions visible without a parse: "NAME: text" speaker labels and "“…” ― Name" bylines.

Transcripts and headlines introduce the speaker with a colon at the start of a paragraph
("PENCE: Well, look…", "Putin: Nic takového"); reader-comment pieces sign quotes with a dash.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from .kinds import role_stem, word_classes
from .quotes import QuoteIndex
from .registry import MentionWord
from .rules import Candidate
from .segment import paragraphs
from .sources import Mention

_UPPER = "A-ZÁČĎÉĚÍŇÓŘŠŤÚŮÝŽ"
_NAME_WORD = rf"[{_UPPER}][\w.\u2019'-]*"
_SPEAKER = re.compile(
    # A quoted transcript opens each paragraph with a quote mark: "WALLACE: Let's start…
    rf"(?:[\"“„]\s*)?(?P<name>{_NAME_WORD}(?:\s+{_NAME_WORD}){{0,3}})(?P<colon>:)[ \t]+(?P<rest>\S)"
)
# A headline led by a role: "Ministr financí: …", "Trenér Sparty: …" (the role's words need
# no capitals; `_role_named_again` decides).
_ROLE_LABEL = re.compile(
    rf"(?P<name>{_NAME_WORD}(?:\s+[\w.’'-]+){{0,3}})(?P<colon>:)[ \t]+(?P<rest>\S)"
)
# A headline whose speaker is followed by an audience, place or topic, or preceded by a
# section tag: "Clinton to Planned Parenthood: …", "Mukasey at RNC: …", "CNN President On
# Trump: …", "EXCLUSIVE – Roger Stone: …". The name stops before the preposition.
_PREPOSITION = r"(?:to|at|on|in|To|At|On|In)\b"
_HEADLINE_NAME = rf"(?P<name>{_NAME_WORD}(?:\s+(?!{_PREPOSITION}){_NAME_WORD}){{0,3}})"
_ADDRESSED = re.compile(
    rf"{_HEADLINE_NAME}\s+{_PREPOSITION}[^:\n]{{1,60}}?(?P<colon>:)[ \t]+(?P<rest>\S)"
)
_TAGGED = re.compile(
    rf"(?P<tag>[\w’' ]{{2,20}}?)\s*[–—-]\s*{_HEADLINE_NAME}(?P<colon>:)[ \t]+(?P<rest>\S)"
)
_QUOTE_START = re.compile('["„“”«\u201a\u2018]')
_DASH_NAME = re.compile(
    r"[ \t\u00a0]*(?P<dash>[―—\u2013])[ \t\u00a0]*(?P<name>[A-ZÁČĎÉĚÍŇÓŘŠŤÚŮÝŽ][^\n,.;:()]{1,60})"
)
# "“…”\n\n- Maria Lopez, Dayton.": the byline alone in the paragraph after the one the quotation
# closes (no dash closing it: "– Ready to quiz Trump –." is a section heading)
_DASH_LINE = re.compile(
    r"[ \t\u00a0]*\n\s*(?P<dash>[―—\u2013-])[ \t\u00a0]*(?P<name>[A-ZÁČĎÉĚÍŇÓŘŠŤÚŮÝŽ][^\n,.;:()―—\u2013-]{1,60})"
    r"(?:,[^\n―—\u2013-]{0,80})?\.?[ \t\u00a0]*(?:\n|$)"
)
MAX_SPEAKER_PARAGRAPH = 3000
# Editorial labels that look like a transcript speaker ("CORRECTION: The first sentence…").
_NOT_SPEAKERS = frozenset(
    {
        "clarification", "correction", "update", "updated", "note", "editor's note",
        "editor’s note", "abstract", "full text", "summary", "breaking", "watch", "read more",
        "related", "photo", "video", "source", "sources", "oprava", "aktualizace", "foto", "zdroj",
        # headline labels: a live blog, a genre or a section, not a party
        "the latest", "latest", "live", "analysis", "opinion", "exclusive", "explainer",
        "fact check", "factcheck", "interview", "review", "komentář", "analýza", "glosa",
        "rozhovor", "online", "živě", "názor", "exkluzivně", "podcast", "přehled",
    }
)  # fmt: skip


def _mention(text: str, start: int, end: int) -> Mention:
    words = [MentionWord(w, w[:1].isupper()) for w in text[start:end].split()]
    return Mention((start, end), [words])


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while end > start and (text[end - 1].isspace() or text[end - 1] in ".,;"):
        end -= 1
    return start, end


def _is_speaker_label(m: re.Match[str], text: str, first: bool) -> bool:
    """ "PENCE: Well…" (transcript), "Putin: „…“" (quote) or a headline "Pat Caddell: …";
    not a team line-up "Slavia: Stejskal - Kozel" in running text."""
    name = m.group("name")
    if name.casefold() in _NOT_SPEAKERS:
        return False
    if name.isupper() and len(name) > 2:
        return True
    if _QUOTE_START.match(text, m.start("rest")):
        return True
    # A headline "Pat Caddell: Voters Worried…", "Fiala: Vláda daně nezvýší" states what the
    # article reports the name said; "Truce: …" or "Poll: …" is the editor's label. The
    # difference: the article goes on to name the party (capitalised, in any case).
    return first and (
        _named_again(text, m.end("colon"), name) or _role_named_again(text, m.end("colon"), name)
    )


def _named_again(text: str, after: int, name: str) -> bool:
    """Whether the last word of `name` recurs as a capitalised word after the headline:
    whole for an English name, its stem for a Czech one ("Fiala" → "Fialy", "Fialovi")."""
    last = name.split()[-1].rstrip(".")
    if len(last) < 3:
        return False
    stem = re.escape(last if len(last) <= 4 else last[: max(4, len(last) - 2)])
    body = text[text.find("\n", after) + 1 :] if "\n" in text[after:] else ""
    return re.search(rf"(?<![\w]){stem}\w{{0,4}}\b", body) is not None


def _role_named_again(text: str, after: int, label: str) -> bool:
    """A headline led by a role, "Ministr financí: Rozpočet skončí přebytkem", when the
    article names someone with that role ("řekl ministr financí Zbyněk Stanjura"): the
    role's words in order, in any case, then a capitalised name."""
    words = label.split()
    if not any(word_classes(lang).is_role(words[0].lower()) for lang in ("cs", "en")):
        return False
    stems = r"\s+".join(re.escape(role_stem(w)) + r"\w{0,4}" for w in words)
    body = text[text.find("\n", after) + 1 :] if "\n" in text[after:] else ""
    return re.search(rf"(?<!\w)(?i:{stems})\s+[{_UPPER}]", body) is not None


def _headline_label(text: str, start: int, end: int) -> re.Match[str] | None:
    """The speaker of a headline that `_SPEAKER` does not read: a role ("Ministr financí:
    …"), a name before its audience, place or topic ("Clinton to Planned Parenthood: …",
    "Mukasey at RNC: …") or after a section tag ("EXCLUSIVE – Roger Stone: …"). Only when the
    article names the party again."""
    m = _ROLE_LABEL.match(text, start, end)
    if m is not None and _role_named_again(text, m.end("colon"), m.group("name")):
        return m
    m = _ADDRESSED.match(text, start, end) or _TAGGED.match(text, start, end)
    if m is None or not _proper_named_again(text, m.end("colon"), m.group("name")):
        return None
    if "tag" in m.groupdict() and m.group("tag").strip().casefold() not in _NOT_SPEAKERS:
        return None
    return m


def _proper_named_again(text: str, after: int, name: str) -> bool:
    """`_named_again`, for a name that the article never writes in lower case: "Fire at
    Factory: …" is a label when the story goes on about the fire."""
    last = name.split()[-1].rstrip(".")
    body = text[after:]
    return _named_again(text, after, name) and not re.search(
        rf"(?<![\w]){re.escape(last.lower())}\b", body
    )


# A clause closing a labelled line that answers it: "Energetici: Zima bez výpadků není jistá,
# stát to popírá". A few words, the pronoun "to" and a verb, nothing after. (An English
# headline label is rarely read; "…, unions dispute it" was left alone.)
_ANSWER = re.compile(
    r"[,;]\s+(?:[^\W\d_][\w.-]*\s+){1,4}?(?:to|tohle|toto)\s+[^\W\d_]+\s*[.!]?\s*$"
)


def _before_answer(text: str, start: int, end: int) -> int:
    """Where a headline's statement ends when a clause answering it closes the line."""
    m = _ANSWER.search(text, start, end)
    return m.start() if m is not None else end


def text_candidates(text: str, index: QuoteIndex) -> Iterator[Candidate]:
    quotes = index.quotes
    first = next(iter(paragraphs(text)), (0, 0))[0]
    for p_start, p_end in paragraphs(text):
        if p_end - p_start > MAX_SPEAKER_PARAGRAPH:
            continue
        m = _headline_label(text, p_start, p_end) if p_start == first else None
        if m is None:
            m = _SPEAKER.match(text, p_start, p_end)
            if m is None or not _is_speaker_label(m, text, first=p_start == first):
                continue
        name_s, name_e = m.span("name")
        content = _trim(text, m.start("rest"), _before_answer(text, m.start("rest"), p_end))
        if content[1] - content[0] < 8:
            continue
        quote = index.inside(content)
        yield Candidate(
            content,
            m.span("colon"),
            "asserts",
            [_mention(text, name_s, name_e)],
            "colon",
            quote=quote,
            confidence=0.5,
        )
    for q in quotes:
        if not q.speech:
            continue
        m = _DASH_NAME.match(text, q.end) or _DASH_LINE.match(text, q.end)
        if m is None:
            continue
        name_s, name_e = _trim(text, *m.span("name"))
        yield Candidate(
            q.inner,
            m.span("dash"),
            "asserts",
            [_mention(text, name_s, name_e)],
            "colon",
            quote=q,
            confidence=0.6,
        )
