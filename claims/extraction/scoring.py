"""Scorer of DESIGN.md section 5: lenient one-to-one claim matching, attribution matching.

CLI: python -m claims.extraction.scoring GOLD... [-v] [--registry seeds/actors.json] [--auto]
"""

from __future__ import annotations

import argparse
import json
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .registry import ActorRegistry

DEFAULT_REGISTRY = Path(__file__).resolve().parents[2] / "seeds" / "actors.json"


@dataclass
class Counts:
    claim_tp: int = 0
    claim_fp: int = 0
    claim_fn: int = 0
    attr_tp: int = 0
    attr_fp: int = 0
    attr_fn: int = 0
    actor_total: int = 0
    actor_right: int = 0
    speaker_tp: int = 0
    speaker_fp: int = 0
    speaker_fn: int = 0

    def add(self, other: Counts) -> None:
        for name in self.__dataclass_fields__:
            setattr(self, name, getattr(self, name) + getattr(other, name))

    @staticmethod
    def _prf(tp: int, fp: int, fn: int) -> tuple[float, float, float]:
        p = tp / (tp + fp) if tp + fp else 0.0
        r = tp / (tp + fn) if tp + fn else 0.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        return p, r, f

    @property
    def claim_prf(self) -> tuple[float, float, float]:
        return self._prf(self.claim_tp, self.claim_fp, self.claim_fn)

    @property
    def attribution_prf(self) -> tuple[float, float, float]:
        return self._prf(self.attr_tp, self.attr_fp, self.attr_fn)

    @property
    def speaker_prf(self) -> tuple[float, float, float]:
        """Canonical speaker P/R/F1: attributions whose `actor` is the gold identity."""
        return self._prf(self.speaker_tp, self.speaker_fp, self.speaker_fn)

    @property
    def actor_accuracy(self) -> float | None:
        return self.actor_right / self.actor_total if self.actor_total else None


@dataclass
class Report:
    total: Counts = field(default_factory=Counts)
    by_language: dict[str, Counts] = field(default_factory=dict)
    misses: list[str] = field(default_factory=list)


def load_gold(paths: Iterable[str | Path]) -> list[dict[str, Any]]:
    docs: list[dict[str, Any]] = []
    for path in paths:
        raw = Path(path).read_text(encoding="utf-8")
        if str(path).endswith(".jsonl"):
            docs.extend(json.loads(line) for line in raw.splitlines() if line.strip())
        else:
            docs.append(json.loads(raw))
    return docs


def claim_overlap(pred: Sequence[int], gold: Sequence[int]) -> float | None:
    """Overlap size if pred covers >= 50% of gold and >= 30% of pred is gold, else None."""
    inter = min(pred[1], gold[1]) - max(pred[0], gold[0])
    if inter <= 0:
        return None
    if inter >= 0.5 * (gold[1] - gold[0]) and inter >= 0.3 * (pred[1] - pred[0]):
        return float(inter)
    return None


def actor_matches(pred: Mapping[str, Any], gold: Mapping[str, Any]) -> bool:
    names = {a.casefold() for a in (gold.get("aliases") or [])}
    for key in ("actor", "actor_text"):
        if gold.get(key):
            names.add(str(gold[key]).casefold())
    for key in ("actor", "actor_text"):
        value = pred.get(key)
        if value and str(value).casefold() in names:
            return True
    ps, gs = pred.get("actor_span"), gold.get("actor_span")
    if not gs and not gold.get("actor_text") and not ps:
        return True  # both say the speaker is not in the text (Czech pro-drop, "Jak uvedl")
    return bool(ps and gs and min(ps[1], gs[1]) > max(ps[0], gs[0]))


def _attr_matches(pred: Mapping[str, Any], gold: Mapping[str, Any]) -> bool:
    stance_ok = gold.get("stance") is None or gold.get("stance") == pred.get("stance")
    return stance_ok and actor_matches(pred, gold)


def canonical_names(gold: Mapping[str, Any]) -> set[str]:
    """The gold actor and its aliases of two or more words: a full identity, never a bare
    surname, an inflected form or a pronoun."""
    names = [gold.get("actor") or "", *(a for a in gold.get("aliases") or [] if len(a.split()) > 1)]
    return {_name_key(n) for n in names if n}


def _name_key(name: str) -> str:
    return " ".join(str(name).split()).casefold()


def speaker_matches(pred: Mapping[str, Any], gold: Mapping[str, Any]) -> bool:
    """Same stance and the predicted `actor` is the gold identity (DESIGN.md §4 `actor`)."""
    stance_ok = gold.get("stance") is None or gold.get("stance") == pred.get("stance")
    actor = pred.get("actor")
    if not gold.get("actor"):
        return stance_ok and not actor  # the text names no one, and neither does the engine
    return stance_ok and bool(actor) and _name_key(str(actor)) in canonical_names(gold)


