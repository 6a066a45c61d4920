"""ClaimReview details crawlers and validators care about, and the article date it needs."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.management import call_command
from django.core.management.base import SystemCheckError

from claims.checks import claim_page_url_check
from claims.models import Article
from tests.api.test_articles import ARTICLES, SENTENCE


def test_item_reviewed_has_no_date_when_the_article_date_is_unknown(desktop, partner_a):
    claim = desktop.published_claim(published_at=None)

    review = partner_a.client.get(f"/api/v1/claims/{claim.pk}/claimreview/").json()

    assert "datePublished" not in review["itemReviewed"]
    assert "datePublished" not in review["itemReviewed"]["appearance"][0]
    assert review["datePublished"]  # the review's own date is always known


def test_claim_review_url_is_the_public_claim_page_when_configured(desktop, partner_a, settings):
    settings.FACTCHECK_CLAIM_PAGE_URL = "https://desk.test/overeno/{id}"
    claim = desktop.published_claim()

    review = partner_a.client.get(f"/api/v1/claims/{claim.pk}/claimreview/").json()

    assert review["url"] == f"https://desk.test/overeno/{claim.pk}"


def test_deploy_check_warns_when_the_claim_page_url_is_unset_in_production(settings):
    settings.DEBUG = False
    settings.FACTCHECK_CLAIM_PAGE_URL = ""
    [warning] = claim_page_url_check()
    assert warning.id == "claims.W001"
    assert "FACTCHECK_CLAIM_PAGE_URL is not set" in warning.msg

    settings.FACTCHECK_CLAIM_PAGE_URL = "https://desk.test/claims/{id}/"
    assert claim_page_url_check() == []


def test_check_deploy_lists_the_warning(settings):
    settings.DEBUG = False
    settings.FACTCHECK_CLAIM_PAGE_URL = ""
    with pytest.raises(SystemCheckError, match=r"claims\.W001"):
        call_command("check", "--deploy", "--fail-level", "WARNING")


def test_submit_accepts_published_at(partner_a, desk, django_capture_on_commit_callbacks):
    response = partner_a.client.post(
        ARTICLES,
        {"body": SENTENCE, "language": "cs", "published_at": "2024-06-20T08:30:00+02:00"},
        format="json",
    )

    assert response.status_code == 202, response.content
    assert Article.objects.get().published_at == dt.datetime(2024, 6, 20, 6, 30, tzinfo=dt.UTC)


def test_a_url_submission_keeps_published_at_for_the_fetched_article(partner_a, desk):
    from partners.models import ArticleSubmission

    response = partner_a.client.post(
        ARTICLES,
        {"url": "https://news.test/a", "published_at": "2024-06-20T06:30:00Z"},
        format="json",
    )

    assert response.status_code == 202, response.content
    submission = ArticleSubmission.objects.get()
    assert submission.published_at == dt.datetime(2024, 6, 20, 6, 30, tzinfo=dt.UTC)
