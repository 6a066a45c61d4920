"""Source (speaker) phrases: which tokens, split into one mention per coordinated party.

Two kinds of coordination behave differently: nouns ("Moskva a Pchjongjang") are separate
parties with separate spans; adjectives on one noun ("amerických a jihokorejských činitelů")
are separate parties sharing one span, so each gets its own variant of the phrase to resolve.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import simplemma
from spacy.tokens import Token

from .kinds import word_classes
from .lexicon import load_lexicon
from .registry import MentionWord
from .results import Span

_CUT_DEPS = frozenset(
    [
        "acl",
        "acl:relcl",
        "relcl",
        "appos",
        "punct",
        "cc",
        "conj",
        "parataxis",
        "advcl",
        "ccomp",
        "xcomp",
        "dep",
        "mark",
        "case",
        "cop",
        "nsubj",
        "obj",
        "dobj",
        "iobj",
    ]
)
# Czech "Ten/Ta" opening a sentence ("Nemocnici vede Alena Dvořáková. Ta oznámila…") points
# back like "on/ona"; the tagger makes it a determiner, so it is listed
_PERSONAL = frozenset(["he", "she", "him", "her", "on", "ona", "jeho", "jej", "jí", "ten", "ta"])
_PLURAL = frozenset(["they", "them", "oni", "ony", "ona", "je", "ti"])
_NEUTER = frozenset(["it", "ono"])
RELATIVE = frozenset(
    ["who", "which", "that", "který", "která", "které", "kteří", "jenž", "jež", "již"]
)


@dataclass
class Mention:
    span: Span
    variants: list[list[MentionWord]] = field(default_factory=list)
    pronoun: str = ""  # "person" | "plural" | "thing" when the source is a pronoun
    # "Anna Titareva, an economist at UBS": a title in apposition after the name
    role_after: str = ""
    # "said Olena, a 64-year-old resident", "said Ahmed, who runs a bakery": a lone name its
    # description makes a person's (see `described_person`)
    person: bool = False


def _initial(tok: Token, head: Token) -> bool:
    """ "Tomáš G. Novák": the parser may hang a middle initial on the first name as
    punctuation; it is part of the name when a name word follows it."""
    return (
        tok.dep_ == "punct"
        and len(tok.text) == 2
        and tok.text[0].isupper()
        and tok.text[1] == "."
        and head.pos_ == "PROPN"
        and tok.i + 1 < len(tok.doc)
        and tok.doc[tok.i + 1].pos_ == "PROPN"
    )


def _stray_from_clause(child: Token, head: Token) -> bool:
    """ "Podle průzkumu agentury Median lékařům v Česku věří…": the clause's dative object,
    hung on the source after it (as a noun in the dative, or as an adjective in a case its
    noun does not have); a Czech source's phrase holds no dative (the medium told is
    `_given_to_medium`'s) and an adjective agrees with its noun in case."""
    if child.dep_ not in ("amod", "nmod") or child.i < head.i:
        return False
    mine, theirs = set(child.morph.get("Case", [])), set(head.morph.get("Case", []))
    if child.dep_ == "nmod":
        return mine == {"Dat"} and bool(theirs) and "Dat" not in theirs
    return bool(mine and theirs) and not mine & theirs


def medium_adjective(child: Token) -> bool:
    """ "řekl Hrubeš Českému rozhlasu": the tagger made the medium's capitalised adjective a
    part of the name before it; a dative medium noun right after it, and the adjective's own
    dative ending, say whose word it is ("Eva Krátká serveru…" keeps its surname)."""
    doc = child.doc
    after = doc[child.i + 1] if child.i + 1 < len(doc) else None
    if after is None or doc.lang_ != "cs" or child.dep_ != "flat" or after.head.i == child.i:
        return False
    feminine = "Fem" in after.morph.get("Gender", [])
    return (
        "Dat" in after.morph.get("Case", [])
        and word_classes("cs").of(after.lemma_) == "media"
        and child.lower_.endswith(("ému", "ímu", *(("é", "í") if feminine else ())))
    )


def _stands_behind(child: Token, head: Token) -> bool:
    """ "Podle analytiků za poklesem stojí drahé energie": "za" with the instrumental after a
    Czech source is what stands behind something ("stát za"), the clause's, not a part of the
    source ("poslanec za ODS" takes the accusative)."""
    return (
        head.doc.lang_ == "cs"
        and child.dep_ in ("nmod", "obl")
        and child.i > head.i
        and "Ins" in child.morph.get("Case", [])
        and any(k.dep_ == "case" and k.lower_ == "za" for k in child.children)
    )


