"""Partner admin: changelists without N+1 queries, and a delivery log nobody can edit."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import User

from claims.models import ClaimEvent
from partners.models import WebhookDelivery
from partners.services.partners import issue_key
from tests.api.conftest import _persona


@pytest.fixture
def admin_client(client, db):
    admin = User.objects.create_superuser("root", "root@desk.test", "pw-root")
    client.force_login(admin)
    return client


def _deliveries(n: int, claim) -> None:
    for i in range(n):
        persona = _persona(f"Newsroom {i}")
        issue_key(partner=persona.partner, scopes="read")
        event = ClaimEvent.objects.create(claim=claim, kind="transition", is_public=True)
        WebhookDelivery.objects.create(
            partner=persona.partner, event=event, url="https://hooks.test/", payload={}
        )


# Each changelist: 1 the session, 2 its user, 3 the filtered count, 4 the total count, 5 the
# page with its foreign keys joined (list_select_related); keys and deliveries also 6 load the
# partners for their `partner` list filter. None of them grows with the number of rows.
@pytest.mark.parametrize("n", [1, 5])
@pytest.mark.parametrize(
    ("url", "queries"),
    [
        ("/admin/partners/partner/", 5),
        ("/admin/partners/partnerapikey/", 6),
        ("/admin/partners/webhookdelivery/", 6),
    ],
)
def test_changelists_do_not_grow_with_rows(
    admin_client, claim, django_assert_num_queries, n, url, queries
):
    _deliveries(n, claim)
    with django_assert_num_queries(queries):
        response = admin_client.get(url)
    assert response.status_code == 200
    assert f"Newsroom {n - 1}".encode() in response.content


def test_delivery_log_is_read_only(admin_client, claim):
    _deliveries(1, claim)
    delivery = WebhookDelivery.objects.get()

    change = admin_client.get(f"/admin/partners/webhookdelivery/{delivery.pk}/change/")
    add = admin_client.get("/admin/partners/webhookdelivery/add/")

    assert change.status_code == 200
    assert b'name="_save"' not in change.content
    assert add.status_code == 403


def test_partner_page_shows_keys_and_deliveries(admin_client, claim):
    _deliveries(1, claim)
    partner = WebhookDelivery.objects.get().partner

    response = admin_client.get(f"/admin/partners/partner/{partner.pk}/change/")

    assert response.status_code == 200
    assert (
        b"partner API keys" in response.content.lower() or b"Partner API keys" in response.content
    )
    assert b"webhook deliveries" in response.content.lower()
