"""The visibility matrix: what partner A, partner B and staff each see, and what never leaks."""

from __future__ import annotations

import datetime as dt

import pytest

from claims.models import Rating
from claims.services.workflow import save_verdict, transition_claim


def _ids(response) -> set[int]:
    assert response.status_code == 200, response.content
    return {row["id"] for row in response.json()["results"]}


@pytest.fixture
def world(desktop, partner_a, partner_b):
    """One claim of each kind the rule distinguishes."""
    return {
        "published": desktop.published_claim(),
        "in_review": desktop.research(desktop.claim()),  # a draft verdict, not published
        "new": desktop.claim(),
        "a_own_new": desktop.claim(partner=partner_a.partner),
        "b_own_new": desktop.claim(partner=partner_b.partner),
        "a_own_published": desktop.published_claim(partner=partner_a.partner),
    }


def test_partner_a_sees_published_claims_and_its_own(world, partner_a):
    assert _ids(partner_a.client.get("/api/v1/claims/")) == {
        world["published"].pk,
        world["a_own_new"].pk,
        world["a_own_published"].pk,
    }


def test_partner_b_never_sees_partner_a_submissions(world, partner_b):
    assert _ids(partner_b.client.get("/api/v1/claims/")) == {
        world["published"].pk,
        world["b_own_new"].pk,
        world["a_own_published"].pk,  # published verdicts are everybody's
    }
    assert partner_b.client.get(f"/api/v1/claims/{world['a_own_new'].pk}/").status_code == 404
    article = world["a_own_new"].article
    assert partner_b.client.get(f"/api/v1/articles/{article.pk}/").status_code == 404
    assert article.pk not in _ids(partner_b.client.get("/api/v1/articles/"))


def test_staff_see_every_claim_with_its_status(world, staff_client):
    response = staff_client.get("/api/v1/claims/")

    assert _ids(response) == {claim.pk for claim in world.values()}
    statuses = {row["id"]: row["status"] for row in response.json()["results"]}
    assert statuses[world["in_review"].pk] == "in_review"


@pytest.mark.parametrize("name", ["in_review", "new", "b_own_new"])
def test_partner_a_gets_404_for_claims_it_may_not_see(world, partner_a, name):
    response = partner_a.client.get(f"/api/v1/claims/{world[name].pk}/")

    assert response.status_code == 404
    assert response.json()["error"]["code"] == "not_found"


def test_detail_leaks_no_draft_note_or_editor_name(world, partner_a):
    response = partner_a.client.get(f"/api/v1/claims/{world['published'].pk}/")

    body = response.content.decode()
    data = response.json()
    assert response.status_code == 200
    assert "INTERNAL-NOTE" not in body  # ClaimSource.note
    assert "desk.test" not in body  # editors' e-mails
    assert '"editor"' not in body
    assert '"reviewer2"' not in body
    assert "status" not in data  # the workflow status is internal
    assert set(data["verdict"]) == {"rating", "summary", "explanation", "as_of", "published_at"}
    assert data["sources"] == [
        {
            "source": {
                "id": data["sources"][0]["source"]["id"],
                "url": f"https://mfcr.test/data-{world['published'].pk}",
                "title": "Pokladní plnění",
                "publisher": "",
                "kind": "statistical",
                "archive_status": "pending",
                "created_at": data["sources"][0]["source"]["created_at"],
            },
            "relation": "refutes",
        }
    ]
    # Only public history: the publication, not triage, research or submission.
    assert [(e["kind"], e["to_status"]) for e in data["history"]] == [("transition", "published")]


def test_a_correction_draft_stays_hidden_behind_the_published_verdict(world, desktop, partner_a):
    claim = world["published"]
    transition_claim(claim_id=claim.pk, name="correct", user=desktop.reviewer, note="New data.")
    save_verdict(
        claim_id=claim.pk,
        user=desktop.editor,
        rating=Rating.objects.get(label="Pravda"),
        summary="DRAFT-CORRECTION not yet reviewed",
        as_of=dt.date(2024, 7, 1),
    )

    response = partner_a.client.get(f"/api/v1/claims/{claim.pk}/")

    assert response.status_code == 200
    assert "DRAFT-CORRECTION" not in response.content.decode()
    assert response.json()["verdict"]["rating"]["label"] == "Nepravda"
    assert [e["kind"] for e in response.json()["history"]] == ["transition", "correction"]


def test_own_unpublished_claim_shows_no_sources_or_draft(world, partner_a, staff_client):
    claim = world["a_own_new"]
    claim.normalized_text = "DRAFT-WORDING by the desk"
    claim.save()

    response = partner_a.client.get(f"/api/v1/claims/{claim.pk}/")
    article = partner_a.client.get(f"/api/v1/articles/{claim.article_id}/")

    assert response.status_code == 200
    assert response.json()["verdict"] is None
    assert response.json()["sources"] == []
    assert response.json()["normalized_text"] == ""
    assert "DRAFT-WORDING" not in article.content.decode()
    staff_view = staff_client.get(f"/api/v1/claims/{claim.pk}/").json()
    assert staff_view["normalized_text"] == "DRAFT-WORDING by the desk"


def test_sources_and_outlets_follow_the_claims(world, partner_a, desktop):
    # A source linked only to an unpublished claim is still research in progress.
    sources = partner_a.client.get("/api/v1/sources/").json()["results"]
    urls = {row["url"] for row in sources}
    assert urls == {
        f"https://mfcr.test/data-{world['published'].pk}",
        f"https://mfcr.test/data-{world['a_own_published'].pk}",
    }
    assert f"https://mfcr.test/data-{world['in_review'].pk}" not in urls


def test_retracted_claim_disappears_for_partners(world, desktop, partner_a):
    claim = world["published"]
    transition_claim(claim_id=claim.pk, name="retract", user=desktop.reviewer, note="Wrong.")

    assert partner_a.client.get(f"/api/v1/claims/{claim.pk}/").status_code == 404
    assert claim.pk not in _ids(partner_a.client.get("/api/v1/claims/"))


def test_search_never_matches_the_editors_hidden_wording(world, partner_a, staff_client):
    # The editor's wording of a partner's own unpublished claim is not the partner's to read,
    # so `?q=` must not find the claim by it either (issue 12).
    claim = world["a_own_new"]
    claim.normalized_text = "Zakulisni formulace redakce"
    claim.save()

    partner = partner_a.client.get("/api/v1/claims/", {"q": "zakulisni"}).json()["results"]
    by_text = partner_a.client.get("/api/v1/claims/", {"q": claim.text.split()[0]})

    assert partner == []
    assert claim.pk in _ids(by_text)
