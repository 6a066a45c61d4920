"""The editor's first minutes: adding articles by pasting their text and reading the claims."""

from __future__ import annotations

import re

import pytest

from claims.models import Article

pytestmark = pytest.mark.browser

ARTICLE_PAGE = re.compile(r"/admin/claims/article/\d+/change/$")
DEFICIT = (
    "Prime Minister Petr Fiala said on Monday that the budget deficit would fall below two "
    "percent of GDP next year. Opposition leader Andrej Babiš denied that the government had "
    "kept its promises."
)
BRIDGE = (
    "Mayor Jana Nová spoke on Monday. “The bridge over the river is safe,” she said. “Our "
    "engineers checked it twice this year.”"
)
SCHODEK = (
    "Ministr financí Zbyněk Stanjura v pondělí uvedl, že schodek rozpočtu příští rok klesne "
    "pod dvě procenta. Opozice to popírá."
)


def _add_article(page, *, title: str, text: str) -> None:  # type: ignore[no-untyped-def]
    page.goto("/admin/claims/article/")
    page.get_by_role("link", name="Add article").click()
    page.locator("#id_body").fill(text)
    page.locator("#id_title").fill(title)
    page.get_by_role("button", name="Save", exact=True).click()
    # The article's page, where the extracted claims are (extraction ran in the request).
    page.wait_for_url(ARTICLE_PAGE)


def _claims_table(page) -> list[str]:  # type: ignore[no-untyped-def]
    return [row.inner_text() for row in page.locator("table.claims-table tr").all()[1:]]


def test_editor_adds_two_articles_by_pasting_text_and_sees_their_claims(demo_desk, as_user):
    page = as_user("editor")

    _add_article(page, title="Deficit", text=DEFICIT)

    assert page.locator("#content h2").first.inner_text() == "Deficit"
    assert page.locator(".field-status .readonly").inner_text() == "extracted"
    marked = page.locator(".annotated-body mark").all_inner_texts()
    assert "the budget deficit would fall below two percent of GDP next year" in marked
    rows = _claims_table(page)
    assert len(rows) == 2
    assert "Petr Fiala — asserts" in rows[0]
    assert "Andrej Babiš — denies" in rows[1]

    _add_article(page, title="Schodek", text=SCHODEK)

    rows = _claims_table(page)
    assert len(rows) == 1
    assert "schodek rozpočtu příští rok klesne pod dvě procenta" in rows[0]
    assert "Zbyněk Stanjura — asserts" in rows[0]
    assert "denies" in rows[0]
    assert set(Article.objects.values_list("title", flat=True)) >= {"Deficit", "Schodek"}


def test_an_interrupted_quotation_is_marked_without_the_attribution_between_its_pieces(
    demo_desk, as_user
):
    page = as_user("editor")

    _add_article(page, title="Bridge", text=BRIDGE)

    marks = page.locator(".annotated-body mark")
    assert marks.all_inner_texts() == [
        "The bridge over the river is safe,",
        "Our engineers checked it twice this year.",
    ]
    assert "she said" in page.locator(".annotated-body").inner_text()
    assert page.locator(".annotated-body sup.claim-label").all_inner_texts() == ["#1"]
    rows = _claims_table(page)
    assert len(rows) == 1
    assert "The bridge over the river is safe. Our engineers checked" in rows[0]
    # The tab's icon is served (after its redirect), not a 404 in the server log.
    assert page.evaluate("fetch('/favicon.ico').then(r => r.status)") == 200


def test_pasting_the_same_text_again_links_the_article_already_on_the_desk(demo_desk, as_user):
    page = as_user("editor")
    _add_article(page, title="Deficit", text=DEFICIT)
    first_url = page.url

    _add_article(page, title="Deficit again", text=DEFICIT)

    assert page.url == first_url
    assert (
        "This article is already on the desk (the same text)"
        in page.locator(".messagelist").inner_text()
    )
    assert Article.objects.filter(title__startswith="Deficit").count() == 1
