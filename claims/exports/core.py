"""The one export core: claims → rows → CSV, XLSX, JSON Lines or ClaimReview JSON-LD.

Every entry point (admin, `manage.py export_claims`, the API, the Celery job) calls
`write_export` or `stream_export` with a queryset of claims. Memory stays flat whatever the
row count: claims are read in keyset pages by primary key (`WHERE id > last ORDER BY id
LIMIT n`, an index range scan that costs the same on the last page as on the first, unlike
OFFSET), and one more query per page fetches that page's attributions.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import IO, Any

import xlsxwriter
from django.db.models import QuerySet
from django.utils import timezone

from claims.claimreview import ReviewedClaim, desk_date, review_url
from claims.claimreview import claim_review as build_claim_review
from claims.exports import copy, xlsx
from claims.models import Actor, Attribution, Claim

CHUNK_SIZE = 2000

# format → (content type, file extension)
FORMATS: dict[str, tuple[str, str]] = {
    "csv": ("text/csv; charset=utf-8", "csv"),
    "xlsx": ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "xlsx"),
    "jsonl": ("application/x-ndjson; charset=utf-8", "jsonl"),
    "claimreview": ("application/ld+json; charset=utf-8", "json"),
}
LAYOUTS = ("wide", "long")
# Who made a claim, for the ClaimReview export: the one definition on the enum.
AUTHORING = frozenset(Attribution.Stance.authoring())

CLAIM_COLUMNS = (
    "claim_id",
    "claim_text",
    "kind",
    "status",
    "checkworthiness",
    "article_id",
    "article_title",
    "article_url",
    "outlet",
    "article_date",
    "language",
    "verdict_rating",
)
WIDE_COLUMNS = (*CLAIM_COLUMNS, "attributions")
LONG_COLUMNS = (
    *CLAIM_COLUMNS,
    "attribution_id",
    "actor",
    "actor_text",
    "stance",
    "cue",
    "confidence",
    "report_type",
    "role",
    "via",
)

# Read with .values(): dicts cost a fraction of model instances, and the export needs no methods.
_CLAIM_VALUES = (
    "id",
    "text",
    "normalized_text",
    "kind",
    "status",
    "checkworthiness",
    "article_id",
    "article__title",
    "article__url",
    "article__outlet__name",
    "article__published_at",
    "article__language",
    "published_verdict__rating__label",
    "published_verdict__rating__value",
    "published_verdict__rating__alternate_name",
    "published_verdict__rating__scale__best_value",
    "published_verdict__rating__scale__worst_value",
    "published_verdict__published_at",
    "published_verdict__summary",
)
_ATTRIBUTION_VALUES = (
    "claim_id",
    "id",
    "actor__name",
    "actor__kind",
    "actor_text",
    "stance",
    "cue_text",
    "confidence",
    "report_type",
    "role",
    "via",
)

# A spreadsheet evaluates a cell that starts with one of these as a formula (CSV injection):
# "=HYPERLINK(…)" in a quoted claim would run on the analyst's machine.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_XLSX_MAX_ROWS = 1_048_576


@dataclass(frozen=True, slots=True)
class ClaimRecord:
    claim: dict[str, Any]
    attributions: list[dict[str, Any]]


def format_attribution(attribution: dict[str, Any]) -> str:
    """'Russia (denies: popírají)'; an unresolved source shows its words in the text."""
    who = attribution["actor__name"] or attribution["actor_text"] or "?"
    cue = attribution["cue_text"]
    return f"{who} ({attribution['stance']}: {cue})" if cue else f"{who} ({attribution['stance']})"


def iter_records(
    queryset: QuerySet[Claim], *, chunk_size: int = CHUNK_SIZE
) -> Iterator[list[ClaimRecord]]:
    """The queryset's claims with their attributions, one list per page of `chunk_size`."""
    base = queryset.order_by().values(*_CLAIM_VALUES)
    last_pk = 0
    while True:
        page = list(base.filter(pk__gt=last_pk).order_by("pk")[:chunk_size])
        if not page:
            return
        last_pk = page[-1]["id"]
        by_claim: dict[int, list[dict[str, Any]]] = defaultdict(list)
        for attribution in (
            Attribution.objects.filter(claim_id__in=[claim["id"] for claim in page])
            .order_by("claim_id", "actor_start", "id")
            .values(*_ATTRIBUTION_VALUES)
        ):
            by_claim[attribution["claim_id"]].append(attribution)
        yield [ClaimRecord(claim, by_claim.get(claim["id"], [])) for claim in page]


