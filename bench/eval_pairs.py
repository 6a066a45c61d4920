"""Precision and recall of "same claim" on the project's own pairs (seeds/gold/matching_pairs.jsonl).

    .venv/bin/python bench/eval_pairs.py [PAIRS.jsonl]

Czech↔English translations, paraphrases, and near-duplicates that differ in a number, a
negation or an actor. Each pair goes through `Matcher.search` (the product's path); a pair is
judged "same" when its `similarity` reaches the threshold. Prints P/R at the join and suggest
thresholds and by kind.
"""

from __future__ import annotations

import json
import sys
from collections import defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from claims.matching.embed import embed
from claims.matching.matcher import (
    JOIN_SIMILARITY,
    SUGGEST_SIMILARITY,
    Matcher,
    Settings,
)

PAIRS = Path(__file__).resolve().parent.parent / "seeds" / "gold" / "matching_pairs.jsonl"


def similarities(pairs: list[dict]) -> list[float]:
    left = embed([p["a"] for p in pairs])
    right = embed([p["b"] for p in pairs])
    out = []
    for pair, a, b in zip(pairs, left, right, strict=True):
        index = Matcher.build(["b"], [pair["b"]], b[None], Settings(lexical_weight=0.0))
        out.append(index.search(pair["a"], a, top=1)[0].similarity)
    return out


def precision_recall(
    pairs: list[dict], scores: list[float], threshold: float
) -> tuple[float, float]:
    tp = sum(1 for p, s in zip(pairs, scores, strict=True) if s >= threshold and p["same"])
    fp = sum(1 for p, s in zip(pairs, scores, strict=True) if s >= threshold and not p["same"])
    positives = sum(1 for p in pairs if p["same"])
    return (tp / (tp + fp) if tp + fp else 1.0), (tp / positives if positives else 1.0)


def main() -> None:
    path = Path(sys.argv[1]) if len(sys.argv) > 1 else PAIRS
    pairs = [json.loads(line) for line in path.read_text().splitlines() if line.strip()]
    scores = similarities(pairs)
    for name, threshold in (("join", JOIN_SIMILARITY), ("suggest", SUGGEST_SIMILARITY)):
        precision, recall = precision_recall(pairs, scores, threshold)
        print(f"{name:8s} ≥ {threshold:.2f}: precision {precision:.3f}  recall {recall:.3f}")
    by_kind: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for pair, score in zip(pairs, scores, strict=True):
        by_kind[pair["kind"]][0] += 1
        by_kind[pair["kind"]][1] += (score >= JOIN_SIMILARITY) == pair["same"]
    for kind, (count, right) in sorted(by_kind.items()):
        print(f"  {kind:12s} {right}/{count} judged right at the join threshold")
    print(f"({len(pairs)} pairs, {sum(p['same'] for p in pairs)} same)")


if __name__ == "__main__":
    main()
