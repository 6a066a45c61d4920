"""Evidence sources, their archived snapshots, and the links between claims and sources."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from simple_history.models import HistoricalRecords


class SourceKind(models.TextChoices):
    PRIMARY = "primary", "primary document"
    OFFICIAL = "official", "official statement"
    STATISTICAL = "statistical", "statistical data"
    ACADEMIC = "academic", "academic"
    MEDIA = "media", "media report"
    EXPERT = "expert", "expert"
    OTHER = "other", "other"


class Relation(models.TextChoices):
    SUPPORTS = "supports", "supports"
    REFUTES = "refutes", "refutes"
    CONTEXT = "context", "context"


class Source(models.Model):
    Kind = SourceKind

    class ArchiveStatus(models.TextChoices):
        PENDING = "pending", "pending"
        ARCHIVED = "archived", "archived"
        FAILED = "failed", "failed"

    url = models.URLField(max_length=1000, unique=True)
    title = models.CharField(max_length=500, blank=True)
    publisher = models.CharField(max_length=300, blank=True)
    kind = models.CharField(max_length=20, choices=Kind.choices, default=Kind.OTHER)
    archive_status = models.CharField(
        max_length=20, choices=ArchiveStatus.choices, default=ArchiveStatus.PENDING
    )
    archive_error = models.TextField(blank=True)
    archive_queued_at = models.DateTimeField(
        null=True,
        blank=True,
        help_text="When archiving was last queued (or its retry is due): the outbox sweep "
        "queues it again when a pending source's task is long overdue (lost with the broker).",
    )
    archive_prompts = models.PositiveSmallIntegerField(
        default=0, help_text="How often the outbox sweep had to queue archiving again."
    )
    created_at = models.DateTimeField(auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ("title", "url")
        constraints = [
            models.CheckConstraint(
                condition=Q(kind__in=SourceKind.values), name="source_valid_kind"
            ),
        ]

    def __str__(self) -> str:
        return self.title or self.url


class Snapshot(models.Model):
    """Archived content of a source at one moment; the same content twice is one snapshot."""

    source = models.ForeignKey(Source, on_delete=models.CASCADE, related_name="snapshots")
    fetched_at = models.DateTimeField()
    http_status = models.PositiveSmallIntegerField()
    content_type = models.CharField(max_length=200, blank=True)
    sha256 = models.CharField(max_length=64)
    content = models.BinaryField()
    text = models.TextField(blank=True, help_text="Readable text extracted from the content.")

    class Meta:
        ordering = ("source", "-fetched_at")
        get_latest_by = "fetched_at"
        constraints = [
            models.UniqueConstraint(fields=("source", "sha256"), name="snapshot_unique_content"),
        ]

    def __str__(self) -> str:
        return f"{self.source} @ {self.fetched_at:%Y-%m-%d %H:%M}"


class ClaimSource(models.Model):
    Relation = Relation

    claim = models.ForeignKey("claims.Claim", on_delete=models.CASCADE, related_name="sources")
    source = models.ForeignKey(Source, on_delete=models.PROTECT, related_name="claim_links")
    relation = models.CharField(max_length=20, choices=Relation.choices)
    note = models.TextField(blank=True, help_text="Internal: never shown to partners.")
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ("claim", "created_at")
        constraints = [
            models.UniqueConstraint(fields=("claim", "source"), name="claimsource_unique"),
            models.CheckConstraint(
                condition=Q(relation__in=Relation.values),
                name="claimsource_valid_relation",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.source} {self.relation} claim {self.claim_id}"