def _phrase_tokens(head: Token, skip: Token | None) -> list[Token]:
    keep = [head]
    # A nominative noun cannot sit inside an oblique phrase ("Podle Putina Rusko zvýší"):
    # the parser glued the next clause's subject onto the source.
    oblique = bool(head.morph.get("Case", [])) and "Nom" not in head.morph.get("Case", [])
    stack = [
        c
        for c in head.children
        if (
            c.dep_ not in _CUT_DEPS
            or _initial(c, head)
            or _describes(c, head)
            or misattached(c, head)
            or (c.dep_ == "appos" and body_apposition(head) == c)
        )
        and (skip is None or c.i != skip.i)
        and not _given_to_medium(c)
        and not _setting_after_name(c, head)
        and not _stands_behind(c, head)
        and not medium_adjective(c)
        and not _stray_from_clause(c, head)
        and not citation(c)
        and not verbal_object(c)
        and not (head.pos_ == "PRON" and c.dep_ == "advmod")  # "podle něj jinak"
        and not (
            oblique
            and c.i > head.i
            and "Nom" in c.morph.get("Case", [])
            and not _body_name_after(c, head)
            # "uvedla v odůvodnění předsedkyně senátu Alena Šimková": the role's own name;
            # the tagger read the role's case wrong
            and not (head.pos_ == "NOUN" and c.dep_ == "flat" and c.pos_ == "PROPN")
        )
    ]
    while stack:
        tok = stack.pop()
        keep.append(tok)
        stack.extend(
            c
            for c in tok.children
            if c.dep_ not in ("acl:relcl", "relcl")
            and (c.dep_ != "punct" or _initial(c, tok))
            and not _given_to_medium(c)
            and not medium_adjective(c)
        )
    return sorted(keep, key=lambda t: t.i)


# Prepositions of a setting: where or when the speaker spoke ("na síti X", "v pořadu", "po
# jednání vlády"), not who the speaker is.
_SETTING_PREPOSITIONS = frozenset("na v ve po při během od před".split())


def _occasion(child: Token) -> bool:
    """A Czech phrase saying where or when the source spoke or found ("na sociální síti",
    "v rozhovoru", a survey "z letošního jara"), not what happened when: the attribution's."""
    words = load_lexicon("cs").word_set
    lemma = child.lemma_.lower()
    cases = {k.lower_ for k in child.children if k.dep_ == "case"}
    return (lemma in words("when") and bool(cases & {"z", "ze"})) or (
        lemma in words("setting") and bool(cases & _SETTING_PREPOSITIONS)
    )


def _setting_after_name(child: Token, head: Token) -> bool:
    """ "Předseda hnutí ANO Andrej Babiš na síti X napsal": a Czech prepositional phrase after
    the speaker's name says where the statement was made and is no part of the speaker, as
    does one naming a medium or an occasion after any speaker ("napsala primátorka na
    sociální síti", not "velvyslanec na Slovensku"); one holding a number ("v letech 2019 až 2021") says when, after any speaker."""
    if head.doc.lang_ != "cs" or child.dep_ not in ("nmod", "obl") or child.i < head.i:
        return False
    if _occasion(child):
        return True
    if not any(k.dep_ == "case" and k.lower_ in _SETTING_PREPOSITIONS for k in child.children):
        return False
    if any(t.like_num for t in child.subtree):
        return True  # "podle soudu v letech 2019 až 2021 připravil…": when, not who
    names = [c.i for c in head.children if c.dep_ == "flat" and c.pos_ == "PROPN"]
    if head.pos_ == "PROPN" or (
        # "Vondráček od začátku tvrdí": a surname the tagger took for a common noun, which
        # no word class claims (not "Velvyslanec na Slovensku", a role)
        head.pos_ == "NOUN" and head.text[:1].isupper() and not word_classes("cs").of(head.lemma_)
    ):
        names.append(head.i)
    return bool(names) and child.i > max(names)


