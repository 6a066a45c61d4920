"""Partner API views: authenticate, authorise, call a selector or a service, shape the answer."""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from typing import Any

from django.db.models import QuerySet
from django.urls import reverse
from django_filters.rest_framework import DjangoFilterBackend
from drf_spectacular.utils import (
    OpenApiParameter,
    OpenApiResponse,
    extend_schema,
    extend_schema_view,
)
from rest_framework import mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import ValidationError
from rest_framework.pagination import CursorPagination
from rest_framework.permissions import BasePermission
from rest_framework.renderers import JSONRenderer
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.throttling import BaseThrottle
from rest_framework.views import APIView

from claims.models import Actor, Article, Attribution, Claim, Outlet, ReportType
from partners import selectors
from partners.api import serializers as s
from partners.api.claimreview import CLAIM_REVIEW_SCHEMA, claim_review
from partners.api.filters import ActorFilter, ClaimFilter, SourceFilter
from partners.api.permissions import PartnerOnly, PartnerOrStaff, partner_of, viewer_of
from partners.api.throttling import PartnerRateThrottle
from partners.models import ArticleSubmission
from partners.services import partners as partner_services
from partners.services.submissions import submit_for_partner
from sources.models import Source

ERROR_SCHEMA = {
    "type": "object",
    "properties": {
        "error": {
            "type": "object",
            "properties": {
                "code": {"type": "string"},
                "message": {"type": "string"},
                "fields": {
                    "type": "object",
                    "additionalProperties": {"type": "array", "items": {"type": "string"}},
                },
            },
            "required": ["code", "message", "fields"],
        }
    },
    "required": ["error"],
}
ERRORS = {
    code: OpenApiResponse(ERROR_SCHEMA, description=text)
    for code, text in {
        400: "Invalid input",
        401: "Missing, invalid, revoked or expired API key",
        403: "Not allowed (scope, staff only)",
        404: "Not found or not visible to the caller",
        429: "Throttled",
    }.items()
}


class Pagination(CursorPagination):
    """Cursor pages: stable under inserts, and cheap deep in a 100,000-row table."""

    page_size = 50
    page_size_query_param = "page_size"
    max_page_size = 100
    ordering = "-id"

    def get_page_size(self, request: Request) -> int:
        # DRF silently falls back to the default for `page_size=abc`; a partner asking for
        # something else than it gets should hear so.
        raw = request.query_params.get(self.page_size_query_param)
        if raw is None:
            return self.page_size
        if not raw.isdigit() or not 1 <= int(raw) <= self.max_page_size:
            raise ValidationError(
                {self.page_size_query_param: [f"A whole number from 1 to {self.max_page_size}."]}
            )
        return int(raw)

    def get_schema_operation_parameters(self, view: Any) -> list[dict[str, Any]]:
        parameters = super().get_schema_operation_parameters(view)
        for parameter in parameters:
            if parameter["name"] == self.page_size_query_param:
                parameter["schema"] = {
                    "type": "integer",
                    "minimum": 1,
                    "maximum": self.max_page_size,
                }
        return parameters


class NamePagination(Pagination):
    ordering = "name"


class APIBase(APIView):
    # Ids are bigints: a longer number cannot exist, and SQLite overflows on it.
    lookup_value_regex = "[0-9]{1,18}"
    permission_classes: Sequence[type[BasePermission]] = (PartnerOrStaff,)
    throttle_classes: Sequence[type[BaseThrottle]] = (PartnerRateThrottle,)


def _etag(data: Any) -> str:
    return '"' + hashlib.sha256(JSONRenderer().render(data)).hexdigest()[:40] + '"'


def conditional_response(request: Request, data: Any) -> Response:
    """200 with a strong ETag of the body, or 304 when `If-None-Match` already has it.

    The body differs per caller (staff see status, partners their own claims), so the ETag is of
    the rendered body and responses vary on the credentials.
    """
    etag = _etag(data)
    headers = {"ETag": etag, "Vary": "Authorization, Cookie"}
    given = request.headers.get("If-None-Match", "")
    tags = {tag.strip().removeprefix("W/") for tag in given.split(",") if tag.strip()}
    if etag in tags or "*" in tags:
        return Response(status=status.HTTP_304_NOT_MODIFIED, headers=headers)
    return Response(data, headers=headers)


