"""The export tests' desk of claims, plus a workflow history with known durations."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.cache import cache

from claims.models import ClaimEvent
from tests.exports.conftest import (  # noqa: F401 -- fixtures shared with the export tests
    _media,
    _urls,
    claims_data,
    staff_without_export,
)

T0 = dt.datetime(2024, 6, 3, 8, 0, tzinfo=dt.UTC)


@pytest.fixture(autouse=True)
def _no_cached_reports():
    # Computed reports live in the cache (claims/reports/cache.py); each test starts without.
    cache.clear()
    yield
    cache.clear()


def move(claim, from_status: str, to_status: str, at: dt.datetime) -> ClaimEvent:
    event = ClaimEvent.objects.create(claim=claim, from_status=from_status, to_status=to_status)
    # created_at is auto_now_add: the history's times are set after the fact.
    ClaimEvent.objects.filter(pk=event.pk).update(created_at=at)
    return event


@pytest.fixture
def history(claims_data):  # noqa: F811 -- the imported fixture, requested by name
    """The bare claim: created at T0, triaged 2 h later, researching 3 h after that; the
    formula claim: triaged 4 h after creation. Average time in `new`: 3 h; in `triaged`: 3 h."""
    bare, formula = claims_data.bare, claims_data.formula
    for claim in (bare, formula):
        type(claim).objects.filter(pk=claim.pk).update(created_at=T0)
    move(bare, "", "new", T0)  # the creation event is not a change of state
    move(bare, "new", "triaged", T0 + dt.timedelta(hours=2))
    move(bare, "triaged", "triaged", T0 + dt.timedelta(hours=3))  # an assignment
    move(bare, "triaged", "researching", T0 + dt.timedelta(hours=5))
    move(formula, "new", "triaged", T0 + dt.timedelta(hours=4))
    type(bare).objects.filter(pk=bare.pk).update(status="researching")
    type(formula).objects.filter(pk=formula.pk).update(status="triaged")
    return claims_data
