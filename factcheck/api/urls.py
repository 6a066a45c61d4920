"""URLs under /api/: the versioned partner API, its OpenAPI schema and offline docs."""

from __future__ import annotations

from django.http import HttpRequest, JsonResponse
from django.urls import include, path, re_path
from drf_spectacular.views import SpectacularAPIView, SpectacularRedocView, SpectacularSwaggerView
from rest_framework.routers import DefaultRouter

from factcheck.api import views
from factcheck.api.exceptions import error_body

app_name = "api"

router = DefaultRouter(trailing_slash=True)
router.include_root_view = False
router.register("claims", views.ClaimViewSet, basename="claim")
router.register("actors", views.ActorViewSet, basename="actor")
router.register("sources", views.SourceViewSet, basename="source")
router.register("outlets", views.OutletViewSet, basename="outlet")
router.register("articles", views.ArticleViewSet, basename="article")


def not_found(request: HttpRequest, path: str = "") -> JsonResponse:
    """Unknown API paths answer in the API's error shape, not Django's HTML 404 page."""
    return JsonResponse(
        error_body("not_found", f"No API endpoint at {request.path}. See /api/docs/."), status=404
    )


v1 = [
    *router.urls,
    path("claimreview/", views.ClaimReviewFeedView.as_view(), name="claimreview-feed"),
    path("partner/webhook", views.PartnerWebhookView.as_view(), name="partner-webhook"),
]

urlpatterns = [
    path("v1/", include(v1)),
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
    path("docs/", SpectacularSwaggerView.as_view(url_name="api:schema"), name="docs"),
    path("redoc/", SpectacularRedocView.as_view(url_name="api:schema"), name="redoc"),
    re_path(r"^(?P<path>.*)$", not_found),
]
