"""URLs under /api/: the versioned partner API, its OpenAPI schema and offline docs."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse, HttpResponsePermanentRedirect, JsonResponse
from django.urls import Resolver404, include, path, re_path, resolve
from django.views.decorators.csrf import csrf_exempt
from drf_spectacular.views import (
    SpectacularAPIView,
    SpectacularRedocView,
    SpectacularSwaggerSplitView,
)
from rest_framework.routers import DefaultRouter

from partners.api import matching, views
from partners.api.exceptions import error_body

app_name = "api"

router = DefaultRouter(trailing_slash=True)
router.include_root_view = False
router.register("claims", views.ClaimViewSet, basename="claim")
router.register("actors", views.ActorViewSet, basename="actor")
router.register("sources", views.SourceViewSet, basename="source")
router.register("outlets", views.OutletViewSet, basename="outlet")
router.register("articles", views.ArticleViewSet, basename="article")
router.register("submissions", views.SubmissionViewSet, basename="submission")


# Exempt from CSRF: it changes nothing, and a POST to a wrong path must learn that the path is
# wrong (404), not read Django's HTML CSRF page.
@csrf_exempt
def not_found(request: HttpRequest, path: str = "") -> HttpResponse:
    """Unknown API paths answer in the API's error shape, not Django's HTML 404 page.

    A path that exists with a trailing slash (`/claims/7/claimreview`) is redirected with 308,
    which keeps the method and body, since this catch-all stops Django's APPEND_SLASH.
    """
    if not request.path.endswith("/"):
        try:
            match = resolve(request.path + "/")
        except Resolver404:
            match = None
        if match is not None and match.func is not not_found:
            query = request.META.get("QUERY_STRING", "")
            target = request.path + "/" + (f"?{query}" if query else "")
            return HttpResponsePermanentRedirect(target, preserve_request=True)
    return JsonResponse(
        error_body("not_found", f"No API endpoint at {request.path}. See /api/docs/."), status=404
    )


v1 = [
    path("claims/search/", matching.ClaimSearchView.as_view(), name="claim-search"),
    path("claims/<int:pk>/similar/", matching.SimilarClaimsView.as_view(), name="claim-similar"),
    *router.urls,
    path("claimreview/", views.ClaimReviewFeedView.as_view(), name="claimreview-feed"),
    path("partner/webhook", views.PartnerWebhookView.as_view(), name="partner-webhook"),
]

urlpatterns = [
    path("v1/", include(v1)),
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
    # The split view serves Swagger UI's initialiser as a file: the CSP allows no inline script.
    path("docs/", SpectacularSwaggerSplitView.as_view(url_name="api:schema"), name="docs"),
    path(
        "redoc/",
        SpectacularRedocView.as_view(url_name="api:schema", template_name="api/redoc.html"),
        name="redoc",
    ),
    re_path(r"^(?P<path>[\s\S]*)$", not_found),  # any character, newlines included
]
