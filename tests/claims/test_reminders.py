"""Periodic reminders: stuck claims are flagged, due verdicts go back to the queue, once."""

import datetime as dt

from django.utils import timezone

from claims.models import Claim, ClaimEvent
from claims.services import workflow
from claims.services.notifications import flag_stuck_claims, recheck_due_verdicts
from claims.tasks import flag_stuck_claims_task
from tests.claims.test_workflow import _to_review


def test_a_claim_stuck_past_the_desk_limit_is_flagged_once(claim):
    Claim.objects.filter(pk=claim.pk).update(
        status_changed_at=timezone.now() - dt.timedelta(days=8)
    )

    first = flag_stuck_claims_task.delay().get()
    second = flag_stuck_claims()

    assert (first, second) == (1, 0)
    assert Claim.objects.get(pk=claim.pk).flagged_overdue is True
    assert ClaimEvent.objects.filter(claim=claim, kind="flagged").count() == 1


def test_a_fresh_claim_is_not_flagged(claim):
    assert flag_stuck_claims() == 0


def test_a_published_verdict_past_review_by_is_queued_for_recheck_once(claim, editor, reviewer):
    _to_review(claim, editor)
    published = workflow.transition_claim(
        claim_id=claim.pk, name="publish", user=reviewer, verdict_version=1
    )
    published.published_verdict.review_by = dt.date(2024, 12, 31)
    published.published_verdict.save()

    before = recheck_due_verdicts(today=dt.date(2024, 12, 30))
    due = recheck_due_verdicts(today=dt.date(2025, 1, 1))
    again = recheck_due_verdicts(today=dt.date(2025, 1, 2))

    assert (before, due, again) == (0, 1, 0)
    claim.refresh_from_db()
    assert (claim.status, claim.flagged_overdue) == ("published", True)
