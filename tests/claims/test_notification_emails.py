"""Notification e-mails: a link to the claim's admin page and the labels editors read."""

from __future__ import annotations

import logging

from django.core import mail
from django.core.mail import send_mail

from claims.models import ClaimEvent
from claims.services.notifications import notify_event


def test_the_email_links_to_the_claim_and_names_statuses_as_the_admin_does(
    claim, editor, reviewer, settings, mailoutbox
):
    settings.FACTCHECK_SITE_URL = "https://desk.example.org/"
    event = ClaimEvent.objects.create(
        claim=claim, user=editor, from_status="researching", to_status="in_review", note="Hotovo."
    )

    assert notify_event(event_id=event.pk) == 1

    [message] = mailoutbox
    assert message.to == ["reviewer@desk.test"]
    assert message.subject == (
        f"[factcheck] Claim {claim.pk}: transition — Researching → In review"
    )
    assert message.body == (
        f"editor — transition on claim {claim.pk} (Researching → In review):\n\n"
        f"“{claim.text}”\n\nNote: Hotovo.\n\n"
        f"Open the claim: https://desk.example.org/admin/claims/claim/{claim.pk}/change/\n"
    )
    assert "in_review" not in message.subject + message.body


def test_an_event_without_a_status_change_says_only_what_happened(
    claim, reviewer, editor, mailoutbox
):
    claim.assignee = editor
    claim.save()
    event = ClaimEvent.objects.create(
        claim=claim, user=reviewer, kind="assigned", from_status="new", to_status="new"
    )

    notify_event(event_id=event.pk)

    [message] = mailoutbox
    assert message.subject == f"[factcheck] Claim {claim.pk}: assigned"
    assert "http://127.0.0.1:8000/admin/claims/claim/" in message.body


def test_the_development_backend_logs_one_line_per_email(settings, caplog):
    settings.EMAIL_BACKEND = "core.mail.OneLineEmailBackend"
    mail.outbox = []

    with caplog.at_level(logging.INFO, logger="core.mail"):
        sent = send_mail("[factcheck] Claim 7: transition", "a\nlong\nbody", None, ["a@x", "b@y"])

    assert sent == 1
    assert caplog.messages == ["e-mail to a@x, b@y: [factcheck] Claim 7: transition"]


def test_development_logs_emails_unless_a_backend_is_configured():
    from factcheck import settings as project_settings

    assert project_settings.EMAIL_BACKEND == "core.mail.OneLineEmailBackend"
