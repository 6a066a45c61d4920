"""Webhooks: who gets which event, the signature, retries with backoff, and idempotency."""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import hmac
import json
import time
from pathlib import Path

import pytest

from claims.models import ClaimEvent, Rating
from claims.services.workflow import save_verdict, transition_claim
from core import outbound, taskbase
from partners.models import WebhookDelivery
from partners.services import webhooks
from partners.services.webhooks import fan_out_event
from partners.tasks import deliver_webhook_task
from tests.api.conftest import _persona


def verify_standard_webhook(
    headers: dict[str, str], body: bytes, secret: str, *, tolerance: int = 300
) -> bool:
    """A receiver written from the Standard Webhooks spec alone, not from the sender's code."""
    msg_id, timestamp = headers["webhook-id"], headers["webhook-timestamp"]
    if abs(time.time() - int(timestamp)) > tolerance:
        return False  # too old or from the future: a replay
    key = (
        base64.b64decode(secret.removeprefix("whsec_"))
        if secret.startswith("whsec_")
        else secret.encode()
    )
    content = msg_id.encode() + b"." + timestamp.encode() + b"." + body
    expected = base64.b64encode(hmac.new(key, content, hashlib.sha256).digest()).decode()
    return any(
        version == "v1" and hmac.compare_digest(signature, expected)
        for version, _, signature in (
            item.partition(",") for item in headers["webhook-signature"].split()
        )
    )


class Answer:
    def __init__(self, status: int, text: str = ""):
        self.status_code = status
        self.text = text


@pytest.fixture
def receiver(monkeypatch):
    """The partner's endpoint: records each POST and answers from a script (default 200)."""

    class Receiver:
        def __init__(self):
            self.calls: list[dict] = []
            self.script: list[object] = []

        def fetch(self, url, *, method, body, headers, max_redirects, **limits):
            assert (method, max_redirects) == ("POST", 0)
            self.calls.append({"url": url, "body": body, "headers": headers})
            answer = self.script.pop(0) if self.script else Answer(200)
            if isinstance(answer, Exception):
                raise answer
            return outbound.Response(url, answer.status_code, {}, answer.text.encode())

    fake = Receiver()
    monkeypatch.setattr(outbound, "fetch", fake.fetch)
    return fake


@pytest.fixture
def subscribers(partner_a, partner_b):
    """partner_a has a webhook; partner_b has none; an inactive partner has one but is off."""
    inactive = _persona(
        "Closed Gazette",
        webhook_url="https://hooks.closed.test/",
        webhook_secret="closed-secret-0123456789",
    )
    inactive.partner.is_active = False
    inactive.partner.save()
    return partner_a


def _publish(desktop, django_capture_on_commit_callbacks, **kw):
    claim = desktop.research(desktop.claim(**kw))
    with django_capture_on_commit_callbacks(execute=True):
        return transition_claim(
            claim_id=claim.pk, name="publish", user=desktop.reviewer, verdict_version=1
        )


def test_publishing_posts_one_signed_delivery_to_each_subscribed_partner(
    desktop, subscribers, receiver, django_capture_on_commit_callbacks
):
    claim = _publish(desktop, django_capture_on_commit_callbacks)

    [call] = receiver.calls
    delivery = WebhookDelivery.objects.get()
    assert call["url"] == "https://hooks.partner-a.test/factcheck"
    assert verify_standard_webhook(call["headers"], call["body"], "partner-a-secret-0123456789")
    assert call["headers"]["webhook-signature"].startswith("v1,")
    assert abs(int(call["headers"]["webhook-timestamp"]) - time.time()) < 60
    assert call["headers"]["webhook-id"] == str(delivery.delivery_id)
    assert call["headers"]["X-Factcheck-Event"] == "claim.published"
    payload = json.loads(call["body"])
    assert payload["event"] == "claim.published"
    assert payload["claim"]["id"] == claim.pk
    assert payload["claim"]["url"] == f"http://127.0.0.1:8000/api/v1/claims/{claim.pk}/"
    assert payload["claim"]["verdict"]["alternate_name"] == "False"
    assert "INTERNAL-NOTE" not in call["body"].decode()
    assert (delivery.partner, delivery.status, delivery.attempts, delivery.last_status_code) == (
        subscribers.partner,
        "delivered",
        1,
        200,
    )


