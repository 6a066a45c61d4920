"""Attributions by report type: lists show speech and according-to unless asked for more;
segments of an interrupted quotation travel with the claim."""

from __future__ import annotations

from claims.models import Attribution

CLAIMS = "/api/v1/claims/"


def _with_belief(desktop):
    """A published claim said by one source and merely believed by another."""
    claim = desktop.published_claim()
    claim.attributions.create(
        actor_text="experti",
        cue_text="věří",
        stance=Attribution.Stance.ASSERTS,
        report_type=Attribution.ReportType.BELIEF,
    )
    return claim


def _report_types(response) -> list[list[str]]:
    assert response.status_code == 200, response.content
    return [[a["report_type"] for a in row["attributions"]] for row in response.json()["results"]]


def test_the_list_shows_speech_and_according_to_by_default(desktop, partner_a):
    _with_belief(desktop)

    assert _report_types(partner_a.client.get(CLAIMS)) == [["speech"]]


def test_all_report_types_on_request(desktop, partner_a):
    _with_belief(desktop)

    response = partner_a.client.get(CLAIMS, {"report_type": "all"})

    assert sorted(_report_types(response)[0]) == ["belief", "speech"]


def test_one_report_type_on_request(desktop, partner_a):
    claim = _with_belief(desktop)

    response = partner_a.client.get(f"{CLAIMS}{claim.pk}/", {"report_type": "belief"})

    assert [a["cue"] for a in response.json()["attributions"]] == ["věří"]


def test_an_unknown_report_type_is_a_400(desktop, partner_a):
    desktop.published_claim()

    response = partner_a.client.get(CLAIMS, {"report_type": "rumour"})

    assert response.status_code == 400
    assert response.json()["error"]["fields"]["report_type"] == [
        "Unknown report type(s): rumour; use speech, belief, evidence, according_to or all."
    ]


def test_the_segments_of_a_claim_are_in_the_row(desktop, partner_a):
    claim = desktop.published_claim()
    claim.segments = [[6, 10], [14, 20]]
    claim.save(update_fields=["segments"])

    row = partner_a.client.get(CLAIMS).json()["results"][0]

    assert row["segments"] == [[6, 10], [14, 20]]
