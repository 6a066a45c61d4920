"""Precision and recall of "same claim" on the project's own pairs (seeds/gold/matching_pairs.jsonl).

    .venv/bin/python bench/eval_pairs.py [PAIRS.jsonl]

Czech↔English translations, paraphrases, and near-duplicates that differ in a number, a
negation or an actor. Each pair goes through `Matcher.search` (the product's path); a pair is
judged "same" as the product decides: joined (`Match.joins`: the join threshold, and in one
language an anchor) and suggested (`Match.decides`: the suggest threshold, and an unanchored
pair the join threshold). Prints P/R at the join and suggest thresholds and
by kind; how many unrelated pairs (a text against every text of another claim family; a family
is the texts linked by pairs) would be joined or suggested, by language pairing; then the floor
of the claim page's "similar claims" list: `closeness` of related pairs (every pair of the
file) against the unrelated ones.
"""

from __future__ import annotations

import json
import sys
from collections import defaultdict
from collections.abc import Callable
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from claims.matching.embed import embed
from claims.matching.matcher import (
    JOIN_SIMILARITY,
    SIMILAR_FLOOR,
    SUGGEST_SIMILARITY,
    Match,
    Matcher,
    Settings,
)

PAIRS = Path(__file__).resolve().parent.parent / "seeds" / "gold" / "matching_pairs.jsonl"


def matches(pairs: list[dict]) -> list[Match]:
    left = embed([p["a"] for p in pairs])
    right = embed([p["b"] for p in pairs])
    return [_match(p["a"], a, p["b"], b) for p, a, b in zip(pairs, left, right, strict=True)]


def _match(text: str, vector, other: str, other_vector) -> Match:  # type: ignore[no-untyped-def]
    index = Matcher.build(["b"], [other], other_vector[None], Settings(lexical_weight=0.0))
    return index.search(text, vector, top=1)[0]


def families(pairs: list[dict]) -> dict[str, str]:
    """Each text's claim family (one representative text): the texts linked by pairs."""
    parent: dict[str, str] = {}

    def root(text: str) -> str:
        while parent.setdefault(text, text) != text:
            text = parent[text]
        return text

    for p in pairs:
        parent[root(p["a"])] = root(p["b"])
    return {text: root(text) for text in list(parent)}


def floor_report(pairs: list[dict]) -> None:
    """How many unrelated pairs are joined or suggested, how many the similar-claims floor hides,
    and whether the floor hides related ones."""
    family = families(pairs)
    left = embed([p["a"] for p in pairs])
    right = embed([p["b"] for p in pairs])
    related = [
        _match(p["a"], a, p["b"], b).closeness for p, a, b in zip(pairs, left, right, strict=True)
    ]
    others = [
        _match(p["a"], left[i], q["b"], right[j])
        for i, p in enumerate(pairs)
        for j, q in enumerate(pairs)
        if family[p["a"]] != family[q["b"]]
    ]
    for pairing, cross in (("same language", False), ("across languages", True)):
        group = [m for m in others if m.cross_language == cross]
        joined = sum(m.joins(JOIN_SIMILARITY) for m in group)
        suggested = sum(m.decides(SUGGEST_SIMILARITY) for m in group)
        by_cosine = sum(m.similarity >= SUGGEST_SIMILARITY for m in group)
        print(
            f"unrelated {pairing}: {len(group)} pairs, joined {joined}, suggested {suggested} "
            f"(by similarity alone {by_cosine})"
        )
    unrelated = np.array([m.closeness for m in others])
    print(
        f"closeness: related pairs ≥ {min(related):.3f}; {len(unrelated)} unrelated pairs "
        f"{unrelated.min():.3f}–{unrelated.max():.3f}, median {np.median(unrelated):.3f}, "
        f"95th percentile {np.percentile(unrelated, 95):.3f}"
    )
    for floor in sorted({SIMILAR_FLOOR, 0.84, 0.85, 0.86, 0.87, 0.88}):
        hidden = sum(r < floor for r in related)
        shown = int((unrelated >= floor).sum())
        print(
            f"  floor {floor:.2f}{' (chosen)' if floor == SIMILAR_FLOOR else ''}: "
            f"related hidden {hidden}/{len(related)}, unrelated shown {shown}/{len(unrelated)}"
        )


def precision_recall(
    pairs: list[dict], found: list[Match], decide: Callable[[Match], bool]
) -> tuple[float, float]:
    said = [decide(m) for m in found]
    tp = sum(1 for p, s in zip(pairs, said, strict=True) if s and p["same"])
    fp = sum(1 for p, s in zip(pairs, said, strict=True) if s and not p["same"])
    positives = sum(1 for p in pairs if p["same"])
    return (tp / (tp + fp) if tp + fp else 1.0), (tp / positives if positives else 1.0)


def main() -> None:
    path = Path(sys.argv[1]) if len(sys.argv) > 1 else PAIRS
    pairs = [json.loads(line) for line in path.read_text().splitlines() if line.strip()]
    found = matches(pairs)
    deciders: dict[str, tuple[float, Callable[[Match], bool]]] = {
        "join": (JOIN_SIMILARITY, lambda m: m.joins(JOIN_SIMILARITY)),
        "suggest": (SUGGEST_SIMILARITY, lambda m: m.decides(SUGGEST_SIMILARITY)),
    }
    for name, (threshold, decide) in deciders.items():
        precision, recall = precision_recall(pairs, found, decide)
        print(f"{name:8s} ≥ {threshold:.2f}: precision {precision:.3f}  recall {recall:.3f}")
    by_kind: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0])
    for pair, match in zip(pairs, found, strict=True):
        by_kind[pair["kind"]][0] += 1
        by_kind[pair["kind"]][1] += match.joins(JOIN_SIMILARITY) == pair["same"]
        by_kind[pair["kind"]][2] += match.decides(SUGGEST_SIMILARITY) == pair["same"]
    for kind, (count, join, suggest) in sorted(by_kind.items()):
        print(f"  {kind:12s} judged right: join {join}/{count}, suggest {suggest}/{count}")
    print(f"({len(pairs)} pairs, {sum(p['same'] for p in pairs)} same)")
    floor_report(pairs)


if __name__ == "__main__":
    main()
