"""Rank stored claims against a new one: vectors for candidates, BM25 beside them, then guards.

The `match` command, the evaluation, the product's clustering and the partner search all call
`Matcher.search`; only where the vectors come from differs (a file cache or the database).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np

from claims.matching import guards
from claims.matching.embed import DIM
from claims.matching.lexical import BM25

CROSS_LANGUAGE_BONUS = 0.06
# On `similarity`, chosen on seeds/gold/matching_pairs.jsonl (bench/eval_pairs.py): joining
# made no false pair there, suggesting missed no true one. Below the join threshold a pair is
# suggested only when the two texts share an anchor (a number, content words, across languages
# a name; `guards.Facts.anchored`): e5 scores unrelated claims on one topic 0.88-0.92, and an
# anchor, not a cosine, tells them from a paraphrase (`decides`).
JOIN_SIMILARITY = 0.93
SUGGEST_SIMILARITY = 0.88
# On `closeness`: below it a stored claim is not listed as similar at all (the claim page's
# panel). e5's cosine has a high floor: unrelated short claims score 0.72-0.92 (median 0.82,
# 2,900 cross-family pairs of seeds/gold/matching_pairs.jsonl), related ones 0.867 and up
# (same claim, translation, number/negation/actor near-duplicate, same topic). 0.86 hides no
# related gold pair and 82% of the unrelated ones (docs/matching.md).
SIMILAR_FLOOR = 0.86
# On `similarity`, for a partner's free-text search: the text is embedded as an e5 "query: "
# against stored passages, another scale. Measured on seeds/gold/matching_pairs.jsonl
# (bench/eval_search.py, each text searched against the others): every translation and
# paraphrase reaches 0.854, and those without an anchor 0.907; unrelated cross-family pairs
# sit at 0.63-0.97 (median 0.817, 95th percentile 0.876), and text that states no claim
# (Javanese script, a recipe, "hello") reaches 0.859-0.893, unanchored, mostly through the
# cross-language bonus against Czech claims. A match is answered from SEARCH_FLOOR when the
# two are anchored (`Match.decides`), else from SEARCH_UNANCHORED: no translation or paraphrase
# hidden (but the two a guard objects to, which the API drops anyway), 2.2 % of the unrelated
# pairs shown (11.3 % with one floor at 0.86, 1.1 % at 0.90, which hides 5 paraphrases and a
# translation), none of the 7 no-claim texts answered.
SEARCH_FLOOR = 0.85
SEARCH_UNANCHORED = 0.90


@dataclass(frozen=True)
class Settings:
    # Weight of the query-normalised BM25 score beside the cosine, chosen on CLEF-2020 train
    # (800 tweets; 0.02 → MAP@5 0.906, 0.03 → 0.910, 0.05 → 0.905, 0.1 → 0.894, no guards),
    # never on dev. Rank fusion (RRF) and z-scores did no better (docs/matching.md).
    lexical_weight: float = 0.03
    # How many vector neighbours the guards look at; the rest cannot reach the top K anyway.
    candidates: int = 50
    # How many vector neighbours BM25 re-scores.
    lexical_pool: int = 1000
    # A conflicting pair keeps this share of its ranking score: it ranks below an equally close
    # clean match yet stays listed (labelled) for an editor; its `similarity` is 0, so the
    # product never joins or suggests it. Harsher factors cost MAP@5 on CLEF dev (0.5 → 0.837)
    # without making a decision safer.
    conflict_factor: float = 0.95
    actor_guard: bool = True


@dataclass(frozen=True)
class Match:
    id: str
    score: float
    cosine: float
    lexical: float
    conflict: str | None = None  # "percent", "year", "negation", …
    cross_language: bool = False
    # The two share more than a topic (a number, content words, a name across languages).
    anchored: bool = True

    @property
    def closeness(self) -> float:
        """The cosine on one scale for both language pairings, guards aside.

        A translation sits lower in e5's space than a paraphrase (0.86–0.91 against 0.93–0.99
        on seeds/gold/matching_pairs.jsonl), so a cross-language pair gets the gap back.
        """
        return min(1.0, self.cosine + (CROSS_LANGUAGE_BONUS if self.cross_language else 0.0))

    @property
    def similarity(self) -> float:
        """`closeness`, or 0 when a guard objects: what joining and suggesting compare."""
        return 0.0 if self.conflict else self.closeness

    def decides(self, threshold: float, *, unanchored: float = JOIN_SIMILARITY) -> bool:
        """Whether the match reaches `threshold` for joining or suggesting: its `similarity`,
        and, without an anchor, at least `unanchored` as well (the join threshold: an unanchored
        translation at 0.94 is still a translation; an unanchored pair at 0.90 is a topic)."""
        similarity = self.similarity
        return similarity >= threshold and (self.anchored or similarity >= unanchored)

    def joins(self, threshold: float = JOIN_SIMILARITY) -> bool:
        """Whether the product puts the two in one cluster without asking: `similarity`
        reaches the join threshold, and two texts in one language share an anchor. Unanchored
        Czech claims on one topic reach 0.936 and 0.941 ("inflace příští rok zpomalí…"
        against a butter price, teachers' pay against inflation: found walking the admin),
        and a wrong join chains clusters and offers one claim's verdict to the others; such a
        pair is suggested instead, for an editor to confirm. A translation shares few words
        and needs no anchor (0.938–0.981 on seeds/gold/matching_pairs.jsonl)."""
        return self.similarity >= threshold and (self.anchored or self.cross_language)


@dataclass
class Matcher:
    ids: list[str]
    texts: list[str]
    vectors: np.ndarray
    settings: Settings = field(default_factory=Settings)
    lexical: BM25 | None = None
    _facts: dict[int, guards.Facts] = field(default_factory=dict)

    @classmethod
    def build(
        cls,
        ids: Sequence[str],
        texts: Sequence[str],
        vectors: np.ndarray,
        settings: Settings | None = None,
    ) -> Matcher:
        settings = settings or Settings()
        vectors = np.ascontiguousarray(vectors, dtype=np.float32).reshape(-1, DIM)
        lexical = BM25(texts) if settings.lexical_weight else None
        return cls(list(ids), list(texts), vectors, settings, lexical)

    def __len__(self) -> int:
        return len(self.ids)

    def add(self, ids: Sequence[str], texts: Sequence[str], vectors: np.ndarray) -> None:
        """Append entries (the product adds each new claim to a live index)."""
        vectors = np.asarray(vectors, dtype=np.float32).reshape(-1, DIM)
        self.vectors = np.concatenate([self.vectors, vectors]) if len(self.ids) else vectors
        self.ids.extend(ids)
        self.texts.extend(texts)
        if self.lexical is not None:
            for text in texts:
                self.lexical.add(text)

    def search(
        self, text: str, vector: np.ndarray, *, top: int = 10, exclude: frozenset[str] = frozenset()
    ) -> list[Match]:
        """The `top` best matches of one text, best first, conflicts demoted."""
        if not self.ids:
            return []
        cosine = self.vectors @ np.asarray(vector, dtype=np.float32)
        # BM25 re-scores the vector neighbours only: scoring every stored claim costs ~1 s at
        # 1M (bench/matching.py), and a lexical match far outside the vectors' top 1,000 does
        # not reach the top 10 anyway.
        reach = min(len(cosine), max(self.settings.lexical_pool, top) + len(exclude))
        pool = np.argpartition(-cosine, reach - 1)[:reach]
        fused = cosine[pool]
        lexical = np.zeros_like(fused)
        if self.lexical is not None and self.settings.lexical_weight:
            raw = self.lexical.score_rows(text, pool.tolist(), self.texts)
            peak = float(raw.max()) if len(raw) else 0.0
            if peak > 0:
                lexical = raw / peak
                fused = fused + self.settings.lexical_weight * lexical
        wanted = min(len(fused), max(self.settings.candidates, top) + len(exclude))
        best = np.argpartition(-fused, wanted - 1)[:wanted]
        query = guards.Facts.of(text)
        matches = []
        for j in best.tolist():
            i = int(pool[j])
            if self.ids[i] in exclude:
                continue
            facts = self._facts_of(i)
            conflict = query.conflict(
                facts, cosine=float(cosine[i]), actor_guard=self.settings.actor_guard
            )
            score = float(fused[j]) * (self.settings.conflict_factor if conflict else 1.0)
            matches.append(
                Match(
                    self.ids[i],
                    round(score, 4),
                    float(cosine[i]),
                    float(lexical[j]),
                    conflict,
                    facts.language != query.language,
                    query.anchored(facts),
                )
            )
        matches.sort(key=lambda m: (-m.score, m.id))
        return matches[:top]

    def _facts_of(self, i: int) -> guards.Facts:
        if i not in self._facts:
            self._facts[i] = guards.Facts.of(self.texts[i])
        return self._facts[i]
