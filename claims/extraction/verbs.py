"""The constructions a cue verb is tried in, one named function each.

`lexicons/<lang>/constructions.tsv` lists, in order, the constructions a language uses; the
first that returns True has handled the cue (it emitted a candidate, or it decided that the
cue reports nothing). A new construction is a function here with `@construction`, a row in
the table of each language that has it, and a test.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from spacy.tokens import Token

from .lexicon import Cue
from .quotes import Quote
from .results import Span
from .segment import is_headline, preceding_statement
from .sources import RELATIVE, accusative, gender_clash, verbal_object

if TYPE_CHECKING:
    from .rules import SentenceRules

_DIR = Path(__file__).with_name("lexicons")
_QUOTE_MARKS = frozenset(("“", "”", '"', "''", "‘", "’", "„", "«", "»"))


@dataclass
class VerbCase:
    """One cue verb in one sentence, with what every construction needs to know."""

    tok: Token
    cue: Cue
    cue_span: Span
    stance: str
    subj: Token | None
    # The reported clause on the cue: one after the cue first when the language says so;
    # None when the clause after the cue is a quotation resuming.
    clause: Token | None
    _obj: list[Token | None] = field(default_factory=list)

    @property
    def obj(self) -> Token | None:
        """The cue's object (or an accusative the parser made its subject)."""
        if not self._obj:
            own = next(
                (
                    c
                    for c in self.tok.children
                    if c.dep_ in ("obj", "dobj")
                    or (c.dep_ == "nsubj" and (accusative(c) or gender_clash(c, self.tok)))
                ),
                None,
            )
            # "Opozice reformu odmítá": the object the parser hung on the subject
            hung = (
                next(
                    (
                        g
                        for c in self.tok.children
                        if c.dep_ == "nsubj"
                        for g in c.children
                        if verbal_object(g)
                    ),
                    None,
                )
                if own is None
                else None
            )
            self._obj.append(own or hung)
        return self._obj[0]


Construction = Callable[["SentenceRules", VerbCase], bool]
CONSTRUCTIONS: dict[str, Construction] = {}


def construction(fn: Construction) -> Construction:
    """Register a construction under its function name (the name used in the tables)."""
    CONSTRUCTIONS[fn.__name__] = fn
    return fn


@lru_cache(maxsize=4)
def constructions_for(lang: str) -> tuple[Construction, ...]:
    """The ordered constructions of a language, from lexicons/<lang>/constructions.tsv."""
    return load_table(_DIR / lang / "constructions.tsv")


def load_table(path: Path) -> tuple[Construction, ...]:
    """The constructions a table names, in its order; an unknown name is an error."""
    table: list[Construction] = []
    for number, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not raw.strip() or raw.startswith("#"):
            continue
        name = raw.split("\t")[0].strip()
        if name not in CONSTRUCTIONS:
            raise ValueError(
                f"{path}:{number}: no construction named {name!r}; define it in "
                f"claims/extraction/verbs.py with @construction or fix the row "
                f"(known: {', '.join(sorted(CONSTRUCTIONS))})"
            )
        table.append(CONSTRUCTIONS[name])
    return tuple(table)


@construction
def as_host(r: SentenceRules, v: VerbCase) -> bool:
    """ "Jak uvedl, cílem sdružení není…" / "As Trump said, …": the host clause is the
    content."""
    tok = v.tok
    if tok.dep_ != "advcl" or not any(c.lower_ in ("jak", "as") for c in tok.children):
        return False
    if _own_complement(tok):
        # "Rubio spoke over boos as he congratulated Clinton", "as she noted how happy she
        # was": a verb with its own complement says something of its own; the "as" is
        # temporal, the host clause is the reporter's (PolNeAR train: 1 in 5 right).
        return False
    if r.lex.uses("as_host_leads") and tok.head.i < tok.left_edge.i:
        # "…a tax on trades, as Sanders proposes.": trailing after its host verb, the "as"
        # clause backs the reporter's own statement, it does not report it (PolNeAR
        # train: 5 of 29 right)
        return True
    span = r._clause_span(tok.head, exclude=tok)
    if span:
        r._emit(span, r._cue_span(tok), v.stance, v.subj, "verb")
    return True


def _own_complement(tok: Token) -> bool:
    """The verb has an object or a clause of its own ("as he urged the party to…"); a pronoun
    ("as he put it", "jak to popsal") or an addressee ("as he told reporters") is none."""
    return tok.lemma_.lower() not in ("tell", "říci", "říct", "sdělit") and any(
        c.dep_ in ("dobj", "obj", "ccomp", "xcomp", "dative", "iobj") and c.pos_ != "PRON"
        for c in tok.children
    )