def test_the_readme_verification_snippet_accepts_a_delivery_and_refuses_a_tampered_one(
    desktop, subscribers, receiver, django_capture_on_commit_callbacks
):
    readme = (Path(__file__).resolve().parents[2] / "README.md").read_text()
    code = readme.split("```python\nimport base64, hashlib, hmac, time\n", 1)[1].split("```")[0]
    namespace: dict = {}
    exec("import base64, hashlib, hmac, time\n" + code, namespace)
    verify = namespace["verify_webhook"]
    _publish(desktop, django_capture_on_commit_callbacks)
    [call] = receiver.calls

    assert verify(call["headers"], call["body"], "partner-a-secret-0123456789")
    assert not verify(call["headers"], call["body"] + b" ", "partner-a-secret-0123456789")


def test_a_tampered_body_fails_verification(
    desktop, subscribers, receiver, django_capture_on_commit_callbacks
):
    _publish(desktop, django_capture_on_commit_callbacks)
    [call] = receiver.calls

    tampered = call["body"].replace(b"False", b"True")

    assert not verify_standard_webhook(call["headers"], tampered, "partner-a-secret-0123456789")
    assert not verify_standard_webhook(call["headers"], call["body"], "another-secret-000000000")


def test_a_replayed_delivery_is_refused_by_its_timestamp(
    desktop, subscribers, receiver, django_capture_on_commit_callbacks
):
    _publish(desktop, django_capture_on_commit_callbacks)
    [call] = receiver.calls
    secret = "partner-a-secret-0123456789"
    captured_long_ago = {**call["headers"], "webhook-timestamp": str(int(time.time()) - 3600)}
    restamped = {**call["headers"], "webhook-timestamp": str(int(time.time()) + 1)}

    # Replayed as captured: too old. With a fresh timestamp: the signature no longer matches.
    assert not verify_standard_webhook(captured_long_ago, call["body"], secret)
    assert not verify_standard_webhook(restamped, call["body"], secret)


def test_a_whsec_secret_signs_with_its_decoded_bytes(
    desktop, subscribers, receiver, django_capture_on_commit_callbacks
):
    secret = "whsec_" + base64.b64encode(b"32 random bytes from the partner").decode()
    subscribers.partner.webhook_secret = secret
    subscribers.partner.save()

    _publish(desktop, django_capture_on_commit_callbacks)

    [call] = receiver.calls
    assert verify_standard_webhook(call["headers"], call["body"], secret)
    assert not verify_standard_webhook(call["headers"], call["body"], secret.encode().decode()[6:])


def test_failed_attempts_are_retried_with_backoff_then_delivered(
    desktop, subscribers, receiver, django_capture_on_commit_callbacks, monkeypatch
):
    nominal: list[float] = []
    monkeypatch.setattr(
        taskbase,
        "backoff_seconds",
        lambda n, base, cap: nominal.append(min(cap, base * 2**n)) or 0,
    )
    receiver.script = [Answer(500, "down"), outbound.ConnectFailed("reset"), Answer(204)]

    _publish(desktop, django_capture_on_commit_callbacks)

    delivery = WebhookDelivery.objects.get()
    assert len(receiver.calls) == 3
    assert nominal == [60, 120]  # exponential: 1, 2, 4 … minutes (before jitter)
    assert {c["headers"]["webhook-id"] for c in receiver.calls} == {str(delivery.delivery_id)}
    assert (delivery.status, delivery.attempts, delivery.last_status_code) == (
        "delivered",
        3,
        204,
    )
    assert delivery.last_error == ""


