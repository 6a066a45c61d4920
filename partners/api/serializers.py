"""Shapes of the partner API. Read shapes never carry editors' names or internal notes."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.models import AnonymousUser
from django.urls import reverse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from claims.models import Actor, Article, Attribution, Claim, ClaimEvent, Outlet, Rating, Verdict
from partners.models import ArticleSubmission
from partners.selectors import is_staff_viewer
from sources.models import ClaimSource, Source


@extend_schema_field(
    {
        "type": "array",
        "items": {"type": "integer"},
        "minItems": 2,
        "maxItems": 2,
        "nullable": True,
        "description": "[start, end) character offsets into the article's text.",
    }
)
class SpanField(serializers.Field):
    def __init__(self, start: str, end: str, **kwargs: Any) -> None:
        self.start, self.end = start, end
        super().__init__(source="*", read_only=True, **kwargs)

    def to_representation(self, value: Any) -> list[int] | None:
        start, end = getattr(value, self.start), getattr(value, self.end)
        return None if start is None or end is None else [start, end]


@extend_schema_field(OpenApiTypes.URI)
class DetailURLField(serializers.Field):
    """The object's absolute API URL, reversed once per response instead of once per row.

    HyperlinkedIdentityField resolves the URL pattern for every row: a fifth of the time of a
    50-claim page went there.
    """

    def __init__(self, view_name: str, **kwargs: Any) -> None:
        self.view_name = view_name
        super().__init__(source="*", read_only=True, **kwargs)

    def to_representation(self, value: Any) -> str:
        return detail_url(self.context, self.view_name, value.pk)


def detail_url(context: dict[str, Any], view_name: str, pk: int) -> str:
    """The absolute API URL of object `pk`, the URL prefix reversed once per response."""
    prefixes = context.setdefault("_detail_url_prefixes", {})
    prefix = prefixes.get(view_name)
    if prefix is None:
        path = reverse(view_name, args=[0]).removesuffix("0/")
        request = context.get("request")
        prefix = request.build_absolute_uri(path) if request is not None else path
        prefixes[view_name] = prefix
    return f"{prefix}{pk}/"


class OutletSerializer(serializers.ModelSerializer):
    class Meta:
        model = Outlet
        fields = ("id", "name", "url", "country", "language")


class OutletBriefSerializer(serializers.ModelSerializer):
    class Meta:
        model = Outlet
        fields = ("id", "name")


class ActorBriefSerializer(serializers.ModelSerializer):
    class Meta:
        model = Actor
        fields = ("id", "name", "kind")


class AttributionSerializer(serializers.ModelSerializer):
    actor = ActorBriefSerializer(allow_null=True, read_only=True)
    actor_span = SpanField("actor_start", "actor_end")
    cue = serializers.CharField(source="cue_text", read_only=True)
    cue_span = SpanField("cue_start", "cue_end")

    class Meta:
        model = Attribution
        fields = (
            "actor",
            "actor_text",
            "actor_span",
            "cue",
            "cue_span",
            "stance",
            "confidence",
            "report_type",
            "role",
            "via",
        )

    def to_representation(self, instance: Attribution) -> dict[str, Any]:
        # The declared fields above are the contract (and the schema); this builds the same dict
        # directly because a claim page has ~75 attributions and DRF's generic per-field walk
        # was the largest cost of the list (test_claims pins the shape).
        actor = instance.actor
        return {
            "actor": None
            if actor is None
            else {"id": actor.pk, "name": actor.name, "kind": actor.kind},
            "actor_text": instance.actor_text,
            "actor_span": None
            if instance.actor_start is None or instance.actor_end is None
            else [instance.actor_start, instance.actor_end],
            "cue": instance.cue_text,
            "cue_span": None
            if instance.cue_start is None or instance.cue_end is None
            else [instance.cue_start, instance.cue_end],
            "stance": instance.stance,
            "confidence": instance.confidence,
            "report_type": instance.report_type,
            "role": instance.role,
            "via": instance.via,
        }


# Its to_representation reads only the attribution: one instance serves every row.
_ATTRIBUTION = AttributionSerializer()


class RatingSerializer(serializers.ModelSerializer):
    best_rating = serializers.IntegerField(source="scale.best_value", read_only=True)
    worst_rating = serializers.IntegerField(source="scale.worst_value", read_only=True)

    class Meta:
        model = Rating
        fields = ("label", "value", "alternate_name", "best_rating", "worst_rating")


class VerdictSerializer(serializers.ModelSerializer):
    """A published verdict as readers see it: no author or reviewer (editors stay unnamed)."""

    rating = RatingSerializer(read_only=True)

    class Meta:
        model = Verdict
        fields = ("rating", "summary", "explanation", "as_of", "published_at")


class ArticleBriefSerializer(serializers.ModelSerializer):
    outlet = OutletBriefSerializer(allow_null=True, read_only=True)

    class Meta:
        model = Article
        fields = ("id", "title", "url", "language", "published_at", "outlet")


class ClaimSerializer(serializers.ModelSerializer):
    url = DetailURLField("api:claim-detail")
    article = ArticleBriefSerializer(read_only=True)
    span = SpanField("span_start", "span_end")
    attributions = AttributionSerializer(many=True, read_only=True)
    verdict = VerdictSerializer(source="published_verdict", allow_null=True, read_only=True)

    class Meta:
        model = Claim
        fields: tuple[str, ...] = (
            "id",
            "url",
            "text",
            "normalized_text",
            "span",
            "segments",
            "kind",
            "checkworthiness",
            "article",
            "attributions",
            "verdict",
        )

    def to_representation(self, instance: Claim) -> dict[str, Any]:
        # The declared fields are the contract and the schema; the list builds the common ones
        # directly (a page is 50 claims with ~460 related objects, and DRF's generic walk over
        # nested serializers was about a third of its time: bench/api.py). Any other declared
        # field (a subclass's, or one added later) still goes through its DRF field, and
        # test_claims compares both paths on every field.
        # `self.fields` is built only for a field the fast path lacks: building it maps every
        # model field to a DRF field (with its validators), per request — 12% of a list page.
        fast = self._fast_fields(instance)
        data: dict[str, Any] = {}
        for name in self.Meta.fields:
            if name in fast:
                data[name] = fast[name]
            else:
                field = self.fields[name]
                attribute = field.get_attribute(instance)
                data[name] = None if attribute is None else field.to_representation(attribute)
        # The editor's neutral wording is work in progress until the verdict is published;
        # a partner reading its own submitted claims sees only the verbatim text.
        if instance.published_verdict_id is None and not self._viewer_is_staff():
            data["normalized_text"] = ""
        return data

    def _viewer_is_staff(self) -> bool:
        cached = self.context.get("_viewer_is_staff")
        if cached is None:
            cached = is_staff_viewer(self.context.get("viewer") or AnonymousUser())
            self.context["_viewer_is_staff"] = cached
        return cached

    def _fast_fields(self, claim: Claim) -> dict[str, Any]:
        article = claim.article
        outlet = article.outlet
        attributions = _ATTRIBUTION
        return {
            "id": claim.pk,
            "url": detail_url(self.context, "api:claim-detail", claim.pk),
            "text": claim.text,
            "normalized_text": claim.normalized_text,
            "span": [claim.span_start, claim.span_end],
            "kind": claim.kind,
            "checkworthiness": claim.checkworthiness,
            "article": {
                "id": article.pk,
                "title": article.title,
                "url": article.url,
                "language": article.language,
                "published_at": _datetime(article.published_at),
                "outlet": None if outlet is None else {"id": outlet.pk, "name": outlet.name},
            },
            "attributions": [attributions.to_representation(a) for a in claim.attributions.all()],
            "verdict": self._verdict(claim.published_verdict),
            "status": claim.status,
        }

    @staticmethod
    def _verdict(verdict: Verdict | None) -> dict[str, Any] | None:
        if verdict is None:
            return None
        rating = verdict.rating
        return {
            "rating": None
            if rating is None
            else {
                "label": rating.label,
                "value": rating.value,
                "alternate_name": rating.alternate_name,
                "best_rating": rating.scale.best_value,
                "worst_rating": rating.scale.worst_value,
            },
            "summary": verdict.summary,
            "explanation": verdict.explanation,
            "as_of": None if verdict.as_of is None else verdict.as_of.isoformat(),
            "published_at": _datetime(verdict.published_at),
        }


_DATETIME = serializers.DateTimeField()


def _datetime(value: Any) -> str | None:
    # DRF's own formatting (time zone, "Z" for UTC), without a bound field per row.
    return None if value is None else _DATETIME.to_representation(value)


# The list's rows from `.values()` (claim_rows): a page of 50 claims is ~460 related objects,
# and building them as model instances was most of what the list cost beyond its SQL.
CLAIM_ROW_VALUES = (
    "id",
    "text",
    "normalized_text",
    "span_start",
    "span_end",
    "segments",
    "kind",
    "checkworthiness",
    "status",
    "article_id",
    "article__title",
    "article__url",
    "article__language",
    "article__published_at",
    "article__outlet_id",
    "article__outlet__name",
    "published_verdict_id",
    "published_verdict__rating_id",
    "published_verdict__rating__label",
    "published_verdict__rating__value",
    "published_verdict__rating__alternate_name",
    "published_verdict__rating__scale__best_value",
    "published_verdict__rating__scale__worst_value",
    "published_verdict__summary",
    "published_verdict__explanation",
    "published_verdict__as_of",
    "published_verdict__published_at",
)
ATTRIBUTION_ROW_VALUES = (
    "claim_id",
    "actor_id",
    "actor__name",
    "actor__kind",
    "actor_text",
    "actor_start",
    "actor_end",
    "cue_text",
    "cue_start",
    "cue_end",
    "stance",
    "confidence",
    "report_type",
    "role",
    "via",
)
# The fields claim_rows renders (a field added to ClaimSerializer must be added there too:
# test_claims checks the list serializers' fields against this).
CLAIM_ROW_FIELDS = frozenset(
    (
        "id",
        "url",
        "text",
        "normalized_text",
        "span",
        "segments",
        "kind",
        "checkworthiness",
        "article",
        "attributions",
        "verdict",
        "status",
    )
)


def claim_rows(
    claims: list[dict[str, Any]],
    attributions: Any,
    *,
    fields: tuple[str, ...],
    staff: bool,
    context: dict[str, Any],
) -> list[dict[str, Any]]:
    """ClaimSerializer's rows (`fields` in its order) from `.values(*CLAIM_ROW_VALUES)` dicts and
    the page's attributions as `.values_list(*ATTRIBUTION_ROW_VALUES)` tuples in list order.

    The same JSON as the serializer: test_claims compares it with DRF's generic rendering."""
    by_claim: dict[int, list[dict[str, Any]]] = {claim["id"]: [] for claim in claims}
    for (
        claim_id,
        actor_id,
        actor_name,
        actor_kind,
        actor_text,
        actor_start,
        actor_end,
        cue_text,
        cue_start,
        cue_end,
        stance,
        confidence,
        report_type,
        role,
        via,
    ) in attributions:
        by_claim[claim_id].append(
            {
                "actor": None
                if actor_id is None
                else {"id": actor_id, "name": actor_name, "kind": actor_kind},
                "actor_text": actor_text,
                "actor_span": None
                if actor_start is None or actor_end is None
                else [actor_start, actor_end],
                "cue": cue_text,
                "cue_span": None if cue_start is None or cue_end is None else [cue_start, cue_end],
                "stance": stance,
                "confidence": confidence,
                "report_type": report_type,
                "role": role,
                "via": via,
            }
        )
    rows = []
    for c in claims:
        published = c["published_verdict_id"] is not None
        values = {
            "id": c["id"],
            "url": detail_url(context, "api:claim-detail", c["id"]),
            "text": c["text"],
            # The editor's wording is work in progress until the verdict is published.
            "normalized_text": c["normalized_text"] if published or staff else "",
            "span": [c["span_start"], c["span_end"]],
            "segments": c["segments"],
            "kind": c["kind"],
            "checkworthiness": c["checkworthiness"],
            "article": {
                "id": c["article_id"],
                "title": c["article__title"],
                "url": c["article__url"],
                "language": c["article__language"],
                "published_at": _datetime(c["article__published_at"]),
                "outlet": None
                if c["article__outlet_id"] is None
                else {"id": c["article__outlet_id"], "name": c["article__outlet__name"]},
            },
            "attributions": by_claim[c["id"]],
            "verdict": _verdict_row(c) if published else None,
            "status": c["status"],
        }
        rows.append({name: values[name] for name in fields})
    return rows