@construction
def source_phrase(r: SentenceRules, v: VerbCase) -> bool:
    """ "Vyplývá to z údajů ČSÚ", "Z průzkumu agentury STEM vyplývá, že…" (frame s): the
    source is the cue's "z" phrase, not its subject; "to" points at the statement before."""
    if "s" not in v.cue.frames:
        return False
    source = next(
        (
            c
            for c in v.tok.children
            if c.dep_.startswith(("obl", "nmod"))
            and any(k.dep_ == "case" and k.lower_ in _SOURCE_PREPS for k in c.children)
        ),
        None,
    )
    if source is None:
        return True  # a misparse ("Ze studie … vyplynulo" hung on "studie"): no speakerless claim
    source = publisher_of(source) or source
    if v.subj is not None and v.subj.lower_ in r.lex.word_set("statement_pronoun"):
        if r._emit(v.cue_span, v.cue_span, v.stance, source, "verb"):
            r.out[-1].anaphoric = True
            r.out[-1].antecedent = preceding_statement(r.text, v.cue_span[0], r.lex.lang)
        return True
    clause = v.clause
    span = r._clause_span(clause) if clause is not None and clause.i > v.tok.i else None
    if span:
        r._emit(span, v.cue_span, v.stance, source, "verb")
    return True


_PASSIVE = frozenset({"auxpass", "nsubjpass", "aux:pass", "nsubj:pass", "expl:pass"})


def publisher_of(source: Token) -> Token | None:
    """ "z údajů, které zveřejnil Úřad práce", "Studie, kterou zveřejnili vědci z Masarykovy
    univerzity, ukázala": who published the data or the study, named by its relative clause's
    subject; None when the clause names no one."""
    for clause in source.children:
        if clause.dep_ not in ("acl:relcl", "acl", "relcl") or clause.i < source.i:
            continue
        subject = next(
            (
                c
                for c in clause.children
                if c.dep_ == "nsubj"
                and c.i > clause.i
                and c.pos_ in ("PROPN", "NOUN")
                # "Úřad práce ČR", "vědci z Masarykovy univerzity": someone named
                and any(ch.isupper() for t in c.subtree for ch in t.text)
            ),
            None,
        )
        if subject is not None:
            return subject
    return None


# "z údajů", "ze zprávy": the preposition of a source phrase (frame s).
_SOURCE_PREPS = frozenset(["z", "ze"])


@construction
def clause_after(r: SentenceRules, v: VerbCase) -> bool:
    """ "said (that) X": the clause after the cue, with what hangs on the cue after it."""
    clause = v.clause
    if clause is None or clause.i <= v.tok.i:
        return False
    span = r._clause_span(clause)
    if not span:
        return False
    span = r._with_object_subject(v.tok, clause, span)
    span = r._with_trailing(v.tok, clause, span)
    span = r._before_next_report(v.tok, span, v.subj, clause)
    if r.lex.uses("clause_edges"):
        span = r._clause_edges(v.tok, clause, span)
    quote = r.quotes.after(v.cue_span[1])
    if quote is not None and quote.start <= span[0] < quote.end:
        lead = r._lead_in(quote, v.cue_span, v.subj)
        span = (lead, span[1]) if lead is not None else span
    segments = None
    if v.subj is not None and v.subj.head.i == clause.i and v.subj.i > v.tok.i:
        # "Any reading of his acts, said Ana Ruiz, an expert, would see…": the host clause's
        # subject before the inverted cue and the clause after the speaker were said
        host = next((c for c in v.tok.children if c.dep_ == "nsubj" and c.i < v.tok.i), None)
        if host is not None:
            doc = r.doc
            first = r.offset + doc[host.left_edge.i].idx
            last = v.subj.right_edge.i + (1 if v.subj.right_edge.text == "," else 2)
            rest = r.offset + doc[last].idx
            comma = doc[v.tok.i - 1]
            segments = [(first, r.offset + comma.idx), (rest, span[1])]
            span = (first, span[1])
    if r._emit(span, v.cue_span, v.stance, v.subj, "verb"):
        if segments is not None:
            r.out[-1].segments = segments
        r._quote_runs_on(span, v)
        r._quote_follows()
    return True