def past_setting(source: Token, last: int) -> int:
    """The source phrase's last token, past an occasion right after it ("Podle ministra Jana
    Nováka na síti X daně vzrostou", "podle průzkumu agentury STEM z letošního jara"): it
    belongs to the attribution, not to what was said. A time of what happened stays in the
    claim ("Kolář podle soudu v letech 2018 až 2020 připravil obec…")."""
    if source.doc.lang_ != "cs":
        return last

    def after(end: int) -> Token | None:
        return next(
            (
                t
                for t in source.subtree
                if t.left_edge.i == end + 1
                and t.head.i <= end
                and t.dep_ in ("nmod", "obl")
                and _occasion(t)
            ),
            None,
        )

    while (occasion := after(last)) is not None:
        last = occasion.right_edge.i
    return last


def citation(tok: Token) -> bool:
    """ "s odvoláním na dva představitele vlády": the source the speaker cites, no part of the
    speaker."""
    return tok.lemma_.lower() in load_lexicon(tok.doc.lang_).word_set("citing") and any(
        k.dep_ == "case" and k.lower_ == "s" for k in tok.children
    )


def verbal_object(child: Token) -> bool:
    """ "Opozice reformu odmítá": a bare Czech accusative modifies no noun; it is the verb's
    object the parser hung on the subject."""
    return (
        child.doc.lang_ == "cs"
        and child.dep_ == "nmod"
        and child.morph.get("Case", []) == ["Acc"]
        and not any(k.dep_ == "case" for k in child.children)
    )


def _body_name_after(name: Token, head: Token) -> bool:
    """ "deníku Právo", "agentury Median": a body's common noun with its name right after it,
    which stays in the nominative whatever the noun's case."""
    return (
        name.i == head.i + 1
        and name.text[:1].isupper()
        and word_classes(head.doc.lang_).of(head.lemma_) in ("media", "organisation")
    )


def _role_after(head: Token) -> str:
    """ "Luis Planas, the agriculture minister", "Anna Titareva, an economist at UBS": the
    title a name's apposition gives it, as written without its article; "" if none."""
    if head.pos_ != "PROPN":
        return ""
    classes = word_classes(head.doc.lang_)
    for c in head.children:
        if c.dep_ == "appos" and c.i > head.i and c.pos_ == "NOUN" and classes.is_role(c.lemma_):
            start = c.left_edge.i + (c.left_edge.dep_ == "det")
            end = c.right_edge.i + 1
            # "the group's policy director, who called on…": the title ends before its
            # relative clause
            end = min([end, *(r.left_edge.i for r in c.children if r.dep_ == "relcl")])
            # as written: "the company's chief executive", not "company 's chief executive"
            return head.doc[start:end].text.strip(" ,") if start < end else ""
    return ""


def described_person(head: Token) -> bool:
    """An English name described after it as a person's: by an age ("Olena, a 64-year-old
    resident", "Maria, 34,") or by a relative "who" ("Ahmed, who runs a bakery"), on the name
    or on its apposition. A lone name is otherwise taken for a body ("Hamas")."""
    if head.doc.lang_ != "en" or head.pos_ != "PROPN":
        return False
    after = [c for c in head.children if c.i > head.i]
    described = [head, *(c for c in after if c.dep_ == "appos")]
    if any(
        c.dep_ == "appos"
        and (c.like_num or any(t.lower_ == "old" and t.i > c.left_edge.i for t in c.subtree))
        for c in after
    ):
        return True
    return any(
        r.dep_ == "relcl"
        and r.i > head.i
        and any(k.dep_ == "nsubj" and k.lower_ == "who" for k in r.children)
        for d in described
        for r in d.children
    )


def body_apposition(head: Token) -> Token | None:
    """ "the union IG Metall": a body's common noun with its proper name right after it; the
    name is the speaker, and the noun says it is a body."""
    # English only: a Czech body noun before a name is mostly the person's title ("předseda
    # Soudcovské unie Libor Vávra")
    if head.doc.lang_ != "en" or head.pos_ != "NOUN":
        return None
    if word_classes("en").of(head.lemma_) not in (
        "organisation",
        "media",
    ):
        return None
    return next(
        (
            c
            for c in head.children
            if c.dep_ == "appos"
            and c.pos_ == "PROPN"
            and c.left_edge.i == head.i + 1  # "the union IG Metall"; with commas, the name alone
        ),
        None,
    )


