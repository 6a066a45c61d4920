"""Articles, the attributed claims extracted from them, actors, ratings, verdicts and history.

Fields, choices, constraints and cheap properties only: every write that changes state goes
through `claims.services`.
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from simple_history.models import HistoricalRecords


class ActorKind(models.TextChoices):
    PERSON = "person", "person"
    ORGANISATION = "organisation", "organisation"
    GOVERNMENT = "government", "government / country"
    OFFICIALS = "officials", "group of officials"
    MEDIA = "media", "media"
    ANONYMOUS = "anonymous", "anonymous source"
    GROUP = "group", "other group"


class ArticleStatus(models.TextChoices):
    RECEIVED = "received", "received"
    EXTRACTING = "extracting", "extracting"
    EXTRACTED = "extracted", "extracted"
    FAILED = "failed", "failed"


class ClaimKind(models.TextChoices):
    DIRECT = "direct", "direct quote"
    INDIRECT = "indirect", "reported speech"
    MIXED = "mixed", "mixed (partial quote)"
    ACCORDING_TO = "according_to", "according to"


class ClaimStatus(models.TextChoices):
    NEW = "new", "new"
    TRIAGED = "triaged", "triaged"
    RESEARCHING = "researching", "researching"
    IN_REVIEW = "in_review", "in review"
    PUBLISHED = "published", "published"
    DISMISSED = "dismissed", "dismissed"


# Claims still on the desk's table: reminders flag them when they stay too long in one state.
OPEN_CLAIM_STATUSES = (
    ClaimStatus.NEW,
    ClaimStatus.TRIAGED,
    ClaimStatus.RESEARCHING,
    ClaimStatus.IN_REVIEW,
)
# Where a verdict can be drafted (`workflow.save_verdict`); the claim page asks the service
# (`workflow.verdict_blocker`) before it offers one.
VERDICT_DRAFT_STATUSES = (
    ClaimStatus.TRIAGED,
    ClaimStatus.RESEARCHING,
    ClaimStatus.IN_REVIEW,
)


class Origin(models.TextChoices):
    EXTRACTOR = "extractor", "extractor"
    EDITOR = "editor", "editor"


class Stance(models.TextChoices):
    ASSERTS = "asserts", "asserts"
    DENIES = "denies", "denies"
    FEARS = "fears", "fears"
    PROMISES = "promises", "promises"
    QUESTIONS = "questions", "questions"
    ORDERS = "orders", "orders"
    PRAISES = "praises", "praises"
    REPORTS = "reports", "reports"
    DOUBTS = "doubts", "doubts"

    @classmethod
    def authoring(cls) -> tuple[Stance, ...]:
        """Stances that make the actor an author of the claim: it puts the content forward.

        The one definition behind an actor's track record (API and reports), ClaimReview's
        `itemReviewed.author` and the exports' authors. Every attribution's actor is a source
        of the claim; the authors are the sources with one of these stances. A denial, a doubt
        or a question (`opposing`) is not authorship: an actor who denied a claim rated False
        was right, and counting it against them would invert their record.
        """
        return (cls.ASSERTS, cls.REPORTS, cls.PROMISES, cls.FEARS, cls.PRAISES, cls.ORDERS)

    @classmethod
    def opposing(cls) -> tuple[Stance, ...]:
        """Stances that set the actor against the claim's content (the rest of the enum)."""
        return (cls.DENIES, cls.DOUBTS, cls.QUESTIONS)


class ReportType(models.TextChoices):
    """What kind of report an attribution is: someone said it, believes it, found it in
    evidence, or it is given "according to" them."""

    SPEECH = "speech", "speech"
    BELIEF = "belief", "belief"
    EVIDENCE = "evidence", "evidence"
    ACCORDING_TO = "according_to", "according to"

    @classmethod
    def listed_by_default(cls) -> tuple[str, ...]:
        """What lists show unless asked for more: statements made, not beliefs or findings."""
        return (cls.SPEECH.value, cls.ACCORDING_TO.value)


