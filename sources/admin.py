from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from sources.models import ClaimSource, Snapshot, Source


class SnapshotInline(admin.TabularInline):
    model = Snapshot
    extra = 0
    fields = ("fetched_at", "http_status", "content_type", "sha256")
    readonly_fields = fields
    can_delete = False

    def has_add_permission(self, request, obj=None):  # type: ignore[no-untyped-def]
        return False


@admin.register(Source)
class SourceAdmin(SimpleHistoryAdmin):
    list_display = ("__str__", "publisher", "kind", "archive_status", "created_at")
    list_filter = ("kind", "archive_status")
    search_fields = ("title", "url", "publisher")
    readonly_fields = ("archive_status", "archive_error")
    inlines = (SnapshotInline,)


@admin.register(Snapshot)
class SnapshotAdmin(admin.ModelAdmin):
    list_display = ("source", "fetched_at", "http_status", "sha256")
    list_select_related = ("source",)
    search_fields = ("source__url", "sha256")
    exclude = ("content",)
    readonly_fields = ("source", "fetched_at", "http_status", "content_type", "sha256", "text")


@admin.register(ClaimSource)
class ClaimSourceAdmin(admin.ModelAdmin):
    list_display = ("claim", "source", "relation", "added_by", "created_at")
    list_filter = ("relation",)
    list_select_related = ("claim", "source", "added_by")
    search_fields = ("claim__text", "source__url", "source__title")
    autocomplete_fields = ("source",)
    raw_id_fields = ("claim",)
