"""Claim matching on CLEF-2020 CheckThat! task 2 (research-only corpus in ../shared/eval/matching).

    .venv/bin/python bench/eval_matching.py [--split dev] [--sweep] [--run RUN.jsonl]

Calls the `match` command's code path (claims.matching.run) with vectors cached under
the command's file cache (MATCH_CACHE_DIR, else ~/.cache/factcheck/match), so the 10,375 Snopes
claims are embedded once per machine.
Prints MAP@5 (the task's measure), P@1 and recall@5, with and without the lexical signal and
the guards, and how often a guard fires on a relevant pair (each firing is a guard error).
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from claims.matching.embed import cache_in, default_cache_dir
from claims.matching.matcher import Settings
from claims.matching.run import QUERY_PREFIX, build_matcher, match_records, read_jsonl
from claims.matching.text import query_text

DATA = Path(__file__).resolve().parent.parent.parent / "shared" / "eval" / "matching"


def score(queries: list[dict], run: dict[str, list[str]]) -> dict[str, float]:
    ap5 = p1 = r5 = 0.0
    for q in queries:
        relevant = set(map(str, q["relevant"]))
        got = run.get(str(q["id"]), [])[:5]
        hits, total = 0, 0.0
        for rank, cid in enumerate(got, 1):
            if cid in relevant:
                hits += 1
                total += hits / rank
        ap5 += total / min(len(relevant), 5)
        p1 += bool(got) and got[0] in relevant
        r5 += len(relevant & set(got)) / len(relevant)
    n = len(queries)
    return {"map5": ap5 / n, "p1": p1 / n, "recall5": r5 / n}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--data", type=Path, default=DATA)
    parser.add_argument("--split", default="dev")
    parser.add_argument("--sweep", action="store_true")
    parser.add_argument("--run", type=Path, help="write the run (what `manage.py match` prints)")
    args = parser.parse_args()
    cache = cache_in(default_cache_dir())
    index = read_jsonl(args.data / "claims.jsonl")
    queries = read_jsonl(args.data / f"{args.split}.jsonl")
    started = time.perf_counter()
    base = build_matcher(index, cache=cache)
    print(f"index of {len(base)} built in {time.perf_counter() - started:.1f} s", file=sys.stderr)
    configs = {"chosen": Settings()}
    if args.sweep:
        configs |= {
            "vectors only, no guards": Settings(lexical_weight=0.0, conflict_factor=1.0),
            "vectors + guards": Settings(lexical_weight=0.0),
            "BM25 only, no guards": Settings(lexical_weight=1000.0, conflict_factor=1.0),
            "lexical 0.03, no guards": Settings(lexical_weight=0.03, conflict_factor=1.0),
            "lexical 0.05, guards": Settings(lexical_weight=0.05),
            "lexical 0.03, guards x0.5": Settings(lexical_weight=0.03, conflict_factor=0.5),
        }
    for name, settings in configs.items():
        matcher = dataclasses.replace(base, settings=settings, _facts={})
        lines = list(match_records(matcher, queries, top=10, cache=cache))
        run = {str(line["id"]): [m["id"] for m in line["matches"]] for line in lines}
        figures = score(queries, run)
        print(
            f"{name:28s} MAP@5 {figures['map5']:.3f}  P@1 {figures['p1']:.3f}  "
            f"R@5 {figures['recall5']:.3f}  ({len(queries)} queries)"
        )
        if name == "chosen":
            fired = guard_errors(matcher, queries, cache)
            print(f"{'':28s} guards firing on a relevant pair: {fired}")
            if args.run:
                args.run.write_text("".join(json.dumps(line) + "\n" for line in lines))


def guard_errors(matcher, queries, cache) -> str:  # type: ignore[no-untyped-def]
    texts = [query_text(q) for q in queries]
    vectors = cache.embed(texts, is_query=QUERY_PREFIX)
    fired: dict[str, int] = {}
    pairs = 0
    position = {cid: i for i, cid in enumerate(matcher.ids)}
    for q, text, vector in zip(queries, texts, vectors, strict=True):
        for match in matcher.search(text, vector, top=50):
            if match.id in set(map(str, q["relevant"])):
                pairs += 1
                if match.conflict:
                    fired[match.conflict] = fired.get(match.conflict, 0) + 1
                    if os.environ.get("SHOW_GUARDS"):
                        print(
                            match.conflict,
                            "|",
                            text[:200],
                            "||",
                            matcher.texts[position[match.id]][:200],
                        )
    return f"{sum(fired.values())} of {pairs} ({fired})"


if __name__ == "__main__":
    main()
