"""Four eyes that hold: a submitted verdict is frozen, every version keeps its author, and a
reviewer publishes exactly the version they read — never one they wrote.

Personas: editor drafts and submits; reviewer and second_reviewer review and publish (a reviewer
may also edit a verdict, and then becomes one of its authors).
"""

from __future__ import annotations

import datetime as dt

import pytest
from django.contrib.auth.models import User
from django.db import IntegrityError, transaction
from django.urls import reverse

from claims.errors import GuardFailed, NotPermitted, StaleVersion
from claims.models import Claim, ClaimEvent, Rating, Verdict, VerdictVersion
from claims.services import workflow
from sources.models import Source
from sources.services import attach_source
from tests.claims.admin_forms import read_form


def _rating(claim: Claim, label: str = "Nepravda") -> Rating:
    return claim.article.desk.rating_scale.ratings.get(label=label)


def _to_review(claim: Claim, editor: User, summary: str = "The deficit grows.") -> Verdict:
    workflow.transition_claim(claim_id=claim.pk, name="triage", user=editor)
    workflow.transition_claim(claim_id=claim.pk, name="research", user=editor)
    source = Source.objects.create(url="https://stats.example.org/deficit", title="Deficit data")
    attach_source(claim_id=claim.pk, source=source, relation="refutes", user=editor)
    verdict = workflow.save_verdict(
        claim_id=claim.pk, user=editor, rating=_rating(claim), summary=summary
    )
    workflow.transition_claim(claim_id=claim.pk, name="submit", user=editor)
    return verdict


def _status(claim: Claim) -> str:
    return Claim.objects.get(pk=claim.pk).status


# --- the service ------------------------------------------------------------------------------


def test_an_authors_change_in_review_sends_the_claim_back_to_researching(claim, editor):
    _to_review(claim, editor)

    workflow.save_verdict(
        claim_id=claim.pk,
        user=editor,
        rating=_rating(claim, "Zavádějící"),
        summary="The deficit grows.",
    )

    event = ClaimEvent.objects.filter(claim=claim).last()
    assert _status(claim) == Claim.Status.RESEARCHING
    assert (event.from_status, event.to_status, event.user) == ("in_review", "researching", editor)
    assert event.note == (
        "editor changed the verdict in review (rating: Nepravda → Zavádějící), "
        "now version 2; it needs a new review."
    )


def test_saving_an_unchanged_verdict_in_review_keeps_it_in_review(claim, editor):
    verdict = _to_review(claim, editor)

    workflow.save_verdict(
        claim_id=claim.pk, user=editor, rating=verdict.rating, summary=verdict.summary
    )

    assert _status(claim) == Claim.Status.IN_REVIEW
    assert Verdict.objects.get(pk=verdict.pk).version == 1


def test_every_version_of_a_verdict_is_kept_with_its_author(claim, editor, reviewer):
    _to_review(claim, editor)
    workflow.save_verdict(
        claim_id=claim.pk, user=reviewer, rating=_rating(claim), summary="Grows by 2 %."
    )

    versions = VerdictVersion.objects.filter(verdict__claim=claim).order_by("number")

    assert [(v.number, v.author.username, v.summary) for v in versions] == [
        (1, "editor", "The deficit grows."),
        (2, "reviewer", "Grows by 2 %."),
    ]


def test_a_reviewer_who_changed_the_verdict_cannot_publish_it(
    claim, editor, reviewer, second_reviewer
):
    _to_review(claim, editor)
    workflow.save_verdict(
        claim_id=claim.pk, user=reviewer, rating=_rating(claim), summary="Grows by 2 %."
    )
    workflow.transition_claim(claim_id=claim.pk, name="submit", user=editor)

    with pytest.raises(GuardFailed, match=r"You wrote version 2 of this verdict"):
        workflow.transition_claim(
            claim_id=claim.pk, name="publish", user=reviewer, verdict_version=2
        )
    published = workflow.transition_claim(
        claim_id=claim.pk, name="publish", user=second_reviewer, verdict_version=2
    )

    verdict = published.published_verdict
    assert (verdict.reviewer, verdict.published_version) == (second_reviewer, 2)
    assert workflow.verdict_authors(verdict) == [editor, reviewer]


def test_publishing_a_version_changed_after_the_page_was_opened_is_refused(claim, editor, reviewer):
    seen = _to_review(claim, editor).version
    workflow.save_verdict(
        claim_id=claim.pk, user=editor, rating=_rating(claim), summary="Quietly rewritten."
    )
    workflow.transition_claim(claim_id=claim.pk, name="submit", user=editor)

    with pytest.raises(StaleVersion) as refused:
        workflow.transition_claim(
            claim_id=claim.pk,
            name="publish",
            user=reviewer,
            expected_status="in_review",
            verdict_version=seen,
        )

    assert refused.value.message.startswith(
        "The verdict changed after you opened it: you read version 1, it is now version 2 by editor"
    )
    assert _status(claim) == Claim.Status.IN_REVIEW
    assert Verdict.objects.get(claim=claim).published_at is None