def test_a_partner_that_never_answers_ends_as_failed_with_the_last_error(
    desktop, subscribers, receiver, django_capture_on_commit_callbacks, monkeypatch
):
    monkeypatch.setattr(taskbase, "backoff_seconds", lambda n, base, cap: 0)
    receiver.script = [Answer(503, "maintenance")] * 40

    _publish(desktop, django_capture_on_commit_callbacks)

    delivery = WebhookDelivery.objects.get()
    assert len(receiver.calls) == webhooks.MAX_RETRIES + 1
    assert (delivery.status, delivery.attempts, delivery.last_status_code) == (
        "failed",
        webhooks.MAX_RETRIES + 1,
        503,
    )
    assert delivery.last_error == "HTTP 503: maintenance"


def test_webhook_retries_grow_exponentially_with_jitter_up_to_the_countdown_cap(settings):
    cap = settings.TASK_RETRY_COUNTDOWN_MAX
    task = deliver_webhook_task
    waits = [task.countdown(n) for n in range(webhooks.MAX_RETRIES)]

    for n, wait in enumerate(waits):
        nominal = min(cap, 60 * 2**n)
        assert nominal / 2 <= wait <= nominal
    # Below the visibility timeout: a waiting retry is never handed to a second worker.
    assert max(waits) + settings.CELERY_TASK_TIME_LIMIT < settings.BROKER_VISIBILITY_TIMEOUT
    # And the chain still spans hours, for a partner's endpoint that is down for a while.
    total = taskbase.min_total_wait(max_retries=webhooks.MAX_RETRIES, base=60, cap=cap)
    assert total > 2.5 * 3600


def test_fan_out_is_idempotent_and_delivered_is_not_resent(
    desktop, subscribers, receiver, django_capture_on_commit_callbacks
):
    claim = _publish(desktop, django_capture_on_commit_callbacks)
    event = claim.events.get(is_public=True)

    with django_capture_on_commit_callbacks(execute=True):
        created = fan_out_event(event_id=event.pk)
    result = deliver_webhook_task.delay(delivery_id=WebhookDelivery.objects.get().pk).get()

    assert created == 0
    assert result == "delivered"
    assert WebhookDelivery.objects.count() == 1
    assert len(receiver.calls) == 1


def test_internal_events_send_nothing(
    desktop, subscribers, receiver, django_capture_on_commit_callbacks
):
    claim = desktop.claim()
    with django_capture_on_commit_callbacks(execute=True):
        transition_claim(claim_id=claim.pk, name="triage", user=desktop.editor)

    assert receiver.calls == []
    assert not WebhookDelivery.objects.exists()


def test_correction_and_retraction_are_sent(
    desktop, subscribers, receiver, django_capture_on_commit_callbacks
):
    claim = _publish(desktop, django_capture_on_commit_callbacks)
    with django_capture_on_commit_callbacks(execute=True):
        transition_claim(
            claim_id=claim.pk, name="correct", user=desktop.reviewer, note="Nová data."
        )
    # The corrected verdict, published outside the capture: its webhook is not run here.
    save_verdict(
        claim_id=claim.pk,
        user=desktop.editor,
        rating=Rating.objects.get(label="Zavádějící"),
        summary="Opraveno.",
        as_of=dt.date(2024, 7, 1),
    )
    transition_claim(claim_id=claim.pk, name="submit", user=desktop.editor)
    transition_claim(claim_id=claim.pk, name="publish", user=desktop.reviewer, verdict_version=2)
    with django_capture_on_commit_callbacks(execute=True):
        transition_claim(claim_id=claim.pk, name="retract", user=desktop.reviewer, note="Chyba.")

    events = [json.loads(c["body"])["event"] for c in receiver.calls]
    assert events == ["claim.published", "claim.correction", "claim.retracted"]
    retraction = json.loads(receiver.calls[-1]["body"])
    assert retraction["note"] == "Chyba."
    assert retraction["claim"]["verdict"] is None


def test_unpublished_claim_of_another_partner_is_never_sent(desktop, partner_b, subscribers):
    claim = desktop.claim(partner=partner_b.partner)
    event = ClaimEvent.objects.create(
        claim=claim, kind=ClaimEvent.Kind.CORRECTION, is_public=True, note="odd"
    )

    assert fan_out_event(event_id=event.pk) == 0


