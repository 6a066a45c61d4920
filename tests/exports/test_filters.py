"""ClaimFilter: the parameters the API, the exports and the reports share."""

from __future__ import annotations

import pytest

from claims.filters import filter_claims
from claims.models import Claim


def ids(**params) -> set[int]:
    return set(filter_claims(params).values_list("pk", flat=True))


@pytest.mark.parametrize(
    ("params", "names"),
    [
        ({}, {"deny", "formula", "bare"}),
        ({"status": "published"}, {"deny"}),
        ({"status": ["new", "published"]}, {"deny", "formula", "bare"}),
        ({"rating": "Pravda"}, {"deny"}),
        ({"rating": "true"}, {"deny"}),  # the alternate name, any case
        ({"rating": "Nepravda"}, set()),
        ({"actor": "russia"}, {"deny"}),
        ({"stance": "denies"}, {"deny"}),
        ({"stance": "asserts"}, {"deny", "formula"}),
        ({"language": "en"}, {"formula"}),
        ({"outlet": "Česká tisková kancelář"}, {"deny"}),
        ({"date_from": "2024-03-01"}, {"deny", "formula"}),  # 29 Feb 23:30 UTC is 1 March here
        ({"date_from": "2024-03-02"}, {"formula"}),
        ({"date_from": "2024-03-01", "date_to": "2024-03-01"}, {"deny"}),
        ({"date_to": "2024-02-29"}, set()),
        ({"q": "korea granáty"}, {"deny"}),
        ({"q": "calc"}, {"formula"}),  # the article title
    ],
)
def test_each_filter_selects_its_claims(claims_data, params, names):
    assert ids(**params) == {getattr(claims_data, name).pk for name in names}


def test_actor_and_stance_apply_to_the_same_attribution(claims_data):
    # Russia denies the claim; nobody else asserting it makes Russia an asserter.
    assert ids(actor="Russia", stance="asserts") == set()
    assert ids(actor=str(claims_data.russia.pk), stance="denies") == {claims_data.deny.pk}


def test_outlet_by_id(claims_data):
    assert ids(outlet=str(claims_data.ceska.pk)) == {claims_data.deny.pk}


def test_a_claim_matching_through_several_attributions_is_listed_once(claims_data):
    assert list(filter_claims({"stance": "denies"}).values_list("pk", flat=True)) == [
        claims_data.deny.pk
    ]


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"status": "done"}, "Invalid filter: status: Select a valid choice. done is not one"),
        ({"date_from": "1. 3. 2024"}, "Invalid filter: date_from: Enter a valid date."),
        ({"stance": "shouts"}, "Invalid filter: stance: Select a valid choice. shouts is not one"),
    ],
)
def test_invalid_values_are_refused_with_the_field_named(claims_data, params, message):
    with pytest.raises(ValueError, match=message):
        filter_claims(params)
    assert Claim.objects.count() == 3
