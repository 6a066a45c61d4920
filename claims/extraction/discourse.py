"""What the speaker stage needs to know about the whole article, gathered while it is parsed.

The rules parse only sentences that may hold a report; a zero subject ("Řekl, že…") often
refers to a person named in a sentence that was not parsed ("Premiér Petr Fiala zdražení
obhajoval."). Names in those sentences are found from capitalisation, and simplemma tells a
sentence-initial common word ("Premiér") from a name ("Petr").
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

import simplemma
from spacy.tokens import Doc, Token

from .kinds import WordClasses, common_word, word_classes
from .lexicon import load_lexicon
from .registry import MentionWord
from .results import Span
from .rules import Candidate, inflected_name
from .sources import citation, medium_adjective, mentions_of

_CAPITAL = r"[A-ZÁČĎÉĚÍŇÓŘŠŤÚŮÝŽ]"
_NAME_RUN = re.compile(
    rf"{_CAPITAL}[^\W\d_]+(?:-{_CAPITAL}?[^\W\d_]+)*(?:[ \u00a0]+{_CAPITAL}[^\W\d_]+(?:-{_CAPITAL}?[^\W\d_]+)*)*"
)
_SENTENCE_START = re.compile(r"(?:[.!?:]\s*|\n)[\s\"„“”«»'(]*$")
_CITE = frozenset(["citovat", "cite", "quote"])
_PRONOUNS = {
    "he": ("person", "Masc"),
    "him": ("person", "Masc"),
    "his": ("person", "Masc"),
    "she": ("person", "Fem"),
    "her": ("person", "Fem"),
    "it": ("thing", ""),
    "its": ("thing", ""),
    "they": ("plural", ""),
    "them": ("plural", ""),
    "their": ("plural", ""),
}


@dataclass(frozen=True)
class Agreement:
    """What a pronoun or a dropped subject says of its antecedent."""

    genders: frozenset[str] = frozenset()  # {"Masc"}, {"Fem", "Neut"}; empty: any
    plural: bool | None = None  # None: unknown
    kind: str = ""  # "person" | "thing" | "plural" (English pronouns); "" unknown
    impersonal: bool = False  # "očekává se", "bylo oznámeno", "it is expected": no one speaks


@dataclass(frozen=True)
class NameForm:
    """A proper name as it appears in the text, without the titles before it."""

    span: Span
    words: tuple[MentionWord, ...]
    role: tuple[str, ...] = ()  # lemmas of the role words just before the name
    parsed: bool = True
    # where something happens ("the line between Reading and London"): a place, never a body
    place: bool = False


@dataclass
class Facts:
    """Per-article observations: names, agreement of cues and pronouns, relaying outlets."""

    lang: str
    names: list[NameForm] = field(default_factory=list)
    parsed: list[Span] = field(default_factory=list)
    agreement: dict[int, Agreement] = field(default_factory=dict)
    via: dict[int, str] = field(default_factory=dict)

    def observe(self, doc: Doc, offset: int, found: Sequence[Candidate]) -> None:
        self.parsed.append((offset, offset + len(doc.text)))
        self.names.extend(_parsed_names(doc, offset, self.lang))
        by_start = {offset + t.idx: t for t in doc}
        for cand in found:
            cue = by_start.get(cand.cue_span[0]) if cand.cue_span else None
            if cue is None:
                continue
            self.agreement[id(cand)] = _agreement(cand, cue, by_start, self.lang)
            _relay(self, cand, cue, offset)

    def all_names(self, text: str, inside_quote: Callable[[int], bool]) -> list[NameForm]:
        """Parsed names plus names found by capitalisation in the sentences not parsed."""
        parsed = sorted(self.parsed)
        starts = [s for s, _ in parsed]

        def in_parsed(pos: int) -> bool:
            i = bisect_right(starts, pos) - 1
            return i >= 0 and pos < parsed[i][1]

        extra = [n for n in _regex_names(text, self.lang) if not in_parsed(n.span[0])]
        names = [n for n in [*self.names, *extra] if not inside_quote(n.span[0])]
        return sorted(names, key=lambda n: n.span)


def _agreement(cand: Candidate, cue: Token, by_start: dict[int, Token], lang: str) -> Agreement:
    """Agreement of the pronoun that is the source, else of the cue verb (Czech pro-drop)."""
    source = None
    if cand.mentions and cand.mentions[0].pronoun:
        source = by_start.get(cand.mentions[0].span[0])
    if source is not None and lang == "en":
        kind, gender = _PRONOUNS.get(source.lower_, ("", ""))
        return Agreement(frozenset([gender]) if gender else frozenset(), kind == "plural", kind)
    token = source if source is not None else cue
    if source is None and (
        _impersonal(cue) or (cue.pos_ == "NOUN" and cue.dep_.startswith("nsubj"))
    ):
        # "Na sítích se šíří tvrzení, že…": a claim noun that is its clause's subject has no
        # holder in the sentence, and none is dropped
        return Agreement(impersonal=True)
    if source is None and lang == "en":
        return Agreement()
    if source is None:
        # "potvrdil" is the participle; "bude tvrdit" / "je přesvědčen" carry it on an aux
        token = next((c for c in cue.children if c.dep_ in ("aux", "cop")), cue)
        if not token.morph.get("Gender", []):
            token = cue
    genders = frozenset(token.morph.get("Gender", []))
    numbers = set(token.morph.get("Number", []))
    plural = None if len(numbers) != 1 else "Plur" in numbers
    return Agreement(genders, plural, "")


def _impersonal(cue: Token) -> bool:
    """A reflexive or periphrastic passive without an agent names no speaker ("Očekává se,
    že…", "Bylo oznámeno, že…", "It is expected that…")."""
    if any(c.dep_ in ("nsubj", "agent", "obl:agent") for c in cue.children):
        return False
    if any(c.dep_ == "expl:pass" for c in cue.children):
        return True
    return "Pass" in cue.morph.get("Voice", []) or (
        cue.tag_ == "VBN" and any(c.dep_ == "auxpass" for c in cue.children)
    )


def _relay(facts: Facts, cand: Candidate, cue: Token, offset: int) -> None:
    """ "cituje TASS nejmenovaný zdroj": the cited source speaks, the outlet relays it;
    "řekl ekonom ČTK" / "told the BBC": the outlet the statement was given to is `via`."""
    classes = word_classes(facts.lang)
    if cue.pos_ == "ADP" and cue.dep_ == "case" and _outlets_source(cand, cue, offset, facts):
        return
    if cue.lemma_.lower() in _CITE:
        obj = next((c for c in cue.children if c.dep_ in ("obj", "dobj")), None)
        subj = next((c for c in cue.children if c.dep_ == "nsubj"), None)
        if obj is not None and subj is not None and _is_media(subj, classes):
            cand.mentions = mentions_of(obj, offset)
            facts.via[id(cand)] = _phrase(subj)
            return
    subj = next((c for c in cue.children if c.dep_ == "nsubj"), None)
    cited = _cited(subj, cue) if subj is not None else None
    if cited is not None and subj is not None and _is_media(subj, classes):
        cand.mentions = mentions_of(cited, offset)
        facts.via[id(cand)] = _phrase(subj)
        return
    for c in cue.children:
        if c.dep_ in ("iobj", "obl", "obl:arg", "dative", "dobj", "obj", "nsubj") and _is_media(
            c, classes
        ):
            if c.dep_ == "nsubj" and not _dative(c):
                continue
            if any(m.span[0] <= offset + c.idx < m.span[1] for m in cand.mentions):
                # the parser took the outlet for the speaker: the other nominative is, if any
                others = [
                    d for d in cue.children if d.dep_ == "nsubj" and d.i != c.i and d.pos_ != "PRON"
                ]
                if not others:
                    return  # "citing Reuters": the outlet is the source itself
                cand.mentions = mentions_of(others[0], offset)
            facts.via[id(cand)] = _phrase(_medium_word(c, classes))
            return
    if subj is not None and facts.lang == "cs":
        # "řekl Pavel Hora České televizi": the parser hung the dative medium on the speaker
        told = [c for c in subj.children if c.dep_ == "nmod" and c.i > subj.i and _dative(c)]
        medium = next((c for c in told if _is_media(c, classes)), None)
        if medium is not None:
            facts.via[id(cand)] = _phrase(_medium_word(medium, classes))


def _outlets_source(cand: Candidate, cue: Token, offset: int, facts: Facts) -> bool:
    """ "podle diplomatických zdrojů agentury Bloomberg": the sources speak, the outlet whose
    sources they are relays them (`via`)."""
    source = cue.head
    if source.lemma_.lower() not in load_lexicon(facts.lang).word_set("relayed_source"):
        return False
    classes = word_classes(facts.lang)
    outlet = next(
        (
            c
            for c in source.children
            if c.dep_ == "nmod" and c.i > source.i and _is_media(c, classes)
        ),
        None,
    )
    if outlet is None or not any(
        m.span[0] <= offset + source.idx < m.span[1] for m in cand.mentions
    ):
        return False
    cand.mentions = mentions_of(source, offset, skip=outlet)
    facts.via[id(cand)] = _phrase(outlet)
    return True


def _cited(subj: Token, cue: Token) -> Token | None:
    """ "Agentura Reuters s odvoláním na dva představitele vlády uvedla": whom the speaker
    cites, on the speaker or on the cue."""
    for holder in (subj, cue):
        for c in holder.children:
            if citation(c):
                # the cited phrase on the citing noun, or (a parse that hangs it on the cue or
                # the speaker) the phrase right after it
                after = [
                    n
                    for n in (*subj.children, *cue.children)
                    if n.left_edge.i == c.right_edge.i + 1
                ]
                return next(
                    (
                        n
                        for n in [*c.children, *after]
                        if n.dep_ in ("nmod", "obl")
                        and any(k.dep_ == "case" and k.lower_ == "na" for k in n.children)
                    ),
                    None,
                )
    return None


def _medium_word(tok: Token, classes: WordClasses) -> Token:
    """ "v rozhovoru pro Hospodářské noviny": the outlet is the medium word the occasion
    holds, not the occasion."""
    if classes.of(MentionWord(tok.text, False, tok.lemma_)) == "media":
        return tok
    return next(
        (
            c
            for c in tok.children
            if c.dep_ in ("flat", "compound", "appos", "nmod")
            and classes.of(MentionWord(c.text, False, c.lemma_)) == "media"
        ),
        tok,
    )


def _dative(tok: Token) -> bool:
    return "Dat" in tok.morph.get("Case", [])


def _is_media(tok: Token, classes: WordClasses) -> bool:
    words = [
        tok,
        *(
            c
            for c in tok.children
            if c.dep_ in ("flat", "compound", "appos", "nmod")
            # "told a news conference": a lower-case compound only says what the event
            # was about ("Fox News", "CBS News" stay outlets)
            and not (c.dep_ == "compound" and c.text.islower() and tok.text.islower())
        ),
    ]
    return any(classes.of(MentionWord(w.text, False, w.lemma_)) == "media" for w in words)


def _phrase(tok: Token) -> str:
    if tok.i > 0 and medium_adjective(tok.doc[tok.i - 1]):
        return f"{tok.doc[tok.i - 1].text} {tok.text}"  # "Hrubeš Českému rozhlasu"
    cited = {t.i for c in tok.children if citation(c) for t in c.subtree}
    # "Mluvčí X serveru Zdravotnický deník řekla": the parser hung the speaker on the medium
    # as its subject and the medium's name beside it
    cited |= {t.i for c in tok.children if c.dep_ == "nsubj" and c.i < tok.i for t in c.subtree}
    beside = [] if any(c.i > tok.i for c in tok.children) else _name_beside(tok)
    toks = [
        t
        for t in [*tok.subtree, *beside]
        if not t.is_punct
        and t.pos_ != "ADP"
        and t.lower_ not in ("the", "a")
        and t.i not in cited  # "Deník The Times s odvoláním na…": the outlet alone
    ]
    names = [
        t
        for t in toks
        if t.pos_ == "PROPN"
        or any(ch.isupper() for ch in t.text[1:])
        or (t.pos_ == "X" and t.text[:1].isupper())  # "Server Politico": a foreign name
    ]
    names = names or _title(toks, tok.sent.start)
    toks = names or toks  # "agentura TASS" relays as "TASS", "serveru iRozhlas.cz" as the name
    return " ".join(t.text for t in toks) if len(toks) <= 6 else tok.text


def _name_beside(tok: Token) -> list[Token]:
    """A medium's capitalised name right after its noun that the parser hung elsewhere
    ("serveru Zdravotnický deník"), up to the verb."""
    doc = tok.doc
    out: list[Token] = []
    k = tok.i + 1
    while k < len(doc) and doc[k].pos_ in ("NOUN", "ADJ", "PROPN", "X"):
        if not out and not doc[k].text[:1].isupper():
            return []
        out.append(doc[k])
        k += 1
    return out


def _title(toks: Sequence[Token], sent_start: int) -> list[Token]:
    """An outlet's name capitalised on its first word only, with the words that run on from
    it ("Lidové noviny"; "serveru Seznam Zprávy, že…" stops before the clause)."""
    first = next((t for t in toks if t.text[:1].isupper() and t.i > sent_start), None)
    if first is None:
        return []
    out = [first]
    for t in toks:
        if t.i == out[-1].i + 1 and t.pos_ in ("NOUN", "ADJ", "PROPN", "X", "NUM"):
            out.append(t)
    return out


def _word(tok: Token) -> MentionWord:
    gender = tok.morph.get("Gender", [])
    return MentionWord(
        tok.text,
        True,
        tok.lemma_,
        (tok.morph.get("Case", []) or [""])[0],
        gender[0] if len(gender) == 1 else "",
        "Plur" in tok.morph.get("Number", []),
        True,
        False,
        tok.pos_,
    )


def _parsed_names(doc: Doc, offset: int, lang: str) -> list[NameForm]:
    classes = word_classes(lang)
    out: list[NameForm] = []
    run: list[Token] = []
    after_name = False  # the run follows another name: the title before that one is not its
    for tok in [*doc, None]:
        joined = (
            tok is not None
            and run
            and not run[-1].whitespace_
            and ("-" in (tok.text, run[-1].text) or run[-1].text == "-")
        )
        name = bool(
            tok is not None
            and (tok.pos_ == "PROPN" or joined or _unknown_capitalised(tok, lang))
            and (classes.of(tok.text) not in ("role", "time") or _role_as_surname(tok, run, lang))
        )
        if name and tok is not None and medium_adjective(tok):
            name = False  # "řekl Hrubeš Českému rozhlasu": the medium's adjective
        split = name and tok is not None and _case_break(run, tok)
        if tok is not None and name and not split:
            run.append(tok)
            continue
        while run and run[-1].text == "-":
            run.pop()
        if run:
            first = run[0].i
            before = []
            # "napsal ministr na Twitteru": a name a preposition governs is not the titled one
            governed = first > 0 and doc[first - 1].pos_ == "ADP"
            for t in reversed(
                doc[max(0, first - 8) : first] if not (after_name or governed) else []
            ):
                if t.pos_ in ("VERB", "AUX") or (t.is_punct and t.text != "-"):
                    break
                if t.pos_ in ("NOUN", "ADJ", "PROPN"):
                    before.append(t.lemma_.lower())
            if not before:
                before = _appositive_role(run, lang)
            words = tuple(_word(t) for t in run)
            span = (offset + run[0].idx, offset + run[-1].idx + len(run[-1].text))
            out.append(NameForm(span, words, tuple(before), place=_located(run, lang)))
        after_name = bool(split)
        run = [tok] if split and tok is not None else []
    return out


def _appositive_role(run: Sequence[Token], lang: str) -> list[str]:
    """ "The union's leader, Mick Lynch, said": a name in apposition to a role noun before
    it holds that role (its lemma and its modifiers'), so "the union's leader said" later is
    the same person."""
    inside = {t.i for t in run}
    root = next((t for t in run if t.head.i not in inside), None)
    if root is None or root.dep_ != "appos":
        return []
    head = root.head
    if head.i > run[0].i or head.pos_ != "NOUN" or word_classes(lang).of(head.lemma_) != "role":
        return []
    return [
        t.lemma_.lower()
        for t in head.subtree
        if t.i <= head.i and t.pos_ in ("NOUN", "ADJ", "PROPN")
    ]


_OBLIQUE = frozenset(["Gen", "Dat", "Acc", "Loc", "Ins"])


def _case_break(run: Sequence[Token], tok: Token) -> bool:
    """ "Podle státního zástupce Pavla Čermáka Holub předložil…": a Czech name in the
    nominative right after a first name and surname inflected in one oblique case starts
    another person's name. Only one of the same gender: the tagger reads a woman's first name
    ("primátorka Olomouce Jana Nováková") as a man's genitive."""
    if tok.doc.lang_ != "cs" or not run or tok.morph.get("Case", []) != ["Nom"]:
        return False
    if tok.text.lower() != tok.lemma_.lower():
        return False  # an inflected form the tagger read as a nominative
    if len(run) < 2:
        return False  # "hejtman Olomouce Petr Novák": a place's name, not a person's
    cases = [t.morph.get("Case", []) for t in run[-2:]]
    if not (len(cases[0]) == 1 and cases[0][0] in _OBLIQUE and cases[0] == cases[1]):
        return False
    if not inflected_name(run[-1]):
        return False  # "Andrej Babiš": the name before shows no ending
    return run[-1].morph.get("Gender", []) == tok.morph.get("Gender", [])


def _located(run: Sequence[Token], lang: str) -> bool:
    """A name that says where ("the line between Reading and London", "a plant near
    Portsmouth"): the object of a place's preposition (`place_preposition`), or a name joined
    to one by "and"."""
    inside = {t.i for t in run}
    root = next((t for t in run if t.head.i not in inside or t.head.i == t.i), run[0])
    while root.dep_ == "conj" and root.head.i != root.i:
        root = root.head
    return root.dep_ == "pobj" and root.head.lower_ in load_lexicon(lang).word_set(
        "place_preposition"
    )


def first_name_before(before: MentionWord | str, lang: str) -> bool:
    """ "Kevin King", "Angus King": a role word ("King") right after a word that is no common
    word, role, body or place (a first name) is a surname. English only: Czech and English
    titles alike stand before the name ("King Charles")."""
    text = before if isinstance(before, str) else before.text
    return lang == "en" and word_classes(lang).of(before) == "" and not common_word(text, lang)


def _role_as_surname(tok: Token, run: Sequence[Token], lang: str) -> bool:
    """A capitalised role word closing a run of names after a first name, not before another
    name: "Kevin King" (`first_name_before`)."""
    doc = tok.doc
    after = doc[tok.i + 1] if tok.i + 1 < len(doc) else None
    return (
        bool(run)
        and tok.text[:1].isupper()
        and (after is None or not after.text[:1].isupper())
        and first_name_before(run[-1].text, lang)
    )


def _unknown_capitalised(tok: Token, lang: str) -> bool:
    """ "Stanjura naopak prosazuje": a surname the tagger took for a common noun; capitalised,
    and no word the lemmatiser knows."""
    return (
        tok.pos_ == "NOUN"
        and tok.text[:1].isupper()
        and not tok.text.isupper()
        and not simplemma.is_known(tok.lower_, lang=lang)
        and not common_word(tok.text, lang)
    )


def _regex_names(text: str, lang: str) -> list[NameForm]:
    classes = word_classes(lang)
    out = []
    for m in _NAME_RUN.finditer(text):
        tokens = [(t.start() + m.start(), t.group()) for t in re.finditer(r"\S+", m.group())]
        if (
            _opens_sentence(text, m.start())
            and common_word(tokens[0][1], lang)
            # "Harbour Capital bought…": a business's name, not a common word before "Capital"
            and not (len(tokens) == 2 and classes.firm_named([t for _, t in tokens]))
        ):
            tokens = tokens[1:]
        # "President Joe Biden": the name is what follows the last title
        titles = [
            i
            for i, (_, t) in enumerate(tokens)
            if classes.of(t) in ("role", "time")
            # "Kevin King": a role word closing the run after a first name is the surname
            and not (i == len(tokens) - 1 and i > 0 and first_name_before(tokens[i - 1][1], lang))
        ]
        if titles:
            tokens = tokens[titles[-1] + 1 :]
        if not tokens:
            continue
        start, end = tokens[0][0], tokens[-1][0] + len(tokens[-1][1])
        words = tuple(MentionWord(t, True, t, "", _gender(t, lang), False, True) for _, t in tokens)
        # a person introduced in full ("Mikuláš Bek"), not a body's first word ("Evropské")
        role = _role_before(text, start, lang) if len(tokens) > 1 else ()
        out.append(NameForm((start, end), words, role, parsed=False))
    return out


# The words of the same phrase before a name: no punctuation or line break between them.
_PHRASE_BEFORE = re.compile(r"(?:[^\W\d_]+[ \u00a0]+){1,6}$")


def _role_before(text: str, start: int, lang: str) -> tuple[str, ...]:
    """ "Ministr školství Mikuláš Bek škrty hájí": in a sentence no rule parsed, the lemmas of
    the title before a name, from its role word on ("ministr", "školství"), as the parsed pass
    keeps them, so that "uvedl ministr" later finds the person introduced with the role."""
    m = _PHRASE_BEFORE.search(text, max(0, start - 80), start)
    if m is None:
        return ()
    words = m.group().split()
    classes = word_classes(lang)
    first = next((i for i, w in enumerate(words) if classes.of(w) == "role"), None)
    if first is None:
        return ()
    return tuple(str(simplemma.lemmatize(w.lower(), lang=lang)) for w in words[first:])


def _opens_sentence(text: str, pos: int) -> bool:
    """Only the few characters before pos are read: slicing the text up to pos for every
    name made a 5 MB article quadratic."""
    before = text[max(0, pos - 12) : pos]
    if pos <= 12 and not before.strip(" \t\"„“”«»'("):
        return True
    return bool(_SENTENCE_START.search(before))


def _gender(surname: str, lang: str) -> str:
    if lang != "cs":
        return ""
    low = surname.lower()
    return "Fem" if low.endswith(("ová", "ská", "cká", "á")) else "Masc"
