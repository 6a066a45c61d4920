"""The database itself refuses states no code path may create."""

import datetime as dt

import pytest
from django.db import IntegrityError, transaction

from claims.models import Claim, Verdict


def _verdict(claim, author, **extra):
    rating = claim.article.desk.rating_scale.ratings.first()
    return Verdict.objects.create(
        claim=claim, rating=rating, summary="s", author=author, as_of=dt.date(2024, 6, 19), **extra
    )


def test_a_published_claim_without_a_verdict_is_rejected_by_the_database(claim):
    with pytest.raises(IntegrityError, match="claim_published_has_verdict"), transaction.atomic():
        Claim.objects.filter(pk=claim.pk).update(status=Claim.Status.PUBLISHED)


def test_the_verdict_author_cannot_be_its_reviewer(claim, editor):
    with pytest.raises(IntegrityError, match="verdict_four_eyes"), transaction.atomic():
        _verdict(claim, editor, reviewer=editor)


def test_a_published_verdict_needs_a_reviewer(claim, editor):
    with (
        pytest.raises(IntegrityError, match="verdict_published_has_reviewer"),
        transaction.atomic(),
    ):
        _verdict(claim, editor, published_at=dt.datetime(2024, 6, 20, tzinfo=dt.UTC))


def test_a_claim_has_at_most_one_draft_verdict(claim, editor):
    _verdict(claim, editor)

    with (
        pytest.raises(
            IntegrityError, match=r"verdict_one_draft_per_claim|claims_verdict\.claim_id"
        ),
        transaction.atomic(),
    ):
        _verdict(claim, editor)


def test_two_claims_cannot_share_one_span_of_an_article(claim):
    with (
        pytest.raises(
            IntegrityError,
            match=r"claim_unique_span|claims_claim\.article_id, claims_claim\.span_start",
        ),
        transaction.atomic(),
    ):
        Claim.objects.create(
            article=claim.article,
            text=claim.text,
            span_start=claim.span_start,
            span_end=claim.span_end,
        )


def test_an_empty_span_is_rejected(article):
    with pytest.raises(IntegrityError, match="claim_span_not_empty"), transaction.atomic():
        Claim.objects.create(article=article, text="", span_start=5, span_end=5)


def test_an_unknown_status_is_rejected(claim):
    with pytest.raises(IntegrityError, match="claim_valid_status"), transaction.atomic():
        Claim.objects.filter(pk=claim.pk).update(status="approved")
