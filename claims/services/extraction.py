"""Running the extraction engine on a stored article and persisting its claims."""

from __future__ import annotations

import logging
import time
from dataclasses import dataclass
from typing import Any

from django.db import IntegrityError, connection, transaction
from django.db.models import Q
from django.utils import timezone
from simple_history.utils import bulk_create_with_history, bulk_update_with_history

from claims.extraction import EXTRACTOR_VERSION, ActorRegistry, ExtractionResult, extract
from claims.extraction import Attribution as FoundAttribution
from claims.extraction import Claim as ExtractedClaim
from claims.extraction.registry import actors_of
from claims.models import Actor, ActorAlias, Article, Attribution, Claim, ClaimEvent
from claims.services.actors import (
    SIGNATURE_COLUMNS,
    STORED_KIND,
    NewSpeakerRows,
    ReservedIds,
    Signature,
    actor_index,
    actor_tables_signature,
    current_actor_index,
    forget_actor_index,
    makes_actor,
    registry_entries,
    registry_rows,
    resolve_speakers,
)
from claims.services.bulk import (
    Statement,
    history_rows,
    insert_rows,
    one_round_trip,
    reserve_ids,
    reserved,
)
from claims.services.matching import schedule_matching

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class ExtractionOutcome:
    article_id: int
    status: str
    claims_created: int
    claims_kept: int
    error: str = ""


# The registry a worker matches speakers against, built once and reused while the actor tables
# keep their signature: rebuilding it per article cost 52 ms at 1,000 actors and 2 s at 30,000
# (issue 16). A new actor or alias changes the signature at once; an edit in place (a rename)
# is picked up within REGISTRY_MAX_AGE seconds.
REGISTRY_MAX_AGE = 60.0
_registry_cache: dict[str, Any] = {}


def build_registry(*, signature: Signature | None = None) -> ActorRegistry:
    """The actor registry, from this process's cache, extended with the actors and aliases
    added since it was read; rebuilt after a delete or REGISTRY_MAX_AGE seconds (a rename).

    `signature`: the actor tables' signature if the caller has just read it (extract_article
    reads it with its first UPDATE), else it is read here. Most articles of a growing archive
    bring a new speaker: rebuilding the registry for each cost 5 ms at 300 actors and grows
    with the table (issue 16); extending it reads the new rows only.
    """
    if signature is None:
        signature = actor_tables_signature()
    now = time.monotonic()
    cached = _registry_cache.get("entry")
    if cached and now - cached[1] < REGISTRY_MAX_AGE:
        known, loaded_at, registry = cached
        if known == signature:
            return registry
        if signature[0] >= known[0] and signature[2] >= known[2]:
            # Only inserts since (else the counts would not add up): read just those rows.
            entries, actors, aliases = registry_rows(actors_after=known[1], aliases_after=known[3])
            if (known[0] + actors, known[2] + aliases) == (signature[0], signature[2]):
                registry.extend(actors_of(entries))
                _registry_cache["entry"] = (signature, loaded_at, registry)
                return registry
    registry = ActorRegistry.from_entries(registry_entries())
    _registry_cache["entry"] = (signature, now, registry)
    return registry


def _kept_claims() -> Q:
    """Claims re-extraction must not touch: made or edited by editors, or already in the workflow."""
    return (
        Q(origin=Claim.Origin.EDITOR)
        | Q(edited_by_editor=True)
        | ~Q(status=Claim.Status.NEW)
        | Q(verdicts__isnull=False)
        | Q(sources__isnull=False)
    )