def _pairs(preds: Sequence[Any], golds: Sequence[Any], ok: Any) -> list[tuple[int, int]]:
    """Greedy one-to-one matching: required golds first, larger overlap first."""
    cands = []
    for gi, g in enumerate(golds):
        for pi, p in enumerate(preds):
            score = ok(p, g)
            if score is not None and score is not False:
                cands.append((bool(g.get("optional")), -float(score), gi, pi))
    cands.sort()
    used_g: set[int] = set()
    used_p: set[int] = set()
    out = []
    for _, _, gi, pi in cands:
        if gi not in used_g and pi not in used_p:
            used_g.add(gi)
            used_p.add(pi)
            out.append((gi, pi))
    return out


def claim_pairs(
    predicted: Sequence[Mapping[str, Any]], golds: Sequence[Mapping[str, Any]]
) -> list[tuple[int, int]]:
    """(gold index, predicted index) of the claims matched one-to-one by lenient overlap."""
    return _pairs(predicted, golds, lambda p, g: claim_overlap(p["span"], g["span"]))


def attribution_pairs(
    predicted: Sequence[Mapping[str, Any]], golds: Sequence[Mapping[str, Any]]
) -> list[tuple[int, int]]:
    """(gold index, predicted index) of the attributions of one matched claim pair."""
    return _pairs(predicted, golds, lambda x, y: 1.0 if _attr_matches(x, y) else None)


def score_document(
    gold: Mapping[str, Any],
    predicted: Sequence[Mapping[str, Any]],
    registry: ActorRegistry,
    misses: list[str] | None = None,
) -> Counts:
    c = Counts()
    golds = gold.get("claims") or []
    doc_id = gold.get("id", "?")
    pairs = claim_pairs(predicted, golds)
    gold_of = {pi: gi for gi, pi in pairs}
    for gi, g in enumerate(golds):
        if not g.get("optional") and gi not in {x for x, _ in pairs}:
            c.claim_fn += 1
            required = [a for a in g.get("attributions") or [] if not a.get("optional")]
            c.attr_fn += len(required)
            c.speaker_fn += len(required)
            if misses is not None:
                misses.append(f"{doc_id} MISSED claim {g['span']} {g['text'][:80]!r}")
    for pi, p in enumerate(predicted):
        found = gold_of.get(pi)
        if found is None:
            c.claim_fp += 1
            c.attr_fp += len(p.get("attributions") or [])
            c.speaker_fp += len(p.get("attributions") or [])
            if misses is not None:
                misses.append(f"{doc_id} EXTRA claim {p['span']} {p['text'][:80]!r}")
            continue
        g = golds[found]
        if not g.get("optional"):
            c.claim_tp += 1
        _score_attributions(c, p, g, registry, doc_id, misses)
        _score_speakers(c, p, g, doc_id, misses)
    return c


def _score_speakers(
    c: Counts, p: Mapping[str, Any], g: Mapping[str, Any], doc_id: str, misses: list[str] | None
) -> None:
    """Canonical speaker counts of one matched claim pair, optional items as for attributions."""
    if g.get("optional"):
        return
    pa = p.get("attributions") or []
    ga = g.get("attributions") or []
    pairs = _pairs(pa, ga, lambda x, y: 1.0 if speaker_matches(x, y) else None)
    c.speaker_tp += sum(1 for gi, _ in pairs if not ga[gi].get("optional"))
    matched_g = {gi for gi, _ in pairs}
    matched_p = {pi for _, pi in pairs}
    for gi, a in enumerate(ga):
        if gi not in matched_g and not a.get("optional"):
            c.speaker_fn += 1
            if misses is not None:
                said = [x.get("actor") for x in pa if x.get("stance") == a.get("stance")]
                misses.append(f"{doc_id} SPEAKER {a.get('actor')!r}, predicted {said!r}")
    # A prediction paired with an optional gold item is neither right nor wrong.
    c.speaker_fp += len(pa) - len(matched_p)