def misattached(conj: Token, head: Token) -> bool:
    """ "ředitel Brněnských vodáren a kanalizací Radek Šimeček": a conjunct in another case than
    its head continues the genitive before it (the parser hung it on the head); it names no
    second party. Conjuncts agree in case; English marks none, so this never fires there."""
    if conj.dep_ != "conj" or conj.i < head.i:
        return False
    mine, theirs = set(conj.morph.get("Case", [])), set(head.morph.get("Case", []))
    return bool(mine and theirs) and not mine & theirs


def _given_to_medium(child: Token) -> bool:
    """ "ekonom Jan Čermák pro server Novinky.cz řekl", "řekl Jágr Deníku": the medium the
    statement was given to is not part of the speaker ("ministr pro místní rozvoj" is: no
    medium)."""
    if word_classes(child.doc.lang_).of(child.lemma_) != "media":
        return False
    if any(k.dep_ == "case" and k.lower_ == "pro" for k in child.children):
        return True
    # a capitalised medium right after a person's name, in the dative ("Jágr Deníku"), or
    # right before the verb after any speaker ("Ministr financí ČTK sdělil"); a medium's
    # common noun there after a person who holds no role ("Jeden ze svědků serveru iDNES.cz
    # řekl"; "mluvčí serveru iDNES.cz" is the server's own spokesman)
    head = child.head
    doc = child.doc
    if doc.lang_ != "cs" or child.i < head.i or child.dep_ != "nmod":
        return False
    if child.text[:1].isupper() and head.pos_ == "PROPN" and doc[child.i - 1].pos_ == "PROPN":
        return True
    after = child.right_edge.i + 1
    return (
        after < len(doc)
        and doc[after].pos_ == "VERB"
        and doc[after] in child.ancestors
        and "Anim" in head.morph.get("Animacy", [])  # a person ("podle informací ČTK")
        and (
            child.text[:1].isupper()
            or word_classes(doc.lang_).of(head.lemma_) != "role"
            # "Mluvčí ministerstva Jan Řehounek serveru iRozhlas.cz sdělil": after the name,
            # the medium is the one told, not the spokesman's employer
            or doc[child.left_edge.i - 1].pos_ == "PROPN"
        )
    )


def _describes(child: Token, head: Token) -> bool:
    """ "Two people briefed on the talks": a past participle after a common noun says which
    people speak and belongs to the speaker's phrase."""
    return (
        child.dep_ == "acl"
        and child.tag_ == "VBN"
        and head.pos_ == "NOUN"
        and child.i > head.i
        and not any(c.dep_ in ("nsubj", "nsubjpass", "ccomp") for c in child.children)
    )


def _contiguous(tokens: list[Token], head: Token) -> list[Token]:
    """Keep the contiguous run around the head: a parse error must not yield a gappy span.
    "Holtz-Eakin", "RFE/RL": a word joined by a hyphen or a slash is not cut in two."""
    by_i = {t.i: t for t in tokens}
    doc = head.doc

    def joined(a: int, b: int) -> bool:
        return (
            a >= 0
            and b < len(doc)
            and not doc[a].whitespace_
            and bool({"-", "/"} & {doc[a].text, doc[b].text})
        )

    lo = hi = head.i
    while lo - 1 in by_i or joined(lo - 1, lo):
        lo -= 1
    while hi + 1 in by_i or joined(hi, hi + 1):
        hi += 1
    run = [by_i.get(i) or doc[i] for i in range(lo, hi + 1)]
    while run and (run[0].is_punct or run[0].pos_ in ("CCONJ", "ADP")) and run[0] is not head:
        run.pop(0)
    while run and run[-1].is_punct and run[-1] is not head:
        run.pop()
    return run


def _word(tok: Token, head: Token | None = None) -> MentionWord:
    morph = tok.morph
    gender = morph.get("Gender", [])
    return MentionWord(
        tok.text,
        # "the Russian foreign ministry": the tagger's PROPN on a word without a capital is
        # a common noun ("iRozhlas" has one); a capitalised foreign word is a name's
        # ("deníku Financial Times": not the Times alone)
        tok.pos_ in ("PROPN", "X") and tok.text.lower() != tok.text,
        tok.lemma_,
        (morph.get("Case", []) or [""])[0],
        gender[0] if len(gender) == 1 else "",
        "Plur" in morph.get("Number", []) or tok.tag_ in ("NNS", "NNPS"),
        tok is head,
        tok.pos_ == "ADJ",
        tok.pos_,
        "Anim" in morph.get("Animacy", []),
    )


