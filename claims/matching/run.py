"""Match JSON-lines records against an index of records: the `match` command and the evaluation."""

from __future__ import annotations

import json
from collections.abc import Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any

import numpy as np

from claims.matching.embed import FileCache, embed
from claims.matching.matcher import Matcher, Settings
from claims.matching.text import index_text, query_text, same_text_key

# e5's "query: " prefix on the query lines: off. Statement against statement ("passage: " on
# both sides) ranks better on CLEF-2020 (docs/matching.md).
QUERY_PREFIX = False


class BadRecord(ValueError):
    pass


def read_jsonl(path: Path) -> list[dict[str, Any]]:
    """Records with an "id" and a "text"; a broken line names its number."""
    records = []
    with path.open(encoding="utf-8-sig") as handle:
        for number, line in enumerate(handle, 1):
            if not line.strip():
                continue
            try:
                record = json.loads(line)
            except json.JSONDecodeError as exc:
                raise BadRecord(f"{path}:{number}: not JSON ({exc.msg}).") from exc
            if not isinstance(record, dict) or "id" not in record or not record.get("text"):
                raise BadRecord(f'{path}:{number}: a line needs "id" and "text".')
            records.append(record)
    return records


def _vectors(texts: Sequence[str], *, is_query: bool, cache: FileCache | None) -> np.ndarray:
    return cache.embed(texts, is_query=is_query) if cache else embed(texts, is_query=is_query)


def build_matcher(
    index: Sequence[Mapping[str, Any]],
    *,
    cache: FileCache | None = None,
    settings: Settings | None = None,
) -> Matcher:
    """An index of the records; a record that repeats an earlier one's text is left out.

    Two lines with one text (up to case, quotes and punctuation) are one claim filed twice; the
    first line stands for it, so the pair never splits a ranking between two ids of one claim.
    CLEF-2020's 10,375 Snopes claims hold 180 such groups (181 lines folded); where a train
    query's relevant claim sits in one, it is the first line 184 times out of 189.
    """
    kept, seen = [], set()
    for record in index:
        text = index_text(record)
        if (same := same_text_key(text)) not in seen:
            seen.add(same)
            kept.append((str(record["id"]), text))
    texts = [text for _, text in kept]
    vectors = _vectors(texts, is_query=False, cache=cache)
    return Matcher.build([ident for ident, _ in kept], texts, vectors, settings)


def match_records(
    matcher: Matcher,
    queries: Sequence[Mapping[str, Any]],
    *,
    top: int = 10,
    cache: FileCache | None = None,
) -> Iterator[dict[str, Any]]:
    """One {"id", "matches": [{"id", "score"}]} per query, best first.

    A query line states a claim (a post, a tweet), so it is embedded as a passage, like the
    index: the product compares a new claim's stored vector with the others the same way.
    """
    texts = [query_text(q) for q in queries]
    vectors = _vectors(texts, is_query=QUERY_PREFIX, cache=cache)
    for query, text, vector in zip(queries, texts, vectors, strict=True):
        found = matcher.search(text, vector, top=top)
        yield {"id": query["id"], "matches": [{"id": m.id, "score": m.score} for m in found]}
