from django.contrib import admin
from django.urls import include, path

urlpatterns = [
    path("admin/", admin.site.urls),
    # Before the partner API: its include ends in a catch-all for unknown /api/ paths.
    path("api/v1/exports/", include("claims.exports.urls")),
    path("reports/", include("claims.reports.urls")),
    path("api/", include("factcheck.api.urls")),
]
