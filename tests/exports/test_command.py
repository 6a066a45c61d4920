"""manage.py export_claims: the same core and filters from a shell."""

from __future__ import annotations

import csv
import io

import openpyxl
import pytest
from django.core.management import CommandError, call_command


def test_exports_filtered_csv_to_a_file(claims_data, tmp_path):
    out = tmp_path / "claims.csv"
    stderr = io.StringIO()

    call_command(
        "export_claims",
        "--format",
        "csv",
        "--stance",
        "denies",
        "--output",
        str(out),
        stderr=stderr,
    )

    rows = list(csv.reader(io.StringIO(out.read_text("utf-8-sig"))))
    assert [row[0] for row in rows[1:]] == [str(claims_data.deny.pk)]
    assert stderr.getvalue() == f"Wrote 1 rows to {out} (csv, wide).\n"


def test_exports_xlsx_long_with_several_statuses(claims_data, tmp_path):
    out = tmp_path / "claims.xlsx"

    call_command(
        "export_claims",
        "--format=xlsx",
        "--layout=long",
        "--status=new",
        "--status=published",
        f"--output={out}",
        "--verbosity=0",
    )

    sheet = openpyxl.load_workbook(out, read_only=True).worksheets[0]
    assert sheet.max_row == 1 + 5


def test_a_bad_filter_is_a_command_error(claims_data, tmp_path):
    with pytest.raises(CommandError, match=r"Invalid filter: date_to: Enter a valid date\."):
        call_command("export_claims", "--date-to=soon", f"--output={tmp_path / 'x.csv'}")


def test_xlsx_is_not_written_to_stdout(claims_data):
    with pytest.raises(CommandError, match="XLSX is binary"):
        call_command("export_claims", "--format=xlsx", "--output=-")


def test_an_unwritable_output_is_a_command_error(claims_data, tmp_path):
    with pytest.raises(CommandError, match=r"Cannot write .*: No such file or directory"):
        call_command("export_claims", f"--output={tmp_path / 'missing' / 'x.csv'}")
