from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from claims.admin.writes import writes_through
from sources.models import ClaimSource, Snapshot, Source
from sources.services import attach_source, detach_source, get_or_create_source, update_source


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
    readonly_fields = ("archive_status", "archive_error", "archive_queued_at", "archive_prompts")
    inlines = (SnapshotInline,)

    def has_delete_permission(self, request, obj=None):  # type: ignore[no-untyped-def]
        return False  # evidence stays with its snapshots; unlink it from the claim instead

    @writes_through(get_or_create_source, update_source)
    def save_model(self, request, obj, form, change):  # type: ignore[no-untyped-def]
        data = form.cleaned_data
        if change:
            update_source(
                source=obj,
                changes={name: data[name] for name in form.changed_data},
                user=request.user,
            )
            return
        # The form refused a URL that exists already, so this creates and queues the archive.
        source, _ = get_or_create_source(
            url=data["url"], title=data["title"], publisher=data["publisher"], kind=data["kind"]
        )
        obj.pk, obj.archive_status, obj.created_at = (
            source.pk,
            source.archive_status,
            source.created_at,
        )
        obj._state.adding = False


@admin.register(Snapshot)
class SnapshotAdmin(admin.ModelAdmin):
    list_display = ("source", "fetched_at", "http_status", "sha256")
    list_select_related = ("source",)
    search_fields = ("source__url", "sha256")
    exclude = ("content",)
    readonly_fields = ("source", "fetched_at", "http_status", "content_type", "sha256", "text")

    # Written only by `archive_source`: a snapshot is a record of what the page said.
    def has_add_permission(self, request):  # type: ignore[no-untyped-def]
        return False

    def has_change_permission(self, request, obj=None):  # type: ignore[no-untyped-def]
        return False

    def has_delete_permission(self, request, obj=None):  # type: ignore[no-untyped-def]
        return False


@admin.register(ClaimSource)
class ClaimSourceAdmin(admin.ModelAdmin):
    list_display = ("claim", "source", "relation", "added_by", "created_at")
    list_filter = ("relation",)
    list_select_related = ("claim", "source", "added_by")
    search_fields = ("claim__text", "source__url", "source__title")
    autocomplete_fields = ("source",)
    raw_id_fields = ("claim",)

    @writes_through(attach_source)
    def save_model(self, request, obj, form, change):  # type: ignore[no-untyped-def]
        data = form.cleaned_data
        if change and (obj.claim_id, obj.source_id) != (
            form.initial.get("claim"),
            form.initial.get("source"),
        ):
            # Moving a link to another source is unlinking one and linking the other.
            detach_source(link=ClaimSource.objects.get(pk=obj.pk), user=request.user)
        link = attach_source(
            claim_id=data["claim"].pk,
            source=data["source"],
            relation=data["relation"],
            note=data.get("note", ""),
            user=request.user,
        )
        obj.pk = link.pk
        obj._state.adding = False

    @writes_through(detach_source)
    def delete_model(self, request, obj):  # type: ignore[no-untyped-def]
        detach_source(link=obj, user=request.user)

    @writes_through(detach_source)
    def delete_queryset(self, request, queryset):  # type: ignore[no-untyped-def]
        for link in queryset:
            detach_source(link=link, user=request.user)