def _verdict_row(c: dict[str, Any]) -> dict[str, Any]:
    as_of = c["published_verdict__as_of"]
    return {
        "rating": None
        if c["published_verdict__rating_id"] is None
        else {
            "label": c["published_verdict__rating__label"],
            "value": c["published_verdict__rating__value"],
            "alternate_name": c["published_verdict__rating__alternate_name"],
            "best_rating": c["published_verdict__rating__scale__best_value"],
            "worst_rating": c["published_verdict__rating__scale__worst_value"],
        },
        "summary": c["published_verdict__summary"],
        "explanation": c["published_verdict__explanation"],
        "as_of": None if as_of is None else as_of.isoformat(),
        "published_at": _datetime(c["published_verdict__published_at"]),
    }


class StaffClaimSerializer(ClaimSerializer):
    """Staff also see the workflow status (partners see only what is published)."""

    class Meta(ClaimSerializer.Meta):
        fields = (*ClaimSerializer.Meta.fields, "status")


class SourceSerializer(serializers.ModelSerializer):
    class Meta:
        model = Source
        fields = ("id", "url", "title", "publisher", "kind", "archive_status", "created_at")


class ClaimSourceSerializer(serializers.ModelSerializer):
    """A claim's evidence link; the editors' `note` and `added_by` are internal."""

    source = SourceSerializer(read_only=True)  # type: ignore[assignment]

    class Meta:
        model = ClaimSource
        fields = ("source", "relation")