def _score_attributions(
    c: Counts,
    p: Mapping[str, Any],
    g: Mapping[str, Any],
    registry: ActorRegistry,
    doc_id: str,
    misses: list[str] | None,
) -> None:
    pa = p.get("attributions") or []
    ga = g.get("attributions") or []
    pairs = attribution_pairs(pa, ga)
    matched_g = {gi for gi, _ in pairs}
    matched_p = {pi for _, pi in pairs}
    for gi, pi in pairs:
        if ga[gi].get("optional") or g.get("optional"):
            continue
        c.attr_tp += 1
        name = ga[gi].get("actor")
        if name and name in registry.by_name:
            c.actor_total += 1
            c.actor_right += int(pa[pi].get("actor") == name)
            if misses is not None and pa[pi].get("actor") != name:
                misses.append(f"{doc_id} WRONG actor {pa[pi].get('actor')!r} for {name!r}")
    if not g.get("optional"):
        for gi, a in enumerate(ga):
            if gi not in matched_g and not a.get("optional"):
                c.attr_fn += 1
                if misses is not None:
                    misses.append(
                        f"{doc_id} MISSED attribution {a.get('actor_text')!r} {a.get('cue')!r} "
                        f"{a.get('stance')} on {g['text'][:50]!r}"
                    )
    for pi, a in enumerate(pa):
        if pi not in matched_p and not g.get("optional"):
            c.attr_fp += 1
            if misses is not None:
                misses.append(
                    f"{doc_id} EXTRA attribution {a.get('actor_text')!r} {a.get('cue')!r} "
                    f"{a.get('stance')} on {g['text'][:50]!r}"
                )


def score(
    golds: Sequence[Mapping[str, Any]],
    predictions: Mapping[str, Sequence[Mapping[str, Any]]],
    registry: ActorRegistry | None = None,
    verbose: bool = False,
) -> Report:
    """predictions maps a gold document id to its predicted claims (DESIGN.md section 4 dicts)."""
    registry = registry or ActorRegistry.empty()
    report = Report()
    for gold in golds:
        misses: list[str] | None = [] if verbose else None
        counts = score_document(gold, predictions.get(gold["id"], []), registry, misses)
        report.total.add(counts)
        report.by_language.setdefault(gold.get("lang") or "?", Counts()).add(counts)
        if misses:
            report.misses.extend(misses)
    return report


def evaluate(
    golds: Sequence[Mapping[str, Any]],
    registry: ActorRegistry,
    auto_language: bool = False,
    verbose: bool = False,
) -> Report:
    """Run the engine on the gold texts and score it."""
    from .engine import extract_many

    items = [(g["id"], g["text"], None if auto_language else g.get("lang")) for g in golds]
    predictions = {
        str(doc_id): result.to_dict()["claims"]
        for doc_id, result in extract_many(items, registry=registry)
    }
    return score(golds, predictions, registry, verbose)


def format_report(report: Report) -> str:
    rows = [("all", report.total), *sorted(report.by_language.items())]
    lines = [
        f"{'set':<6}{'claim P':>9}{'R':>7}{'F1':>7}{'attr P':>9}{'R':>7}{'F1':>7}"
        f"  {'actor acc':<18}{'gold claims':>11}"
    ]
    for name, c in rows:
        cp, cr, cf = c.claim_prf
        ap, ar, af = c.attribution_prf
        acc = c.actor_accuracy
        acc_s = f"{acc:.3f} ({c.actor_right}/{c.actor_total})" if acc is not None else "n/a"
        lines.append(
            f"{name:<6}{cp:>9.3f}{cr:>7.3f}{cf:>7.3f}{ap:>9.3f}{ar:>7.3f}{af:>7.3f}"
            f"  {acc_s:<18}{c.claim_tp + c.claim_fn:>11}"
        )
    return "\n".join(lines)


def format_speakers(report: Report) -> str:
    """Canonical speaker P/R/F1 per language, the table beside `format_report`'s."""
    rows = [("all", report.total), *sorted(report.by_language.items())]
    lines = [f"{'set':<6}{'speaker P':>11}{'R':>7}{'F1':>7}"]
    for name, c in rows:
        sp, sr, sf = c.speaker_prf
        lines.append(f"{name:<6}{sp:>11.3f}{sr:>7.3f}{sf:>7.3f}")
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Score the extraction engine on gold files.")
    parser.add_argument("gold", nargs="+", help=".json or .jsonl gold files (DESIGN.md section 5)")
    parser.add_argument("-v", "--verbose", action="store_true", help="list misses and extras")
    parser.add_argument("--registry", default=str(DEFAULT_REGISTRY), help="actor registry JSON")
    parser.add_argument("--auto", action="store_true", help="detect the language, ignore 'lang'")
    args = parser.parse_args(argv)
    path = Path(args.registry)
    registry = ActorRegistry.from_json(path) if path.exists() else ActorRegistry.empty()
    report = evaluate(load_gold(args.gold), registry, args.auto, args.verbose)
    if args.verbose:
        print("\n".join(report.misses))
    print(format_report(report))
    print(format_speakers(report))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
