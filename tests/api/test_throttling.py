"""Per-partner limits from Partner.throttle_rate, counted per scope in the cache."""

from __future__ import annotations

from rest_framework.test import APIClient

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


def test_reading_the_webhook_does_not_use_up_the_submit_budget(db, desk):
    slow = _persona("Slow Weekly")
    slow.partner.throttle_rate = "1/minute"
    slow.partner.save()

    assert slow.client.get("/api/v1/partner/webhook").status_code == 200
    assert (
        slow.client.post("/api/v1/articles/", {"body": "Text."}, format="json").status_code == 202
    )


def test_wrong_api_keys_from_one_address_are_throttled(db, settings):
    # Guessing keys: after the limit, even a right key from that address waits (429), while
    # another address is not affected.
    settings.API_KEY_FAILURES_PER_MINUTE = 5
    good = _persona("Honest Daily")
    guesser = APIClient(REMOTE_ADDR="203.0.113.9")

    statuses = [
        guesser.get(CLAIMS, HTTP_AUTHORIZATION=f"Api-Key abc.{n:032d}").status_code
        for n in range(6)
    ]
    locked = guesser.get(CLAIMS, HTTP_AUTHORIZATION=f"Api-Key {good.key}")

    assert statuses == [401] * 5 + [429]
    assert locked.status_code == 429
    assert 0 < int(locked["Retry-After"]) <= 60
    assert locked.json()["error"]["code"] == "throttled"
    assert good.client.get(CLAIMS).status_code == 200  # another address (127.0.0.1)