class PublicEventSerializer(serializers.ModelSerializer):
    class Meta:
        model = ClaimEvent
        fields = ("kind", "from_status", "to_status", "note", "created_at")


class ClaimDetailSerializer(ClaimSerializer):
    sources = serializers.SerializerMethodField()
    history = PublicEventSerializer(source="public_events", many=True, read_only=True)

    class Meta(ClaimSerializer.Meta):
        fields = (*ClaimSerializer.Meta.fields, "sources", "history")

    @extend_schema_field(ClaimSourceSerializer(many=True))
    def get_sources(self, claim: Claim) -> list[dict[str, Any]]:
        request = self.context.get("request")
        viewer = self.context.get("viewer")
        # Research becomes public with the verdict: a partner's own unpublished claim does not
        # reveal the sources editors are still weighing.
        if claim.published_verdict_id is None and not (viewer and is_staff_viewer(viewer)):
            return []
        links = getattr(claim, "source_links", None)
        if links is None:
            links = list(claim.sources.select_related("source"))
        return list(ClaimSourceSerializer(links, many=True, context={"request": request}).data)


class StaffClaimDetailSerializer(ClaimDetailSerializer):
    class Meta(ClaimDetailSerializer.Meta):
        fields = (*ClaimDetailSerializer.Meta.fields, "status")


