"""Who gets in: partner keys (valid, wrong, revoked, expired, wrong scope) and staff sessions."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.contrib.auth.models import User
from django.core.management import call_command
from django.utils import timezone
from rest_framework.test import APIClient

from partners.models import PartnerAPIKey
from partners.services.partners import issue_key, revoke_key

CLAIMS = "/api/v1/claims/"


def _client(key: str) -> APIClient:
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Api-Key {key}")
    return client


def test_no_credentials_is_401_with_how_to_authenticate(db):
    response = APIClient().get(CLAIMS)

    assert response.status_code == 401
    assert response["WWW-Authenticate"] == 'Api-Key realm="api"'
    assert response.json() == {
        "error": {
            "code": "not_authenticated",
            "message": "Authentication credentials were not provided. Send `Authorization: "
            "Api-Key <key>` (partners) or log in as a staff user.",
            "fields": {},
        }
    }


@pytest.mark.parametrize("key", ["nonsense", "abcdefgh.wrong-secret", ""])
def test_wrong_key_is_401_invalid_api_key(db, partner_a, key):
    response = _client(key).get(CLAIMS)

    assert response.status_code == 401
    assert response.json()["error"]["code"] == "invalid_api_key"
    assert response.json()["error"]["message"].startswith("The API key is not valid.")


def test_right_prefix_wrong_secret_is_401(partner_a):
    prefix = partner_a.key.split(".")[0]

    response = _client(prefix + ".0000000000000000000000000000000").get(CLAIMS)

    assert response.status_code == 401
    assert response.json()["error"]["code"] == "invalid_api_key"


def test_revoked_key_is_401_saying_so(partner_a):
    revoke_key(prefix=partner_a.key.split(".")[0])

    response = partner_a.client.get(CLAIMS)

    assert response.status_code == 401
    assert response.json()["error"] == {
        "code": "revoked_api_key",
        "message": "This API key was revoked. Ask the desk for a new key.",
        "fields": {},
    }


def test_expired_key_is_401_with_the_date(partner_a):
    api_key, key = issue_key(
        partner=partner_a.partner, scopes="read", expiry=timezone.now() + dt.timedelta(days=1)
    )
    PartnerAPIKey.objects.filter(pk=api_key.pk).update(
        expiry_date=dt.datetime(2024, 1, 31, 12, 0, tzinfo=dt.UTC)
    )

    response = _client(key).get(CLAIMS)

    assert response.status_code == 401
    assert response.json()["error"] == {
        "code": "expired_api_key",
        "message": "This API key expired on 2024-01-31 12:00 UTC. Ask the desk for a new key.",
        "fields": {},
    }


def test_deactivated_partner_is_401(partner_a):
    partner_a.partner.is_active = False
    partner_a.partner.save()

    response = partner_a.client.get(CLAIMS)

    assert response.status_code == 401
    assert response.json()["error"]["code"] == "partner_inactive"


def test_valid_key_reads(partner_a):
    assert partner_a.client.get(CLAIMS).status_code == 200


def test_read_only_key_cannot_submit_articles(reader):
    response = reader.client.post("/api/v1/articles/", {"body": "Text."}, format="json")

    assert response.status_code == 403
    assert response.json()["error"] == {
        "code": "permission_denied",
        "message": "This API key lacks the `submit` scope needed for POST here; it has: read.",
        "fields": {},
    }


def test_staff_session_reads(staff_client):
    assert staff_client.get(CLAIMS).status_code == 200


def test_non_staff_session_is_403(db):
    user = User.objects.create_user("visitor", password="pw-visitor")
    client = APIClient()
    client.force_login(user)

    response = client.get(CLAIMS)

    assert response.status_code == 403
    assert response.json()["error"]["message"] == (
        "Only staff users may use the API with a session; partners use a key."
    )


def test_create_partner_prints_only_the_key_and_stores_it_hashed(db):
    out, err = io.StringIO(), io.StringIO()

    call_command("create_partner", "Radio Test", "--scopes", "read,submit", stdout=out, stderr=err)

    lines = out.getvalue().splitlines()
    assert len(lines) == 1
    key = lines[0]
    stored = PartnerAPIKey.objects.get(partner__name="Radio Test")
    assert stored.scopes == ["read", "submit"]
    assert key not in stored.hashed_key
    assert key not in stored.id
    assert "Store it now" in err.getvalue()
    assert _client(key).get(CLAIMS).status_code == 200


def test_create_partner_refuses_unknown_scopes(db):
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="choose from read, submit"):
        call_command("create_partner", "X", "--scopes", "read,admin", stdout=io.StringIO())
