from django.contrib import admin, messages
from django.db.models import Count
from django.template.response import TemplateResponse
from simple_history.admin import SimpleHistoryAdmin

from claims.admin.writes import writes_through
from claims.models import Actor, ActorAlias
from claims.services.actors import merge_actors, save_actor, save_aliases


class ActorAliasInline(admin.TabularInline):
    model = ActorAlias
    extra = 1
    fields = ("alias", "language")


@admin.register(Actor)
class ActorAdmin(SimpleHistoryAdmin):
    list_display = (
        "name",
        "kind",
        "country",
        "alias_count",
        "attribution_count",
        "created_by_extractor",
        "duplicate_of",
    )
    list_filter = (
        "kind",
        "country",
        "created_by_extractor",
        ("duplicate_of", admin.EmptyFieldListFilter),
    )
    search_fields = ("name", "aliases__alias", "wikidata_id")
    inlines = (ActorAliasInline,)
    actions = ("merge_selected",)
    raw_id_fields = ("duplicate_of",)

    def get_queryset(self, request):  # type: ignore[no-untyped-def]
        return (
            super()
            .get_queryset(request)
            .annotate(
                n_aliases=Count("aliases", distinct=True),
                n_attributions=Count("attributions", distinct=True),
            )
        )

    @admin.display(description="aliases", ordering="n_aliases")
    def alias_count(self, obj: Actor) -> int:
        return obj.n_aliases  # type: ignore[attr-defined]

    @admin.display(description="attributions", ordering="n_attributions")
    def attribution_count(self, obj: Actor) -> int:
        return obj.n_attributions  # type: ignore[attr-defined]

    def has_delete_permission(self, request, obj=None):  # type: ignore[no-untyped-def]
        return False  # deleting would orphan attributions; merge the duplicate instead

    @writes_through(save_actor)
    def save_model(self, request, obj, form, change):  # type: ignore[no-untyped-def]
        save_actor(actor=obj, user=request.user)

    @writes_through(save_aliases)
    def save_formset(self, request, form, formset, change):  # type: ignore[no-untyped-def]
        changed = formset.save(commit=False)
        save_aliases(actor=form.instance, changed=changed, deleted=formset.deleted_objects)

    @admin.action(description="Merge selected actors (choose which one survives)")
    def merge_selected(self, request, queryset):  # type: ignore[no-untyped-def]
        actors = list(queryset.order_by("pk"))
        if len(actors) < 2:
            self.message_user(request, "Select at least two actors to merge.", messages.WARNING)
            return None
        keep_pk = request.POST.get("keep", "")
        keep = next((a for a in actors if str(a.pk) == keep_pk), None)
        if "confirm" in request.POST and keep is not None:
            merge_actors(keep=keep, others=[a for a in actors if a.pk != keep.pk])
            self.message_user(
                request,
                f"Merged {len(actors) - 1} actor(s) into {keep.name}; their names are now aliases.",
                messages.SUCCESS,
            )
            return None
        if "confirm" in request.POST:
            self.message_user(request, "Choose the actor that survives.", messages.ERROR)
        # Suggest the curated actor with the longest track record; the editor decides.
        suggested = max(actors, key=lambda a: (not a.created_by_extractor, a.n_attributions))
        return TemplateResponse(
            request,
            "admin/claims/actor/merge_confirm.html",
            {
                **self.admin_site.each_context(request),
                "title": "Merge actors",
                "actors": actors,
                "suggested": suggested,
                "opts": self.model._meta,
                "action_checkbox_name": admin.helpers.ACTION_CHECKBOX_NAME,
            },
        )


@admin.register(ActorAlias)
class ActorAliasAdmin(admin.ModelAdmin):
    list_display = ("alias", "actor", "language", "normalized")
    list_filter = ("language",)
    list_select_related = ("actor",)
    search_fields = ("alias", "normalized", "actor__name")
    autocomplete_fields = ("actor",)
    readonly_fields = ("normalized",)

    @writes_through(save_aliases)
    def save_model(self, request, obj, form, change):  # type: ignore[no-untyped-def]
        save_aliases(actor=obj.actor, changed=[obj])

    @writes_through(save_aliases)
    def delete_model(self, request, obj):  # type: ignore[no-untyped-def]
        save_aliases(actor=obj.actor, changed=[], deleted=[obj])

    @writes_through(save_aliases)
    def delete_queryset(self, request, queryset):  # type: ignore[no-untyped-def]
        for alias in queryset.select_related("actor"):
            save_aliases(actor=alias.actor, changed=[], deleted=[alias])
