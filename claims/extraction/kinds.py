"""Which words make a phrase a role, a media outlet, an organisation or an unnamed source.

The word classes are data (`lexicons/{lang}/actors.tsv`); this module only reads them and
answers questions about one word or one mention.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import simplemma

from .registry import MentionWord

_DIR = Path(__file__).with_name("lexicons")
DETERMINERS = frozenset("the a an this that these those ten ta to tento tato toto".split())


@dataclass(frozen=True)
class WordClasses:
    role: frozenset[str]
    media: frozenset[str]
    organisation: frozenset[str]
    unnamed: frozenset[str]
    state: frozenset[str] = frozenset()
    time: frozenset[str] = frozenset()
    report: frozenset[str] = frozenset()
    relative: frozenset[str] = frozenset()
    nationality: frozenset[str] = frozenset()
    group: frozenset[str] = frozenset()
    # a business ("the company", "společnost"): what "the company said" may point back to
    company: frozenset[str] = frozenset()
    # the last word of a business's name ("Thames Water", "Cisco Systems")
    firm_name: frozenset[str] = frozenset()
    # lemma → canonical name: "izrael" → "Israel", the name the registry uses for states
    canonical: dict[str, str] = field(default_factory=dict, compare=False)

    def of(self, word: MentionWord | str) -> str:
        """The class of one word ("role", "media", …) or "" when it has none."""
        keys = _keys(word)
        for name in (
            "media",
            "organisation",
            "role",
            "unnamed",
            "state",
            "time",
            "report",
            "nationality",
            "group",
        ):
            if keys & getattr(self, name):
                return name
        return ""

    def is_company(self, word: MentionWord | str) -> bool:
        return bool(_keys(word) & self.company)

    def is_organisation(self, word: MentionWord | str) -> bool:
        """A noun for a body ("agency", "ministerstvo"), even one `of` calls media first."""
        return bool(_keys(word) & self.organisation)

    def firm_named(self, words: Sequence[str]) -> bool:
        """A capitalised name of two or more words that a business's word closes ("Thames
        Water", "Bain Capital"): a body, though it looks like a first name and a surname."""
        return (
            len(words) > 1 and words[-1][:1].isupper() and bool(_keys(words[-1]) & self.firm_name)
        )

    def is_relative(self, word: MentionWord) -> bool:
        return bool(_keys(word) & self.relative)

    def canonical_name(self, word: MentionWord | str) -> str:
        """The name the lexicon gives a state ("Izrael", "Izraele" → "Israel"), else ""."""
        return next((self.canonical[k] for k in sorted(_keys(word)) if k in self.canonical), "")

    def is_role(self, word: MentionWord | str) -> bool:
        return bool(_keys(word) & self.role)


def _keys(word: MentionWord | str) -> set[str]:
    if isinstance(word, str):
        return {word.lower().rstrip(".")}
    return {word.text.lower().rstrip("."), word.lemma.lower().rstrip(".")} - {""}


@lru_cache(maxsize=4)
def word_classes(lang: str) -> WordClasses:
    sets: dict[str, set[str]] = {"role": set(), "media": set(), "organisation": set()}
    sets["unnamed"] = set()
    sets["state"] = set()
    sets["time"] = set()
    sets["report"] = set()
    sets["relative"] = set()
    sets["nationality"] = set()
    sets["group"] = set()
    sets["company"] = set()
    sets["firm_name"] = set()
    canonical: dict[str, str] = {}
    path = _DIR / lang / "actors.tsv"
    if path.exists():
        for number, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if raw.strip() and not raw.startswith("#"):
                cells = raw.split("\t")
                if len(cells) < 2 or cells[0] not in sets:
                    raise ValueError(
                        f"{path}:{number}: expected 'class<TAB>lemma' with a class among "
                        f"{sorted(sets)}, got {raw!r}"
                    )
                word = cells[1].strip().lower()
                sets[cells[0]].add(word)
                if len(cells) > 2 and cells[2].strip():
                    canonical[word] = cells[2].strip()
    return WordClasses(
        frozenset(sets["role"]),
        frozenset(sets["media"]),
        frozenset(sets["organisation"]),
        frozenset(sets["unnamed"]),
        frozenset(sets["state"]),
        frozenset(sets["time"]),
        frozenset(sets["report"]),
        frozenset(sets["relative"]),
        frozenset(sets["nationality"]),
        frozenset(sets["group"]),
        frozenset(sets["company"]),
        frozenset(sets["firm_name"]),
        canonical,
    )


def phrase_kind(words: list[MentionWord], lang: str) -> str:
    """The kind of a phrase that no registry actor and no name resolves: its head decides
    ("ruské agentury" media, "policie v Düsseldorfu" organisation, "svědci" a group); a media
    or organisation word anywhere in a proper name decides too ("Electoral Commission")."""
    classes = word_classes(lang)
    head = next((w for w in words if w.head), words[-1] if words else None)
    if head is None:
        return "person"
    for w in [head, *(w for w in words if w.proper)]:
        found = classes.of(w)
        if found == "media" and lang == "en" and _body_named(w, words, classes):
            return "organisation"
        if found in ("media", "organisation"):
            return found
    for before, after in itertools.pairwise(words):
        # "the union IG Metall", "the broadcaster CNN": the phrase's head, a body's noun, just
        # before its name ("předseda Soudcovské unie Libor Vávra" is headed by the title)
        if before.head and after.proper and classes.of(before) in ("media", "organisation"):
            return classes.of(before)
    if classes.of(head) == "role" or any(w.proper for w in words if classes.of(w) != "media"):
        return "group" if head.plural else "person"
    if any(classes.of(w) == "media" for w in words):
        return "media"  # "Ruská služba stanice BBC": a service of a broadcaster
    if head.pos == "NUM" and not head.proper:
        return "group"  # "Six in 10 said", "64 said": a count of people, never a "he"
    if any(classes.of(w) == "unnamed" for w in words) or classes.of(head) == "group":
        return "group"  # "nejmenovaný zdroj"; "Opozice tvrdí": people spoken of as a group
    if head.plural:
        return "group"
    if head.text.isupper() and len(head.text) > 1:
        return "organisation"  # an acronym: WHO, COGAT
    return "person"


def _body_named(word: MentionWord, words: Sequence[MentionWord], classes: WordClasses) -> bool:
    """ "the Environment Agency", "Atomic Energy Agency": a word of both a medium and a body
    ("agency") closing a capitalised name makes a body, unless another word says it is news
    ("Czech News Agency", "the news agency Reuters")."""
    return (
        word.text[:1].isupper()
        and classes.is_organisation(word)
        and any(w is not word and w.proper for w in words)
        and not any(w is not word and classes.of(w) == "media" for w in words)
    )


def role_stem(word: str) -> str:
    """What a role's word keeps in every case: "ministr" of "ministra", "Spart" of "Sparty"."""
    low = word.casefold()
    return low if len(low) <= 4 else low[: max(4, len(low) - 2)]


@lru_cache(maxsize=65536)
def common_word(word: str, lang: str) -> bool:
    """A capitalised word whose lemma is lower case is a common word opening a sentence."""
    lemma = str(simplemma.lemmatize(word, lang=lang))
    return lemma[:1].islower() or word.lower() in ("the", "a", "an")
