"""Alias registry: maps inflected surface phrases to canonical actors.

Matching works on normalised token keys (lemma, then a crude Czech case-ending strip) because
simplemma does not know most proper names: "Putinem" and "Putina" stay unlemmatised, and only
the stem "putin" makes them meet the alias "Putin".
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

import simplemma

_WORD = re.compile(r"[^\W_]+(?:[-'\u2019][^\W_]+)*", re.UNICODE)
# Longest first: the first ending that leaves a stem of >= 3 letters wins.
_CS_ENDINGS = sorted(
    [
        "ových",
        "ovým",
        "ovými",
        "ovou",
        "ovu",
        "ovi",
        "ova",
        "ovo",
        "ého",
        "ému",
        "ými",
        "ích",
        "ech",
        "ům",
        "ami",
        "emi",
        "em",
        "ou",
        "ej",
        "ovy",
        "a",
        "u",
        "e",
        "ě",
        "y",
        "i",
        "o",
        "í",
        "é",
        "á",
        "ý",
    ],
    key=len,
    reverse=True,
)
# Possessives and articles carry no identity: "jeho spojenci" and "spojenci" are one alias.
_SKIP = frozenset(
    [
        "the",
        "a",
        "an",
        "his",
        "her",
        "its",
        "their",
        "our",
        "my",
        "your",
        "jeho",
        "její",
        "jejich",
        "jeho",
        "náš",
        "naše",
        "svůj",
        "své",
        "svých",
        "svými",
        "svým",
        "ten",
        "ta",
        "to",
        "tento",
        "tato",
    ]
)


@lru_cache(maxsize=65536)
def normalise_word(word: str, lang: str) -> str:
    low = word.lower().replace("\u2019", "'")
    if low.endswith("'s"):
        low = low[:-2]
    if not low:
        return low
    lemma = simplemma.lemmatize(low, lang=lang if lang in ("cs", "en") else "en").lower()
    if lang == "cs":
        for end in _CS_ENDINGS:
            if lemma.endswith(end) and len(lemma) - len(end) >= 3:
                return lemma[: -len(end)]
    elif lemma.endswith("s") and len(lemma) > 4 and not lemma.endswith("ss"):
        return lemma[:-1]
    return lemma


_INNER_PUNCT = re.compile(r"\w[:;/|]\s*\w")


def words_of(text: str) -> list[str]:
    return _WORD.findall(text)


def phrase_key(words: Iterable[str], lang: str) -> tuple[str, ...]:
    return tuple(normalise_word(w, lang) for w in words if w.lower() not in _SKIP)


@dataclass(frozen=True)
class Actor:
    name: str
    kind: str
    country: str = ""
    description: str = ""
    wikidata: str = ""
    aliases: Mapping[str, Sequence[str]] = field(default_factory=dict)


@dataclass(frozen=True)
class MentionWord:
    text: str
    proper: bool
    lemma: str = ""
    case: str = ""  # "Nom", "Gen", … (Czech morphology); "" when unknown
    gender: str = ""  # "Masc" | "Fem" | "Neut" | ""
    plural: bool = False
    head: bool = False  # the syntactic head of the mention
    adjective: bool = False
    pos: str = ""
    animate: bool = False  # Czech masculine animacy: "lékaři", not "úřady", in the plural


# The contract's five kinds (DESIGN.md §4 `actor_kind`) for the registry's finer ones.
OUTPUT_KIND = {
    "person": "person",
    "organisation": "organisation",
    "government": "state",
    "state": "state",
    "officials": "group",
    "anonymous": "group",
    "group": "group",
    "media": "media",
}


@dataclass(frozen=True)
class Match:
    actor: Actor
    start: int  # index of the first matched word of the mention
    end: int


class ActorRegistry:
    """Canonical actors with their aliases; built once and shared read-only."""

    def __init__(self, actors: Sequence[Actor]) -> None:
        self.actors: list[Actor] = []
        self.by_name: dict[str, Actor] = {}
        self._index: dict[str, dict[tuple[str, ...], Actor]] = {"cs": {}, "en": {}}
        self._max_len = 0
        # one-word aliases only ever written with a capital ("the Post"): a lower-case word
        # ("one post") is no mention of them; "policie", "the alliance" are aliases as written
        self._capital_keys: dict[str, set[tuple[str, ...]]] = {"cs": set(), "en": set()}
        self._lowercase_keys: dict[str, set[tuple[str, ...]]] = {"cs": set(), "en": set()}
        self._punctuated: dict[str, Actor] = {}
        self.punctuated: list[tuple[str, Actor]] = []
        self.extend(actors)

    def extend(self, actors: Iterable[Actor]) -> None:
        """Register more actors; one whose name is registered already adds its aliases to it.

        First registration wins, so list order expresses priority; a worker extends its
        registry with the actors and aliases stored since it was built instead of rebuilding
        it (issue 16). An alias added to an older actor therefore yields a key that a later
        actor already took, where a rebuild would give it to the older one.
        """
        for new in actors:
            actor = self.by_name.get(new.name)
            if actor is None:
                actor = new
                self.actors.append(actor)
                self.by_name[actor.name] = actor
            surfaces = [new.name, *(s for group in new.aliases.values() for s in group)]
            for lang, index in self._index.items():
                for surface in surfaces:
                    key = phrase_key(words_of(surface), lang)
                    if key and key not in index:
                        index[key] = actor
                        self._max_len = max(self._max_len, len(key))
                    if key and len(key) == 1:
                        capital = [w for w in words_of(surface) if w[:1].isupper()]
                        if capital and key not in self._lowercase_keys[lang]:
                            self._capital_keys[lang].add(key)
                        elif not capital:
                            self._lowercase_keys[lang].add(key)
                            self._capital_keys[lang].discard(key)
            # "Re: Russia": names with inner punctuation are found in the text as written, since
            # the parser and the sentence rules cut them at the colon
            for surface in surfaces:
                if _INNER_PUNCT.search(surface):
                    self._punctuated.setdefault(surface, actor)
        self.punctuated = sorted(self._punctuated.items(), key=lambda pair: -len(pair[0]))

    @classmethod
    def from_entries(cls, entries: Iterable[Mapping[str, Any]]) -> ActorRegistry:
        return cls(actors_of(entries))

    @classmethod
    def from_json(cls, path: str | Path) -> ActorRegistry:
        return cls.from_entries(json.loads(Path(path).read_text(encoding="utf-8")))

    @classmethod
    def empty(cls) -> ActorRegistry:
        return cls([])

    def __len__(self) -> int:
        return len(self.actors)

    def lookup(self, text: str, lang: str) -> Actor | None:
        return self._index.get(lang, {}).get(phrase_key(words_of(text), lang))

    def resolve(self, words: Sequence[MentionWord], lang: str) -> Actor | None:
        match = self.match(words, lang)
        return match.actor if match else None

    def _lowercase_for_a_name(self, words: Sequence[MentionWord], lang: str) -> bool:
        if len(words) != 1 or words[0].text[:1].isupper():
            return False
        return (normalise_word(words[0].text, lang),) in self._capital_keys.get(lang, set())

    def match(self, words: Sequence[MentionWord], lang: str) -> Match | None:
        """Longest alias inside the mention that covers all of its proper names.

        The proper-name condition stops "ruský prezident Boris Jelcin" resolving to the
        current holder of the office through the role alias "ruský prezident". Indices are
        into `words`.
        """
        index = self._index.get(lang)
        if not index:
            return None
        at = [i for i, w in enumerate(words) if w.text.lower() not in _SKIP]
        kept = [words[i] for i in at]
        keys = [normalise_word(w.text, lang) for w in kept]
        proper = [i for i, w in enumerate(kept) if w.proper]
        n = len(keys)
        for size in range(min(n, self._max_len), 0, -1):
            for start in range(n - size + 1):
                end = start + size
                if proper and not (start <= proper[0] and proper[-1] < end):
                    continue
                actor = index.get(tuple(keys[start:end]))
                if actor is not None and not self._lowercase_for_a_name(kept[start:end], lang):
                    return Match(actor, at[start], at[end - 1] + 1)
        return None


def actors_of(entries: Iterable[Mapping[str, Any]]) -> list[Actor]:
    """Registry actors from entries {"name", "kind", "aliases": {lang: [...]} or [...], …}."""
    actors = []
    for e in entries:
        aliases = e.get("aliases") or {}
        if isinstance(aliases, list):
            aliases = {"any": aliases}
        actors.append(
            Actor(
                name=str(e["name"]),
                kind=str(e.get("kind") or "person"),
                country=str(e.get("country") or ""),
                description=str(e.get("description") or ""),
                wikidata=str(e.get("wikidata") or ""),
                aliases={k: tuple(v) for k, v in aliases.items()},
            )
        )
    return actors
