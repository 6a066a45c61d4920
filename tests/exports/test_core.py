"""The export core: each format reads back equal to the database, safely, in bounded queries."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json

import openpyxl
import pytest
from django.db import connection

from claims.exports.core import LONG_COLUMNS, WIDE_COLUMNS, stream_export, write_export
from claims.models import Attribution, Claim

from . import expected


def export_bytes(fmt: str, layout: str = "wide", queryset=None, **kwargs) -> bytes:
    out = io.BytesIO()
    write_export(
        queryset if queryset is not None else Claim.objects.all(),
        out,
        fmt=fmt,
        layout=layout,
        **kwargs,
    )
    return out.getvalue()


def read_csv(data: bytes) -> list[list[str]]:
    return list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline="")))


def read_xlsx(data: bytes) -> list[list[object]]:
    sheet = openpyxl.load_workbook(io.BytesIO(data), read_only=True).worksheets[0]
    return [list(row) for row in sheet.iter_rows(values_only=True)]


def xlsx_cell(value: object) -> object:
    """How openpyxl reads a value back: empty text is an empty cell, dates are datetimes."""
    if value == "":
        return None
    if isinstance(value, dt.date):
        return dt.datetime.combine(value, dt.time())
    return value


def test_csv_wide_reads_back_equal_to_the_database_with_czech_intact(claims_data):
    data = export_bytes("csv")

    assert data.startswith(b"\xef\xbb\xbf")
    rows = read_csv(data)
    assert rows[0] == list(WIDE_COLUMNS)
    assert rows[1:] == [
        [expected.csv_text(v) for v in expected.wide(c)] for c in Claim.objects.order_by("pk")
    ]
    deny = rows[1]
    assert deny[WIDE_COLUMNS.index("attributions")] == (
        "US officials (asserts: Podle); Russia (denies: popírají); North Korea (denies: popírají)"
    )
    assert deny[WIDE_COLUMNS.index("outlet")] == "Česká tisková kancelář"
    assert deny[WIDE_COLUMNS.index("article_date")] == "2024-03-01"
    assert deny[WIDE_COLUMNS.index("verdict_rating")] == "Pravda"


def test_csv_long_has_one_row_per_attribution_and_keeps_claims_without_any(claims_data):
    rows = read_csv(export_bytes("csv", "long"))

    assert rows[0] == list(LONG_COLUMNS)
    assert rows[1:] == [
        [expected.csv_text(v) for v in row]
        for c in Claim.objects.order_by("pk")
        for row in expected.long(c)
    ]
    assert [r[LONG_COLUMNS.index("actor")] for r in rows[1:4]] == [
        "US officials",
        "Russia",
        "North Korea",
    ]
    assert len(rows) == 1 + 3 + 1 + 1


def test_the_long_layout_gives_the_role_and_the_relaying_outlet(claims_data):
    Attribution.objects.filter(actor__name="US officials").update(role="činitelé", via="ČTK")

    rows = read_csv(export_bytes("csv", "long"))

    officials = next(r for r in rows if r[LONG_COLUMNS.index("actor")] == "US officials")
    assert (officials[LONG_COLUMNS.index("role")], officials[LONG_COLUMNS.index("via")]) == (
        "činitelé",
        "ČTK",
    )


@pytest.mark.parametrize(
    ("layout", "columns", "build"),
    [
        ("wide", WIDE_COLUMNS, lambda c: [expected.wide(c)]),
        ("long", LONG_COLUMNS, expected.long),
    ],
)
def test_xlsx_reads_back_equal_to_the_database(claims_data, layout, columns, build):
    rows = read_xlsx(export_bytes("xlsx", layout))

    assert rows[0] == list(columns)
    assert rows[1:] == [
        [xlsx_cell(v) for v in row] for c in Claim.objects.order_by("pk") for row in build(c)
    ]


def test_csv_neutralises_cells_a_spreadsheet_would_run_as_formulas(claims_data):
    rows = read_csv(export_bytes("csv"))
    formula = next(r for r in rows if r[0] == str(claims_data.formula.pk))

    assert formula[WIDE_COLUMNS.index("claim_text")] == "'" + claims_data.formula.text
    assert formula[WIDE_COLUMNS.index("article_title")] == "'+cmd|' /C calc'!A0"
    assert formula[WIDE_COLUMNS.index("attributions")] == "'@mallory (asserts: said)"


@pytest.mark.parametrize("start", ["=", "+", "-", "@", "\t", "\r"])
def test_csv_neutralises_every_formula_start(claims_data, start):
    Claim.objects.filter(pk=claims_data.bare.pk).update(text=f"{start}1+1")

    rows = read_csv(export_bytes("csv", queryset=Claim.objects.filter(pk=claims_data.bare.pk)))

    assert rows[1][WIDE_COLUMNS.index("claim_text")] == f"'{start}1+1"


def test_xlsx_stores_formula_like_text_as_text_not_formula(claims_data):
    data = export_bytes("xlsx", queryset=Claim.objects.filter(pk=claims_data.formula.pk))
    sheet = openpyxl.load_workbook(io.BytesIO(data)).worksheets[0]

    cell = sheet.cell(row=2, column=WIDE_COLUMNS.index("claim_text") + 1)
    assert cell.data_type == "s"
    assert cell.value == claims_data.formula.text


def test_jsonl_reads_back_equal_to_the_database(claims_data):
    lines = export_bytes("jsonl").decode().splitlines()

    assert [json.loads(line) for line in lines] == [
        {
            c: expected.as_text(v) if isinstance(v, dt.date) else v
            for c, v in zip(WIDE_COLUMNS, expected.wide(claim), strict=True)
        }
        for claim in Claim.objects.order_by("pk")
    ]
    assert "popírají" in lines[0]  # not \u-escaped


def test_claimreview_describes_only_published_claims(claims_data):
    reviews = json.loads(export_bytes("claimreview"))

    assert reviews == [
        {
            "@context": "https://schema.org",
            "@type": "ClaimReview",
            "url": f"http://127.0.0.1:8000/api/v1/claims/{claims_data.deny.pk}/",
            "claimReviewed": "Severní Korea dodává Rusku dělostřelecké granáty",
            "inLanguage": "cs",
            "itemReviewed": {
                "@type": "Claim",
                "author": [{"@type": "Organization", "name": "US officials"}],
                "appearance": [
                    {
                        "@type": "CreativeWork",
                        "url": "https://ctk.example/clanek/1",
                        "headline": "Severní Korea dodává Rusku střely",
                        "datePublished": "2024-03-01",
                        "publisher": {"@type": "Organization", "name": "Česká tisková kancelář"},
                    }
                ],
                "datePublished": "2024-03-01",
            },
            "author": {"@type": "Organization", "name": "Factcheck desk"},
            "reviewRating": {
                "@type": "Rating",
                "ratingValue": 4,
                "bestRating": 4,
                "worstRating": 1,
                "alternateName": "True",
                "name": "Pravda",
                "ratingExplanation": "Souhlasí.",
            },
            "datePublished": "2024-03-03",
        }
    ]


def test_claimreview_of_no_published_claims_is_an_empty_array(claims_data):
    data = export_bytes("claimreview", queryset=Claim.objects.exclude(status="published"))

    assert json.loads(data) == []


def test_stream_pages_through_claims_in_chunks_and_reports_progress(claims_data):
    seen: list[int] = []

    parts = list(
        stream_export(Claim.objects.all(), fmt="jsonl", chunk_size=2, on_progress=seen.append)
    )

    assert seen == [2, 3]
    assert len(b"".join(parts).splitlines()) == 3


def test_unknown_format_and_layout_are_refused_with_the_choices(claims_data):
    with pytest.raises(ValueError, match="Unknown export format 'pdf'; choose one of csv, xlsx"):
        export_bytes("pdf")
    with pytest.raises(ValueError, match=r"Unknown layout 'tall'; choose one of wide, long\."):
        export_bytes("csv", "tall")


@pytest.mark.parametrize("fmt", ["csv", "xlsx", "jsonl", "claimreview"])
@pytest.mark.parametrize("n", [1, 5])
def test_queries_do_not_grow_with_the_claims_in_a_page(
    claims_data, django_assert_num_queries, fmt, n
):
    for i in range(n):
        article = claims_data.deny.article
        Claim.objects.create(article=article, text=f"x{i}", span_start=i, span_end=i + 1)

    # One page of claims (with article, outlet and verdict joined), one of their attributions,
    # and the empty page that ends the keyset loop. A CSV on PostgreSQL is one COPY statement
    # on psycopg's own cursor instead (claims/exports/copy.py), outside Django's query log; an
    # XLSX is that too, after counting its rows (claims/exports/xlsx.py).
    queries = 3
    if connection.vendor == "postgresql" and fmt in ("csv", "xlsx"):
        queries = 0 if fmt == "csv" else 1
    with django_assert_num_queries(queries):
        export_bytes(fmt)


def test_queries_grow_with_pages_not_rows(claims_data, django_assert_num_queries, settings):
    settings.EXPORT_CSV_WITH_COPY = False  # the Python writer's paging
    # 3 claims in pages of 2: two pages × (claims + attributions) + the empty last page.
    with django_assert_num_queries(5):
        export_bytes("csv", chunk_size=2)
