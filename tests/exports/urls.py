"""The URLs the export and report tests use, independent of how the project wires them."""

from django.contrib import admin
from django.urls import include, path

from claims.exports.admin import ClaimExportMixin
from claims.models import Claim

if not admin.site.is_registered(Claim):
    # Until the project's ClaimAdmin (which takes the mixin) is registered, a minimal one
    # stands in so the admin exports can be exercised.
    @admin.register(Claim)
    class ClaimAdmin(ClaimExportMixin, admin.ModelAdmin):
        list_display = ("text", "status")
        list_filter = ("status", "kind")
        search_fields = ("text",)


urlpatterns = [
    path("admin/", admin.site.urls),
    path("api/v1/exports/", include("claims.exports.urls")),
    path("reports/", include("claims.reports.urls")),
]