@construction
def adjacent_quote(r: SentenceRules, v: VerbCase) -> bool:
    """ "„…,“ řekl X" / "X said: “…”": the quotation next to the cue, resumed after an
    interrupting attribution."""
    quote: Quote | None = r._adjacent_quote(v.cue_span, v.subj)
    if (
        quote is not None
        and v.tok.dep_ in ("relcl", "acl:relcl")
        and quote.end <= r.offset + v.tok.head.idx
    ):
        # "“…,” one broker, who asked not to be named, told Reuters": the quotation before
        # the speaker belongs to the speaker's own verb, not to a relative clause on them
        return False
    if quote is not None and quote.end <= v.cue_span[0] and r._has_own_object(v.tok, v.cue):
        # "He has called China ''provocative,'' accusing it of X": the verb's object is
        # its content, the quotation before it belongs to the previous cue.
        quote = None
    if quote is None:
        return False
    span, segments = r._continued(quote, v.cue_span)
    clause = r._quote_in_clause(quote, v.cue_span, v.subj)
    if clause is not None and (segments is None or clause[1] == quote.end):
        # "Farmers had “lost the harvest” to the flood, the minister said": the quotation
        # is a piece of the clause that was said.
        if segments is None:
            r._emit((clause[0], max(clause[1], span[1])), v.cue_span, v.stance, v.subj, "verb")
            return True
        span, segments[0] = (clause[0], span[1]), (clause[0], segments[0][1])
    lead = r._lead_in(quote, v.cue_span, v.subj) if segments is None else None
    if lead is not None:
        # "Sooner or later, the governor said, “it will pay off”": the words before the
        # parenthetical attribution open what was said.
        span = (lead, span[1])
    if r._emit(span, v.cue_span, v.stance, v.subj, "verb", confidence=0.8, direct=quote):
        r.out[-1].segments = segments
    return True


@construction
def clause_around(r: SentenceRules, v: VerbCase) -> bool:
    """A clause before the cue ("X, řekl ministr"), run on through a parenthetical cue."""
    if v.clause is None:
        return False
    span = r._clause_span(v.clause)
    if not span:
        return False
    through = r._through_parenthetical(span, v.tok, v.subj)
    if r._emit(through, v.cue_span, v.stance, v.subj, "verb") and through != span:
        # "The budget will be balanced, the mayor said, by cutting X": the attribution inside
        # the clause is no part of what was said; the claim is the clause around it, as two
        # segments
        r.out[-1].segments = r._around_parenthetical(r.out[-1].content, v)
    return True


@construction
def infinitive(r: SentenceRules, v: VerbCase) -> bool:
    """ "promised to cut taxes" (frame x); "declined to answer further questions" reports
    nothing."""
    if "x" not in v.cue.frames:
        return False
    for c in v.tok.children:
        if c.dep_ == "xcomp" and c.i > v.tok.i:
            if c.lemma_.lower() in r.lex.word_set("no_comment"):
                return True
            if r.lex.uses("headline_bare_verb") and not _marked_infinitive(c) and _in_headline(r):
                # "Rail union threatens strike over X": a headline's noun the parser made a
                # bare verb; no infinitive, nothing promised or threatened to be done
                continue
            span = _infinitive_span(r, v.tok, c)
            obj = _infinitive_agent(v.tok, c)
            if span and obj is not None and r.lex.uses("object_of_infinitive"):
                # "urged the council to approve the budget": who is to act is part of it
                span = (r._tok_span(obj.left_edge, obj)[0], span[1])
            if span:
                r._emit(span, v.cue_span, v.stance, v.subj, "verb", confidence=0.5)
                return True
    return False


def _in_headline(r: SentenceRules) -> bool:
    """The sentence is on the text's first line, and that line is a headline."""
    first_line = r.text.find("\n")
    first_line = len(r.text) if first_line < 0 else first_line
    return not r.text[: r.offset + r.doc[0].idx].strip() and is_headline(r.text, 0, first_line)


def with_to(verb: Token) -> bool:
    """ "to cut taxes": the verb has its infinitive "to"."""
    return any(a.dep_ == "aux" and a.lower_ == "to" for a in verb.children)


def _marked_infinitive(inf: Token) -> bool:
    """ "to cut taxes", "cutting taxes": an infinitive with its "to", or a gerund."""
    return inf.tag_ == "VBG" or with_to(inf)


