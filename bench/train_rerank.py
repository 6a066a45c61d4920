"""Train the attribution re-ranker (claims/extraction/rerank.py) on a gold corpus.

    python bench/train_rerank.py ../shared/eval/polnear_train.gold.jsonl --lang en

Runs the rule engine (re-ranker off) on every document but each `--holdout`-th, labels each
predicted attribution right or wrong with the DESIGN.md section 5 scorer, fits an L2 logistic
regression on `rerank.features`, picks the threshold that maximises attribution F1 on
out-of-fold probabilities, and writes `claims/extraction/lexicons/<lang>/rerank.tsv`. Only
feature names (cue lemmas, buckets) and weights are written, no corpus text. It then reports
attribution F1 with and without the re-ranker on the held-out documents.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from claims.extraction import rerank
from claims.extraction.engine import extract_many
from claims.extraction.registry import ActorRegistry
from claims.extraction.scoring import (
    DEFAULT_REGISTRY,
    attribution_pairs,
    claim_pairs,
    load_gold,
    score,
)

MIN_COUNT = 3  # a feature seen fewer times in training gets no weight


def run_engine(docs: Sequence[dict], registry: ActorRegistry, lang: str) -> dict[str, list]:
    """Claims (dataclasses) per document with the re-ranker switched off."""
    saved = rerank.load_model
    rerank.load_model = lambda _lang: None  # type: ignore[assignment]
    try:
        items = [(d["id"], d["text"], lang) for d in docs]
        return {str(i): r.claims for i, r in extract_many(items, registry=registry)}
    finally:
        rerank.load_model = saved


def labelled(docs: Sequence[dict], claims: dict[str, list], lang: str):
    """(features, label) per predicted attribution, its claim's number, and the gold count."""
    rows: list[tuple[list[str], int]] = []
    claim_of: list[int] = []  # row -> running claim number, for the per-claim decision
    gold_total = 0
    number = -1
    for doc in docs:
        golds = doc["claims"]
        preds = claims[doc["id"]]
        gold_total += sum(
            1
            for g in golds
            if not g.get("optional")
            for a in g["attributions"]
            if not a.get("optional")
        )
        dicts = [c.to_dict() for c in preds]
        match = {pi: gi for gi, pi in claim_pairs(dicts, golds)}
        for pi, claim in enumerate(preds):
            right: set[int] = set()
            gi = match.get(pi)
            if gi is not None and not golds[gi].get("optional"):
                ga = [a for a in golds[gi]["attributions"] if not a.get("optional")]
                pa = dicts[pi]["attributions"]
                right = {k for _, k in attribution_pairs(pa, ga)}
            number += 1
            for k, attr in enumerate(claim.attributions):
                rows.append((rerank.features(doc["text"], claim, attr, lang), int(k in right)))
                claim_of.append(number)
    return rows, np.array(claim_of), gold_total


def fit(x: np.ndarray, y: np.ndarray, l2: float, steps: int = 400) -> np.ndarray:
    """Logistic regression by full-batch Adam; x is a dense 0/1 matrix (small enough here)."""
    w = np.zeros(x.shape[1])
    m = np.zeros_like(w)
    v = np.zeros_like(w)
    for t in range(1, steps + 1):
        p = 1.0 / (1.0 + np.exp(-(x @ w)))
        grad = x.T @ (p - y) / len(y) + l2 * w
        grad[0] -= l2 * w[0]  # no penalty on the bias
        m = 0.9 * m + 0.1 * grad
        v = 0.999 * v + 0.001 * grad**2
        w -= 0.1 * (m / (1 - 0.9**t)) / (np.sqrt(v / (1 - 0.999**t)) + 1e-8)
    return w


