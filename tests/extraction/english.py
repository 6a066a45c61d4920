"""What the engine extracts from one English text, in the shapes the PolNeAR tests compare."""

from claims.extraction import extract


def claims_with_sources(text: str, registry) -> list[tuple[str, list[tuple[str, str]]]]:
    """Each claim's text with its (speaker phrase, cue) pairs."""
    result = extract(text, language="en", registry=registry)
    return [(c.text, [(a.actor_text, a.cue) for a in c.attributions]) for c in result.claims]


def claim_texts(text: str, registry) -> list[str]:
    return [c for c, _ in claims_with_sources(text, registry)]