def _local_date(value: dt.datetime | None) -> dt.date | None:
    return desk_date(value) if value is not None else None


def _claim_cells(claim: dict[str, Any]) -> list[Any]:
    return [
        claim["id"],
        claim["text"],
        claim["kind"],
        claim["status"],
        claim["checkworthiness"],
        claim["article_id"],
        claim["article__title"],
        claim["article__url"],
        claim["article__outlet__name"] or "",
        _local_date(claim["article__published_at"]),
        claim["article__language"],
        claim["published_verdict__rating__label"] or "",
    ]


def rows(records: Iterable[ClaimRecord], *, layout: str) -> Iterator[list[Any]]:
    """Table rows: one per claim (wide) or one per attribution (long).

    In the long layout a claim without attributions still gets one row, with the attribution
    columns empty, so the two layouts cover the same claims.
    """
    for record in records:
        cells = _claim_cells(record.claim)
        if layout == "wide":
            yield [*cells, "; ".join(format_attribution(a) for a in record.attributions)]
            continue
        if not record.attributions:
            yield [*cells, None, "", "", "", "", None, "", "", ""]
        for a in record.attributions:
            yield [
                *cells,
                a["id"],
                a["actor__name"] or "",
                a["actor_text"],
                a["stance"],
                a["cue_text"],
                a["confidence"],
                a["report_type"],
                a["role"],
                a["via"],
            ]


def neutralise(value: str) -> str:
    return "'" + value if value.startswith(_FORMULA_START) else value


def csv_cell(value: Any) -> Any:
    if value.__class__ is str:  # most cells: checked first, exactly, on the hot path
        return neutralise(value)
    if value is None:
        return ""
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


def _json_value(value: Any) -> Any:
    return value.isoformat() if isinstance(value, dt.date) else value


def claimreview(record: ClaimRecord) -> dict[str, Any]:
    """A schema.org ClaimReview of a published claim (the builder the API uses too)."""
    claim = record.claim
    item = ReviewedClaim(
        claim_id=claim["id"],
        claim_text=claim["normalized_text"] or claim["text"],
        verdict_published_at=claim["published_verdict__published_at"],
        rating_value=claim["published_verdict__rating__value"],
        best_rating=claim["published_verdict__rating__scale__best_value"],
        worst_rating=claim["published_verdict__rating__scale__worst_value"],
        alternate_name=claim["published_verdict__rating__alternate_name"],
        rating_label=claim["published_verdict__rating__label"],
        summary=claim["published_verdict__summary"],
        language=claim["article__language"],
        article_url=claim["article__url"],
        article_title=claim["article__title"],
        article_published_at=claim["article__published_at"],
        outlet_name=claim["article__outlet__name"] or "",
        authors=[
            (a["actor__name"] or a["actor_text"], a["actor__kind"] in (None, Actor.Kind.PERSON))
            for a in record.attributions
            if a["stance"] in AUTHORING and (a["actor__name"] or a["actor_text"])
        ],
    )
    return build_claim_review(item, url=review_url(claim["id"]))


def published_only(queryset: QuerySet[Claim]) -> QuerySet[Claim]:
    """ClaimReview describes published verdicts; anything else would leak drafts.

    The rule is the API's (`partners.selectors.published_claims`): a claim under correction is
    back in research but keeps its published verdict visible until the new one is published,
    so it stays in the feed exactly as the API still serves it.
    """
    return queryset.filter(published_verdict__isnull=False)


ProgressCallback = Callable[[int], None]


def stream_export(
    queryset: QuerySet[Claim],
    *,
    fmt: str,
    layout: str = "wide",
    chunk_size: int = CHUNK_SIZE,
    on_progress: ProgressCallback | None = None,
) -> Iterator[bytes]:
    """The export as byte chunks, one per page of claims (CSV, JSON Lines, ClaimReview)."""
    check_format(fmt, layout)
    if fmt == "xlsx":
        raise ValueError("XLSX is a zip archive and cannot be streamed; use write_export.")
    written = 0
    if fmt == "claimreview":
        yield b"["
        for page in iter_records(published_only(queryset), chunk_size=chunk_size):
            parts = [
                json.dumps(claimreview(record), ensure_ascii=False, separators=(",", ":"))
                for record in page
            ]
            yield (("," if written else "") + "\n" + ",\n".join(parts)).encode()
            written += len(page)
            if on_progress:
                on_progress(written)
        yield b"\n]\n"
        return

    columns = WIDE_COLUMNS if layout == "wide" else LONG_COLUMNS
    buffer = io.StringIO()
    if fmt == "csv":
        writer = csv.writer(buffer, lineterminator="\r\n")
        # The BOM is how Excel learns the file is UTF-8; without it "popírají" shows as mojibake.
        buffer.write("\ufeff")
        writer.writerow(columns)
    if fmt == "csv" and copy.available(queryset):
        yield buffer.getvalue().encode()  # the BOM and the header
        yield from copy.copy_csv_rows(
            queryset, layout=layout, on_progress=on_progress, report_every=chunk_size
        )
        return
    for page in iter_records(queryset, chunk_size=chunk_size):
        for row in rows(page, layout=layout):
            if fmt == "csv":
                writer.writerow([csv_cell(value) for value in row])
            else:
                buffer.write(
                    json.dumps(
                        {c: _json_value(v) for c, v in zip(columns, row, strict=True)},
                        ensure_ascii=False,
                    )
                    + "\n"
                )
            written += 1
        yield buffer.getvalue().encode()
        buffer.seek(0)
        buffer.truncate()
        if on_progress:
            on_progress(written)
    if buffer.tell():
        yield buffer.getvalue().encode()


