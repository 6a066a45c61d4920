from django.contrib import admin

from claims.models import ClaimCluster, Desk, Outlet, Rating, RatingScale


class RatingInline(admin.TabularInline):
    model = Rating
    extra = 0
    fields = ("order", "label", "value", "alternate_name", "description")


@admin.register(RatingScale)
class RatingScaleAdmin(admin.ModelAdmin):
    list_display = ("name", "language", "worst_value", "best_value")
    search_fields = ("name",)
    prepopulated_fields = {"slug": ("name",)}
    inlines = (RatingInline,)


@admin.register(Rating)
class RatingAdmin(admin.ModelAdmin):
    list_display = ("label", "scale", "value", "alternate_name")
    list_filter = ("scale",)
    list_select_related = ("scale",)
    search_fields = ("label", "alternate_name")


@admin.register(Desk)
class DeskAdmin(admin.ModelAdmin):
    list_display = ("name", "rating_scale", "state_limit_days", "recheck_after_days")
    list_select_related = ("rating_scale",)
    search_fields = ("name",)
    prepopulated_fields = {"slug": ("name",)}


@admin.register(Outlet)
class OutletAdmin(admin.ModelAdmin):
    list_display = ("name", "country", "language", "url")
    list_filter = ("country", "language")
    search_fields = ("name", "url")


@admin.register(ClaimCluster)
class ClaimClusterAdmin(admin.ModelAdmin):
    list_display = ("label", "created_at")
    search_fields = ("label",)
