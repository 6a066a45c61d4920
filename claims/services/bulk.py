"""Writing many rows in few round trips: statements sent together, rows inserted with their ids.

Storing an article is a handful of statements whose results are not needed before the next one
is sent: the article's mark, the actor tables' signature, ids for the new rows, then five
INSERTs (claims, their history, attributions, their history, events). On PostgreSQL,
`one_round_trip` sends them in psycopg's pipeline mode, so each group costs one round trip
instead of one per statement (issue 16: storing was ~25 ms an article, mostly waiting on the
server). Elsewhere (SQLite, in-process) the statements simply run one by one.

Nothing here depends on the pipeline for correctness: a statement whose result is read inside
the block only makes psycopg flush earlier (one more round trip).
"""

from __future__ import annotations

import datetime as dt
import functools
import json
import math
import threading
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import Any

from django.conf import settings
from django.db import connection
from django.db.models import AutoField, Field, Model
from django.db.models.sql import InsertQuery
from django.utils import timezone
from simple_history.utils import get_change_reason_from_object, get_history_manager_for_model

_state = threading.local()


def _pipelined() -> bool:
    return getattr(_state, "depth", 0) > 0


@contextmanager
def one_round_trip() -> Iterator[None]:
    """Statements issued inside travel to PostgreSQL together; their results are read after.

    Keep what may fail and be caught (a savepoint, get_or_create) outside: an error inside the
    block surfaces when the block ends, not at the statement.
    """
    if connection.vendor != "postgresql":
        yield
        return
    connection.ensure_connection()
    _state.depth = getattr(_state, "depth", 0) + 1
    try:
        # An error of a statement in the block is raised when the block ends, by psycopg
        # itself: turned into Django's (IntegrityError, OperationalError…) as at the statement.
        with connection.wrap_database_errors, connection.connection.pipeline():
            yield
    finally:
        _state.depth -= 1


class Statement:
    """A statement executed now whose rows are read later (`rows()`), after the round trip."""

    def __init__(self, sql: str, params: Sequence[Any]) -> None:
        self._cursor = connection.cursor()
        self._cursor.execute(sql, params)
        self._rows: list[tuple[Any, ...]] | None = None
        if not _pipelined():  # SQLite: read now, the cursor is not kept
            self._rows = self._fetch()

    def _fetch(self) -> list[tuple[Any, ...]]:
        try:
            return list(self._cursor.fetchall())
        finally:
            self._cursor.close()

    def rows(self) -> list[tuple[Any, ...]]:
        if self._rows is None:
            self._rows = self._fetch()
        return self._rows


def reserve_ids(model: type[Model], count: int) -> Statement | None:
    """`count` new primary keys for `model`'s table, to insert rows with their ids known (their
    history and the rows pointing at them then need no RETURNING). Read them with
    `reserved(statement)`.

    PostgreSQL: from the table's sequence (nextval is never rolled back: an id reserved and not
    used is a gap, as after any rollback). SQLite: above the highest id ever given
    (AUTOINCREMENT's counter); valid only inside a transaction that already holds the write
    lock (it has written something) and until the table is written.
    """
    if count <= 0:
        return None
    table = model._meta.db_table
    if connection.vendor == "postgresql":
        return Statement(
            "SELECT nextval(pg_get_serial_sequence(%s, %s)) FROM generate_series(1, %s)",
            [connection.ops.quote_name(table), model._meta.pk.column, count],
        )
    quoted, column = (
        connection.ops.quote_name(table),
        connection.ops.quote_name(model._meta.pk.column),
    )
    return Statement(
        "SELECT MAX(COALESCE((SELECT seq FROM sqlite_sequence WHERE name = %s), 0), "
        f"COALESCE((SELECT MAX({column}) FROM {quoted}), 0)), %s",
        [table, count],
    )


def reserved(statement: Statement | None) -> list[int]:
    """The ids a `reserve_ids` statement gave, ascending."""
    if statement is None:
        return []
    rows = statement.rows()
    if connection.vendor == "postgresql":
        return sorted(int(row[0]) for row in rows)
    top, count = int(rows[0][0]), int(rows[0][1])
    return list(range(top + 1, top + 1 + count))


def insert_rows(model: type[Model], objs: Sequence[Model]) -> None:
    """INSERT `objs` as `bulk_create` writes them (same columns, defaults, auto_now values,
    related-field checks), without RETURNING: either every object has its primary key set
    (`reserve_ids`), or none has and none is needed afterwards (their pk stays None)."""
    if not objs:
        return
    queryset = model._default_manager.all()
    queryset._prepare_for_bulk_create(objs)  # type: ignore[attr-defined]
    with_pk = [obj.pk is not None for obj in objs]
    if any(with_pk) and not all(with_pk):
        raise ValueError("insert_rows: set the primary key on every object or on none")
    fields = [f for f in model._meta.concrete_fields if not f.generated]
    if not with_pk[0]:
        fields = [f for f in fields if not isinstance(f, AutoField)]
    if connection.vendor == "postgresql":
        _insert_as_json(model, fields, objs)
        return
    size = max(connection.ops.bulk_batch_size(fields, objs), 1)
    for start in range(0, len(objs), size):
        query = InsertQuery(model)
        query.insert_values(fields, list(objs[start : start + size]))
        query.get_compiler(connection=connection).execute_sql(returning_fields=None)
    for obj in objs:
        obj._state.adding = False
        obj._state.db = connection.alias


