"""Storing an article's claims in few round trips (issue 16): the rows are the ones Django's and
django-simple-history's bulk inserts write, the statements travel in two groups, and the ids
reserved beforehand fit whatever the article holds when the store runs.

The extractor is faked to control its output.
"""

from __future__ import annotations

import hashlib
from contextlib import contextmanager

import pytest
from django.db import IntegrityError, connection, transaction
from django.test.utils import CaptureQueriesContext
from simple_history.utils import bulk_create_with_history

from claims.extraction import Attribution as Found
from claims.extraction import Claim as FoundClaim
from claims.extraction import ExtractionResult
from claims.models import Actor, ActorAlias, Article, Attribution, Claim, ClaimEvent
from claims.services import bulk, extraction
from claims.services.actors import ActorIndex, ReservedIds

ON_POSTGRES = connection.vendor == "postgresql"


def _result(n: int = 3) -> ExtractionResult:
    claims = [
        FoundClaim(
            text=f"claim {i}",
            span=(100 * i, 100 * i + 50),
            kind="direct" if i % 2 else "indirect",
            checkworthy=0.25 * i,
            attributions=[
                Found(
                    "Opozice",
                    "organisation",
                    "Opozice",
                    (100 * i + 60, 100 * i + 67),
                    "popřela",
                    (100 * i + 68, 100 * i + 75),
                    "denies",
                    0.7,
                    role="strana",
                ),
                Found(
                    None,
                    None,
                    "ministr",
                    (100 * i + 80, 100 * i + 87),
                    "řekl",
                    (100 * i + 88, 100 * i + 92),
                    "asserts",
                    0.8,
                ),
            ][: 1 + i % 2],
            segments=[(100 * i, 100 * i + 20), (100 * i + 30, 100 * i + 50)] if i == 1 else [],
        )
        for i in range(n)
    ]
    return ExtractionResult("ok", "cs", "fake-1", claims=claims)


def _article(desk, n: int) -> Article:
    body = f"article {n} " + "x" * 400
    return Article.objects.create(
        desk=desk,
        body=body,
        body_sha256=hashlib.sha256(body.encode()).hexdigest(),
        language="cs",
        status=Article.Status.RECEIVED,
    )


_VOLATILE = {
    "id",
    "claim_id",
    "claim",
    "article_id",
    "article",
    "history_id",
    "history_date",
    "created_at",
    "updated_at",
    "status_changed_at",
    "notified_at",
}


def _rows(queryset) -> list[dict]:
    return [
        {k: v for k, v in row.items() if k not in _VOLATILE}
        for row in queryset.order_by("pk").values()
    ]


def _bulk_create_as_before(article: Article, result: ExtractionResult) -> None:
    """What `_create_claims` wrote before the round-trip cut: Django's bulk_create with
    django-simple-history's history, then the events."""
    with transaction.atomic():
        speakers = extraction._speakers(result)
        actors, rows = extraction._plan_speakers(
            result, speakers, None, ReservedIds(Actor), ReservedIds(ActorAlias)
        )
        rows.insert()
    claims = bulk_create_with_history(
        [
            Claim(
                article=article,
                text=f.text,
                span_start=f.span[0],
                span_end=f.span[1],
                kind=f.kind,
                checkworthiness=extraction._clamp(f.checkworthy),
                segments=extraction._segments(f),
            )
            for f in result.claims
        ],
        Claim,
    )
    bulk_create_with_history(
        [
            extraction._attribution(claim, a, actors)
            for claim, f in zip(claims, result.claims, strict=True)
            for a in f.attributions
        ],
        Attribution,
    )
    ClaimEvent.objects.bulk_create(
        ClaimEvent(claim=c, kind="created", to_status="new", note="Extracted by fake-1")
        for c in claims
    )


