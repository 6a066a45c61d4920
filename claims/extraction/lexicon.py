"""Cue lexicons loaded from the per-language TSV data files."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import simplemma

_DIR = Path(__file__).with_name("lexicons")


@dataclass(frozen=True)
class Cue:
    lemma: str
    stance: str
    type: str  # verb | noun | adj | prep
    frames: str  # c: clause/quote, o: object, x: infinitive, s: a z-phrase source
    preps: frozenset[str] = frozenset()  # "talk about X", "call for X": X is the content
    report: str = "speech"  # speech | belief | evidence | according_to (REPORT_TYPES)


@dataclass(frozen=True)
class Lexicon:
    verbs: dict[str, Cue]
    nouns: dict[str, Cue]
    adjectives: dict[str, Cue]
    preps: dict[str, Cue]
    any: frozenset[str]
    prefixes: frozenset[str]
    lang: str
    marks: frozenset[str]
    anaphors: frozenset[str]
    non_sources: frozenset[str]
    # Every word set of words.tsv by name, so a new list is a new row, not a new field.
    words: Mapping[str, frozenset[str]] = field(default_factory=dict)
    # Named constructions this language uses (strategies.tsv).
    strategies: frozenset[str] = frozenset()

    def uses(self, strategy: str) -> bool:
        return strategy in self.strategies

    def word_set(self, name: str) -> frozenset[str]:
        return self.words.get(name, frozenset())

    def triggers(self, sentence: str) -> bool:
        """Could any rule fire in this sentence? Sentences without a cue-like word, a quote
        mark, a colon or "that" (an English verb outside the lexicon with a that-clause is a
        cue too) are not parsed at all, which is where most of the engine's time would go.

        Generous on purpose: a 5-letter prefix catches inflections simplemma does not know
        ("rozčiloval"), and Czech negation is a prefix ("nepopírá").
        """
        if _QUOTE_OR_COLON.search(sentence):
            return True
        prefixes = self.prefixes
        for word in _WORD.findall(sentence):
            low = word.lower()
            if low[:_PREFIX] in prefixes or (
                low.startswith("ne") and low[2 : 2 + _PREFIX] in prefixes
            ):
                return True
            if word_lemma(low, self.lang) in self.any:
                return True
        return False


REPORT_TYPES = ("speech", "belief", "evidence", "according_to")


def _default_report(kind: str) -> str:
    return "according_to" if kind == "prep" else "speech"


@lru_cache(maxsize=4)
def load_lexicon(lang: str) -> Lexicon:
    verbs: dict[str, Cue] = {}
    nouns: dict[str, Cue] = {}
    preps: dict[str, Cue] = {}
    adjectives: dict[str, Cue] = {}
    path = _DIR / lang / "cues.tsv"
    for raw in path.read_text(encoding="utf-8").splitlines():
        if not raw.strip() or raw.startswith("#"):
            continue
        cols = raw.split("\t")
        # Frames column: letters, then "+prep" for each preposition whose object is the
        # content ("co+about+for").
        frames, *objs = (cols[3] if len(cols) > 3 else "c").split("+")
        report = cols[4] if len(cols) > 4 and cols[4] else _default_report(cols[2])
        if report not in REPORT_TYPES:
            raise ValueError(f"{path}: unknown report type {report!r} for {cols[0]!r}")
        cue = Cue(cols[0], cols[1], cols[2], frames, frozenset(objs), report)
        kinds = {"verb": verbs, "noun": nouns, "adj": adjectives, "prep": preps}
        kinds[cue.type].setdefault(cue.lemma, cue)
    # "according to" is looked up by its first word; the rule checks the rest.
    words = {k.split()[0] for k in (*verbs, *nouns, *adjectives, *preps)}
    preps = {k.split()[0]: v for k, v in preps.items()}
    words_sets: dict[str, set[str]] = {"mark": set(), "anaphor": set(), "non_source": set()}
    for raw in (_DIR / lang / "words.tsv").read_text(encoding="utf-8").splitlines():
        if raw.strip() and not raw.startswith("#"):
            name, word = raw.split("\t")[:2]
            words_sets.setdefault(name, set()).add(word)
    # "sees X as Y", "In a poll, …", "made the case for X" are cues outside the cue table
    # (rules._seen_as, the poll_preposition branch of rules._prep, rules._made_case): their
    # sentences are parsed.
    every = (
        frozenset(words)
        | {"accord"}
        | words_sets.get("seen_as", set())
        | words_sets.get("poll_source", set())
        | words_sets.get("made_case", set())
    )
    return Lexicon(
        verbs,
        nouns,
        adjectives,
        preps,
        every,
        frozenset(w[:_PREFIX] for w in every),
        lang,
        frozenset(words_sets["mark"]),
        frozenset(words_sets["anaphor"]),
        frozenset(words_sets["non_source"]),
        {name: frozenset(ws) for name, ws in words_sets.items()},
        _strategies(lang),
    )


def _strategies(lang: str) -> frozenset[str]:
    path = _DIR / lang / "strategies.tsv"
    if not path.exists():
        return frozenset()
    return frozenset(
        raw.split("\t")[0].strip()
        for raw in path.read_text(encoding="utf-8").splitlines()
        if raw.strip() and not raw.startswith("#")
    )


@lru_cache(maxsize=4)
def caveat_pattern(lang: str) -> re.Pattern[str] | None:
    """The reporter's caveats ("a figure that cannot be independently verified") as one
    pattern, from lexicons/<lang>/caveats.tsv."""
    path = _DIR / lang / "caveats.tsv"
    if not path.exists():
        return None
    lines = [
        raw
        for raw in path.read_text(encoding="utf-8").splitlines()
        if raw.strip() and not raw.startswith("#")
    ]
    return re.compile("|".join(f"(?:{line})" for line in lines), re.IGNORECASE) if lines else None


_PREFIX = 5
_WORD = re.compile(r"[^\W\d_]{2,}")
_QUOTE_OR_COLON = re.compile(r"[\"„“”«»:]|\bthat\b")


@lru_cache(maxsize=200_000)
def word_lemma(word: str, lang: str) -> str:
    """A lemma without a parse (simplemma), for looking a word up in the lexicon."""
    return str(simplemma.lemmatize(word, lang=lang))


NEGATED_STANCE = {
    "denies": "asserts",
    "asserts": "denies",
    "reports": "denies",
    "fears": "doubts",
    "praises": "asserts",
    "doubts": "asserts",
}