def extract_article(*, article_id: int) -> ExtractionOutcome:
    """Extract an article's attributed claims and store them, replacing earlier machine output.

    - marks the article `extracting`, runs the engine outside any transaction (it is slow)
    - then, in one transaction with the article row locked: deletes untouched machine claims,
      inserts the new ones (skipping spans an editor kept), creates actors for new named sources,
      marks the article `extracted` (or `failed` with the error)
    - idempotent: a second run, or a redelivered task, leaves the same rows
    """
    started = _mark_extracting(article_id)
    if started is None:
        return ExtractionOutcome(article_id, "missing", 0, 0, "The article no longer exists.")
    body, language, signature, had_claims = started
    # Outside the try below: a database error here is for the task to retry, not a crash.
    registry = build_registry(signature=signature)
    try:
        result = extract(body, language=language or "auto", registry=registry)
    except Exception as exc:  # the engine must not crash, but a worker must survive if it does
        logger.exception("extraction crashed on article %s", article_id)
        return _fail(article_id, f"The extractor crashed: {exc.__class__.__name__}: {exc}")
    if result.status != "ok" and result.status != "empty":
        return _fail(article_id, result.message or f"Extraction status: {result.status}")
    # A first extraction at the top level commits without waiting for its disk flush: what it
    # writes is derived from the stored body alone, so were the server to crash in the next
    # fraction of a second, the article would be back to `extracting` or `received` and the
    # outbox's sweep would extract it again (as for a worker killed mid-task). A re-extraction,
    # or a store inside a caller's transaction, flushes as usual.
    flush = had_claims or connection.vendor != "postgresql" or connection.in_atomic_block
    try:
        try:
            return _store(article_id=article_id, result=result, had_claims=had_claims, flush=flush)
        except IntegrityError:
            # Another worker stored one of this article's new speakers (a unique name or alias)
            # while this one stored: its rows are visible now, and the second try reuses them.
            forget_actor_index()
            return _store(article_id=article_id, result=result, had_claims=had_claims, flush=flush)
    except BaseException:
        forget_actor_index()  # it may hold actors the rollback removed
        raise


def _mark_extracting(article_id: int) -> tuple[str, str, Signature, bool] | None:
    """Mark the article `extracting` and read its body, its language, the actor tables'
    signature (for the registry) and whether it has claims yet, in the same statement:
    UPDATE … RETURNING, one round trip instead of an UPDATE and three SELECTs. None if the
    article is gone.

    On PostgreSQL, outside a caller's transaction, the mark commits without waiting for its
    disk flush (asynchronous commit, for this statement's transaction only): it saves a flush
    per article (~3 ms of the ~25 ms storing took here, issue 16). The mark is only a hint the
    outbox recovers from: were the server to crash in the next fraction of a second, the article
    would still be `received` and the sweep would queue it again; the store's commit flushes
    it anyway.
    """
    table = connection.ops.quote_name(Article._meta.db_table)
    claims = connection.ops.quote_name(Claim._meta.db_table)
    no_flush = (
        ", set_config('synchronous_commit', 'off', true)"
        if connection.vendor == "postgresql" and not connection.in_atomic_block
        else ""
    )
    with connection.cursor() as cursor:
        cursor.execute(
            f"UPDATE {table} SET status = %s, error = '', queued_at = %s, "
            "extraction_attempts = extraction_attempts + 1 WHERE id = %s "
            f"RETURNING body, language, {SIGNATURE_COLUMNS}, "
            f"EXISTS (SELECT 1 FROM {claims} WHERE article_id = {table}.id){no_flush}",
            [
                Article.Status.EXTRACTING,
                connection.ops.adapt_datetimefield_value(timezone.now()),
                article_id,
            ],
        )
        row = cursor.fetchone()
    if row is None:
        return None
    return row[0], row[1], (int(row[2]), int(row[3]), int(row[4]), int(row[5])), bool(row[6])


def _fail(article_id: int, error: str) -> ExtractionOutcome:
    mark_failed(article_id=article_id, error=error)
    return ExtractionOutcome(article_id, Article.Status.FAILED, 0, 0, error)


def mark_failed(*, article_id: int, error: str) -> None:
    """Record that extraction gave up on an article, with the reason editors will read."""
    Article.objects.filter(pk=article_id).exclude(status=Article.Status.EXTRACTED).update(
        status=Article.Status.FAILED, error=error, extracted_at=timezone.now()
    )


