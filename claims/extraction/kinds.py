"""Which words make a phrase a role, a media outlet, an organisation or an unnamed source.

The word classes are data (`lexicons/{lang}/actors.tsv`); this module only reads them and
answers questions about one word or one mention.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

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

    def of(self, word: MentionWord | str) -> str:
        """The class of one word ("role", "media", …) or "" when it has none."""
        keys = _keys(word)
        for name in ("media", "organisation", "role", "unnamed", "state", "time"):
            if keys & getattr(self, name):
                return name
        return ""

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
    path = _DIR / lang / "actors.tsv"
    if path.exists():
        for raw in path.read_text(encoding="utf-8").splitlines():
            if raw.strip() and not raw.startswith("#"):
                name, word = raw.split("\t")[:2]
                sets[name].add(word.strip().lower())
    return WordClasses(
        frozenset(sets["role"]),
        frozenset(sets["media"]),
        frozenset(sets["organisation"]),
        frozenset(sets["unnamed"]),
        frozenset(sets["state"]),
        frozenset(sets["time"]),
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
        if found in ("media", "organisation"):
            return found
    if classes.of(head) == "role" or any(w.proper for w in words if classes.of(w) != "media"):
        return "group" if head.plural else "person"
    if any(classes.of(w) == "media" for w in words):
        return "media"  # "Ruská služba stanice BBC": a service of a broadcaster
    if any(classes.of(w) == "unnamed" for w in words):
        return "group"
    if head.plural:
        return "group"
    if head.text.isupper() and len(head.text) > 1:
        return "organisation"  # an acronym: WHO, COGAT
    return "person"
