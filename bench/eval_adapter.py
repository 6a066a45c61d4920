"""Experiment, not shipped: a learned linear map on the tweet's vector (CLEF-2020, research data).

    .venv/bin/python bench/eval_adapter.py cv LAMBDAS STEPS   # 5-fold CV on train, e.g. 0.01,0.1 100,300
    .venv/bin/python bench/eval_adapter.py dev LAMBDA STEPS   # fit on all of train, score dev once

The query vector q becomes normalise(q + A q); A (384 × 384) is fitted by softmax
cross-entropy of each train tweet against all 10,194 index claims (temperature 0.05, Adam,
L2 on A). Ranking is the product's (`Matcher.search`: cosine + 0.03 BM25 + guards) with the
mapped vector. Results and the decision are in docs/matching.md.
"""

from __future__ import annotations

import sys
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from eval_matching import DATA, score

from claims.matching.embed import cache_in, default_cache_dir
from claims.matching.run import build_matcher, read_jsonl
from claims.matching.text import query_text


def fit(vectors, targets, index, lam, steps, tau=0.05, lr=1e-3):  # type: ignore[no-untyped-def]
    A = np.zeros((vectors.shape[1],) * 2, np.float32)
    m, v = np.zeros_like(A), np.zeros_like(A)
    for t in range(1, steps + 1):
        q = vectors + vectors @ A.T
        norm = np.linalg.norm(q, axis=1, keepdims=True)
        qn = q / norm
        s = qn @ index.T / tau
        p = np.exp(s - s.max(axis=1, keepdims=True))
        p /= p.sum(axis=1, keepdims=True)
        for i, wanted in enumerate(targets):
            if wanted:  # a tweet whose claim was folded into an earlier line has none
                p[i, wanted] -= 1.0 / len(wanted)
        d_qn = (p / len(targets)) @ index / tau
        d_q = (d_qn - qn * (d_qn * qn).sum(1, keepdims=True)) / norm
        grad = d_q.T @ vectors + 2 * lam * A
        m = 0.9 * m + 0.1 * grad
        v = 0.999 * v + 0.001 * grad * grad
        A -= lr * (m / (1 - 0.9**t)) / (np.sqrt(v / (1 - 0.999**t)) + 1e-8)
    return A


def main() -> None:
    mode, lams, steps_list = sys.argv[1], sys.argv[2], sys.argv[3]
    cache = cache_in(default_cache_dir())
    matcher = build_matcher(read_jsonl(DATA / "claims.jsonl"), cache=cache)
    at = {ident: i for i, ident in enumerate(matcher.ids)}

    def split(name: str):  # type: ignore[no-untyped-def]
        queries = read_jsonl(DATA / f"{name}.jsonl")
        vectors = cache.embed([query_text(q) for q in queries])
        wanted = [[at[str(r)] for r in q["relevant"] if str(r) in at] for q in queries]
        return queries, vectors, wanted

    def ranked(queries, vectors, A):  # type: ignore[no-untyped-def]
        mapped = vectors if A is None else vectors + vectors @ A.T
        mapped = mapped / np.linalg.norm(mapped, axis=1, keepdims=True)
        return score(
            queries,
            {
                str(q["id"]): [m.id for m in matcher.search(query_text(q), vec, top=5)]
                for q, vec in zip(queries, mapped, strict=True)
            },
        )

    train_q, train_v, train_t = split("train")
    if mode == "cv":
        folds = np.array_split(np.random.default_rng(0).permutation(len(train_q)), 5)
        print("train, no map:", ranked(train_q, train_v, None))
        for lam in map(float, lams.split(",")):
            for steps in map(int, steps_list.split(",")):
                total = 0.0
                for k, held in enumerate(folds):
                    fit_on = np.concatenate([f for j, f in enumerate(folds) if j != k])
                    A = fit(
                        train_v[fit_on], [train_t[i] for i in fit_on], matcher.vectors, lam, steps
                    )
                    got = ranked([train_q[i] for i in held], train_v[held], A)
                    total += got["map5"] * len(held)
                print(
                    f"lambda {lam} steps {steps}: CV MAP@5 {total / len(train_q):.4f}", flush=True
                )
    else:
        dev_q, dev_v, _ = split("dev")
        A = fit(train_v, train_t, matcher.vectors, float(lams), int(steps_list))
        print("dev, no map:", ranked(dev_q, dev_v, None))
        print("dev, mapped:", ranked(dev_q, dev_v, A))


if __name__ == "__main__":
    main()
