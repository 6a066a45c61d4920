"""Claim list filters, cursor pagination, and conditional GETs on detail endpoints."""

from __future__ import annotations

import datetime as dt

import pytest

from claims.models import Actor, Verdict

CLAIMS = "/api/v1/claims/"


def _ids(response) -> list[int]:
    assert response.status_code == 200, response.content
    return [row["id"] for row in response.json()["results"]]


@pytest.fixture
def babis(db) -> Actor:
    return Actor.objects.create(name="Andrej Babiš", kind=Actor.Kind.PERSON)


@pytest.fixture
def fiala(db) -> Actor:
    return Actor.objects.create(name="Petr Fiala", kind=Actor.Kind.PERSON)


def test_filter_by_rating_label_or_alternate_name(desktop, partner_a):
    false = desktop.published_claim(rating="Nepravda")
    true = desktop.published_claim(rating="Pravda")

    assert _ids(partner_a.client.get(CLAIMS, {"rating": "nepravda"})) == [false.pk]
    assert _ids(partner_a.client.get(CLAIMS, {"rating": "True"})) == [true.pk]


def test_filter_by_actor_and_stance_on_the_same_attribution(desktop, partner_a, babis, fiala):
    asserted = desktop.published_claim(actor=babis, stance="asserts")
    denied = desktop.published_claim(actor=babis, stance="denies")
    other = desktop.published_claim(actor=fiala, stance="asserts")

    assert _ids(partner_a.client.get(CLAIMS, {"actor": babis.pk})) == [denied.pk, asserted.pk]
    assert _ids(partner_a.client.get(CLAIMS, {"actor": babis.pk, "stance": "asserts"})) == [
        asserted.pk
    ]
    assert _ids(partner_a.client.get(CLAIMS, {"stance": "asserts"})) == [other.pk, asserted.pk]


def test_filter_by_language_outlet_and_text(desktop, partner_a, outlet):
    czech = desktop.published_claim(outlet=outlet)
    english = desktop.published_claim(
        body="According to the minister schodek is falling. Others deny it.", language="en"
    )

    assert _ids(partner_a.client.get(CLAIMS, {"language": "en"})) == [english.pk]
    assert _ids(partner_a.client.get(CLAIMS, {"outlet": outlet.pk})) == [czech.pk]
    assert _ids(partner_a.client.get(CLAIMS, {"q": "KLESNE"})) == [czech.pk]
    assert _ids(partner_a.client.get(CLAIMS, {"q": "schodek falling"})) == [english.pk]


def test_filter_by_article(desktop, partner_a):
    first = desktop.published_claim()
    desktop.published_claim()

    assert _ids(partner_a.client.get(CLAIMS, {"article": first.article_id})) == [first.pk]
    response = partner_a.client.get(CLAIMS, {"article": "latest"})
    assert response.status_code == 400
    assert list(response.json()["error"]["fields"]) == ["article"]


def test_filter_by_published_date_range(desktop, partner_a):
    june = desktop.published_claim()
    july = desktop.published_claim()
    Verdict.objects.filter(pk=june.published_verdict_id).update(
        published_at=dt.datetime(2024, 6, 15, 10, tzinfo=dt.UTC)
    )
    Verdict.objects.filter(pk=july.published_verdict_id).update(
        published_at=dt.datetime(2024, 7, 15, 10, tzinfo=dt.UTC)
    )

    assert _ids(partner_a.client.get(CLAIMS, {"published_from": "2024-07-01"})) == [july.pk]
    assert _ids(partner_a.client.get(CLAIMS, {"published_to": "2024-06-30"})) == [june.pk]
    assert _ids(
        partner_a.client.get(CLAIMS, {"published_from": "2024-06-01", "published_to": "2024-07-31"})
    ) == [july.pk, june.pk]


def test_status_filter_is_staff_only(desktop, partner_a, staff_client):
    in_review = desktop.research(desktop.claim())
    desktop.claim()

    assert _ids(staff_client.get(CLAIMS, {"status": "in_review"})) == [in_review.pk]
    response = partner_a.client.get(CLAIMS, {"status": "in_review"})
    assert response.status_code == 400
    assert response.json()["error"] == {
        "code": "invalid",
        "message": "Invalid input in: status.",
        "fields": {"status": ["Only staff may filter by workflow status."]},
    }


def test_invalid_filter_value_lists_the_field(partner_a):
    response = partner_a.client.get(CLAIMS, {"stance": "shouts", "published_from": "June"})

    assert response.status_code == 400
    assert sorted(response.json()["error"]["fields"]) == ["published_from", "stance"]


