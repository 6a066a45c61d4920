"""The floor of the partner search (`GET /api/v1/claims/search/?q=`), on the project's own pairs.

    .venv/bin/python bench/eval_search.py [PAIRS.jsonl]

The search embeds the partner's text as an e5 "query: " and compares it with stored claims and
reviews, which are "passage: "s, so its cosines sit on another scale than the claim page's
(passage against passage, `MATCH_SIMILAR_FLOOR`). Every text of seeds/gold/matching_pairs.jsonl
is searched (as a query, the product's `Matcher.search`) against every text of the file stored
as a passage. Related: the two texts of a pair of the file, either way round (same claim,
translation, paraphrase, near-duplicate, same topic). Unrelated: a text against every text of
another claim family (a family is the texts linked by pairs, as in `bench/eval_pairs.py`).
Printed: `closeness` of each, by kind; the best closeness a few texts of no claim at all reach
(text in other scripts, a recipe); then what each candidate floor hides and shows: one floor on
`closeness`, and the chosen shape, a floor for anchored pairs and a higher one for unanchored
ones (`Match.decides`, where a guard's conflict counts as 0: the API drops those anyway).
"""

from __future__ import annotations

import json
import sys
from collections import defaultdict
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.eval_pairs import families
from claims.matching.embed import embed
from claims.matching.matcher import SEARCH_FLOOR, SEARCH_UNANCHORED, Match, Matcher, Settings

PAIRS = Path(__file__).resolve().parent.parent / "seeds" / "gold" / "matching_pairs.jsonl"
FLOORS = (0.80, 0.82, 0.84, 0.85, 0.86, 0.87, 0.88, 0.89, 0.90)
UNANCHORED = (0.88, 0.89, 0.90, 0.91, 0.92)

# Texts that state no claim of the file (written for this bench): what a search answered with
# a published claim at 0.79 before it had a floor.
NOISE = (
    "ꦱꦸꦒꦼꦁꦫꦮꦸꦃ ꦢꦸꦩꦸꦠ꧀ ꦥꦫ ꦥꦩꦶꦂꦱ",  # Javanese script
    "ꦲꦏꦸ ꦩꦁꦤ ꦥꦱꦂ ꦠꦸꦃ ꦠꦸꦏꦸ ꦱꦼꦒ",  # Javanese script
    "日本の桜は四月に満開になります",
    "Přidejte dvě lžíce mouky a míchejte, dokud omáčka nezhoustne.",
    "Preheat the oven to 180 degrees and grease the baking tin.",
    "asdf qwerty zxcv",
    "hello",
)


def main() -> None:
    path = Path(sys.argv[1]) if len(sys.argv) > 1 else PAIRS
    pairs = [json.loads(line) for line in path.read_text().splitlines() if line.strip()]
    family = families(pairs)
    texts = sorted(family)
    row = {t: i for i, t in enumerate(texts)}
    # The stored side as the product stores claims; BM25 off: `closeness` is the cosine alone.
    index = Matcher.build(
        [str(i) for i in range(len(texts))], texts, embed(texts), Settings(lexical_weight=0.0)
    )
    queries = embed(texts, is_query=True)
    found = {
        t: {int(m.id): m for m in index.search(t, queries[row[t]], top=len(texts))} for t in texts
    }
    related = [
        (p["kind"], found[q][row[stored]])
        for p in pairs
        for q, stored in ((p["a"], p["b"]), (p["b"], p["a"]))
    ]
    unrelated = [found[q][row[s]] for q in texts for s in texts if family[q] != family[s]]
    noise_vectors = embed(list(NOISE), is_query=True)
    noise = [index.search(t, v, top=len(texts)) for t, v in zip(NOISE, noise_vectors, strict=True)]

    closeness = np.array([m.closeness for _, m in related])
    print(
        f"{len(texts)} texts searched as queries against the same texts stored as passages "
        f"({len(pairs)} pairs of {path.name})"
    )
    print(
        f"related (each pair both ways, {len(related)}): closeness {closeness.min():.3f}–"
        f"{closeness.max():.3f}, median {np.median(closeness):.3f}"
    )
    by_kind: dict[str, list[Match]] = defaultdict(list)
    for kind, m in related:
        by_kind[kind].append(m)
    for kind, group in sorted(by_kind.items()):
        values = [m.closeness for m in group]
        unanchored = [m.closeness for m in group if not m.anchored]
        print(
            f"  {kind:12s} {len(values):3d}: {min(values):.3f}–{max(values):.3f}; unanchored "
            f"{len(unanchored)}" + (f", from {min(unanchored):.3f}" if unanchored else "")
        )
    far = np.array([m.closeness for m in unrelated])
    print(
        f"unrelated cross-family ({len(far)}): {far.min():.3f}–{far.max():.3f}, median "
        f"{np.median(far):.3f}, 95th percentile {np.percentile(far, 95):.3f}, 99th "
        f"{np.percentile(far, 99):.3f}"
    )
    for text, found_for in zip(NOISE, noise, strict=True):
        best = max(found_for, key=lambda m: m.closeness)
        print(
            f"  no claim: {text[:32]!r} best closeness {best.closeness:.3f} (cosine "
            f"{best.cosine:.3f}, {'across languages' if best.cross_language else 'one language'}"
            f", {'anchored' if best.anchored else 'unanchored'})"
        )
    same = [m for kind, m in related if kind in SAME_CLAIM]
    print(
        f"same claim (translation, paraphrase; both ways): {len(same)}, of them "
        f"{sum(bool(m.conflict) for m in same)} with a guard's conflict (the API drops those at "
        f"any floor)"
    )

    def report(label: str, answered) -> None:  # type: ignore[no-untyped-def]
        shown = sum(answered(m) for m in unrelated)
        print(
            f"  {label}: same claim hidden {sum(not answered(m) for m in same)}/{len(same)}, "
            f"all related hidden {sum(not answered(m) for _, m in related)}/{len(related)}, "
            f"unrelated shown {shown}/{len(unrelated)} ({shown / len(unrelated):.1%}), "
            f"no-claim texts answered {sum(any(answered(m) for m in f) for f in noise)}/"
            f"{len(noise)}"
        )

    print("one floor on closeness:")
    for floor in FLOORS:
        report(f"{floor:.2f}", lambda m, f=floor: m.closeness >= f)
    print("a floor, and a higher one without an anchor (`Match.decides`; guards' conflicts out):")
    for floor in sorted({0.85, 0.86, 0.87, 0.88, SEARCH_FLOOR}):
        for high in sorted({*UNANCHORED, SEARCH_UNANCHORED}):
            chosen = (floor, high) == (SEARCH_FLOOR, SEARCH_UNANCHORED)
            report(
                f"{floor:.2f} / unanchored {high:.2f}{' (chosen)' if chosen else ''}",
                lambda m, f=floor, h=high: m.decides(f, unanchored=h),
            )


# Kinds where the two texts state one claim (the guards' near-duplicates and topics aside).
SAME_CLAIM = frozenset({"translation", "paraphrase"})


if __name__ == "__main__":
    main()