def _infinitive_span(r: SentenceRules, verb: Token, inf: Token) -> Span | None:
    """The infinitive's clause; with the infinitives coordinated after it ("pledged to reform
    the courts, fix the tax system and cut spending"; "promised to meet and in some cases
    exceed her goals": the parser hangs them on the cue), without a finite verb coordinated
    with it, which is the speaker's next act ("vowed not to repeat it and established…")."""
    if not r.lex.uses("infinitive_coordination"):
        return r._clause_span(inf)
    span: Span | None = None
    finite = next(
        (
            k
            for k in inf.children
            if k.dep_ == "conj"
            and k.tag_ in ("VBD", "VBZ")
            and not any(c.dep_ in ("nsubj", "nsubjpass") for c in k.children)
        ),
        None,
    )
    if finite is not None:
        cc = [k.i for k in inf.children if k.dep_ == "cc" and k.i < finite.left_edge.i]
        start = max(cc) if cc and max(cc) == finite.left_edge.i - 1 else finite.left_edge.i
        span = r._clause_span(inf, cut=(start, finite.right_edge.i))
    span = span or r._clause_span(inf)
    if span is None or verb.tag_ == "VB":
        return span
    last = inf.right_edge
    for k in sorted(verb.children, key=lambda t: t.i):
        if k.i <= last.i or k.is_punct or k.dep_ == "cc":
            continue
        gap = r.doc[last.i + 1 : k.left_edge.i]
        joined = all(t.is_punct or t.dep_ == "cc" for t in gap) and len(gap) <= 2
        if not joined or not (k.dep_ in ("xcomp", "conj") and _bare(k, verb)):
            break
        last = k.right_edge
    while last.i > inf.right_edge.i and last.is_punct:
        last = r.doc[last.i - 1]
    if last.i > inf.right_edge.i:
        span = (span[0], r._tok_span(last, last)[1])
    return span


def _bare(conj: Token, verb: Token) -> bool:
    """A bare verb coordinated with a cue in another tense, without a subject of its own,
    goes on with the cue's infinitive ("promised to meet and exceed"; the tagger reads the
    bare form as a present "exceed")."""
    if any(c.dep_ in ("nsubj", "nsubjpass") for c in conj.children):
        return False
    if conj.dep_ == "xcomp":
        return True
    return conj.tag_ == "VB" or (conj.tag_ == "VBP" and verb.tag_ in ("VBD", "VBZ", "VBN"))


def _infinitive_agent(verb: Token, infinitive: Token) -> Token | None:
    """The object between a cue and its infinitive, who is to act: "urged the council to
    approve", "called on the governor to resign"."""
    for o in verb.children:
        if not verb.i < o.i < infinitive.i:
            continue
        if o.dep_ == "dobj":
            return o
        if o.dep_ == "prep" and o.lower_ == "on":
            return next((p for p in o.children if p.dep_ == "pobj"), None)
    return None


@construction
def call_for(r: SentenceRules, v: VerbCase) -> bool:
    """ "called for an investigation": the demand is the object of "for"."""
    tok = v.tok
    if tok.lemma_.lower() != "call":
        return False
    prep = next((c for c in tok.children if c.lower_ == "for" and c.i > tok.i), None)
    pobj = next((c for c in prep.children if c.dep_ == "pobj"), None) if prep else None
    if prep is None or pobj is None:
        return _call_for_clause(r, v)
    span = r._clause_span(pobj)
    if not span:
        return False
    if r.lex.uses("call_for_clause"):
        # "called for the mayor to resign" with the infinitive hung on the cue: the demand
        # is the whole phrase
        inf = next(
            (
                c
                for c in tok.children
                if c.dep_ in ("advcl", "xcomp")
                and c.left_edge.i == pobj.right_edge.i + 1
                and c.left_edge.lower_ == "to"
            ),
            None,
        )
        if inf is not None:
            span = (span[0], r._tok_span(inf.right_edge, inf.right_edge)[1])
    cue_end = r._tok_span(prep, prep)[1]
    r._emit(span, (v.cue_span[0], cue_end), "orders", v.subj, "verb")
    return True


def _call_for_clause(r: SentenceRules, v: VerbCase) -> bool:
    """ "called for the mayor to resign": the parser makes "for" the mark of an infinitive
    clause with its own subject; the clause after "for" is the demand."""
    if not r.lex.uses("call_for_clause"):
        return False
    for c in v.tok.children:
        if c.dep_ != "advcl" or c.i < v.tok.i:
            continue
        mark = next((m for m in c.children if m.dep_ == "mark" and m.lower_ == "for"), None)
        if (
            mark is None
            or mark.i != v.tok.i + 1
            or not any(s.dep_ in ("nsubj", "nsubjpass") for s in c.children)
            or not with_to(c)
        ):
            continue
        right = c.right_edge
        while right.i > c.i and right.is_punct:
            right = r.doc[right.i - 1]
        span = r._tok_span(r.doc[mark.i + 1], right)
        r._emit(span, (v.cue_span[0], r._tok_span(mark, mark)[1]), "orders", v.subj, "verb")
        return True
    return False