def test_cursor_pagination_walks_every_claim_once(desktop, partner_a):
    claims = [desktop.published_claim() for _ in range(5)]

    seen: list[int] = []
    url = f"{CLAIMS}?page_size=2"
    pages = 0
    while url:
        response = partner_a.client.get(url)
        seen += _ids(response)
        url = response.json()["next"]
        pages += 1

    assert pages == 3
    assert seen == sorted((c.pk for c in claims), reverse=True)


def test_an_attribution_gives_the_speakers_role_and_the_relaying_outlet(desktop, partner_a, babis):
    claim = desktop.published_claim(actor=babis)
    claim.attributions.update(role="ministr financí", via="ČTK")

    row = partner_a.client.get(CLAIMS).json()["results"][0]

    assert [(a["role"], a["via"]) for a in row["attributions"]] == [("ministr financí", "ČTK")]


def test_list_row_has_attributions_and_verdict(desktop, partner_a, babis):
    claim = desktop.published_claim(actor=babis)

    row = partner_a.client.get(CLAIMS).json()["results"][0]

    assert row["text"] == claim.text
    assert row["span"] == [claim.span_start, claim.span_end]
    assert row["attributions"] == [
        {
            "actor": {"id": babis.pk, "name": "Andrej Babiš", "kind": "person"},
            "actor_text": "ministra financí",
            "actor_span": [6, 22],
            "cue": "Podle",
            "cue_span": [0, 5],
            "stance": "asserts",
            "confidence": 0.8,
            "report_type": "speech",
            "role": "",
            "via": "",
        }
    ]
    assert row["segments"] is None
    assert row["verdict"]["rating"] == {
        "label": "Nepravda",
        "value": 1,
        "alternate_name": "False",
        "best_rating": 4,
        "worst_rating": 1,
    }


def test_detail_answers_304_when_the_etag_matches(desktop, partner_a):
    claim = desktop.published_claim()
    url = f"{CLAIMS}{claim.pk}/"
    first = partner_a.client.get(url)

    again = partner_a.client.get(url, HTTP_IF_NONE_MATCH=first["ETag"])

    assert first.status_code == 200
    assert first["ETag"].startswith('"')
    assert again.status_code == 304
    assert again.content == b""
    assert again["ETag"] == first["ETag"]


def test_etag_changes_when_the_claim_changes(desktop, partner_a):
    claim = desktop.published_claim()
    url = f"{CLAIMS}{claim.pk}/"
    etag = partner_a.client.get(url)["ETag"]
    Verdict.objects.filter(pk=claim.published_verdict_id).update(summary="Upraveno.")

    response = partner_a.client.get(url, HTTP_IF_NONE_MATCH=etag)

    assert response.status_code == 200
    assert response["ETag"] != etag


@pytest.mark.parametrize("path", ["actors", "sources", "outlets", "articles"])
def test_other_detail_endpoints_support_if_none_match(desktop, staff_client, babis, outlet, path):
    claim = desktop.published_claim(actor=babis, outlet=outlet)
    pk = {
        "actors": babis.pk,
        "sources": claim.sources.get().source_id,
        "outlets": outlet.pk,
        "articles": claim.article_id,
    }[path]
    url = f"/api/v1/{path}/{pk}/"
    etag = staff_client.get(url)["ETag"]

    assert staff_client.get(url, HTTP_IF_NONE_MATCH=etag).status_code == 304


def test_actor_track_record_counts_published_verdicts_it_asserted(desktop, partner_a, babis):
    desktop.published_claim(actor=babis, rating="Nepravda")
    desktop.published_claim(actor=babis, rating="Nepravda")
    desktop.published_claim(actor=babis, rating="Pravda")
    desktop.published_claim(actor=babis, stance="denies", rating="Nepravda")  # he was right
    desktop.research(desktop.claim(actor=babis))  # not published: does not count

    response = partner_a.client.get(f"/api/v1/actors/{babis.pk}/")

    assert response.json()["track_record"] == [
        {"rating": "Pravda", "alternate_name": "True", "rating_value": 4, "count": 1},
        {"rating": "Nepravda", "alternate_name": "False", "rating_value": 1, "count": 2},
    ]
    listed = partner_a.client.get("/api/v1/actors/").json()["results"]
    assert [a["track_record"] for a in listed if a["id"] == babis.pk] == [
        response.json()["track_record"]
    ]


def test_unknown_api_path_answers_in_the_error_shape(partner_a):
    response = partner_a.client.get("/api/v1/nothing-here/")

    assert response.status_code == 404
    assert response.json() == {
        "error": {
            "code": "not_found",
            "message": "No API endpoint at /api/v1/nothing-here/. See /api/docs/.",
            "fields": {},
        }
    }