class ETagRetrieveMixin:
    def retrieve(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        instance = self.get_object()  # type: ignore[attr-defined]
        data = self.get_serializer(instance).data  # type: ignore[attr-defined]
        return conditional_response(request, data)


REPORT_TYPE_PARAMETER = OpenApiParameter(
    "report_type",
    str,
    description="Which attributions to list: comma-separated speech, according_to, belief, "
    "evidence, or 'all'. Default: speech,according_to.",
)


def report_types_of(request: Request) -> tuple[str, ...]:
    """The report types the request asks for (beliefs and evidence only on request)."""
    raw = request.query_params.get("report_type", "").strip()
    if not raw:
        return ReportType.listed_by_default()
    if raw == "all":
        return tuple(ReportType.values)
    asked = tuple(part.strip() for part in raw.split(",") if part.strip())
    unknown = sorted(set(asked) - set(ReportType.values))
    if unknown:
        raise ValidationError(
            {
                "report_type": f"Unknown report type(s): {', '.join(unknown)}; "
                f"use {', '.join(ReportType.values)} or all."
            }
        )
    return asked


_304 = {304: OpenApiResponse(description="Not modified (If-None-Match matched the ETag)")}


@extend_schema_view(
    list=extend_schema(
        parameters=[REPORT_TYPE_PARAMETER],
        responses={200: s.ClaimSerializer(many=True), **ERRORS},
    ),
    retrieve=extend_schema(
        parameters=[REPORT_TYPE_PARAMETER],
        responses={200: s.ClaimDetailSerializer, **_304, **ERRORS},
    ),
)
class ClaimViewSet(APIBase, ETagRetrieveMixin, mixins.ListModelMixin, viewsets.GenericViewSet):
    """Attributed claims: published verdicts for every partner, plus a partner's own articles."""

    pagination_class = Pagination
    filter_backends = (DjangoFilterBackend,)
    filterset_class = ClaimFilter
    queryset = Claim.objects.none()  # for the schema; get_queryset is what runs

    def get_queryset(self) -> QuerySet[Claim]:
        viewer = viewer_of(self.request)
        if self.action == "list":
            # Rows come from .values() (see `list`): no related objects to select or prefetch.
            return selectors.claims_visible_to(viewer)
        if self.action == "claimreview":
            return selectors.published_claims() & selectors.claims_visible_to(viewer)
        return selectors.claim_detail(viewer, report_types_of(self.request))

    def get_serializer_class(self) -> type[s.ClaimSerializer]:
        staff = selectors.is_staff_viewer(viewer_of(self.request))
        if self.action == "retrieve":
            return s.StaffClaimDetailSerializer if staff else s.ClaimDetailSerializer
        return s.StaffClaimSerializer if staff else s.ClaimSerializer

    def get_serializer_context(self) -> dict[str, Any]:
        return {**super().get_serializer_context(), "viewer": viewer_of(self.request)}

    def list(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        """A page of claims built from `.values()` rows: the page's claims joined with article,
        outlet and published verdict, then its attributions joined with their actors; no model
        instances (`s.claim_rows`, the serializer's JSON field for field)."""
        viewer = viewer_of(request)
        queryset = self.filter_queryset(self.get_queryset())
        page = self.paginate_queryset(queryset.values(*s.CLAIM_ROW_VALUES))
        assert page is not None
        attributions = (
            Attribution.objects.filter(
                claim_id__in=[claim["id"] for claim in page],
                report_type__in=list(report_types_of(request)),
            )
            .order_by("actor_start", "id")
            .values_list(*s.ATTRIBUTION_ROW_VALUES)
        )
        rows = s.claim_rows(
            page,
            attributions if page else (),
            fields=self.get_serializer_class().Meta.fields,
            staff=selectors.is_staff_viewer(viewer),
            context=self.get_serializer_context(),
        )
        return self.get_paginated_response(rows)

    @extend_schema(
        filters=False,
        responses={
            200: OpenApiResponse(CLAIM_REVIEW_SCHEMA, "ClaimReview JSON-LD"),
            **_304,
            **ERRORS,
        },
    )
    @action(detail=True, methods=["get"], url_path="claimreview", filter_backends=())
    def claimreview(self, request: Request, pk: str | None = None) -> Response:
        """schema.org ClaimReview of the claim's published verdict (404 before publication)."""
        claim = self.get_object()
        return conditional_response(request, claim_review(claim, request=request))


@extend_schema(
    responses={
        200: OpenApiResponse(
            {
                "type": "object",
                "properties": {
                    "next": {"type": "string", "nullable": True},
                    "previous": {"type": "string", "nullable": True},
                    "results": {"type": "array", "items": CLAIM_REVIEW_SCHEMA},
                },
                "required": ["next", "previous", "results"],
            },
            "A page of ClaimReviews, newest claims first",
        ),
        **ERRORS,
    },
    parameters=[
        OpenApiParameter("cursor", str, description="The pagination cursor value."),
        OpenApiParameter(
            "page_size",
            {"type": "integer", "minimum": 1, "maximum": Pagination.max_page_size},
            description="Number of results to return per page.",
        ),
    ],
)
class ClaimReviewFeedView(APIBase):
    """ClaimReview JSON-LD of every published claim, paginated."""

    def get(self, request: Request) -> Response:
        paginator = Pagination()
        page = paginator.paginate_queryset(
            selectors.published_claims() & selectors.claims_visible_to(viewer_of(request)),
            request,
            view=self,
        )
        assert page is not None
        return paginator.get_paginated_response(
            [claim_review(claim, request=request) for claim in page]
        )


@extend_schema_view(
    list=extend_schema(responses={200: s.ActorSerializer(many=True), **ERRORS}),
    retrieve=extend_schema(responses={200: s.ActorSerializer, **_304, **ERRORS}),
)
class ActorViewSet(APIBase, ETagRetrieveMixin, mixins.ListModelMixin, viewsets.GenericViewSet):
    """Who makes claims, with their track record: published verdicts per rating."""

    serializer_class = s.ActorSerializer
    pagination_class = NamePagination
    filter_backends = (DjangoFilterBackend,)
    filterset_class = ActorFilter
    queryset = Actor.objects.none()

    def get_queryset(self) -> QuerySet[Actor]:
        return selectors.actors_visible_to(viewer_of(self.request))

    def list(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        page = self.paginate_queryset(self.filter_queryset(self.get_queryset()))
        assert page is not None
        records = selectors.actor_track_records([actor.pk for actor in page])
        serializer = self.get_serializer(
            page, many=True, context={**self.get_serializer_context(), "track_records": records}
        )
        return self.get_paginated_response(serializer.data)

    def retrieve(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        actor = self.get_object()
        records = selectors.actor_track_records([actor.pk])
        data = self.get_serializer(
            actor, context={**self.get_serializer_context(), "track_records": records}
        ).data
        return conditional_response(request, data)


@extend_schema_view(
    list=extend_schema(responses={200: s.SourceSerializer(many=True), **ERRORS}),
    retrieve=extend_schema(responses={200: s.SourceSerializer, **_304, **ERRORS}),
)
class SourceViewSet(APIBase, ETagRetrieveMixin, mixins.ListModelMixin, viewsets.GenericViewSet):
    """Evidence sources linked to published claims."""

    serializer_class = s.SourceSerializer
    pagination_class = Pagination
    filter_backends = (DjangoFilterBackend,)
    filterset_class = SourceFilter
    queryset = Source.objects.none()

    def get_queryset(self) -> QuerySet[Source]:
        return selectors.sources_visible_to(viewer_of(self.request))


@extend_schema_view(
    list=extend_schema(responses={200: s.OutletSerializer(many=True), **ERRORS}),
    retrieve=extend_schema(responses={200: s.OutletSerializer, **_304, **ERRORS}),
)
class OutletViewSet(APIBase, ETagRetrieveMixin, mixins.ListModelMixin, viewsets.GenericViewSet):
    """Publishers of the articles behind visible claims."""

    serializer_class = s.OutletSerializer
    pagination_class = NamePagination
    queryset = Outlet.objects.none()

    def get_queryset(self) -> QuerySet[Outlet]:
        return selectors.outlets_visible_to(viewer_of(self.request))


@extend_schema_view(
    list=extend_schema(responses={200: s.ArticleSerializer(many=True), **ERRORS}),
    retrieve=extend_schema(
        parameters=[REPORT_TYPE_PARAMETER],
        responses={200: s.ArticleDetailSerializer, **_304, **ERRORS},
    ),
    create=extend_schema(
        request=s.ArticleSubmitSerializer,
        responses={
            202: s.SubmissionSerializer,
            422: OpenApiResponse(ERROR_SCHEMA, "URL fetching is switched off on this server"),
            **ERRORS,
        },
    ),
)
class ArticleViewSet(
    APIBase,
    ETagRetrieveMixin,
    mixins.ListModelMixin,
    mixins.CreateModelMixin,
    viewsets.GenericViewSet,
):
    """A partner's submitted articles: submit text or a URL, then read the extracted claims.

    POST answers 202 with the partner's own submission record at once; a URL is fetched by
    the worker, and the submission (`/submissions/{id}/`) tells how it went.
    """

    pagination_class = Pagination
    queryset = Article.objects.none()
    write_scope = "submit"

    def get_queryset(self) -> QuerySet[Article]:
        viewer = viewer_of(self.request)
        if self.action == "retrieve":
            return selectors.article_detail(viewer, report_types_of(self.request))
        return selectors.articles_visible_to(viewer)

    def get_serializer_context(self) -> dict[str, Any]:
        return {**super().get_serializer_context(), "viewer": viewer_of(self.request)}

    def get_serializer_class(self) -> type:
        if self.action == "create":
            return s.ArticleSubmitSerializer
        if self.action == "retrieve":
            return s.ArticleDetailSerializer
        return s.ArticleSerializer

    def create(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        form = s.ArticleSubmitSerializer(data=request.data)
        form.is_valid(raise_exception=True)
        data = form.validated_data
        submission = submit_for_partner(
            partner=partner_of(request),
            body=data.get("body", ""),
            url=data.get("url", ""),
            title=data.get("title", ""),
            language=data.get("language", ""),
            outlet_name=data.get("outlet", ""),
            published_at=data.get("published_at"),
        )
        submission = selectors.submissions_visible_to(viewer_of(request)).get(pk=submission.pk)
        body = s.SubmissionSerializer(submission, context=self.get_serializer_context()).data
        location = request.build_absolute_uri(
            reverse("api:submission-detail", args=[submission.pk])
        )
        return Response(body, status=status.HTTP_202_ACCEPTED, headers={"Location": location})


@extend_schema_view(
    list=extend_schema(responses={200: s.SubmissionSerializer(many=True), **ERRORS}),
    retrieve=extend_schema(responses={200: s.SubmissionSerializer, **_304, **ERRORS}),
)
class SubmissionViewSet(APIBase, ETagRetrieveMixin, mixins.ListModelMixin, viewsets.GenericViewSet):
    """The partner's own submissions, each with its own id, status and error.

    Two partners sending the same text share one article (extracted once) but each has its own
    submission; neither learns of the other's.
    """

    pagination_class = Pagination
    serializer_class = s.SubmissionSerializer
    queryset = ArticleSubmission.objects.none()

    def get_queryset(self) -> QuerySet[ArticleSubmission]:
        return selectors.submissions_visible_to(viewer_of(self.request))


class PartnerWebhookView(APIBase):
    """The calling partner's webhook: where public claim events are POSTed, and the secret.

    Reading it needs the `read` scope, changing or removing it the `submit` scope (a read-only
    key must not redirect the partner's notifications); each counts against that scope's budget.
    """

    permission_classes = (PartnerOnly,)
    serializer_class = s.WebhookSerializer
    write_scope = "submit"

    @extend_schema(responses={200: s.WebhookStatusSerializer, **ERRORS})
    def get(self, request: Request) -> Response:
        partner = partner_of(request)
        assert partner is not None
        return Response(self._shape(partner))

    @extend_schema(
        request=s.WebhookSerializer, responses={200: s.WebhookStatusSerializer, **ERRORS}
    )
    def put(self, request: Request) -> Response:
        partner = partner_of(request)
        assert partner is not None
        form = s.WebhookSerializer(data=request.data)
        form.is_valid(raise_exception=True)
        partner = partner_services.set_webhook(
            partner=partner, url=form.validated_data["url"], secret=form.validated_data["secret"]
        )
        return Response(self._shape(partner))

    @extend_schema(responses={200: s.WebhookStatusSerializer, **ERRORS})
    def delete(self, request: Request) -> Response:
        partner = partner_of(request)
        assert partner is not None
        partner = partner_services.set_webhook(partner=partner, url="", secret="")
        return Response(self._shape(partner))

    @staticmethod
    def _shape(partner: Any) -> dict[str, Any]:
        return {"url": partner.webhook_url, "secret_set": bool(partner.webhook_secret)}
