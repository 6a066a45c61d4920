from django.contrib import admin
from django.urls import include, path

from core import views

# The admin's "View site" link points at `/`, the landing page below.
admin.site.site_header = "Factcheck desk"
admin.site.site_title = "Factcheck desk"
admin.site.index_title = "Articles, claims and verdicts"

urlpatterns = [
    path("", views.home, name="home"),
    path("favicon.ico", views.favicon, name="favicon"),
    path("admin/", admin.site.urls),
    # Before the partner API: its include ends in a catch-all for unknown /api/ paths.
    path("api/v1/exports/", include("claims.exports.urls")),
    path("reports/", include("claims.reports.urls")),
    path("api/", include("partners.api.urls")),
]
