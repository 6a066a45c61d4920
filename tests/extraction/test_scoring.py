from claims.extraction import ActorRegistry
from claims.extraction.scoring import actor_matches, claim_overlap, score, speaker_matches

GOLD = {
    "id": "d1",
    "lang": "cs",
    "text": "x" * 100,
    "claims": [
        {
            "id": "c1",
            "span": [10, 30],
            "text": "",
            "attributions": [
                {
                    "actor": "Russia",
                    "aliases": ["Moskva"],
                    "actor_text": "Moskva",
                    "actor_span": [0, 6],
                    "stance": "denies",
                },
            ],
        },
        {"id": "c2", "span": [50, 60], "text": "", "optional": True, "attributions": []},
    ],
}


def _pred(span, actor="Russia", stance="denies", actor_span=(0, 6)):
    return {
        "text": "",
        "span": list(span),
        "attributions": [
            {
                "actor": actor,
                "actor_text": "Moskva",
                "actor_span": list(actor_span),
                "stance": stance,
            }
        ],
    }


def test_lenient_overlap_thresholds():
    assert claim_overlap([10, 20], [10, 30]) == 10.0  # covers exactly half of gold
    assert claim_overlap([10, 19], [10, 30]) is None  # less than half
    assert claim_overlap([0, 40], [10, 20]) is None  # only 25% of the prediction is gold


def test_actor_matches_by_alias_or_span():
    gold = {"actor": "Russia", "aliases": ["Moskva"], "actor_span": [0, 6]}
    assert actor_matches({"actor_text": "moskva"}, gold)
    assert actor_matches({"actor_text": "Kreml", "actor_span": [3, 9]}, gold)
    assert not actor_matches({"actor_text": "Kreml", "actor_span": [7, 9]}, gold)


def test_perfect_prediction_scores_one_and_optional_is_not_penalised():
    registry = ActorRegistry.from_entries([{"name": "Russia", "kind": "government"}])
    report = score([GOLD], {"d1": [_pred((10, 30)), _pred((50, 60))]}, registry)
    assert report.total.claim_prf == (1.0, 1.0, 1.0)
    assert report.total.attribution_prf == (1.0, 1.0, 1.0)
    assert report.total.actor_accuracy == 1.0


def test_wrong_stance_is_a_false_positive_and_a_miss():
    report = score([GOLD], {"d1": [_pred((10, 30), stance="asserts")]}, verbose=True)
    assert (report.total.attr_tp, report.total.attr_fp, report.total.attr_fn) == (0, 1, 1)
    assert report.total.claim_prf == (1.0, 1.0, 1.0)
    assert any("MISSED attribution" in m for m in report.misses)


def test_wrong_canonical_actor_lowers_actor_accuracy():
    registry = ActorRegistry.from_entries([{"name": "Russia", "kind": "government"}])
    report = score([GOLD], {"d1": [_pred((10, 30), actor="North Korea")]}, registry)
    assert report.total.attr_tp == 1  # the span still matches
    assert report.total.actor_accuracy == 0.0


def test_canonical_speaker_needs_the_gold_identity_not_a_surname_or_a_pronoun():
    gold = {
        "actor": "Libor Vávra",
        "aliases": ["Vávra", "Vávry", "předseda unie Libor Vávra"],
        "stance": "asserts",
    }

    assert speaker_matches({"actor": "Libor Vávra", "stance": "asserts"}, gold)
    assert speaker_matches({"actor": "předseda unie Libor Vávra", "stance": "asserts"}, gold)
    assert not speaker_matches({"actor": "Vávry", "stance": "asserts"}, gold)
    assert not speaker_matches({"actor": None, "actor_text": "on", "stance": "asserts"}, gold)
    assert not speaker_matches({"actor": "Libor Vávra", "stance": "denies"}, gold)


def test_canonical_speaker_f1_counts_the_actor_field_only():
    registry = ActorRegistry.empty()
    surface_only = _pred((10, 30), actor=None)  # right span, no identity

    report = score([GOLD], {"d1": [surface_only]}, registry)

    assert report.total.attribution_prf == (1.0, 1.0, 1.0)
    assert report.total.speaker_prf == (0.0, 0.0, 0.0)
    assert score([GOLD], {"d1": [_pred((10, 30))]}, registry).total.speaker_prf == (1.0, 1.0, 1.0)
