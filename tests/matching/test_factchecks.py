"""Importing other fact-checkers' ClaimReview JSON-LD, and finding them when matching."""

import json
import re
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from claims.models import ClaimMatchSuggestion, ExternalFactCheck
from claims.services import matching
from claims.services.factchecks import InvalidClaimReview, import_claimreviews
from tests.matching.factories import make_embedded_shells_claim

FEED = Path(__file__).resolve().parents[2] / "seeds" / "claimreviews.json"


def _review(**overrides):
    review = {
        "@type": "ClaimReview",
        "url": "https://checker.example/1",
        "claimReviewed": "Electric cars pollute more than petrol cars.",
        "datePublished": "2024-03-01",
        "author": {"@type": "Organization", "name": "Checker"},
        "reviewRating": {"alternateName": "Misleading", "ratingValue": "2"},
    }
    review.update(overrides)
    return review


def test_a_datafeed_is_imported_with_reviewer_rating_date_url_and_language(
    db, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        result = import_claimreviews(data=FEED.read_bytes(), origin="seeds/claimreviews.json")
    assert (result.created, result.updated) == (2, 0)
    review = ExternalFactCheck.objects.get(url="https://factcheck.example/reviews/nk-shells")
    assert (review.reviewer, review.rating, str(review.review_date), review.language) == (
        "Example Fact Check",
        "True",
        "2024-06-21",
        "en",
    )
    assert review.claimant == "US officials"
    assert len(bytes(review.vector)) == 384 * 4


def test_reimporting_updates_instead_of_duplicating(db):
    import_claimreviews(data=json.dumps(_review()))
    result = import_claimreviews(data=json.dumps(_review(reviewRating={"alternateName": "False"})))
    assert (result.created, result.updated) == (0, 1)
    assert list(ExternalFactCheck.objects.values_list("rating", flat=True)) == ["False"]


def test_a_bad_review_rejects_the_whole_file_with_a_clear_message(db):
    good = _review(url="https://checker.example/good")
    bad = _review(url="https://checker.example/bad", claimReviewed="", datePublished="yesterday")
    with pytest.raises(InvalidClaimReview) as caught:
        import_claimreviews(data=json.dumps([good, bad]))
    assert caught.value.message == (
        "Nothing imported: 1 of 2 reviews are invalid. review 2 (https://checker.example/bad): "
        "datePublished is not an ISO date ('yesterday'); claimReviewed is missing"
    )
    assert ExternalFactCheck.objects.count() == 0


def test_a_file_that_is_not_json_says_where(db):
    with pytest.raises(
        InvalidClaimReview, match=r"the file is not valid JSON: .* line 1, column 2\."
    ):
        import_claimreviews(data=b"{oops")


def test_an_html_page_with_json_ld_is_imported(db):
    page = f'<html><script type="application/ld+json">{json.dumps(_review())}</script></html>'
    assert import_claimreviews(data=page).created == 1


def test_the_command_imports_a_file_and_fails_clearly_on_a_bad_one(db, tmp_path):
    out = StringIO()
    call_command("import_claimreviews", str(FEED), stdout=out)
    assert out.getvalue() == f"{FEED}: 2 new, 0 updated reviews.\n"
    broken = tmp_path / "broken.json"
    broken.write_text(json.dumps({"@type": "ClaimReview"}))
    with pytest.raises(CommandError, match=r"broken.json: Nothing imported: 1 of 1 reviews"):
        call_command("import_claimreviews", str(broken))


def test_a_new_claim_is_matched_against_imported_reviews(
    outlet, desk, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        import_claimreviews(data=FEED.read_bytes())
    claim = make_embedded_shells_claim(outlet=outlet, desk=desk)
    matching.match_claim(claim_id=claim.pk)
    suggestion = ClaimMatchSuggestion.objects.get(claim=claim)
    assert suggestion.fact_check.url == "https://factcheck.example/reviews/nk-shells"


def test_reviews_imported_after_a_claim_reach_it_on_the_desk(
    client, editor, outlet, desk, django_capture_on_commit_callbacks
):
    """The claim is in and matched first; the editor then imports another fact-checker's file.

    The claim page searched the reviews live, but the desk ranks from stored suggestions: it
    showed the claim as unchecked until something matched the claim again.
    """
    claim = make_embedded_shells_claim(outlet=outlet, desk=desk)
    matching.match_claim(claim_id=claim.pk)
    client.force_login(editor)

    with FEED.open("rb") as upload, django_capture_on_commit_callbacks(execute=True):
        response = client.post("/admin/claims/externalfactcheck/import/", {"file": upload})
    assert response.status_code == 302

    suggestion = ClaimMatchSuggestion.objects.get(claim=claim)
    assert suggestion.fact_check.url == "https://factcheck.example/reviews/nk-shells"
    page = client.get("/admin/claims/claim/desk/").content.decode()
    row = re.sub(r"<[^>]+>", "", page.split(f'data-claim="{claim.pk}"', 1)[1].split("</tr>")[0])
    assert "Checked by Example Fact Check on June 21, 2024: True" in row
    assert "+0.2 checked" in row
    # Vaccines and infertility check nothing here.
    assert not ClaimMatchSuggestion.objects.filter(fact_check__url__contains="vaccine").exists()
