"""Evidence sources: linking them to claims and archiving what they said."""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.contrib.auth.models import AnonymousUser, User
from django.db import IntegrityError, transaction
from django.utils import timezone

from claims.errors import GuardFailed, NotPermitted
from claims.models import Claim
from claims.services.articles import decode_page
from claims.services.outbox import SWEEP_BATCH, enqueue, enqueue_on_commit
from core import outbound
from sources.models import ClaimSource, Snapshot, Source

FETCH_DEADLINE_SECONDS = 20.0
FETCH_MAX_BYTES = 10 * 1024 * 1024
# What evidence looks like: pages, plain text, documents and data files; not images or video.
ARCHIVE_CONTENT_TYPES = (
    "text/",
    "application/xhtml+xml",
    "application/pdf",
    "application/json",
    "application/xml",
    "application/rss+xml",
    "application/atom+xml",
)


class TransientFetchError(Exception):
    """A network error, a deadline or a 5xx: worth retrying later."""


class FetchRefused(Exception):
    """The URL will not be fetched as it is (a private address, too large, wrong content type):
    retrying cannot help. The message is for the desk's logs and editors, not for partners."""


def get_or_create_source(
    *,
    url: str,
    title: str = "",
    publisher: str = "",
    kind: str = Source.Kind.OTHER,
    archive: bool = True,
) -> tuple[Source, bool]:
    """The source for this URL, created (and scheduled for archiving unless told not to) when new."""
    source, created = Source.objects.get_or_create(
        url=url.strip(),
        defaults={
            "title": title,
            "publisher": publisher,
            "kind": kind,
            # The sweep's clock: a source created without archiving is never swept.
            "archive_queued_at": timezone.now() if archive else None,
        },
    )
    if created and archive:
        from sources.tasks import archive_source_task

        # Through the outbox's enqueue: a broker outage must not fail the editor's save.
        enqueue_on_commit(archive_source_task, source_id=source.pk)
    return source, created


# What an editor may change about a source; its archive fields belong to `archive_source`.
SOURCE_DETAILS = ("url", "title", "publisher", "kind")


def update_source(
    *, source: Source, changes: dict[str, Any], user: User | AnonymousUser | None = None
) -> Source:
    """Correct a source's URL, title, publisher or kind.

    - a new URL is a new thing to archive: the status goes back to pending and
      `archive_source_task` is queued after commit
    - the history records who changed it
    """
    unknown = sorted(set(changes) - set(SOURCE_DETAILS))
    if unknown:
        raise GuardFailed(f"{', '.join(unknown)} of a source cannot be changed by hand.")
    if "url" in changes:
        changes["url"] = changes["url"].strip()
    moved = "url" in changes and changes["url"] != Source.objects.get(pk=source.pk).url
    for name, value in changes.items():
        setattr(source, name, value)
    if moved:
        source.archive_status, source.archive_error = Source.ArchiveStatus.PENDING, ""
        source.archive_queued_at, source.archive_prompts = timezone.now(), 0
    source._history_user = user if user is not None and user.is_authenticated else None  # type: ignore[attr-defined]
    source.save()
    if moved:
        from sources.tasks import archive_source_task

        # Through the outbox's enqueue: a broker outage must not fail the editor's save.
        enqueue_on_commit(archive_source_task, source_id=source.pk)
    return source


def attach_source(
    *,
    claim_id: int,
    source: Source,
    relation: str,
    user: User | AnonymousUser,
    note: str = "",
) -> ClaimSource:
    """Link evidence to a claim (supports / refutes / context); linking twice updates the link."""
    if not user.has_perm("sources.add_claimsource"):
        raise NotPermitted("You may not link sources (needs sources.add_claimsource).")
    if relation not in ClaimSource.Relation.values:
        raise GuardFailed(
            f"Relation {relation!r} is not one of {', '.join(ClaimSource.Relation.values)}."
        )
    claim = Claim.objects.get(pk=claim_id)
    link, _ = ClaimSource.objects.update_or_create(
        claim=claim,
        source=source,
        defaults={
            "relation": relation,
            "note": note,
            "added_by": user if isinstance(user, User) else None,
        },
    )
    return link


def detach_source(*, link: ClaimSource, user: User | AnonymousUser) -> None:
    """Unlink evidence from a claim; the source and its snapshots stay."""
    if not user.has_perm("sources.delete_claimsource"):
        raise NotPermitted("You may not unlink sources (needs sources.delete_claimsource).")
    link.delete()


@dataclass(frozen=True)
class Fetched:
    status: int
    content_type: str
    content: bytes


