"""Per-partner limits from Partner.throttle_rate, counted per scope in the cache."""

from __future__ import annotations

from tests.api.conftest import _persona

CLAIMS = "/api/v1/claims/"


def test_partner_over_its_rate_gets_429_with_retry_after(db):
    slow = _persona("Slow Weekly")
    slow.partner.throttle_rate = "3/minute"
    slow.partner.save()

    statuses = [slow.client.get(CLAIMS).status_code for _ in range(4)]
    response = slow.client.get(CLAIMS)

    assert statuses == [200, 200, 200, 429]
    assert response.status_code == 429
    assert 0 < int(response["Retry-After"]) <= 60
    assert response.json()["error"]["code"] == "throttled"
    assert response.json()["error"]["message"].startswith("Request was throttled.")


def test_one_partners_budget_does_not_touch_anothers(db):
    slow = _persona("Slow Weekly")
    slow.partner.throttle_rate = "1/minute"
    slow.partner.save()
    other = _persona("Busy Daily")
    other.partner.throttle_rate = "1/minute"
    other.partner.save()

    assert slow.client.get(CLAIMS).status_code == 200
    assert slow.client.get(CLAIMS).status_code == 429
    assert other.client.get(CLAIMS).status_code == 200


def test_reads_and_submissions_have_separate_budgets(db, desk):
    slow = _persona("Slow Weekly")
    slow.partner.throttle_rate = "1/minute"
    slow.partner.save()

    assert slow.client.get(CLAIMS).status_code == 200
    assert slow.client.get(CLAIMS).status_code == 429
    assert (
        slow.client.post("/api/v1/articles/", {"body": "Text."}, format="json").status_code == 202
    )
    assert (
        slow.client.post("/api/v1/articles/", {"body": "Jiný."}, format="json").status_code == 429
    )


def test_unusable_rate_falls_back_instead_of_failing(db):
    odd = _persona("Odd Monthly")
    odd.partner.throttle_rate = "lots"
    odd.partner.save()

    assert odd.client.get(CLAIMS).status_code == 200


def test_staff_sessions_are_not_throttled(staff_client, settings):
    assert {staff_client.get(CLAIMS).status_code for _ in range(5)} == {200}
