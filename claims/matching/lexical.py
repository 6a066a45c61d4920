"""BM25 over folded word tokens: the lexical signal that rescues rare names and numbers."""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Iterable

import numpy as np

from claims.matching.text import fold

_TOKEN = re.compile(r"\w+", re.UNICODE)
# Function words of both languages (folded); everything else, names above all, is evidence.
STOPWORDS = frozenset(
    """a an and are as at be been but by for from had has have he her his i in is it its of on
    or that the their they this to was were will with you your we our do does did so if than
    then there these those what which who whom how all any can could would should about into
    just also more most some such only over after before up out new says said say
    k o s u v z ve ze na do od po pro pri za se si je jsou byl byla bylo byli by to ten ta
    ktery ktera ktere kde jak co ale nebo jeho jej jejich tak uz jen take podle pred""".split()
)


def tokens(text: str) -> list[str]:
    return [t for t in _TOKEN.findall(fold(text)) if t not in STOPWORDS and len(t) > 1]


class BM25:
    """Okapi BM25 over an inverted index that grows by `add` (the product adds claims live)."""

    def __init__(self, documents: Iterable[str] = (), *, k1: float = 1.2, b: float = 0.75) -> None:
        self.k1, self.b = k1, b
        self._docs: dict[str, list[int]] = {}
        self._tfs: dict[str, list[int]] = {}
        self._lengths: list[int] = []
        self._frozen: dict[str, tuple[np.ndarray, np.ndarray]] = {}
        self._norm: np.ndarray | None = None
        self._average: float | None = None
        for document in documents:
            self.add(document)

    def __len__(self) -> int:
        return len(self._lengths)

    def add(self, document: str) -> None:
        row = len(self._lengths)
        bag = Counter(tokens(document))
        self._lengths.append(sum(bag.values()))
        self._norm = None
        self._average = None
        for term, tf in bag.items():
            self._docs.setdefault(term, []).append(row)
            self._tfs.setdefault(term, []).append(tf)
            self._frozen.pop(term, None)

    def _postings(self, term: str) -> tuple[np.ndarray, np.ndarray] | None:
        if term not in self._docs:
            return None
        if term not in self._frozen:
            self._frozen[term] = (
                np.asarray(self._docs[term], dtype=np.int64),
                np.asarray(self._tfs[term], dtype=np.float32),
            )
        return self._frozen[term]

    def scores(self, query: str) -> np.ndarray:
        size = len(self._lengths)
        out = np.zeros(size, dtype=np.float32)
        if not size:
            return out
        if self._norm is None:
            lengths = np.asarray(self._lengths, dtype=np.float32)
            average = max(float(lengths.mean()), 1e-9)
            self._norm = self.k1 * (1 - self.b + self.b * lengths / average)
        norm = self._norm
        for term in set(tokens(query)):
            postings = self._postings(term)
            if postings is None:
                continue
            docs, tfs = postings
            idf = math.log(1 + (size - len(docs) + 0.5) / (len(docs) + 0.5))
            out[docs] += idf * tfs * (self.k1 + 1) / (tfs + norm[docs])
        return out

    def score_rows(self, query: str, rows: list[int], texts: list[str]) -> np.ndarray:
        """BM25 of `rows` only (their texts re-tokenised), with the whole corpus's statistics."""
        out = np.zeros(len(rows), dtype=np.float32)
        size = len(self._lengths)
        terms = {t for t in tokens(query) if t in self._docs}
        if not size or not terms:
            return out
        if self._average is None:
            self._average = max(sum(self._lengths) / size, 1e-9)
        idf = {
            t: math.log(1 + (size - len(self._docs[t]) + 0.5) / (len(self._docs[t]) + 0.5))
            for t in terms
        }
        for k, row in enumerate(rows):
            bag = Counter(tokens(texts[row]))
            norm = self.k1 * (1 - self.b + self.b * self._lengths[row] / self._average)
            out[k] = sum(
                idf[t] * bag[t] * (self.k1 + 1) / (bag[t] + norm) for t in terms if t in bag
            )
        return out
