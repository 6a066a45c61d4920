"""Scores beyond DESIGN.md section 5: strict claim spans and speech-only attributions.

The lenient match (covers half of the gold span, 30 % of the prediction is gold) forgives a
claim that lost its condition or swallowed the reporter's caveat; the strict one does not
(the prediction covers >= 90 % of the gold span and >= 80 % of it is gold). Speech-only
attribution F1 counts what was said (report type speech), the product's core, apart from
beliefs, evidence and according-to phrases. Gold files carry no report type: it is read from
the gold cue through the same lexicon the engine uses.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from .lexicon import load_lexicon, word_lemma
from .registry import ActorRegistry
from .scoring import Counts, _pairs, actor_matches, claim_pairs

STRICT_COVER = 0.9
STRICT_PURITY = 0.8


@dataclass
class MeaningCounts:
    strict_tp: int = 0
    strict_fp: int = 0
    strict_fn: int = 0
    speech_tp: int = 0
    speech_fp: int = 0
    speech_fn: int = 0

    def add(self, other: MeaningCounts) -> None:
        for name in self.__dataclass_fields__:
            setattr(self, name, getattr(self, name) + getattr(other, name))

    @property
    def strict_prf(self) -> tuple[float, float, float]:
        return Counts._prf(self.strict_tp, self.strict_fp, self.strict_fn)

    @property
    def speech_prf(self) -> tuple[float, float, float]:
        return Counts._prf(self.speech_tp, self.speech_fp, self.speech_fn)


@dataclass
class MeaningReport:
    total: MeaningCounts = field(default_factory=MeaningCounts)
    by_language: dict[str, MeaningCounts] = field(default_factory=dict)


def strict_overlap(pred: Sequence[int], gold: Sequence[int]) -> float | None:
    inter = min(pred[1], gold[1]) - max(pred[0], gold[0])
    if inter <= 0:
        return None
    if inter >= STRICT_COVER * (gold[1] - gold[0]) and inter >= STRICT_PURITY * (pred[1] - pred[0]):
        return float(inter)
    return None


def gold_report_type(attribution: Mapping[str, Any], lang: str) -> str:
    """The gold's own report_type, else the lexicon's for its cue ("according to" → the
    preposition's; an unknown cue is speech)."""
    if attribution.get("report_type"):
        return str(attribution["report_type"])
    lex = load_lexicon(lang if lang in ("cs", "en") else "en")
    words = str(attribution.get("cue") or "").lower().split()
    if words and (words[0] in lex.preps or " ".join(words) in lex.preps):
        return "according_to"
    for word in words:
        lemma = word_lemma(word, lex.lang)
        for table in (lex.verbs, lex.nouns, lex.adjectives):
            cue = table.get(lemma) or table.get(word)
            if cue is not None:
                return cue.report
    return "speech"


def _speech(
    attributions: Sequence[Mapping[str, Any]], lang: str, gold: bool, optional: bool = False
) -> list[Any]:
    """The speech attributions; of the gold ones, the required only unless `optional`."""
    if gold:
        return [
            a
            for a in attributions
            if (optional or not a.get("optional")) and gold_report_type(a, lang) == "speech"
        ]
    return [a for a in attributions if a.get("report_type", "speech") == "speech"]


def _attr_ok(pred: Mapping[str, Any], gold: Mapping[str, Any]) -> float | None:
    stance_ok = gold.get("stance") is None or gold.get("stance") == pred.get("stance")
    return 1.0 if stance_ok and actor_matches(pred, gold) else None


def score_meaning(gold: Mapping[str, Any], predicted: Sequence[Mapping[str, Any]]) -> MeaningCounts:
    c = MeaningCounts()
    lang = str(gold.get("lang") or "en")
    golds = [g for g in gold.get("claims") or [] if not g.get("optional")]
    strict = _pairs(predicted, golds, lambda p, g: strict_overlap(p["span"], g["span"]))
    c.strict_tp = len(strict)
    c.strict_fn = len(golds) - len(strict)
    # A prediction that matches an optional gold claim leniently is neither right nor wrong.
    every = gold.get("claims") or []
    optional = {pi for gi, pi in claim_pairs(predicted, every) if every[gi].get("optional")}
    c.strict_fp = len(predicted) - len(strict) - len(optional - {pi for _, pi in strict})
    lenient = claim_pairs(predicted, golds)
    matched_p = {pi for _, pi in lenient}
    for gi, pi in lenient:
        # As for attributions (scoring.py): a prediction paired with an optional gold
        # attribution is neither right nor wrong.
        ga = _speech(golds[gi].get("attributions") or [], lang, gold=True, optional=True)
        pa = _speech(predicted[pi].get("attributions") or [], lang, gold=False)
        pairs = _pairs(pa, ga, _attr_ok)
        required = sum(1 for a in ga if not a.get("optional"))
        right = sum(1 for g, _ in pairs if not ga[g].get("optional"))
        c.speech_tp += right
        c.speech_fn += required - right
        c.speech_fp += len(pa) - len(pairs)
    for gi, g in enumerate(golds):
        if gi not in {x for x, _ in lenient}:
            c.speech_fn += len(_speech(g.get("attributions") or [], lang, gold=True))
    for pi, p in enumerate(predicted):
        if pi not in matched_p and pi not in optional:
            c.speech_fp += len(_speech(p.get("attributions") or [], lang, gold=False))
    return c


def meaning_report(
    golds: Sequence[Mapping[str, Any]], predictions: Mapping[str, Sequence[Mapping[str, Any]]]
) -> MeaningReport:
    report = MeaningReport()
    for gold in golds:
        counts = score_meaning(gold, predictions.get(gold["id"], []))
        report.total.add(counts)
        report.by_language.setdefault(gold.get("lang") or "?", MeaningCounts()).add(counts)
    return report


def predict(
    golds: Sequence[Mapping[str, Any]], registry: ActorRegistry, auto_language: bool = False
) -> dict[str, list[dict[str, Any]]]:
    """The engine's claims for each gold document (DESIGN.md section 4 dicts)."""
    from .engine import extract_many

    items = [(g["id"], g["text"], None if auto_language else g.get("lang")) for g in golds]
    return {
        str(doc_id): result.to_dict()["claims"]
        for doc_id, result in extract_many(items, registry=registry)
    }


def segments_as_claims(
    predictions: Mapping[str, Sequence[Mapping[str, Any]]],
) -> dict[str, list[dict[str, Any]]]:
    """Each segment of a quotation interrupted by its attribution as a claim of its own.

    Issue 14 makes "“A,” X said. “B.”" one claim with two segments; the real-news gold
    annotates it as two claims. Scoring the segments as claims shows what that difference of
    convention costs, beside the figures scored on the claims as given."""
    return {
        doc_id: [
            {**p, "span": list(piece)}
            for p in claims
            for piece in (p.get("segments") or [p["span"]])
        ]
        for doc_id, claims in predictions.items()
    }


def format_meaning(report: MeaningReport, *, speech: bool = True) -> str:
    """Strict claim P/R/F1 per language and, with `speech`, speech-only attribution P/R/F1."""
    rows = [("all", report.total), *sorted(report.by_language.items())]
    head = f"{'set':<6}{'strict P':>10}{'R':>7}{'F1':>7}"
    lines = [head + (f"{'speech P':>10}{'R':>7}{'F1':>7}" if speech else "")]
    for name, c in rows:
        sp, sr, sf = c.strict_prf
        line = f"{name:<6}{sp:>10.3f}{sr:>7.3f}{sf:>7.3f}"
        if speech:
            pp, pr, pf = c.speech_prf
            line += f"{pp:>10.3f}{pr:>7.3f}{pf:>7.3f}"
        lines.append(line)
    return "\n".join(lines)