def write_xlsx(
    queryset: QuerySet[Claim],
    out: IO[bytes] | str,
    *,
    layout: str = "wide",
    chunk_size: int = CHUNK_SIZE,
    on_progress: ProgressCallback | None = None,
) -> int:
    """Write the workbook; returns the number of data rows.

    On PostgreSQL the sheets' XML comes from COPY (`xlsx.py`), the same cells; elsewhere:
    `constant_memory` flushes each row to a temporary file as soon as the next starts, so
    rows must arrive in order and memory stays flat. Strings go in as strings, never as
    formulas or hyperlinks: a claim that starts with "=" stays text, and no 65,530-URL limit.
    """
    columns = WIDE_COLUMNS if layout == "wide" else LONG_COLUMNS
    if xlsx.available(queryset):
        return xlsx.write_xlsx(
            queryset,
            out,
            layout=layout,
            columns=columns,
            on_progress=on_progress,
            report_every=chunk_size,
        )
    workbook = xlsxwriter.Workbook(
        out,
        {
            "constant_memory": True,
            "strings_to_formulas": False,
            "strings_to_urls": False,
            "strings_to_numbers": False,
            "default_date_format": "yyyy-mm-dd",
        },
    )
    bold = workbook.add_format({"bold": True})

    def new_sheet(number: int) -> Any:
        sheet = workbook.add_worksheet("claims" if number == 1 else f"claims {number}")
        sheet.write_row(0, 0, columns, bold)
        sheet.freeze_panes(1, 0)
        return sheet

    sheets = 1
    sheet = new_sheet(sheets)
    row_number = 0
    written = 0
    for page in iter_records(queryset, chunk_size=chunk_size):
        for row in rows(page, layout=layout):
            row_number += 1
            if row_number == _XLSX_MAX_ROWS:
                # Excel's hard row limit: the long layout of a large export continues on a new sheet.
                sheets += 1
                sheet = new_sheet(sheets)
                row_number = 1
            sheet.write_row(row_number, 0, row)
            written += 1
        if on_progress:
            on_progress(written)
    workbook.close()
    return written


def write_export(
    queryset: QuerySet[Claim],
    out: IO[bytes],
    *,
    fmt: str,
    layout: str = "wide",
    chunk_size: int = CHUNK_SIZE,
    on_progress: ProgressCallback | None = None,
) -> int:
    """Write the export into a binary file; returns the number of rows (claims for ClaimReview)."""
    check_format(fmt, layout)
    if fmt == "xlsx":
        return write_xlsx(
            queryset, out, layout=layout, chunk_size=chunk_size, on_progress=on_progress
        )
    counted = [0]

    def track(written: int) -> None:
        counted[0] = written
        if on_progress:
            on_progress(written)

    for part in stream_export(
        queryset, fmt=fmt, layout=layout, chunk_size=chunk_size, on_progress=track
    ):
        out.write(part)
    return counted[0]


def check_format(fmt: str, layout: str) -> None:
    if fmt not in FORMATS:
        raise ValueError(f"Unknown export format {fmt!r}; choose one of {', '.join(FORMATS)}.")
    if layout not in LAYOUTS:
        raise ValueError(f"Unknown layout {layout!r}; choose one of {', '.join(LAYOUTS)}.")


def filename(fmt: str, layout: str = "wide") -> str:
    stamp = timezone.localtime().strftime("%Y%m%d-%H%M")
    suffix = "" if layout == "wide" or fmt == "claimreview" else "-long"
    return f"claims-{stamp}{suffix}.{FORMATS[fmt][1]}"
