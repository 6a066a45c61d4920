"""One row per attribution of what the engine extracts, in the shape a test compares."""

from __future__ import annotations

from claims.extraction import extract

# Fields a test reads as "" when the engine leaves them empty (no identity, no relay).
_BLANK_WHEN_NONE = frozenset({"actor", "via"})


def attribution_rows(text: str, lang: str, registry, *fields: str) -> list[tuple[str, ...]]:
    """(claim text, *the attribution's fields) for every attribution, in text order."""
    result = extract(text, language=lang, registry=registry)
    return [
        (
            c.text,
            *((getattr(a, f) or "") if f in _BLANK_WHEN_NONE else getattr(a, f) for f in fields),
        )
        for c in result.claims
        for a in c.attributions
    ]