def mention_of(head: Token, offset: int, skip: Token | None = None) -> Mention:
    run = _contiguous(_phrase_tokens(head, skip), head)
    span = (offset + run[0].idx, offset + run[-1].idx + len(run[-1].text))
    words = [_word(t, head) for t in run]
    m = Mention(span, [words], role_after=_role_after(head), person=described_person(head))
    low = head.text.lower()
    if head.pos_ == "PRON" or (len(run) == 1 and low in _PERSONAL | _PLURAL | _NEUTER):
        m.pronoun = "person" if low in _PERSONAL else "plural" if low in _PLURAL else "thing"
    # "Russian and Chinese officials" are two parties; "current and former officials" one
    status = load_lexicon(head.doc.lang_).word_set("status_adjective")
    coordinated = [
        a
        for a in head.children
        if a.dep_ == "amod"
        and a.lemma_.lower() not in status
        and any(c.dep_ == "conj" for c in a.children)
    ]
    if coordinated:
        amod = coordinated[0]
        adjs = [amod, *(c for c in amod.children if c.dep_ == "conj" and c.pos_ == "ADJ")]
        drop = {t.i for a in adjs for t in a.subtree}
        # in the text's order: "three current and former officials" → "three current
        # officials", "three former officials"
        m.variants = [[_word(t, head) for t in run if t.i not in drop or t.i == a.i] for a in adjs]
    return m


def mentions_of(head: Token, offset: int, skip: Token | None = None) -> list[Mention]:
    """The head's mention plus one per noun conjunct ("Washington a jeho spojenci")."""
    out = [mention_of(head, offset, skip)]
    conjs = [
        c
        for c in head.children
        if c.dep_ == "conj" and c.pos_ in ("NOUN", "PROPN", "PRON") and not misattached(c, head)
    ]
    name = [c for c in head.children if c.dep_ in ("flat", "appos") and c.pos_ == "PROPN"]
    if conjs and name and name[-1].i > conjs[-1].i:
        if name[0].i < conjs[0].i and len(conjs) == 1:
            # "ministr … Petr Hladík a ředitel … Jan Bejček": the parser hung the second name
            # on the first head too; each party ends with its own name.
            return _split_named_pair(head, conjs[0], name, offset)
        # "náměstek ministra a vedoucí úřadu Václav Petříček": two roles of one named person.
        first = out[0].span[0]
        last = max(name[-1].right_edge.i, name[-1].i)
        tokens = [t for t in head.doc[head.left_edge.i : last + 1] if offset + t.idx >= first]
        end = offset + tokens[-1].idx + len(tokens[-1].text)
        return [Mention((first, end), [[_word(t, head) for t in tokens]])]
    for conj in conjs:
        out.extend(mentions_of(conj, offset))
    return out


def _split_named_pair(head: Token, conj: Token, names: list[Token], offset: int) -> list[Mention]:
    doc = head.doc
    own = max(n.i for n in names if n.i < conj.i)
    start = next(t.i for t in doc[conj.left_edge.i : conj.i + 1] if t.pos_ != "CCONJ")
    out = []
    for lo, hi in ((head.left_edge.i, own), (start, names[-1].i)):
        tokens = list(doc[lo : hi + 1])
        span = (offset + tokens[0].idx, offset + tokens[-1].idx + len(tokens[-1].text))
        out.append(Mention(span, [[_word(t) for t in tokens]]))
    return out


def _contracted_perfect(verb: Token) -> bool:
    """ "he's said" is "he has said": the parser reads a passive "is said". Not "it's said"
    (nobody speaks) nor "he's said to be" (a real passive)."""
    return (
        verb.lemma_.lower() == "say"
        and any(a.dep_ == "auxpass" and a.lower_ in ("'s", "’s") for a in verb.children)
        and not any(c.dep_ == "xcomp" for c in verb.children)
        and not any(c.dep_ == "nsubjpass" and c.lower_ in ("it", "there") for c in verb.children)
    )


