"""Editors' side of matching: the claim page's "checked before?" panel, suggestions, clusters,
and other fact-checkers' reviews (upload a file or a URL)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import admin, messages
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path, reverse

from claims.errors import DomainError
from claims.models import (
    Attribution,
    Claim,
    ClaimCluster,
    ClaimMatchSuggestion,
    ExternalFactCheck,
    Feed,
    FeedItem,
    Stance,
    SuggestionStatus,
)
from claims.services import matching
from claims.services.factchecks import (
    InvalidClaimReview,
    import_claimreviews,
    import_claimreviews_from_url,
)
from claims.services.matching_index import CLAIM, parse_key


def _appearances(claim_ids: list[int]) -> dict[int, Claim]:
    """Claims with what a row shows (outlet, date, language, speakers, verdict) in 2 queries."""
    return {
        c.pk: c
        for c in Claim.objects.filter(pk__in=claim_ids)
        .select_related("article__outlet", "published_verdict__rating", "cluster")
        .prefetch_related("attributions__actor")
    }


def _speakers(claim: Claim) -> str:
    parts = []
    for attribution in claim.attributions.all():
        who = attribution.actor.name if attribution.actor else attribution.actor_text or "?"
        parts.append(f"{who} ({attribution.stance})")
    return ", ".join(parts)


def matching_panel(claim: Claim, *, user: object) -> dict[str, Any]:
    """Context of the claim page's panel: similar claims, suggestions, reviews, the cluster."""
    found = matching.best_first(matching.similar_to(claim, top=15))
    suggestions = list(
        ClaimMatchSuggestion.objects.filter(claim=claim)
        .exclude(status=SuggestionStatus.REJECTED)
        .select_related("fact_check", "decided_by")
    )
    claim_ids = [pk for kind, pk in (parse_key(m.id) for m in found) if kind == CLAIM]
    claim_ids += [s.other_id for s in suggestions if s.other_id]
    rows = _appearances(claim_ids)
    review_ids = [pk for kind, pk in (parse_key(m.id) for m in found) if kind != CLAIM]
    reviews = {r.pk: r for r in ExternalFactCheck.objects.filter(pk__in=review_ids)}
    similar, checked = [], []
    floor = matching.similar_floor()
    below_floor = 0
    for match in found:
        kind, pk = parse_key(match.id)
        if kind == CLAIM and pk in rows and not matching.similar_enough(match):
            below_floor += 1
        elif kind == CLAIM and pk in rows:
            other = rows[pk]
            similar.append({"match": match, "claim": other, "speakers": _speakers(other)})
        elif kind != CLAIM and pk in reviews and matching.suggestible(match):
            checked.append({"match": match, "review": reviews[pk]})
    for suggestion in suggestions:
        if suggestion.fact_check and all(
            c["review"].pk != suggestion.fact_check_id for c in checked
        ):
            checked.append({"match": None, "review": suggestion.fact_check})
    offers = matching.verdict_offers(claim=claim, user=user)
    return {
        "similar": similar,
        "similar_floor": floor,
        "below_floor": below_floor,
        "suggestions": [
            {
                "suggestion": s,
                "claim": rows.get(s.other_id) if s.other_id else None,
                "speakers": _speakers(rows[s.other_id]) if s.other_id in rows else "",
            }
            for s in suggestions
            if s.other_id
        ],
        "checked_by_others": checked,
        "offered_verdicts": offers.verdicts,
        "offer_blocked": offers.blocked,
    }


@admin.register(ClaimMatchSuggestion)
class ClaimMatchSuggestionAdmin(admin.ModelAdmin):
    """Read-only list; deciding goes through `decide_suggestion` (the claim page's buttons)."""

    list_display = ("claim", "other", "fact_check", "score", "status", "decided_by")
    list_filter = ("status",)
    list_select_related = ("claim", "other", "fact_check", "decided_by")
    raw_id_fields = ("claim", "other", "fact_check")

    def has_add_permission(self, request):  # type: ignore[no-untyped-def]
        return False

    def has_change_permission(self, request, obj=None):  # type: ignore[no-untyped-def]
        return False

    def has_delete_permission(self, request, obj=None):  # type: ignore[no-untyped-def]
        return False  # a decision is history; the claim's deletion takes its suggestions along

    def get_urls(self):  # type: ignore[no-untyped-def]
        return [
            path(
                "<int:pk>/decide/",
                self.admin_site.admin_view(self.decide_view),
                name="claims_claimmatchsuggestion_decide",
            ),
            path(
                "adopt/<int:claim_id>/<int:verdict_id>/",
                self.admin_site.admin_view(self.adopt_view),
                name="claims_adopt_verdict",
            ),
            *super().get_urls(),
        ]

    def decide_view(self, request: HttpRequest, pk: int) -> HttpResponse:
        suggestion = get_object_or_404(ClaimMatchSuggestion, pk=pk)
        target = reverse("admin:claims_claim_change", args=[suggestion.claim_id])
        if request.method == "POST":
            confirm = request.POST.get("decision") == "confirm"
            try:
                matching.decide_suggestion(suggestion_id=pk, user=request.user, confirm=confirm)
            except DomainError as exc:
                messages.error(request, exc.message)
            else:
                messages.success(request, "Confirmed: same claim." if confirm else "Rejected.")
        return HttpResponseRedirect(target)

    def adopt_view(self, request: HttpRequest, claim_id: int, verdict_id: int) -> HttpResponse:
        target = reverse("admin:claims_claim_change", args=[claim_id])
        if request.method == "POST":
            try:
                matching.adopt_verdict(claim_id=claim_id, verdict_id=verdict_id, user=request.user)
            except DomainError as exc:
                messages.error(request, exc.message)
            else:
                messages.success(request, "The verdict is drafted on this claim; have it reviewed.")
        return HttpResponseRedirect(target)


