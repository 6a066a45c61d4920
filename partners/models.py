"""Partner newsrooms, their API keys and the log of webhook deliveries to them."""

from __future__ import annotations

import uuid

from django.db import models
from rest_framework_api_key.models import AbstractAPIKey


class Partner(models.Model):
    name = models.CharField(max_length=200, unique=True)
    is_active = models.BooleanField(default=True)
    throttle_rate = models.CharField(
        max_length=20, default="600/hour", help_text="DRF rate, e.g. '600/hour'."
    )
    webhook_url = models.URLField(max_length=1000, blank=True)
    webhook_secret = models.CharField(max_length=200, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        # The tables kept the names they had when this app was the `factcheck` package.
        db_table = "factcheck_partner"
        ordering = ("name",)

    def __str__(self) -> str:
        return self.name


class PartnerAPIKey(AbstractAPIKey):
    """A hashed key (djangorestframework-api-key) with the scopes it grants its partner."""

    class Scope(models.TextChoices):
        READ = "read", "read"
        SUBMIT = "submit", "submit"

    partner = models.ForeignKey(Partner, on_delete=models.CASCADE, related_name="api_keys")
    scopes = models.JSONField(default=list, help_text='e.g. ["read", "submit"]')

    class Meta(AbstractAPIKey.Meta):
        db_table = "factcheck_partnerapikey"
        verbose_name = "partner API key"
        verbose_name_plural = "partner API keys"


class WebhookDelivery(models.Model):
    """One webhook message to one partner about one claim event, with its attempts."""

    class Status(models.TextChoices):
        PENDING = "pending", "pending"
        DELIVERED = "delivered", "delivered"
        FAILED = "failed", "failed"

    delivery_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    partner = models.ForeignKey(Partner, on_delete=models.CASCADE, related_name="deliveries")
    event = models.ForeignKey(
        "claims.ClaimEvent", on_delete=models.CASCADE, related_name="webhook_deliveries"
    )
    url = models.URLField(max_length=1000)
    payload = models.JSONField()
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.PENDING)
    attempts = models.PositiveSmallIntegerField(default=0)
    last_status_code = models.PositiveSmallIntegerField(null=True, blank=True)
    last_error = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    delivered_at = models.DateTimeField(null=True, blank=True)
    next_attempt_at = models.DateTimeField(
        null=True,
        blank=True,
        help_text="When the next attempt is due; the outbox sweep re-queues a pending delivery "
        "whose attempt is long overdue (its task was never queued or was lost).",
    )

    class Meta:
        db_table = "factcheck_webhookdelivery"
        ordering = ("-created_at",)
        verbose_name_plural = "webhook deliveries"
        constraints = [
            models.UniqueConstraint(fields=("partner", "event"), name="webhook_one_per_event"),
        ]

    def __str__(self) -> str:
        return f"{self.partner} ← event {self.event_id} ({self.status})"


class ArticleSubmission(models.Model):
    """One partner's submission of an article: its own id, title and fetch outcome.

    The article itself (text, claims) is stored and extracted once however many partners send
    it; each partner reads it through its own submission and never learns of the others'.
    A URL-only submission has no article until the worker has fetched the page.
    """

    class FetchStatus(models.TextChoices):
        NOT_NEEDED = "not_needed", "text sent"
        PENDING = "pending", "waiting for the fetch"
        FETCHED = "fetched", "fetched"
        FAILED = "failed", "fetch failed"

    partner = models.ForeignKey(
        Partner, on_delete=models.CASCADE, null=True, blank=True, related_name="submissions"
    )
    article = models.ForeignKey(
        "claims.Article",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="submissions",
    )
    url = models.URLField(max_length=1000, blank=True)
    title = models.CharField(max_length=500, blank=True)
    language = models.CharField(max_length=8, blank=True)
    published_at = models.DateTimeField(
        null=True, blank=True, help_text="When the outlet published it, as the partner said."
    )
    outlet_name = models.CharField(max_length=200, blank=True)
    fetch_status = models.CharField(
        max_length=20, choices=FetchStatus.choices, default=FetchStatus.NOT_NEEDED
    )
    error = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        db_table = "factcheck_articlesubmission"
        ordering = ("-id",)
        constraints = [
            # A partner sending the same text again gets its earlier submission back.
            models.UniqueConstraint(
                fields=("partner", "article"),
                condition=models.Q(partner__isnull=False, article__isnull=False),
                name="submission_one_per_partner_article",
            ),
            models.CheckConstraint(
                condition=models.Q(fetch_status__in=["not_needed", "pending", "fetched", "failed"]),
                name="submission_fetch_status_valid",
            ),
            models.CheckConstraint(
                condition=~models.Q(fetch_status="failed") | ~models.Q(error=""),
                name="submission_failed_has_error",
            ),
            models.CheckConstraint(
                condition=models.Q(fetch_status="pending")
                | models.Q(fetch_status="failed")
                | models.Q(article__isnull=False),
                name="submission_article_once_fetched",
            ),
        ]

    def __str__(self) -> str:
        return f"submission {self.pk} by {self.partner or 'staff'}"