def accusative(tok: Token) -> bool:
    """ "Na svém webu to napsalo RFE/RL": an accusative the parser made a subject; "Uvedlo to
    ukrajinské letectvo", "Ministerstvo to popřelo": "to", tagged a nominative, beside
    another subject of its verb."""
    if "Acc" in tok.morph.get("Case", []) and "Nom" not in tok.morph.get("Case", []):
        return True
    if tok.dep_ != "nsubj" or tok.lower_ not in ("to", "toto", "tohle"):
        return False
    cue = load_lexicon(tok.doc.lang_).verbs.get(tok.head.lemma_.lower())
    return (
        # a speech verb ("Vyplývá to z údajů, které zveřejnil úřad": "to" is the subject)
        cue is not None
        and cue.report == "speech"
        and any(c.dep_ == "nsubj" and c.i != tok.i for c in tok.head.children)
        # "Právě to, aby…, požaduje nařízení": the pronoun carrying the clause is its subject
        and not any(c.dep_ in ("acl", "acl:relcl", "ccomp", "advcl") for c in tok.children)
    )


def _speaker_under_medium(verb: Token) -> Token | None:
    """ "Mluvčí pojišťovny Eva Krátká serveru Zdravotnický deník řekla": the parser made the
    medium told (a dative) the verb's subject and hung the speaker on it; the nominative
    before the medium speaks."""
    for child in verb.children:
        if (
            child.dep_ == "nsubj"
            and _oblique(child)
            and word_classes(child.doc.lang_).of(child.lemma_) == "media"
        ):
            return next(
                (
                    c
                    for c in child.children
                    if c.dep_ == "nsubj" and c.i < child.i and not _oblique(c)
                ),
                None,
            )
    return None


def _oblique(tok: Token) -> bool:
    """ "„…,“ řekl Deníku": a dative (or instrumental, locative) the parser made a subject;
    a Czech subject is nominative, so the speaker is the dropped one."""
    cases = tok.morph.get("Case", [])
    return bool(cases) and "Nom" not in cases and any(c in cases for c in ("Dat", "Ins", "Loc"))


def gender_clash(noun: Token, verb: Token) -> bool:
    """ "Spekulace o tom, že…, však odmítl": a Czech past verb shows its subject's gender; a
    common noun of another gender before it is its object, and the subject is dropped."""
    if noun.doc.lang_ != "cs" or noun.pos_ != "NOUN" or noun.i > verb.i:
        return False
    if noun.text[:1].isupper() and (noun.i > 0 or not simplemma.is_known(noun.lower_, lang="cs")):
        return False  # "Stanjura mu oponoval": a surname the tagger took for a feminine noun
    genders = verb.morph.get("Gender", [])
    own = set(noun.morph.get("Gender", []))
    for appos in noun.children:
        if appos.dep_ == "appos":  # "Majitel skladu, firma Plastex, uvedla": the verb agrees
            own |= set(appos.morph.get("Gender", []))  # with the apposition
    if noun.lemma_.lower().endswith("í") and own & {"Masc", "Fem"}:
        # "Mluvčí podniku Jana Kopecká řekla": a noun of the soft adjectival declension
        # ("mluvčí", "vedoucí") has one form for a man and a woman; the tagger's gender is a guess
        own |= {"Masc", "Fem"}
    return bool(genders and own) and not own & set(genders)


# A contracted auxiliary: "he’s said", "who’ve said".
_CLITICS = frozenset(["'s", "’s", "'ve", "’ve", "'d", "’d"])


def _clitic_subject(clitic: Token) -> Token | None:
    """ "he’s said", "who’ve already said": the parser made the contracted "has" the
    subject; the word it is written onto is."""
    own = next((c for c in clitic.children if c.dep_ == "nsubj"), None)
    if own is not None:
        return own
    before = clitic.doc[clitic.i - 1] if clitic.i > 0 else None
    if before is not None and not before.whitespace_ and before.pos_ in ("PRON", "PROPN", "NOUN"):
        return before
    return None


def _set_off_subject(verb: Token) -> Token | None:
    """The later of two subjects before the verb when a comma or a colon, and no conjunction,
    sets the earlier one off: "Holding signs, the protesters chanted", "His verdict: “…,” he
    said", "Voters, Clinton suggested, don't…" (PolNeAR train: the earlier one never spoke)."""
    before = [c for c in verb.children if c.dep_ == "nsubj" and c.i < verb.i]
    if len(before) < 2:
        return None
    first, last = before[-2], before[-1]
    gap = verb.doc[first.i + 1 : last.left_edge.i]
    opening = verb.doc[last.left_edge.i - 1]
    if (
        not any(t.text in (",", ":") for t in gap)
        or any(t.dep_ in ("cc", "preconj") or t.lower_ in ("and", "or") for t in gap)
        or any(t.text in "()" for t in gap)
        # "Kerry Walsh, star of “Payback,” thanked": the later one is quoted, not a subject
        or (opening.is_quote and opening.is_left_punct)
        or first.lower_ in RELATIVE
        # "voters in Alabama, Georgia and Virginia said": a list of names, not two subjects
        or (first.right_edge.pos_ == "PROPN" and last.left_edge.pos_ == "PROPN")
        # "45% of Republicans, 28% of independents and 12% of Democrats say"
        or any(c.dep_ in ("cc", "conj") for c in last.children)
    ):
        return None
    return last


