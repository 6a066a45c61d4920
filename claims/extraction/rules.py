"""Candidate attributions in one parsed sentence: verb cues, noun cues, according-to phrases.

Every rule works on the dependency parse of a single sentence; quotations come from the
whole-text pass in quotes.py because a quote may span several sentences or paragraphs.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from spacy.tokens import Doc, MorphAnalysis, Token

from .kinds import word_classes
from .lexicon import NEGATED_STANCE, Cue, Lexicon, caveat_pattern, word_lemma
from .quotes import Quote, QuoteIndex
from .results import Span
from .segment import DATELINE
from .sources import (
    OCCASIONS,
    Mention,
    _word,
    accusative,
    body_apposition,
    mentions_of,
    past_setting,
    subject_of,
)
from .sources import RELATIVE as _RELATIVE
from .verbs import VerbCase, constructions_for, publisher_of, with_to

# A quotation before its cue: the speaker between may carry a long description ("Will Moy,
# chief executive of the London-based fact-checking website Full Fact, told"); 120 characters
# instead of 60 left PolNeAR dev unchanged.
_GAP_BEFORE = re.compile(r"^[ \t,\u2013—-]*[^\s.!?\"„“”«»]?[^.!?\n\"„“”«»]{0,120}$")
# The attribution between two parts of one quotation may contain abbreviations ("Rep.") and a
# long description of the speaker (250 characters scored better than 100 on PolNeAR).
_GAP_CONTINUED = re.compile(r"^[^!?\"„“”«»\n:]{0,250}[.,][ \t\u00a0]*$")
# "Sen. Dianne Feinstein of California, the ranking Democrat on the committee, who said",
# "Nicky Driscoll, 24, from Manchester, who said": an apposition between commas may come
# between the name and its relative pronoun (not a clause: "Bloomberg pegged him at $2.9
# billion, which").
_RELATIVE_GAP = re.compile(
    r"^(?:[,\s\u2013—-]*(?:[A-Z][\w.' -]{0,40},\s*)?|\s*,[^\n!?;:()\"„“”«»]{1,120}?,\s*)"
    r"(?P<rel>who|which|that|který|která|které|kteří|jenž|jež)\b(?!-)"
)
# “A,” he said, but “B.” / “A,” Jordan said, and still “B”: one statement in two quotations.
_GAP_JOINED = re.compile(r"^[^.!?\"„“”«»\n:,]{0,120},[ \t]*(?:and|but)\b[^.!?\"„“”«»\n:,]{0,12}$")
# After a reported clause: its sentence's end, then the next sentence or paragraph.
_QUOTE_FOLLOWS_GAP = re.compile(r"[.!?][ \t\u00a0]*\n?\n?[ \t\u00a0]*")
# A word of the reported clause before a quotation in it (not its subordinator).
_LEAD_WORD = re.compile(r"(?i)\b(?!that\b|že\b)[^\W\d_]{2,}|\b[^\W\d_]\b(?!')")
_NEW_SENTENCE = re.compile(r"[a-z]{3,}[.!?]\s+[A-Z]")
_TRAILING_DEPS = frozenset({"advcl", "ccomp", "prep", "npadvmod", "punct", "dep", "oprd"})
_RESUMED = re.compile(r"^[^.!?\"„“”«»\n]{0,80},[ \t]*$")
_TITLE = re.compile(
    r"\b(Mr|Mrs|Ms|Dr|Sen|Rep|Gov|Gen|Lt|Col|Capt|Maj|Adm|Cmdr|Cpl|Sgt|St|Jr|Sr|Prof|Rev|Dist|Atty|Inc|Corp|Co|Ltd"
    r"|Jan|Feb|Aug|Sept|Sep|Oct|Nov|Dec|Ala|Ariz|Ark|Calif|Colo|Conn|Del|Fla|Ga|Ill|Ind|Kan|Ky|La"
    r"|Md|Mass|Mich|Minn|Miss|Mo|Mont|Neb|Nev|Okla|Ore|Pa|Tenn|Tex|Va|Vt|Wash|Wis|Wyo"
    r"|[A-Z])\."
)


def _undot(gap: str) -> str:
    """ "Mr. Autor said", "Sen. Claire McCaskill (D-Mo.) said", "Leonard E. Burman said": the
    period of a title, a state or an initial does not end the sentence."""
    return _TITLE.sub(lambda m: m.group(1) + " ", gap)


_ADJUNCT_PREPS = frozenset(
    "during since after before amid throughout following until despite".split()
)
_SETTING_PREPS = frozenset("in on at over through via".split())
# When, or in which medium: a day or a time, or an occasion ("in early-morning tweets").
_SETTINGS = OCCASIONS | frozenset(
    "monday tuesday wednesday thursday friday saturday sunday january february march april may "
    "june july august september october november december year week month day morning night "
    "evening afternoon weekend time twitter facebook remark ruling diatribe debate email "
    "television radio campaign trail".split()
)


def _to_closing_quote(toks: Sequence[Token]) -> Token:
    """ "podpoří Ukrajinu „tak dlouho, jak bude třeba“": a quotation opened inside the clause
    is part of it to its closing mark, which the parser may have hung outside the clause; so is
    a lower-case one right after the clause that ends the sentence."""
    last = toks[-1]
    opened = sum(t.text == "„" for t in toks) - sum(t.text == "“" for t in toks)
    doc = last.doc
    nxt = last.i + 1
    if (
        opened == 0
        and nxt + 1 < len(doc)
        and doc[nxt].text == "„"
        and doc[nxt + 1].text[:1].islower()
    ):
        # "opraví most „tak rychle, jak bude možné“.": a lower-case quotation right after
        # the clause finishes it when the sentence ends with it
        close = next((t for t in doc[nxt + 1 : nxt + 14] if t.text in ("“", "„")), None)
        if close is not None and close.text == "“":
            rest = doc[close.i + 1 :]
            if all(t.is_punct and t.text in ".!?" for t in rest):
                return close
        return last
    if opened != 1:
        return last
    for t in doc[last.i + 1 : last.i + 13]:
        if t.text == "“":
            return t
        if t.text in (".", "!", "?", "„") or t.is_sent_start:
            return last
    return last


def _in_prepositional(tok: Token) -> bool:
    """ "řekl v Bruselu", "napsal na Instagramu": a name governed by a preposition (its own or
    its phrase head's) says where, and cannot be the subject after the cue."""
    head = tok.head if tok.dep_ == "flat" and tok.head.i < tok.i else tok
    return any(c.dep_ == "case" and c.pos_ == "ADP" for c in head.children)


_THAT_FRAME = Cue("", "asserts", "verb", "c")
_SEEN_AS = Cue("", "asserts", "verb", "o", report="belief")
_MADE_CASE = Cue("", "asserts", "noun", "c")
# what makes a verb after a quotation an act of its own, not the quotation's cue
_OWN_OBJECT_DEPS = frozenset(("dobj", "obj", "ccomp", "xcomp", "attr", "acomp", "dative"))
_QUOTE_MARKS = "\"'”’“‘»« "
# "Clinton: “…”", "-More from Jones: “…”", "From the report: “…”"
_COLON_LABEL = re.compile(
    r"^\s*(?:(?:More\s+)?[Ff]rom\s+(?P<doc>the\s+[a-z]+)"
    r"|(?:(?:More\s+)?[Ff]rom\s+)?(?P<who>(?!(?:The|A|An|This|That|These|Those|His|Her|Their|Its"
    r"|Our|My|Your|One|Update|Note|Correction|Editor)\b)[A-Z][\w.'’]*"
    r"(?:\s+(?:and\s+)?[A-Z][\w.'’]*){0,4}))\s*$"
)
# a word right after a quotation: its own attribution follows ("“…?” a reporter asked")
_WORD_AFTER_QUOTE = re.compile(r"^[”’\"']*\s*[a-z]")
_SAY_VERBS = frozenset("say tell add write insist argue claim warn report state note".split())
_MAX_CHAINED = 8  # quotation-only paragraphs that may continue one speech
_CHAIN_GAP = 160  # characters from the quotation (or cue) to the end of its paragraph
_TRAILING = " \t.,!?\"”’'"
_OWN_CUE = re.compile(r"[ \t,\u2013—-]*(?P<words>[^.!?\n\"„“”«»]{1,80})")
_LETTER = re.compile(r"[^\W\d_]")
# What ends a clause before a quotation: "amended his testimony once — “I now recall,” he said".
_CLAUSE_BREAK = re.compile(r"[:;\n()\u2013\u2014]|\s--?\s")
_SENTENCE_END = re.compile(r"[.!?][\"”’']*\s")
_QUOTE_IN_LEAD = re.compile(r"[\"„“”«»]|''")
_GAP_AFTER = re.compile(r"^[^.!?\"„“”«»]{0,80}[:,]\s*$")


@dataclass
class Candidate:
    content: Span
    cue_span: Span | None
    stance: str
    mentions: list[Mention]
    origin: str  # verb | noun | prep | colon
    quote: Quote | None = None
    anaphoric: bool = False
    confidence: float = 0.6
    # What an anaphoric "to"/"this" stands for when no earlier claim is there to attach to:
    # the preceding sentence or paragraph ("Ryby jsou bezpečné. Řekl to ministr …").
    antecedent: Span | None = None
    report_type: str = "speech"
    # An anaphoric object that names what it refers to ("rejected the report"): the content
    # when no earlier claim is there.
    fallback: Span | None = None
    # A denial's "to"/"this": the statement just before it, denied when no claim is made there
    # or after it ("Severní Korea dodává Rusku granáty. Kreml to popřel.").
    statement: Span | None = None
    # "debunked the claim", "denied the allegations": the noun naming what is answered; the
    # claim whose cue is of its family ("claims", "alleged") is the one at issue
    names: str = ""
    # The pieces of a quotation interrupted by its attribution; content spans them all.
    segments: list[Span] | None = None
    # "rejected Orbán's assertion": whose claim the answer names; the claim of that speaker
    # within the window is the one at issue
    owner: str = ""
    # "Informovala o tom agentura Reuters": a medium passing on what was said; on a
    # statement that already has its speaker, it reports it rather than asserting it.
    relay: bool = False
    # "disputed the agency's claim that X": the possessor is a second party to X, kept beside
    # the speaker where a content keeps one report (English)
    party: bool = False


class SentenceRules:
    def __init__(self, text: str, doc: Doc, offset: int, lex: Lexicon, quotes: QuoteIndex) -> None:
        self.text = text
        self.doc = doc
        self.offset = offset
        self.lex = lex
        self.quotes = quotes
        self.out: list[Candidate] = []
        self.shared_subject: dict[int, Token] = {}
        self.report = "speech"  # the report type of the cue being tried
        # The reported clause a phrasal cue found on its own words ("made it clear that X").
        self.phrasal_clause: Token | None = None

    # -- spans -------------------------------------------------------------------------------
    def _tok_span(self, first: Token, last: Token) -> Span:
        return (self.offset + first.idx, self.offset + last.idx + len(last.text))

    def _clause_span(
        self, head: Token, exclude: Token | None = None, cut: tuple[int, int] | None = None
    ) -> Span | None:
        """Subtree of head, minus a dependent (the cue's own subtree) or a token range."""
        if exclude is not None:
            cut = (exclude.left_edge.i, exclude.right_edge.i)
        # spaCy yields a non-projective subtree in tree order ("nižší zadlužení než Rakousko":
        # the comparison hangs on the adjective, after its noun): sort it.
        subtree = sorted(head.subtree, key=lambda t: t.i)
        toks = [t for t in subtree if cut is None or not cut[0] <= t.i <= cut[1]]
        if cut is not None and toks:
            # Keep the side of the clause that holds the head so the span stays contiguous.
            left = [t for t in toks if t.i < cut[0]]
            right = [t for t in toks if t.i > cut[1]]
            predicate = head.pos_ in ("VERB", "AUX") or any(c.dep_ == "cop" for c in head.children)
            # "Or, as Ridge put it, X": a conjunction before the phrase is no part of the clause.
            # "…, protože podle něj systém zkolabuje": nor is the subordinator opening it
            said_left = any(not (t.is_punct or t.pos_ in ("CCONJ", "SCONJ")) for t in left)
            if said_left and self._background(right):
                # "X, the council said, as repairs dragged on": the reporter's background
                toks = left
            elif said_left and any(not t.is_punct for t in right) and predicate:
                # The excluded phrase sits inside the clause ("patří podle Poppera mezi…"):
                # the claim is the whole clause.
                toks = subtree
            else:
                toks = right if head.i > cut[1] and right else left or right
        mark = next(
            (
                k
                for k, t in enumerate(toks)
                if t.dep_ == "mark" and t.head.i == head.i and t.lower_ in self.lex.marks
            ),
            None,
        )
        if (
            mark
            and head.i > toks[mark].i
            and all(t.pos_ in ("ADV", "PART", "PUNCT") for t in toks[:mark])
        ):
            toks = toks[mark:]  # "Zdůraznil také, že…": the cue's adverb before "že" is no content
        while toks and (
            toks[0].is_punct or toks[0].lower_ in self.lex.marks or toks[0].pos_ == "CCONJ"
        ):
            toks = toks[1:]
        while toks and toks[-1].is_punct and toks[-1].text not in '"”“«»':
            toks = toks[:-1]
        if not toks:
            return None
        return self._tok_span(toks[0], _to_closing_quote(toks))

    def _background(self, toks: Sequence[Token]) -> bool:
        """Do these words, after a parenthetical cue, open the reporter's background ("as
        fighting went on", "amid fears of…") rather than go on with
        what was said?"""
        words = [t for t in toks if not t.is_punct]
        return (
            bool(words)
            and words[0].lower_ in self.lex.word_set("background_mark")
            # "as" a subordinator ("citing X as his guilty pleasure" is no background)
            and words[0].dep_ == ("mark" if words[0].lower_ == "as" else "prep")
            # "…, KING-TV reported, while in Chicago X, the Sun-Times reported": a report
            # of its own closes it, and the parser hangs the first report on that cue
            and not (
                words[-1].lower_ in self.lex.word_set("tail_cue")
                and any(
                    c.dep_ == "nsubj" and c.left_edge.i > 0 and c.doc[c.left_edge.i - 1].text == ","
                    for c in words[-1].children
                )
            )
        )

    def _object_span(self, verb: Token, obj: Token) -> Span | None:
        """The object with its following arguments ("ocenil X za podporu Y"), stopping before
        a relative clause, which is a claim of its own."""
        last = obj.right_edge
        for c in sorted(verb.children, key=lambda t: t.i):
            if c.i <= obj.i or c.dep_ in ("punct", "cc", "conj", "parataxis"):
                continue
            if c.dep_ == "advcl" and not (_as_predicate(c) or self._noun_infinitive(c, last)):
                continue
            if c.lower_ in self.lex.preps or c.lemma_.lower() in self.lex.preps:
                break  # "compared it to a root canal, according to his memoir": another report
            if self.lex.uses("setting_adjuncts") and _adjunct(c):
                if not any(d.i > c.i and _object_predicate(d) for d in verb.children):
                    break  # "attacked Machado in early-morning tweets": when and where, not what
                # "called that report Friday a lie", "criticized the mayor on Monday for
                # vetoing the bill": the predicate or the reason still follows
                continue
            last = max(last, c.right_edge, key=lambda t: t.i)
        if self.lex.uses("coordinated_object"):
            last = self._coordinated_object(verb, last)
        toks = list(self.doc[obj.left_edge.i : last.i + 1])
        for k, t in enumerate(toks[:-1]):
            nxt = toks[k + 1]
            if t.text == "," and nxt.is_quote and k + 2 < len(toks):
                nxt = toks[k + 2]  # "as “Spanish,” which is…": the comma inside the quotation
            if t.text == "," and nxt.lower_ in _RELATIVE:
                toks = toks[:k]
                break
        while toks and toks[-1].is_punct:
            toks.pop()
        return self._tok_span(toks[0], toks[-1]) if toks else None

    def _noun_infinitive(self, clause: Token, last: Token) -> bool:
        """ "repeated his call to raise the wage": an infinitive right after the object
        completes the noun (the parser hangs it on the verb)."""
        return (
            self.lex.uses("noun_infinitive")
            and clause.left_edge.i == last.i + 1
            and clause.left_edge.dep_ == "aux"
            and clause.left_edge.lower_ == "to"
            and last.pos_ == "NOUN"
        )

    def _coordinated_object(self, verb: Token, last: Token) -> Token:
        """ "began by emphasizing tax fairness, and a need to repair the roads": the parser
        hung the second object on a verb above the cue; a noun coordinated right after the
        object, on the cue or the verbs it hangs from, goes on with it."""
        heads = [verb]
        while len(heads) < 3 and heads[-1].head.i != heads[-1].i:
            heads.append(heads[-1].head)
        for head in heads:
            for c in head.children:
                if c.dep_ != "conj" or c.pos_ not in ("NOUN", "PROPN") or c.i <= last.i:
                    continue
                gap = self.doc[last.i + 1 : c.left_edge.i]
                if 0 < len(gap) <= 2 and all(t.is_punct or t.dep_ == "cc" for t in gap):
                    return c.right_edge
        return last

    def _cue_span(self, tok: Token) -> Span:
        first = last = tok
        for c in tok.children:
            # Keep the reflexive ("rozčiloval se") and the preposition ("se slibem") in the cue.
            if abs(c.i - tok.i) == 1 and (
                c.dep_ in ("expl:pv", "case", "prt") or c.lower_ in ("se", "si")
            ):
                first, last = (c, last) if c.i < tok.i else (first, c)
        return self._tok_span(first, last)

    def _adjacent_quote(self, cue: Span, subj: Token | None = None) -> Quote | None:
        q = self.quotes.before(cue[0])
        gap = self.text[q.end : cue[0]] if q is not None else ""
        reach = cue[0]
        subject = (cue[0], cue[0])
        if q is not None and subj is not None:
            s, e = self._tok_span(_phrase_edge(subj), subj.right_edge)
            if q.end <= s and e <= cue[0]:
                # “…,” Jane Roe, who served as chief of staff under two presidents, told X:
                # the speaker's description is no distance from the quotation.
                gap = self.text[q.end : s] + "X" + self.text[e : cue[0]]
                reach, subject = s, (s, e)
        if (
            q is not None
            and q.speech
            and _GAP_BEFORE.match(_undot(gap))
            # "“…,” he said after prosecutors read the charges": the nearer report has it
            and not self._report_between(q.end, reach, with_subject=True)
            and not self._new_sentence_after(q, cue, subject)
        ):
            return q
        q = self.quotes.after(cue[1])
        if (
            q is not None
            and q.speech
            and _GAP_AFTER.match(_undot(self.text[cue[1] : q.start]))
            and not self._report_between(cue[1], q.start)
        ):
            return q
        return None

    def _new_sentence_after(self, quote: Quote, cue: Span, subject: Span) -> bool:
        """ "“We checked it twice.” The repairs start in May, the city said": a quotation that
        closes its own sentence, followed by a clause with a verb of its own before the cue,
        is not what that cue reports."""
        if self.text[quote.inner[1] - 1 : quote.inner[1]] not in (".", "!", "?"):
            return False
        return any(
            quote.end <= self.offset + t.idx < cue[0]
            and not subject[0] <= self.offset + t.idx < subject[1]
            and t.pos_ in ("VERB", "AUX")
            for t in self.doc
        )

    def _quote_in_clause(self, quote: Quote, cue: Span, subj: Token | None) -> Span | None:
        """The clause before a postposed cue when the quotation next to the cue is only a piece
        of it (words of the sentence before the quotation, or between it and the speaker);
        None when the quotation is the whole statement."""
        if not self.lex.uses("quote_in_clause") or quote.end > cue[0]:
            return None
        start = self.offset + self.doc[0].idx
        end = quote.end
        speaker = cue[0]
        edge = _phrase_edge(subj) if subj is not None else None
        if edge is not None and quote.end <= self.offset + edge.idx < cue[0]:
            speaker = self.offset + edge.idx
            k = edge.i - 1
            while k > 0 and self.doc[k].is_punct:
                k -= 1
            end = max(end, self._tok_span(self.doc[k], self.doc[k])[1])
        elif subj is None or self.offset + subj.idx > cue[0]:
            # "… signals “the start” for the region, said Anna Berg": up to the cue.
            end = quote.end + len(self.text[quote.end : cue[0]].rstrip(" \t,\u2013—-"))
        rest = self.text[quote.end : end]
        if (
            _LETTER.search(rest)
            and (len(rest) > 40 or "," in rest)
            and not self._quote_runs_into(quote, rest)
        ):
            return None  # "In his ''memoir,'' published in 2015, he wrote": an apposition
        if not _LETTER.search(rest) and self.text[end:speaker].strip(" ,\u2013—-"):
            return None  # the words between the quotation and the cue are not its clause
        first = self.doc[0]
        if first.pos_ in ("ADP", "SCONJ"):
            # "In the wake of that outbreak, China “improved …,” writes AP": the opening
            # adjunct sets the scene; the clause said starts after its comma.
            comma = next(
                (t for t in self.doc if t.text == "," and self.offset + t.idx < quote.start), None
            )
            if comma is not None:
                start = self.offset + comma.idx + 1
        lead = self.text[start : quote.start]
        if not _LETTER.search(lead + rest):
            return None
        if (
            _CLAUSE_BREAK.search(lead)
            or _SENTENCE_END.search(_undot(lead))
            or self.quotes.after(start) is not quote
            or self._reports_quote(start, quote)
        ):
            return None  # "He said: “…”", another sentence, quotation or report before it
        while start < quote.start and not self.text[start].isalnum():
            start += 1
        return (start if _LETTER.search(lead) else quote.start, end)

    def _quote_runs_into(self, quote: Quote, rest: str) -> bool:
        """ "“We are shocked” by the attack on the school, she said": the clause goes on from
        the closing mark with no comma (inside or after it); the quotation opens it."""
        inner = self.text[quote.start : quote.end].rstrip("\"”’'» ")
        return (
            self.lex.uses("quote_runs_into_clause")
            and quote.start == self.offset + self.doc[0].idx
            and not inner.endswith((",", ".", "!", "?"))
            and rest[:1].isspace()
            and rest.lstrip()[:1].isalpha()
        )

    def _lead_in(self, quote: Quote, cue: Span, subj: Token | None) -> int | None:
        """Where the words of the sentence before a parenthetical attribution start, when the
        attribution is followed by its quotation ("No new name, he said, “hides what it
        is”"); None when the attribution opens the sentence or something else stands
        before it (a quotation, another report, a break)."""
        if (
            not self.lex.uses("lead_in_quote")
            or quote.start < cue[1]
            or not _GAP_AFTER.match(_undot(self.text[cue[1] : quote.start]))
            or ":" in self.text[cue[1] : quote.start]  # "He said: “…”" opens the statement
        ):
            return None
        start = self.offset + self.doc[0].idx
        first = cue[0]
        if subj is not None and self.offset + _phrase_edge(subj).idx < cue[0]:
            first = self.offset + _phrase_edge(subj).idx
            if any(
                t.pos_ == "VERB" and subj.right_edge.i < t.i and self.offset + t.idx < cue[0]
                for t in self.doc
            ):
                return None  # "Trump returned the compliment, telling Reuters, “…”"
        opening = self.text[quote.inner[0] : quote.inner[0] + 1]
        if not opening.islower():
            return None  # "In a statement, she said, “We…”": a sentence of its own
        lead = self.text[start:first]
        if (
            not _LETTER.search(lead)
            or not lead.rstrip().endswith(",")
            or len(lead) > quote.inner[1] - quote.inner[0]
        ):
            return None
        if (
            _CLAUSE_BREAK.search(lead)
            or _SENTENCE_END.search(_undot(lead))
            or _QUOTE_IN_LEAD.search(lead)
            or self._report_between(start, first)
        ):
            return None
        while start < first and not self.text[start].isalnum():
            start += 1
        return start

    def _reports_quote(self, start: int, quote: Quote) -> bool:
        """ "Smith said that “the plan is dead,” adding…": a say-verb, or a cue whose clause
        holds the quotation, before it has reported it already."""
        for t in self.doc:
            if not start <= self.offset + t.idx < quote.start or t.pos_ not in ("VERB", "AUX"):
                continue
            lemma = t.lemma_.lower()
            if lemma in _SAY_VERBS or (
                lemma in self.lex.verbs
                and any(
                    _is_clause(c, self.lex) and c.right_edge.idx + self.offset >= quote.start
                    for c in t.children
                )
            ):
                return True
        return False

    def _report_between(self, start: int, end: int, with_subject: bool = False) -> bool:
        """ "Asked by X to respond, Carson said, “…”": the quotation belongs to the report
        nearer to it. with_subject: only a report with a subject of its own counts ("“…”
        announced in October, said X" leaves the quotation to X)."""
        return any(
            start <= self.offset + t.idx < end
            and t.pos_ in ("VERB", "AUX")
            and t.lemma_.lower() in self.lex.verbs
            and (not with_subject or any(c.dep_ in ("nsubj", "nsubjpass") for c in t.children))
            for t in self.doc
        )

    def _through_parenthetical(self, span: Span, tok: Token, subj: Token | None) -> Span:
        """A content clause before a parenthetical cue goes on after it ("Many visitors were
        older, she said, and …"; "If this fails, Castañeda argues, there are other tools"):
        the claim then runs to the end of the sentence."""
        last = max(tok.i, subj.i if subj is not None and subj.i > tok.i else tok.i)
        doc = self.doc
        if self.lex.uses("postposed_through"):
            # "…, he observed this week, …", "…, her advisers said Friday, …": when the cue
            # was said stays with the cue
            for c in sorted(tok.children, key=lambda t: t.i):
                if c.left_edge.i == last + 1 and _adjunct(c):
                    last = c.right_edge.i
        k = last + 1
        if span[1] > self.offset + tok.idx or k + 1 >= len(doc) or doc[k].text != ",":
            return span
        if subj is not None and subj.i > tok.i and subj.right_edge.i > k:
            return span  # ", said Brian Baker, a longtime adviser": the speaker's apposition
        end = len(doc) - 1
        while end > k and doc[end].is_punct and doc[end].text not in "\"”“»'":
            end -= 1
        after = doc[k + 1]
        if after.lower_ in self.lex.preps and after.right_edge.i >= end:
            return span  # "X, the commission said, according to Reuters": who relays it
        if (
            after.head.i == tok.i
            and after.dep_ == "prep"
            and after.right_edge.i >= end
            and not (self.lex.uses("continued_prep") and after.lower_ in _CONTINUING_PREPS)
        ):
            return span  # "X, the commission said, according to Reuters": the cue's own phrase
        if after.head.i == tok.i and after.dep_ == "advcl" and after.tag_ == "VBG":
            return span  # "X, one official said, speaking on condition of anonymity"
        if self._background(list(doc[k + 1 :])):
            return span  # "X, officials said on Saturday, as Moscow claimed Y": the reporter's
        return (span[0], self.offset + doc[end].idx + len(doc[end].text)) if end > k else span

    def _around_parenthetical(self, content: Span, v: VerbCase) -> list[Span] | None:
        """The pieces of content on either side of its parenthetical attribution (", it
        said,"): from the speaker before the cue (or the cue) to the comma after it."""
        start = v.cue_span[0]
        if v.subj is not None and v.subj.i < v.tok.i:
            start = min(start, self.offset + _phrase_edge(v.subj).idx)
        comma = self.text.find(",", v.cue_span[1], content[1])
        if comma < 0:
            return None
        return _around(self.text, content, (start, comma))

    def _continued(self, quote: Quote, cue: Span) -> tuple[Span, list[Span] | None]:
        """“A,” said X. “B.” is one quotation interrupted by its attribution: span both parts,
        which are its segments. Paragraphs that are nothing but a quotation go on with the
        same speech."""
        if quote.end > cue[0]:
            return self._chain(quote.inner, quote.end), None
        nxt = self.quotes.after(cue[1])
        titles: list[Quote] = []
        while (
            nxt is not None
            and (not nxt.speech or _title_quote(self.text, nxt))
            and nxt.start - cue[1] < 120
        ):
            # “A,” he said on “Meet the Press.” “B.”: a quoted title in the attribution
            titles.append(nxt)
            nxt = self.quotes.after(nxt.end)
        if nxt is not None and nxt.speech:
            gap = _blank_quotes(self.text, cue[1], nxt.start, titles)
            # "“A,” Trump said. He added, “B”": B has an attribution of its own.
            if (_GAP_CONTINUED.match(gap) or _GAP_JOINED.match(gap)) and not _NEW_SENTENCE.search(
                _undot(self.text[cue[0] : nxt.start])
            ):
                span = self._chain((quote.inner[0], nxt.inner[1]), nxt.end)
                if not self._own_attribution(nxt):
                    return span, [_with_punctuation(self.text, quote), (nxt.inner[0], span[1])]
        return self._chain(quote.inner, cue[1]), None

    def _own_attribution(self, quote: Quote) -> bool:
        """ "„A,“ popsal X. „B,“ pokračoval.": a quotation followed by a cue of its own is a
        new report, not the first one resumed."""
        after = _OWN_CUE.match(self.text, quote.end)
        if (
            after is not None
            and self.text[quote.inner[0] : quote.inner[1]].rstrip().endswith(".")
            and after.group("words")[:1].isupper()
        ):
            # "“A,” she said. “B.” She noted…": a sentence closed inside the quotation; the
            # words after it start the next sentence and its own report
            return False
        return after is not None and any(
            # "„B,“ dodala, „C.“": the cue keeps no comma of the interruption
            word_lemma(w.strip(",;:").lower(), self.lex.lang) in self.lex.verbs
            for w in after.group("words").split()[:3]
        )

    def _chain(self, span: Span, pos: int) -> Span:
        text = self.text
        for _ in range(_MAX_CHAINED):
            newline = text.find("\n", pos)
            if newline < 0 or newline - pos > _CHAIN_GAP:
                break
            nxt = self.quotes.after(newline)
            if nxt is None or not nxt.speech or text[newline : nxt.start].strip():
                break
            para_end = text.find("\n", nxt.end)
            rest = text[nxt.end : para_end if para_end >= 0 else len(text)]
            if rest.strip(_TRAILING):
                break  # the paragraph says who speaks: its own attribution
            span, pos = (span[0], nxt.inner[1]), nxt.end
        return span

    def _through_relative(self, mention: Mention, cue: Span, source: Token) -> Mention:
        """ "Mr. Kamin, who emphasized…" / "his wife, Laura, who spoke of…": the surface
        source runs to the relative pronoun, so it covers both the name and the word that is
        the cue's grammatical subject."""
        pronoun = self._relative_subject(source, cue)
        if pronoun is not None:
            end = self.offset + pronoun.idx + len(pronoun)
            m = _RELATIVE_GAP.match(self.text[mention.span[1] : end])
            if m is not None and mention.span[1] + m.end("rel") == end:
                return Mention((mention.span[0], end), mention.variants, mention.pronoun)
        gap = self.text[mention.span[1] : cue[0]]
        m = _RELATIVE_GAP.match(gap)
        rest = gap[m.end("rel") :] if m is not None else ""
        if m is None or "," in rest or len(rest.split()) > 2:
            # "one broker, who asked not to be named, told": the pronoun is another verb's
            # subject; the cue's own subject is the noun
            return mention
        return Mention(
            (mention.span[0], mention.span[1] + m.end("rel")), mention.variants, mention.pronoun
        )

    def _relative_subject(self, source: Token, cue: Span) -> Token | None:
        """ "Weaver, who came out and endorsed Clinton", "Ryan, who surprised Trump by
        declaring…": the cue sits deeper in a relative clause on the source whose subject is
        the relative pronoun, with no subject of its own on the way; that pronoun."""
        tok = next((t for t in self.doc if self.offset + t.idx == cue[0]), None)
        while tok is not None and tok.head.i != tok.i:
            if tok.dep_ in ("relcl", "acl:relcl") and tok.head.i == source.i:
                return next(
                    (c for c in tok.children if c.dep_ == "nsubj" and c.lower_ in _RELATIVE),
                    None,
                )
            if any(c.dep_ in ("nsubj", "nsubjpass") for c in tok.children):
                return None
            tok = tok.head
        return None

    def _rest_of_relative(self, clause: Token, prep: Token) -> Span | None:
        """The relative clause after its "podle kterého": from the first word after the
        pronoun to the clause's end."""
        pronoun_end = max(t.i for t in prep.head.subtree)
        tokens = [t for t in clause.subtree if t.i > pronoun_end and not t.is_punct]
        if not tokens:
            return None
        return self._tok_span(tokens[0], tokens[-1])

    def _closing_mark(self, content: Span) -> Span:
        """'called the remarks "dangerous"': a quotation opened inside the content closes
        inside it too; the object's span stopped before the closing mark."""
        start, end = content
        text = self.text[start:end]
        # 'which it called "historic."': the sentence's stop may stand inside the quotation
        stop = 1 if self.text[end : end + 1] in (".", "!", "?") else 0
        after = self.text[end + stop : end + stop + 1]
        if (text.count('"') % 2 == 1 and after == '"') or (
            text.count("“") > text.count("”") and after == "”"
        ):
            return start, end + stop + 1
        # 'said that “ethanol people” “do a fantastic job. And it's so important.”': the
        # quotation runs on past the sentence the parse gave; the claim ends where it closes
        # (so in 215 of 219 such PolNeAR train claims).
        running = self.quotes.running_on(content, self.text)
        return (start, running.end) if running is not None else content

    def _without_caveat(self, content: Span) -> Span:
        """The reporter's caveat after what was said is not part of the claim."""
        pattern = caveat_pattern(self.lex.lang)
        found = pattern.search(self.text, content[0], content[1]) if pattern else None
        return (content[0], found.start()) if found is not None else content

    def _emit(
        self,
        content: Span,
        cue: Span,
        stance: str,
        source: Token | None,
        origin: str,
        *,
        skip: Token | None = None,
        confidence: float = 0.6,
        direct: Quote | None = None,
    ) -> bool:
        quote = direct or (self.quotes.inside(content) if origin != "mixed" else None)
        if (
            quote is not None
            and direct is None
            and self.lex.uses("clause_before_quote")
            and _LEAD_WORD.search(self.text[content[0] : quote.start])
        ):
            # "said Trump is “telling his voters what they want”": the clause's own words
            # before the quotation are part of what was said, and the quotation runs on
            content, quote = (content[0], max(content[1], quote.inner[1])), None
        if quote is not None and direct is None:
            content = quote.inner
        if quote is None:
            content = self._closing_mark(self._without_caveat(content))
            content = _without_dangling_conjunction(self.text, content)
            content = _without_trailing_participle(self.text, content)
        mentions = mentions_of(source, self.offset, skip) if source is not None else []
        if source is not None and source.dep_ == "nsubj":
            # Coordinated subjects the parser hung on the verb one by one.
            for other in source.head.children:
                if (
                    other.dep_ == "nsubj"
                    and other.i > source.right_edge.i
                    # "řekl Jaromír Jágr Deníku": the medium told, not a second speaker
                    and word_classes(self.lex.lang).of(other.lemma_) != "media"
                    # "Ministerstvo to popřelo": the object the parser made a subject
                    and not accusative(other)
                ):
                    mentions = _join_adjacent(
                        [*mentions, *mentions_of(other, self.offset)], self.text
                    )
        if mentions and source is not None:
            mentions[-1] = self._through_relative(mentions[-1], cue, source)
        # A "speaker" inside what is said is a parse error ("Doufáme, že Irák...").
        parenthetical = content[0] <= cue[0] < content[1]
        if origin != "prep" and direct is None and not parenthetical:
            mentions = [m for m in mentions if m.span[1] <= content[0] or m.span[0] >= content[1]]
        if (
            not mentions
            and self.lex.uses("speaker_required")
            and cue[0] > self.offset + self.doc[0].idx
        ):
            # English names its speakers; a report without one is mostly a cue word used
            # otherwise ("is expected to", "showing"): 1 in 5 right on PolNeAR train. Kept
            # when it opens the sentence ("Asked whether…", the questioner unnamed).
            return False
        self.out.append(
            Candidate(
                content,
                cue,
                stance,
                mentions,
                origin,
                quote,
                confidence=confidence,
                report_type=self.report,
            )
        )
        return True

    # -- rules -------------------------------------------------------------------------------
    def run(self) -> list[Candidate]:
        lex = self.lex
        if lex.uses("copula_clause"):
            self._copula_clauses()
        for tok in self.doc:
            lemma = tok.lemma_.lower()
            # "Doufáme, že…" inside reported speech is the quoted speaker's own verb.
            if _first_or_second_person(tok) and (
                tok.dep_ == "ccomp" or any(c.dep_ == "ccomp" for c in tok.ancestors)
            ):
                continue
            if _discourse_marker(tok):
                continue
            if self.quotes.covering(self.offset + tok.idx):
                continue
            if _unmade_report(tok, lex):
                continue  # "his refusal to say which side…": nothing was said
            self.report = "speech"
            phrasal = self._phrasal(tok)
            if phrasal is not None:
                # "ruled out Taliban involvement": the verb with its particle is the cue
                self.report = phrasal.report
                self._verb(tok, phrasal)
                continue
            if tok.lower_ in lex.word_set("poll_preposition") and tok.pos_ == "ADP":
                # "In a CBS News poll, she led…" (not in the cue table: "in" ends no object)
                self.report = "according_to"
                self._prep(tok)
                continue
            if lemma in lex.word_set("made_case") and self._made_case(tok):
                continue  # "made the case that X", "made the case for X"
            if lemma in lex.word_set("seen_as") and self._seen_as(tok):
                continue  # "sees Cruz as a uniter": the object and what it is seen as
            if lemma not in lex.any and tok.lower_ not in lex.any:
                if self._that_frame(tok):
                    self._verb(tok, _THAT_FRAME)
                continue
            if tok.lower_ in lex.preps or (lemma in lex.preps and tok.pos_ == "ADP"):
                self.report = "according_to"
                self._prep(tok)
            elif (
                tok.pos_ == "VERB"
                and tok.lower_ in lex.adjectives
                and (tok.dep_ == "acomp" or any(c.dep_ == "auxpass" for c in tok.children))
            ):
                # "they are convinced that": the tagger's participle (a predicate or a
                # passive) is the predicative cue, and its subject holds the clause
                self.report = lex.adjectives[tok.lower_].report
                self._noun(tok, lex.adjectives[tok.lower_])
            elif tok.pos_ in ("VERB", "AUX") and lemma in lex.verbs:
                self.report = lex.verbs[lemma].report
                self._verb(tok, lex.verbs[lemma])
            elif tok.pos_ in ("NOUN", "PROPN") and lemma in lex.nouns:
                self.report = lex.nouns[lemma].report
                self._noun(tok, lex.nouns[lemma])
            elif tok.pos_ == "ADJ" and lemma in lex.adjectives:
                self.report = lex.adjectives[lemma].report
                self._noun(tok, lex.adjectives[lemma])
            elif lemma not in lex.verbs and self._that_frame(tok):
                # "made clear that X": a word listed only as the start of a phrasal cue
                # ("make it clear") is still any verb with a that-clause.
                self._verb(tok, _THAT_FRAME)
        if self.lex.uses("postposed_tail"):
            self._postposed_tail()
        if self.lex.uses("colon_quote"):
            self._colon_quote()
        if self.lex.uses("quote_then_verb"):
            self._quote_then_verb()
        return self.out

    def _quote_then_verb(self) -> None:
        """ "“…,” the judge exclaimed.", "“…,” he elaborated, “…”", "“…,” beamed Ann Lee of
        Ohio.": a quotation closed by a comma (or ?/!) and followed by nothing but a subject
        and a verb without an object or clause of its own is that subject's speech, whatever
        the verb."""
        for verb in self.doc:
            if (
                verb.pos_ != "VERB"
                or verb.tag_ not in ("VBD", "VBZ", "VBP")
                or verb.lemma_.lower() in self.lex.verbs
                or self.quotes.covering(self.offset + verb.idx)
            ):
                continue
            subj = next((c for c in verb.children if c.dep_ == "nsubj"), None)
            own = [
                c
                for c in verb.children
                if c.dep_ in _OWN_OBJECT_DEPS and not self.quotes.covering(self.offset + c.idx)
            ]
            if subj is None and len(own) == 1 and own[0].dep_ == "dobj" and own[0].i > verb.i:
                # "“…,” opined the city's largest newspaper": the parser took the inverted
                # subject for the object
                subj, own = own[0], []
            if own:
                continue
            if subj is None or self.quotes.covering(self.offset + subj.idx):
                continue
            first = min(subj.left_edge.i, verb.i)
            if subj.i < verb.i and subj.right_edge.i + 1 != verb.i:
                continue  # "he, meanwhile, …": only the subject between quote and verb
            if subj.i > verb.i and subj.left_edge.i != verb.i + 1:
                continue
            quote = self.quotes.before(self.offset + self.doc[first].idx)
            if quote is None or not quote.speech:
                continue
            gap = self.text[quote.end : self.offset + self.doc[first].idx]
            if gap.strip(" ,") or self.text[quote.start : quote.end].rstrip(_QUOTE_MARKS)[
                -1:
            ] not in (",", "?", "!"):
                continue
            if any(_overlap(c.content, quote.inner) for c in self.out):
                continue
            last = max(verb.i, subj.right_edge.i)
            tail = self.doc[last + 1 :]
            if tail and not (tail[0].is_punct or tail[0].dep_ in ("advmod", "prep", "npadvmod")):
                continue
            span, segments = self._continued(quote, self._tok_span(verb, verb))
            self.report = "speech"
            if self._emit(span, self._tok_span(verb, verb), "asserts", subj, "verb", direct=quote):
                self.out[-1].segments = segments

    def _colon_label(self, colon: Token) -> list[Token] | None:
        """ "Clinton: “…”", "- Philip Bump: “…”", "More from the report: “…”": a short name
        (or "the" and a noun) that opens the sentence or follows a dash and closes with the
        colon is a speaker label."""
        start = self.offset + self.doc[0].idx
        dash = max(
            (
                self.offset + t.idx + len(t.text)
                for t in self.doc[: colon.i]
                if t.text[:1] in "-–—―"
            ),
            default=start,
        )
        words = self.text[dash : self.offset + colon.idx]
        m = _COLON_LABEL.match(words)
        if m is None:
            return None
        first = dash + (m.start("who") if m.group("who") else m.start("doc"))
        label = [t for t in self.doc[: colon.i] if self.offset + t.idx >= first]
        return label or None

    def _colon_quote(self) -> None:
        """ "Rubio fired back: “…”", "he demurred: “…”", "She went on: “…”": a clause closed
        by a colon right before a quotation introduces it whatever its verb; the verb's
        subject speaks. Not when a report already took the quotation, the verb is inside
        another report's clause ("He said he came up with the idea: “…”"), or the subject
        is an expletive or inside a quotation."""
        for colon in self.doc:
            if colon.text != ":" or colon.i == 0:
                continue
            end = self.offset + colon.idx + 1
            quote = self.quotes.after(end)
            if quote is None or not quote.speech or self.text[end : quote.start].strip():
                continue
            if any(_overlap(c.content, quote.inner) for c in self.out):
                continue
            after = self.text[quote.end : quote.end + 40]
            if _WORD_AFTER_QUOTE.match(after):
                continue  # "…: “Is it true?” a reporter asked": the quotation's own speaker
            cue = self._tok_span(colon, colon)
            label = self._colon_label(colon)
            if label is not None:
                span, segments = self._continued(quote, cue)
                self.report = "speech"
                root = next(t for t in label if t.head.i == t.i or t.head not in label)
                if self._emit(span, cue, "asserts", root, "verb", direct=quote):
                    words = [_word(t, root) for t in label]
                    self.out[-1].mentions = [Mention(self._tok_span(label[0], label[-1]), [words])]
                    self.out[-1].segments = segments
                continue
            head = self.doc[colon.i - 1]
            if head.lower_ == "by" or any(
                t.lower_ == "by" for t in head.ancestors if t.i < colon.i
            ):
                continue  # "…," by Times' Ben Sisario: "…": a byline
            verb = head
            while verb.pos_ not in ("VERB", "AUX") and verb.head.i != verb.i:
                verb = verb.head
            if verb.pos_ not in ("VERB", "AUX") or verb.i > colon.i:
                continue
            if any(_has_cue(a, self.lex) for a in verb.ancestors):
                continue
            subj = next((c for c in verb.children if c.dep_ == "nsubj" and c.i < verb.i), None)
            if (
                subj is None
                or subj.lower_ in ("it", "this", "that", "there")
                or self.quotes.covering(self.offset + subj.idx)
            ):
                continue
            span, segments = self._continued(quote, self._tok_span(verb, verb))
            self.report = "speech"
            if self._emit(
                span,
                self._tok_span(verb, verb),
                "asserts",
                subj,
                "verb",
                confidence=0.6,
                direct=quote,
            ):
                self.out[-1].segments = segments

    def _made_case(self, tok: Token) -> bool:
        """ "Rubio made the case that the fight was young", "made a strong case for the
        bill", "also made the point that X": a noun that reports only as the object of
        "make" (word sets `made_case`, `made_case_verb`; "in that case", "the point is"
        are no reports). The verb's subject holds the noun's that-clause or, for "case",
        its "for" object."""
        verb = tok.head
        if (
            tok.pos_ != "NOUN"
            or tok.dep_ != "dobj"
            or verb.pos_ != "VERB"
            or verb.lemma_.lower() not in self.lex.word_set("made_case_verb")
        ):
            return False
        clause = next((c for c in tok.children if c.i > tok.i and _is_clause(c, self.lex)), None)
        span: Span | None = None
        if clause is not None:
            span = self._clause_span(clause)
        elif tok.lemma_.lower() == "case":
            prep = next((c for c in tok.children if c.dep_ == "prep" and c.lower_ == "for"), None)
            obj = (
                next((c for c in prep.children if c.dep_ in ("pobj", "pcomp")), None)
                if prep
                else None
            )
            if prep is not None and obj is not None:
                span = self._object_span(prep, obj)
        if not span:
            return False
        self.report = "speech"
        stance = self._stance(verb, _MADE_CASE)
        return self._emit(span, self._tok_span(verb, tok), stance, self._speaker(verb), "noun")

    def _seen_as(self, tok: Token) -> bool:
        """ "Developers see golf courses as wasted space", "he views Russia as a rival": a
        verb of perceiving (word set `seen_as`) with an object and an "as" phrase after it
        holds a belief about the object; the object with its "as" phrase is the content. The
        verb with an object alone ("we have seen this before") reports nothing."""
        if tok.pos_ != "VERB":
            return False
        obj = next((c for c in tok.children if c.dep_ == "dobj" and c.i > tok.i), None)
        if obj is None or obj.pos_ not in ("NOUN", "PROPN", "PRON"):
            return False
        as_ = next(
            (
                c
                for c in (*tok.children, *obj.children)
                if c.i > obj.i
                and (
                    # "as wasted space"
                    (
                        c.dep_ == "prep"
                        and c.lower_ == "as"
                        and any(g.dep_ in ("pobj", "pcomp") for g in c.children)
                    )
                    # "as most unfair", "as captured by…": a predicate opened by "as"
                    or (
                        c.dep_ in ("advcl", "xcomp", "oprd", "acomp")
                        and c.left_edge.lower_ == "as"
                        and c.left_edge.i > obj.right_edge.i
                    )
                )
            ),
            None,
        )
        if as_ is None:
            return False
        subj = self._speaker(tok)
        if subj is None:
            return False
        first = min(obj.left_edge.i, as_.left_edge.i)
        span = self._tok_span(self.doc[first], as_.right_edge)
        self.report = "belief"
        return self._emit(span, self._cue_span(tok), self._stance(tok, _SEEN_AS), subj, "verb")

    def _copula_clauses(self) -> None:
        """ "She was adamant that X", "Rubio's response was that X": the parser hung the
        clause on the copula; it is what the predicative cue, or the report noun that is the
        copula's subject, holds. The clause is re-hung on the cue, where the noun and
        adjective rules look for it."""
        lex = self.lex
        for be in self.doc:
            if be.lemma_.lower() != "be" or be.pos_ not in ("AUX", "VERB"):
                continue
            clause = next(
                (c for c in be.children if c.dep_ == "ccomp" and c.i > be.i),
                None,
            )
            if clause is None or self.quotes.covering(self.offset + clause.idx):
                continue
            for c in be.children:
                lemma = c.lemma_.lower()
                if c.i > clause.i:
                    continue
                if c.dep_ == "acomp" and (lemma in lex.adjectives or c.lower_ in lex.adjectives):
                    clause.head = c  # "was adamant that", "are convinced that"
                    break
                owner = next((g for g in c.children if g.dep_ in ("poss", "nmod:poss")), None)
                noun = lex.nouns.get(lemma)
                if (
                    c.dep_ == "nsubj"
                    and c.pos_ == "NOUN"
                    and owner is not None
                    and (noun is not None or lemma in lex.word_set("copula_report"))
                ):
                    # "his contention was that", "Rubio's response was that": whose it
                    # is, the possessor says; the noun and the copula are the cue
                    span = self._clause_span(clause)
                    if span:
                        self.report = noun.report if noun is not None else "speech"
                        stance = noun.stance if noun is not None else "asserts"
                        self._emit(span, self._tok_span(c, be), stance, owner, "noun")
                    break

    def _postposed_tail(self) -> None:
        """ "…, campaign finance records show.", "…, the poll found.", "…, CNN reported.": an
        attribution closing the sentence after a comma, which the parser often hangs on the
        content (a relative clause, a compound); read from the words and their tags."""
        doc = self.doc
        k = len(doc) - 1
        while k > 0 and (doc[k].is_space or doc[k].text in ('"', "”", "’")):
            k -= 1
        if k < 4 or doc[k].text != ".":
            return
        verb = doc[k - 1]
        when = doc[k - 1].pos_ in ("PROPN", "NOUN") and doc[k - 3].lower_ in ("on", "last", "this")
        if k >= 4 and when:
            verb = doc[k - 4]  # "…, police said on Sunday."
        cue = self.lex.verbs.get(verb.lemma_.lower())
        if (
            cue is None
            or verb.lower_ not in self.lex.word_set("tail_cue")
            or verb.tag_ not in ("VBD", "VBZ", "VBP")
            or self.quotes.covering(self.offset + verb.idx)
        ):
            return
        cue_span = self._tok_span(verb, verb)
        if any(c.cue_span is not None and _overlap(c.cue_span, cue_span) for c in self.out):
            return  # the rules found it
        comma = verb.i - 1
        while comma > 0 and doc[comma].text != ",":
            comma -= 1
        phrase = doc[comma + 1 : verb.i]
        if not 1 <= len(phrase) <= 8 or not any(t.pos_ in ("NOUN", "PROPN") for t in phrase):
            return
        if any(
            t.pos_ in ("AUX", "PRON", "CCONJ", "SCONJ")
            or (t.pos_ == "VERB" and t.tag_ not in ("VBG", "VBN"))  # "fundraising documents"
            or t.lower_ in _RELATIVE
            for t in phrase
        ):
            return  # "…, an arrangement the campaign has criticized": no speaker phrase
        first = 0
        while first < comma and (doc[first].is_punct or doc[first].pos_ == "CCONJ"):
            first += 1
        content = doc[first:comma]
        if not any(t.pos_ in ("VERB", "AUX") for t in content):
            return  # "Sorry, Sanders said": no clause was said
        head = next(t for t in reversed(phrase) if t.pos_ in ("NOUN", "PROPN"))
        mention = Mention(self._tok_span(phrase[0], phrase[-1]), [[_word(t, head) for t in phrase]])
        self.report = cue.report
        self.out.append(
            Candidate(
                self._tok_span(content[0], content[-1]),
                cue_span,
                cue.stance,
                [mention],
                "verb",
                confidence=0.5,
                report_type=cue.report,
            )
        )

    def _phrasal(self, tok: Token) -> Cue | None:
        """A phrasal verb listed with its particle ("rule out"), which may differ in stance
        from the verb alone."""
        if tok.pos_ != "VERB":
            return None
        lemma = tok.lemma_.lower()
        for c in tok.children:
            if c.dep_ == "prt" and c.i == tok.i + 1:
                return self.lex.verbs.get(f"{lemma} {c.lower_}")
        reflexive = next((c for c in tok.children if c.dep_ == "expl:pv"), None)
        if reflexive is not None:
            # "nechal se slyšet Rulík": the verb, its reflexive and its infinitive are the
            # cue; the infinitive's object is the speaker
            for inf in tok.children:
                cue = self.lex.verbs.get(f"{lemma} {reflexive.lower_} {inf.lemma_.lower()}")
                if inf.dep_ == "xcomp" and cue is not None:
                    speaker = next((c for c in inf.children if c.dep_ in ("obj", "nsubj")), None)
                    if speaker is not None and tok.i not in self.shared_subject:
                        self.shared_subject[tok.i] = speaker
                    return cue
        nxt = self.doc[tok.i + 1] if tok.i + 1 < len(self.doc) else None
        if nxt is None or nxt.lower_ != "it":
            return None
        # "as X put it, …": the verb with its object pronoun is the cue.
        if nxt.head.i == tok.i and (cue := self.lex.verbs.get(f"{lemma} it")) is not None:
            return cue
        # "made it clear that X": the clause hangs on the adjective whose subject is "it".
        adj = nxt.head if nxt.head.head.i == tok.i else None
        if adj is not None and adj.i == tok.i + 2:
            cue = self.lex.verbs.get(f"{lemma} it {adj.lower_}")
            clause = next(
                (c for c in adj.children if c.i > adj.i and _is_clause(c, self.lex)), None
            )
            if cue is not None and clause is None:
                clause = next(
                    (c for c in adj.children if c.i > adj.i and c.dep_ in ("advcl", "ccomp")),
                    None,
                )
            if cue is not None and clause is not None:
                self.phrasal_clause = clause
                return cue
        return None

    def _that_frame(self, tok: Token) -> bool:
        """A verb outside the lexicon with a subject and a that-clause ("Trump has made it
        clear that…", "the report ensures that…"): PolNeAR's long tail of stances."""
        return (
            self.lex.uses("that_frame")
            and tok.pos_ == "VERB"
            and tok.lemma_.lower() not in self.lex.word_set("not_report")
            and any(c.dep_ == "nsubj" for c in tok.children)
            and any(
                c.dep_ == "ccomp"
                and c.i > tok.i
                and any(m.dep_ == "mark" and m.lower_ == "that" for m in c.children)
                for c in tok.children
            )
        )

    def _stance(self, tok: Token, cue: Cue) -> str:
        # Czech negation is the prefix ne-: the tagger's Polarity=Neg on "napsalo" is noise.
        negated = ("Neg" in tok.morph.get("Polarity", []) and tok.lower_.startswith("ne")) or any(
            c.dep_ == "neg" for c in tok.children
        )
        return NEGATED_STANCE.get(cue.stance, cue.stance) if negated else cue.stance

    def _verb(self, tok: Token, cue: Cue) -> None:
        """Try the language's constructions (verbs.py, constructions.tsv) in order."""
        cue_span = self._cue_span(tok)
        clause, self.phrasal_clause = self.phrasal_clause or self._clause(tok), None
        case = VerbCase(tok, cue, cue_span, self._stance(tok, cue), self._speaker(tok), clause)
        negated = case.stance != cue.stance  # before the object's noun or label changes it
        if cue.stance == "asserts":
            case.stance = self._held_stance(case) or case.stance
            if self._labelled_false(case):
                # "označilo to za dezinformaci", "called it a lie": labelling what was said a
                # falsehood denies it ("called that report a lie" keeps the report and its
                # label as the content, as PolNeAR does)
                case.stance = "denies"
        refused = self._infinitive_after(tok, "refusal")
        if refused and self._refused_comment(tok, case.clause):
            # "Bílý dům to odmítl komentovat": a refusal to comment holds nothing it refers to
            return
        if self._refusal_hung_on_comment(tok):
            return
        if (negated or refused) and self._embedded_question(case.clause):
            # "Officials have not said what caused the collapse", "She declined to say whether
            # X": nothing was said, and nothing is denied
            return
        if case.subj is not None and self._nobody(case.subj):
            # "with neither side showing signs of backing down", "Nikdo neuvedl, že…": no one
            # reported anything
            return
        if self._infinitive_after(tok, "intention"):
            # "United are considering recalling Hughes": an act weighed, not a report made
            return
        if self._infinitive_after(tok, "permission"):
            # "who was not authorized to discuss the talks": what one may say, not what was said
            return
        if cue.stance in ("denies", "doubts") and self._reason_given(case):
            # "Tichák to odmítl s tím, že soutěž by projekt zdržela": the clause is the reason
            # he gives, asserted; "to" denies the claim before it
            obj = case.obj
            if (
                obj is not None
                and obj.lower_ in self.lex.anaphors
                and self._emit(cue_span, cue_span, case.stance, case.subj, "verb")
            ):
                self.out[-1].anaphoric = True
            case.stance = "asserts"
        if case.clause is not None and self._resumes_quote(cue_span, case.clause):
            # “A,” X said, “and B.”: the clause after the cue is the quotation resuming.
            case.clause = None
        for construction in constructions_for(self.lex.lang):
            if construction(self, case):
                return

    def _reason_given(self, case: VerbCase) -> bool:
        """Does the reported clause hang on a comitative "tím" ("s tím, že…"): the reason the
        speaker gives for the verb, not what the verb denies?"""
        clause = case.clause
        return (
            clause is not None
            and clause.head.lower_ == "tím"
            and clause.head.head.i == case.tok.i
            and any(k.dep_ == "case" and k.lower_ in ("s", "se") for k in clause.head.children)
        )

    def _refusal_hung_on_comment(self, tok: Token) -> bool:
        """ "Ministerstvo se k verdiktu vyjádřit odmítlo": the parser made the refusal the
        object of the infinitive it refuses; a refused comment reports nothing."""
        head = tok.head
        return (
            tok.lemma_.lower() in self.lex.word_set("refusal")
            and tok.dep_ in ("obj", "dobj", "xcomp", "ccomp")
            and head.i < tok.i
            and head.lemma_.lower() in self.lex.word_set("no_comment")
            and not any(_is_clause(c, self.lex) for c in head.children)
        )

    def _refused_comment(self, tok: Token, clause: Token | None) -> bool:
        """ "Bílý dům to odmítl komentovat": a refused comment on what was said before (no
        clause, no object but the pronoun) reports nothing; "refused to disclose his medical
        records" still has its object."""
        if clause is not None or tok.lemma_.lower() not in self.lex.word_set("no_comment"):
            return False
        objects = [c for c in tok.children if c.dep_ in ("obj", "dobj")]
        return all(o.lower_ in self.lex.anaphors for o in objects)

    def _infinitive_after(self, tok: Token, words: str) -> bool:
        """Is the cue the infinitive (or gerund) complement of a verb of the word set
        ("declined to say", "considering recalling", "not authorized to discuss")?"""
        return tok.dep_ == "xcomp" and tok.head.lemma_.lower() in self.lex.word_set(words)

    def _nobody(self, subj: Token) -> bool:
        """A subject that names no one: "nobody", "neither side", "žádný politik"."""
        nobody = self.lex.word_set("nobody")
        return subj.lower_ in nobody or any(
            c.dep_ == "det" and c.lower_ in nobody for c in subj.children
        )

    def _held_stance(self, case: VerbCase) -> str | None:
        """ "voiced concerns that…", "expressed doubts that…": the object's noun says what the
        speaker holds, when the noun holds what follows it ("made a pledge to…"); "called the
        pledge a fantasy" speaks of someone else's pledge. None when the cue's stance stays."""
        obj = case.obj
        held = self.lex.nouns.get(obj.lemma_.lower()) if obj is not None else None
        if obj is None or held is None or held.stance in ("asserts", "reports"):
            return None
        follows = any(
            c.i > obj.i
            and (
                _is_clause(c, self.lex)
                or c.dep_ in ("acl", "xcomp")
                # "concerns that officials are minimizing…" parsed as a relative clause
                or (c.dep_ == "relcl" and any(m.dep_ == "mark" for m in c.children))
            )
            for c in (*obj.children, *case.tok.children)  # the parser may hang it on the verb
        )
        return held.stance if follows else None

    def _labelled_false(self, case: VerbCase) -> bool:
        """Is what was said labelled a falsehood ("called it a lie", "obvinění označil za
        spekulace": an anaphoric noun, where the language says so)?"""
        obj = case.obj
        labelled = (
            obj is None
            or obj.pos_ in ("PRON", "DET")
            or (self.lex.uses("labelled_anaphor") and obj.lemma_.lower() in self.lex.anaphors)
        )
        return labelled and any(
            c.dep_ in ("oprd", "obl:arg", "obl", "xcomp")
            and c.lemma_.lower() in self.lex.word_set("falsehood")
            for c in case.tok.children
        )

    def _embedded_question(self, clause: Token | None) -> bool:
        """Does the reported clause open with a question word ("what caused…", "co…")?"""
        if clause is None:
            return False
        first = next((t for t in clause.subtree if not t.is_punct), clause)
        return first.lower_ in self.lex.word_set("question_word")

    def _speaker(self, tok: Token) -> Token | None:
        subj = (
            self.shared_subject.get(tok.i)
            or subject_of(tok)
            or self._inverted_object(tok)
            or self._left_subject(tok)
            or self._opening_name(tok)
            or self._inverted_subject(tok)
        )
        subj = _named_apposition(subj) if self.lex.uses("named_apposition") else subj
        if subj is not None and subj.pos_ == "NOUN" and self.report == "evidence":
            subj = publisher_of(subj) or subj
        if subj is not None and self.lex.uses("published_medium"):
            subj = self._publisher(tok, subj) or subj
        if subj is not None and self._expletive(tok, subj):
            return None
        if (
            subj is not None
            and tok.dep_ == "ccomp"
            and subj.i < tok.i
            and any(t.lemma_.lower() == "time" and t.tag_ == "NNS" for t in subj.subtree)
        ):
            # "A video shared thousands of times on Facebook claims…": the parser made the
            # participle the main verb and the count of shares the subject; the speaker is
            # the participle's noun
            subj = subject_of(tok.head) or subj
        if subj is not None and self.lex.uses("dateline"):
            subj = self._past_dateline(tok, subj)
        if (
            subj is not None
            and subj.i < tok.i
            and subj.lower_ in self.lex.word_set("clause_pronoun")
            and any(_is_clause(g, self.lex) for g in subj.children)
        ):
            # "Právě to, aby…, požaduje nařízení": the pronoun standing for the content was
            # parsed as the subject; the speaker is the noun after the cue.
            subj = next(
                (c for c in tok.children if c.i > tok.i and c.dep_ in ("obj", "dobj")), None
            )
        if subj is not None and self.quotes.covering(self.offset + subj.idx):
            # “…, nothing you can do folks,” Trump said: the parser took a word of the
            # quotation as the subject; the speaker stands next to the cue.
            others = [
                c
                for c in tok.children
                if c.dep_ == "nsubj" and not self.quotes.covering(self.offset + c.idx)
            ]
            subj = others[0] if others else self._left_subject(tok) or self._inverted_subject(tok)
        return subj

    def _expletive(self, tok: Token, subj: Token) -> bool:
        """ "It turns out that…", "it appears that…", "It amazes me that…", "it is hard to
        imagine…", "it's safe to say…": the "it" stands for nothing and nobody speaks but the
        reporter (PolNeAR train: 0 of 17 right)."""
        if subj.lower_ != "it" or subj.dep_ != "nsubj":
            return False
        host = subj.head
        raising = self.lex.word_set("raising")
        if host.lemma_.lower() in raising:
            return True
        return (
            host.lemma_.lower() == "be"
            and host.i != tok.i
            and any(c.dep_ == "acomp" for c in host.children)
            and any(a.i == host.i for a in tok.ancestors)
        )

    def _publisher(self, tok: Token, medium: Token) -> Token | None:
        """ "The ministry issued a statement saying the dam was safe", "Forbes shot back in an
        article stating…": a participle or relative clause on a medium someone put out is that
        one's report (PolNeAR train: 10 of 11 such sources are the publisher). "The statement
        said" keeps the statement: there the medium is the cue's own subject."""
        if tok.head.i != medium.i or tok.dep_ not in ("acl", "relcl"):
            return None
        media = self.lex.word_set("medium")
        if (
            medium.lemma_.lower() not in media
            and medium.dep_ in ("dobj", "obj")
            and medium.head.lemma_.lower() in self.lex.word_set("address")
        ):
            # "The senator emailed supporters saying…": the addressees do not speak, the
            # sender does
            publisher = subject_of(medium.head)
            return publisher if publisher is not None and publisher.lower_ != "it" else None
        if medium.lemma_.lower() not in media:
            return None
        host = medium.head
        if medium.dep_ == "pobj" and host.lower_ in ("in", "with", "through", "via"):
            host = host.head  # "in an article stating": any act done through the medium
        elif medium.dep_ not in ("dobj", "obj") or (
            host.lemma_.lower() not in self.lex.word_set("publish")
        ):
            return None
        if host.pos_ not in ("VERB", "AUX"):
            return None
        publisher = subject_of(host)
        if publisher is None or publisher.lower_ in ("it", "there", "this", "that"):
            return None
        return publisher

    def _past_dateline(self, tok: Token, subj: Token) -> Token:
        """ "LONDON (Reuters) - Donald Trump said", "New York (AFP) – Vice President Joe Biden
        hit": the parser made the dateline (or its agency) the subject; the speaker is the
        subject or apposition after the dash."""
        m = DATELINE.match(self.doc.text)
        if m is None or subj.idx >= m.end():
            return subj
        # with the verb the dateline is the subject of ("LONDON, Nov 28 (Reuters) - the court
        # blocked …, ruling that"): its other subject, after the dash
        heads = [tok, subj, *subj.ancestors]
        while heads[0].dep_ == "conj" and heads[0].head.i < heads[0].i:
            heads.insert(0, heads[0].head)  # "… - Obama met survivors and said"
        after = [
            c
            for h in heads
            for c in h.children
            if c.idx >= m.end() and c.dep_ in ("nsubj", "appos") and c.pos_ in ("PROPN", "NOUN")
        ]
        return min(after, key=lambda c: c.i) if after else subj

    def _clause(self, tok: Token) -> Token | None:
        """The reported clause on the cue, if any."""
        clauses = [
            c for c in tok.children if _is_clause(c, self.lex) and not self._names_a_title(c)
        ]
        if not clauses:
            clauses = self._clause_on_pronoun(tok) or self._clause_of_reported_noun(tok)
        if not clauses and self.lex.uses("fronted_clause"):
            clauses = self._fronted_clause(tok)
        if not clauses and self.lex.uses("ze_clause_on_object"):
            clauses = self._ze_clause_on_object(tok)
        if not clauses and self.lex.uses("unmarked_clause"):
            clauses = (
                self._unmarked_clause(tok)
                or self._that_clause_in_object(tok)
                or self._that_clause_on_adjunct(tok)
            )
        # A clause after the cue is what is reported; one before it is often a misattached
        # adverbial ("In a statement released after X suspended…, Cruz said he…").
        first = clauses[0] if clauses else None
        if self.lex.uses("clause_after_cue_first"):  # it costs Czech (adaq) speakers
            first = next((c for c in clauses if c.i > tok.i and not _reduced_relative(c)), first)
        return first

    def _names_a_title(self, clause: Token) -> bool:
        """ "said on CBS's ''Face the Nation.''": the parser reads the show's title as the
        reported clause."""
        start = self.offset + clause.idx
        q = self.quotes.containing(start)
        return q is not None and q.start < start and _title_quote(self.text, q)

    def _prep_object(
        self, tok: Token, cue_span: Span, preps: frozenset[str], stance: str, subj: Token | None
    ) -> None:
        """ "talked about the economy", "blamed him for the loss": the object of a
        preposition the cue's frame names is the content; the preposition joins the cue."""
        for prep in tok.children:
            if prep.i <= tok.i or prep.dep_ not in ("prep", "dative") or prep.lower_ not in preps:
                continue
            pobj = next((c for c in prep.children if c.dep_ in ("pobj", "pcomp")), None)
            if pobj is None or not self._proposition(pobj):
                continue
            span = self._clause_span(pobj)
            if span:
                cue_end = cue_span[1]
                if prep.i == tok.i + 1:
                    cue_end = self._tok_span(prep, prep)[1]
                self._emit(span, (cue_span[0], cue_end), stance, subj, "verb", confidence=0.4)
                return
        for agent in tok.children:
            if agent.dep_ != "agent":
                continue
            # "is accused by critics of promoting X": the parser hung the cue's preposition
            # on the agent; the phrase with its coordinated parts is the content.
            for pobj in agent.children:
                for prep in pobj.children:
                    if prep.dep_ == "prep" and prep.lower_ in preps and self._proposition(prep):
                        span = self._clause_span(prep)
                        if span:
                            self._emit(
                                span, cue_span, stance, subj, "verb", skip=prep, confidence=0.4
                            )
                            return

    def _proposition(self, head: Token, *, described: bool = True) -> bool:
        """Does the phrase say something that can be true or false? "talked about his
        Budweiser" names a topic; "blamed him for raising taxes" and "spoke of a plan to cut
        taxes" state something. With `described` False a participle describing the head
        does not count: "posted a video showing the crowd" names a thing."""
        words = [
            t
            for t in head.subtree
            if described
            or not any(
                a.dep_ == "acl" and a.head.pos_ in ("NOUN", "PROPN", "PRON")
                for a in [t, *t.ancestors]
                if a.i != head.i and _in_subtree(a, head)
            )
        ]
        return any(
            t.pos_ in ("VERB", "AUX")
            or t.lemma_.lower() in self.lex.nouns
            or "Vnoun" in t.morph.get("VerbForm", [])  # "potvrdila zadržení dvou mužů"
            for t in words
        )

    def _left_subject(self, tok: Token) -> Token | None:
        """ "Senator Harry Reid, the minority leader, said…" / "Bozell notes": the parser
        hung the speaker elsewhere (conj, compound); a finite cue takes the noun phrase
        that ends right before it."""
        if not self.lex.uses("left_subject") or tok.tag_ not in ("VBD", "VBZ", "VBP"):
            return None
        j = tok.i - 1
        if j >= 0 and self.doc[j].text == ",":
            j -= 1
        if j < 0:
            return None
        cand = self.doc[j]
        if cand.pos_ == "NUM" and cand.dep_ == "appos" and cand.head.pos_ == "PROPN":
            cand = cand.head  # "Ramos, 58, told AFP": the age is no speaker, the name is
        if cand.pos_ in ("PROPN", "NOUN") and cand.dep_ == "pobj" and j < tok.i - 1:
            # "Gene Sperling, a top adviser to Clinton, said…": the phrase before the comma
            # ends a description in apposition to the name, which speaks
            return self._described_name(cand, tok)
        if cand.pos_ not in ("PROPN", "NOUN") or cand.dep_ in ("pobj", "dobj", "poss"):
            return None
        while cand.dep_ in ("appos", "compound", "flat") and cand.head.i < tok.i:
            if cand.head.i == tok.i:
                break
            cand = cand.head
        return cand

    @staticmethod
    def _described_name(last: Token, tok: Token) -> Token | None:
        """The name a description ending in `last` stands in apposition to, before `tok`."""
        cand = last
        for _ in range(12):
            if cand.head.i >= tok.i or cand.head.i == cand.i:
                return None
            if cand.dep_ == "appos":
                name = cand.head
                # "In a message to Clinton, Tanden, head of X, recounted": a name inside a
                # prepositional phrase is no speaker
                return name if name.pos_ == "PROPN" and name.dep_ != "pobj" else None
            if cand.dep_ not in ("pobj", "prep", "compound", "amod", "conj", "cc", "poss"):
                return None
            cand = cand.head
        return None

    def _opening_name(self, tok: Token) -> Token | None:
        """ "Jeffrey Salkin, a Hollywood, Fla., rabbi helping to organize the boycott, said…":
        the parser lost the subject in the long description; the name that opens the sentence
        and is closed by a comma is the speaker of a subjectless main verb."""
        if not self.lex.uses("opening_name") or tok.dep_ != "ROOT" or tok.i < 3:
            return None
        k = 0
        while k < tok.i and self.doc[k].pos_ == "PROPN":
            k += 1
        if k == 0 or k >= tok.i or self.doc[k].text != ",":
            return None
        return self.doc[k - 1]

    def _before_next_report(
        self, tok: Token, span: Span, subj: Token | None, clause: Token
    ) -> Span:
        """ "said X, citing Y" / "said X, and urged Y": the speaker's next report, with no
        subject of its own, ends what the first one said (it is a claim of its own); so does
        another party's report hung on the content ("said X, while others said Y")."""
        if not self.lex.uses("next_report_ends_content"):
            return span
        for t in self.doc[tok.i + 1 :]:
            start = self.offset + t.idx
            if start <= span[0]:
                continue
            if start >= span[1]:
                break
            # "reports that 28 were quarantined, and displayed no symptoms": a verb that
            # reports only a stated object (frame p) is no next report.
            if t.lower_ != "citing" and (t.pos_ != "VERB" or not self._reports_on_its_own(t)):
                continue
            if t.lower_ != "citing" and not self._frame_used(t):
                continue  # "…, pushing her to victory": the verb reports nothing here
            own_subject = any(c.dep_ in ("nsubj", "nsubjpass") for c in t.children)
            parallel = (
                own_subject
                and t.head.i == clause.i
                and t.dep_ in ("advcl", "conj")
                and (
                    self.doc[t.left_edge.i - 1].text == ","
                    or (self._after_comma(t.left_edge) and self._pronoun_speaker(t))
                )
            )
            shared = (
                not own_subject
                and t.dep_ in ("conj", "advcl")
                and (t.head.i == tok.i or (t.tag_ == "VBG" and self._after_comma(t)))
            ) or self._speakers_next_act(t, tok, clause, own_subject)
            # "conceded that A but insisted that B": a cue verb with a clause of its own, joined
            # to the reported clause by a bare conjunction and with no subject of its own, is the
            # speaker's second report (not "but did not suggest B", nor "and when asked B").
            shared = shared or (
                not own_subject
                and t.dep_ == "conj"
                and t.head.i == clause.i
                and self.doc[t.left_edge.i - 1].pos_ == "CCONJ"
                and not any(c.dep_ in ("mark", "neg", "advmod") for c in t.children if c.i < t.i)
                and _has_cue(t, self.lex)
            )
            if (parallel or shared) and not self.quotes.covering(start):
                if shared and subj is not None:
                    self.shared_subject.setdefault(t.i, subj)  # "X said A, arguing B": X argues
                first = t.left_edge if t.left_edge.i > tok.i else t
                k = first.i - 1
                while k > tok.i and (self.doc[k].is_punct or self.doc[k].pos_ == "CCONJ"):
                    k -= 1
                end = self.offset + self.doc[k].idx + len(self.doc[k].text)
                if k > tok.i and end > span[0]:
                    return (span[0], end)
                return span
        return span

    def _frame_used(self, t: Token) -> bool:
        """Does a cue verb that reports only an infinitive or a prepositional object ("push
        for", "hit for") have one here? "…, pushing her to victory" reports nothing."""
        cue = self.lex.verbs.get(t.lemma_.lower())
        if not self.lex.uses("unused_frame") or cue is None or set(cue.frames) & set("co"):
            return True
        if "x" in cue.frames and any(
            c.dep_ in ("xcomp", "advcl", "ccomp") and with_to(c) for c in t.children
        ):
            return True
        return any(c.dep_ in ("prep", "dative") and c.lower_ in cue.preps for c in t.children)

    def _clause_edges(self, tok: Token, clause: Token, span: Span) -> Span:
        """Where a reported clause after the cue starts and ends when the parse blurs it:
        "the helicopter, which it said crashed in X": the relative pronoun before the cue is
        not what was said; "until next of kin could be told": a verb the parser hung
        elsewhere, with nothing between, goes on with the clause; "it was his duty, as he
        deflected attacks": the reporter's circumstance of the speaker is no part of it."""
        doc = self.doc
        start, end = span
        if start < self.offset + tok.idx and clause.i > tok.i:
            start = self.offset + doc[tok.i + 1].idx
        when = self._when_said(tok, clause)
        if when is not None:
            start = max(start, self.offset + doc[when + 1].idx)
        last = next((t for t in doc if self.offset + t.idx + len(t.text) == end), None)
        if last is not None and last.i + 1 < len(doc):
            nxt = doc[last.i + 1]
            # the verb itself hung outside, or its auxiliary ("could be told")
            verb = nxt.head if nxt.pos_ in ("AUX", "PART") and nxt.head.i > nxt.i else nxt
            if (
                verb.pos_ in ("AUX", "VERB")
                and not _in_subtree(verb, clause)
                and not _in_subtree(tok, verb)
                and verb.head.i != tok.i
            ):
                edge = verb.right_edge
                while edge.i > nxt.i and edge.is_punct:
                    edge = doc[edge.i - 1]
                end = self.offset + edge.idx + len(edge.text)
        for c in clause.children:
            if (
                c.dep_ == "advcl"
                and c.i > clause.i
                and c.tag_ == "VBD"
                and doc[c.left_edge.i - 1].text == ","
                and any(m.dep_ == "mark" and m.lower_ == "as" for m in c.children)
                and any(n.dep_ == "nsubj" and n.lower_ in ("he", "she") for n in c.children)
            ):
                end = min(end, self.offset + doc[c.left_edge.i - 1].idx)
        return (start, end) if start < end else span

    def _when_said(self, tok: Token, clause: Token) -> int | None:
        """ "said on Tuesday it would strike": a time phrase right after the cue and before
        the clause's subject says when it was said; the parser hung it on the clause. The
        index of the phrase's last token."""
        prep = self.doc[tok.i + 1] if tok.i + 1 < len(self.doc) else None
        if prep is None or prep.dep_ != "prep" or prep.head.i != clause.i:
            return None
        obj = next((c for c in prep.children if c.dep_ == "pobj"), None)
        subj = next((c for c in clause.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        if (
            obj is None
            or subj is None
            or word_classes(self.lex.lang).of(obj.lemma_) != "time"
            or subj.left_edge.i != obj.right_edge.i + 1
        ):
            return None
        return obj.right_edge.i

    @staticmethod
    def _pronoun_speaker(t: Token) -> bool:
        """ "said X, and he railed against Y": a personal pronoun and no subordinator, so the
        report is the speaker's next act ("noted X, and that Y" goes on with X)."""
        return not any(c.dep_ == "mark" for c in t.children) and any(
            c.dep_ == "nsubj" and c.lower_ in ("he", "she", "they") for c in t.children
        )

    def _after_comma(self, first: Token) -> bool:
        """Does a comma stand before first, past a conjunction or a closing quotation mark
        ("said X, and he railed", "insisted he has “expanded the party,” claiming")?"""
        k = first.i - 1
        if k >= 0 and self.doc[k].pos_ == "CCONJ":
            k -= 1
        if k >= 0 and self.doc[k].text in ("”", "’", '"', "''"):
            prev = self.doc[k - 1].text if k > 0 else ""
            return prev == "," or self.doc[k].text.startswith(",")
        return k >= 0 and self.doc[k].text == ","

    def _speakers_next_act(self, t: Token, tok: Token, clause: Token, own_subject: bool) -> bool:
        """ "said he had watched the hearing and slammed it as a disgrace", "claimed they
        were treated well and asked for help": a report in the simple past coordinated with a
        reported clause of another tense goes on with the speaker, not with what was said."""
        return (
            self.lex.uses("clause_edges")
            and not own_subject
            and t.dep_ == "conj"
            and t.head.i == clause.i
            and (
                (
                    t.tag_ == "VBD"
                    and (
                        clause.tag_ != "VBD"
                        or any(c.dep_ in ("aux", "auxpass") for c in clause.children)
                    )
                )
                or (self.lex.uses("present_next_act") and t.tag_ == tok.tag_ == "VBZ")
            )
        )

    def _quote_runs_on(self, span: Span, v: VerbCase) -> None:
        """ "Pompeo said the release “gives us hope …¶“We see these developments …”": a
        quotation opened in the reported clause and left open at the paragraph's end goes on
        in the next paragraph, which the same speaker says as a claim of its own."""
        if not self.lex.uses("quote_runs_on"):
            return
        quote = self.quotes.after(span[0])
        if quote is None or not quote.speech or not span[0] <= quote.start < span[1]:
            return
        brk = self.text.find("\n", span[1], quote.inner[1])
        if brk < 0:
            return
        start = brk
        while start < quote.inner[1] and (self.text[start].isspace() or self.text[start] in '“"„«'):
            start += 1
        if start < quote.inner[1]:
            last = self.out[-1]
            self.out.append(
                Candidate(
                    (start, quote.inner[1]),
                    last.cue_span,
                    last.stance,
                    last.mentions,
                    last.origin,
                    confidence=last.confidence,
                    report_type=last.report_type,
                )
            )

    def _quote_follows(self) -> None:
        """ "She says people should choose. “It is their life.”": an indirect report that
        closes its sentence, followed by a quotation that stands alone (no cue of its own,
        nothing else to the paragraph's end), goes on with the same speech; the claim has
        both pieces as its segments."""
        if not self.lex.uses("quote_follows") or self.report != "speech":
            return
        last = self.out[-1]
        if last.segments or last.quote is not None or last.cue_span is None:
            return
        start, end = last.content
        if last.cue_span[1] > start:
            return
        gap = _QUOTE_FOLLOWS_GAP.match(self.text, end)
        if gap is None:
            return
        nxt = self.quotes.after(end)
        if nxt is None or nxt.start != gap.end() or not nxt.speech:
            return
        if any(c.content[0] < nxt.end and nxt.start < c.content[1] for c in self.out[:-1]):
            return  # "“A,” X said, emphasizing Y. “B.”": the quotation resumes A
        para_end = self.text.find("\n", nxt.end)
        rest = self.text[nxt.end : para_end if para_end >= 0 else len(self.text)]
        if rest.strip(_TRAILING) or "\n" in self.text[nxt.inner[0] : nxt.inner[1]]:
            return  # the paragraph goes on: the quotation has an attribution of its own
        span = self._chain((start, nxt.inner[1]), nxt.end)
        last.content = span
        last.segments = [(start, end), (nxt.inner[0], span[1])]

    def _resumes_quote(self, cue: Span, clause: Token) -> bool:
        before = self.quotes.before(cue[0])
        after = self.quotes.after(cue[1])
        return (
            before is not None
            and after is not None
            and self.text[before.inner[1] : before.inner[1] + 1] == ","
            and bool(_GAP_BEFORE.match(_undot(self.text[before.end : cue[0]])))
            and bool(_RESUMED.match(self.text[cue[1] : after.start]))
            and after.inner[0] <= self.offset + clause.idx < after.inner[1]
        )

    def _has_own_object(self, tok: Token, cue: Cue) -> bool:
        if not self.lex.uses("own_object"):
            return False
        for c in tok.children:
            if c.i < tok.i:
                continue
            if ("o" in cue.frames or "p" in cue.frames) and c.dep_ in ("dobj", "obj"):
                return True
            if c.dep_ == "prep" and c.lower_ in cue.preps:
                return True
        return False

    def _with_object_subject(self, tok: Token, clause: Token, span: Span) -> Span:
        """ "denied his statement to Parliament … was drafted by officials": the parser made
        the clause's subject the cue's object; a clause without a subject of its own starts
        there."""
        if clause.dep_ != "ccomp" or any(
            c.dep_ in ("nsubj", "nsubjpass", "expl", "csubj") for c in clause.children
        ):
            return span
        obj = next(
            (c for c in tok.children if c.dep_ in ("obj", "dobj") and tok.i < c.i < clause.i),
            None,
        )
        if obj is None:
            return span
        if any(c.dep_ == "mark" and obj.i < c.i < clause.i for c in clause.children):
            # "told reporters outside the court that his client was disappointed": the
            # subordinator after the object opens the clause; its subject hangs lower down
            return span
        return (self.offset + obj.left_edge.idx, span[1])

    def _clause_of_reported_noun(self, tok: Token) -> list[Token]:
        """ "denied claims that he knew…", "confirmed reports that…": the verb's stance
        applies to the noun's clause, which is the content (the noun is no report of the
        subject's own)."""
        for obj in tok.children:
            if obj.i > tok.i and self._verb_owns_noun(obj):
                return [c for c in obj.children if c.i > obj.i and _is_clause(c, self.lex)][
                    :1
                ] or self._noun_clause_on_pronoun(obj)
        return []

    def _postposed_adjective(self, tok: Token, cue: Cue) -> None:
        """ "Ropa zdraží, je přesvědčen premiér": the parser coordinated the predicative
        cue with what it holds; a comma before the copula and the holder after the cue
        tell it."""
        first = min(
            [tok, *(c for c in tok.children if c.dep_ in ("cop", "aux"))], key=lambda t: t.i
        )
        subj = next((c for c in tok.children if c.dep_ == "nsubj" and c.i > tok.i), None)
        if (
            tok.pos_ != "ADJ"
            or tok.dep_ not in ("conj", "parataxis")
            or tok.head.i > tok.i
            or first.i == 0
            or self.doc[first.i - 1].text != ","
            or subj is None
            or any(c.dep_ == "cc" for c in tok.children)
        ):
            return
        span = self._clause_span(tok.head, exclude=tok)
        if span:
            self._emit(span, self._cue_span(tok), cue.stance, subj, "noun")

    def _noun_clause_on_pronoun(self, noun: Token) -> list[Token]:
        """ "zprávu o tom, že…": a cue noun's clause hanging on a pronoun after it."""
        return [
            g
            for c in noun.children
            if c.i > noun.i and c.lower_ in self.lex.word_set("clause_pronoun")
            for g in c.children
            if g.i > c.i and _is_clause(g, self.lex)
        ][:1]

    def _verb_owns_noun(self, noun: Token) -> bool:
        cue = self.lex.nouns.get(noun.lemma_.lower())
        verb = noun.head
        return (
            cue is not None
            and noun.dep_ in ("obj", "dobj")
            and verb.pos_ in ("VERB", "AUX")
            and verb.lemma_.lower() in self.lex.verbs
            and (
                any(c.i > noun.i and _is_clause(c, self.lex) for c in noun.children)
                or bool(self._noun_clause_on_pronoun(noun))
            )
        )

    def _clause_on_pronoun(self, tok: Token) -> list[Token]:
        """ "poukazují na to, že…", "trvá na tom, že…", "To, že…, potvrdil X": the clause
        hangs on a pronoun that stands for it."""
        return [
            g
            for c in tok.children
            if c.lower_ in self.lex.word_set("clause_pronoun")
            for g in c.children
            if g.i > c.i and _is_clause(g, self.lex)
        ][:1]

    def _inverted_postposed(self, tok: Token) -> bool:
        """ "Armáda ztratila tři tanky, dodalo RFE/RL": the parser coordinated the cue with
        what it reports; a comma, no conjunction and the speaker after the cue tell it."""
        doc = self.doc
        return (
            tok.dep_ == "conj"
            and tok.head.i < tok.i
            and tok.i > 0
            and doc[tok.i - 1].text == ","
            and not any(c.dep_ == "cc" for c in tok.children)
            and any(c.dep_ == "nsubj" and c.i > tok.i for c in tok.children)
            and not any(c.dep_ == "nsubj" and c.i < tok.i for c in tok.children)
        )

    def _postposed(self, tok: Token) -> bool:
        """ "Sanders remains committed, his top aide, Tad Devine, told The Huffington Post":
        the parser coordinates the attribution with its content; a comma and no conjunction
        before the cue's own subject tell them apart from two coordinated reports."""
        if not self.lex.uses("postposed_conj") or tok.dep_ != "conj" or tok.head.i > tok.i:
            return False
        if any(c.dep_ == "cc" for c in tok.head.children if c.i < tok.i) or any(
            c.dep_ == "cc" for c in tok.children
        ):
            return False
        subj = next((c for c in tok.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        if subj is None or subj.i > tok.i:
            return False
        before = subj.left_edge.i - 1
        return before > 0 and self.doc[before].text == ","

    def _with_trailing(self, tok: Token, clause: Token, span: Span) -> Span:
        """ "said he would win, so he'll have enough votes": what follows the reported clause
        and hangs on the cue by a parse error still belongs to the reported clause."""
        last = clause.right_edge
        if not self.lex.uses("trailing_content"):
            return span  # measured on PolNeAR (English) only
        if last.i < tok.i:
            # "X, one official said, speaking on condition of anonymity": after a cue that
            # follows its content, what hangs on the cue is the speaker's
            return span
        for c in tok.children:
            if c.i <= last.i:
                continue
            if c.dep_ == "cc" or (c.dep_ == "conj" and self._continues_content(c)):
                if c.dep_ == "conj":
                    last = c.right_edge  # "said she wanted change, but found him too extreme"
                continue
            if c.dep_ == "advcl" and any(
                m.dep_ == "mark" and m.lower_ in ("as", "while") for m in c.children
            ):
                break  # "said X, as he deflected attacks": the reporter's circumstance
            if c.dep_ not in _TRAILING_DEPS or self.quotes.covering(self.offset + c.idx):
                break
            if c.lower_ in self.lex.preps:
                break  # "said X, according to a pool report": who relays the report
            last = c.right_edge
        while last.i > clause.i and (last.is_punct and last.text not in '"”“«»'):
            last = self.doc[last.i - 1]
        end = self._tok_span(last, last)[1]
        return (span[0], max(span[1], end))

    def _rest_after_source(self, source: Token, tok: Token) -> Span | None:
        """The words after the source's mention up to the end of the sentence, when a
        copula and its subject are among them."""
        if source.pos_ not in ("NOUN", "PROPN") or source.lemma_.lower() in self.lex.non_sources:
            return None
        if not any(c.dep_ == "cop" for c in source.children):
            return None
        # The mention ends with the speaker's name ("mluvčího ambasády Alexandra Nového").
        name = [c.i for c in source.children if c.dep_ == "flat" and c.pos_ == "PROPN"]
        if not name:
            return None
        last = len(self.doc) - 1
        rest = [t for t in self.doc[max(name) + 1 :] if not (t.is_punct and t.i == last)]
        while rest and rest[0].is_punct:
            rest = rest[1:]
        if len(rest) < 3 or not any(t.dep_ == "cop" for t in rest):
            return None
        return self._tok_span(rest[0], rest[-1])

    def _relayed(self, attach: Token, tok: Token) -> Candidate | None:
        """The report a closing according-to phrase relays: "X, the commission said,
        according to Reuters", "Obama said X, according to a White House pool report" (the
        phrase hangs on the cue or on the content the cue interrupts)."""
        if tok.i < attach.i or not all(t.is_punct for t in self.doc[tok.right_edge.i + 1 :]):
            return None
        cues = [attach, *(c for c in attach.children if c.dep_ == "parataxis" and c.i < tok.i)]
        # a report of a clause or a quotation; "likened the meeting to a “dentist visit,”
        # according to his diary" is the diary's account of an object, not a relayed claim
        clausal = {
            self.offset + t.idx for t in cues if t.dep_ == "parataxis" or _has_cue(t, self.lex)
        }
        starts = {self.offset + t.idx for t in cues}
        return next(
            (
                c
                for c in reversed(self.out)
                if c.origin == "verb"
                and c.cue_span is not None
                and (c.cue_span[0] in clausal or (c.quote is not None and c.cue_span[0] in starts))
            ),
            None,
        )

    def _vouched_part(self, span: Span, phrase: Span, attach: Token, last: int) -> Span:
        """The part of an according-to clause the source vouches for; phrase is the
        according-to phrase, last the index of its final token."""
        start, end = span
        # "the tax has not made the U.K. less attractive: London was the financial capital,
        # according to one index": the side of a colon the phrase sits in.
        for m in re.finditer(r"[:;]\s+", self.text[start:end]):
            pos = start + m.start()
            if pos < phrase[0]:
                start = start + m.end()
            elif pos > phrase[0]:
                end = pos
                break
        if end <= start:
            start, end = span
        if start < phrase[0] < end <= phrase[1] + 1:
            # The clause was taken whole around a phrase that closes it: drop the phrase.
            end = phrase[0]
            while end > start and self.text[end - 1] in " ,\u2013—-":
                end -= 1
        k = last + 1
        while k < len(self.doc) and self.doc[k].is_punct:
            k += 1
        concession = any(
            c.dep_ == "advcl"
            and self.offset + c.right_edge.idx < phrase[0]
            and any(m.lower_ in ("while", "although", "though", "whereas") for m in c.children)
            for c in attach.children
        )
        if concession and k < len(self.doc) and attach.i >= k:
            # "While most were elevated to 'confidential', according to an official, two were
            # upgraded to 'Secret'": the source vouches for the main clause.
            start = self.offset + self.doc[k].idx
        return (start, end)

    def _fronted_clause(self, tok: Token) -> list[Token]:
        """ "As yet, there is no evidence of X, the commission said": the parser hung the
        sentence-opening clause on the cue as an adverbial; with no subordinator, a subject
        of its own and a comma right before the cue's subject, it is what was said."""
        subj = next((c for c in tok.children if c.dep_ == "nsubj" and c.i < tok.i), None)
        if subj is None:
            return []
        for c in tok.children:
            edge = c.right_edge.i
            if (
                c.dep_ == "advcl"
                and c.pos_ in ("VERB", "AUX")
                and all(t.is_punct for t in self.doc[: c.left_edge.i])
                and edge + 2 == subj.left_edge.i
                and self.doc[edge + 1].text == ","
                and any(d.dep_ in ("nsubj", "nsubjpass", "expl") for d in c.children)
                and not any(d.dep_ == "mark" for d in c.children)
            ):
                return [c]
        return []

    def _unmarked_clause(self, tok: Token) -> list[Token]:
        """ "said after the convention he would not accept…": a finite clause with its own
        subject and no subordinator, hung on a say-verb as an adverbial, is what was said."""
        if tok.lemma_.lower() not in _SAY_VERBS:
            return []
        return [
            c
            for c in tok.children
            if c.dep_ == "advcl"
            and c.i > tok.i
            and any(d.dep_ == "nsubj" for d in c.children)
            and not any(d.dep_ in ("mark", "advmod") and d.i < c.i for d in c.children)
        ][:1]

    def _that_clause_in_object(self, tok: Token) -> list[Token]:
        """ "told a meeting of leaders that few people understood…": the parser made the
        that-clause a relative clause of the object; "that" as a marker (not a pronoun) and
        a complete clause (a relative clause lacks its subject or object: "that you were
        given") show it is the complement."""
        for obj in tok.children:
            if obj.dep_ not in ("dobj", "dative") or obj.i < tok.i:
                continue
            for t in obj.subtree:
                deps = {c.dep_ for c in t.children}
                if (
                    t.dep_ == "relcl"
                    and "nsubj" in deps
                    and deps & {"dobj", "attr", "acomp", "ccomp"}
                    and any(c.dep_ == "mark" and c.lower_ == "that" for c in t.children)
                ):
                    return [t]
        return []

    def _ze_clause_on_object(self, tok: Token) -> list[Token]:
        """ "obviňují kraj, že o problémech věděl", "ujistil občany, že…", "řekl agentuře
        ČTK, že…", "řekl Lidovým novinám, že…": the parser hung the že-clause on the object
        or on the one it was said to (or its name), as a relative clause or a complement;
        "že" never opens a relative clause, so it is the verb's complement."""
        for obj in tok.children:
            if obj.dep_ not in ("obj", "iobj", "obl:arg", "obl") or obj.i < tok.i:
                continue
            for noun in obj.subtree:
                if noun.lemma_.lower() in self.lex.nouns:
                    continue  # "uvedl v prohlášení, že…": the statement's own clause (noun cue)
                for clause in noun.children:
                    if (
                        clause.dep_.startswith("acl")
                        # not the complement of a verb inside the object ("vzpomíná na
                        # seminář, kde se shodli, že…")
                        or (clause.dep_ == "ccomp" and noun.pos_ in ("NOUN", "PROPN"))
                    ) and any(c.dep_ == "mark" and c.lower_ == "že" for c in clause.children):
                        return [clause]
        return []

    def _that_clause_on_adjunct(self, tok: Token) -> list[Token]:
        """ "claimed at the time that they were treated well": after a say-verb the parser
        made the that-clause a relative clause of a time or place adjunct; "that" fills no
        role in it and it has its own subject, so it is what was said."""
        if tok.lemma_.lower() not in _SAY_VERBS:
            return []
        for prep in tok.children:
            if prep.dep_ != "prep" or prep.i < tok.i:
                continue
            for pobj in prep.children:
                for rel in pobj.children:
                    deps = {c.dep_ for c in rel.children}
                    if (
                        # "said in a letter to councillors that footfall could fall": the
                        # parser also makes it a complement clause of the medium's noun
                        rel.dep_ in ("relcl", "acl")
                        and deps & {"nsubj", "nsubjpass"}
                        and any(
                            c.lower_ == "that" and c.dep_ in ("mark", "advmod") and c.i < rel.i
                            for c in rel.children
                        )
                    ):
                        return [rel]
        return []

    def _continues_content(self, conj: Token) -> bool:
        """A verb coordinated with the cue that is no report of its own goes on with what was
        said (PolNeAR annotates "said X, but could not bear Y" as one claim)."""
        return (
            conj.pos_ in ("VERB", "AUX")
            and not self._reports_on_its_own(conj)
            and not self.quotes.covering(self.offset + conj.idx)
        )

    def _reports_on_its_own(self, tok: Token) -> bool:
        """Is tok a cue verb with a frame of its own (not only p: "displayed no symptoms")?"""
        cue = self.lex.verbs.get(tok.lemma_.lower())
        return cue is not None and (cue.frames != "p" or bool(cue.preps))

    def _inverted_object(self, tok: Token) -> Token | None:
        """ "X despite Y, said another witness, Fiona Hill": after its content the cue is
        inverted and the parser made the speaker its object."""
        if not self.lex.uses("inverted_object") or tok.i == 0 or self.doc[tok.i - 1].text != ",":
            return None
        if not any(c.dep_ == "ccomp" and c.i < tok.i for c in tok.children):
            return None
        return next(
            (
                c
                for c in tok.children
                if c.dep_ in ("dobj", "obj")
                and c.left_edge.i == tok.i + 1
                and c.pos_ in ("NOUN", "PROPN")
            ),
            None,
        )

    def _inverted_subject(self, tok: Token) -> Token | None:
        """A nominative noun right after the cue ("řekl po podpisu Kim") that the parser
        attached elsewhere; Czech word order puts the speaker last after a quotation."""
        proper = None
        # English inverts only right after the cue ("said Brian Baker"); further on a name
        # belongs to the content.
        stop = tok.i + 4 if self.lex.uses("inversion_next_to_cue") else len(self.doc)
        if any(c.dep_ in ("auxpass", "aux:pass") for c in tok.children):
            return None  # "was accused Wednesday of…": a passive has no inverted speaker
        for t in self.doc[tok.i + 1 : stop]:
            if t.is_punct and t.text in '.!?"„“”:':
                break
            if t.dep_ == "mark" and t.head.head.i == tok.i:
                break  # "uvádí, že Jandák má…": past the subordinator is what was said
            if t.dep_ == "npadvmod" or t.lemma_.lower() in _SETTINGS:
                continue  # "said Wednesday": when, not who
            if t.pos_ in ("PROPN", "NOUN") and "Nom" in t.morph.get("Case", []):
                proper = t
                break
            if (
                t.pos_ == "PROPN"
                and proper is None
                and not (self.lex.uses("governed_place") and _in_prepositional(t))
            ):
                proper = t
        while proper is not None and proper.dep_ == "flat" and proper.head.i < proper.i:
            proper = proper.head
        while proper is not None and proper.dep_ == "compound" and proper.head.i > proper.i:
            proper = proper.head  # "Leslie Wimes": the name's head
        return proper

    def _noun(self, tok: Token, cue: Cue) -> None:
        """Cue nouns and adjectives with a clause: "mají obavy, že…", "eager to…"; the holder
        is the subject of the governing verb ("Trump is confident that…")."""
        if self._verb_owns_noun(tok):
            self._owned_noun_holder(tok, cue)
            return
        clause = next(
            (
                c
                for c in tok.children
                if c.i > tok.i
                and (_is_clause(c, self.lex) or ("x" in cue.frames and c.dep_ == "xcomp"))
            ),
            None,
        ) or next(iter(self._noun_clause_on_pronoun(tok)), None)
        if clause is None:
            self._postposed_adjective(tok, cue)
            return
        span = self._clause_span(clause)
        if not span:
            return
        owner = next((c for c in tok.children if c.dep_ in ("nmod:poss", "poss")), None)
        if (
            owner is None
            and tok.dep_ in ("obj", "dobj")
            and tok.head.lemma_.lower() in self.lex.word_set("stirs")
        ):
            return  # "data showed …, raising fears that …": nobody in the text holds them
        if owner is None:
            verb = tok.head
            if verb.pos_ == "ADP":
                verb = verb.head
            # UD makes a predicative adjective the head of its clause ("Ministr je přesvědčen").
            owner = (
                subject_of(tok)
                or (subject_of(verb) if verb.i != tok.i else None)
                # "The inspectors are convinced that": the subject hung on the auxiliary
                or next(
                    (
                        s
                        for a in tok.children
                        if a.dep_ in ("aux", "auxpass") and a.i < tok.i
                        for s in a.children
                        if s.dep_ == "nsubj" and s.i < a.i
                    ),
                    None,
                )
            )
        if owner is not None and owner.i == tok.i:
            owner = None  # "Šíří se tvrzení, že…": the claim is the subject; nobody is named
        stance = cue.stance
        if tok.head.pos_ in ("VERB", "AUX") and "Neg" in tok.head.morph.get("Polarity", []):
            stance = NEGATED_STANCE.get(stance, stance)
        elif any(c.dep_ == "neg" for c in tok.children) or (
            tok.dep_ == "acomp" and any(c.dep_ == "neg" for c in tok.head.children)
        ):
            stance = NEGATED_STANCE.get(stance, stance)  # "is not convinced that
        self._emit(span, self._cue_span(tok), stance, owner, "noun")

    def _owned_noun_holder(self, tok: Token, cue: Cue) -> None:
        """ "Thames Water disputed the agency's claim that it had hidden data": the verb's
        subject answers the claim (the verb rule), and the noun's possessor made it, a second
        party to the same content. A pronoun possessor ("denied his claim") is left out: it is
        mostly the subject itself."""
        if not self.lex.uses("owned_noun_holder") or cue.stance != "asserts":
            return
        owner = next((c for c in tok.children if c.dep_ in ("poss", "nmod:poss")), None)
        if owner is None or owner.pos_ == "PRON" or owner.i > tok.i:
            return
        clause = next((c for c in tok.children if c.i > tok.i and _is_clause(c, self.lex)), None)
        span = self._clause_span(clause) if clause is not None else None
        if span and self._emit(span, self._cue_span(tok), "asserts", owner, "noun"):
            self.out[-1].party = True

    def _name_of_abstract_source(self, source: Token, verb: Token) -> None:
        """ "podle zjištění Seznam Zpráv zůstaly…": the parser made the name after an abstract
        source ("zjištění", "informací") the verb's subject; it names whose finding it is,
        so it is hung back on the source."""
        doc = source.doc
        if source.lemma_.lower() not in self.lex.word_set("abstract_source"):
            return
        if source.i + 1 >= len(doc) or any(c.dep_ == "nmod" for c in source.children):
            return
        name = doc[source.i + 1]
        if (
            name.i < verb.i
            and name.head.i == verb.i
            and name.text[:1].isupper()
            and name.pos_ in ("PROPN", "X", "NOUN")
        ):
            name.head, name.dep_ = source, "nmod"

    def _genitive_back_on_source(self, source: Token, verb: Token) -> None:
        """ "Podle diplomatických zdrojů agentury Bloomberg se Budapešť snaží…": the parser made
        the genitive right after the source ("agentury") the verb's subject beside the real,
        nominative one; it says whose sources they are, so it is hung back on the source."""
        if verb.i < source.i or not self.lex.uses("genitive_on_source"):
            return
        after = source.right_edge.i + 1
        subjects = [c for c in verb.children if c.dep_ in ("nsubj", "nsubj:pass")]
        for t in subjects:
            if (
                t.left_edge.i == after
                and t.pos_ == "NOUN"
                and t.morph.get("Case", []) == ["Gen"]
                and any(
                    o.i != t.i and o.i > t.right_edge.i and o.morph.get("Case", []) == ["Nom"]
                    for o in subjects
                )
            ):
                t.head, t.dep_ = source, "nmod"
                return

    def _free_stray_subject(self, source: Token, verb: Token) -> None:
        """ "Podle agentury Reuters Rusko ztratilo…", "Podle serveru iRozhlas.cz policie
        zadržela…": the parser hung the clause's subject on the source's name. A nominative
        noun inside the source phrase that agrees with the verb after it is the verb's
        subject: it is re-hung there, so the source ends before it and the content has it."""
        if verb.pos_ not in ("VERB", "AUX") or verb.i < source.i:
            return
        for t in source.subtree:
            if (
                source.i < t.i < verb.i
                and t.pos_ in ("NOUN", "PROPN")
                and (t.morph.get("Case", []) == ["Nom"] or _uninflected_after_inflected(t))
                # after the source's name: "deníku Právo", "agentury Median" name the source;
                # "podle státního zástupce Pavla Čermáka Holub předložil": the names hang
                # on the role, and the one in the nominative after them is the subject
                and (
                    _name_like(t.head)
                    or (t.dep_ == "flat" and t.i > source.i + 1 and _name_like(t.doc[t.i - 1]))
                )
                and t.right_edge.i < verb.i
                and _agrees(t, verb)
                # the verb has no subject of its own that fits it ("… chce ministerstvo")
                and not any(
                    c.dep_ in ("nsubj", "nsubj:pass") and _agrees(c, verb) for c in verb.children
                )
            ):
                t.head = verb
                t.dep_ = "nsubj"
                return

    def _prep(self, tok: Token) -> None:
        low = tok.lower_
        if low == "according":
            to = next((c for c in tok.children if c.lower_ == "to"), None)
            source = next((c for c in to.children if c.dep_ == "pobj"), None) if to else None
            if self.lex.uses("named_apposition"):
                # "according to the regional governor, Oleh Syniehubov": the name speaks
                source = _named_apposition(source)
            attach = tok.head
            cue = (
                self.offset + tok.idx,
                self.offset + (to.idx + len(to.text) if to else tok.idx + len(tok.text)),
            )
        elif low in ("citing", "per"):
            source = next((c for c in tok.children if c.dep_ in ("pobj", "dobj", "obj")), None)
            if low == "per" and (source is None or source.pos_ != "PROPN"):
                return
            if low == "citing" and source is not None and not _source_like(source):
                # "said X, citing the strategic importance of Y": what is cited is a reason,
                # the claim of the speaker of the host verb.
                span = self._object_span(tok, source)
                if span:
                    host = self.shared_subject.get(tok.i) or subject_of(tok) or subject_of(tok.head)
                    self._emit(span, self._tok_span(tok, tok), "asserts", host, "verb")
                return
            attach = tok.head
            cue = self._tok_span(tok, tok)
        elif low in self.lex.word_set("poll_preposition"):
            # "In a CBS News poll last month, she led Mr. Sanders 56 percent to 32": a poll
            # (word set `poll_source`) opening the sentence vouches for its clause; later in
            # the sentence ("a lead in the polls") it is mostly where, not who.
            source = next((c for c in tok.children if c.dep_ == "pobj"), None)
            first = next((t for t in self.doc if not t.is_punct and not t.is_space), None)
            if (
                source is None
                or first is None
                or first.i != tok.i
                or source.lemma_.lower() not in self.lex.word_set("poll_source")
                # "In a survey, 71 percent of X approved of Y": the parser may make the
                # clause's subject the root
                or (tok.head.pos_ not in ("VERB", "AUX") and tok.head.dep_ != "ROOT")
            ):
                return
            attach = tok.head
            cue = self._tok_span(tok, tok)
        else:  # Czech podle/dle: the preposition is a case child of its noun
            if tok.dep_ != "case":
                return
            source = tok.head
            attach = source.head
            pronoun = next(
                (
                    c
                    for c in source.children
                    if c.dep_ == "det"
                    and c.i == tok.i + 1
                    and c.lemma_.lower() in _RELATIVE_SOURCES
                ),
                None,
            )
            if pronoun is not None and source.dep_ in ("obl", "nsubj", "obj"):
                # "Pecková, podle které město nedokáže…": the parser made the relative pronoun
                # the determiner of the clause's subject; the pronoun is the source
                source = pronoun
            while (
                attach.pos_ in ("NOUN", "PROPN")
                and attach.dep_ in ("obl", "nmod")
                and attach.head.i != attach.i
                and attach.i < source.i
            ):
                # "Zejména v Brně podle svědků muži napadali…": the phrase hangs on the
                # adverbial before it; the source vouches for the clause.
                attach = attach.head
            if (
                # "Ministerstvo podle svého mluvčího situaci sleduje": a podle phrase is never
                # a noun's modifier either
                source.dep_ in ("obl", "nmod")
                and attach.pos_ in ("NOUN", "PROPN")
                and attach.dep_ in ("nsubj", "nsubj:pass", "obj")
                and attach.head.i != attach.i
                and attach.head.pos_ in ("VERB", "AUX")
            ):
                # "Podle něj stát … vyplatil …": an adverbial hangs on a verb, never on a
                # noun; the parser put it on the subject, but the source vouches for the clause.
                attach = attach.head
            while attach.dep_ == "xcomp" and attach.head.i != attach.i:
                # "Vláda by podle něj měla přestat slibovat": the phrase hangs on the
                # infinitive; the source vouches for the clause of the verb it complements
                attach = attach.head
            cue = self._tok_span(tok, tok)
            self._name_of_abstract_source(source, attach)
            self._genitive_back_on_source(source, attach)
            _surname_back_on_source(source)
            self._free_stray_subject(source, attach)
        while attach.dep_ in ("aux", "auxpass", "aux:pass") and attach.head.i != attach.i:
            # "He had, according to X, killed…": the phrase hangs on the auxiliary; what the
            # source vouches for is the clause of its verb.
            attach = attach.head
        if (
            self.lex.uses("vouched_coordination")
            and tok.i > attach.i
            # the phrase closes the sentence ("…, but the senator has vowed to fight on" after
            # it keeps the phrase on its own clause)
            and all(t.is_punct for t in self.doc[tok.right_edge.i + 1 :])
        ):
            # "Trump received 37 percent, Clinton 36 and Bloomberg 13, according to the
            # results": a closing phrase vouches for every clause of the coordination.
            while (
                (
                    attach.dep_ == "conj"
                    or (
                        # "A has raised $2 million, while B has raised $6 million, according
                        # to the research": the contrast is one finding
                        attach.dep_ == "advcl"
                        and any(
                            m.dep_ == "mark" and m.lower_ in ("while", "whereas")
                            for m in attach.children
                        )
                    )
                )
                and attach.head.i < attach.i
                and attach.head.pos_ in ("VERB", "AUX")
                and not any(
                    # "has praised X, and won Y, according to exit polls": the first
                    # clause is a report of its own
                    t.pos_ == "VERB" and t.lemma_.lower() in self.lex.verbs
                    # the clauses before this one: a cue-like word in the conjunct the
                    # phrase closes ("and Trump is assured to…", "but declined by 0.2%")
                    # is no earlier report
                    for t in self.doc[attach.head.left_edge.i : attach.left_edge.i]
                )
            ):
                attach = attach.head
        if source is not None and attach.i == source.i and tok.i == 0:
            # "Podle mluvčího X nebyl únos": the parser made the source the root of a copula
            # clause; the source vouches for the rest of the sentence.
            rest = self._rest_after_source(source, tok)
            if rest is not None and self._emit(rest, cue, "asserts", source, "prep", skip=tok):
                # The mention ends with the name: the parser hung the content's adverbials
                # on the source as well.
                name_end = max(c.i for c in source.children if c.dep_ == "flat")
                words = [_word(t, source) for t in self.doc[source.i : name_end + 1]]
                self.out[-1].mentions = [
                    Mention(self._tok_span(source, self.doc[name_end]), [words])
                ]
            return
        relative = source is not None and source.lemma_.lower() in _RELATIVE_SOURCES
        if (
            relative
            and attach.dep_ in ("acl:relcl", "relcl")
            and attach.head.pos_ == "NOUN"
            and not any(t.pos_ == "PROPN" for t in attach.head.subtree if t.i < tok.i)
        ):
            # "video, podle kterého vláda chystá …": the source is the noun the relative
            # clause describes (with a name, "agentura Reuters, podle níž", the pronoun
            # resolves to the name); what it vouches for is the rest of that clause
            rest = self._rest_of_relative(attach, tok)
            if rest is not None:
                self._emit(rest, cue, "asserts", attach.head, "prep", skip=tok)
            return
        # "according to the Real Clear Politics average": the tagger made the noun an adjective.
        if (
            source is None
            or not (
                source.pos_ in ("NOUN", "PROPN", "PRON", "ADJ")
                or relative  # "podle které": the tagger's DET
                # "podle Seznam Zpráv": the Czech tagger gives an unknown name the tag X
                or (source.pos_ == "X" and source.text[:1].isupper())
            )
            or attach.i == source.i
        ):
            return
        if source.lemma_.lower() in self.lex.non_sources:
            return
        # "podle dostupných informací" names no one; "podle informací ČTK" names ČTK.
        if source.lemma_.lower() in self.lex.word_set("abstract_source") and not any(
            c.dep_ == "nmod"
            and (c.pos_ in ("PROPN", "NOUN") or (c.pos_ == "X" and c.text[:1].isupper()))
            for c in source.children
        ):
            return
        mention_end = mentions_of(source, self.offset, tok)[-1].span[1] - self.offset
        last = max((t.i for t in self.doc if t.idx < mention_end), default=tok.i)
        last = past_setting(source, _past_parenthesis(self.doc, last))
        for clause in list(_phrase_head(source).subtree):
            if clause.dep_ in ("acl:relcl", "relcl") and clause.i > last >= clause.head.i:
                # "Podle ministerstva, které ovládá Hamás, zemřelo…": the source's relative
                # clause says which source, not what it vouches for
                last = max(last, clause.right_edge.i)
                if last + 1 < len(self.doc) and self.doc[last + 1].text == ",":
                    last += 1
            elif (
                clause.dep_ == "appos"
                and clause.head.i == source.i
                and clause.i > last
                and tok.i > attach.i  # an opening phrase's "appositive" is the parser's error
            ):
                # "according to Brian Wieser, an analyst at X": the appositive says which
                # source, it is not what the source vouches for
                last = max(last, clause.right_edge.i)
        span = self._clause_span(attach, cut=(min(tok.i, source.left_edge.i), last))
        if not span:
            return
        if self.lex.uses("vouched_part"):
            phrase_end = max(mention_end, self.doc[last].idx + len(self.doc[last].text))
            phrase = (self.offset + min(tok.idx, source.left_edge.idx), self.offset + phrase_end)
            span = self._vouched_part(span, phrase, attach, last)
        relayed = self._relayed(attach, tok)
        if relayed is not None:
            # "Obama said X, according to a pool report": the source relays Obama's claim
            self._emit(relayed.content, cue, "reports", source, "prep", skip=tok)
            return
        reported = _has_cue(attach, self.lex)
        stance = "reports" if reported else "asserts"
        if reported:
            # "mají podle agentury Reuters obavy, že...": Reuters reports the fear; the whole
            # clause overlaps the fear's content, so the two merge into one claim.
            span = self._clause_span(attach) or span
        quote = self.quotes.within(span)
        origin = "prep"
        if quote is not None:
            # PolNeAR keeps the whole according-to clause; the quotation alone was right in
            # 1 of 6 cases on its train split.
            origin = "mixed"
            if self.lex.uses("according_to_quote_only"):
                span = quote.inner
        if self._emit(span, cue, stance, source, origin, skip=tok) and not reported:
            # "Oprava podle něj měla začít už loni": the phrase inside the clause is no part
            # of what was said; the claim is the clause around it, as two segments
            first = self.doc[min(tok.i, source.left_edge.i)]
            phrase = (
                self.offset + first.idx,
                self.offset + self.doc[last].idx + len(self.doc[last].text),
            )
            self.out[-1].segments = _around(self.text, self.out[-1].content, phrase)


def _surname_back_on_source(source: Token) -> None:
    """ "Město podle primátora Miroslava Žbánka získá…", "Podle Jany Novákové město roste":
    the parser hung the surname, in the source's case right after its first name, on the
    clause's subject; it is the source's."""
    doc = source.doc
    after = source.right_edge.i + 1
    if after >= len(doc):
        return
    name, last = doc[after], doc[after - 1]
    case = source.morph.get("Case", [])
    # "Podle Anny Frankové": a woman's surname in "-ové" the tagger read as an adjective
    feminine = name.text[:1].isupper() and name.lower_.endswith("ové") and name.pos_ == "ADJ"
    if (
        (name.pos_ == "PROPN" or feminine)
        # "Podle Jany Novákové město roste": read as the subject's adjective ("Novák's")
        and name.dep_ in ("flat", "amod", "nmod")
        and last.pos_ == "PROPN"
        and case
        and (feminine or name.morph.get("Case", []) == case)
        and not any(True for _ in name.children)
        and name.head.i not in {t.i for t in source.subtree}
    ):
        name.head, name.dep_, name.pos_ = source, "flat", "PROPN"
        if feminine:  # in the source's case, not the tagger's nominative
            features = name.morph.to_dict()
            features["Case"] = case[0]
            name.morph = MorphAnalysis(doc.vocab, features)


def _around(text: str, content: Span, phrase: Span) -> list[Span] | None:
    """The two pieces of content on either side of phrase, when it lies inside with words on
    both sides; None otherwise."""
    start, end = content
    if not start < phrase[0] < phrase[1] < end:
        return None
    left_end = phrase[0]
    while left_end > start and text[left_end - 1] in " ,\u2013—-":
        left_end -= 1
    right_start = phrase[1]
    while right_start < end and text[right_start] in " ,\u2013—-":
        right_start += 1
    if not _LETTER.search(text, start, left_end) or not _LETTER.search(text, right_start, end):
        return None
    return [(start, left_end), (right_start, end)]


_DANGLING = re.compile(r"(?:[\s,;]+(?:and|but|or|a|ale|nebo|však))+[\s,;]*$")  # "you and I" stays


def _without_dangling_conjunction(text: str, content: Span) -> Span:
    """ "warned that cutting too quickly risked reigniting price pressures, and Nagel said…":
    the conjunction joining the next report is not the end of this claim."""
    start, end = content
    m = _DANGLING.search(text, start, end)
    return (start, m.start()) if m is not None and m.start() > start else content


def _past_parenthesis(doc: Doc, last: int) -> int:
    """ "Podle poslance Jana Nováka (ANO) vláda…": the party or the age in brackets after the
    source's name belongs to the source's phrase, not to what it vouches for."""
    if last + 1 < len(doc) and doc[last + 1].text == "(":
        close = next((t.i for t in doc[last + 2 : last + 8] if t.text == ")"), None)
        if close is not None:
            return close
    return last


# A quotation closed by its comma, then the reporter's participle: ',” repeating a pledge…'.
_QUOTE_THEN_PARTICIPLE = re.compile(r",[\"”]\s+[a-z]+ing\b")


def _without_trailing_participle(text: str, content: Span) -> Span:
    """'would "bring back jobs," repeating a pledge he has made': what follows the closed
    quotation is the reporter's, not the speaker's."""
    start, end = content
    m = _QUOTE_THEN_PARTICIPLE.search(text, start, end)
    return (start, m.start() + 2) if m is not None else content


def _uninflected_after_inflected(tok: Token) -> bool:
    """ "podle zástupce Pavla Čermáka Holub": a man's name written as its lemma right after a
    man's name written in an oblique case ("Čermáka") is not in that case, whatever the tagger
    says: the case breaks there, and the earlier name ends the phrase."""
    if tok.i == 0 or tok.pos_ != "PROPN" or inflected_name(tok):
        return False
    before = tok.doc[tok.i - 1]
    return (
        before.pos_ == "PROPN"
        and inflected_name(before)
        and tok.morph.get("Gender", []) == before.morph.get("Gender", []) == ["Masc"]
    )


# Endings of a Czech name in an oblique case ("Čermáka", "Klímy", "Novákovi", "Fialou").
_OBLIQUE_ENDINGS = ("a", "y", "e", "ě", "i", "u", "ou", "em", "ho", "mu")


def inflected_name(tok: Token) -> bool:
    """Is a Czech name written in an oblique case? Its form differs from its lemma
    ("Čermáka"), or, where the tagger took the form for the lemma ("Klímy"), the tagger reads
    an oblique case and the form ends as one does ("Andrej", read as a genitive, does not)."""
    if tok.lower_ != tok.lemma_.lower():
        return True
    cases = tok.morph.get("Case", [])
    return bool(cases) and "Nom" not in cases and tok.lower_.endswith(_OBLIQUE_ENDINGS)


def _name_like(tok: Token) -> bool:
    """A name as written: "Reuters", "Fialy", "iRozhlas.cz" (not "deníku", "agentury")."""
    return tok.pos_ in ("PROPN", "X") or any(ch.isupper() for ch in tok.text) or "." in tok.text


def _agrees(noun: Token, verb: Token) -> bool:
    """Subject-verb agreement in number, and in gender where the verb shows it (a Czech
    past participle: "Rusko ztratilo", "policie zadržela")."""
    number = verb.morph.get("Number", [])  # "Number=Plur,Sing" where the form is ambiguous
    noun_number = noun.morph.get("Number", [])
    if not number or not noun_number or not set(noun_number) <= set(number):
        return False
    gender = verb.morph.get("Gender", [])
    if not gender:
        return True
    noun_gender = noun.morph.get("Gender", [])
    return bool(noun_gender) and set(noun_gender) <= set(gender)


# Relative pronouns a Czech according-to phrase may take ("podle kterého", "podle níž").
_RELATIVE_SOURCES = frozenset(["který", "jenž", "což"])


def _overlap(a: Span, b: Span) -> bool:
    return min(a[1], b[1]) > max(a[0], b[0])


def _with_punctuation(text: str, quote: Quote) -> Span:
    """The inside of a quotation with the comma before its closing mark ("optional,”"), so
    the joined pieces read as said."""
    end = quote.inner[1]
    while end < quote.end and text[end] in ",.;:!?…":
        end += 1
    return (quote.inner[0], end)


def _join_adjacent(mentions: list[Mention], text: str) -> list[Mention]:
    """Pieces of one phrase split by a parse error ("specialista na trhy" + "Petr Kysel")
    are one mention when only whitespace separates them."""
    out: list[Mention] = []
    for m in sorted(mentions, key=lambda m: m.span):
        if out and not text[out[-1].span[1] : m.span[0]].strip():
            prev = out[-1]
            words = [w for v in prev.variants[:1] for w in v] + [
                w for v in m.variants[:1] for w in v
            ]
            out[-1] = Mention((prev.span[0], m.span[1]), [words])
        else:
            out.append(m)
    return out


# Who can be cited as a source. What else is cited (statistics, a poll, documents) is
# evidence the speaker brings, and so part of the speaker's claim (as PolNeAR annotates it).
_SOURCE_NOUNS = frozenset("source official aide expert spokesman spokeswoman".split())


def _source_like(tok: Token) -> bool:
    """Could the object of "citing" be who is cited (a person or a named body)?"""
    return tok.pos_ in ("PROPN", "PRON") or tok.lemma_.lower() in _SOURCE_NOUNS


def _blank_quotes(text: str, start: int, end: int, quotes: list[Quote]) -> str:
    """text[start:end] with the marks of the given (title) quotations blanked out."""
    chars = list(text[start:end])
    for q in quotes:
        for pos in (q.start, q.end - 1):
            if start <= pos < end:
                chars[pos - start] = " "
    return "".join(chars)


_SMALL_WORDS = frozenset("a an the of and in on at to for with by".split())
# "on “Meet the Press.”", "the TV show “Shark Tank.”", "a book titled “Rule.”", "the “Make
# America Great Again” hat"
_BEFORE_TITLE = frozenset("on in to at of the show program book film series titled".split())


# "on CNN’s “State of the Union”", "NBC's ''Meet the Press''": an owner's show or work.
_OWNER = re.compile(r"^[A-Z][\w.&-]*['’]s$")


def _title_quote(text: str, q: Quote) -> bool:
    """ "on “Meet the Press.”": a short title-case quotation after a preposition names a show
    or a work, it is not speech."""
    words = text[q.inner[0] : q.inner[1]].strip(" .,").split()
    before = text[max(0, q.start - 12) : q.start].split()
    return (
        0 < len(words) <= 5
        and all(w[:1].isupper() or w in _SMALL_WORDS for w in words)
        and bool(before)
        and (before[-1].lower() in _BEFORE_TITLE or _OWNER.search(before[-1]) is not None)
    )


def _unmade_report(tok: Token, lex: Lexicon) -> bool:
    """ "His refusal to say…", "a failure to disclose…": an infinitive that completes a
    noun of not doing names a report that was not made."""
    return (
        tok.dep_ == "acl"
        and tok.head.lemma_.lower() in lex.word_set("unmade_report")
        and tok.head.i < tok.i
        and any(c.dep_ == "aux" and c.lower_ == "to" for c in tok.children)
    )


def _discourse_marker(tok: Token) -> bool:
    """ "You know, when I became governor…", "I mean, …": a filler, not a report. "That
    said, …" and "All told, …" opening a sentence are connectives (PolNeAR train: 9 such
    attributions, none right)."""
    doc = tok.doc
    if tok.i == 0 or tok.i + 1 >= len(doc) or doc[tok.i + 1].text != ",":
        return False
    before = doc[tok.i - 1]
    if tok.lower_ in ("know", "mean", "see"):
        return before.lower_ in ("you", "i")
    return (tok.lower_, before.lower_) in (("said", "that"), ("told", "all")) and (
        before.is_sent_start or before.i == 0 or doc[before.i - 1].is_punct
    )


_PREDICATE_PREPS = frozenset("as for over".split())
# Prepositions that go on with a clause interrupted by its attribution ("The case was
# helped, she said, by the calendar"), never the cue's own phrase.
_CONTINUING_PREPS = frozenset("by with including without than into".split())


def _object_predicate(tok: Token) -> bool:
    """Does this dependent of a verb say what its object is or why it is spoken of ("called
    him a liar", "described the plan as a disaster", "blamed her for the loss")?"""
    if tok.dep_ == "advcl":
        return _as_predicate(tok)
    return tok.dep_ == "oprd" or (tok.dep_ == "prep" and tok.lower_ in _PREDICATE_PREPS)


def _as_predicate(tok: Token) -> bool:
    """ "praised her as smart and tireless": a subjectless "as" clause says what the object
    is (the parser makes it an adverbial clause of the verb)."""
    return tok.left_edge.lower_ == "as" and not any(
        c.dep_ in ("nsubj", "nsubjpass", "expl") for c in tok.children
    )


def _adjunct(tok: Token) -> bool:
    """Does this dependent of a verb say when, where or in which medium ("during the debate",
    "in early-morning tweets", "on Monday") rather than continue the object?"""
    if tok.dep_ == "npadvmod":
        return True
    if tok.dep_ != "prep":
        return False
    if tok.lower_ in _ADJUNCT_PREPS:
        return True
    pobj = next((c for c in tok.children if c.dep_ == "pobj"), None)
    return (
        tok.lower_ in _SETTING_PREPS
        and pobj is not None
        and (pobj.lemma_.lower() in _SETTINGS or pobj.like_num)
    )


def _named_apposition(subj: Token | None) -> Token | None:
    """ "WASHINGTON -- President Obama, …, said" / "With 50 days until the election, Minyon
    Moore, a senior adviser, called": the parser made a dateline or a common noun the subject
    and the speaker's name its apposition."""
    if subj is None or not (
        subj.pos_ in ("NOUN", "NUM")  # "One of them, Apex Builders, has denied"
        or (subj.is_upper and len(subj.text) > 2)
        # '“…,” said the minister, John Smith': after a quotation the tagger may take the
        # lower-case role for a name
        or (subj.pos_ == "PROPN" and subj.is_lower)
    ):
        return subj
    if body_apposition(subj):
        return subj  # "The union IG Metall": the body's noun stays, with its name (sources.py)
    name = next((c for c in subj.children if c.dep_ == "appos" and c.i > subj.i), None)
    if name is None and subj.pos_ == "NOUN":
        # "The leader of the main opposition party in Moldavia, Andrei Popescu, said": the
        # parser hung the name on the phrase's last noun; a name closing the phrase after a
        # comma is still the speaker's
        name = next(
            (
                t
                for t in subj.subtree
                if t.dep_ == "appos"
                and t.head.i != subj.i
                and t.right_edge.i == max(k.i for k in subj.subtree if not k.is_punct)
                and subj.doc[t.left_edge.i - 1].text == ","
                # a person's first name and surname, not "Springfield, Illinois"
                and any(c.dep_ in ("compound", "flat") and c.pos_ == "PROPN" for c in t.children)
                and t.text != t.head.text
            ),
            None,
        )
    return name if name is not None and name.pos_ == "PROPN" else subj


def _phrase_head(name: Token) -> Token:
    """The role a speaker's name stands in apposition to ('“…,” the scientist, Dr. Helen
    Park, told the court'; "according to the governor, Oleh Syniehubov"), or the name."""
    while name.dep_ == "appos" and name.head.i < name.i:
        name = name.head
    return name


def _phrase_edge(subj: Token) -> Token:
    """Where the speaker's phrase starts: with the role the name stands in apposition to."""
    return _phrase_head(subj).left_edge


def _in_subtree(tok: Token, root: Token) -> bool:
    return root.left_edge.i <= tok.i <= root.right_edge.i


def _first_or_second_person(tok: Token) -> bool:
    person = tok.morph.get("Person", [])
    return bool(person) and person[0] in ("1", "2")


def _reduced_relative(tok: Token) -> bool:
    """ "said in an interview aired Sunday": a bare participle right after a noun, with no
    subject, auxiliary or subordinator, describes that noun; the parser's clause is no report."""
    return (
        tok.tag_ in ("VBN", "VBD")
        and tok.i > 0
        and tok.doc[tok.i - 1].pos_ in ("NOUN", "PROPN")
        and not any(
            c.dep_ in ("nsubj", "nsubjpass", "expl", "csubj", "aux", "auxpass", "mark")
            for c in tok.children
        )
    )


def _is_clause(tok: Token, lex: Lexicon) -> bool:
    if tok.dep_ in ("ccomp", "csubj", "csubj:pass"):
        return True
    if tok.pos_ not in ("VERB", "AUX", "ADJ", "NOUN", "PROPN", "PRON"):
        return False
    return any(c.dep_ == "mark" and c.lower_ in lex.marks for c in tok.children) and (
        tok.dep_ in ("advcl", "acl", "obl", "obj", "dep", "ccomp", "nmod", "xcomp", "parataxis")
    )


def _has_cue(tok: Token, lex: Lexicon) -> bool:
    """Is tok itself an attribution (a cue verb or a cue noun object with its clause)?"""
    cue = lex.verbs.get(tok.lemma_.lower())
    if cue is not None and any(_is_clause(c, lex) for c in tok.children):
        return True
    for c in tok.children:
        noun = lex.nouns.get(c.lemma_.lower())
        if (
            noun is not None
            and c.dep_ in ("obj", "dobj")
            and any(_is_clause(g, lex) for g in c.children)
        ):
            return True
    return False