def test_stored_rows_are_the_rows_bulk_create_with_history_writes(desk, monkeypatch):
    result = _result(4)
    before, now = _article(desk, 1), _article(desk, 2)
    _bulk_create_as_before(before, result)
    monkeypatch.setattr(extraction, "extract", lambda *a, **k: result)

    extraction.extract_article(article_id=now.pk)

    for model in (Claim, Claim.history.model, Attribution, Attribution.history.model, ClaimEvent):
        field = "article" if model in (Claim, Claim.history.model) else "claim__article"
        if model is Claim.history.model:
            old = model.objects.filter(article_id=before.pk)
            new = model.objects.filter(article_id=now.pk)
        elif model is Attribution.history.model:
            old = model.objects.filter(claim__article=before)
            new = model.objects.filter(claim__article=now)
        else:
            old, new = model.objects.filter(**{field: before}), model.objects.filter(**{field: now})
        assert _rows(new) == _rows(old), model.__name__
        assert new.count() == old.count() > 0
    # The history points at the rows it records, and every attribution at its claim.
    claims = Claim.objects.filter(article=now)
    assert set(Claim.history.filter(article_id=now.pk).values_list("id", flat=True)) == set(
        claims.values_list("pk", flat=True)
    )
    attributions = Attribution.objects.filter(claim__article=now)
    assert set(Attribution.history.filter(claim__article=now).values_list("id", flat=True)) == set(
        attributions.values_list("pk", flat=True)
    )
    assert Actor.objects.filter(name="Opozice").count() == 1


@contextmanager
def _groups(monkeypatch):
    """Records which logged statements were sent inside `one_round_trip` blocks."""
    spans: list[tuple[int, int]] = []
    real = bulk.one_round_trip

    @contextmanager
    def recording():
        start = len(connection.queries)
        with real():
            yield
        spans.append((start, len(connection.queries)))

    monkeypatch.setattr(bulk, "one_round_trip", recording)
    monkeypatch.setattr(extraction, "one_round_trip", recording)
    yield spans


def _round_trips(queries: CaptureQueriesContext, spans: list[tuple[int, int]]) -> list[str]:
    """One entry per round trip on PostgreSQL: a group of statements, or a statement alone."""
    offset = queries.initial_queries
    inside = {i for start, end in spans for i in range(start - offset, end - offset)}
    trips = [f"{end - start} statements" for start, end in spans if end > start]
    alone = [q["sql"].split()[0] for i, q in enumerate(queries.captured_queries) if i not in inside]
    # Under the test's own transaction, the store's is a savepoint.
    trips += [{"SAVEPOINT": "BEGIN", "RELEASE": "COMMIT"}.get(word, word) for word in alone]
    return sorted(trips)


def test_a_new_articles_claims_are_stored_in_four_round_trips(desk, monkeypatch):
    article = _article(desk, 1)
    result = _result(5)
    monkeypatch.setattr(extraction, "extract", lambda *a, **k: result)
    for n in (2, 3):  # the actor made, then the registry and the index know it
        extraction.extract_article(article_id=_article(desk, n).pk)

    with _groups(monkeypatch) as spans, CaptureQueriesContext(connection) as queries:
        extraction.extract_article(article_id=article.pk)

    # The mark `extracting` (autocommit); then BEGIN, [mark `extracted`, the actor tables'
    # signature and whether claims exist, ids for claims and attributions], [claims, their
    # history, attributions, their history, events], COMMIT. Before: 11, one per statement.
    assert _round_trips(queries, spans) == sorted(
        ["UPDATE", "BEGIN", "4 statements", "5 statements", "COMMIT"]
    )
    assert Claim.objects.filter(article=article).count() == 5


def test_claims_deleted_while_the_engine_ran_do_not_stop_the_new_ones(article, monkeypatch):
    monkeypatch.setattr(extraction, "extract", lambda *a, **k: _result(2))
    extraction.extract_article(article_id=article.pk)
    fresh = _result(3)
    fresh.claims[0].text = "changed"  # at the same span: the old row goes, a new one comes

    def engine_while_an_editor_deletes(*args, **kwargs):
        Claim.objects.filter(article=article).delete()  # the mark saw claims; the store none
        return fresh

    monkeypatch.setattr(extraction, "extract", engine_while_an_editor_deletes)
    outcome = extraction.extract_article(article_id=article.pk)

    assert outcome.claims_created == 3
    assert sorted(Claim.objects.filter(article=article).values_list("text", flat=True)) == [
        "changed",
        "claim 1",
        "claim 2",
    ]
    assert Attribution.objects.filter(claim__article=article).count() == 4


def test_claims_another_worker_stored_meanwhile_are_kept_not_duplicated(article, monkeypatch):
    result = _result(3)

    def engine_while_another_worker_stores(*args, **kwargs):
        # The mark found no claims; another delivery of the task stores two before this store.
        with transaction.atomic():
            extraction._store(article_id=article.pk, result=_result(2), had_claims=False)
        return result

    monkeypatch.setattr(extraction, "extract", engine_while_another_worker_stores)
    outcome = extraction.extract_article(article_id=article.pk)

    assert (outcome.claims_created, outcome.claims_kept) == (1, 2)
    assert Claim.objects.filter(article=article).count() == 3
    assert Attribution.objects.filter(claim__article=article).count() == 4
    ids = list(Claim.objects.order_by("pk").values_list("pk", flat=True))
    assert len(set(ids)) == 3


