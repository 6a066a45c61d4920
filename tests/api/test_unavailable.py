"""A backing service that is down answers 503 with Retry-After in the error shape, not 500."""

from __future__ import annotations

from django.db import OperationalError

from partners import selectors

# Nothing listens on port 1: the cache's connection is refused, as with a stopped Redis.
DEAD_REDIS = {
    "default": {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": "redis://127.0.0.1:1/0",
    }
}


def test_with_redis_down_a_partner_gets_503_with_retry_after(partner_a, settings):
    settings.CACHES = DEAD_REDIS

    response = partner_a.client.get("/api/v1/claims/")

    assert response.status_code == 503
    assert response["Retry-After"] == "30"
    assert response.json() == {
        "error": {
            "code": "unavailable",
            "message": "The service is briefly unavailable; retry in 30 seconds.",
            "fields": {},
        }
    }


def test_with_the_database_unreachable_a_partner_gets_503(partner_a, monkeypatch):
    def down(*args, **kwargs):
        raise OperationalError("could not connect to server: Connection refused")

    monkeypatch.setattr(selectors, "claims_visible_to", down)

    response = partner_a.client.get("/api/v1/claims/")

    assert response.status_code == 503
    assert response["Retry-After"] == "30"
    assert response.json()["error"]["code"] == "unavailable"