def test_partner_registers_its_webhook(partner_b, fake_dns):
    fake_dns.names["hooks.b.test"] = ["93.184.216.34"]
    response = partner_b.client.put(
        "/api/v1/partner/webhook",
        {"url": "https://hooks.b.test/in", "secret": "b-secret-0123456789abc"},
        format="json",
    )

    assert response.status_code == 200
    assert response.json() == {"url": "https://hooks.b.test/in", "secret_set": True}
    partner_b.partner.refresh_from_db()
    assert partner_b.partner.webhook_secret == "b-secret-0123456789abc"
    assert partner_b.client.get("/api/v1/partner/webhook").json() == response.json()


@pytest.mark.parametrize(
    ("url", "secret", "field"),
    [
        ("https://hooks.b.test/in", "short", "secret"),
        ("https://hooks.b.test/in", "whsec_not base64 at all!!", "secret"),
        ("https://hooks.b.test/in", "whsec_c2hvcnQga2V5IDEyMzQ=", "secret"),
        ("", "b-secret-0123456789abc", "url"),
        (42, "b-secret-0123456789abc", "url"),
        ("http://hooks.b.test/in", "b-secret-0123456789abc", "url"),
        ("https://10.0.0.7/in", "b-secret-0123456789abc", "url"),
        ("https://localhost:8112/hook", "b-secret-0123456789abc", "url"),
        ("https://127.0.0.1.nip.io/hook", "b-secret-0123456789abc", "url"),
        ("https://[::ffff:127.0.0.1]/hook", "b-secret-0123456789abc", "url"),
        ("https://unresolvable.test/hook", "b-secret-0123456789abc", "url"),
        ("ftp://hooks.b.test/in", "b-secret-0123456789abc", "url"),
    ],
)
def test_webhook_registration_refuses_bad_input(partner_b, fake_dns, url, secret, field):
    fake_dns.names["hooks.b.test"] = ["93.184.216.34"]
    fake_dns.names["127.0.0.1.nip.io"] = ["127.0.0.1"]
    response = partner_b.client.put(
        "/api/v1/partner/webhook", {"url": url, "secret": secret}, format="json"
    )

    assert response.status_code == 400
    assert list(response.json()["error"]["fields"]) == [field]


def test_partner_removes_its_webhook(partner_a):
    response = partner_a.client.delete("/api/v1/partner/webhook")

    assert response.json() == {"url": "", "secret_set": False}
    partner_a.partner.refresh_from_db()
    assert (partner_a.partner.webhook_url, partner_a.partner.webhook_secret) == ("", "")


def test_staff_session_has_no_partner_webhook(staff_client):
    assert staff_client.get("/api/v1/partner/webhook").status_code == 403


def test_a_delivery_reaches_a_real_receiver(
    desktop, subscribers, local_server, settings, django_capture_on_commit_callbacks
):
    settings.OUTBOUND_ALLOWED_HOSTS = ["127.0.0.1"]
    local_server.route("/hook", status=204)
    subscribers.partner.webhook_url = local_server.url("/hook")
    subscribers.partner.save()

    _publish(desktop, django_capture_on_commit_callbacks)

    [seen] = local_server.requests
    assert (seen.method, seen.path) == ("POST", "/hook")
    assert json.loads(seen.body)["event"] == "claim.published"
    assert WebhookDelivery.objects.get().status == "delivered"


def test_a_webhook_whose_name_now_resolves_inside_is_never_called(
    desktop, subscribers, local_server, fake_dns, django_capture_on_commit_callbacks
):
    # Registered while its name was public; now its DNS answers a loopback address.
    fake_dns.names["hooks.partner-a.test"] = ["127.0.0.1"]
    subscribers.partner.webhook_url = local_server.url("/hook", host="hooks.partner-a.test")
    subscribers.partner.save()

    _publish(desktop, django_capture_on_commit_callbacks)

    delivery = WebhookDelivery.objects.get()
    assert local_server.connections == []
    assert delivery.last_error.startswith(
        "RefusedURL: 'hooks.partner-a.test' resolves to 127.0.0.1"
    )
    assert delivery.status in {"pending", "failed"}