@construction
def anaphoric_object(r: SentenceRules, v: VerbCase) -> bool:
    """ "Řekl to ministr", "Svaz to zpochybňuje", "rejected the report": the cue refers to
    an earlier statement (found later by the document window)."""
    obj, cue = v.obj, v.cue
    if (
        v.tok.dep_ in ("relcl", "acl:relcl")
        and (obj is None or obj.lower_ in RELATIVE)
        and v.tok.head.lemma_.lower() not in r.lex.nouns
        and v.tok.head.lower_ not in r.lex.anaphors
    ):
        # "the shootings that Obama mentioned", "the sum both campaigns devoted": the object
        # is the noun the relative clause hangs on, not an earlier claim (PolNeAR train: 27
        # such attributions, none right). A noun that names a statement ("…, a charge the
        # mayor's office rejected") still answers the claim at issue.
        return False
    if any(c.dep_ in _PASSIVE for c in v.tok.children) or (
        v.tok.dep_ in ("amod", "acl") and v.tok.tag_ == "VBN"
    ):
        # "The proposal was rejected by 64 percent", "the now-denied pipeline", "the plan
        # rejected on Monday": the verb says what befell a thing, not what its subject
        # answered to an earlier claim (PolNeAR train: 8 such attributions, none right)
        return False
    if (
        obj is not None
        and v.stance == "asserts"
        and obj.lemma_.lower() in r.lex.word_set("opposite")
        and not any(c.dep_ not in ("det", "amod") for c in obj.children)
    ):
        # "Lékařská komora tvrdí opak": asserting the opposite denies the claim at issue
        # (English "says the opposite" is not in the word set: PolNeAR train -1 TP, +1 FP)
        if r._emit(v.cue_span, v.cue_span, "denies", v.subj, "verb"):
            r.out[-1].anaphoric = True
        return True
    # "called the report unfair" states something of the report; "called it a lie" (the
    # falsehood words make the stance a denial) denies the claim at issue
    predicate = (
        any(
            c.dep_ == "oprd"
            # "described it as a serious lapse": the "as" phrase after the pronoun says
            # what it is, like "called it a disgrace"
            or (c.dep_ == "prep" and c.lower_ == "as" and obj is not None and c.i > obj.i)
            for c in v.tok.children
        )
        and v.stance != "denies"
    )
    denial = cue.stance in ("denies", "doubts")
    if obj is None and _with_that(v.tok):
        # "Odbory s tím nesouhlasí": agreeing or not "with that" answers the claim at issue,
        # or the statement just before when that one is unclaimed (as a denial by "to")
        if r._emit(v.cue_span, v.cue_span, v.stance, v.subj, "verb"):
            r.out[-1].anaphoric = True
            r.out[-1].statement = preceding_statement(
                r.text, v.cue_span[0], r.lex.lang, join_short=False
            )
        return True
    if obj is None and v.stance == "asserts" and _about_that(v.tok):
        # "Informoval o tom Český statistický úřad", "Píše o tom server iRozhlas.cz": a lede
        # attributed after it, like "Řekl to ministr": the statement just before
        subj = _unglue_about_that(v.tok) or v.subj
        if r._emit(v.cue_span, v.cue_span, v.stance, subj, "verb"):
            r.out[-1].anaphoric = True
            r.out[-1].relay = True
            r.out[-1].antecedent = preceding_statement(r.text, v.cue_span[0], r.lex.lang)
        return True
    if not (
        (
            obj is not None
            and obj.lower_ in r.lex.anaphors
            and not predicate
            # "odmítl spekulace o tom, že by…": the noun says what is denied
            and not r._noun_clause_on_pronoun(obj)
        )
        # "denied", "countered": a bare denial answers the claim at issue; a verb that
        # refuses an act or rejects a thing ("declined", "refused": no clause frame) with
        # nothing after it answers no claim ("Asked to apologise, he declined"; "income
        # declined by 2%": PolNeAR train, 14 such answers, none right), unless it is a
        # relative clause on what it answers ("a charge the mayor's office rejected")
        or (obj is None and denial and ("c" in cue.frames or v.tok.dep_ in ("relcl", "acl:relcl")))
        or (
            denial
            and obj is not None
            and not predicate
            and _definite_noun(obj)
            # "denied the request for comment": rejecting an act states no claim
            and obj.lemma_.lower() not in r.lex.word_set("non_proposition")
            and not r._noun_clause_on_pronoun(obj)
        )
    ):
        return False
    if r._emit(v.cue_span, v.cue_span, v.stance, v.subj, "verb"):
        r.out[-1].anaphoric = True
        if obj is not None and obj.pos_ == "NOUN":
            r.out[-1].names = obj.lemma_.lower()
            owner = next(
                (
                    c
                    for c in obj.children
                    # "Orbán's assertion", "the court's findings"
                    if c.dep_ in ("poss", "nmod:poss") and c.pos_ in ("PROPN", "NOUN")
                ),
                None,
            )
            if owner is not None:
                r.out[-1].owner = owner.text.removesuffix("'s").removesuffix("’s")
        # A report ("Řekl to ministr") states the sentence before it; a denial ("Svaz to
        # zpochybňuje") answers the claim at issue, found by the window, unless the
        # statement just before is unclaimed: "Severní Korea dodává Rusku granáty. Kreml to
        # popřel." denies that statement, not an earlier claim.
        statement = obj is not None and obj.lower_ in r.lex.word_set("statement_pronoun")
        if statement and v.stance not in ("denies", "doubts"):
            r.out[-1].antecedent = preceding_statement(r.text, v.cue_span[0], r.lex.lang)
        elif statement:
            r.out[-1].statement = preceding_statement(
                r.text, v.cue_span[0], r.lex.lang, join_short=False
            )
        elif obj is not None and obj.pos_ == "NOUN":
            # "COGAT rejected the report as false": with nothing reported before, the
            # report named is what is denied.
            r.out[-1].fallback = r._tok_span(obj.left_edge, obj.right_edge)
    return True