@transaction.atomic
def _store(
    *, article_id: int, result: ExtractionResult, had_claims: bool = True, flush: bool = True
) -> ExtractionOutcome:
    # Marking the article first locks its row, which serialises two workers that got the same
    # task (acks_late redelivery): the second waits, then finds every claim already stored and
    # changes nothing. A failure below rolls the mark back. One UPDATE, instead of a SELECT …
    # FOR UPDATE and an UPDATE at the end. With it, in the same round trip: the actor tables'
    # signature and whether the article has claims (read after the lock), and ids for the new
    # rows when it had none as the extraction started (ingestion: every claim is new).
    guess = [] if had_claims else result.claims
    table = connection.ops.quote_name(Article._meta.db_table)
    claims_table = connection.ops.quote_name(Claim._meta.db_table)
    with one_round_trip():
        if not flush:
            # Local to this transaction (see extract_article): ~3-6 ms an article, issue 16.
            Statement("SELECT set_config('synchronous_commit', 'off', true)", [])
        marked = Statement(
            f"UPDATE {table} SET status = %s, error = '', "
            "language = CASE WHEN language = '' THEN %s ELSE language END, "
            "extractor_version = %s, extracted_at = %s WHERE id = %s RETURNING id",
            [
                Article.Status.EXTRACTED,
                result.language or "",
                result.extractor_version or EXTRACTOR_VERSION,
                connection.ops.adapt_datetimefield_value(timezone.now()),
                article_id,
            ],
        )
        state = Statement(
            f"SELECT {SIGNATURE_COLUMNS}, "
            f"EXISTS (SELECT 1 FROM {claims_table} WHERE article_id = %s)",
            [article_id],
        )
        claim_ids = reserve_ids(Claim, len(guess))
        attribution_ids = reserve_ids(Attribution, sum(len(c.attributions) for c in guess))
        speakers = _speakers(result)
        actor_ids, alias_ids = (
            reserve_ids(model, n) for model, n in _rows_needed(speakers, result.language or "")
        )
    if not marked.rows():
        raise Article.DoesNotExist(f"Article {article_id} was deleted during its extraction.")
    row = state.rows()[0]
    signature = (int(row[0]), int(row[1]), int(row[2]), int(row[3]))
    existing: dict[tuple[int, int], Claim] = {}
    touched: set[int] = set()
    if row[4]:
        claims = Claim.objects.filter(article_id=article_id)
        existing = {(c.span_start, c.span_end): c for c in claims}
        touched = set(claims.filter(_kept_claims()).values_list("pk", flat=True).distinct())
    found_by_span = {tuple(found.span): found for found in result.claims}

    # The natural key is the span; a claim keeps its row (and the id exports, bookmarks and
    # partners hold) while the extractor finds the same text there.
    stable: list[tuple[Claim, ExtractedClaim]] = []
    gone: list[int] = []
    for span, claim in existing.items():
        found = found_by_span.get(span)
        if found is not None and found.text == claim.text:
            stable.append((claim, found))
        elif claim.pk not in touched:
            gone.append(claim.pk)
    if gone:
        Claim.objects.filter(pk__in=gone).delete()
    taken = {span for span, claim in existing.items() if claim.pk not in gone}
    fresh = [found for span, found in found_by_span.items() if span not in taken]

    actors, speaker_rows = _plan_speakers(
        result,
        speakers,
        signature,
        ReservedIds(Actor, reserved(actor_ids)),
        ReservedIds(ActorAlias, reserved(alias_ids)),
    )
    new_ids, new_attribution_ids = reserved(claim_ids), reserved(attribution_ids)
    attribution_count = sum(len(found.attributions) for found in fresh)
    if len(new_ids) < len(fresh) or len(new_attribution_ids) < attribution_count:
        # Re-extraction, or claims that appeared since: ids for exactly the new rows.
        with one_round_trip():
            claim_ids = reserve_ids(Claim, len(fresh))
            attribution_ids = reserve_ids(Attribution, attribution_count)
        new_ids, new_attribution_ids = reserved(claim_ids), reserved(attribution_ids)
    made = _create_claims(
        article_id, fresh, actors, speaker_rows, result, new_ids, new_attribution_ids
    )
    created = len(made)
    _refresh_stable(
        [(claim, found) for claim, found in stable if claim.pk not in touched], actors, result
    )
    schedule_matching(claim_ids=[claim.pk for claim in made])
    return ExtractionOutcome(article_id, Article.Status.EXTRACTED, created, len(taken))


