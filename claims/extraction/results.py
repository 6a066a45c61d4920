"""Dataclasses the engine returns; `to_dict` is the JSON contract of DESIGN.md section 4."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

Span = tuple[int, int]

STANCES = (
    "asserts",
    "denies",
    "fears",
    "promises",
    "questions",
    "orders",
    "praises",
    "reports",
    "doubts",
)
KINDS = ("direct", "indirect", "mixed", "according_to")


@dataclass(frozen=True)
class Attribution:
    actor: str | None
    actor_kind: str | None
    actor_text: str
    actor_span: Span | None
    cue: str
    cue_span: Span | None
    stance: str
    confidence: float = 0.5
    report_type: str = "speech"  # speech | belief | evidence | according_to
    role: str = ""  # "předseda Soudcovské unie": the speaker's title, kept out of `actor`
    via: str | None = None  # the outlet that relayed the statement ("ČTK", "TASS")
    # takes up a claim made earlier ("Moscow denied it"), or is named inside another's report
    # ("denied Kyiv's claim that X": Kyiv): a party the re-ranker does not weigh; not part of
    # the output
    answer: bool = False

    def to_dict(self) -> dict[str, Any]:
        return {
            "actor": self.actor,
            "actor_kind": self.actor_kind,
            "role": self.role,
            "via": self.via,
            "actor_text": self.actor_text,
            "actor_span": list(self.actor_span) if self.actor_span else None,
            "cue": self.cue,
            "cue_span": list(self.cue_span) if self.cue_span else None,
            "stance": self.stance,
            "confidence": self.confidence,
            "report_type": self.report_type,
        }


@dataclass
class Claim:
    text: str
    span: Span
    kind: str
    checkworthy: float
    attributions: list[Attribution] = field(default_factory=list)
    # A quotation interrupted by its attribution: its pieces; span covers them all and text
    # joins them without the attribution.
    segments: list[Span] | None = None

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "text": self.text,
            "span": list(self.span),
            "kind": self.kind,
            "checkworthy": self.checkworthy,
            "attributions": [a.to_dict() for a in self.attributions],
        }
        if self.segments:
            out["segments"] = [list(s) for s in self.segments]
        return out


@dataclass
class ExtractionResult:
    status: str
    language: str | None
    extractor_version: str
    message: str = ""
    claims: list[Claim] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {
            "language": self.language,
            "extractor_version": self.extractor_version,
            "status": self.status,
            "message": self.message,
            "claims": [c.to_dict() for c in self.claims],
        }
