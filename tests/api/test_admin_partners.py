"""Partner settings in the admin: the same rules the partner API applies, as form errors."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import User

from partners.models import Partner, PartnerAPIKey
from partners.services.partners import issue_key

ADD = "/admin/partners/partner/add/"
GOOD = {
    "name": "Deník Test",
    "is_active": "on",
    "throttle_rate": "100/hour",
    "webhook_url": "https://hooks.denik.test/factcheck",
    "webhook_secret": "s" * 24,
}


@pytest.fixture(autouse=True)
def _partner_hosts(fake_dns):
    fake_dns.names["hooks.denik.test"] = ["93.184.216.34"]


@pytest.fixture
def admin_client(client, db):
    client.force_login(User.objects.create_superuser("root", "root@desk.test", "pw-root"))
    return client


def inline_management() -> dict[str, str]:
    data = {}
    for prefix in ("api_keys", "deliveries"):
        data |= {
            f"{prefix}-TOTAL_FORMS": "0",
            f"{prefix}-INITIAL_FORMS": "0",
            f"{prefix}-MIN_NUM_FORMS": "0",
            f"{prefix}-MAX_NUM_FORMS": "1000",
        }
    return data


def test_a_partner_with_valid_settings_is_created_through_the_service(admin_client):
    response = admin_client.post(ADD, {**GOOD, **inline_management()})

    assert response.status_code == 302
    partner = Partner.objects.get()
    assert (partner.name, partner.throttle_rate, partner.webhook_url) == (
        "Deník Test",
        "100/hour",
        "https://hooks.denik.test/factcheck",
    )


@pytest.mark.parametrize(
    ("field", "value", "error"),
    [
        (
            "webhook_url",
            "https://10.0.0.7/hook",
            "The webhook URL must resolve to a public address the desk can reach.",
        ),
        (
            "webhook_url",
            "http://hooks.denik.test/",
            "The webhook URL must be an absolute https URL.",
        ),
        ("webhook_secret", "x", "The webhook secret must have at least 16 characters."),
        (
            "throttle_rate",
            "lots",
            "The throttle rate &#x27;lots&#x27; is not a number of requests per period; write "
            "e.g. &#x27;100/hour&#x27;",
        ),
        ("throttle_rate", "100/fortnight", "is not a number of requests per period"),
    ],
)
def test_bad_partner_settings_are_form_errors(admin_client, field, value, error):
    response = admin_client.post(ADD, {**GOOD, field: value, **inline_management()})

    assert response.status_code == 200
    assert error in response.content.decode()
    assert not Partner.objects.exists()


def test_changing_a_partner_checks_the_webhook_too(admin_client):
    partner = Partner.objects.create(name="Deník Test")
    url = f"/admin/partners/partner/{partner.pk}/change/"

    refused = admin_client.post(url, {**GOOD, "webhook_url": "https://192.168.1.1/"})
    saved = admin_client.post(url, {**GOOD, "throttle_rate": "5/minute", **inline_management()})

    assert "The webhook URL must resolve to a public address" in refused.content.decode()
    assert saved.status_code == 302
    partner.refresh_from_db()
    assert (partner.throttle_rate, partner.webhook_secret) == ("5/minute", "s" * 24)


def test_a_key_added_in_the_admin_is_issued_with_checked_scopes(admin_client):
    partner = Partner.objects.create(name="Deník Test")
    add = "/admin/partners/partnerapikey/add/"

    refused = admin_client.post(
        add, {"partner": partner.pk, "name": "k", "scopes": '["admin"]', "expiry_date": ""}
    )
    issued = admin_client.post(
        add,
        {"partner": partner.pk, "name": "k", "scopes": '["submit", "read"]', "expiry_date": ""},
        follow=True,
    )

    assert "Unknown or missing scopes" in refused.content.decode()
    key = PartnerAPIKey.objects.get()
    assert key.scopes == ["read", "submit"]
    assert f"The API key for Deník Test is: {key.prefix}." in issued.content.decode()


def test_a_revoked_key_stays_revoked(admin_client):
    partner = Partner.objects.create(name="Deník Test")
    key, _ = issue_key(partner=partner, scopes="read")
    url = f"/admin/partners/partnerapikey/{key.pk}/change/"

    admin_client.post(
        url, {"partner": partner.pk, "name": "k", "scopes": '["read"]', "revoked": "on"}
    )

    key.refresh_from_db()
    assert key.revoked is True