def _pronoun_phrase(tok: Token, pronouns: tuple[str, ...], preps: tuple[str, ...]) -> bool:
    """An oblique pronoun with its preposition on the cue ("s tím", "o tom", "with that")."""
    return any(
        c.dep_.startswith("obl")
        and c.lower_ in pronouns
        and any(k.dep_ == "case" and k.lower_ in preps for k in c.children)
        for c in tok.children
    )


def _with_that(tok: Token) -> bool:
    """ "s tím (ne)souhlasí", "with that": a comitative "that" on the cue."""
    return _pronoun_phrase(tok, ("tím", "tímto", "that", "this"), ("s", "se", "with"))


def _speaking_relative(r: SentenceRules, clause: Token) -> bool:
    """ "(officials) who said X", "(analytiky), kteří uvedli, že X": a relative clause whose
    pronoun speaks, by a speech cue with a reported clause of its own."""
    cue = r.lex.verbs.get(clause.lemma_.lower())
    return (
        clause.dep_ in ("relcl", "acl:relcl")
        and cue is not None
        and cue.report == "speech"
        and any(
            c.dep_.startswith("nsubj") and r.lex.word_set("speaking_relative") & {c.lower_}
            for c in clause.children
        )
        and r._clause(clause) is not None
    )


def _about_that(tok: Token) -> bool:
    """ "informoval o tom", "O tom píše": an "about that" on the cue (Czech "o tom/tomto"),
    read from the words next to it as well (the parser may make "tom" a determiner of the
    subject: "Informovala o tom agentura Reuters")."""
    doc = tok.doc
    after = [t.lower_ for t in doc[tok.i + 1 : tok.i + 3]]
    before = [t.lower_ for t in doc[max(0, tok.i - 2) : tok.i]]
    return any(
        words[:1] == ["o"] and words[1:2] in (["tom"], ["tomto"]) for words in (after, before)
    ) or _pronoun_phrase(tok, ("tom", "tomto"), ("o",))


def _unglue_about_that(verb: Token) -> Token | None:
    """ "Informovala o tom agentura Reuters", "Píše o tom server Novinky.cz": the parser
    made "o tom" part of the noun after it (the subject, or "about that server"). Hang it
    back on the verb; the noun is the subject, returned (None when nothing was glued)."""
    that = next(
        (
            t
            for t in verb.doc[verb.i + 1 : verb.i + 3]
            if t.lower_ in ("tom", "tomto") and t.dep_ == "det" and t.head.i > t.i
        ),
        None,
    )
    if that is None or that.head.pos_ not in ("NOUN", "PROPN"):
        return None
    noun = that.head
    glued = [c for c in noun.children if c.i < noun.i and c.lower_ == "o"]
    that.head, that.dep_ = verb, "obl:arg"
    for c in glued:
        c.head, c.dep_ = that, "case"
    if noun.head.i == verb.i:
        noun.dep_ = "nsubj"
    return noun