def _create_claims(
    article_id: int,
    fresh: list[ExtractedClaim],
    actors: dict[str, Actor | None],
    speaker_rows: NewSpeakerRows,
    result: ExtractionResult,
    claim_ids: list[int],
    attribution_ids: list[int],
) -> list[Claim]:
    """Insert the new speakers' actors and aliases, then new claims, their attributions and
    CREATED events, with their history: the INSERTs in one round trip, the ids reserved
    beforehand (`bulk.reserve_ids`)."""
    if not fresh:
        if speaker_rows.actors or speaker_rows.aliases:  # for the claims found again
            with one_round_trip():
                speaker_rows.insert()
        return []
    claims = [
        Claim(
            id=claim_id,
            article_id=article_id,
            text=found.text,
            span_start=found.span[0],
            span_end=found.span[1],
            kind=found.kind,
            checkworthiness=_clamp(found.checkworthy),
            segments=_segments(found),
        )
        for claim_id, found in zip(claim_ids, fresh, strict=False)
    ]
    attributions = [
        _attribution(claim, attribution, actors)
        for claim, found in zip(claims, fresh, strict=True)
        for attribution in found.attributions
    ]
    for row, attribution_id in zip(attributions, attribution_ids, strict=False):
        row.id = attribution_id
    # CREATED is an internal kind: stored as already dispatched, so no task per claim.
    now = timezone.now()
    events = [
        ClaimEvent(
            claim=claim,
            kind=ClaimEvent.Kind.CREATED,
            to_status=Claim.Status.NEW,
            note=f"Extracted by {result.extractor_version}",
            notified_at=now,
        )
        for claim in claims
    ]
    with one_round_trip():
        speaker_rows.insert()
        insert_rows(Claim, claims)
        _insert_history(Claim, claims)
        insert_rows(Attribution, attributions)
        _insert_history(Attribution, attributions)
        insert_rows(ClaimEvent, events)
    return claims


def _insert_history(model: type[Claim] | type[Attribution], objs: list[Any]) -> None:
    rows = history_rows(model, objs)
    if rows:
        insert_rows(type(rows[0]), rows)


def _refresh_stable(
    pairs: list[tuple[Claim, ExtractedClaim]],
    actors: dict[str, Actor | None],
    result: ExtractionResult,
) -> None:
    """Bring untouched claims found again up to date, attributions updated in place.

    An attribution is the same row when its actor and cue spans are the same; editors'
    attributions are never touched.
    """
    if not pairs:
        return
    changed_claims = [claim for claim, found in pairs if _set_changed(claim, _claim_fields(found))]
    if changed_claims:
        bulk_update_with_history(changed_claims, Claim, ["kind", "checkworthiness", "segments"])
    machine = Attribution.objects.filter(
        claim__in=[claim for claim, _ in pairs], origin=Claim.Origin.EXTRACTOR
    ).order_by("pk")
    by_key: dict[tuple[object, ...], list[Attribution]] = {}
    for row in machine:
        by_key.setdefault((row.claim_id, *_key(row)), []).append(row)
    new_rows, updated = [], []
    for claim, found in pairs:
        for attribution in found.attributions:
            wanted = _attribution(claim, attribution, actors)
            same = by_key.get((claim.pk, *_key(wanted)))
            if not same:
                new_rows.append(wanted)
                continue
            row = same.pop(0)
            if _set_changed(row, {f: getattr(wanted, f) for f in _ATTRIBUTION_FIELDS}):
                updated.append(row)
    leftover = [row.pk for rows in by_key.values() for row in rows]
    if leftover:
        Attribution.objects.filter(pk__in=leftover).delete()
    if updated:
        fields = [f.removesuffix("_id") for f in _ATTRIBUTION_FIELDS]
        bulk_update_with_history(updated, Attribution, fields)
    if new_rows:
        bulk_create_with_history(new_rows, Attribution)


# Compared by id: reading `row.actor` would load each actor, one query per attribution.
_ATTRIBUTION_FIELDS = (
    "actor_id",
    "actor_text",
    "cue_text",
    "stance",
    "confidence",
    "report_type",
)


def _key(row: Attribution) -> tuple[int | None, ...]:
    return (row.actor_start, row.actor_end, row.cue_start, row.cue_end)


def _set_changed(obj: Claim | Attribution, values: dict[str, object]) -> bool:
    changed = False
    for field, value in values.items():
        if getattr(obj, field) != value:
            setattr(obj, field, value)
            changed = True
    return changed


def _claim_fields(found: ExtractedClaim) -> dict[str, object]:
    return {
        "kind": found.kind,
        "checkworthiness": _clamp(found.checkworthy),
        "segments": _segments(found),
    }


def _clamp(score: float) -> float:
    return min(1.0, max(0.0, float(score)))


