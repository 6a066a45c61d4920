"""PLACEHOLDER until the engine branch (`extract`) merges: the interface only, no claims."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

EXTRACTOR_VERSION = "placeholder-0"


@dataclass
class ActorRegistry:
    entries: list[dict[str, Any]] = field(default_factory=list)

    @classmethod
    def from_entries(cls, entries: list[dict[str, Any]]) -> ActorRegistry:
        return cls(list(entries))


@dataclass
class ExtractionResult:
    language: str
    status: str = "ok"
    message: str = ""
    extractor_version: str = EXTRACTOR_VERSION
    claims: list[Any] = field(default_factory=list)


def extract(
    text: str, language: str = "auto", registry: ActorRegistry | None = None
) -> ExtractionResult:
    return ExtractionResult(language="cs" if language == "auto" else language)
