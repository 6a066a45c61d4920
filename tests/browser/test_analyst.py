"""The analyst reads and exports: CSV and XLSX downloads from the claim list, and a report page."""

from __future__ import annotations

import csv
import io

import openpyxl
import pytest

from claims.models import Claim

pytestmark = pytest.mark.browser

EXAMPLE = "dodává Rusku balistické střely"  # the seed's published example claim


def _download(page, link_text: str) -> bytes:  # type: ignore[no-untyped-def]
    with page.expect_download() as download_info:
        page.get_by_role("link", name=link_text, exact=True).click()
    download = download_info.value
    return download.path().read_bytes()


def test_analyst_exports_the_claim_list_as_csv_and_xlsx(demo_desk, as_user):
    page = as_user("analyst")
    page.goto("/admin/claims/claim/")
    # Analysts change nothing: the only bulk action offered is the export.
    actions = page.locator("select[name=action] option").all_inner_texts()
    assert [a for a in actions if not a.startswith("---")] == ["Export selected claims"]
    expected_ids = {str(pk) for pk in Claim.objects.values_list("pk", flat=True)}

    rows = list(csv.DictReader(io.StringIO(_download(page, "Export csv").decode("utf-8-sig"))))

    assert {row["claim_id"] for row in rows} == expected_ids
    example = next(row for row in rows if EXAMPLE in row["claim_text"])
    assert example["status"] == "published"
    assert example["verdict_rating"] == "Neověřitelné"

    sheet = openpyxl.load_workbook(io.BytesIO(_download(page, "Export xlsx"))).active
    header, *data = list(sheet.iter_rows(values_only=True))
    assert header[:2] == ("claim_id", "claim_text")
    assert {str(row[0]) for row in data} == expected_ids
    assert any(EXAMPLE in row[1] for row in data)


def test_analyst_opens_a_report_and_sees_the_chart_and_its_table(demo_desk, as_user):
    page = as_user("analyst")
    page.goto("/reports/")
    page.get_by_role("main").get_by_role("link", name="Verdicts per actor").click()
    page.wait_for_url("**/reports/actors/")

    assert page.locator("h1").inner_text() == "Verdicts per actor"
    assert page.locator("figure svg").count() == 1
    table = page.locator("table")
    assert table.locator("thead th").all_inner_texts()[0] == "actor"
    # The published example: US officials assert it, rated Neověřitelné.
    row = table.locator("tbody tr", has_text="US officials")
    assert row.count() == 1
    assert row.locator("td").last.inner_text() == "1"
