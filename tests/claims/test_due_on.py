"""When a claim is due: the claim list's "due" column and the re-check reminder share this rule."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from claims.models import Claim, Verdict


def test_an_open_claim_is_due_when_the_desk_limit_for_its_state_runs_out(claim, desk):
    desk.state_limit_days = 3
    desk.save()
    changed = timezone.make_aware(dt.datetime(2024, 6, 20, 10, 0))
    Claim.objects.filter(pk=claim.pk).update(status_changed_at=changed)

    assert Claim.objects.get(pk=claim.pk).due_on == dt.date(2024, 6, 23)


def test_a_published_verdict_is_due_on_its_review_date_else_after_the_recheck_period(
    claim, desk, editor, reviewer, rating_scale
):
    published = timezone.make_aware(dt.datetime(2024, 6, 20, 10, 0))
    verdict = Verdict.objects.create(
        claim=claim,
        rating=rating_scale.ratings.first(),
        summary="s",
        as_of=dt.date(2024, 6, 19),
        author=editor,
        reviewer=reviewer,
        published_at=published,
        published_version=1,
    )
    Claim.objects.filter(pk=claim.pk).update(status="published", published_verdict=verdict)

    assert Claim.objects.get(pk=claim.pk).due_on == dt.date(2024, 6, 20) + dt.timedelta(
        days=desk.recheck_after_days
    )
    Verdict.objects.filter(pk=verdict.pk).update(review_by=dt.date(2024, 9, 1))
    assert Claim.objects.get(pk=claim.pk).due_on == dt.date(2024, 9, 1)


def test_a_dismissed_claim_is_never_due(claim):
    Claim.objects.filter(pk=claim.pk).update(status="dismissed")

    assert Claim.objects.get(pk=claim.pk).due_on is None