def _definite_noun(obj: Token) -> bool:
    """ "denied the transfers", "rejected Seoul's claims": a definite object of a denial names
    something already spoken of, so it answers the claim at issue when one is near (else the
    object is the content, as before)."""
    return (
        obj.pos_ == "NOUN"
        and any(
            (c.dep_ == "det" and c.lower_ in ("the", "these", "those", "such")) or c.dep_ == "poss"
            for c in obj.children
        )
        and not _states_its_content(obj)
    )


def _states_its_content(noun: Token) -> bool:
    """ "rejected the notion that the campaign is corrupt", "denied the claim that he lied":
    the noun's own "that" clause says what is denied; nothing earlier is referred to."""
    return any(
        c.dep_ in ("acl", "ccomp")
        and any(m.dep_ == "mark" and m.lower_ in ("that", "že") for m in c.children)
        for c in noun.children
    )


@construction
def evidence_object(r: SentenceRules, v: VerbCase) -> bool:
    """ "A recent survey found 90 percent support for X", "One 2009 paper found improvements
    in math scores": an evidence verb whose subject is a study or poll (word set
    `evidence_source`) reports its object, whatever the verb's object frame."""
    obj = v.obj
    if (
        v.cue.report != "evidence"
        or obj is None
        or obj.i <= v.tok.i
        or v.subj is None
        or v.subj.lemma_.lower() not in r.lex.word_set("evidence_source")
        or obj.pos_ not in ("NOUN", "PROPN", "NUM")
    ):
        return False
    span = r._object_span(v.tok, obj)
    if not span:
        return False
    r._emit(span, v.cue_span, v.stance, v.subj, "verb", confidence=0.4)
    return True


@construction
def relative_label(r: SentenceRules, v: VerbCase) -> bool:
    """ "a plan, which the mayor called a disaster", "Ms. Kelly, whom he describes as a fierce
    negotiator": the relative pronoun is the object and the complement after the cue labels
    it; from the pronoun to the end of the label is what the speaker asserts (its antecedent
    is what the pronoun stands for)."""
    obj = v.obj
    if (
        "o" not in v.cue.frames
        or v.tok.dep_ not in ("relcl", "acl:relcl")
        or obj is None
        or obj.lower_ not in RELATIVE
        or obj.i >= v.tok.i
    ):
        return False
    labels = [
        c
        for c in v.tok.children
        if c.i > v.tok.i
        and (
            c.dep_ == "oprd"
            or (c.dep_ == "prep" and c.lower_ == "as" and any(g.dep_ == "pobj" for g in c.children))
        )
    ]
    if not labels:
        return False
    toks = list(r.doc[obj.i : labels[-1].right_edge.i + 1])
    while toks and toks[-1].is_punct and toks[-1].text not in _QUOTE_MARKS:
        toks.pop()
    r._emit(r._tok_span(toks[0], toks[-1]), v.cue_span, v.stance, v.subj, "verb", confidence=0.4)
    return True


@construction
def object_content(r: SentenceRules, v: VerbCase) -> bool:
    """ "ocenil X za podporu Y", "called the report a lie" (frame o, or p when the object
    must state something): the object."""
    obj = v.obj
    frames = v.cue.frames
    if obj is None or not ("o" in frames or "p" in frames):
        return False
    held = r._noun_clause_on_pronoun(obj)
    if held and obj.lower_ in r.lex.anaphors:
        # "odmítl spekulace o tom, že by banka zvýšila sazby", "Spekulace o tom, že…, odmítl":
        # what the noun holds is the claim
        span = r._clause_span(held[0])
        if span:
            r._emit(span, v.cue_span, v.stance, v.subj, "verb")
            return True
    if obj.i <= v.tok.i:
        return False
    if any(
        c.dep_ == "acl" and c.lemma_.lower() in r.lex.verbs and r._clause(c) is not None
        for c in obj.children
    ):
        return False  # "issued a statement warning that X": the participle reports X
    if any(_speaking_relative(r, c) for c in obj.children):
        # "cited three officials who said X": the officials' report is the claim, not them
        return True
    if any(
        c.dep_ == "det" and c.lemma_.lower() in ("no", "žádný") for c in obj.children
    ) and not any(
        any(m.dep_ == "mark" and m.lower_ in r.lex.marks for m in c.children) for c in obj.children
    ):
        # "offered no evidence to support it", "nepředložil žádné důkazy": nothing was stated
        # ("offered no proof that X" still reports X, as PolNeAR has it)
        return False
    if obj.lemma_.lower() in r.lex.word_set("non_proposition") and not any(
        c.dep_ in ("acl", "ccomp", "relcl") for c in obj.children
    ):
        return False  # "rejected a request from carmakers": an act, neither true nor false
    span = r._object_span(v.tok, obj)
    # Frame p, or a language that says so: only an object that states something ("posted
    # a video" names a thing; "claimed victory" owns one).
    needs_proposition = "o" not in frames or r.lex.uses("object_proposition")
    # Frame p: a participle describing the object ("posted a video showing X") does not
    # make it a statement; the participle, if it reports, is a claim of its own.
    described = "o" in frames
    if not span or (needs_proposition and not r._proposition(obj, described=described)):
        return False
    r._emit(span, v.cue_span, v.stance, v.subj, "verb", confidence=0.4)
    return True


