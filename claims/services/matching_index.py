"""The live matching index of one process: every stored claim and imported review, in memory.

Loading 1M vectors from the database takes seconds, so a process keeps its index and adds only
the rows changed since it last looked (`updated_at`). A row whose text changed, or was
deleted, is caught by the next full rebuild; results are re-read from the database anyway,
so a deleted claim is never shown.
"""

from __future__ import annotations

import datetime as dt
import threading
from dataclasses import dataclass, field

import numpy as np

from claims.matching.embed import DIM, MODEL_ID, from_bytes
from claims.matching.matcher import Matcher, Settings
from claims.models import ClaimEmbedding, ExternalFactCheck

CLAIM, REVIEW = "c", "f"
_lock = threading.Lock()
_state: dict[str, object] = {}
# Rebuild from scratch after this long, so edited and deleted rows leave the index.
REBUILD_AFTER = dt.timedelta(minutes=30)
LOOKBACK = dt.timedelta(minutes=2)


def key(kind: str, pk: int) -> str:
    return f"{kind}:{pk}"


def parse_key(value: str) -> tuple[str, int]:
    kind, pk = value.split(":", 1)
    return kind, int(pk)


@dataclass
class _Rows:
    ids: list[str] = field(default_factory=list)
    texts: list[str] = field(default_factory=list)
    hashes: list[str] = field(default_factory=list)
    blobs: list[bytes] = field(default_factory=list)
    newest: dt.datetime | None = None

    def append(self, ident: str, text: str, digest: str, blob: bytes, updated: dt.datetime) -> None:
        self.ids.append(ident)
        self.texts.append(text)
        self.hashes.append(digest)
        self.blobs.append(bytes(blob))
        self.newest = max(self.newest, updated) if self.newest else updated

    def vectors(self) -> np.ndarray:
        if not self.blobs:
            return np.zeros((0, DIM), dtype=np.float32)
        return np.stack([from_bytes(b) for b in self.blobs])


def _rows(since: dt.datetime | None) -> _Rows:
    rows = _Rows()
    claims = ClaimEmbedding.objects.filter(model=MODEL_ID)
    reviews = ExternalFactCheck.objects.filter(model=MODEL_ID, vector__isnull=False)
    if since is not None:
        # Look back a little: a transaction that stamped its rows earlier may commit later.
        claims = claims.filter(updated_at__gt=since - LOOKBACK)
        reviews = reviews.filter(updated_at__gt=since - LOOKBACK)
    for pk, text, normalized, digest, blob, updated in claims.values_list(
        "claim_id", "claim__text", "claim__normalized_text", "text_sha256", "vector", "updated_at"
    ).iterator(chunk_size=2000):
        rows.append(key(CLAIM, pk), normalized or text, digest, blob, updated)
    for pk, text, digest, raw, updated in reviews.values_list(
        "pk", "claim_text", "text_sha256", "vector", "updated_at"
    ).iterator(chunk_size=2000):
        rows.append(key(REVIEW, pk), text, digest, bytes(raw or b""), updated)
    return rows


def _rebuild(settings: Settings | None) -> Matcher:
    from django.utils import timezone

    rows = _rows(None)
    matcher = Matcher.build(rows.ids, rows.texts, rows.vectors(), settings)
    _state.update(
        matcher=matcher,
        built=timezone.now(),
        seen=rows.newest,
        hashes=dict(zip(rows.ids, rows.hashes, strict=True)),
    )
    return matcher


def current_index(settings: Settings | None = None) -> Matcher:
    """The process's index, brought up to date with the rows stored since the last call."""
    from django.utils import timezone

    with _lock:
        matcher = _state.get("matcher")
        built = _state.get("built")
        hashes = _state.get("hashes")
        if (
            not isinstance(matcher, Matcher)
            or not isinstance(built, dt.datetime)
            or not isinstance(hashes, dict)
            or timezone.now() - built > REBUILD_AFTER
        ):
            return _rebuild(settings)
        seen = _state.get("seen")
        rows = _rows(seen if isinstance(seen, dt.datetime) else None)
        fresh = _Rows()
        for i, ident in enumerate(rows.ids):
            known = hashes.get(ident)
            if known is None:
                fresh.append(ident, rows.texts[i], rows.hashes[i], rows.blobs[i], rows.newest)  # type: ignore[arg-type]
            elif known != rows.hashes[i]:
                # A changed text: BM25 cannot drop the old words, so start afresh.
                return _rebuild(settings)
        if fresh.ids:
            matcher.add(fresh.ids, fresh.texts, fresh.vectors())
            hashes.update(zip(fresh.ids, fresh.hashes, strict=True))
        if rows.newest:
            _state["seen"] = rows.newest
        return matcher


def reset_index() -> None:
    """Forget the in-memory index (tests, and after a bulk import)."""
    with _lock:
        _state.clear()
