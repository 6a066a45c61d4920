"""XLSX exports whose sheet XML PostgreSQL writes (COPY … TO STDOUT), for the same cells as the
xlsxwriter workbook in `core.py`.

An XLSX file is a zip of XML parts. The parts that do not depend on the rows (styles, workbook,
content types) are fixed text below, the same as xlsxwriter writes for this workbook; the
sheets' `<row>` elements come from one COPY whose SELECT builds each row's XML, so Python only
passes bytes from the connection to the zip compressor. xlsxwriter cost 5–11× COPY per row
(bench/export.py); this costs about 2× (the compression).

What the SQL and the byte pass must reproduce of xlsxwriter (`constant_memory`, strings never
formulas, numbers or URLs), and how:

- text is an inline string, escaped (& < >); a text that starts with "=" stays text, as today;
- empty text and NULL are no cell at all;
- a number is its shortest exact text (PostgreSQL's float output; xlsxwriter's "%.16G" drops
  the 17th digit of some floats, so those read back one unit in the last place closer);
- a date is Excel's day number with the yyyy-mm-dd style;
- text over 32,767 UTF-16 units is cut there (beyond 16,383 characters only, a cheap test);
- control characters become Excel's `_xHHHH_` escapes, and a literal `_xHHHH_` is escaped
  first (`_x005F_xHHHH_`), as xlsxwriter does: done on the bytes, since markup never has either;
- COPY's CSV quoting is undone by dropping every `"`: the markup quotes attributes with `'`
  and the SQL escapes a `"` in text as `&quot;`, so the only `"` left are COPY's own.

Excel's row limit: 1,048,575 data rows a sheet, then the next sheet ("claims 2"), as before.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import re
import zipfile
from collections.abc import Callable, Iterator
from typing import IO, Any

from django.conf import settings
from django.db import connections, transaction
from django.db.models import QuerySet

from claims.exports.copy import JOINS, WIDE_ATTRIBUTIONS, claim_ids, copy_blocks, ids_filter
from claims.models import Claim

SHEET_ROWS = 1_048_575  # data rows a sheet holds: Excel's 1,048,576 less the header
BATCH_BYTES = 1024 * 1024
# Deflate level: 1 makes files ~15% larger than xlsxwriter's default 6 at twice the speed.
COMPRESS_LEVEL = 1
_STRMAX = 32767

_ESCAPED_ESCAPE = re.compile(rb"_x[0-9a-fA-F]{4}_")
_CONTROL = re.compile(rb"[\x00-\x08\x0b-\x1f]")


def _text(expression: str, ref: str) -> str:
    """An inline-string cell, or NULL (no cell) for NULL and empty text."""
    cut = (
        f"CASE WHEN length({expression}) <= {_STRMAX // 2} THEN {expression} "
        # A character beyond the BMP is two UTF-16 units: drop as many from the end.
        f"ELSE left({expression}, {_STRMAX} - length(regexp_replace(left({expression}, "
        f"{_STRMAX}), '[^\\U00010000-\\U0010FFFF]', '', 'g'))) END"
    )
    escaped = (
        f"replace(replace(replace(replace({cut}, '&', '&amp;'), '<', '&lt;'), '>', '&gt;'), "
        "'\"', '&quot;')"
    )
    return (
        f"CASE WHEN {expression} <> '' THEN '<c r=''{ref}' || rn || ''' t=''inlineStr''>"
        f"<is><t xml:space=''preserve''>' || {escaped} || '</t></is></c>' END"
    )


def _number(expression: str, ref: str) -> str:
    return f"'<c r=''{ref}' || rn || '''><v>' || ({expression})::text || '</v></c>'"


def _date(expression: str, ref: str) -> str:
    # xlsxwriter's day numbers: from 1899-12-31, plus Excel's phantom 1900-02-29 after it.
    day = (
        f"CASE WHEN {expression} > date '1900-02-28' THEN {expression} - date '1899-12-30' "
        f"ELSE {expression} - date '1899-12-31' END"
    )
    return f"'<c r=''{ref}' || rn || ''' s=''2''><v>' || ({day})::text || '</v></c>'"


def _letters(index: int) -> str:
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


Cell = Callable[[str, str], str]


def _claim_values(time_zone: str) -> list[tuple[Cell, str]]:
    return [
        (_number, "c.id"),
        (_text, "c.text"),
        (_text, "c.kind"),
        (_text, "c.status"),
        (_number, "c.checkworthiness"),
        (_number, "a.id"),
        (_text, "a.title"),
        (_text, "a.url"),
        (_text, "o.name"),
        (_date, f"(a.published_at AT TIME ZONE '{time_zone}')::date"),
        (_text, "a.language"),
        (_text, "r.label"),
    ]


def _select(layout: str, ids_sql: str | None) -> str:
    """Each row's XML, in export order.

    The innermost SELECT reads the cells' values (x0, x1, …) in export order; the middle one
    numbers the rows in that order (`rn`: the row on its sheet, the header being row 1); the
    outer one builds the XML, so each value and the row number are computed once.
    """
    values = _claim_values(settings.TIME_ZONE)
    where = ids_filter(ids_sql)
    if layout == "wide":
        values.append((_text, "agg.text"))
        order = "c.id"
        source = f"{JOINS} {WIDE_ATTRIBUTIONS}{where}"
    else:
        values += [
            (_number, "at.id"),
            (_text, "ac.name"),
            (_text, "at.actor_text"),
            (_text, "at.stance"),
            (_text, "at.cue_text"),
            (_number, "at.confidence"),
            (_text, "at.report_type"),
        ]
        order = "c.id, at.actor_start NULLS LAST, at.id"
        source = (
            f"{JOINS} LEFT JOIN claims_attribution at ON at.claim_id = c.id"
            f" LEFT JOIN claims_actor ac ON ac.id = at.actor_id{where}"
        )
    inner = ", ".join(f"{expression} AS x{i}" for i, (_, expression) in enumerate(values))
    cells = ", ".join(cell(f"x{i}", _letters(i)) for i, (cell, _) in enumerate(values))
    return (
        f"SELECT concat('<row r=''', rn, '''>', {cells}, '</row>') FROM ("
        f"SELECT v.*, (mod(row_number() OVER () - 1, {SHEET_ROWS}) + 2)::text AS rn FROM ("
        f"SELECT {inner} {source} ORDER BY {order}) v) numbered"
    )


def _escape_bytes(data: bytes) -> bytes:
    """COPY's quotes out; Excel's escapes for control characters and non-characters in."""
    data = data.replace(b'"', b"")
    if _ESCAPED_ESCAPE.search(data):
        data = _ESCAPED_ESCAPE.sub(rb"_x005F\g<0>", data)
    if _CONTROL.search(data):
        data = _CONTROL.sub(lambda m: b"_x%04X_" % m.group(0)[0], data)
    if b"\xef\xbf\xbe" in data or b"\xef\xbf\xbf" in data:
        data = data.replace(b"\xef\xbf\xbe", b"_xFFFE_").replace(b"\xef\xbf\xbf", b"_xFFFF_")
    return data


def _xml_text(value: str) -> str:
    return value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _entry(name: str) -> zipfile.ZipInfo:
    # A fixed date like the sheets': the same rows make the same file.
    info = zipfile.ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0))
    info.compress_type = zipfile.ZIP_DEFLATED
    return info


def _sheet_name(number: int) -> str:
    return "claims" if number == 1 else f"claims {number}"


class _Workbook:
    """The zip: the fixed parts first, then the sheets, streamed one after another."""

    def __init__(self, out: IO[bytes] | str, columns: tuple[str, ...], rows: int) -> None:
        self.zip = zipfile.ZipFile(
            out, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=COMPRESS_LEVEL
        )
        self.header = "".join(
            f"<c r='{_letters(i)}1' s='1' t='inlineStr'><is><t>{_xml_text(name)}</t></is></c>"
            for i, name in enumerate(columns)
        )
        self.last_column = _letters(len(columns) - 1)
        self.rows = rows
        self.planned = max(1, -(-rows // SHEET_ROWS))
        self.sheets = 0
        self.sheet: IO[bytes] | None = None
        self._parts()

    def new_sheet(self) -> IO[bytes]:
        self.end_sheet()
        if self.sheets == self.planned:
            raise RuntimeError("The claims changed while the export was written; export again.")
        self.sheets += 1
        rows = min(SHEET_ROWS, self.rows - (self.sheets - 1) * SHEET_ROWS)
        self.sheet = self.zip.open(f"xl/worksheets/sheet{self.sheets}.xml", "w")
        start = _SHEET_START.format(
            dimension=f"A1:{self.last_column}{1 + max(0, rows)}",
            selected=' tabSelected="1"' if self.sheets == 1 else "",
        )
        self.sheet.write(f"{start}<row r='1'>{self.header}</row>\n".encode())
        return self.sheet

    def end_sheet(self) -> None:
        if self.sheet is not None:
            self.sheet.write(_SHEET_END.encode())
            self.sheet.close()
            self.sheet = None

    def close(self) -> None:
        while self.sheets < self.planned:  # fewer rows than counted: the parts name them all
            self.new_sheet()
        self.end_sheet()
        self.zip.close()

    def abandon(self) -> None:
        """Close the zip after a failure (the caller discards the file)."""
        with contextlib.suppress(Exception):
            if self.sheet is not None:
                self.sheet.close()
            self.zip.close()

    def _parts(self) -> None:
        numbers = range(1, self.planned + 1)
        names = [_sheet_name(n) for n in numbers]
        now = dt.datetime.now(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
        parts = {
            "[Content_Types].xml": _CONTENT_TYPES.format(
                sheets="".join(
                    f'<Override PartName="/xl/worksheets/sheet{n}.xml" ContentType="application/'
                    'vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
                    for n in numbers
                )
            ),
            "_rels/.rels": _ROOT_RELS,
            "xl/_rels/workbook.xml.rels": _WORKBOOK_RELS.format(
                sheets="".join(
                    f'<Relationship Id="rId{n}" Type="{_REL}/worksheet" '
                    f'Target="worksheets/sheet{n}.xml"/>'
                    for n in numbers
                ),
                styles=self.planned + 1,
            ),
            "xl/workbook.xml": _WORKBOOK.format(
                sheets="".join(
                    f'<sheet name="{name}" sheetId="{n}" r:id="rId{n}"/>'
                    for n, name in zip(numbers, names, strict=True)
                )
            ),
            "xl/styles.xml": _STYLES,
            "docProps/core.xml": _CORE.format(now=now),
            "docProps/app.xml": _APP.format(
                count=len(names), titles="".join(f"<vt:lpstr>{n}</vt:lpstr>" for n in names)
            ),
        }
        for name, text in parts.items():
            self.zip.writestr(_entry(name), _XML_DECLARATION + text)


def _count(queryset: QuerySet[Claim], layout: str, ids_sql: str | None, params: Any) -> int:
    """The rows the export will have (for each sheet's dimension and the number of sheets)."""
    attributions = (
        "" if layout == "wide" else " LEFT JOIN claims_attribution at ON at.claim_id = c.id"
    )
    with connections[queryset.db].cursor() as cursor:
        cursor.execute(
            f"SELECT count(*) FROM claims_claim c{attributions}{ids_filter(ids_sql)}", params
        )
        return int(cursor.fetchone()[0])


@contextlib.contextmanager
def _snapshot(using: str) -> Iterator[None]:
    """One snapshot for the count and the rows: a transaction of its own at REPEATABLE READ,
    unless the caller's transaction is already open (then it decides)."""
    connection = connections[using]
    if connection.in_atomic_block:
        yield
        return
    with transaction.atomic(using=using):
        with connection.cursor() as cursor:
            cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY")
        yield


def write_xlsx(
    queryset: QuerySet[Claim],
    out: IO[bytes] | str,
    *,
    layout: str,
    columns: tuple[str, ...],
    on_progress: Callable[[int], None] | None = None,
    report_every: int = 2000,
) -> int:
    """Write the queryset's claims as an XLSX workbook; returns the number of data rows."""
    ids_sql, params = claim_ids(queryset)
    with _snapshot(queryset.db):
        workbook = _Workbook(out, columns, _count(queryset, layout, ids_sql, params))
        try:
            written = _write_rows(
                workbook,
                copy_blocks(queryset, _select(layout, ids_sql), params),
                on_progress=on_progress,
                report_every=report_every,
            )
            workbook.close()
        except BaseException:
            workbook.abandon()
            raise
    if on_progress:
        on_progress(written)
    return written


def _write_rows(
    workbook: _Workbook,
    blocks: Iterator[bytes],
    *,
    on_progress: Callable[[int], None] | None,
    report_every: int,
) -> int:
    sheet = workbook.new_sheet()
    written = on_sheet = reported = size = 0
    pending: list[bytes] = []
    for block in blocks:
        # COPY sends one message per row: one block is one <row>.
        if on_sheet == SHEET_ROWS:
            sheet.write(_escape_bytes(b"".join(pending)))
            pending, size = [], 0
            sheet = workbook.new_sheet()
            on_sheet = 0
        pending.append(bytes(block))
        size += len(block)
        on_sheet += 1
        written += 1
        if size >= BATCH_BYTES:
            sheet.write(_escape_bytes(b"".join(pending)))
            pending, size = [], 0
            if on_progress and written - reported >= report_every:
                reported = written
                on_progress(written)
    sheet.write(_escape_bytes(b"".join(pending)))
    return written


def available(queryset: QuerySet[Claim]) -> bool:
    return connections[queryset.db].vendor == "postgresql" and settings.EXPORT_XLSX_WITH_COPY


_XML_DECLARATION = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
_MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_SHEET_START = (
    _XML_DECLARATION + f'<worksheet xmlns="{_MAIN}" xmlns:r="{_REL}">'
    '<dimension ref="{dimension}"/><sheetViews>'
    '<sheetView{selected} workbookViewId="0"><pane ySplit="1" topLeftCell="A2" '
    'activePane="bottomLeft" state="frozen"/><selection pane="bottomLeft"/></sheetView>'
    '</sheetViews><sheetFormatPr defaultRowHeight="15"/><sheetData>'
)
_SHEET_END = (
    '</sheetData><pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" '
    'footer="0.3"/></worksheet>'
)
_CONTENT_TYPES = (
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.'
    'relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/docProps/app.xml" ContentType="application/vnd.openxmlformats-'
    'officedocument.extended-properties+xml"/><Override PartName="/docProps/core.xml" '
    'ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>'
    '<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-'
    'officedocument.spreadsheetml.styles+xml"/><Override PartName="/xl/workbook.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
    "{sheets}</Types>"
)
_ROOT_RELS = (
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    f'<Relationship Id="rId1" Type="{_REL}/officeDocument" Target="xl/workbook.xml"/>'
    '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/'
    'relationships/metadata/core-properties" Target="docProps/core.xml"/>'
    f'<Relationship Id="rId3" Type="{_REL}/extended-properties" Target="docProps/app.xml"/>'
    "</Relationships>"
)
_WORKBOOK_RELS = (
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    f'{{sheets}}<Relationship Id="rId{{styles}}" Type="{_REL}/styles" Target="styles.xml"/>'
    "</Relationships>"
)
_WORKBOOK = (
    f'<workbook xmlns="{_MAIN}" xmlns:r="{_REL}"><fileVersion appName="xl" lastEdited="4" '
    'lowestEdited="4" rupBuild="4505"/><workbookPr defaultThemeVersion="124226"/><bookViews>'
    '<workbookView xWindow="240" yWindow="15" windowWidth="16095" windowHeight="9660"/>'
    '</bookViews><sheets>{sheets}</sheets><calcPr calcId="124519" fullCalcOnLoad="1"/></workbook>'
)
# xlsxwriter's styles for this workbook: 0 the default, 1 bold (the header), 2 yyyy-mm-dd.
_STYLES = (
    f'<styleSheet xmlns="{_MAIN}"><numFmts count="1"><numFmt numFmtId="164" '
    'formatCode="yyyy-mm-dd"/></numFmts><fonts count="2"><font><sz val="11"/>'
    '<name val="Calibri"/><family val="2"/></font><font><b/><sz val="11"/><name val="Calibri"/>'
    '<family val="2"/></font></fonts><fills count="2"><fill><patternFill patternType="none"/>'
    '</fill><fill><patternFill patternType="gray125"/></fill></fills><borders count="1"><border>'
    '<left/><right/><top/><bottom/><diagonal/></border></borders><cellStyleXfs count="1">'
    '<xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs><cellXfs count="3">'
    '<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/><xf numFmtId="0" fontId="1" '
    'fillId="0" borderId="0" xfId="0" applyFont="1"/><xf numFmtId="164" fontId="0" fillId="0" '
    'borderId="0" xfId="0" applyNumberFormat="1"/></cellXfs><cellStyles count="1"><cellStyle '
    'name="Normal" xfId="0" builtinId="0"/></cellStyles><dxfs count="0"/><tableStyles '
    'count="0" defaultTableStyle="TableStyleMedium9" defaultPivotStyle="PivotStyleLight16"/>'
    "</styleSheet>"
)
_CORE = (
    '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/'
    'core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.'
    'org/dc/terms/" xmlns:dcmitype="http://purl.org/dc/dcmitype/" xmlns:xsi="http://www.w3.org/'
    '2001/XMLSchema-instance"><dc:creator></dc:creator><cp:lastModifiedBy></cp:lastModifiedBy>'
    '<dcterms:created xsi:type="dcterms:W3CDTF">{now}</dcterms:created><dcterms:modified '
    'xsi:type="dcterms:W3CDTF">{now}</dcterms:modified></cp:coreProperties>'
)
_APP = (
    '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-'
    'properties" xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">'
    "<Application>Microsoft Excel</Application><DocSecurity>0</DocSecurity><ScaleCrop>false"
    '</ScaleCrop><HeadingPairs><vt:vector size="2" baseType="variant"><vt:variant><vt:lpstr>'
    "Worksheets</vt:lpstr></vt:variant><vt:variant><vt:i4>{count}</vt:i4></vt:variant>"
    '</vt:vector></HeadingPairs><TitlesOfParts><vt:vector size="{count}" baseType="lpstr">'
    "{titles}</vt:vector></TitlesOfParts><AppVersion>12.0000</AppVersion></Properties>"
)
