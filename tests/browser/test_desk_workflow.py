"""A claim's way through the desk in the browser: editor and reviewer, each in their own session.

The editor triages, assigns it through the Assignee autocomplete, starts research, links a
source, drafts a verdict and submits; the reviewer requests changes, the editor answers and
submits again, the reviewer publishes; the editor starts a correction, which starts from the
published verdict's text.
"""

from __future__ import annotations

import re

import pytest

from claims.models import Claim

pytestmark = pytest.mark.browser

CLAIM = "dohoda předpokládá vzájemnou pomoc"  # a new claim of the seed article (Putin asserts)
SOURCE = "Putin and Kim sign mutual defence pact"  # the seed's Reuters source
SUMMARY = "Smlouva vzájemnou pomoc skutečně obsahuje; text zveřejnila KCNA."
EXPLANATION = "Článek 4 smlouvy zveřejněné KCNA 20. 6. 2024 zavazuje strany k vojenské pomoci."


def _open_claim(page, text: str) -> None:  # type: ignore[no-untyped-def]
    page.goto("/admin/claims/claim/")
    page.locator("#result_list a", has_text=text).click()
    page.wait_for_url(re.compile(r"/admin/claims/claim/\d+/change/$"))


def _status(page) -> str:  # type: ignore[no-untyped-def]
    return page.locator(".workflow .status").inner_text()


def _transition(page, label: str, note: str = "") -> None:  # type: ignore[no-untyped-def]
    form = page.locator(".workflow form", has=page.get_by_role("button", name=label, exact=True))
    if note:
        form.locator("input[name=note]").fill(note)
    form.get_by_role("button", name=label, exact=True).click()
    page.wait_for_selector(f".messagelist .success:has-text('{label}: done.')")


def _pick(page, select_id: str, typed: str, option: str) -> None:  # type: ignore[no-untyped-def]
    """Choose in a select2 autocomplete: open it, type, click the option the server offers."""
    # The outer box: the text span inside it has no size while nothing is chosen.
    page.locator(f".select2-selection:has(#select2-{select_id}-container)").click()
    page.locator(".select2-container--open .select2-search__field").fill(typed)
    page.locator(".select2-results__option", has_text=option).first.click()


def _save_and_continue(page) -> None:  # type: ignore[no-untyped-def]
    page.get_by_role("button", name="Save and continue editing").click()
    page.wait_for_selector(".messagelist li")


def test_a_claim_goes_from_triage_to_publication_and_correction(demo_desk, as_user):
    editor = as_user("editor")
    _open_claim(editor, CLAIM)
    assert _status(editor) == "NEW"

    _transition(editor, "Triage")
    assert _status(editor) == "TRIAGED"

    _pick(editor, "id_assignee", "edit", "editor")
    _save_and_continue(editor)
    assert editor.locator("#select2-id_assignee-container").inner_text().strip("×\n ") == "editor"

    _transition(editor, "Start research")
    assert _status(editor) == "RESEARCHING"

    _pick(editor, "id_sources-0-source", "Putin and Kim", SOURCE)
    editor.locator("select[name=sources-0-relation]").select_option("supports")
    editor.locator("textarea[name=sources-0-note]").fill("The treaty's text, article 4.")
    editor.locator("select[name=verdicts-0-rating]").select_option(label="Pravda")
    editor.locator("input[name=verdicts-0-summary]").fill(SUMMARY)
    editor.locator("textarea[name=verdicts-0-explanation]").fill(EXPLANATION)
    editor.locator("input[name=verdicts-0-as_of]").fill("2024-06-20")
    _save_and_continue(editor)
    assert editor.locator(".messagelist .error").count() == 0
    assert SOURCE in editor.locator("#sources-group").inner_text()
    assert editor.locator("input[name=verdicts-0-summary]").input_value() == SUMMARY

    _transition(editor, "Submit for review")
    assert _status(editor) == "IN REVIEW"
    # Editors cannot publish: no Publish button for them.
    assert editor.get_by_role("button", name="Publish", exact=True).count() == 0

    reviewer = as_user("reviewer")
    _open_claim(reviewer, CLAIM)
    assert reviewer.locator("input[name=verdicts-0-summary]").input_value() == SUMMARY
    _transition(reviewer, "Request changes", note="Cite the article number in the summary.")
    assert _status(reviewer) == "RESEARCHING"

    editor.reload()
    assert (
        "Cite the article number in the summary."
        in editor.get_by_role("region", name="workflow").inner_text()
    )
    editor.locator("input[name=verdicts-0-summary]").fill(SUMMARY + " (čl. 4)")
    _save_and_continue(editor)
    _transition(editor, "Submit for review")

    reviewer.reload()
    assert reviewer.locator("input[name=verdicts-0-summary]").input_value() == SUMMARY + " (čl. 4)"
    _transition(reviewer, "Publish", note="Checked against the treaty text.")
    assert _status(reviewer) == "PUBLISHED"
    published = reviewer.locator(".workflow .verdicts").inner_text()
    assert f"Pravda — {SUMMARY} (čl. 4)" in published
    assert "by editor, reviewed by reviewer" in published
    claim = Claim.objects.get(text__contains=CLAIM)
    assert claim.status == Claim.Status.PUBLISHED
    assert claim.assignee.username == "editor"

    # The editor reopens it for correction and works on a draft that starts as the published
    # verdict, not an empty form; publishing it again will need the reviewer.
    editor.reload()
    _transition(editor, "Start a correction", note="KCNA published a revised text.")
    assert _status(editor) == "RESEARCHING"
    assert editor.locator("input[name=verdicts-0-summary]").input_value() == SUMMARY + " (čl. 4)"
    assert editor.locator("textarea[name=verdicts-0-explanation]").input_value() == EXPLANATION
    assert f"Pravda — {SUMMARY} (čl. 4)" in editor.locator(".workflow .verdicts").inner_text()
