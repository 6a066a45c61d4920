"""Repairs of the parse that every rule would otherwise have to work around.

Each repair is a short function over a parsed sentence, run before the rules
(`engine._apply_rules`). A repair only rewrites what it is sure of.
"""

from __future__ import annotations

from collections.abc import Mapping

import simplemma
from spacy.tokens import Doc, MorphAnalysis, Token

from .lexicon import load_lexicon

# Czech surnames shaped like adjectives: "Trpišovský", "Dvorská", "Palacký", "Zelinková" is not.
_SURNAME_ADJECTIVE_ENDINGS = tuple(
    stem + ending
    for stem in ("sk", "ck", "čt", "zk")
    for ending in ("ý", "ého", "ému", "ém", "ým", "á", "é", "ou")
)


def repair(doc: Doc) -> None:
    if doc.lang_ == "en":
        for tok in doc:
            clause = _report_read_as_noun(tok)
            if clause is not None:
                _make_report_verb(tok, clause)
    if doc.lang_ == "cs":
        verbs = load_lexicon("cs").verbs
        for tok in doc:
            if (
                tok.pos_ in ("VERB", "AUX")
                and "Part" in tok.morph.get("VerbForm", [])
                and tok.lemma_.lower() not in verbs
            ):
                _relemmatise(tok, verbs)
            if tok.pos_ == "PROPN":
                _restore_mobile_e(tok)
            if _adjectival_surname(tok):
                _join_name(tok)
            elif _name_read_as_verb(tok):
                _make_subject(tok)
        for tok in doc:
            if tok.lower_ in ("podle", "dle") and tok.dep_ == "case":
                _unroot_surname(tok.head)


# Consonants before the "k" of a Czech surname in "-ek" whose e drops in the other cases:
# "Trávníček" → "Trávníčka", "Hájek" → "Hájka", "Sládek" → "Sládka" (not "n": "Frank").
_MOBILE_E_BEFORE = frozenset("čšžřjldt")


def _restore_mobile_e(tok: Token) -> None:
    """ "podle předsedy Stanislava Trávníčka": the model lemmatises the surname as
    "Trávníčk", without the e its nominative has; a lemma ending in a consonant and "k" that
    the form only adds a case ending to takes the e back ("Trávníček")."""
    lemma = tok.lemma_
    if (
        len(lemma) > 3
        and lemma[-1] == "k"
        and lemma[-2].lower() in _MOBILE_E_BEFORE
        and tok.text.startswith(lemma)
        and tok.text != lemma
        and "Nom" not in tok.morph.get("Case", [])
    ):
        tok.lemma_ = lemma[:-1] + "ek"


def _relemmatise(tok: Token, verbs: Mapping[str, object]) -> None:
    """ "Ministerstvo to popřelo" (lemma "popřet"), "Uvedlo to letectvo" ("uvedt"),
    "Napsalo to" ("Napsalo"): the model misses the lemma of some neuter past participles;
    where simplemma's lemma is a cue verb, the cue is read (only past participles: the
    model's "myslit" for "Myslím" is no error to repair)."""
    lemma = str(simplemma.lemmatize(tok.lower_, lang="cs"))
    if lemma in verbs:
        tok.lemma_ = lemma


def _report_read_as_noun(tok: Token) -> Token | None:
    """ "Analysts at Barclays estimate (that) the fine will cut profit": the small English
    model reads "estimate" as the object of "at", so the report has no verb. A cue verb's
    present form tagged as a noun, with no determiner or modifier of its own, after the
    preposition of a subject it agrees with in number ("analysts estimate", "the bank
    claims"), is the report's verb when a clause follows it: a that-clause on the root
    subject, or the root verb the subject was hung on, with a subject of its own after the
    noun. Returns that clause."""
    doc = tok.doc
    # tagged a noun, or a verb the parser still made the preposition's object
    if tok.pos_ not in ("NOUN", "VERB") or tok.dep_ != "pobj" or tok.i + 1 >= len(doc):
        return None
    prep, subject = tok.head, tok.head.head
    if not (prep.pos_ == "ADP" and subject.pos_ in ("NOUN", "PROPN") and subject.i < prep.i):
        return None
    mark = doc[tok.i + 1]
    clause = None
    if (
        mark.lower_ == "that"
        and mark.dep_ == "mark"
        and mark.head.i > tok.i
        and mark.head.pos_ in ("VERB", "AUX")
        and subject.dep_ == "ROOT"
    ):
        clause = mark.head  # "estimate that inflation will fall"
    elif (
        subject.dep_ == "nsubj"
        and subject.head.dep_ == "ROOT"
        and subject.head.pos_ in ("VERB", "AUX")
        and any(c.dep_ == "nsubj" and c.i > tok.i for c in subject.head.children)
    ):
        clause = subject.head  # "estimate the fine will cut profit"
    if clause is None:
        return None
    if any(c.dep_ not in ("compound", "punct") or c.i > tok.i for c in tok.children):
        return None
    cue = load_lexicon("en").verbs.get(tok.lemma_.lower())
    if cue is None or "c" not in cue.frames:
        return None
    plural_subject = subject.tag_ in ("NNS", "NNPS")
    # "estimate" (= its lemma) agrees with "analysts"; "claims" with "the bank".
    return clause if (tok.lower_ == tok.lemma_.lower()) == plural_subject else None


