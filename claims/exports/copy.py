"""CSV exports written by PostgreSQL itself (COPY … TO STDOUT), byte for byte the same file as
the Python writer in `core.py`.

Building each row in Python cost 3–15× what COPY costs for the same rows (bench/export.py); here
the database joins, formats and quotes, and Python only passes the bytes on. What the SQL must
reproduce of the Python writer, and how:

- a cell a spreadsheet would run as a formula gets a leading apostrophe (`_neutral`);
- an empty string is an empty, unquoted cell: COPY quotes '' but not NULL, so '' becomes NULL;
- a float prints as Python's repr: COPY prints 1.0 as "1", so whole numbers get ".0";
- the article's date is the desk's date (settings.TIME_ZONE);
- rows end in CRLF: COPY ends them in LF, and `_CRLF` rewrites only the LFs outside quotes
  (a claim may span lines; its own line breaks stay as they are, as csv.writer leaves them).

Only the CSV format on PostgreSQL comes here (`core.stream_export` decides); XLSX, JSON Lines and
ClaimReview need Python per row anyway.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

from django.conf import settings
from django.db import connections
from django.db.models import QuerySet

from claims.models import Claim

BATCH_BYTES = 256 * 1024
_FORMULA_STARTS = "ARRAY['=', '+', '-', '@', chr(9), chr(13)]"


def _neutral(expression: str) -> str:
    """The text of `expression` as csv_cell writes it: '' → NULL, a formula start → apostrophe."""
    return (
        f"CASE WHEN ({expression}) = '' THEN NULL "
        f"WHEN left({expression}, 1) = ANY({_FORMULA_STARTS}) THEN '''' || ({expression}) "
        f"ELSE ({expression}) END"
    )


def _float(expression: str) -> str:
    """Python's repr of a float for the usual values: COPY writes 1.0 as '1'."""
    return (
        f"CASE WHEN ({expression}) = trunc({expression}) AND abs({expression}) < 1e15 "
        f"THEN trunc({expression})::bigint::text || '.0' ELSE ({expression})::text END"
    )


def _claim_columns(time_zone: str) -> str:
    return ", ".join(
        [
            "c.id",
            _neutral("c.text"),
            _neutral("c.kind"),
            _neutral("c.status"),
            _float("c.checkworthiness"),
            "a.id",
            _neutral("a.title"),
            _neutral("a.url"),
            _neutral("coalesce(o.name, '')"),
            f"to_char((a.published_at AT TIME ZONE '{time_zone}')::date, 'YYYY-MM-DD')",
            _neutral("a.language"),
            _neutral("coalesce(r.label, '')"),
        ]
    )


JOINS = """
    FROM claims_claim c
    JOIN claims_article a ON a.id = c.article_id
    LEFT JOIN claims_outlet o ON o.id = a.outlet_id
    LEFT JOIN claims_verdict v ON v.id = c.published_verdict_id
    LEFT JOIN claims_rating r ON r.id = v.rating_id
"""

# 'Russia (denies: popírají)': format_attribution's words, joined in the Python writer's order.
# A lateral join, so the neutralising CASE below reads a column instead of re-running it.
WIDE_ATTRIBUTIONS = """
    LEFT JOIN LATERAL (
      SELECT string_agg(
               coalesce(nullif(ac.name, ''), nullif(at.actor_text, ''), '?') || ' (' || at.stance
               || CASE WHEN at.cue_text <> '' THEN ': ' || at.cue_text ELSE '' END || ')',
               '; ' ORDER BY at.actor_start, at.id) AS text
        FROM claims_attribution at LEFT JOIN claims_actor ac ON ac.id = at.actor_id
       WHERE at.claim_id = c.id) agg ON true
"""


def ids_filter(ids_sql: str | None) -> str:
    return "" if ids_sql is None else f" WHERE c.id IN ({ids_sql})"