def _segments(found: ExtractedClaim) -> list[list[int]] | None:
    return [list(piece) for piece in found.segments] if found.segments else None


def _speakers(result: ExtractionResult) -> dict[tuple[str, str], list[str]]:
    """The article's speakers, (canonical name, engine kind), with their surface forms worth
    keeping as aliases.

    The engine already chained every mention of a speaker to one canonical name, so the
    article's surface forms of that name ("Vávry", "předseda unie Libor Vávra") become aliases
    of a single actor instead of one actor each.
    """
    surfaces: dict[tuple[str, str], list[str]] = {}
    for claim in result.claims:
        for found in claim.attributions:
            if found.actor:
                kind = found.actor_kind or "person"
                forms = surfaces.setdefault((found.actor, kind), [])
                # "Analysts at Bernstein" names people of Bernstein, not Bernstein: a body's
                # surface with a role is no alias (the next article would lose the role)
                if _alias_like(found.actor_text) and not (found.role and kind != "person"):
                    forms.append(found.actor_text.strip())
    return surfaces


def _rows_needed(
    speakers: dict[tuple[str, str], list[str]], language: str
) -> tuple[tuple[type[Actor], int], tuple[type[ActorAlias], int]]:
    """How many actor and alias ids to reserve for the speakers' new rows: those this worker's
    actor index, as the last article left it, does not know (every speaker when it has none).
    Should the refreshed index know fewer (another worker's new actors), more are reserved when
    needed; ids left unused are gaps, as after any rollback."""
    index = current_actor_index()
    actors = aliases = 0
    for (name, kind), forms in speakers.items():
        stored_kind = STORED_KIND.get(kind, Actor.Kind.PERSON)
        known = index.find(name, stored_kind)[0] if index else None
        if known is None:
            if makes_actor(name, stored_kind, language):  # descriptions and groups make none
                actors, aliases = actors + 1, aliases + 1 + len(forms)
        else:
            have = index.aliases.get(known.pk, set()) if index else set()
            aliases += sum(1 for form in set(forms) if (form[:200], language) not in have)
    return (Actor, actors), (ActorAlias, aliases)


def _plan_speakers(
    result: ExtractionResult,
    speakers: dict[tuple[str, str], list[str]],
    signature: Signature | None,
    actor_ids: ReservedIds,
    alias_ids: ReservedIds,
) -> tuple[dict[str, Actor | None], NewSpeakerRows]:
    """One stored actor per canonical speaker of the article (None for a description), and the
    actor and alias rows to insert for them."""
    if not speakers:
        return {}, NewSpeakerRows()
    found, rows = resolve_speakers(
        index=actor_index(signature=signature),
        speakers=[(name, kind, forms) for (name, kind), forms in speakers.items()],
        language=result.language or "",
        actor_ids=actor_ids,
        alias_ids=alias_ids,
    )
    return {name: actor for (name, _), actor in zip(speakers, found, strict=True)}, rows


def _alias_like(surface: str) -> bool:
    """A surface form worth keeping as an alias: a short phrase with a capital, not a
    pronoun and not a coordination of several speakers."""
    words = surface.split()
    return (
        0 < len(words) <= 8
        and any(w[:1].isupper() for w in words)
        and not any(w.lower() in ("a", "and", "i", "&") or w.endswith(",") for w in words)
        and not (len(words) == 1 and words[0].lower() in _PRONOUNS)
    )


_PRONOUNS = frozenset("he she they it him her them on ona oni ono ony jeho její něj ní".split())


def _attribution(
    claim: Claim, found: FoundAttribution, actors: dict[str, Actor | None]
) -> Attribution:
    actor = actors.get(found.actor) if found.actor else None
    actor_start, actor_end = found.actor_span if found.actor_span else (None, None)
    cue_start, cue_end = found.cue_span if found.cue_span else (None, None)
    return Attribution(
        claim=claim,
        actor=actor,
        actor_text=(found.actor_text or "")[:500],
        actor_start=actor_start,
        actor_end=actor_end,
        cue_text=(found.cue or "")[:200],
        cue_start=cue_start,
        cue_end=cue_end,
        stance=found.stance or Attribution.Stance.ASSERTS,
        confidence=float(found.confidence),
        report_type=found.report_type or Attribution.ReportType.SPEECH,
        role=(found.role or "")[:200],
        via=(found.via or "")[:200],
    )