class CommonRating(models.TextChoices):
    """The common five-point order every desk's scale maps onto, plus "unverifiable" (no point
    on it): what reports count by, so desks with different scales add up."""

    FALSE = "false", "False"
    MOSTLY_FALSE = "mostly_false", "Mostly false"
    MIXED = "mixed", "Half true / misleading"
    MOSTLY_TRUE = "mostly_true", "Mostly true"
    TRUE = "true", "True"
    UNVERIFIABLE = "unverifiable", "Unverifiable"

    @property
    def position(self) -> float | None:
        """0 for false … 1 for true; None for unverifiable, which is not on the order."""
        order = [CommonRating.FALSE, CommonRating.MOSTLY_FALSE, CommonRating.MIXED]
        order += [CommonRating.MOSTLY_TRUE, CommonRating.TRUE]
        return order.index(self) / 4 if self in order else None


class Outlet(models.Model):
    """A publisher of articles (a newspaper, a news site, an agency)."""

    name = models.CharField(max_length=200, unique=True)
    url = models.URLField(blank=True)
    country = models.CharField(max_length=2, blank=True, help_text="ISO 3166-1 alpha-2")
    language = models.CharField(max_length=8, blank=True)

    class Meta:
        ordering = ("name",)

    def __str__(self) -> str:
        return self.name


class RatingScale(models.Model):
    """A desk's set of verdict ratings, each mapped onto schema.org ClaimReview numbers."""

    name = models.CharField(max_length=100, unique=True)
    slug = models.SlugField(max_length=50, unique=True)
    language = models.CharField(max_length=8, blank=True)
    best_value = models.IntegerField(default=5)
    worst_value = models.IntegerField(default=1)

    class Meta:
        ordering = ("name",)
        constraints = [
            models.CheckConstraint(
                condition=Q(best_value__gt=F("worst_value")),
                name="ratingscale_best_above_worst",
            )
        ]

    def __str__(self) -> str:
        return self.name


class Rating(models.Model):
    scale = models.ForeignKey(RatingScale, on_delete=models.CASCADE, related_name="ratings")
    label = models.CharField(max_length=100, help_text="Shown to readers, e.g. 'Nepravda'.")
    value = models.IntegerField(help_text="ClaimReview ratingValue within the scale's range.")
    alternate_name = models.CharField(
        max_length=100, help_text="ClaimReview alternateName, e.g. 'False'."
    )
    description = models.TextField(blank=True)
    order = models.PositiveSmallIntegerField(default=0)
    common = models.CharField(
        max_length=20,
        choices=CommonRating.choices,
        blank=True,
        help_text="Its equivalent in the common order reports count by; empty: counted alone.",
    )

    class Meta:
        ordering = ("scale", "order", "value")
        constraints = [
            models.UniqueConstraint(fields=("scale", "label"), name="rating_unique_label"),
            models.CheckConstraint(
                condition=Q(common="") | Q(common__in=CommonRating.values),
                name="rating_valid_common",
            ),
        ]

    def __str__(self) -> str:
        return self.label


# A claim without a desk gets the desk defaults.
DEFAULT_STATE_LIMIT_DAYS = 7
DEFAULT_RECHECK_AFTER_DAYS = 180


class Desk(models.Model):
    """A fact-checking desk: its rating scale and the time limits its reminders enforce."""

    name = models.CharField(max_length=100, unique=True)
    slug = models.SlugField(max_length=50, unique=True)
    rating_scale = models.ForeignKey(RatingScale, on_delete=models.PROTECT, related_name="desks")
    is_default = models.BooleanField(
        default=False, help_text="Articles that arrive without a desk go to this one."
    )
    state_limit_days = models.PositiveSmallIntegerField(
        default=DEFAULT_STATE_LIMIT_DAYS,
        help_text="A claim in one workflow state longer than this is flagged overdue.",
    )
    recheck_after_days = models.PositiveSmallIntegerField(
        default=DEFAULT_RECHECK_AFTER_DAYS,
        help_text="Published verdicts are due for a re-check after this many days.",
    )

    class Meta:
        ordering = ("name",)
        constraints = [
            models.UniqueConstraint(
                fields=("is_default",), condition=Q(is_default=True), name="desk_one_default"
            ),
        ]

    def __str__(self) -> str:
        return self.name


