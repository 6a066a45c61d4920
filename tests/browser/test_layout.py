"""The desk's main pages at 1400 px (a laptop with the navigation open) and 800 px (half a
screen): nothing wider than the window, the claim list legible, nothing covering the heading.

`make screenshots` runs this module with SCREENSHOT_DIR=docs/img and keeps a picture of each
page at each width (the README shows them).
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from claims.models import Article, Claim, Outlet
from claims.services.articles import ingest_article
from claims.services.factchecks import import_claimreviews

from .conftest import NARROW, WIDE

pytestmark = pytest.mark.browser

WIDTHS = pytest.mark.parametrize("width", [WIDE, NARROW])
SCREENSHOT_HEIGHT_CAP = 1800  # px: the top of a long page is what the README needs
EXAMPLE = "dodává Rusku balistické střely"  # the seed's published example claim
SEEDS = Path(__file__).resolve().parents[2] / "seeds"


def _shoot(page, name: str, width: int) -> None:  # type: ignore[no-untyped-def]
    directory = os.environ.get("SCREENSHOT_DIR")
    if not directory:
        return
    Path(directory).mkdir(parents=True, exist_ok=True)
    height = min(page.evaluate("document.documentElement.scrollHeight"), SCREENSHOT_HEIGHT_CAP)
    page.screenshot(
        path=str(Path(directory) / f"{name}-{width}.png"),
        full_page=True,
        clip={"x": 0, "y": 0, "width": width, "height": height},
    )


def _page_overflow(page) -> int:  # type: ignore[no-untyped-def]
    """How many pixels the page is wider than the window (0: no sideways scrolling)."""
    return page.evaluate("document.documentElement.scrollWidth - window.innerWidth")


def _clipped_tables(page) -> list[str]:  # type: ignore[no-untyped-def]
    """Tables wider than the box that holds them (their right part hidden or scrolled away)."""
    return page.evaluate(
        """() => [...document.querySelectorAll('#content table')]
            .filter(t => t.offsetParent && t.parentElement.clientWidth > 0
                         && t.scrollWidth > t.parentElement.clientWidth + 1)
            .map(t => (t.closest('[id]') || t).id || t.className)"""
    )


def _words_per_line(page, locator) -> float:  # type: ignore[no-untyped-def]
    """Words in the element's first text run divided by the lines the browser wraps it into."""
    return locator.evaluate(
        """el => {
            const text = [...el.childNodes].find(n => n.nodeType === Node.TEXT_NODE);
            const range = document.createRange();
            range.selectNodeContents(text);
            const tops = new Set([...range.getClientRects()].map(r => Math.round(r.top)));
            return text.textContent.trim().split(/\\s+/).length / tops.size;
        }"""
    )


def _overlap(a: dict[str, float], b: dict[str, float]) -> bool:
    return not (
        a["x"] + a["width"] <= b["x"]
        or b["x"] + b["width"] <= a["x"]
        or a["y"] + a["height"] <= b["y"]
        or b["y"] + b["height"] <= a["y"]
    )


@WIDTHS
def test_the_claim_list_shows_text_speakers_status_assignee_and_due_legibly(
    demo_desk, as_user, width
):
    page = as_user("editor", width=width)
    page.goto("/admin/claims/claim/")

    headers = page.locator("#result_list thead th").all_inner_texts()
    assert [h.strip().lower() for h in headers[1:6]] == [
        "claim",
        "speakers",
        "status",
        "assignee",
        "due",
    ]
    example = page.locator("#result_list tbody tr", has_text=EXAMPLE)
    speakers = example.locator("td.field-speakers").inner_text()
    assert "US officials (asserts)" in speakers
    assert "Russia (denies)" in speakers
    assert example.locator("td.field-status").inner_text() == "published"
    # The longest claim of the seed article (40 words) reads as prose, not a column of words.
    longest = max(Claim.objects.all(), key=lambda c: len(c.text))
    link = page.locator("#result_list .field-claim_and_article a", has_text=longest.text[:30])
    assert _words_per_line(page, link) >= 4
    assert _page_overflow(page) == 0
    assert _clipped_tables(page) == []
    # The export buttons sit beside or under the heading's words, never on them.
    heading = page.locator("#content h1").evaluate(
        """h1 => { const range = document.createRange(); range.selectNodeContents(h1);
                   const r = range.getBoundingClientRect();
                   return {x: r.x, y: r.y, width: r.width, height: r.height}; }"""
    )
    for button in page.locator(".object-tools a").all():
        assert not _overlap(heading, button.bounding_box()), button.inner_text()
    _shoot(page, "claim-list", width)


