"""Cue lexicons loaded from the per-language TSV data files."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

_DIR = Path(__file__).with_name("lexicons")


@dataclass(frozen=True)
class Cue:
    lemma: str
    stance: str
    type: str  # verb | noun | prep
    frames: str  # c: clause/quote, o: object, x: infinitive


@dataclass(frozen=True)
class Lexicon:
    verbs: dict[str, Cue]
    nouns: dict[str, Cue]
    preps: dict[str, Cue]
    any: frozenset[str]


@lru_cache(maxsize=4)
def load_lexicon(lang: str) -> Lexicon:
    verbs: dict[str, Cue] = {}
    nouns: dict[str, Cue] = {}
    preps: dict[str, Cue] = {}
    path = _DIR / lang / "cues.tsv"
    for raw in path.read_text(encoding="utf-8").splitlines():
        if not raw.strip() or raw.startswith("#"):
            continue
        cols = raw.split("\t")
        cue = Cue(cols[0], cols[1], cols[2], cols[3] if len(cols) > 3 else "c")
        {"verb": verbs, "noun": nouns, "prep": preps}[cue.type].setdefault(cue.lemma, cue)
    # "according to" is looked up by its first word; the rule checks the rest.
    words = {k.split()[0] for k in (*verbs, *nouns, *preps)}
    preps = {k.split()[0]: v for k, v in preps.items()}
    return Lexicon(verbs, nouns, preps, frozenset(words) | {"accord"})


NEGATED_STANCE = {
    "denies": "asserts",
    "asserts": "denies",
    "reports": "denies",
    "fears": "doubts",
    "praises": "asserts",
    "doubts": "asserts",
}
