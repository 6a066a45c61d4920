"""Claim and attribution extraction: pure Python, text in, dataclasses out (no Django)."""

from .engine import EXTRACTOR_VERSION, extract, extract_many
from .registry import Actor, ActorRegistry
from .results import Attribution, Claim, ExtractionResult

__all__ = [
    "EXTRACTOR_VERSION",
    "Actor",
    "ActorRegistry",
    "Attribution",
    "Claim",
    "ExtractionResult",
    "extract",
    "extract_many",
]