def _select(layout: str, ids_sql: str | None) -> str:
    """The SELECT for COPY; `ids_sql` selects the claims' ids (None: every claim)."""
    claim = _claim_columns(settings.TIME_ZONE)
    if layout == "wide":
        return (
            f"SELECT {claim}, {_neutral('coalesce(agg.text, ' + chr(39) * 2 + ')')}"
            f" {JOINS} {WIDE_ATTRIBUTIONS}{ids_filter(ids_sql)} ORDER BY c.id"
        )
    attribution = ", ".join(
        [
            "at.id",
            _neutral("coalesce(ac.name, '')"),
            _neutral("coalesce(at.actor_text, '')"),
            _neutral("coalesce(at.stance, '')"),
            _neutral("coalesce(at.cue_text, '')"),
            f"CASE WHEN at.id IS NULL THEN NULL ELSE {_float('at.confidence')} END",
            _neutral("coalesce(at.report_type, '')"),
            _neutral("coalesce(at.role, '')"),
            _neutral("coalesce(at.via, '')"),
        ]
    )
    return (
        f"SELECT {claim}, {attribution} {JOINS}"
        " LEFT JOIN claims_attribution at ON at.claim_id = c.id"
        " LEFT JOIN claims_actor ac ON ac.id = at.actor_id"
        f"{ids_filter(ids_sql)}"
        " ORDER BY c.id, at.actor_start NULLS LAST, at.id"
    )


class _CRLF:
    """Rewrites COPY's LF row ends to CRLF, leaving line breaks inside quoted cells alone.

    A double quote toggles "inside a cell" (an escaped quote "" toggles twice), so splitting on
    quotes alternates outside/inside pieces; the state carries across chunk boundaries.
    """

    def __init__(self) -> None:
        self.inside = False
        self.rows = 0

    def __call__(self, chunk: bytes) -> bytes:
        pieces = chunk.split(b'"')
        for index in range(len(pieces)):
            if index:
                self.inside = not self.inside
            if not self.inside and b"\n" in pieces[index]:
                self.rows += pieces[index].count(b"\n")
                pieces[index] = pieces[index].replace(b"\n", b"\r\n")
        return b'"'.join(pieces)


def claim_ids(queryset: QuerySet[Claim]) -> tuple[str | None, tuple[Any, ...]]:
    """The SQL selecting the queryset's claim ids, for `ids_filter`; None for every claim."""
    if not queryset.query.where:
        # The whole table needs no semi-join (it cost 3× the COPY).
        return None, ()
    sql, params = queryset.order_by().values("pk").query.sql_with_params()
    return sql, tuple(params)


def copy_blocks(queryset: QuerySet[Claim], select: str, params: tuple[Any, ...]) -> Iterator[bytes]:
    """COPY (select) TO STDOUT as CSV on the queryset's connection: one block per row."""
    connection = connections[queryset.db]
    ops: Any = connection.ops  # PostgreSQL's operations: compose_sql binds params client-side
    statement = f"COPY ({select}) TO STDOUT WITH (FORMAT csv)"
    with connection.cursor() as cursor:
        raw = cursor.cursor  # psycopg's own cursor: Django's wrapper has no copy()
        with raw.copy(ops.compose_sql(statement, params)) as copy:
            yield from copy


def copy_csv_rows(
    queryset: QuerySet[Claim],
    *,
    layout: str,
    on_progress: Callable[[int], None] | None = None,
    report_every: int = 2000,
) -> Iterator[bytes]:
    """The CSV's data rows (no BOM, no header) for the queryset's claims, as PostgreSQL writes
    them; `on_progress` gets the number of rows written so far every `report_every` rows."""
    ids_sql, params = claim_ids(queryset)
    crlf = _CRLF()
    reported = 0
    pending: list[bytes] = []
    size = 0
    # COPY sends a message per row; rewriting and yielding ~256 KB at a time keeps the Python
    # work per byte, not per row.
    for block in copy_blocks(queryset, _select(layout, ids_sql), params):
        pending.append(bytes(block))
        size += len(block)
        if size < BATCH_BYTES:
            continue
        yield crlf(b"".join(pending))
        pending, size = [], 0
        if on_progress and crlf.rows - reported >= report_every:
            reported = crlf.rows
            on_progress(reported)
    if pending:
        yield crlf(b"".join(pending))
    if on_progress and crlf.rows != reported:
        on_progress(crlf.rows)


def available(queryset: QuerySet[Claim]) -> bool:
    return connections[queryset.db].vendor == "postgresql" and settings.EXPORT_CSV_WITH_COPY