@WIDTHS
def test_the_claim_page_fits_the_window(demo_desk, as_user, width):
    claim = Claim.objects.get(text__contains=EXAMPLE)
    page = as_user("editor", width=width)
    page.goto(f"/admin/claims/claim/{claim.pk}/change/")

    assert page.locator(".workflow .status").inner_text() == "PUBLISHED"
    attributions = page.locator("#attributions-group")
    assert attributions.locator("tbody tr.form-row.has_original").count() == 4
    assert _page_overflow(page) == 0
    assert _clipped_tables(page) == []
    _shoot(page, "claim", width)


@WIDTHS
def test_the_ranked_new_claims_fit_the_window(demo_desk, as_user, width):
    # Another fact-checker's reviews, then an article that repeats one of their claims: it is
    # extracted and matched through the services, as a pasted or fed article would be.
    import_claimreviews(data=(SEEDS / "claimreviews.json").read_bytes())
    ingest_article(
        body="US officials said on Tuesday that North Korea is supplying Russia with "
        "artillery shells and ballistic missiles.",
        title="North Korea arms Russia, US says",
        outlet=Outlet.objects.create(name="World Wire", language="en"),
    )
    page = as_user("editor", width=width)
    page.goto("/admin/claims/claim/desk/")

    headers = page.locator("table.desk-table thead th").all_inner_texts()
    assert [h.strip().lower() for h in headers[:4]] == [
        "rank",
        "claim and article",
        "speakers",
        "matches",
    ]
    first = page.locator("table.desk-table tbody tr").first
    assert "Checked by Example Fact Check" in first.locator("td.matches").inner_text()
    claim = first.locator("td.claim > a")
    # Prose at 1400 px; at half a screen the claim still gets three words a line or more.
    assert _words_per_line(page, claim) >= (4 if width == WIDE else 3)
    assert _page_overflow(page) == 0
    assert _clipped_tables(page) == []
    _shoot(page, "desk", width)


@WIDTHS
def test_the_article_page_shows_the_text_and_every_attribution(demo_desk, as_user, width):
    article = Article.objects.get()
    page = as_user("editor", width=width)
    page.goto(f"/admin/claims/article/{article.pk}/change/")

    assert page.locator(".annotated-body mark").count() == article.claims.count()
    column = page.locator("table.claims-table tr", has_text=EXAMPLE).locator("td").nth(2)
    assert "Russia — denies" in column.inner_text()
    box = column.bounding_box()
    assert box["width"] >= 150
    assert box["x"] + box["width"] <= width
    assert _page_overflow(page) == 0
    _shoot(page, "article", width)


@WIDTHS
def test_the_article_add_page_fits_the_window(demo_desk, as_user, width):
    page = as_user("editor", width=width)
    page.goto("/admin/claims/article/add/")

    assert page.locator("#content h1").inner_text() == "Add article"
    assert _page_overflow(page) == 0
    _shoot(page, "article-add", width)


@WIDTHS
def test_a_report_page_fits_the_window(demo_desk, as_user, width):
    page = as_user("analyst", width=width)
    page.goto("/reports/over-time/")

    assert page.locator("h1").inner_text() == "Claims over time by verdict"
    assert page.locator("figure svg").count() == 1
    assert _page_overflow(page) == 0
    _shoot(page, "report", width)


def test_view_site_opens_the_landing_page_with_the_ways_in(demo_desk, as_user, live_server):
    page = as_user("editor")
    page.goto("/admin/")
    page.get_by_role("link", name="View site").click()
    page.wait_for_url(live_server.url + "/")

    assert page.locator("h1").inner_text() == "Factcheck desk"
    links = {a.inner_text(): a.get_attribute("href") for a in page.locator("main a").all()}
    assert links == {"Admin": "/admin/", "Reports": "/reports/", "API documentation": "/api/docs/"}
    for href in links.values():
        assert page.request.get(href).status == 200, href
