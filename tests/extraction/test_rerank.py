"""The learned claim filter: per-claim decisions, data-only weights, Czech untouched."""

import re

import pytest

from claims.extraction import extract, rerank
from claims.extraction.results import Attribution, Claim

TEXT = "Officials said the plant will close. Moscow rejected that."


def _claim(*cues: str) -> Claim:
    attributions = [
        Attribution(None, None, "Officials", (0, 9), cue, (10, 14), "asserts", 0.6) for cue in cues
    ]
    return Claim("the plant will close", (15, 35), "indirect", 0.6, attributions)


@pytest.fixture
def model(monkeypatch):
    """A two-weight model: 'said' is a good cue, 'rejected' a bad one."""
    fake = rerank.Model({"bias": 0.0, "cue=say": 3.0, "cue=reject": -3.0}, threshold=0.5)
    monkeypatch.setattr(rerank, "load_model", lambda lang: fake if lang == "en" else None)
    return fake


def test_claim_is_kept_whole_when_its_best_attribution_passes(model):
    claim = _claim("said", "rejected")
    kept = rerank.rerank(TEXT, [claim], "en")
    assert kept == [claim]
    assert [a.cue for a in kept[0].attributions] == ["said", "rejected"]


def test_claim_whose_every_attribution_scores_low_is_dropped(model):
    assert rerank.rerank(TEXT, [_claim("rejected")], "en") == []


def test_language_without_weights_is_untouched(model):
    claims = [_claim("rejected")]
    assert rerank.rerank(TEXT, claims, "cs") == claims


def test_features_are_deterministic_and_name_the_cue_lemma():
    claim = _claim("said")
    first = rerank.features(TEXT, claim, claim.attributions[0], "en")
    assert first == rerank.features(TEXT, claim, claim.attributions[0], "en")
    assert "cue=say" in first
    assert "actor=capitalised" in first


def test_parties_named_by_one_phrase_make_one_report():
    # "Both men claimed": two parties, one speaker phrase and one cue; the weights learnt that
    # two reports on one content mostly mean a bad merge, which this is not
    men = [
        Attribution(name, "person", "Both men", (0, 8), "claimed", (9, 16), "asserts", 0.6)
        for name in ("Kevin Brown", "Tim Weeks")
    ]
    claim = Claim("they were treated well", (22, 44), "indirect", 0.6, men)
    assert "n_attr=<=1" in rerank.features(TEXT, claim, men[0], "en")
    two = [
        Attribution(None, None, "Officials", (0, 9), "said", (10, 14), "asserts", 0.6),
        Attribution(None, None, "Moscow", (37, 43), "rejected", (44, 52), "denies", 0.6),
    ]
    merged = Claim("the plant will close", (15, 35), "indirect", 0.6, two)  # two reports
    assert "n_attr=<=2" in rerank.features(TEXT, merged, two[0], "en")


def test_punctuation_cue_is_named_by_its_mark():
    claim = _claim("―")
    assert "cue=―" in rerank.features(TEXT, claim, claim.attributions[0], "en")


def test_shipped_weights_hold_feature_names_only():
    """The corpus licence forbids shipping its text: every name is a short feature string."""
    model = rerank.load_model("en")
    assert model is not None
    assert 0.0 < model.threshold < 1.0
    pattern = re.compile(r"^[a-z_]+(=[^\t]{1,40})?$")
    bad = [name for name in model.weights if not pattern.match(name) or len(name) > 60]
    assert bad == []
    assert rerank.load_model("cs") is None


def test_engine_output_passes_through_the_filter():
    """A plain report survives the shipped model; the Czech seed-style text is rule-only."""
    result = extract("The minister said the plant will close in May.", language="en")
    assert [(c.text, c.attributions[0].actor_text) for c in result.claims] == [
        ("the plant will close in May", "The minister")
    ]
