from django.contrib import admin
from django.urls import include, path

urlpatterns = [
    path("admin/", admin.site.urls),
    path("api/v1/exports/", include("claims.exports.urls")),
    path("reports/", include("claims.reports.urls")),
]