class VerdictCountSerializer(serializers.Serializer):
    rating = serializers.CharField()
    alternate_name = serializers.CharField()
    rating_value = serializers.IntegerField()
    count = serializers.IntegerField()


class ActorSerializer(serializers.ModelSerializer):
    url = DetailURLField("api:actor-detail")
    track_record = serializers.SerializerMethodField(
        help_text="Published verdicts on the claims this actor asserted, counted per rating."
    )

    class Meta:
        model = Actor
        fields = (
            "id",
            "url",
            "name",
            "kind",
            "description",
            "country",
            "wikidata_id",
            "track_record",
        )

    @extend_schema_field(VerdictCountSerializer(many=True))
    def get_track_record(self, actor: Actor) -> list[dict[str, object]]:
        return self.context.get("track_records", {}).get(actor.pk, [])


class ArticleSerializer(serializers.ModelSerializer):
    url = DetailURLField("api:article-detail")
    source_url = serializers.CharField(source="url", read_only=True)
    outlet = OutletBriefSerializer(allow_null=True, read_only=True)
    claim_count = serializers.IntegerField(read_only=True)

    class Meta:
        model = Article
        fields: tuple[str, ...] = (
            "id",
            "url",
            "source_url",
            "title",
            "language",
            "outlet",
            "status",
            "error",
            "extractor_version",
            "extracted_at",
            "created_at",
            "claim_count",
        )


SUBMISSION_STATUSES = ["fetching", "received", "extracting", "extracted", "failed"]


