"""Strict claim spans and speech-only attributions (manage.py evaluate's second table)."""

from claims.extraction.strict import (
    gold_report_type,
    score_meaning,
    segments_as_claims,
    strict_overlap,
)


def test_strict_overlap_needs_ninety_percent_cover_and_eighty_percent_purity():
    assert strict_overlap((0, 100), (0, 100)) == 100.0
    assert strict_overlap((10, 100), (0, 100)) == 90.0
    assert strict_overlap((20, 100), (0, 100)) is None  # the condition was cut off
    assert strict_overlap((0, 130), (0, 100)) is None  # the reporter's caveat came along


def test_gold_report_type_comes_from_the_cue_lexicon():
    assert gold_report_type({"cue": "said"}, "en") == "speech"
    assert gold_report_type({"cue": "according to"}, "en") == "according_to"
    assert gold_report_type({"cue": "believes"}, "en") == "belief"
    assert gold_report_type({"cue": "Podle"}, "cs") == "according_to"
    assert gold_report_type({"cue": "se obávají"}, "cs") == "belief"
    assert gold_report_type({"cue": "x", "report_type": "evidence"}, "cs") == "evidence"


def _attr(actor: str, cue: str, report_type: str | None = None) -> dict:
    """Gold attributions carry no report type (it comes from the cue); predictions do."""
    found = {"actor": actor, "actor_text": actor, "cue": cue, "stance": "asserts"}
    return {**found, "report_type": report_type} if report_type else found


def test_score_meaning_counts_strict_claims_and_speech_only():
    gold = {
        "id": "d",
        "lang": "en",
        "claims": [
            {"span": [0, 100], "attributions": [_attr("Smith", "said")]},
            {"span": [200, 300], "attributions": [_attr("Jones", "believes")]},
        ],
    }
    predicted = [
        {
            "span": [0, 60],
            "attributions": [_attr("Smith", "said", "speech")],
        },  # lenient, not strict
        {"span": [200, 300], "attributions": [_attr("Jones", "believes", "belief")]},
    ]

    c = score_meaning(gold, predicted)

    assert (c.strict_tp, c.strict_fp, c.strict_fn) == (1, 1, 1)
    assert (c.speech_tp, c.speech_fp, c.speech_fn) == (1, 0, 0)


def test_a_speech_attribution_matching_an_optional_gold_one_is_neither_right_nor_wrong():
    relay = {**_attr("Reuters", "reported"), "optional": True}
    gold = {
        "id": "d",
        "lang": "en",
        "claims": [{"span": [0, 100], "attributions": [_attr("Smith", "said"), relay]}],
    }
    predicted = [
        {
            "span": [0, 100],
            "attributions": [
                _attr("Smith", "said", "speech"),
                _attr("Reuters", "reported", "speech"),
            ],
        }
    ]

    c = score_meaning(gold, predicted)

    assert (c.speech_tp, c.speech_fp, c.speech_fn) == (1, 0, 0)


def test_segments_as_claims_scores_each_piece_of_an_interrupted_quotation():
    """A gold that splits “A,” X said. “B.” into two claims misses the one segmented claim
    under the strict match; scored piece by piece both are found."""
    gold = {
        "id": "d",
        "lang": "en",
        "claims": [
            {"span": [1, 40], "attributions": [_attr("Smith", "said")]},
            {"span": [60, 120], "attributions": [_attr("Smith", "said")]},
        ],
    }
    segmented = {
        "span": [1, 120],
        "segments": [[1, 40], [60, 120]],
        "attributions": [_attr("Smith", "said", "speech")],
    }

    whole = score_meaning(gold, [segmented])
    pieces = score_meaning(gold, segments_as_claims({"d": [segmented]})["d"])

    assert (whole.strict_tp, whole.strict_fp, whole.strict_fn) == (0, 1, 2)
    assert (pieces.strict_tp, pieces.strict_fp, pieces.strict_fn) == (2, 0, 0)
