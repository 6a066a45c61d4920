"""On PostgreSQL the XLSX sheets are written by COPY (claims/exports/xlsx.py): read back with
openpyxl, every cell must be the one xlsxwriter's workbook has, on the inputs where the two
could differ (markup characters, control characters, Excel's own _xHHHH_ escapes, formula
starts, surrounding spaces, line breaks, empty text, missing dates, the desk's date at
midnight, text past Excel's cell limit, claims without attributions)."""

from __future__ import annotations

import contextlib
import datetime as dt
import io
import re
from unittest import mock

import openpyxl
import pytest
from django.db import connection

from claims.exports import xlsx
from claims.exports.core import LONG_COLUMNS, WIDE_COLUMNS, write_export
from claims.models import Article, Attribution, Claim

from . import expected

pytestmark = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="COPY is PostgreSQL's; elsewhere xlsxwriter writes"
)

TRICKY = [
    "He said \"no\" & <b>left</b> > 5 'then'",
    "  spaces around  ",
    "line\nbreak and\r\nwindows\ttab",
    "bell\x07 unit\x1f separator\x01",
    "Excel's own escape _x0041_ and _x00zz_ stay literal",
    "non\ufffecharacters\uffff",
    '=HYPERLINK("http://evil")',
    "-5 % of it",
    "@mention",
    "Příliš žluťoučký kůň 🐎 úpěl",
]
# xlsxwriter writes a text that looks like a rich-text run as raw XML, and the cell reads back
# empty; the COPY sheet escapes it like any text.
RICH_LOOKING = "<r>not rich text</r>"


def _export(settings, *, copy: bool, layout: str = "wide", queryset=None, **kwargs) -> bytes:
    settings.EXPORT_XLSX_WITH_COPY = copy
    out = io.BytesIO()
    # The COPY sheet must not be xlsxwriter's under another name.
    guard = mock.patch("xlsxwriter.Workbook", side_effect=AssertionError("xlsxwriter used"))
    with guard if copy else contextlib.nullcontext():
        write_export(
            queryset if queryset is not None else Claim.objects.all(),
            out,
            fmt="xlsx",
            layout=layout,
            **kwargs,
        )
    return out.getvalue()


def _cells(data: bytes) -> list[list[list[object]]]:
    """Every sheet's rows, as openpyxl reads them in full (not read-only) mode."""
    book = openpyxl.load_workbook(io.BytesIO(data))
    return [[list(row) for row in sheet.iter_rows(values_only=True)] for sheet in book.worksheets]


@pytest.fixture
def tricky(claims_data, desk):
    article = Article.objects.create(
        outlet=None,
        desk=desk,
        title="=cmd|' /C calc'!A0 & <title>",
        body="x" * 200,
        body_sha256="8" * 64,
        language="",
        # 23:30 UTC on 31 December is 1 January in Prague.
        published_at=dt.datetime(2023, 12, 31, 23, 30, tzinfo=dt.UTC),
    )
    for i, text in enumerate(TRICKY):
        claim = Claim.objects.create(
            article=article, text=text, span_start=i, span_end=i + 1, checkworthiness=i / 16
        )
        Attribution.objects.create(
            claim=claim, actor_text=text, cue_text=TRICKY[-1 - i], stance="asserts", confidence=1.0
        )
    return claims_data


@pytest.mark.parametrize("layout", ["wide", "long"])
def test_copy_sheet_has_the_cells_of_the_xlsxwriter_sheet(settings, tricky, layout):
    old = _cells(_export(settings, copy=False, layout=layout))
    new = _cells(_export(settings, copy=True, layout=layout))

    assert new == old
    columns = WIDE_COLUMNS if layout == "wide" else LONG_COLUMNS
    rows = new[0]
    assert rows[0] == list(columns)
    build = (lambda c: [expected.wide(c)]) if layout == "wide" else expected.long
    truth = [row for c in Claim.objects.order_by("pk") for row in build(c)]
    assert len(rows) == 1 + len(truth)
    text = columns.index("claim_text")
    # What the reader gets is the database's text: escapes undone, the formula still text.
    assert [excel_text(r[text]) for r in rows[1:]] == [t[text] or None for t in truth]
    date = columns.index("article_date")
    assert dt.datetime(2024, 1, 1) in [r[date] for r in rows[1:]]


def excel_text(value: object) -> object:
    """The text Excel shows: openpyxl leaves Excel's _xHHHH_ escapes in, Excel undoes them."""
    if not isinstance(value, str):
        return value
    return re.sub(r"_x([0-9A-Fa-f]{4})_", lambda m: chr(int(m.group(1), 16)), value)


def test_formula_text_stays_a_string_cell(settings, tricky):
    data = _export(settings, copy=True, queryset=Claim.objects.filter(text=TRICKY[6]))
    sheet = openpyxl.load_workbook(io.BytesIO(data)).worksheets[0]

    cell = sheet.cell(row=2, column=WIDE_COLUMNS.index("claim_text") + 1)
    assert cell.data_type == "s"
    assert cell.value == '=HYPERLINK("http://evil")'
    assert sheet.freeze_panes == "A2"
    assert sheet.cell(row=1, column=1).font.b


