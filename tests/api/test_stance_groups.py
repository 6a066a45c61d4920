"""One definition of who authored a claim (`Stance.authoring`), the same in the API's track
record, the report pages, ClaimReview (API and export) and a claim under correction."""

from __future__ import annotations

import json

import pytest

from claims.exports.core import stream_export
from claims.models import Actor, Claim, Stance
from claims.reports.selectors import verdicts_per_actor
from claims.services.workflow import transition_claim
from partners import selectors


def test_stances_split_into_authoring_and_opposing_with_nothing_left_over():
    authoring, opposing = set(Stance.authoring()), set(Stance.opposing())
    assert authoring.isdisjoint(opposing)
    assert authoring | opposing == set(Stance)


@pytest.fixture
def feared(desktop):
    """A published claim its speaker fears (an author), with a denier (not an author)."""
    fearful = Actor.objects.create(name="Opozice", kind=Actor.Kind.ORGANISATION)
    denier = Actor.objects.create(name="Ministr", kind=Actor.Kind.PERSON)
    claim = desktop.claim(actor=fearful, stance=Stance.FEARS)
    claim.attributions.create(actor=denier, actor_text="ministr", stance=Stance.DENIES)
    desktop.publish(claim)
    return claim, fearful, denier


def test_a_speaker_who_fears_a_claim_has_it_in_every_track_record(feared, partner_a):
    claim, fearful, denier = feared

    records = selectors.actor_track_records([fearful.pk, denier.pk])
    report = verdicts_per_actor(Claim.objects.all())
    review = partner_a.client.get(f"/api/v1/claims/{claim.pk}/claimreview/").json()
    [exported] = json.loads(b"".join(stream_export(Claim.objects.all(), fmt="claimreview")))

    assert [r["count"] for r in records[fearful.pk]] == [1]
    assert denier.pk not in records
    assert report.categories == ["Opozice"]
    authors = [{"@type": "Organization", "name": "Opozice"}]
    assert review["itemReviewed"]["author"] == authors
    assert exported["itemReviewed"]["author"] == authors


def test_a_claim_under_correction_is_in_the_export_as_the_api_serves_it(
    feared, desktop, partner_a, settings
):
    settings.FACTCHECK_CLAIM_PAGE_URL = "https://desk.test/claims/{id}/"
    claim, _, _ = feared
    transition_claim(
        claim_id=claim.pk, name="correct", user=desktop.reviewer, note="New figures came out."
    )

    api = partner_a.client.get(f"/api/v1/claims/{claim.pk}/claimreview/")
    exported = json.loads(b"".join(stream_export(Claim.objects.all(), fmt="claimreview")))

    assert Claim.objects.get(pk=claim.pk).status == "researching"
    assert api.status_code == 200
    assert [item["url"] for item in exported] == [api.json()["url"]]
    assert api.json()["url"] == f"https://desk.test/claims/{claim.pk}/"
