"""The admin's exports select what the Claim changelist shows, through the claim filters."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.contrib import admin
from django.test import RequestFactory

from claims.exports.filters import export_queryset, params_from_changelist
from claims.models import Claim

QUERIES = [
    "",
    "status__exact=new",
    "status__exact=published",
    "kind__exact=direct",
    "kind__exact=according_to",
    "article__language=cs",
    "article__language=en",
    "attributions__stance=denies",
    "attributions__stance=asserts",
    "queue=review",
    "queue=open",
    "queue=overdue",
    "assigned=me",
    "assigned=nobody",
    "q=korea",
    "q=Moskva",  # a speaker, found by the desk's search but not by the partners' `q`
    "q=evil",
    "status__exact=new&article__language=en",
    "queue=open&attributions__stance=asserts&o=-2&p=1",
]


def changelist_ids(query: str, user) -> set[int]:
    """What the editor sees: the Claim changelist itself, as the admin builds it."""
    request = RequestFactory().get(f"/admin/claims/claim/?{query}")
    request.user = user
    model_admin = admin.site._registry[Claim]
    changelist = model_admin.get_changelist_instance(request)
    return set(changelist.get_queryset(request).values_list("pk", flat=True))


@pytest.mark.parametrize("query", QUERIES)
def test_an_export_covers_exactly_the_claims_the_changelist_shows(query, claims_data, analyst):
    Claim.objects.filter(pk=claims_data.formula.pk).update(assignee=analyst)
    Claim.objects.filter(pk=claims_data.bare.pk).update(flagged_overdue=True)

    filters = params_from_changelist(query, user=analyst)
    exported = set(export_queryset(filters, user=analyst).values_list("pk", flat=True))

    assert exported == changelist_ids(query, analyst)


def test_the_outlet_filter_matches_the_changelist(claims_data, analyst):
    query = f"article__outlet__id__exact={claims_data.ceska.pk}"

    exported = export_queryset(params_from_changelist(query, user=analyst), user=analyst)

    assert set(exported.values_list("pk", flat=True)) == changelist_ids(query, analyst)
    assert changelist_ids(query, analyst) == {claims_data.deny.pk}


def test_assigned_to_me_is_stored_as_the_user_so_a_job_exports_the_same_claims(analyst):
    assert params_from_changelist("assigned=me&status__exact=new", user=analyst) == {
        "assignee": str(analyst.pk),
        "status": ["new"],
    }


def test_an_unknown_changelist_parameter_is_refused_by_name(analyst):
    with pytest.raises(ValueError, match="The export does not know the changelist filter 'x'"):
        params_from_changelist("x=1", user=analyst)


def test_the_exports_never_replay_the_admin():
    exports = Path(__file__).resolve().parents[2] / "claims" / "exports"

    for module in exports.glob("*.py"):
        assert "_registry" not in module.read_text(), module.name