@pytest.mark.parametrize("value", ["abc", "0", "101", "null"])
def test_bad_page_size_is_400_not_silently_ignored(partner_a, value):
    response = partner_a.client.get(CLAIMS, {"page_size": value})

    assert response.status_code == 400
    assert response.json()["error"]["fields"] == {"page_size": ["A whole number from 1 to 100."]}


def test_out_of_range_ids_match_nothing_instead_of_failing(partner_a, desktop):
    desktop.published_claim()

    assert partner_a.client.get(f"{CLAIMS}99999999999999999999999/").status_code == 404
    # actor and outlet take an id or a name: a number no bigint holds is a name nobody has.
    response = partner_a.client.get(CLAIMS, {"outlet": "99999999999999999999999", "actor": "1.5"})
    assert (response.status_code, response.json()["results"]) == (200, [])


@pytest.mark.parametrize("staff", [False, True], ids=["partner", "staff"])
def test_the_fast_claim_row_equals_drfs_generic_rendering_field_by_field(
    desktop, partner_a, reviewer, babis, outlet, staff
):
    from rest_framework import serializers as drf
    from rest_framework.test import APIRequestFactory

    from partners import selectors
    from partners.api import serializers as s

    published = desktop.published_claim(actor=babis, stance="denies", outlet=outlet)
    unpublished = desktop.claim()
    viewer = reviewer if staff else partner_a.partner
    serializer_class = s.StaffClaimSerializer if staff else s.ClaimSerializer
    request = APIRequestFactory().get(CLAIMS)
    claims = list(  # loaded as the list loads them; rendered below as the viewer sees them
        selectors.claim_list(reviewer).filter(pk__in=[published.pk, unpublished.pk]).order_by("pk")
    )
    assert len(claims) == 2

    for claim in claims:
        context = {"request": request, "viewer": viewer}
        fast = serializer_class(claim, context=context).data
        generic = drf.ModelSerializer.to_representation(serializer_class(context=context), claim)
        if claim.published_verdict_id is None and not staff:
            generic["normalized_text"] = ""
        assert list(fast) == list(generic)
        for name in generic:
            assert fast[name] == generic[name], name


@pytest.mark.parametrize("staff", [False, True], ids=["partner", "staff"])
@pytest.mark.parametrize("report_type", ["", "all"])
def test_the_list_rows_equal_drfs_generic_rendering_field_by_field(
    desktop, partner_a, reviewer, staff_client, babis, outlet, staff, report_type
):
    """The list builds its rows from .values() (serializers.claim_rows); every row must be what
    DRF's generic walk over the serializer renders from model instances."""
    from rest_framework import serializers as drf
    from rest_framework.test import APIRequestFactory

    from claims.models import Attribution, Claim
    from partners import selectors
    from partners.api import serializers as s
    from partners.api.views import report_types_of

    published = desktop.published_claim(actor=babis, stance="denies", outlet=outlet)
    Claim.objects.filter(pk=published.pk).update(
        normalized_text="Schodek klesne.", segments=[[0, 7], [10, 20]]
    )
    own = desktop.claim(desktop.article(partner=partner_a.partner))
    Claim.objects.filter(pk=own.pk).update(normalized_text="Still being worded.")
    Attribution.objects.create(
        claim=own, actor_text="podle expertů", stance="doubts", report_type="belief"
    )
    desktop.claim()  # another desk's work in progress: staff only
    client = staff_client if staff else partner_a.client
    viewer = reviewer if staff else partner_a.partner

    response = client.get(CLAIMS, {"page_size": 100, "report_type": report_type})

    rows = response.json()["results"]
    assert len(rows) == (3 if staff else 2)
    serializer_class = s.StaffClaimSerializer if staff else s.ClaimSerializer
    request = APIRequestFactory().get(CLAIMS, {"report_type": report_type})
    from rest_framework.request import Request

    types = report_types_of(Request(request))
    instances = {c.pk: c for c in selectors.claim_list(viewer, types)}
    assert [row["id"] for row in rows] == sorted(instances, reverse=True)
    for row in rows:
        claim = instances[row["id"]]
        context = {"request": request, "viewer": viewer}
        generic = drf.ModelSerializer.to_representation(serializer_class(context=context), claim)
        if claim.published_verdict_id is None and not staff:
            generic["normalized_text"] = ""
        assert list(row) == list(generic)
        for name in generic:
            assert row[name] == generic[name], name
    beliefs = [a for row in rows for a in row["attributions"] if a["report_type"] == "belief"]
    assert len(beliefs) == (1 if report_type == "all" else 0)


def test_the_list_rows_cover_every_field_of_the_list_serializers():
    from partners.api import serializers as s

    for serializer in (s.ClaimSerializer, s.StaffClaimSerializer):
        assert set(serializer.Meta.fields) <= s.CLAIM_ROW_FIELDS, serializer
