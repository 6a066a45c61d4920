"""Language identification on a bounded prefix, with a detector built once per process."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from lingua import Language, LanguageDetector, LanguageDetectorBuilder

SUPPORTED = ("cs", "en")
# Slovak and Polish are in the set so that they are not mistaken for Czech; the rest catch the
# commonest foreign-language wire copy.
_CANDIDATES = (
    Language.CZECH,
    Language.ENGLISH,
    Language.SLOVAK,
    Language.POLISH,
    Language.GERMAN,
    Language.FRENCH,
    Language.SPANISH,
    Language.RUSSIAN,
)
PREFIX_CHARS = 2000


@dataclass(frozen=True)
class Detection:
    language: str | None
    supported: bool
    message: str


@lru_cache(maxsize=1)
def _detector() -> LanguageDetector:
    return LanguageDetectorBuilder.from_languages(*_CANDIDATES).build()


def detect_language(text: str) -> Detection:
    sample = text[:PREFIX_CHARS]
    if not any(ch.isalpha() for ch in sample):
        return Detection(None, False, f"no letters in the first {PREFIX_CHARS} characters")
    found = _detector().detect_language_of(sample)
    if found is None:
        return Detection(None, False, "language could not be identified")
    code = found.iso_code_639_1.name.lower()
    if code in SUPPORTED:
        return Detection(code, True, "")
    return Detection(
        code, False, f"language '{code}' is not supported (supported: {', '.join(SUPPORTED)})"
    )
