"""Tables of claim matching: vectors, suggested matches, other fact-checkers' reviews, feeds.

Kept apart from `claims/models.py` so the matching tables read as one unit; Django registers
them under the claims app (imported at the end of `claims/models.py`).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q


class ClaimEmbedding(models.Model):
    """A claim's vector (384 little-endian float32 as bytes: PostgreSQL and SQLite alike).

    `text_sha256` keys the exact text and model: unchanged text is never embedded again.
    """

    claim = models.OneToOneField(
        "claims.Claim", on_delete=models.CASCADE, primary_key=True, related_name="embedding"
    )
    model = models.CharField(max_length=60)
    text_sha256 = models.CharField(max_length=64)
    vector = models.BinaryField()
    updated_at = models.DateTimeField(auto_now=True, db_index=True)

    def __str__(self) -> str:
        return f"embedding of claim {self.claim_id}"


class ExternalFactCheck(models.Model):
    """Another fact-checker's published review (schema.org ClaimReview), imported."""

    url = models.URLField(max_length=1000, unique=True, help_text="The review's own URL.")
    reviewer = models.CharField(max_length=300, help_text="The reviewing organisation.")
    reviewer_url = models.URLField(max_length=1000, blank=True)
    claim_text = models.TextField(help_text="claimReviewed: the claim as the reviewer worded it.")
    claimant = models.CharField(max_length=300, blank=True)
    rating = models.CharField(max_length=200, help_text="reviewRating.alternateName")
    rating_value = models.FloatField(null=True, blank=True)
    best_rating = models.FloatField(null=True, blank=True)
    worst_rating = models.FloatField(null=True, blank=True)
    review_date = models.DateField(null=True, blank=True)
    language = models.CharField(max_length=8, blank=True)
    origin = models.CharField(
        max_length=1000, blank=True, help_text="File, URL or feed it came from."
    )
    model = models.CharField(max_length=60, blank=True)
    text_sha256 = models.CharField(max_length=64, blank=True)
    vector = models.BinaryField(null=True, blank=True)
    imported_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True, db_index=True)

    class Meta:
        ordering = ("-review_date", "-id")
        verbose_name = "other fact-checker's review"

    def __str__(self) -> str:
        date = self.review_date.isoformat() if self.review_date else "undated"
        return f"{self.reviewer} ({date}): {self.rating}"


class SuggestionStatus(models.TextChoices):
    PENDING = "pending", "pending"
    CONFIRMED = "confirmed", "confirmed"
    REJECTED = "rejected", "rejected"


class ClaimMatchSuggestion(models.Model):
    """A near match for an editor to confirm or reject; the decision is kept, never re-asked."""

    Status = SuggestionStatus

    claim = models.ForeignKey(
        "claims.Claim", on_delete=models.CASCADE, related_name="match_suggestions"
    )
    other = models.ForeignKey(
        "claims.Claim", on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    fact_check = models.ForeignKey(
        ExternalFactCheck, on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    score = models.FloatField()
    conflict = models.CharField(max_length=20, blank=True, help_text="Why a guard objects.")
    status = models.CharField(
        max_length=20, choices=SuggestionStatus.choices, default=SuggestionStatus.PENDING
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ("claim", "-score")
        constraints = [
            models.CheckConstraint(
                condition=Q(other__isnull=True) ^ Q(fact_check__isnull=True),
                name="suggestion_one_target",
            ),
            models.CheckConstraint(
                condition=Q(status__in=SuggestionStatus.values), name="suggestion_valid_status"
            ),
            models.CheckConstraint(
                condition=~Q(other=models.F("claim")), name="suggestion_not_self"
            ),
            models.UniqueConstraint(
                fields=("claim", "other"),
                condition=Q(other__isnull=False),
                name="suggestion_unique_claim",
            ),
            models.UniqueConstraint(
                fields=("claim", "fact_check"),
                condition=Q(fact_check__isnull=False),
                name="suggestion_unique_fact_check",
            ),
        ]

    def __str__(self) -> str:
        target = f"claim {self.other_id}" if self.other_id else f"review {self.fact_check_id}"
        return f"{self.claim_id} ~ {target} ({self.score:.2f}, {self.status})"


class Feed(models.Model):
    """An outlet's RSS or Atom feed, polled politely for new articles."""

    outlet = models.ForeignKey("claims.Outlet", on_delete=models.CASCADE, related_name="feeds")
    url = models.URLField(max_length=1000, unique=True)
    active = models.BooleanField(default=True)
    interval_minutes = models.PositiveIntegerField(default=30)
    etag = models.CharField(max_length=300, blank=True)
    last_modified = models.CharField(max_length=100, blank=True)
    last_polled_at = models.DateTimeField(null=True, blank=True)
    last_status = models.CharField(max_length=40, blank=True)
    error = models.TextField(blank=True)

    class Meta:
        ordering = ("outlet", "url")

    def __str__(self) -> str:
        return self.url


class FeedItemStatus(models.TextChoices):
    NEW = "new", "new"
    INGESTED = "ingested", "ingested"
    FAILED = "failed", "failed"
    SKIPPED = "skipped", "skipped (robots.txt or duplicate)"


class FeedItem(models.Model):
    """One entry seen in a feed; its guid is the natural key, so an entry is fetched once."""

    Status = FeedItemStatus

    feed = models.ForeignKey(Feed, on_delete=models.CASCADE, related_name="items")
    guid = models.CharField(max_length=1000)
    url = models.URLField(max_length=1000)
    title = models.CharField(max_length=500, blank=True)
    published_at = models.DateTimeField(null=True, blank=True)
    status = models.CharField(
        max_length=20, choices=FeedItemStatus.choices, default=FeedItemStatus.NEW
    )
    article = models.ForeignKey(
        "claims.Article", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    error = models.TextField(blank=True)
    seen_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ("-seen_at",)
        constraints = [
            models.UniqueConstraint(fields=("feed", "guid"), name="feeditem_unique_guid"),
            models.CheckConstraint(
                condition=Q(status__in=FeedItemStatus.values), name="feeditem_valid_status"
            ),
        ]

    def __str__(self) -> str:
        return self.title or self.url
