"""A learned last look at each finished claim: keep it or drop it.

The rules propose; this logistic model, trained on PolNeAR *train* by `bench/train_rerank.py`,
scores each attribution from features of its cue, speaker, content and placement, and drops
the claims whose best attribution scores below the threshold stored with the weights. The
decision is per claim so that a kept claim keeps all its parties. The weights are data
(`lexicons/<lang>/rerank.tsv`: feature name, weight; no corpus text); a language without that
file is left untouched, so Czech output is rule-only.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from .lexicon import word_lemma
from .results import Attribution, Claim

LEXICON_DIR = Path(__file__).resolve().parent / "lexicons"
_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?")
_PRONOUNS = frozenset(
    "i you he she it we they me him her us them who which that this these those one".split()
)
_FIRST_PERSON = re.compile(r"\b(I|we|my|our|me|us)\b", re.IGNORECASE)
_QUOTES = "\"“”„«»'‘’"


def _bucket(n: int, edges: Sequence[int]) -> str:
    for edge in edges:
        if n <= edge:
            return f"<={edge}"
    return f">{edges[-1]}"


def _reports(claim: Claim) -> set[tuple[object, object]]:
    """The claim's own reports: one per speaker phrase and cue, answering parties aside."""
    return {(a.actor_span, a.cue_span) for a in claim.attributions if not a.answer}


def features(text: str, claim: Claim, attr: Attribution, lang: str) -> list[str]:
    """Sparse binary features; names are stable strings so the weights file stays readable."""
    words = [w.lower() for w in _WORD.findall(attr.cue)]
    # A punctuation cue (a colon label, a dash byline) is named by its mark.
    lemmas = [word_lemma(w, lang) for w in words] or [attr.cue.strip()[:3] or "-"]
    actor = attr.actor_text
    actor_words = _WORD.findall(actor)
    content_words = _WORD.findall(claim.text)
    s, e = claim.span
    feats = [
        "bias",
        f"cue={' '.join(lemmas)}",
        f"cue_last={lemmas[-1]}",
        f"cue_first={lemmas[0]}",
        f"cue_len={_bucket(len(words), (1, 2, 3))}",
        f"kind={claim.kind}",
        f"stance={attr.stance}",
        f"conf={attr.confidence}",
        f"content_len={_bucket(len(content_words), (2, 5, 10, 20, 40))}",
        # parties that answer the claim later ("Moscow denied it") are not counted: the
        # corpus the model learnt from gives each content one source, and two sources there
        # mostly meant a bad merge; parties named by one phrase ("Both men", "X and Y said")
        # made one report
        f"n_attr={_bucket(len(_reports(claim)), (1, 2))}",
    ]
    if attr.cue[:1].isupper():
        feats.append("cue_capitalised")
    if not actor:
        feats.append("actor=none")
    else:
        first = actor_words[0].lower() if actor_words else ""
        last = actor_words[-1].lower() if actor_words else ""
        if len(actor_words) == 1 and first in _PRONOUNS:
            feats.append(f"actor_pronoun={first}")
        elif actor[:1].isupper():
            feats.append("actor=capitalised")
        else:
            feats.append("actor=lower")
        if last in _PRONOUNS and len(actor_words) > 1:
            feats.append("actor_ends_relative")
        feats.append(f"actor_len={_bucket(len(actor_words), (1, 2, 4, 8))}")
        if attr.actor is not None:
            feats.append("actor_in_registry")
            if attr.actor_kind:
                feats.append(f"actor_kind={attr.actor_kind}")
        if attr.actor_span and attr.cue_span:
            if attr.actor_span[1] <= attr.cue_span[0]:
                gap = attr.cue_span[0] - attr.actor_span[1]
                feats.append(f"actor_before_cue={_bucket(gap, (1, 10, 40))}")
            else:
                feats.append("actor_after_cue")
    if attr.cue_span:
        cs, ce = attr.cue_span
        if ce <= s:
            where = "before"
        elif cs >= e:
            where = "after"
        else:
            where = "inside"
        feats.append(f"cue_{where}_content")
        line_start = text.rfind("\n", 0, cs) + 1
        if not text[line_start:cs].strip():
            feats.append("cue_opens_paragraph")
    if actor and actor.isupper() and len(actor) > 3:
        feats.append("actor_all_caps")
    if "\n" in claim.text:
        feats.append("content_spans_paragraphs")
    if _FIRST_PERSON.search(claim.text):
        feats.append(f"content_first_person_{claim.kind}")
    if attr.cue_span and "\n" not in text[: attr.cue_span[0]]:
        feats.append("cue_in_first_paragraph")
    feats.append(f"cue_last_kind={lemmas[-1]}|{claim.kind}")
    head = claim.text[:1]
    if head in _QUOTES:
        feats.append("content_opens_quote")
    elif head.isupper():
        feats.append("content_capitalised")
    if content_words and content_words[0].lower() in ("that", "to", "whether", "how", "what"):
        feats.append(f"content_first={content_words[0].lower()}")
    if claim.text.rstrip(_QUOTES + " ").endswith("?"):
        feats.append("content_question")
    capitals = sum(1 for w in content_words if w[:1].isupper())
    if len(content_words) >= 3 and capitals >= 0.7 * len(content_words):
        feats.append("content_title_case")
    return feats


@dataclass(frozen=True)
class Model:
    weights: dict[str, float]
    threshold: float

    def probability(self, feats: Iterable[str]) -> float:
        z = sum(self.weights.get(f, 0.0) for f in feats)
        return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))


@lru_cache(maxsize=4)
def load_model(lang: str) -> Model | None:
    path = LEXICON_DIR / lang / "rerank.tsv"
    if not path.exists():
        return None
    weights: dict[str, float] = {}
    threshold = 0.5
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        name, value = line.rsplit("\t", 1)
        if name == "@threshold":
            threshold = float(value)
        else:
            weights[name] = float(value)
    return Model(weights, threshold)


def rerank(text: str, claims: list[Claim], lang: str) -> list[Claim]:
    """Drop the claims whose best-scored attribution falls below the threshold.

    The decision is per claim, not per attribution: the extra parties of a claim (an
    anaphoric denial, a coordinated speaker) are what the product is about and have no
    counterpart in the single-source corpus the model learnt from.
    """
    model = load_model(lang)
    if model is None:
        return claims
    return [
        claim
        for claim in claims
        if max(
            model.probability(features(text, claim, a, lang))
            for a in claim.attributions
            if not a.answer
        )
        >= model.threshold
    ]