# Python values every field here sends unchanged (str, int, float, bool, None): their
# conversion is skipped, a third of the time of preparing the rows.
_PLAIN = frozenset({str, int, float, bool, type(None)})


def _insert_as_json(model: type[Model], fields: list[Any], objs: Sequence[Model]) -> None:
    """PostgreSQL: the rows as one JSON parameter unpacked by `jsonb_to_recordset`.

    Each value is what Django's insert compiler would send (`pre_save`, then
    `get_db_prep_save`), written as JSON: datetimes in ISO 8601 with their offset, JSON
    columns as JSON (None stays SQL NULL). Quoting ~80 values one by one into UNNEST arrays was
    half the Python time of storing an article (issue 16); one json.dumps and one literal are
    C code. The rows are the same (tests/claims/test_store_round_trips.py compares them column by
    column with bulk_create's).
    """
    plan, columns, typed = _json_plan(model, tuple(fields))
    rows = []
    for obj in objs:
        values = obj.__dict__
        row = {}
        for column, attname, field, computes in plan:
            value = field.pre_save(obj, True) if computes else values[attname]
            if type(value) not in _PLAIN:  # what the field's conversion leaves as it is
                value = _json_value(field, value)
            row[column] = value
        rows.append(row)
    try:
        document = json.dumps(rows, ensure_ascii=False, allow_nan=False)
    except ValueError:  # NaN or an infinity: PostgreSQL reads them as text, JSON has no such number
        document = json.dumps(
            [{k: _finite(v) for k, v in row.items()} for row in rows], ensure_ascii=False
        )
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {connection.ops.quote_name(model._meta.db_table)} ({columns}) "
            f"SELECT {columns} FROM jsonb_to_recordset(%s::jsonb) AS rows({typed})",
            [document],
        )


@functools.cache
def _json_plan(
    model: type[Model], fields: tuple[Any, ...]
) -> tuple[list[tuple[str, str, Any, bool]], str, str]:
    """Per column: (column, attribute, field, whether its `pre_save` computes the value — an
    auto_now date — rather than read the attribute); the column list; the typed record.
    Computed once per model: calling `pre_save` and `db_type` for every value of every row was
    most of the time of writing them (issue 16)."""
    ops = connection.ops
    plan = [(field.column, field.attname, field, _computes(field)) for field in fields]
    columns = ", ".join(ops.quote_name(field.column) for field in fields)
    typed = ", ".join(
        f"{ops.quote_name(field.column)} {field.db_type(connection)}" for field in fields
    )
    return plan, columns, typed


def _computes(field: Any) -> bool:
    """Whether the field's `pre_save` does more than read the attribute (auto_now dates…)."""
    return type(field).pre_save is not Field.pre_save or bool(
        getattr(field, "auto_now", False) or getattr(field, "auto_now_add", False)
    )


def _json_value(field: Any, value: Any) -> Any:
    """A value that is not a plain str, int, float, bool or None, as JSON carries it."""
    from psycopg.types.json import Jsonb

    value = field.get_db_prep_save(value, connection)
    if isinstance(value, Jsonb):
        return value.obj
    if isinstance(value, dt.datetime | dt.date | dt.time):
        return value.isoformat()
    return _finite(value)


def _finite(value: Any) -> Any:
    return str(value) if isinstance(value, float) and not math.isfinite(value) else value


def history_rows(model: type[Model], objs: Sequence[Model]) -> list[Model]:
    """The "+" history rows django-simple-history's `bulk_history_create` builds for `objs`
    (same user, reason and date per row), to be written with `insert_rows`."""
    if not getattr(settings, "SIMPLE_HISTORY_ENABLED", True):
        return []
    historical = get_history_manager_for_model(model).model
    tracked = [field.attname for field in historical.tracked_fields]  # type: ignore[attr-defined]
    rows = []
    for instance in objs:
        row = historical(
            history_date=getattr(instance, "_history_date", timezone.now()),
            history_user=getattr(
                instance,
                "_history_user",
                historical.get_default_history_user(instance),  # type: ignore[attr-defined]
            ),
            history_change_reason=get_change_reason_from_object(instance),
            history_type="+",
            **{name: getattr(instance, name) for name in tracked},
        )
        if hasattr(historical, "history_relation"):
            row.history_relation_id = instance.pk  # type: ignore[attr-defined]
        rows.append(row)
    return rows
