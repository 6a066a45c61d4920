"""Throughput of the extraction engine against a bare spaCy parse of the same texts.

    python bench/extraction.py [GOLD_FILES...] [--repeat N]

Default corpus: polnear_dev + adaq_cs_dev from ../shared/eval when present, else seeds/gold.
The bare parse is nlp.pipe over the whole texts with the very pipeline the engine loads (same
disabled components), in the same process, after the same warm-up.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from claims.extraction import ActorRegistry, extract_many  # noqa: E402
from claims.extraction.language import detect_language  # noqa: E402
from claims.extraction.pipeline import get_nlp  # noqa: E402
from claims.extraction.scoring import load_gold  # noqa: E402

SHARED = ROOT.parent / "shared" / "eval"
DEFAULT_SHARED = [SHARED / "polnear_dev.gold.jsonl", SHARED / "adaq_cs_dev.gold.jsonl"]


def _corpus(paths: list[str]) -> list[tuple[str, str, str]]:
    files = [Path(p) for p in paths] or [p for p in DEFAULT_SHARED if p.exists()]
    if not files:
        files = sorted((ROOT / "seeds" / "gold").glob("*.gold.json"))
    return [(str(d["id"]), d["text"], d["lang"]) for d in load_gold(files)]


def _bare(docs: list[tuple[str, str, str]]) -> float:
    start = time.perf_counter()
    for lang in sorted({d[2] for d in docs}):
        for _ in get_nlp(lang).pipe([d[1] for d in docs if d[2] == lang], batch_size=64):
            pass
    return time.perf_counter() - start


def _engine(docs: list[tuple[str, str, str]], registry: ActorRegistry, auto: bool) -> float:
    items = [(i, t, None if auto else lang) for i, t, lang in docs]
    start = time.perf_counter()
    for _ in extract_many(items, registry=registry):
        pass
    return time.perf_counter() - start


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("gold", nargs="*")
    parser.add_argument("--repeat", type=int, default=3, help="best of N runs (default 3)")
    args = parser.parse_args()
    docs = _corpus(args.gold)
    registry = ActorRegistry.from_json(ROOT / "seeds" / "actors.json")
    # Warm-up: model loading and lingua's lazy language models are one-off per process.
    for lang in {d[2] for d in docs}:
        get_nlp(lang)("Warm up.")
    detect_language("warm up the detector")
    _engine(docs[:5], registry, auto=True)
    rows = []
    for lang in [*sorted({d[2] for d in docs}), "all"]:
        part = [d for d in docs if lang in ("all", d[2])]
        words = sum(len(t.split()) for _, t, _ in part)
        bare = min(_bare(part) for _ in range(args.repeat))
        eng = min(_engine(part, registry, auto=False) for _ in range(args.repeat))
        auto = min(_engine(part, registry, auto=True) for _ in range(args.repeat))
        rows.append((lang, len(part), words, bare, eng, auto))
    print(
        f"{'corpus':<7}{'docs':>6}{'words':>9}{'bare s':>9}{'bare w/s':>10}{'engine s':>10}"
        f"{'engine w/s':>12}{'ratio':>7}{'auto-lang s':>13}{'ratio':>7}"
    )
    for lang, n, words, bare, eng, auto in rows:
        print(
            f"{lang:<7}{n:>6}{words:>9}{bare:>9.2f}{words / bare:>10.0f}{eng:>10.2f}"
            f"{words / eng:>12.0f}{eng / bare:>7.2f}{auto:>13.2f}{auto / bare:>7.2f}"
        )
    print("ratio = engine time / bare nlp.pipe time (target <= 1.30); best of", args.repeat)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