def best_threshold(p: np.ndarray, y: np.ndarray, gold_total: int) -> tuple[float, float]:
    best = (0.0, 0.0)
    for t in np.arange(0.0, 0.8, 0.01):
        keep = p >= t
        tp = int(y[keep].sum())
        fp = int(keep.sum()) - tp
        fn = gold_total - tp
        f1 = 2 * tp / (2 * tp + fp + fn) if tp else 0.0
        if f1 > best[1]:
            best = (float(t), f1)
    return best


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("gold", help="gold .jsonl (DESIGN.md section 5)")
    parser.add_argument("--lang", default="en")
    parser.add_argument("--holdout", type=int, default=10, help="every N-th doc is held out")
    parser.add_argument("--l2", type=float, default=1e-3)
    parser.add_argument("--folds", type=int, default=5)
    parser.add_argument("--dry-run", action="store_true", help="do not write the weights file")
    args = parser.parse_args(argv)

    registry = ActorRegistry.from_json(DEFAULT_REGISTRY)
    docs = load_gold([args.gold])
    train = [d for i, d in enumerate(docs) if i % args.holdout]
    held = [d for i, d in enumerate(docs) if not i % args.holdout]
    print(f"{len(train)} training documents, {len(held)} held out", flush=True)
    claims = run_engine(train, registry, args.lang)
    rows, claim_of, gold_total = labelled(train, claims, args.lang)

    counts: dict[str, int] = {}
    for feats, _ in rows:
        for f in feats:
            counts[f] = counts.get(f, 0) + 1
    names = ["bias", *sorted(f for f, n in counts.items() if n >= MIN_COUNT and f != "bias")]
    index = {f: i for i, f in enumerate(names)}
    x = np.zeros((len(rows), len(names)), dtype=np.float32)
    for r, (feats, _) in enumerate(rows):
        for f in feats:
            if f in index:
                x[r, index[f]] = 1.0
    y = np.array([label for _, label in rows], dtype=np.float64)
    print(f"{len(rows)} attributions ({int(y.sum())} right), {len(names)} features", flush=True)

    fold = claim_of % args.folds  # a claim's attributions stay in one fold
    oof = np.zeros(len(rows))
    for k in range(args.folds):
        w = fit(x[fold != k], y[fold != k], args.l2)
        oof[fold == k] = 1.0 / (1.0 + np.exp(-(x[fold == k] @ w)))
    # rerank() keeps or drops whole claims on their best attribution.
    best = np.full(claim_of.max() + 1, -1.0)
    np.maximum.at(best, claim_of, oof)
    threshold, f1 = best_threshold(best[claim_of], y, gold_total)
    base = 2 * int(y.sum()) / (len(rows) + gold_total)
    print(
        f"train attribution F1 without {base:.3f}, with (out-of-fold) {f1:.3f} at {threshold:.2f}"
    )
    w = fit(x, y, args.l2)

    if not args.dry_run:
        path = rerank.LEXICON_DIR / args.lang / "rerank.tsv"
        lines = [
            "# attribution re-ranker weights (logistic regression), written by bench/train_rerank.py",
            f"# trained on {Path(args.gold).name}, {len(train)} documents (every {args.holdout}th held out),"
            f" l2={args.l2}, features seen >= {MIN_COUNT} times",
            f"@threshold\t{threshold:.2f}",
        ]
        lines += [
            f"{n}\t{v:.4f}" for n, v in zip(names, w, strict=True) if abs(v) >= 1e-3 or n == "bias"
        ]
        path.write_text("\n".join(lines) + "\n", encoding="utf-8")
        rerank.load_model.cache_clear()
        print(f"wrote {path} ({len(lines) - 3} weights)")

    # Held-out documents: the rule engine alone, then with the re-ranker just written.
    plain = run_engine(held, registry, args.lang)
    without = score(held, {k: [c.to_dict() for c in v] for k, v in plain.items()}, registry)
    items = [(d["id"], d["text"], args.lang) for d in held]
    ranked = {str(i): r.to_dict()["claims"] for i, r in extract_many(items, registry=registry)}
    with_ = score(held, ranked, registry)
    for label, report in (("rules only", without), ("with re-ranker", with_)):
        prec, rec, f1_held = report.total.attribution_prf
        print(f"held-out {label:<15} attribution P {prec:.3f} R {rec:.3f} F1 {f1_held:.3f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