def test_publishing_must_name_the_version_reviewed(claim, editor, reviewer):
    _to_review(claim, editor)

    with pytest.raises(GuardFailed, match="Publishing names the verdict version you reviewed"):
        workflow.transition_claim(claim_id=claim.pk, name="publish", user=reviewer)


def test_publish_is_offered_only_to_a_reviewer_who_wrote_no_version(
    claim, editor, reviewer, second_reviewer
):
    _to_review(claim, editor)
    workflow.save_verdict(claim_id=claim.pk, user=reviewer, rating=_rating(claim), summary="x")
    workflow.transition_claim(claim_id=claim.pk, name="submit", user=editor)
    claim.refresh_from_db()

    offered = {
        user.username: [t.name for t in workflow.available_transitions(claim=claim, user=user)]
        for user in (editor, reviewer, second_reviewer)
    }

    assert offered == {
        "editor": [],
        "reviewer": ["request_changes"],
        "reviewer2": ["request_changes", "publish"],
    }


def test_the_database_keeps_one_row_per_version_number(claim, editor):
    verdict = workflow.save_verdict(
        claim_id=_triaged(claim, editor), user=editor, rating=_rating(claim), summary="s"
    )

    with pytest.raises(IntegrityError, match="verdictversion"), transaction.atomic():
        VerdictVersion.objects.create(
            verdict=verdict,
            number=1,
            author=editor,
            rating=verdict.rating,
            summary="t",
            as_of=verdict.as_of,
        )


def test_the_database_refuses_a_published_verdict_that_is_not_the_reviewed_version(
    claim, editor, reviewer
):
    verdict = workflow.save_verdict(
        claim_id=_triaged(claim, editor), user=editor, rating=_rating(claim), summary="s"
    )

    with pytest.raises(IntegrityError, match="verdict_published_is_reviewed"), transaction.atomic():
        Verdict.objects.filter(pk=verdict.pk).update(
            reviewer=reviewer, published_at=dt.datetime(2024, 6, 20, tzinfo=dt.UTC)
        )


def _triaged(claim: Claim, editor: User) -> int:
    workflow.transition_claim(claim_id=claim.pk, name="triage", user=editor)
    return claim.pk


# --- corrections --------------------------------------------------------------------------------


def test_a_correction_starts_from_a_copy_of_the_published_verdict(claim, editor, reviewer):
    _to_review(claim, editor)
    workflow.transition_claim(claim_id=claim.pk, name="publish", user=reviewer, verdict_version=1)

    workflow.transition_claim(claim_id=claim.pk, name="correct", user=reviewer, note="New data.")

    draft = workflow.draft_verdict(Claim.objects.get(pk=claim.pk))
    published = Claim.objects.get(pk=claim.pk).published_verdict
    assert draft is not None
    assert draft.pk != published.pk
    assert (draft.rating, draft.summary, draft.as_of, draft.corrects) == (
        published.rating,
        published.summary,
        published.as_of,
        published,
    )
    assert [(v.number, v.author) for v in draft.versions.all()] == [(1, editor)]


# --- the admin, through the forms it renders --------------------------------------------------


def _page(client, claim: Claim) -> str:
    return client.get(reverse("admin:claims_claim_change", args=[claim.pk])).content.decode()


def test_the_publish_button_carries_the_version_on_the_page(client, claim, editor, reviewer):
    _to_review(claim, editor)
    client.force_login(reviewer)

    form = read_form(_page(client, claim), action_contains="/transition/publish/")

    assert (form["expected_status"], form["verdict_version"]) == ("in_review", "1")


def test_the_publish_button_is_hidden_from_a_reviewer_who_wrote_the_verdict(
    client, claim, reviewer
):
    _to_review(claim, reviewer)
    client.force_login(reviewer)

    page = _page(client, claim)

    assert ">Publish</button>" not in page
    assert ">Request changes</button>" in page


def test_publishing_from_a_page_opened_before_a_change_is_refused(client, claim, editor, reviewer):
    _to_review(claim, editor)
    client.force_login(reviewer)
    publish = read_form(_page(client, claim), action_contains="/transition/publish/")
    workflow.save_verdict(
        claim_id=claim.pk, user=editor, rating=_rating(claim), summary="Quietly rewritten."
    )
    workflow.transition_claim(claim_id=claim.pk, name="submit", user=editor)

    response = client.post(
        reverse("admin:claims_claim_transition", args=[claim.pk, "publish"]), publish, follow=True
    )

    assert "The verdict changed after you opened it: you read version 1" in (
        response.content.decode()
    )
    assert _status(claim) == Claim.Status.IN_REVIEW