@construction
def predicate_complement(r: SentenceRules, v: VerbCase) -> bool:
    """ "called both Trump and Clinton “crazy”", "called her “third-rate”": the parser lost the
    object and made a quoted complement (and often the person too) a predicate of the cue;
    from after the cue to the last complement is what the speaker asserts."""
    if "o" not in v.cue.frames or v.obj is not None or v.tok.dep_ in ("acl", "amod"):
        return False  # "a website called “The Local”" names a thing
    complements = [c for c in v.tok.children if c.dep_ == "oprd" and c.i > v.tok.i]
    if not complements:
        return False
    last = complements[-1].right_edge
    first = r.doc[v.tok.i + 1]
    after = r.doc[last.i + 1] if last.i + 1 < len(r.doc) else None
    if after is not None and after.text in _QUOTE_MARKS:
        # "called Florida's standards “strong.”": the parser hung the short quotation right
        # after the complement elsewhere; it is the complement's label
        quote = r.quotes.after(r.offset + after.idx)
        if quote is not None and quote.start == r.offset + after.idx and quote.words <= 6:
            last = max(
                (t for t in r.doc[after.i :] if r.offset + t.idx < quote.end),
                key=lambda t: t.i,
            )
    if first.i > last.i or not any(t.text in _QUOTE_MARKS for t in r.doc[first.i : last.i + 1]):
        return False  # only the quoted complement misparse; "called him a liar" has its object
    toks = list(r.doc[first.i : last.i + 1])
    while toks and toks[-1].is_punct and toks[-1].text not in _QUOTE_MARKS:
        toks.pop()
    if not toks:
        return False
    r._emit(r._tok_span(toks[0], toks[-1]), v.cue_span, v.stance, v.subj, "verb", confidence=0.4)
    return True


@construction
def postposed(r: SentenceRules, v: VerbCase) -> bool:
    """ "Acts of protest, Mr. Obama said, are…", "Armáda ztratila tři tanky, dodalo RFE/RL":
    the parser hung the cue on its content (parataxis or a coordination)."""
    tok = v.tok
    if v.subj is None or not (
        tok.dep_ == "parataxis" or r._postposed(tok) or r._inverted_postposed(tok)
    ):
        return False
    head = tok.head
    if head.left_edge.i < tok.i < head.right_edge.i and head.i > tok.i:
        # The parenthetical cue sits inside its content, which is taken whole.
        span = r._clause_span(head)
    else:
        span = r._clause_span(head, exclude=tok)
        if span and any(
            c.i > tok.right_edge.i
            and ((c.dep_ == "advcl" and c.tag_ == "VBG") or c.lower_ in r.lex.preps)
            for c in head.children
        ):
            # "…next week, two of the people said, asking not to be identified": the
            # participle after the cue is the speaker's, not the content's; "…, the
            # commission said, according to Reuters": so is who relays it
            first = min(tok.left_edge.i, v.subj.left_edge.i)
            end = r.offset + r.doc[first].idx
            while end > span[0] and r.text[end - 1] in " ,\u2013\u2014-":
                end -= 1
            span = (span[0], end) if end > span[0] else None
    if not span:
        return False
    if r.lex.uses("postposed_through") and span[1] <= r.offset + tok.idx:
        # "But it is a better use of money, he added, to build a school": what the parser
        # hung on the parenthetical cue after it goes on with the content
        span = r._through_parenthetical(span, tok, v.subj)
    r._emit(span, v.cue_span, v.stance, v.subj, "verb", confidence=0.5)
    return True


@construction
def prep_object(r: SentenceRules, v: VerbCase) -> bool:
    """ "talked about the economy", "blamed him for the loss" (frame +about+for)."""
    if not v.cue.preps:
        return False
    r._prep_object(v.tok, v.cue_span, v.cue.preps, v.stance, v.subj)
    return True
