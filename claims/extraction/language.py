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
# A wider net in lingua's low-accuracy mode (about 150 MB with the detector above, against
# 640 MB in high accuracy): a language outside the candidates was read as the nearest of
# them (Finnish as English, and then extracted with the English parser) and named wrongly in
# the message a partner reads ("French"). Trusted on texts of NAMING_MIN_WORDS or more: it
# takes some one-line Czech sentences for Estonian or Swedish.
_NAMING = (
    *_CANDIDATES,
    Language.FINNISH,
    Language.SWEDISH,
    Language.DANISH,
    Language.BOKMAL,
    Language.DUTCH,
    Language.ITALIAN,
    Language.PORTUGUESE,
    Language.HUNGARIAN,
    Language.UKRAINIAN,
    Language.ROMANIAN,
    Language.CROATIAN,
    Language.SLOVENE,
    Language.SERBIAN,
    Language.BULGARIAN,
    Language.LITHUANIAN,
    Language.LATVIAN,
    Language.ESTONIAN,
    Language.GREEK,
    Language.TURKISH,
    Language.ARABIC,
    Language.HEBREW,
    Language.CHINESE,
    Language.JAPANESE,
    Language.KOREAN,
)
PREFIX_CHARS = 2000
NAMING_MIN_WORDS = 25


@dataclass(frozen=True)
class Detection:
    language: str | None
    supported: bool
    message: str


@lru_cache(maxsize=1)
def _detector() -> LanguageDetector:
    return LanguageDetectorBuilder.from_languages(*_CANDIDATES).build()


@lru_cache(maxsize=1)
def _naming_detector() -> LanguageDetector:
    return LanguageDetectorBuilder.from_languages(*_NAMING).with_low_accuracy_mode().build()


def detect_language(text: str) -> Detection:
    sample = text[:PREFIX_CHARS]
    if not any(ch.isalpha() for ch in sample):
        return Detection(None, False, f"no letters in the first {PREFIX_CHARS} characters")
    found = _detector().detect_language_of(sample)
    if found is None:
        return Detection(None, False, "language could not be identified")
    code = found.iso_code_639_1.name.lower()
    named = (
        _naming_detector().detect_language_of(sample)
        if len(sample.split()) >= NAMING_MIN_WORDS
        else None
    )
    if named is not None and named not in _CANDIDATES:
        found, code = named, named.iso_code_639_1.name.lower()
    if code in SUPPORTED:
        return Detection(code, True, "")
    return Detection(
        code,
        False,
        f"language '{code}' ({found.name.title()}) is not supported "
        f"(supported: {', '.join(SUPPORTED)})",
    )
