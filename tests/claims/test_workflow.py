"""The editorial workflow: every edge, every refusal, its history and its tasks."""

from __future__ import annotations

import datetime as dt

import pytest
from django.contrib.auth.models import User

from claims.errors import GuardFailed, NotPermitted, StaleVersion, TransitionNotAllowed
from claims.models import Claim, ClaimEvent, Rating
from claims.services import workflow
from sources.models import Source
from sources.services import attach_source


def _rating(claim: Claim, label: str = "Nepravda") -> Rating:
    return claim.article.desk.rating_scale.ratings.get(label=label)


def _to_review(claim: Claim, editor: User) -> Claim:
    """Triage, research, link a source, draft a verdict, submit — as the editor."""
    workflow.transition_claim(claim_id=claim.pk, name="triage", user=editor)
    workflow.transition_claim(claim_id=claim.pk, name="research", user=editor)
    source = Source.objects.create(url="https://stats.example.org/deficit", title="Deficit data")
    attach_source(claim_id=claim.pk, source=source, relation="refutes", user=editor)
    workflow.save_verdict(
        claim_id=claim.pk,
        user=editor,
        rating=_rating(claim),
        summary="The deficit grows.",
        as_of=dt.date(2024, 6, 20),
    )
    return workflow.transition_claim(claim_id=claim.pk, name="submit", user=editor)


def test_a_claim_walks_from_new_to_published(claim, editor, reviewer):
    _to_review(claim, editor)

    published = workflow.transition_claim(
        claim_id=claim.pk, name="publish", user=reviewer, verdict_version=1
    )

    verdict = published.published_verdict
    assert published.status == Claim.Status.PUBLISHED
    assert (verdict.author, verdict.reviewer, verdict.published_at is not None) == (
        editor,
        reviewer,
        True,
    )
    assert list(published.events.values_list("from_status", "to_status")) == [
        ("new", "triaged"),
        ("triaged", "researching"),
        ("researching", "in_review"),
        ("in_review", "published"),
    ]


def test_each_transition_schedules_its_event_task_after_commit(
    claim, editor, django_capture_on_commit_callbacks, mailoutbox
):
    claim.assignee = editor
    claim.save()

    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        workflow.transition_claim(claim_id=claim.pk, name="triage", user=editor)

    event = ClaimEvent.objects.get(claim=claim, kind="transition")
    assert len(callbacks) == 1
    assert callbacks[0].keywords == {"event_id": event.pk}
    assert event.notified_at is None


def test_a_rolled_back_transition_schedules_nothing(
    claim, editor, django_capture_on_commit_callbacks
):
    from django.db import transaction

    def triage_then_fail() -> None:
        with transaction.atomic():
            workflow.transition_claim(claim_id=claim.pk, name="triage", user=editor)
            raise RuntimeError("rollback")

    with (
        django_capture_on_commit_callbacks(execute=False) as callbacks,
        pytest.raises(RuntimeError),
    ):
        triage_then_fail()

    assert callbacks == []
    assert Claim.objects.get(pk=claim.pk).status == Claim.Status.NEW
    assert not ClaimEvent.objects.filter(claim=claim).exists()


