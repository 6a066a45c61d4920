"""Verdict drafts and their versions: who wrote what, and which version a reviewer read.

Every save of a draft that changes it bumps `Verdict.version` and appends a `VerdictVersion`
with its author, so four eyes can be checked against everybody who wrote any version, not only
the person who started the draft. Status changes stay in `claims.services.workflow`, which calls
these helpers inside its transactions.
"""

from __future__ import annotations

import datetime as dt

from django.contrib.auth.models import AnonymousUser
from django.contrib.auth.models import User as StaffUser
from django.db.models import F
from django.utils import timezone

from claims.errors import GuardFailed, StaleVersion
from claims.models import Claim, Verdict, VerdictVersion

User = StaffUser | AnonymousUser

# The fields a version records; a change to any of them is a new version.
CONTENT_FIELDS = ("rating", "summary", "explanation", "as_of", "review_by")
# Shown with old and new value in the history; long texts are only named.
_SHOWN_WITH_VALUES = {"rating", "as_of", "review_by"}


def draft_verdict(claim: Claim) -> Verdict | None:
    return claim.verdicts.filter(published_at__isnull=True).select_related("rating").first()


def verdict_authors(verdict: Verdict) -> list[StaffUser]:
    """Everybody who wrote a version, in the order they first did."""
    authors: dict[int, StaffUser] = {}
    for version in verdict.versions.all():  # ordered by number; prefetch-friendly
        authors.setdefault(version.author_id, version.author)
    return list(authors.values())


def save_with_history(obj: Claim | Verdict, user: User) -> None:
    """Save after winning the conditional UPDATE, so simple-history records who changed what."""
    obj._history_user = user if user.is_authenticated else None  # type: ignore[union-attr]
    obj.save()


def stale_message(obj: Claim | Verdict, expected_version: int) -> str:
    record = obj.history.select_related("history_user").first()  # type: ignore[attr-defined]
    who = record.history_user.get_username() if record and record.history_user else "somebody"
    when = f" at {timezone.localtime(record.history_date):%Y-%m-%d %H:%M}" if record else ""
    return (
        f"{who} saved this {obj._meta.verbose_name} meanwhile{when} (version {obj.version}, "
        f"you edited version {expected_version}). Reload it, reapply your change and save again."
    )


def describe_changes(verdict: Verdict, values: dict[str, object]) -> list[str]:
    """What a save would change, in words for the claim's history ("rating: A → B", "summary")."""
    changes = []
    for field in CONTENT_FIELDS:
        old, new = getattr(verdict, field), values[field]
        if old == new:
            continue
        changes.append(
            f"{field}: {old or '—'} → {new or '—'}" if field in _SHOWN_WITH_VALUES else field
        )
    return changes


def _record_version(verdict: Verdict, author: StaffUser, note: str = "") -> VerdictVersion:
    return VerdictVersion.objects.create(
        verdict=verdict,
        number=verdict.version,
        author=author,
        rating_id=verdict.rating_id,
        summary=verdict.summary,
        explanation=verdict.explanation,
        as_of=verdict.as_of,
        review_by=verdict.review_by,
        note=note,
    )


def write_draft(
    *, claim: Claim, user: StaffUser, values: dict[str, object], expected_version: int | None
) -> tuple[Verdict, list[str]]:
    """Create the claim's draft or save a new version of it; returns it and what changed.

    Call inside a transaction with the claim row locked. Raises StaleVersion when the draft
    moved past `expected_version`. An unchanged save writes nothing and changes nothing.
    """
    draft = draft_verdict(claim)
    if draft is None:
        verdict = Verdict(claim=claim, author=user, **values)
        save_with_history(verdict, user)
        _record_version(verdict, user)
        return verdict, []
    version = draft.version if expected_version is None else expected_version
    if draft.version != version:
        raise StaleVersion(stale_message(draft, version))
    changes = describe_changes(draft, values)
    if not changes:
        return draft, []
    if not Verdict.objects.filter(pk=draft.pk, version=version).update(version=F("version") + 1):
        draft.refresh_from_db()
        raise StaleVersion(stale_message(draft, version))
    draft.refresh_from_db(fields=["version"])
    for field, value in values.items():
        setattr(draft, field, value)
    save_with_history(draft, user)
    _record_version(draft, user)
    return draft, changes


def copy_for_correction(*, published: Verdict) -> Verdict:
    """A new draft holding the published verdict's text, so a correction edits what readers saw.

    The copy's first version is credited to whoever wrote the published text (its last
    version): starting a correction is not writing a verdict, and four eyes must still keep
    that person from publishing their own words unchanged.
    """
    last = published.versions.select_related("author").last()
    author = last.author if last is not None else published.author
    draft = Verdict(
        claim_id=published.claim_id,
        author=author,
        corrects=published,
        **{field: getattr(published, field) for field in CONTENT_FIELDS},
    )
    draft.save()
    _record_version(draft, author, note=f"Copied from published verdict {published.pk}.")
    return draft


def check_publishable(*, verdict: Verdict, user: User, seen_version: int | None) -> None:
    """Refuse to publish a version the reviewer did not read, or one they wrote any part of."""
    if seen_version is None:
        raise GuardFailed(
            "Publishing names the verdict version you reviewed; reload the claim page and "
            "publish from there.",
            fields={"verdict_version": ["required"]},
        )
    if seen_version != verdict.version:
        latest = verdict.versions.select_related("author").last()
        by = (
            f" by {latest.author.get_username()} at "
            f"{timezone.localtime(latest.created_at):%Y-%m-%d %H:%M}"
            if latest
            else ""
        )
        raise StaleVersion(
            f"The verdict changed after you opened it: you read version {seen_version}, it is "
            f"now version {verdict.version}{by}. Reload the page and review it again."
        )
    written = authored_versions(verdict, user)
    if written:
        numbers = ", ".join(str(n) for n in written)
        raise GuardFailed(
            f"You wrote version {numbers} of this verdict: another reviewer must publish it "
            "(four eyes)."
        )


def authored_versions(verdict: Verdict, user: User) -> list[int]:
    if not user.is_authenticated:
        return []
    numbers = list(verdict.versions.filter(author_id=user.pk).values_list("number", flat=True))
    if verdict.author_id == user.pk and not numbers:
        numbers = [1]  # a verdict from before versions were kept: its author wrote the first
    return numbers


def stamp_published(*, verdict: Verdict, user: StaffUser, now: dt.datetime) -> None:
    verdict.reviewer = user
    verdict.published_at = now
    verdict.published_version = verdict.version
    save_with_history(verdict, user)


def publication_note(verdict: Verdict) -> str:
    # Public: partners read it, so it names the version, not the editors (their names are
    # internal; the admin shows them from the versions).
    return f"Published verdict version {verdict.version}."