def inverted_clause_subject(verb: Token) -> Token | None:
    """ "Any reading of his acts, said Ana Ruiz, an expert on Russia, would see…": the parser
    made the speaker after the inverted parenthetical cue the subject of the clause it
    reports; a subject right after the cue, closed by a comma, before the clause's verb."""
    doc = verb.doc
    if verb.tag_ == "VBG":
        return None  # "Democrats, fearing the consequences, failed": no inverted cue
    for clause in verb.children:
        if clause.dep_ != "ccomp" or clause.i <= verb.i:
            continue
        for subj in clause.children:
            end = subj.right_edge.i + (0 if subj.right_edge.text == "," else 1)
            if (
                subj.dep_ == "nsubj"
                and subj.left_edge.i == verb.i + 1
                # a name or a bare noun ("say experts like X"); "said their speeches, …,
                # would focus" reports a clause whose subject has its own apposition
                and (
                    subj.pos_ == "PROPN"
                    or (
                        subj.pos_ == "NOUN"
                        and not any(c.dep_ in ("det", "poss") for c in subj.children)
                    )
                )
                and end < clause.i
                and doc[end].text == ","
            ):
                return subj
    return None


def subject_of(verb: Token, depth: int = 0) -> Token | None:
    found = _subject_of(verb, depth)
    set_off = _set_off_subject(verb) if found is not None and found.i < verb.i else None
    return set_off if set_off is not None and found is not None and found.i < set_off.i else found