def test_submitting_for_review_emails_the_reviewers_once(
    claim, editor, reviewer, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        _to_review(claim, editor)
    event = ClaimEvent.objects.get(claim=claim, to_status="in_review")
    from claims.services.notifications import notify_event

    again = notify_event(event_id=event.pk)

    review_mails = [m for m in mailoutbox if "In review" in m.subject]
    assert [m.to for m in review_mails] == [["reviewer@desk.test"]]
    assert again == 0


def test_the_verdict_author_cannot_publish_it(claim, reviewer):
    _to_review(claim, reviewer)

    with pytest.raises(GuardFailed, match="four eyes"):
        workflow.transition_claim(
            claim_id=claim.pk, name="publish", user=reviewer, verdict_version=1
        )


def test_an_editor_cannot_publish(claim, editor):
    _to_review(claim, editor)

    with pytest.raises(NotPermitted, match="You may not publish claims"):
        workflow.transition_claim(claim_id=claim.pk, name="publish", user=editor, verdict_version=1)


def test_an_analyst_cannot_triage(claim, analyst):
    with pytest.raises(NotPermitted, match=r"needs claims\.triage_claim"):
        workflow.transition_claim(claim_id=claim.pk, name="triage", user=analyst)


def test_publishing_needs_a_linked_source(claim, editor, reviewer):
    workflow.transition_claim(claim_id=claim.pk, name="triage", user=editor)
    workflow.transition_claim(claim_id=claim.pk, name="research", user=editor)
    workflow.save_verdict(claim_id=claim.pk, user=editor, rating=_rating(claim), summary="x")
    workflow.transition_claim(claim_id=claim.pk, name="submit", user=editor)

    with pytest.raises(GuardFailed, match="at least one linked evidence source"):
        workflow.transition_claim(
            claim_id=claim.pk, name="publish", user=reviewer, verdict_version=1
        )


def test_submitting_needs_a_draft_verdict(claim, editor):
    workflow.transition_claim(claim_id=claim.pk, name="triage", user=editor)
    workflow.transition_claim(claim_id=claim.pk, name="research", user=editor)

    with pytest.raises(GuardFailed, match="Write a draft verdict"):
        workflow.transition_claim(claim_id=claim.pk, name="submit", user=editor)


def test_dismissing_needs_a_reason(claim, editor):
    with pytest.raises(GuardFailed, match="Dismiss needs a note saying why"):
        workflow.transition_claim(claim_id=claim.pk, name="dismiss", user=editor, note="  ")

    dismissed = workflow.transition_claim(
        claim_id=claim.pk, name="dismiss", user=editor, note="opinion, not checkable"
    )
    assert dismissed.status == Claim.Status.DISMISSED


def test_an_edge_that_does_not_start_at_the_current_status_is_refused(claim, reviewer):
    with pytest.raises(TransitionNotAllowed, match="Cannot publish a claim that is new"):
        workflow.transition_claim(
            claim_id=claim.pk, name="publish", user=reviewer, verdict_version=1
        )


def test_requesting_changes_sends_the_claim_back_with_a_note(claim, editor, reviewer):
    _to_review(claim, editor)

    with pytest.raises(GuardFailed, match="needs a note"):
        workflow.transition_claim(claim_id=claim.pk, name="request_changes", user=reviewer)
    back = workflow.transition_claim(
        claim_id=claim.pk,
        name="request_changes",
        user=reviewer,
        note="Cite the ministry's own table.",
    )

    assert back.status == Claim.Status.RESEARCHING
    assert back.events.last().note == "Cite the ministry's own table."


def test_a_correction_keeps_the_old_verdict_public_until_the_new_one_is_published(
    claim, editor, reviewer, second_reviewer
):
    _to_review(claim, editor)
    first = workflow.transition_claim(
        claim_id=claim.pk, name="publish", user=reviewer, verdict_version=1
    )
    old_verdict = first.published_verdict

    corrected = workflow.transition_claim(
        claim_id=claim.pk, name="correct", user=reviewer, note="New statistics released."
    )
    assert (corrected.status, corrected.published_verdict) == ("researching", old_verdict)
    workflow.save_verdict(
        claim_id=claim.pk,
        user=editor,
        rating=_rating(claim, "Zavádějící"),
        summary="Partly right after the revision.",
    )
    workflow.transition_claim(claim_id=claim.pk, name="submit", user=editor)
    republished = workflow.transition_claim(
        claim_id=claim.pk, name="publish", user=second_reviewer, verdict_version=2
    )

    assert republished.published_verdict.rating.label == "Zavádějící"
    assert claim.verdicts.count() == 2
    assert ClaimEvent.objects.get(claim=claim, kind="correction").is_public is True


def test_retracting_withdraws_the_published_verdict(claim, editor, reviewer):
    _to_review(claim, editor)
    workflow.transition_claim(claim_id=claim.pk, name="publish", user=reviewer, verdict_version=1)

    retracted = workflow.transition_claim(
        claim_id=claim.pk, name="retract", user=reviewer, note="Wrong claim attributed."
    )

    assert (retracted.status, retracted.published_verdict) == ("dismissed", None)


def test_of_two_concurrent_transitions_from_one_status_one_wins(claim, editor):
    stale_copy = Claim.objects.get(pk=claim.pk)
    workflow.transition_claim(claim_id=claim.pk, name="triage", user=editor)

    with pytest.raises(TransitionNotAllowed, match="moved to triaged meanwhile by editor"):
        workflow.transition_claim(
            claim_id=stale_copy.pk,
            name="dismiss",
            user=editor,
            note="dup",
            expected_status=stale_copy.status,
        )
    assert Claim.objects.get(pk=claim.pk).status == Claim.Status.TRIAGED
    assert ClaimEvent.objects.filter(claim=claim).count() == 1


def test_saving_a_stale_copy_of_a_claim_names_who_changed_it(claim, editor, reviewer):
    loaded_version = Claim.objects.get(pk=claim.pk).version
    workflow.update_claim(
        claim_id=claim.pk,
        expected_version=loaded_version,
        user=reviewer,
        normalized_text="The deficit will fall this year.",
    )

    with pytest.raises(StaleVersion, match="reviewer saved this claim meanwhile"):
        workflow.update_claim(
            claim_id=claim.pk,
            expected_version=loaded_version,
            user=editor,
            normalized_text="Something else",
        )
    assert Claim.objects.get(pk=claim.pk).normalized_text == "The deficit will fall this year."


def test_saving_a_stale_draft_verdict_is_refused(claim, editor, reviewer):
    workflow.transition_claim(claim_id=claim.pk, name="triage", user=editor)
    draft = workflow.save_verdict(
        claim_id=claim.pk, user=editor, rating=_rating(claim), summary="first"
    )
    workflow.save_verdict(
        claim_id=claim.pk,
        user=reviewer,
        rating=_rating(claim),
        summary="second",
        expected_version=draft.version,
    )

    with pytest.raises(StaleVersion, match="reviewer saved this verdict meanwhile"):
        workflow.save_verdict(
            claim_id=claim.pk,
            user=editor,
            rating=_rating(claim),
            summary="third",
            expected_version=draft.version,
        )


def test_a_rating_from_another_scale_is_refused(claim, editor):
    from claims.models import RatingScale

    other = RatingScale.objects.create(name="Other", slug="other")
    alien = Rating.objects.create(scale=other, label="Pants on fire", value=1, alternate_name="F")
    workflow.transition_claim(claim_id=claim.pk, name="triage", user=editor)

    with pytest.raises(GuardFailed, match="not on the desk's scale"):
        workflow.save_verdict(claim_id=claim.pk, user=editor, rating=alien, summary="x")


def test_available_transitions_follow_the_users_role(claim, editor, analyst, reviewer):
    _to_review(claim, editor)
    claim.refresh_from_db()

    assert [t.name for t in workflow.available_transitions(claim=claim, user=editor)] == []
    assert [t.name for t in workflow.available_transitions(claim=claim, user=analyst)] == []
    assert [t.name for t in workflow.available_transitions(claim=claim, user=reviewer)] == [
        "request_changes",
        "publish",
    ]


def test_an_editors_attribution_fix_is_kept_as_editor_work(claim, editor):
    from claims.models import Attribution

    wrong = Attribution.objects.create(claim=claim, actor_text="ministra", stance="asserts")
    fixed = Attribution(actor_text="ministra financí", stance="doubts")

    workflow.save_editor_attributions(
        claim_id=claim.pk, changed=[fixed], deleted=[wrong], user=editor
    )

    claim.refresh_from_db()
    assert list(claim.attributions.values_list("actor_text", "stance", "origin")) == [
        ("ministra financí", "doubts", "editor")
    ]
    assert claim.edited_by_editor is True


def test_an_analyst_cannot_edit_attributions(claim, analyst):
    from claims.models import Attribution

    with pytest.raises(NotPermitted, match=r"needs claims\.change_attribution"):
        workflow.save_editor_attributions(
            claim_id=claim.pk, changed=[Attribution(actor_text="x")], deleted=[], user=analyst
        )


def test_an_analyst_cannot_unlink_evidence(claim, editor, analyst):
    from sources.services import detach_source

    source = Source.objects.create(url="https://stats.example.org/x")
    link = attach_source(claim_id=claim.pk, source=source, relation="context", user=editor)

    with pytest.raises(NotPermitted, match=r"needs sources\.delete_claimsource"):
        detach_source(link=link, user=analyst)
    assert claim.sources.count() == 1