class Actor(models.Model):
    """Somebody who makes claims: a person, an organisation, a government, a group of officials."""

    Kind = ActorKind

    name = models.CharField(max_length=200, unique=True)
    kind = models.CharField(max_length=20, choices=Kind.choices, default=Kind.PERSON)
    description = models.TextField(blank=True)
    country = models.CharField(max_length=2, blank=True, help_text="ISO 3166-1 alpha-2")
    wikidata_id = models.CharField(max_length=20, blank=True)
    created_by_extractor = models.BooleanField(
        default=False, help_text="Created automatically for a new named source; needs review."
    )
    duplicate_of = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="possible_duplicates",
        help_text="Set by the extractor when this looks like an existing actor: merge or clear.",
    )
    created_at = models.DateTimeField(auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ("name",)
        constraints = [
            models.CheckConstraint(condition=Q(kind__in=ActorKind.values), name="actor_valid_kind"),
        ]

    def __str__(self) -> str:
        return self.name


class ActorAlias(models.Model):
    """A way an actor is named in text: 'Putinem', 'šéf Kremlu' → Vladimir Putin."""

    actor = models.ForeignKey(Actor, on_delete=models.CASCADE, related_name="aliases")
    alias = models.CharField(max_length=200)
    language = models.CharField(max_length=8, blank=True, help_text="Empty: any language.")
    normalized = models.CharField(
        max_length=200, db_index=True, help_text="Casefolded lemma sequence used for matching."
    )

    class Meta:
        ordering = ("actor", "alias")
        verbose_name_plural = "actor aliases"
        constraints = [
            models.UniqueConstraint(
                fields=("actor", "alias", "language"), name="actoralias_unique_per_actor"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.alias} → {self.actor}"


class Article(models.Model):
    Status = ArticleStatus

    outlet = models.ForeignKey(
        Outlet, on_delete=models.PROTECT, null=True, blank=True, related_name="articles"
    )
    desk = models.ForeignKey(
        Desk, on_delete=models.PROTECT, null=True, blank=True, related_name="articles"
    )
    submitted_by = models.ForeignKey(
        "partners.Partner",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="articles",
        help_text="The partner newsroom that submitted it through the API, if any.",
    )
    url = models.URLField(max_length=1000, blank=True)
    title = models.CharField(max_length=500, blank=True)
    author = models.CharField(max_length=300, blank=True)
    published_at = models.DateTimeField(null=True, blank=True)
    language = models.CharField(max_length=8, blank=True, help_text="ISO 639-1; empty = detect.")
    body = models.TextField(help_text="The exact text that claim and attribution spans index.")
    body_sha256 = models.CharField(max_length=64, unique=True)
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.RECEIVED)
    error = models.TextField(blank=True)
    extractor_version = models.CharField(max_length=40, blank=True)
    extracted_at = models.DateTimeField(null=True, blank=True)
    queued_at = models.DateTimeField(
        null=True,
        blank=True,
        help_text="When extraction was last queued or started; the outbox sweep re-queues an "
        "article left received or extracting past its deadline.",
    )
    extraction_attempts = models.PositiveSmallIntegerField(
        default=0, help_text="Extraction runs started since the last request to extract."
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ("-published_at", "-id")
        indexes = [
            models.Index(fields=("status",), name="article_status_idx"),
            models.Index(fields=("language",), name="article_language_idx"),
            models.Index(fields=("published_at",), name="article_published_idx"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=("url",), condition=~Q(url=""), name="article_unique_url_when_set"
            ),
            models.CheckConstraint(
                condition=Q(status__in=ArticleStatus.values),
                name="article_valid_status",
            ),
            models.CheckConstraint(
                condition=~Q(status="failed") | ~Q(error=""), name="article_failed_has_error"
            ),
        ]

    def __str__(self) -> str:
        return self.title or f"Article {self.pk}"


class ClaimCluster(models.Model):
    """The same claim made in several articles or languages."""

    label = models.CharField(max_length=500)
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return self.label


class Claim(models.Model):
    Kind = ClaimKind

    Status = ClaimStatus

    Origin = Origin

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="claims")
    text = models.TextField(
        help_text="Verbatim: article.body[span_start:span_end], or its segments joined."
    )
    span_start = models.PositiveIntegerField()
    span_end = models.PositiveIntegerField()
    kind = models.CharField(max_length=20, choices=Kind.choices, default=Kind.INDIRECT)
    checkworthiness = models.FloatField(default=0.0)
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.NEW)
    status_changed_at = models.DateTimeField(auto_now_add=True)
    origin = models.CharField(max_length=20, choices=Origin.choices, default=Origin.EXTRACTOR)
    edited_by_editor = models.BooleanField(
        default=False, help_text="Set once an editor touches it: re-extraction keeps it."
    )
    assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="assigned_claims",
    )
    cluster = models.ForeignKey(
        ClaimCluster, on_delete=models.SET_NULL, null=True, blank=True, related_name="claims"
    )
    normalized_text = models.TextField(blank=True, help_text="The editor's neutral wording.")
    segments = models.JSONField(
        null=True,
        blank=True,
        help_text="[[start, end], …]: the pieces of a quotation interrupted by its attribution; "
        "the span covers them all and the text joins them.",
    )
    published_verdict = models.ForeignKey(
        "Verdict",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        help_text="The verdict readers see; set only by the publishing service.",
    )
    flagged_overdue = models.BooleanField(default=False)
    version = models.PositiveIntegerField(default=1, help_text="Optimistic lock.")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    history = HistoricalRecords(excluded_fields=("updated_at",))

    class Meta:
        ordering = ("article", "span_start")
        permissions = [
            ("triage_claim", "Can triage, assign and dismiss claims"),
            ("research_claim", "Can research claims and draft verdicts"),
            ("review_claim", "Can approve, publish, correct and retract claims"),
            ("export_claims", "Can export claims and read reports"),
        ]
        indexes = [
            models.Index(fields=("status", "-created_at"), name="claim_status_idx"),
            models.Index(fields=("assignee", "status"), name="claim_assignee_idx"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(span_end__gt=F("span_start")), name="claim_span_not_empty"
            ),
            # The natural key of an extracted claim: re-extraction and a redelivered task
            # upsert on it instead of adding a duplicate.
            models.UniqueConstraint(
                fields=("article", "span_start", "span_end"), name="claim_unique_span"
            ),
            models.CheckConstraint(
                condition=Q(status__in=ClaimStatus.values),
                name="claim_valid_status",
            ),
            models.CheckConstraint(condition=Q(kind__in=ClaimKind.values), name="claim_valid_kind"),
            models.CheckConstraint(
                condition=~Q(status="published") | Q(published_verdict__isnull=False),
                name="claim_published_has_verdict",
            ),
            models.CheckConstraint(
                condition=Q(checkworthiness__gte=0) & Q(checkworthiness__lte=1),
                name="claim_checkworthiness_0_1",
            ),
        ]

    def __str__(self) -> str:
        return self.text if len(self.text) <= 80 else self.text[:77] + "…"

    @property
    def due_on(self) -> dt.date | None:
        """When the desk expects the next step: an open claim leaves its state within the
        desk's limit, a published verdict is re-checked on its `review_by` date or
        `recheck_after_days` after publishing; a dismissed claim is due never.

        Reads `article.desk` and `published_verdict`: select them with the claim in lists.
        """
        desk = self.article.desk
        if self.status in OPEN_CLAIM_STATUSES:
            days = desk.state_limit_days if desk else DEFAULT_STATE_LIMIT_DAYS
            return timezone.localtime(self.status_changed_at).date() + dt.timedelta(days=days)
        verdict = self.published_verdict
        if self.status != ClaimStatus.PUBLISHED or verdict is None or verdict.published_at is None:
            return None
        if verdict.review_by:
            return verdict.review_by
        days = desk.recheck_after_days if desk else DEFAULT_RECHECK_AFTER_DAYS
        return timezone.localtime(verdict.published_at).date() + dt.timedelta(days=days)


