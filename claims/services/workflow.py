"""The editorial workflow: every change of a claim's status goes through `transition_claim`.

`TRANSITIONS` is the whole workflow; the diagram in docs/architecture.md is generated from it
(`manage.py workflow_diagram --write`).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.contrib.auth.models import AnonymousUser
from django.contrib.auth.models import User as StaffUser
from django.db import transaction
from django.db.models import F
from django.utils import timezone

from claims.errors import GuardFailed, NotPermitted, StaleVersion, TransitionNotAllowed
from claims.models import (
    VERDICT_DRAFT_STATUSES,
    Attribution,
    Claim,
    ClaimEvent,
    Rating,
    Verdict,
)
from claims.services import verdicts
from claims.services.desks import default_desk
from claims.services.outbox import record_event
from claims.services.verdicts import draft_verdict, save_with_history
from claims.services.verdicts import verdict_authors as verdict_authors

S = Claim.Status

User = StaffUser | AnonymousUser


@dataclass(frozen=True)
class Transition:
    name: str
    sources: tuple[str, ...]
    target: str
    permission: str
    label: str
    note_required: bool = False
    event_kind: str = ClaimEvent.Kind.TRANSITION
    public: bool = False
    # False for an edge taken as a consequence of another action (a verdict changed in
    # review), never offered as a button.
    offered: bool = True


TRANSITIONS: dict[str, Transition] = {
    t.name: t
    for t in (
        Transition("triage", (S.NEW,), S.TRIAGED, "claims.triage_claim", "Triage"),
        Transition(
            "dismiss",
            (S.NEW, S.TRIAGED, S.RESEARCHING),
            S.DISMISSED,
            "claims.triage_claim",
            "Dismiss",
            note_required=True,
        ),
        Transition(
            "research", (S.TRIAGED,), S.RESEARCHING, "claims.research_claim", "Start research"
        ),
        Transition("reopen", (S.DISMISSED,), S.TRIAGED, "claims.triage_claim", "Reopen"),
        Transition(
            "submit", (S.RESEARCHING,), S.IN_REVIEW, "claims.research_claim", "Submit for review"
        ),
        Transition(
            "request_changes",
            (S.IN_REVIEW,),
            S.RESEARCHING,
            "claims.review_claim",
            "Request changes",
            note_required=True,
        ),
        Transition(
            "revise",
            (S.IN_REVIEW,),
            S.RESEARCHING,
            "claims.research_claim",
            "Change the verdict in review",
            note_required=True,
            offered=False,
        ),
        Transition(
            "publish", (S.IN_REVIEW,), S.PUBLISHED, "claims.review_claim", "Publish", public=True
        ),
        # An editor may reopen a published claim for correction (the issue-11 persona does);
        # publishing the corrected verdict still needs a reviewer who wrote none of it.
        Transition(
            "correct",
            (S.PUBLISHED,),
            S.RESEARCHING,
            "claims.research_claim",
            "Start a correction",
            note_required=True,
            event_kind=ClaimEvent.Kind.CORRECTION,
            public=True,
        ),
        Transition(
            "retract",
            (S.PUBLISHED,),
            S.DISMISSED,
            "claims.review_claim",
            "Retract",
            note_required=True,
            event_kind=ClaimEvent.Kind.RETRACTION,
            public=True,
        ),
    )
}


def transitions_from(status: str) -> list[Transition]:
    return [t for t in TRANSITIONS.values() if status in t.sources]


def available_transitions(*, claim: Claim, user: User) -> list[Transition]:
    """The transitions this user may take from the claim's current status (for buttons).

    Publish is not offered to anybody who wrote a version of the draft (four eyes).
    """
    offered = [
        t for t in transitions_from(claim.status) if t.offered and user.has_perm(t.permission)
    ]
    if any(t.name == "publish" for t in offered):
        draft = draft_verdict(claim)
        if draft is not None and verdicts.authored_versions(draft, user):
            offered = [t for t in offered if t.name != "publish"]
    return offered


def _check_guards(
    *, claim: Claim, transition: Transition, user: User, verdict_version: int | None
) -> Verdict | None:
    if transition.name == "submit" and draft_verdict(claim) is None:
        raise GuardFailed(
            "Write a draft verdict (rating and summary) before submitting for review."
        )
    if transition.name != "publish":
        return None
    verdict = draft_verdict(claim)
    if verdict is None:
        raise GuardFailed("Publishing needs a draft verdict with a rating; none is written.")
    if not claim.sources.exists():
        raise GuardFailed("Publishing needs at least one linked evidence source.")
    verdicts.check_publishable(verdict=verdict, user=user, seen_version=verdict_version)
    return verdict


def transition_claim(
    *,
    claim_id: int,
    name: str,
    user: User,
    note: str = "",
    expected_status: str | None = None,
    verdict_version: int | None = None,
) -> Claim:
    """Move a claim along one workflow edge.

    - checks the edge exists from the current status, the user's permission, the note and guards
    - publishing needs `verdict_version`, the version of the draft the reviewer read: a verdict
      changed since is refused (StaleVersion), and so is a reviewer who wrote any version
    - writes with a conditional UPDATE on the status it read: of two concurrent moves one wins,
      the other gets TransitionNotAllowed naming who moved it
    - publishing stamps the verdict (reviewer, published_at, published_version) and sets
      `claim.published_verdict`; retracting clears it; a correction keeps it visible until the
      new verdict is published and starts a new draft copied from it
    - appends a ClaimEvent and schedules `claims.tasks.dispatch_claim_event` after commit
    """
    transition = TRANSITIONS.get(name)
    if transition is None:
        raise TransitionNotAllowed(f"Unknown transition {name!r}; known: {', '.join(TRANSITIONS)}.")
    with transaction.atomic():
        claim = Claim.objects.get(pk=claim_id)
        if expected_status and claim.status != expected_status:
            raise TransitionNotAllowed(
                f"The claim was moved to {claim.get_status_display()} meanwhile"
                f"{_moved_by(claim)}; reload it and try again."
            )
        _move(
            claim=claim,
            transition=transition,
            user=user,
            note=note,
            verdict_version=verdict_version,
        )
    claim.refresh_from_db()
    return claim


def _move(
    *,
    claim: Claim,
    transition: Transition,
    user: User,
    note: str,
    verdict_version: int | None = None,
) -> None:
    status = claim.status
    if status not in transition.sources:
        raise TransitionNotAllowed(
            f"Cannot {transition.label.lower()} a claim that is {claim.get_status_display()}."
        )
    if not user.has_perm(transition.permission):
        raise NotPermitted(
            f"You may not {transition.label.lower()} claims (needs {transition.permission})."
        )
    note = note.strip()
    if transition.note_required and not note:
        raise GuardFailed(
            f"{transition.label} needs a note saying why.", fields={"note": ["required"]}
        )
    verdict = _check_guards(
        claim=claim, transition=transition, user=user, verdict_version=verdict_version
    )

    now = timezone.now()
    changes: dict[str, object] = {
        "status": transition.target,
        "status_changed_at": now,
        "flagged_overdue": False,
        "version": F("version") + 1,
    }
    if verdict is not None:
        changes["published_verdict"] = verdict
    if transition.name == "retract":
        changes["published_verdict"] = None
    won = Claim.objects.filter(pk=claim.pk, status=status).update(**changes)
    if not won:
        claim.refresh_from_db()
        raise TransitionNotAllowed(
            f"The claim was moved to {claim.get_status_display()} meanwhile{_moved_by(claim)}; "
            "reload it and try again."
        )
    if verdict is not None:
        verdicts.stamp_published(verdict=verdict, user=user, now=now)  # type: ignore[arg-type]
        note = " ".join(filter(None, (note, verdicts.publication_note(verdict))))
    claim.refresh_from_db()
    save_with_history(claim, user)
    if transition.name == "correct" and claim.published_verdict is not None:
        verdicts.copy_for_correction(published=claim.published_verdict)
    record_event(
        claim=claim,
        kind=transition.event_kind,
        from_status=status,
        to_status=transition.target,
        user=user,
        note=note,
        is_public=transition.public,
    )


def _moved_by(claim: Claim) -> str:
    event = (
        claim.events.filter(
            kind__in=[
                ClaimEvent.Kind.TRANSITION,
                ClaimEvent.Kind.CORRECTION,
                ClaimEvent.Kind.RETRACTION,
            ]
        )
        .select_related("user")
        .last()
    )
    if event is None or event.user is None:
        return ""
    return f" by {event.user.get_username()} at {timezone.localtime(event.created_at):%H:%M}"


def assign_claim(*, claim_id: int, assignee: StaffUser | None, user: User) -> Claim:
    """Give a claim to an editor (or nobody); recorded as an event that notifies the assignee."""
    if not user.has_perm("claims.triage_claim"):
        raise NotPermitted("You may not assign claims (needs claims.triage_claim).")
    with transaction.atomic():
        claim = Claim.objects.select_for_update().get(pk=claim_id)
        if claim.assignee_id == (assignee.pk if assignee else None):
            return claim
        Claim.objects.filter(pk=claim_id).update(assignee=assignee, version=F("version") + 1)
        _record_assignment(claim=claim, assignee=assignee, user=user)
    claim.refresh_from_db()
    return claim


def _record_assignment(*, claim: Claim, assignee: StaffUser | None, user: User) -> None:
    record_event(
        claim=claim,
        kind=ClaimEvent.Kind.ASSIGNED,
        from_status=claim.status,
        to_status=claim.status,
        user=user,
        note=f"Assigned to {assignee.get_username()}" if assignee else "Unassigned",
    )


def update_claim(*, claim_id: int, expected_version: int, user: User, **fields: object) -> Claim:
    """Save an editor's change to a claim unless somebody saved it since it was loaded.

    - marks the claim `edited_by_editor`, so re-extraction keeps it
    - raises StaleVersion naming who saved it meanwhile
    """
    allowed = {"text", "normalized_text", "kind", "checkworthiness", "cluster", "assignee"}
    unknown = set(fields) - allowed
    if unknown:
        raise ValueError(f"update_claim cannot change {sorted(unknown)}")
    if not user.has_perm("claims.change_claim"):
        raise NotPermitted("You may not edit claims (needs claims.change_claim).")
    with transaction.atomic():
        updated = Claim.objects.filter(pk=claim_id, version=expected_version).update(
            version=F("version") + 1
        )
        claim = Claim.objects.get(pk=claim_id)
        if not updated:
            raise StaleVersion(verdicts.stale_message(claim, expected_version))
        assignee_before = claim.assignee_id
        for field, value in fields.items():
            setattr(claim, field, value)
        claim.edited_by_editor = True
        save_with_history(claim, user)
        if "assignee" in fields and claim.assignee_id != assignee_before:
            # The Assignee field is an assignment like `assign_claim`: it shows in the claim's
            # history and notifies the new assignee.
            _record_assignment(claim=claim, assignee=claim.assignee, user=user)
    return claim


def save_editor_attributions(
    *, claim_id: int, changed: list[Attribution], deleted: list[Attribution], user: User
) -> None:
    """Store an editor's corrections of who said what.

    - changed and new attributions become editor-made; deleted ones go
    - the claim is marked `edited_by_editor`, so re-extraction keeps it and its attributions
    """
    if not changed and not deleted:
        return
    if not user.has_perm("claims.change_attribution"):
        raise NotPermitted("You may not edit attributions (needs claims.change_attribution).")
    with transaction.atomic():
        for attribution in changed:
            attribution.claim_id = claim_id
            attribution.origin = Claim.Origin.EDITOR
            attribution.save()
        for attribution in deleted:
            attribution.delete()
        Claim.objects.filter(pk=claim_id).update(edited_by_editor=True)


_NO_VERDICTS = "You may not write verdicts (needs claims.research_claim)."


def _verdict_writer(user: User) -> StaffUser | None:
    """The user, when they may write verdicts (claims.research_claim)."""
    return user if isinstance(user, StaffUser) and user.has_perm("claims.research_claim") else None


def verdict_blocker(*, claim: Claim, user: User) -> str | None:
    """Why `save_verdict` would refuse to draft a verdict on the claim now, None if it would
    not: the claim page asks before it offers another appearance's verdict (an offer on a new
    claim ended in an error)."""
    if _verdict_writer(user) is None:
        return _NO_VERDICTS
    if claim.status not in VERDICT_DRAFT_STATUSES:
        return _not_draftable(claim)
    return None


def _not_draftable(claim: Claim) -> str:
    """The refusal, with the step that leads to a status where a verdict can be drafted."""
    steps = [
        t.label
        for t in transitions_from(claim.status)
        if t.offered and t.target in VERDICT_DRAFT_STATUSES
    ]
    then = f" {' or '.join(steps)} it first." if steps else ""
    return (
        f"A verdict can be drafted while the claim is triaged, researching or in review; it is "
        f"{claim.get_status_display()}.{then}"
    )


def save_verdict(
    *,
    claim_id: int,
    user: User,
    rating: Rating,
    summary: str,
    explanation: str = "",
    as_of: dt.date | None = None,
    review_by: dt.date | None = None,
    expected_version: int | None = None,
) -> Verdict:
    """Create the claim's draft verdict or save a new version of it (a correction's draft is
    copied from the published verdict when the correction starts).

    - needs claims.research_claim; only while the claim is triaged, researching or in review
    - `expected_version` guards a stale edit of an existing draft (StaleVersion)
    - every change is kept as a VerdictVersion with its author
    - a submitted verdict is frozen: a change while the claim is in review sends the claim back
      to researching (the `revise` edge) with an event saying who changed what
    """
    writer = _verdict_writer(user)
    if writer is None:
        raise NotPermitted(_NO_VERDICTS)
    if not summary.strip():
        raise GuardFailed("A verdict needs a summary.", fields={"summary": ["required"]})
    values: dict[str, object] = {
        "rating": rating,
        "summary": summary.strip(),
        "explanation": explanation,
        "as_of": as_of or timezone.localdate(),
        "review_by": review_by,
    }
    with transaction.atomic():
        # The row lock orders this save against a concurrent submit or publish: either the
        # reviewer's publish sees the claim back in researching, or this save sees it published.
        claim = Claim.objects.select_for_update().get(pk=claim_id)
        if claim.status not in VERDICT_DRAFT_STATUSES:
            raise GuardFailed(_not_draftable(claim))
        desk = claim.article.desk or default_desk()
        if desk is not None and rating.scale_id != desk.rating_scale_id:
            raise GuardFailed(f"Rating {rating} is not on the desk's scale {desk.rating_scale}.")
        verdict, changes = verdicts.write_draft(
            claim=claim, user=writer, values=values, expected_version=expected_version
        )
        if changes and claim.status == S.IN_REVIEW:
            _move(
                claim=claim,
                transition=TRANSITIONS["revise"],
                user=writer,
                note=(
                    f"{writer.get_username()} changed the verdict in review ({', '.join(changes)}), "
                    f"now version {verdict.version}; it needs a new review."
                ),
            )
    return verdict