def test_publishing_from_the_page_names_the_version_in_the_history(client, claim, editor, reviewer):
    _to_review(claim, editor)
    client.force_login(reviewer)
    publish = read_form(_page(client, claim), action_contains="/transition/publish/")

    client.post(reverse("admin:claims_claim_transition", args=[claim.pk, "publish"]), publish)

    page = _page(client, claim)
    assert _status(claim) == Claim.Status.PUBLISHED
    assert "by editor, reviewed by reviewer" in page
    assert "Published verdict version 1." in page


def test_a_reviewer_editing_the_verdict_in_review_sends_it_back(client, claim, editor, reviewer):
    _to_review(claim, editor)
    client.force_login(reviewer)
    form = read_form(_page(client, claim), form_id="claim_form")
    form["verdicts-0-summary"] = "The reviewer's own wording."

    response = client.post(reverse("admin:claims_claim_change", args=[claim.pk]), form)

    assert response.status_code == 302
    assert _status(claim) == Claim.Status.RESEARCHING
    event = ClaimEvent.objects.filter(claim=claim).last()
    assert (event.user, event.to_status) == (reviewer, "researching")
    assert "reviewer changed the verdict in review (summary)" in event.note


def test_a_verdict_form_opened_before_another_save_is_refused(client, claim, editor, reviewer):
    _triaged(claim, editor)
    workflow.save_verdict(claim_id=claim.pk, user=editor, rating=_rating(claim), summary="first")
    client.force_login(editor)
    form = read_form(_page(client, claim), form_id="claim_form")
    workflow.save_verdict(claim_id=claim.pk, user=reviewer, rating=_rating(claim), summary="second")
    form["verdicts-0-summary"] = "editor's late edit"

    response = client.post(reverse("admin:claims_claim_change", args=[claim.pk]), form, follow=True)

    assert "Reviewer saved this verdict meanwhile" in response.content.decode()
    assert Verdict.objects.get(claim=claim).summary == "second"


def test_the_editor_sees_the_old_verdict_in_a_correction_draft(client, claim, editor, reviewer):
    _to_review(claim, editor, summary="The deficit grows, says the ministry's own table.")
    workflow.transition_claim(claim_id=claim.pk, name="publish", user=reviewer, verdict_version=1)
    workflow.transition_claim(claim_id=claim.pk, name="correct", user=reviewer, note="New data.")
    client.force_login(editor)

    form = read_form(_page(client, claim), form_id="claim_form")

    assert form["verdicts-0-summary"] == "The deficit grows, says the ministry's own table."


def test_the_verdict_form_does_not_require_as_of(client, claim, editor):
    _triaged(claim, editor)
    client.force_login(editor)
    form = read_form(_page(client, claim), form_id="claim_form")
    form |= {"verdicts-0-rating": str(_rating(claim).pk), "verdicts-0-summary": "Checked."}
    form["verdicts-0-as_of"] = ""

    response = client.post(reverse("admin:claims_claim_change", args=[claim.pk]), form)

    assert response.status_code == 302
    assert Verdict.objects.get(claim=claim).as_of is not None


def test_the_verdict_page_lists_every_version_with_its_author(client, claim, editor, reviewer):
    _to_review(claim, editor)
    workflow.save_verdict(
        claim_id=claim.pk, user=reviewer, rating=_rating(claim), summary="Grows by 2 %."
    )
    client.force_login(reviewer)

    page = client.get(
        reverse("admin:claims_verdict_change", args=[Verdict.objects.get(claim=claim).pk])
    ).content.decode()

    versions = page[page.index('id="versions-group"') :]
    first, second = versions.index("The deficit grows."), versions.index("Grows by 2 %.")
    assert first < versions.index(">reviewer<", first) < second  # version 2 by the reviewer
    assert ">editor<" in versions[:first]  # version 1 by the editor


def test_an_editor_starts_a_correction_but_a_reviewer_still_publishes_it(claim, editor, reviewer):
    _to_review(claim, editor)
    workflow.transition_claim(claim_id=claim.pk, name="publish", user=reviewer, verdict_version=1)

    workflow.transition_claim(claim_id=claim.pk, name="correct", user=editor, note="New data.")

    assert _status(claim) == Claim.Status.RESEARCHING
    workflow.transition_claim(claim_id=claim.pk, name="submit", user=editor)
    with pytest.raises(NotPermitted):
        workflow.transition_claim(claim_id=claim.pk, name="publish", user=editor, verdict_version=1)
    assert _status(claim) == Claim.Status.IN_REVIEW
