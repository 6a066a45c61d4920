"""schema.org ClaimReview output, checked against the fields Google's Fact Check tools read."""

from __future__ import annotations

import datetime as dt

import pytest

from claims.models import Actor, Verdict


@pytest.fixture
def reviewed(desktop, outlet, settings):
    settings.FACTCHECK_ORGANIZATION_NAME = "Demagog Test"
    settings.FACTCHECK_ORGANIZATION_URL = "https://demagog.test"
    minister = Actor.objects.create(name="Zbyněk Stanjura", kind=Actor.Kind.PERSON)
    ministry = Actor.objects.create(name="Ministerstvo financí", kind=Actor.Kind.ORGANISATION)
    claim = desktop.claim(actor=minister, outlet=outlet, url="https://news.test/schodek")
    claim.attributions.create(
        actor=ministry, actor_text="ministerstvo", actor_start=40, actor_end=52, stance="asserts"
    )
    claim.attributions.create(
        actor_text="Opozice", actor_start=60, actor_end=67, stance="denies"
    )  # not an author
    claim = desktop.publish(claim, rating="Nepravda", summary="Schodek letos roste.")
    Verdict.objects.filter(pk=claim.published_verdict_id).update(
        published_at=dt.datetime(2024, 6, 22, 9, 30, tzinfo=dt.UTC)
    )
    return claim


def test_claimreview_has_every_field_google_reads(reviewed, partner_a):
    response = partner_a.client.get(f"/api/v1/claims/{reviewed.pk}/claimreview/")

    assert response.status_code == 200
    assert response.json() == {
        "@context": "https://schema.org",
        "@type": "ClaimReview",
        "url": f"http://testserver/api/v1/claims/{reviewed.pk}/",
        "claimReviewed": "schodek letos klesne o 1 miliard",
        "datePublished": "2024-06-22",
        "inLanguage": "cs",
        "author": {"@type": "Organization", "name": "Demagog Test", "url": "https://demagog.test"},
        "reviewRating": {
            "@type": "Rating",
            "ratingValue": 1,
            "bestRating": 4,
            "worstRating": 1,
            "alternateName": "False",
            "name": "Nepravda",
            "ratingExplanation": "Schodek letos roste.",
        },
        "itemReviewed": {
            "@type": "Claim",
            "author": [
                {"@type": "Person", "name": "Zbyněk Stanjura"},
                {"@type": "Organization", "name": "Ministerstvo financí"},
            ],
            "datePublished": "2024-06-20",
            "appearance": [
                {
                    "@type": "CreativeWork",
                    "url": "https://news.test/schodek",
                    "headline": "Článek 1",
                    "datePublished": "2024-06-20",
                    "publisher": {"@type": "Organization", "name": "Test Daily"},
                }
            ],
        },
    }


def test_rating_value_lies_within_best_and_worst(reviewed, partner_a):
    rating = partner_a.client.get(f"/api/v1/claims/{reviewed.pk}/claimreview/").json()[
        "reviewRating"
    ]

    assert rating["worstRating"] <= rating["ratingValue"] <= rating["bestRating"]


def test_claim_page_template_sets_the_review_url(reviewed, partner_a, settings):
    settings.FACTCHECK_CLAIM_PAGE_URL = "https://demagog.test/vyroky/{id}"

    data = partner_a.client.get(f"/api/v1/claims/{reviewed.pk}/claimreview/").json()

    assert data["url"] == f"https://demagog.test/vyroky/{reviewed.pk}"


def test_unpublished_claim_has_no_claimreview(desktop, partner_a, staff_client):
    claim = desktop.research(desktop.claim(partner=partner_a.partner))

    assert partner_a.client.get(f"/api/v1/claims/{claim.pk}/claimreview/").status_code == 404
    assert staff_client.get(f"/api/v1/claims/{claim.pk}/claimreview/").status_code == 404


def test_feed_lists_every_published_claim(reviewed, desktop, partner_a):
    other = desktop.published_claim()
    desktop.research(desktop.claim())  # in review: not in the feed

    response = partner_a.client.get("/api/v1/claimreview/")

    assert response.status_code == 200
    urls = [item["url"] for item in response.json()["results"]]
    assert urls == [
        f"http://testserver/api/v1/claims/{other.pk}/",
        f"http://testserver/api/v1/claims/{reviewed.pk}/",
    ]
    assert all(item["@type"] == "ClaimReview" for item in response.json()["results"])


def test_claimreview_without_trailing_slash_redirects_keeping_the_method(reviewed, partner_a):
    response = partner_a.client.get(f"/api/v1/claims/{reviewed.pk}/claimreview?x=1")

    assert response.status_code == 308
    assert response["Location"] == f"/api/v1/claims/{reviewed.pk}/claimreview/?x=1"
    followed = partner_a.client.get(f"/api/v1/claims/{reviewed.pk}/claimreview", follow=True)
    assert followed.json()["@type"] == "ClaimReview"