def _subject_of(verb: Token, depth: int = 0) -> Token | None:
    told = _speaker_under_medium(verb)
    if told is not None:
        return told
    for child in verb.children:
        if child.dep_ == "nsubj" and child.lower_ in _CLITICS:
            child = _clitic_subject(child) or child  # "let's hope": the clitic is "us"
        if child.dep_ == "nsubjpass" and _contracted_perfect(verb):
            return child  # "he's said he'll fight": "has said", not "is said"
        if child.dep_ == "nsubjpass" and depth and verb.lemma_.lower() in ("quote", "cite"):
            return child  # "X was quoted as saying that": X speaks
        if (
            child.dep_ == "nsubj"
            and not accusative(child)
            and not _oblique(child)
            and not gender_clash(child, verb)
        ):
            if child.text.lower() in RELATIVE and verb.dep_ in ("acl:relcl", "relcl"):
                # "the archive, which she said held…": the parser hung both the pronoun and
                # the speaker on the cue; the pronoun is the reported clause's subject
                own = next(
                    (
                        c
                        for c in verb.children
                        if c.dep_ == "nsubj" and c.i > child.i and c.text.lower() not in RELATIVE
                    ),
                    None,
                )
                return own if own is not None else verb.head
            if child.i < verb.i and verb.i > 0 and verb.doc[verb.i - 1].text == ",":
                # "Part of the trouble, say engineers like Ruiz, is…": the parser hung the
                # host clause's subject on the parenthetical cue too; the one after speaks
                after = next((c for c in verb.children if c.dep_ == "nsubj" and c.i > verb.i), None)
                if after is None:
                    after = inverted_clause_subject(verb)
                if after is not None:
                    return after
            return child
    for child in verb.children:
        if child.dep_ in ("obj", "dobj"):
            # "Obviněný vinu popírá": the parser hung the nominative "obviněný" (the accused)
            # on the accusative object as its adjective; it is the subject
            for adj in child.children:
                if (
                    adj.dep_ == "amod"
                    and adj.i < child.i
                    and "Nom" in adj.morph.get("Case", [])
                    and "Nom" not in child.morph.get("Case", [])
                    and child.morph.get("Case", [])
                ):
                    return adj
    for child in verb.children:
        if child.dep_ == "agent":  # "was criticized by Warren"
            return next((c for c in child.children if c.dep_ == "pobj"), None)
    if depth < 2 and verb.dep_ == "pcomp" and verb.head.head.i != verb.head.i:
        return subject_of(verb.head.head, depth + 1)  # "for saying that…", "from saying…"
    if depth >= 2 or verb.head.i == verb.i or verb.dep_ not in ("conj", "xcomp", "advcl", "acl"):
        return None
    if verb.dep_ == "xcomp":
        controller = _object_controller(verb)
        if controller is not None:
            return controller
        if verb.head.dep_ == "acomp" and verb.head.head.i != verb.head.i:
            # "He was able to tout his lead"; not "It is worth noting that…" (no one speaks)
            found = subject_of(verb.head.head, depth + 1)
            return None if found is not None and found.lower_ in ("it", "there") else found
    if (
        verb.dep_ == "acl"
        and verb.head.lemma_.lower() in OCCASIONS
        and not any(_owner(c) for c in verb.head.children)
    ):
        host = verb.head
        while host.head.i != host.i and host.pos_ not in ("VERB", "AUX"):
            host = host.head  # "she said at a news conference announcing that…": she announces
        return subject_of(host, depth + 1) if host.pos_ in ("VERB", "AUX") else None
    if verb.dep_ == "acl" and verb.head.lemma_.lower() in ATTEMPTS:
        # "in a bid to persuade", "at one point calling the mayor a liar": an attempt or a
        # moment does not speak; its owner does ("his effort to"), else the clause's subject.
        owner = next((c for c in verb.head.children if c.dep_ == "poss"), None)
        if owner is not None:
            return owner
        host = verb.head
        while host.head.i != host.i and host.pos_ not in ("VERB", "AUX"):
            host = host.head
        return subject_of(host, depth + 1) if host.pos_ in ("VERB", "AUX") else None
    if verb.dep_ == "acl" and verb.head.pos_ in ("NOUN", "PROPN", "PRON"):
        return verb.head  # "one saying that…": the participle describes its speaker
    if any(c.dep_ == "mark" and c.lower_ in ("jak", "as") for c in verb.children):
        return None  # "Jak uvedl, cílem X je...": the host clause's subject is not the speaker
    if verb.dep_ == "advcl" and verb.tag_ == "VBN" and verb.i < verb.head.i:
        # "Asked whether he would run, Reid said…": the host's subject is the one asked, the
        # asker is unnamed (PolNeAR train: 1 of 11 such speakers right)
        return None
    found = subject_of(verb.head, depth + 1)
    if found is not None and verb.dep_ == "conj" and found.i > verb.i:
        return None  # a shared subject precedes both conjuncts
    return found


# What someone undertakes or a point in time: never the speaker of the clause on it
# (PolNeAR train: 0 of 25 such sources right).
ATTEMPTS = frozenset(
    "effort attempt bid push drive chance opportunity decision move point moment time "
    "pressure trouble ability plan plans conversation".split()
)


OCCASIONS = frozenset(
    "conference briefing speech interview rally event hearing meeting appearance address "
    "statement session ceremony post video ad letter op-ed tweet".split()
)


def _owner(tok: Token) -> bool:
    """ "a Donald Trump tweet" names its author; "a Rochester rally" and "a March speech" name
    a place and a time (the pipeline runs without NER: a full name is the tell)."""
    return (
        tok.dep_ == "compound"
        and tok.pos_ == "PROPN"
        and any(c.dep_ == "compound" and c.pos_ == "PROPN" for c in tok.children)
    )


# Verbs that make their object do something: "forced Stumpf to admit", "led Ivans to fear",
# "leaving many to wonder whether…".
# Others are not ("used the comments to urge", "requires candidates to disclose").
_OBJECT_CONTROL = frozenset(
    "force prompt lead compel push pressure press persuade convince cause spur drive provoke "
    "inspire get move leave".split()
)


def _object_controller(verb: Token) -> Token | None:
    """Who does the act of an infinitive whose governing verb makes its object act."""
    head = verb.head
    if head.lemma_.lower() not in _OBJECT_CONTROL:
        return None
    for c in head.children:
        if c.i >= verb.i:
            break
        if c.dep_ in ("dobj", "obj") and c.pos_ in ("NOUN", "PROPN", "PRON"):
            # "could leave it thinking that…": a thing made to think is the writer's figure
            return c if c.lower_ != "it" else None
    return None