class SubmissionSerializer(serializers.ModelSerializer):
    """One partner's submission: what it sent, how far it got, and the article once there is one.

    `status` goes `fetching` (a URL waiting for the worker) → `received` → `extracting` →
    `extracted`, or `failed` with `error` (the page could not be fetched, or the text could not
    be extracted).
    """

    url = DetailURLField("api:submission-detail")
    source_url = serializers.CharField(source="url", read_only=True)
    status = serializers.SerializerMethodField()
    error = serializers.SerializerMethodField()
    article = serializers.SerializerMethodField()
    article_id = serializers.IntegerField(allow_null=True, read_only=True)

    class Meta:
        model = ArticleSubmission
        fields = (
            "id",
            "url",
            "source_url",
            "title",
            "status",
            "error",
            "article",
            "article_id",
            "created_at",
        )

    @extend_schema_field(serializers.ChoiceField(choices=SUBMISSION_STATUSES))
    def get_status(self, submission: ArticleSubmission) -> str:
        if submission.fetch_status == ArticleSubmission.FetchStatus.PENDING:
            return "fetching"
        if submission.fetch_status == ArticleSubmission.FetchStatus.FAILED:
            return "failed"
        return submission.article.status if submission.article else "failed"

    def get_error(self, submission: ArticleSubmission) -> str:
        if submission.error or submission.article is None:
            return submission.error
        return submission.article.error

    @extend_schema_field({"type": "string", "format": "uri", "nullable": True})
    def get_article(self, submission: ArticleSubmission) -> str | None:
        if submission.article_id is None:
            return None
        path = reverse("api:article-detail", args=[submission.article_id])
        request = self.context.get("request")
        return request.build_absolute_uri(path) if request is not None else path


class ArticleDetailSerializer(ArticleSerializer):
    claims = ClaimSerializer(many=True, read_only=True)

    class Meta(ArticleSerializer.Meta):
        fields = (*ArticleSerializer.Meta.fields, "claims")


class StrictCharField(serializers.CharField):
    """A string, and only a string: DRF would turn `0` or `true` into "0" and "True"."""

    def to_internal_value(self, data: Any) -> str:
        if not isinstance(data, str):
            self.fail("invalid")
        return super().to_internal_value(data)


class StrictURLField(serializers.URLField):
    def to_internal_value(self, data: Any) -> str:
        if not isinstance(data, str):
            self.fail("invalid")
        return super().to_internal_value(data)


class ArticleSubmitSerializer(serializers.Serializer):
    body = StrictCharField(
        required=False,
        allow_blank=True,
        trim_whitespace=False,
        help_text="The article's text (plain or HTML). Omit it to fetch `url`.",
    )
    url = serializers.URLField(
        required=False,
        allow_blank=True,
        max_length=1000,
        help_text="Where the article is published.",
    )
    title = serializers.CharField(required=False, allow_blank=True, max_length=500)
    language = serializers.CharField(
        required=False, allow_blank=True, max_length=8, help_text="ISO 639-1; omit to detect."
    )
    outlet = StrictCharField(
        required=False,
        allow_blank=True,
        max_length=200,
        help_text="The publisher's name; matched case-insensitively against known outlets.",
    )
    published_at = serializers.DateTimeField(
        required=False,
        allow_null=True,
        help_text="When the outlet published the article (ISO 8601); ClaimReview's "
        "`itemReviewed.datePublished` and the date filters use it.",
    )

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        if not attrs.get("body", "").strip() and not attrs.get("url", "").strip():
            raise serializers.ValidationError(
                {
                    "body": ["Send the article's text in `body`, or its `url` to fetch it from."],
                }
            )
        return attrs


class WebhookSerializer(serializers.Serializer):
    url = StrictURLField(max_length=1000, help_text="HTTPS endpoint (DELETE stops the webhooks).")
    secret = StrictCharField(
        write_only=True,
        min_length=16,
        max_length=200,
        trim_whitespace=False,
        help_text="Shared secret for the webhook-signature HMAC (at least 16 characters; "
        "`whsec_<base64>` for the Standard Webhooks libraries).",
    )


class WebhookStatusSerializer(serializers.Serializer):
    """What the partner's webhook is set to; the secret itself is never shown again."""

    url = serializers.CharField(allow_blank=True, help_text="Empty: no webhook.")
    secret_set = serializers.BooleanField()