def _make_report_verb(tok: Token, clause: Token) -> None:
    prep, subject = tok.head, tok.head.head
    compounds = [c for c in tok.children if c.dep_ == "compound"]
    tok.pos_, tok.tag_ = "VERB", "VBP" if tok.lower_ == tok.lemma_.lower() else "VBZ"
    tok.head, tok.dep_ = tok, "ROOT"
    subject.head, subject.dep_ = tok, "nsubj"
    clause.head, clause.dep_ = tok, "ccomp"
    if compounds:  # "at Barclays estimate": the name is the preposition's object
        name = compounds[-1]
        name.head, name.dep_ = prep, "pobj"
        for other in compounds[:-1]:
            other.head = name
    # the sentence's stop and the trailing words hung on the subject belong to the verb now
    for child in [c for c in clause.children if c.dep_ == "punct" and c.i == len(tok.doc) - 1]:
        child.head = tok
    for child in [c for c in subject.children if c.i > tok.i]:
        child.head = tok


def _unroot_surname(source: Token) -> None:
    """ "Podle senátorky Jany Malé (STAN) ministerstvo zakázku zadalo": the parser made the
    source's surname the root and the clause's verb its conjunct. The surname is re-hung on
    the name before it and the verb becomes the root, which the phrase vouches for."""
    doc = source.doc
    name = source.head
    if not (
        name.dep_ == "ROOT"
        and name.pos_ == "PROPN"
        and name.i > source.i
        and "Gen" in name.morph.get("Case", [])
        and all(t.pos_ == "PROPN" for t in doc[source.i + 1 : name.i])
    ):
        return
    verb = next((c for c in name.children if c.dep_ == "conj" and c.pos_ in ("VERB", "AUX")), None)
    if verb is None:
        return
    verb.head, verb.dep_ = verb, "ROOT"
    for child in [c for c in name.children if c.i != verb.i]:
        if child.i > name.i and child.dep_ != "parataxis":
            child.head = verb  # the clause's own words, after the name
    source.head, source.dep_ = verb, "obl"
    name.head, name.dep_ = doc[name.i - 1] if name.i - 1 > source.i else source, "flat"


def _adjectival_surname(tok: Token) -> bool:
    """ "Jindřich Trpišovský výsledek hodnotil", "podle analytičky Jany Dvorské ceny porostou":
    a capitalised adjective right after a first name is the surname; the tagger made it an
    adjective of the next noun."""
    if tok.i == 0 or tok.pos_ != "ADJ" or not tok.text[:1].isupper():
        return False
    given = tok.doc[tok.i - 1]
    return (
        given.pos_ == "PROPN"
        and "Giv" in given.morph.get("NameType", [])
        and tok.lower_.endswith(_SURNAME_ADJECTIVE_ENDINGS)
        and not any(True for _ in tok.children)
    )


def _name_read_as_verb(tok: Token) -> bool:
    """ "Hamás to odmítl": a capitalised word the lemmatiser does not know, opening the
    sentence before the verb it hangs on, tagged a verb but not the root, is a name (the
    subject the verb lacks)."""
    verb = tok.head
    return (
        tok.i == 0
        and tok.pos_ == "VERB"
        and tok.dep_ != "ROOT"
        and tok.text[:1].isupper()
        and not simplemma.is_known(tok.lower_, lang="cs")
        and verb.i > tok.i
        and verb.pos_ in ("VERB", "AUX")
        and not any(c.dep_.startswith("nsubj") for c in verb.children)
        and not any(True for _ in tok.children)
    )


def _make_subject(tok: Token) -> None:
    tok.pos_ = "PROPN"
    tok.dep_ = "nsubj"
    tok.lemma_ = tok.text
    tok.morph = MorphAnalysis(tok.vocab, {"Case": "Nom", "Number": "Sing"})


_MASCULINE_ENDINGS = ("ý", "ého", "ému", "ém", "ým")


def _join_name(surname: Token) -> None:
    """The surname becomes a PROPN of the name, in the first name's case, its gender read off
    its ending (the tagger often takes "Dvorské" for a neuter nominative) and its lemma the
    nominative of that gender ("Dvorské" → "Dvorská")."""
    given = surname.doc[surname.i - 1]
    low = surname.lower_
    masculine = low.endswith(_MASCULINE_ENDINGS)
    stem = low[: -len(next(e for e in (*_MASCULINE_ENDINGS, "á", "é", "ou") if low.endswith(e)))]
    lemma = stem + ("ý" if masculine else "á")
    gender = "Masc" if masculine else "Fem"
    surname.pos_ = "PROPN"
    surname.head = given
    surname.dep_ = "flat"
    surname.lemma_ = lemma[:1].upper() + lemma[1:]
    for tok in (given, surname):
        features = tok.morph.to_dict()
        features["Gender"] = gender
        if tok is surname and "Case" in given.morph.to_dict():
            features["Case"] = given.morph.to_dict()["Case"]
        tok.morph = MorphAnalysis(tok.vocab, features)
