"""On PostgreSQL the CSV is written by COPY: it must be the very file the Python writer makes,
byte for byte, on the cells where the two could differ (quotes, commas, line breaks, formula
starts, empty text, whole-number floats, missing dates, claims without attributions)."""

from __future__ import annotations

import io

import pytest
from django.db import connection

from claims.exports.core import write_export
from claims.models import Article, Attribution, Claim

pytestmark = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="COPY is PostgreSQL's; elsewhere Python writes"
)


def _export(settings, *, copy: bool, layout: str, queryset=None, **kwargs) -> bytes:
    settings.EXPORT_CSV_WITH_COPY = copy
    out = io.BytesIO()
    write_export(
        queryset if queryset is not None else Claim.objects.all(),
        out,
        fmt="csv",
        layout=layout,
        **kwargs,
    )
    return out.getvalue()


@pytest.fixture
def awkward(claims_data, desk, outlet):
    article = Article.objects.create(
        outlet=None,
        desk=desk,
        title='=HYPERLINK("x"), "quoted", and, commas',
        body="x" * 200,
        body_sha256="9" * 64,
        language="en",
        published_at=None,
    )
    multiline = Claim.objects.create(
        article=article,
        text='He said "no",\nthen\r\nleft; -5 % of it',
        span_start=0,
        span_end=10,
        checkworthiness=1.0,
    )
    Attribution.objects.create(
        claim=multiline, actor_text="=cmd", cue_text="", stance="asserts", confidence=0.0
    )
    Attribution.objects.create(
        claim=multiline, actor_text="", cue_text='said "so"', stance="denies", confidence=0.125
    )
    Claim.objects.create(
        article=article,
        text="+plain",
        span_start=20,
        span_end=26,
        checkworthiness=0.30000000000000004,
    )
    return claims_data


@pytest.mark.parametrize("layout", ["wide", "long"])
def test_copy_writes_the_same_bytes_as_the_python_writer(settings, awkward, layout):
    python = _export(settings, copy=False, layout=layout)
    copied = _export(settings, copy=True, layout=layout)

    assert copied == python
    assert b"\r\n" in copied  # rows end in CRLF …
    assert b"\nthen\r\nleft" in copied  # … and a cell's own line breaks stay as written


def test_copy_honours_the_filter_and_reports_progress(settings, awkward):
    seen: list[int] = []
    queryset = Claim.objects.filter(article__language="en")

    copied = _export(settings, copy=True, layout="wide", queryset=queryset, on_progress=seen.append)

    assert copied == _export(settings, copy=False, layout="wide", queryset=queryset)
    assert seen[-1] == queryset.count()


def test_an_empty_selection_is_just_the_header(settings, awkward):
    none = Claim.objects.filter(pk__lt=0)

    assert _export(settings, copy=True, layout="wide", queryset=none) == _export(
        settings, copy=False, layout="wide", queryset=none
    )


def test_dates_are_the_desks_dates(settings, awkward):
    # 23:30 UTC on 29 February is 1 March in Prague (the seed article of claims_data).
    assert b",2024-03-01," in _export(settings, copy=True, layout="wide")