@pytest.mark.skipif(not ON_POSTGRES, reason="PostgreSQL's asynchronous commit")
def test_the_extracting_mark_does_not_make_the_sessions_or_a_callers_commits_asynchronous(
    article, monkeypatch
):
    def setting() -> str:
        with connection.cursor() as cursor:
            cursor.execute("SELECT current_setting('synchronous_commit')")
            return cursor.fetchone()[0]

    with transaction.atomic():  # inside a caller's transaction: its commit stays synchronous
        assert extraction._mark_extracting(article.pk) is not None
        assert setting() == "on"
    # At the top level (the test's transaction stands in for it here) the mark's own setting
    # is local to its transaction, so the session keeps its default.
    assert setting() == "on"


def test_an_insert_that_fails_inside_the_round_trip_raises_and_rolls_back(article, monkeypatch):
    monkeypatch.setattr(extraction, "extract", lambda *a, **k: _result(2))
    extraction.extract_article(article_id=article.pk)
    twin = Claim.objects.filter(article=article).first()
    claim_id, twin.pk = twin.pk, None  # the same (article, span): the constraint refuses it

    def store_a_duplicate() -> None:
        with transaction.atomic():
            [twin.pk] = bulk.reserved(bulk.reserve_ids(Claim, 1))
            with bulk.one_round_trip():
                bulk.insert_rows(ClaimEvent, [ClaimEvent(claim_id=claim_id, kind="created")])
                bulk.insert_rows(Claim, [twin])

    with pytest.raises(IntegrityError):
        store_a_duplicate()

    # The connection is usable and nothing of the failed block stayed.
    assert Claim.objects.filter(article=article).count() == 2
    assert ClaimEvent.objects.filter(claim__article=article).count() == 2


def test_values_json_cannot_carry_are_stored_as_bulk_create_stores_them(article):
    # PostgreSQL receives the rows as one JSON document: NaN, infinities (SQLite has no NaN),
    # datetimes and a JSON column (None as SQL NULL) come out as Django's own INSERT writes them.
    claim = Claim.objects.create(article=article, text="x", span_start=0, span_end=5)
    values = [0.1 + 0.2, *([float("nan"), float("inf"), -float("inf")] if ON_POSTGRES else [])]
    ids = bulk.reserved(bulk.reserve_ids(Attribution, len(values)))
    rows = [
        Attribution(id=pk, claim=claim, actor_text=f"a{pk}", confidence=value)
        for pk, value in zip(ids, values, strict=True)
    ]
    bulk.insert_rows(Attribution, rows)
    twins = Attribution.objects.bulk_create(
        Attribution(claim=claim, actor_text=r.actor_text, confidence=r.confidence) for r in rows
    )
    [fresh_id] = bulk.reserved(bulk.reserve_ids(Claim, 1))
    tricky = 'Řekl: „to je \\ "ne"“\n\t%s %(x)s \'; -- 😀 \u2028 konec'
    fresh = Claim(
        id=fresh_id,
        article=article,
        text=tricky,
        span_start=10,
        span_end=20,
        segments=[[10, 12], [15, 20]],
    )
    bulk.insert_rows(Claim, [fresh])

    stored = dict(Attribution.objects.filter(claim=claim).values_list("pk", "confidence"))
    assert [repr(stored[r.pk]) for r in rows] == [repr(stored[t.pk]) for t in twins]
    assert [repr(stored[r.pk]) for r in rows] == [repr(v) for v in values]
    again = Claim.objects.get(pk=fresh.pk)
    assert (again.text, again.segments, again.created_at, again.status) == (
        tricky,
        [[10, 12], [15, 20]],
        fresh.created_at,
        "new",
    )
    assert Claim.objects.get(pk=claim.pk).segments is None