def fetch_url(url: str, *, accept: tuple[str, ...] = ARCHIVE_CONTENT_TYPES) -> Fetched:
    """GET a URL through the guarded outbound client (core/outbound.py).

    - 5xx, network errors and the deadline raise TransientFetchError
    - refused addresses, oversize bodies and unwanted content types raise FetchRefused
    """
    try:
        response = outbound.fetch(
            url, deadline=FETCH_DEADLINE_SECONDS, max_bytes=FETCH_MAX_BYTES, accept=accept
        )
    except (outbound.ConnectFailed, outbound.FetchTimeout) as exc:
        raise TransientFetchError(f"{url}: {exc}") from exc
    except outbound.OutboundError as exc:
        raise FetchRefused(f"{url}: {exc}") from exc
    if response.status >= 500:
        raise TransientFetchError(f"{url} answered HTTP {response.status}")
    return Fetched(response.status, response.content_type, response.content)


def readable_text(content: bytes, content_type: str) -> str:
    if "html" not in content_type and not content.lstrip()[:15].lower().startswith(
        (b"<!doctype", b"<html")
    ):
        return decode_page(content, content_type) if content_type.startswith("text/") else ""
    import trafilatura

    return trafilatura.extract(decode_page(content, content_type)) or ""


def archive_source(*, source_id: int) -> Snapshot | None:
    """Fetch a source's URL and store what it said.

    - the fetch runs outside any transaction; storing is one short transaction
    - the same content twice is one snapshot (unique source + sha256): returns the existing one
    - a 4xx is stored as a snapshot too (the page said so) and marks the source failed
    - a refused fetch (private address, too large, not a document) marks the source failed and
      raises FetchRefused: no retry can change the answer
    - raises TransientFetchError for the task to retry
    """
    source = Source.objects.filter(pk=source_id).first()
    if source is None:
        return None
    try:
        fetched = fetch_url(source.url)
    except FetchRefused as exc:
        record_archive_failure(source_id=source_id, error=f"Not archived: {exc}")
        raise
    digest = hashlib.sha256(fetched.content).hexdigest()
    ok = 200 <= fetched.status < 400
    with transaction.atomic():
        try:
            with transaction.atomic():
                snapshot = Snapshot.objects.create(
                    source=source,
                    fetched_at=timezone.now(),
                    http_status=fetched.status,
                    content_type=fetched.content_type[:200],
                    sha256=digest,
                    content=fetched.content,
                    text=readable_text(fetched.content, fetched.content_type),
                )
        except IntegrityError:
            snapshot = Snapshot.objects.get(source=source, sha256=digest)
        Source.objects.filter(pk=source_id).update(
            archive_status=Source.ArchiveStatus.ARCHIVED if ok else Source.ArchiveStatus.FAILED,
            archive_error="" if ok else f"HTTP {fetched.status} when archiving",
        )
    return snapshot


def schedule_archive_retry(*, source_id: int, countdown: float) -> None:
    """Move the sweep's clock to the retry's due time, so the sweep does not prompt it early."""
    Source.objects.filter(pk=source_id, archive_status=Source.ArchiveStatus.PENDING).update(
        archive_queued_at=timezone.now() + dt.timedelta(seconds=countdown)
    )


def sweep_archives(*, now: dt.datetime) -> tuple[int, int]:
    """Queue archiving again for pending sources whose task is long overdue (lost or crashed).

    - due: `archive_queued_at` older than OUTBOX_REDISPATCH_AFTER_SECONDS (the archive task's
      retries move it forward, so a retry waiting for its countdown is not prompted twice)
    - a source prompted SOURCE_ARCHIVE_MAX_PROMPTS times is marked failed with the reason
    - each row is claimed with a conditional UPDATE, so two sweeps do not both prompt it
    - returns (prompted, abandoned)
    """
    from sources.tasks import archive_source_task

    due = now - dt.timedelta(seconds=settings.OUTBOX_REDISPATCH_AFTER_SECONDS)
    overdue = Source.objects.filter(
        archive_status=Source.ArchiveStatus.PENDING, archive_queued_at__lt=due
    ).order_by("pk")
    prompted = abandoned = 0
    for source_id, queued_at, prompts in overdue.values_list(
        "pk", "archive_queued_at", "archive_prompts"
    )[:SWEEP_BATCH]:
        claimed = Source.objects.filter(
            pk=source_id, archive_status=Source.ArchiveStatus.PENDING, archive_queued_at=queued_at
        )
        if prompts >= settings.SOURCE_ARCHIVE_MAX_PROMPTS:
            abandoned += claimed.update(
                archive_status=Source.ArchiveStatus.FAILED,
                archive_error=f"Archiving was queued {prompts + 1} times and never finished (the "
                "queue or the worker was lost each time): check the worker's log. Archiving "
                "starts again when the source's URL is corrected.",
            )
            continue
        if claimed.update(archive_queued_at=now, archive_prompts=prompts + 1):
            prompted += enqueue(archive_source_task, source_id=source_id)
    return prompted, abandoned


def record_archive_failure(*, source_id: int, error: str) -> None:
    Source.objects.filter(pk=source_id).update(
        archive_status=Source.ArchiveStatus.FAILED, archive_error=error[:2000]
    )
