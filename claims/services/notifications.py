"""E-mail notifications from the ClaimEvent outbox, and the periodic reminders."""

from __future__ import annotations

import datetime as dt
import logging

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import send_mail
from django.db import transaction
from django.db.models import Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.text import capfirst

from claims.models import OPEN_CLAIM_STATUSES, Claim, ClaimEvent, ClaimStatus
from claims.services.outbox import record_event

logger = logging.getLogger(__name__)

OPEN_STATUSES = OPEN_CLAIM_STATUSES


def recipients_for(event: ClaimEvent) -> list[str]:
    """Who hears of an event: reviewers for review work, otherwise the assignee and author."""
    User = get_user_model()
    claim = event.claim
    emails: set[str] = set()
    if event.to_status == Claim.Status.IN_REVIEW or event.kind == ClaimEvent.Kind.RECHECK:
        emails.update(
            User.objects.filter(groups__name="reviewer", is_active=True)
            .exclude(email="")
            .values_list("email", flat=True)
        )
    if claim.assignee and claim.assignee.email:
        emails.add(claim.assignee.email)
    if event.to_status in {Claim.Status.PUBLISHED, Claim.Status.RESEARCHING}:
        author_emails = claim.verdicts.exclude(author__email="").values_list(
            "author__email", flat=True
        )
        emails.update(author_emails)
    if event.user is not None and event.user.email:
        emails.discard(event.user.email)  # nobody needs an e-mail about what they just did
    return sorted(emails)


def claim_admin_url(claim_id: int) -> str:
    """The claim's page in the admin, absolute: an e-mail is read outside the site."""
    path = reverse("admin:claims_claim_change", args=[claim_id])
    return f"{settings.FACTCHECK_SITE_URL.rstrip('/')}{path}"


def status_label(status: str) -> str:
    """The label editors read in the admin ("In review"), not the stored code."""
    return capfirst(ClaimStatus(status).label) if status in ClaimStatus.values else status


def render_event_email(event: ClaimEvent) -> tuple[str, str]:
    """The subject line and plain-text body of the e-mail about one event."""
    context = {
        "event": event,
        "claim": event.claim,
        "who": event.user.get_username() if event.user else "The system",
        "kind": event.get_kind_display(),
        "from_label": status_label(event.from_status),
        "to_label": status_label(event.to_status),
        "claim_url": claim_admin_url(event.claim_id),
    }
    # A header holds one line; a newline from a template must not break it.
    subject = " ".join(render_to_string("emails/claim_event_subject.txt", context).split())
    return subject, render_to_string("emails/claim_event.txt", context)


def notify_event(*, event_id: int) -> int:
    """Send the e-mail for one ClaimEvent at most once; returns the number of recipients.

    - claim-then-act: marks the event notified with a conditional UPDATE before sending, so two
      workers cannot both send; a failed send clears the mark again and re-raises for a retry
    - the mark is also the outbox's "dispatched": it is the last step of the dispatch
    """
    now = timezone.now()
    if not ClaimEvent.objects.filter(pk=event_id, notified_at__isnull=True).update(notified_at=now):
        return 0
    event = ClaimEvent.objects.select_related("claim__assignee", "user").get(pk=event_id)
    to = recipients_for(event)
    if not to:
        return 0
    subject, body = render_event_email(event)
    try:
        send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, to)
    except Exception:
        ClaimEvent.objects.filter(pk=event_id, notified_at=now).update(notified_at=None)
        raise
    return len(to)


def flag_stuck_claims(*, now: dt.datetime | None = None) -> int:
    """Flag open claims that stayed in one state longer than their desk allows; returns how many.

    - idempotent: already flagged claims are skipped; each flag writes a FLAGGED event
    """
    now = now or timezone.now()
    flagged = 0
    candidates = Claim.objects.filter(
        status__in=OPEN_STATUSES, flagged_overdue=False
    ).select_related("article__desk")
    for claim in candidates.iterator():
        desk = claim.article.desk
        limit = dt.timedelta(days=desk.state_limit_days if desk else 7)
        if claim.status_changed_at > now - limit:
            continue
        with transaction.atomic():
            if Claim.objects.filter(pk=claim.pk, flagged_overdue=False).update(
                flagged_overdue=True
            ):
                record_event(
                    claim=claim,
                    kind=ClaimEvent.Kind.FLAGGED,
                    from_status=claim.status,
                    to_status=claim.status,
                    note=f"In {claim.get_status_display()} longer than {limit.days} days.",
                )
                flagged += 1
    return flagged


def recheck_due_verdicts(*, today: dt.date | None = None) -> int:
    """Put published claims whose verdict is due for a re-check back in the desk's queue.

    - a verdict is due on its `review_by` date, else `desk.recheck_after_days` after publishing
    - the claim stays published (readers keep the verdict) but is flagged and shows in the
      "re-check due" filter; a RECHECK event notifies the reviewers; idempotent via the flag
    """
    today = today or timezone.localdate()
    due = 0
    published = (
        Claim.objects.filter(status=Claim.Status.PUBLISHED, flagged_overdue=False)
        .filter(Q(published_verdict__isnull=False))
        .select_related("published_verdict", "article__desk")
    )
    for claim in published.iterator():
        due_on = claim.due_on
        if due_on is None or due_on > today:
            continue
        with transaction.atomic():
            if Claim.objects.filter(pk=claim.pk, flagged_overdue=False).update(
                flagged_overdue=True
            ):
                record_event(
                    claim=claim,
                    kind=ClaimEvent.Kind.RECHECK,
                    from_status=claim.status,
                    to_status=claim.status,
                    note=f"Verdict due for a re-check since {due_on}.",
                )
                due += 1
    return due