class Attribution(models.Model):
    """Who made a claim, with which stance, and where in the text the source and cue stand."""

    Stance = Stance
    ReportType = ReportType

    claim = models.ForeignKey(Claim, on_delete=models.CASCADE, related_name="attributions")
    actor = models.ForeignKey(
        Actor, on_delete=models.SET_NULL, null=True, blank=True, related_name="attributions"
    )
    actor_text = models.CharField(max_length=500, blank=True)
    actor_start = models.PositiveIntegerField(null=True, blank=True)
    actor_end = models.PositiveIntegerField(null=True, blank=True)
    cue_text = models.CharField(max_length=200, blank=True)
    cue_start = models.PositiveIntegerField(null=True, blank=True)
    cue_end = models.PositiveIntegerField(null=True, blank=True)
    stance = models.CharField(max_length=20, choices=Stance.choices, default=Stance.ASSERTS)
    confidence = models.FloatField(default=1.0)
    origin = models.CharField(max_length=20, choices=Origin.choices, default=Origin.EXTRACTOR)
    report_type = models.CharField(
        max_length=20, choices=ReportType.choices, default=ReportType.SPEECH
    )
    # The speaker's title or position as the text gives it, kept out of the actor's name
    # ("předseda Soudcovské unie"), and the outlet that relayed the statement ("ČTK", "TASS").
    role = models.CharField(max_length=200, blank=True)
    via = models.CharField(max_length=200, blank=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ("claim", "actor_start", "id")
        indexes = [models.Index(fields=("actor", "stance"), name="attribution_actor_idx")]
        constraints = [
            models.CheckConstraint(
                condition=Q(stance__in=Stance.values),
                name="attribution_valid_stance",
            ),
            models.CheckConstraint(
                condition=Q(report_type__in=ReportType.values),
                name="attribution_valid_report_type",
            ),
            models.CheckConstraint(
                condition=Q(actor_start__isnull=True) | Q(actor_end__gt=F("actor_start")),
                name="attribution_actor_span_valid",
            ),
            models.CheckConstraint(
                condition=Q(cue_start__isnull=True) | Q(cue_end__gt=F("cue_start")),
                name="attribution_cue_span_valid",
            ),
        ]

    def __str__(self) -> str:
        who = self.actor.name if self.actor_id and self.actor else self.actor_text or "?"
        return f"{who} {self.stance}"


class Verdict(models.Model):
    """An editor's rating of a claim. A correction drafts a new verdict; old ones stay."""

    claim = models.ForeignKey(Claim, on_delete=models.CASCADE, related_name="verdicts")
    rating = models.ForeignKey(Rating, on_delete=models.PROTECT, related_name="verdicts")
    summary = models.CharField(max_length=500)
    explanation = models.TextField(blank=True)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="authored_verdicts"
    )
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="reviewed_verdicts",
    )
    as_of = models.DateField(help_text="The date the verdict's facts hold for.")
    published_at = models.DateTimeField(null=True, blank=True)
    review_by = models.DateField(null=True, blank=True, help_text="Re-check the verdict by then.")
    version = models.PositiveIntegerField(
        default=1, help_text="Optimistic lock; also the number of its latest VerdictVersion."
    )
    published_version = models.PositiveIntegerField(
        null=True, blank=True, help_text="The version the reviewer read and published."
    )
    corrects = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="corrections",
        help_text="The published verdict this draft was copied from for a correction.",
    )
    created_at = models.DateTimeField(auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ("claim", "-created_at")
        constraints = [
            models.UniqueConstraint(
                fields=("claim",),
                condition=Q(published_at__isnull=True),
                name="verdict_one_draft_per_claim",
            ),
            models.CheckConstraint(
                condition=Q(published_at__isnull=True) | Q(reviewer__isnull=False),
                name="verdict_published_has_reviewer",
            ),
            models.CheckConstraint(
                condition=Q(reviewer__isnull=True) | ~Q(reviewer=F("author")),
                name="verdict_four_eyes",
            ),
            # What readers see is exactly what the reviewer read: a change after review bumps
            # `version`, and publishing a verdict whose version moved on is refused.
            models.CheckConstraint(
                condition=Q(published_at__isnull=True)
                | (Q(published_version__isnull=False) & Q(published_version=F("version"))),
                name="verdict_published_is_reviewed",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.rating}: {self.summary}"


class VerdictVersion(models.Model):
    """One saved state of a verdict and who wrote it: the record four eyes are checked against."""

    verdict = models.ForeignKey(Verdict, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField()
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="verdict_versions"
    )
    rating = models.ForeignKey(Rating, on_delete=models.PROTECT, related_name="+")
    summary = models.CharField(max_length=500)
    explanation = models.TextField(blank=True)
    as_of = models.DateField()
    review_by = models.DateField(null=True, blank=True)
    note = models.CharField(max_length=300, blank=True, help_text="Why this version exists.")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ("verdict", "number")
        constraints = [
            models.UniqueConstraint(
                fields=("verdict", "number"), name="verdictversion_unique_number"
            ),
            models.CheckConstraint(condition=Q(number__gte=1), name="verdictversion_number_1_up"),
        ]

    def __str__(self) -> str:
        return f"{self.verdict_id} v{self.number} by {self.author_id}"


class ClaimEvent(models.Model):
    """Append-only history of a claim's workflow; also the outbox of notifications and webhooks."""

    class Kind(models.TextChoices):
        CREATED = "created", "created"
        TRANSITION = "transition", "transition"
        CORRECTION = "correction", "correction"
        RETRACTION = "retraction", "retraction"
        ASSIGNED = "assigned", "assigned"
        FLAGGED = "flagged", "flagged overdue"
        RECHECK = "recheck", "re-check due"

        @property
        def dispatched(self) -> bool:
            """Whether the outbox dispatches events of this kind (e-mail, webhooks).

            A machine-created claim is internal: an article yields dozens at once and nobody
            is waiting for them; the claim's later transitions are what people hear about.
            """
            return self is not ClaimEvent.Kind.CREATED

    claim = models.ForeignKey(Claim, on_delete=models.CASCADE, related_name="events")
    kind = models.CharField(max_length=20, choices=Kind.choices, default=Kind.TRANSITION)
    from_status = models.CharField(max_length=20, blank=True)
    to_status = models.CharField(max_length=20, blank=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True
    )
    note = models.TextField(blank=True)
    is_public = models.BooleanField(
        default=False, help_text="Shown to partners in the claim's public history."
    )
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    notified_at = models.DateTimeField(
        null=True,
        blank=True,
        help_text="Outbox: set once the event was dispatched (webhooks queued, e-mail sent); "
        "set at creation for internal kinds.",
    )

    class Meta:
        ordering = ("claim", "created_at", "id")
        indexes = [
            models.Index(
                fields=("created_at",),
                condition=Q(notified_at__isnull=True),
                name="claimevent_outbox_idx",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.claim_id}: {self.from_status} → {self.to_status}"

    @property
    def is_dispatched(self) -> bool:
        return ClaimEvent.Kind(self.kind).dispatched


class ExportJob(models.Model):
    """An export too large to stream in a request, built by a Celery task."""

    class Status(models.TextChoices):
        PENDING = "pending", "pending"
        RUNNING = "running", "running"
        DONE = "done", "done"
        FAILED = "failed", "failed"

    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="export_jobs"
    )
    format = models.CharField(max_length=20)
    layout = models.CharField(max_length=20, default="wide")
    filters = models.JSONField(default=dict, blank=True)
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.PENDING)
    progress = models.PositiveIntegerField(default=0, help_text="Rows written so far.")
    row_count = models.PositiveIntegerField(null=True, blank=True)
    file = models.FileField(upload_to="exports/", blank=True)
    error = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    queued_at = models.DateTimeField(
        null=True,
        blank=True,
        help_text="When the job was queued, or started running: the outbox sweep's clock for "
        "a job whose task was lost (broker outage) or whose worker died.",
    )
    attempts = models.PositiveSmallIntegerField(
        default=0, help_text="How many times a worker started building the file."
    )

    class Meta:
        ordering = ("-created_at",)

    def __str__(self) -> str:
        return f"Export {self.pk} ({self.format}, {self.status})"


# The matching tables live in their own module; importing them registers them with the app.
from claims.matching_models import (  # noqa: E402, F401
    ClaimEmbedding,
    ClaimMatchSuggestion,
    ExternalFactCheck,
    Feed,
    FeedItem,
    SuggestionStatus,
)