def test_text_like_a_rich_text_run_reads_back_as_written(settings, tricky):
    claim = Claim.objects.get(text=TRICKY[0])
    Claim.objects.filter(pk=claim.pk).update(text=RICH_LOOKING)
    one = Claim.objects.filter(pk=claim.pk)

    text = WIDE_COLUMNS.index("claim_text")
    assert _cells(_export(settings, copy=True, queryset=one))[0][1][text] == RICH_LOOKING
    assert _cells(_export(settings, copy=False, queryset=one))[0][1][text] != RICH_LOOKING


def test_floats_read_back_exactly(settings, tricky):
    # xlsxwriter writes 16 significant digits ("0.3"); COPY writes the float's shortest exact
    # text, so the analyst reads the stored score.
    Claim.objects.filter(pk=tricky.bare.pk).update(checkworthiness=0.30000000000000004)

    rows = _cells(_export(settings, copy=True, queryset=Claim.objects.filter(pk=tricky.bare.pk)))

    assert rows[0][1][WIDE_COLUMNS.index("checkworthiness")] == 0.30000000000000004


def test_text_past_excels_cell_limit_is_cut_as_xlsxwriter_cuts_it(settings, tricky):
    claim = Claim.objects.get(text=TRICKY[0])
    one = Claim.objects.filter(pk=claim.pk)
    short = _cells(_export(settings, copy=True, queryset=one))[0][1]
    Claim.objects.filter(pk=claim.pk).update(text="ž" * 40_000)

    old = _cells(_export(settings, copy=False, queryset=one))[0][1]
    new = _cells(_export(settings, copy=True, queryset=one))[0][1]

    text = WIDE_COLUMNS.index("claim_text")
    assert new[text] == old[text] == "ž" * 32_767
    # xlsxwriter's write_row stops at the cut cell and leaves the rest of the row empty;
    # the COPY sheet keeps it.
    assert old[text + 1 :] == [None] * (len(WIDE_COLUMNS) - text - 1)
    assert new[:text] + new[text + 1 :] == short[:text] + short[text + 1 :]
    # Beyond the BMP a character is two UTF-16 units: the cut never passes Excel's limit.
    Claim.objects.filter(pk=claim.pk).update(text="🐎" * 20_000)
    cut = _cells(_export(settings, copy=True, queryset=one))[0][1][text]
    assert set(cut) == {"🐎"}
    assert len(cut.encode("utf-16-le")) // 2 <= 32_767


def test_rows_past_a_sheet_continue_on_the_next(settings, tricky, monkeypatch):
    monkeypatch.setattr(xlsx, "SHEET_ROWS", 4)
    total = Claim.objects.count()
    seen: list[int] = []

    sheets = _cells(_export(settings, copy=True, layout="long", on_progress=seen.append))

    book = openpyxl.load_workbook(io.BytesIO(_export(settings, copy=True, layout="long")))
    assert book.sheetnames[:2] == ["claims", "claims 2"]
    assert all(rows[0] == list(LONG_COLUMNS) for rows in sheets)
    assert [len(rows) - 1 for rows in sheets[:-1]] == [4] * (len(sheets) - 1)
    data = [row for rows in sheets for row in rows[1:]]
    assert len(data) == seen[-1] > total
    settings.EXPORT_XLSX_WITH_COPY = False
    monkeypatch.setattr("claims.exports.core._XLSX_MAX_ROWS", 5)
    assert _cells(_export(settings, copy=False, layout="long")) == sheets


def test_copy_honours_the_filter_and_an_empty_selection(settings, tricky):
    english = Claim.objects.filter(article__language="en")
    none = Claim.objects.filter(pk__lt=0)

    assert _cells(_export(settings, copy=True, queryset=english)) == _cells(
        _export(settings, copy=False, queryset=english)
    )
    assert _cells(_export(settings, copy=True, queryset=none)) == [[list(WIDE_COLUMNS)]]


def test_outside_a_transaction_count_and_rows_share_one_snapshot(transactional_db, desk):
    # The export opens its own REPEATABLE READ transaction (as a Celery job or the command do).
    # Its own rows: a transactional test runs after others have flushed the migrations' data.
    article = Article.objects.create(
        desk=desk, title="T", body="x" * 50, body_sha256="7" * 64, language="cs"
    )
    for i in range(3):
        Claim.objects.create(article=article, text=f"c{i}", span_start=i, span_end=i + 1)
    data = io.BytesIO()

    rows = write_export(Claim.objects.all(), data, fmt="xlsx")

    sheet = openpyxl.load_workbook(io.BytesIO(data.getvalue()), read_only=True).worksheets[0]
    assert rows == 3
    assert sheet.max_row == 1 + rows
    assert connection.get_autocommit()