def _speaking(names: list[str]) -> ExtractionResult:
    """One claim per new named speaker, each with a surface form of its own."""
    claims = [
        FoundClaim(
            text=f"claim of {name}",
            span=(100 * i, 100 * i + 50),
            kind="indirect",
            checkworthy=0.5,
            attributions=[
                Found(
                    name,
                    "person",
                    f"ministr {name}",
                    (100 * i + 60, 100 * i + 80),
                    "řekl",
                    (100 * i + 81, 100 * i + 85),
                    "asserts",
                    0.8,
                )
            ],
        )
        for i, name in enumerate(names)
    ]
    return ExtractionResult("ok", "cs", "fake-1", claims=claims)


def test_new_speakers_are_stored_with_the_claims_not_a_round_trip_each(desk, monkeypatch):
    monkeypatch.setattr(extraction, "extract", lambda *a, **k: _result(2))
    for n in (1, 3):  # the worker's registry and index exist and know the tables
        extraction.extract_article(article_id=_article(desk, n).pk)
    names = ["Libor Vávra", "Helena Brandt", "Maria Lindqvist", "Pavel Novák"]
    monkeypatch.setattr(extraction, "extract", lambda *a, **k: _speaking(names))
    article = _article(desk, 2)

    with _groups(monkeypatch) as spans, CaptureQueriesContext(connection) as queries:
        extraction.extract_article(article_id=article.pk)

    # Four new actors, their history and aliases travel with the claims: three more
    # statements in the second group, and ids for them in the first; no trip per speaker.
    # Before: six round trips a new actor (look up, savepoint, actor, history, release, alias).
    assert _round_trips(queries, spans) == sorted(
        ["UPDATE", "BEGIN", "6 statements", "8 statements", "COMMIT"]
    )
    stored = {a.name: a for a in Actor.objects.filter(name__in=names)}
    assert set(stored) == set(names)
    assert all(a.created_by_extractor and a.kind == "person" for a in stored.values())
    assert Actor.history.filter(name__in=names, history_type="+").count() == 4
    assert sorted(stored["Libor Vávra"].aliases.values_list("alias", "language")) == [
        ("Libor Vávra", "cs"),
        ("ministr Libor Vávra", "cs"),
    ]
    assert {a.actor.name for a in Attribution.objects.filter(claim__article=article)} == set(names)


def test_a_speaker_another_worker_stored_meanwhile_is_reused_not_duplicated(desk, monkeypatch):
    # Another worker's transaction stored "Libor Vávra" after this store's index was read (its
    # row invisible until it committed): the unique name refuses the second actor, and the
    # store runs again with a fresh index, which finds it.
    stale = ActorIndex()
    calls = []

    def index_at_first_stale(signature=None):
        calls.append(signature)
        return stale if len(calls) == 1 else real_index(signature=signature)

    def engine_while_another_worker_stores_the_speaker(*args, **kwargs):
        Actor.objects.create(name="Libor Vávra", kind="person")
        return _speaking(["Libor Vávra", "Helena Brandt"])

    real_index = extraction.actor_index
    monkeypatch.setattr(extraction, "actor_index", index_at_first_stale)
    monkeypatch.setattr(extraction, "extract", engine_while_another_worker_stores_the_speaker)
    article = _article(desk, 2)

    outcome = extraction.extract_article(article_id=article.pk)

    assert len(calls) == 2
    assert outcome.claims_created == 2
    assert Actor.objects.filter(name="Libor Vávra").count() == 1
    assert sorted(
        Attribution.objects.filter(claim__article=article).values_list("actor__name", flat=True)
    ) == ["Helena Brandt", "Libor Vávra"]


@pytest.mark.skipif(not ON_POSTGRES, reason="PostgreSQL's asynchronous commit")
@pytest.mark.django_db(transaction=True)
def test_a_first_extraction_commits_without_waiting_for_the_flush_and_a_re_extraction_waits(
    desk, monkeypatch
):
    article = _article(desk, 1)
    monkeypatch.setattr(extraction, "extract", lambda *a, **k: _result(2))

    def asynchronous_commits() -> list[str]:
        with CaptureQueriesContext(connection) as queries:
            extraction.extract_article(article_id=article.pk)
        return [q["sql"] for q in queries.captured_queries if "synchronous_commit" in q["sql"]]

    assert len(asynchronous_commits()) == 2  # the mark's and the store's transactions
    assert len(asynchronous_commits()) == 1  # re-extraction: the store flushes
    assert Claim.objects.filter(article=article).count() == 2
    with connection.cursor() as cursor:  # local to those transactions: the session's stays
        cursor.execute("SELECT current_setting('synchronous_commit')")
        assert cursor.fetchone()[0] == "on"