admin.site.unregister(ClaimCluster)


@admin.register(ClaimCluster)
class ClaimClusterAdmin(admin.ModelAdmin):
    """A cluster page lists every appearance: who asserted the claim where, who denied it."""

    list_display = ("label", "size", "created_at")
    search_fields = ("label",)
    change_form_template = "admin/claims/claimcluster/change_form.html"

    def get_queryset(self, request):  # type: ignore[no-untyped-def]
        from django.db.models import Count

        return super().get_queryset(request).annotate(claim_count=Count("claims"))

    @admin.display(description="appearances", ordering="claim_count")
    def size(self, obj: ClaimCluster) -> int:
        return getattr(obj, "claim_count", 0)

    def change_view(self, request, object_id, form_url="", extra_context=None):  # type: ignore[no-untyped-def]
        extra_context = extra_context or {}
        claims = (
            Claim.objects.filter(cluster_id=object_id)
            .select_related("article__outlet", "published_verdict__rating")
            .prefetch_related("attributions__actor")
            .order_by("article__published_at", "pk")
        )
        appearances = []
        for claim in claims:
            attributions: list[Attribution] = list(claim.attributions.all())
            appearances.append(
                {
                    "claim": claim,
                    "asserted": [a for a in attributions if a.stance != Stance.DENIES],
                    "denied": [a for a in attributions if a.stance == Stance.DENIES],
                }
            )
        extra_context["appearances"] = appearances
        return super().change_view(request, object_id, form_url, extra_context)


class ClaimReviewUploadForm(forms.Form):
    file = forms.FileField(required=False, help_text="ClaimReview JSON-LD, a list or a DataFeed.")
    url = forms.URLField(required=False, help_text="A fact-check page or a ClaimReview feed.")

    def clean(self):  # type: ignore[no-untyped-def]
        data = super().clean()
        if bool(data.get("file")) == bool(data.get("url")):
            raise forms.ValidationError("Give a file or a URL (one of them).")
        return data


@admin.register(ExternalFactCheck)
class ExternalFactCheckAdmin(admin.ModelAdmin):
    """Other fact-checkers' reviews: read-only rows; they come in through the import service."""

    list_display = ("claim_text", "reviewer", "rating", "review_date", "language")
    list_filter = ("reviewer", "language")
    search_fields = ("claim_text", "reviewer", "url")
    exclude = ("vector",)
    change_list_template = "admin/claims/externalfactcheck/change_list.html"

    def has_add_permission(self, request):  # type: ignore[no-untyped-def]
        return False

    def has_change_permission(self, request, obj=None):  # type: ignore[no-untyped-def]
        return False

    def has_delete_permission(self, request, obj=None):  # type: ignore[no-untyped-def]
        return False  # re-importing the reviewer's file updates a review in place

    def get_urls(self):  # type: ignore[no-untyped-def]
        return [
            path(
                "import/",
                self.admin_site.admin_view(self.import_view),
                name="claims_externalfactcheck_import",
            ),
            *super().get_urls(),
        ]

    def import_view(self, request: HttpRequest) -> HttpResponse:
        if not request.user.has_perm("claims.triage_claim"):
            messages.error(request, "You may not import reviews (needs claims.triage_claim).")
            return HttpResponseRedirect(reverse("admin:claims_externalfactcheck_changelist"))
        form = ClaimReviewUploadForm(request.POST or None, request.FILES or None)
        if request.method == "POST" and form.is_valid():
            try:
                if form.cleaned_data["file"]:
                    upload = form.cleaned_data["file"]
                    result = import_claimreviews(data=upload.read(), origin=upload.name)
                else:
                    result = import_claimreviews_from_url(url=form.cleaned_data["url"])
            except InvalidClaimReview as exc:
                form.add_error(None, exc.message)
            else:
                messages.success(
                    request, f"Imported {result.created} new and {result.updated} updated reviews."
                )
                return HttpResponseRedirect(reverse("admin:claims_externalfactcheck_changelist"))
        context = {
            **self.admin_site.each_context(request),
            "form": form,
            "title": "Import other fact-checkers' reviews (ClaimReview)",
            "opts": self.model._meta,
        }
        return TemplateResponse(request, "admin/claims/externalfactcheck/import.html", context)


class FeedItemInline(admin.TabularInline):
    model = FeedItem
    fields = ("title", "url", "published_at", "status", "article", "error")
    readonly_fields = fields
    extra = 0
    max_num = 0
    can_delete = False
    ordering = ("-seen_at",)


@admin.register(Feed)
class FeedAdmin(admin.ModelAdmin):
    """An outlet's monitored feeds: configuration, the last poll's outcome, the items seen."""

    list_display = ("url", "outlet", "active", "interval_minutes", "last_polled_at", "last_status")
    list_filter = ("active", "outlet", "last_status")
    list_select_related = ("outlet",)
    fields = (
        "outlet",
        "url",
        "active",
        "interval_minutes",
        "last_polled_at",
        "last_status",
        "error",
    )
    readonly_fields = ("last_polled_at", "last_status", "error")
    inlines = (FeedItemInline,)
    actions = ("poll_now",)

    @admin.action(description="Poll the selected feeds now")
    def poll_now(self, request: HttpRequest, queryset: Any) -> None:
        from claims.tasks import poll_feed_task

        for feed_id in queryset.values_list("pk", flat=True):
            poll_feed_task.delay(feed_id=feed_id)
        messages.success(request, f"{queryset.count()} feeds will be polled.")
