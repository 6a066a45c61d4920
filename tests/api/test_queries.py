"""N+1 guards: every list endpoint runs the same number of queries for 1 row as for 5."""

from __future__ import annotations

import pytest

from claims.models import Actor
from sources.models import Source

pytestmark = pytest.mark.parametrize("n", [1, 5])


@pytest.fixture
def rows(desktop, partner_a, outlet):
    def make(n: int) -> None:
        for i in range(n):
            actor = Actor.objects.create(name=f"Mluvčí {i}")
            claim = desktop.published_claim(actor=actor, outlet=outlet)
            claim.attributions.create(actor_text=f"poradce {i}", stance="doubts")
            desktop.claim(partner=partner_a.partner)  # an own, unpublished claim and article

    return make


def _get(client, url: str, n: int) -> None:
    response = client.get(url)
    assert response.status_code == 200, response.content
    assert len(response.json()["results"]) >= n


def test_claim_list(rows, partner_a, django_assert_num_queries, n):
    rows(n)
    # 1 the API key with its partner, 2 the page of claims joined with article, outlet and the
    # published verdict's rating and scale, 3 the page's attributions with their actors
    with django_assert_num_queries(3):
        _get(partner_a.client, "/api/v1/claims/", n)


def test_claim_list_as_staff(rows, staff_client, django_assert_num_queries, n):
    rows(n)
    # 1 the session, 2 its user, 3 the page of claims with joins, 4 attributions with actors
    with django_assert_num_queries(4):
        _get(staff_client, "/api/v1/claims/", n)


def test_claim_list_filtered(rows, partner_a, django_assert_num_queries, n):
    rows(n)
    # 1 the API key, 2 articles whose title has the words (ids for the index-friendly OR),
    # 3 the filtered page (actor/stance as one subquery), 4 attributions
    with django_assert_num_queries(4):
        _get(partner_a.client, "/api/v1/claims/?stance=asserts&rating=False&q=schodek", n)


def test_claimreview_feed(rows, partner_a, django_assert_num_queries, n):
    rows(n)
    # 1 the API key, 2 published claims with article, outlet, verdict, rating, scale,
    # 3 their attributions with actors
    with django_assert_num_queries(3):
        _get(partner_a.client, "/api/v1/claimreview/", n)


def test_actor_list(rows, partner_a, django_assert_num_queries, n):
    rows(n)
    # 1 the API key, 2 the page of visible actors, 3 their track records in one GROUP BY
    with django_assert_num_queries(3):
        _get(partner_a.client, "/api/v1/actors/", n)


def test_source_list(rows, partner_a, django_assert_num_queries, n):
    rows(n)
    assert Source.objects.count() == n
    # 1 the API key, 2 the page of sources linked to published claims
    with django_assert_num_queries(2):
        _get(partner_a.client, "/api/v1/sources/", n)


def test_outlet_list(rows, partner_a, django_assert_num_queries, n):
    rows(n)
    # 1 the API key, 2 the page of outlets behind visible claims
    with django_assert_num_queries(2):
        _get(partner_a.client, "/api/v1/outlets/", 1)


def test_article_list(rows, partner_a, django_assert_num_queries, n):
    rows(n)
    # 1 the API key, 2 the partner's articles with outlet and claim count
    with django_assert_num_queries(2):
        _get(partner_a.client, "/api/v1/articles/", n)
