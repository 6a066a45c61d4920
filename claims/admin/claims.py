"""The claim page: attributions, evidence, the verdict and the workflow in one place."""

from __future__ import annotations

from functools import partial

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.db.models import Prefetch
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html, format_html_join
from simple_history.admin import SimpleHistoryAdmin

from claims.admin.performance import LanguageFilter, LargeTableAdminMixin, StanceFilter
from claims.admin.writes import writes_through
from claims.errors import DomainError
from claims.exports.admin import ClaimExportMixin  # also registers ExportJobAdmin
from claims.filters import QUEUES
from claims.models import Attribution, Claim, ClaimEvent, ReportType, Verdict, VerdictVersion
from claims.search import search_claims
from claims.services import workflow
from claims.services.desks import default_desk
from claims.services.verdicts import stale_message
from sources.models import ClaimSource
from sources.services import attach_source, detach_source


class AssignedToMeFilter(admin.SimpleListFilter):
    title = "assignment"
    parameter_name = "assigned"

    def lookups(self, request, model_admin):  # type: ignore[no-untyped-def]
        return (("me", "assigned to me"), ("nobody", "unassigned"))

    def queryset(self, request, queryset):  # type: ignore[no-untyped-def]
        if self.value() == "me":
            return queryset.filter(assignee=request.user)
        if self.value() == "nobody":
            return queryset.filter(assignee__isnull=True)
        return queryset


class QueueFilter(admin.SimpleListFilter):
    title = "queue"
    parameter_name = "queue"

    def lookups(self, request, model_admin):  # type: ignore[no-untyped-def]
        return (
            ("review", "waiting for review"),
            ("overdue", "overdue / re-check due"),
            ("open", "open (not published or dismissed)"),
        )

    def queryset(self, request, queryset):  # type: ignore[no-untyped-def]
        condition = QUEUES.get(self.value() or "")
        return queryset if condition is None else queryset.filter(condition)


class ReportTypeFilter(admin.SimpleListFilter):
    """Statements made (speech, according to) unless the editor asks for beliefs and
    evidence too."""

    title = "report type"
    parameter_name = "report_type"
    ALL = "all"

    def lookups(self, request, model_admin):  # type: ignore[no-untyped-def]
        return [*ReportType.choices, (self.ALL, "all, beliefs and evidence included")]

    def choices(self, changelist):  # type: ignore[no-untyped-def]
        yield {
            "selected": self.value() is None,
            "query_string": changelist.get_query_string(remove=[self.parameter_name]),
            "display": "speech and according to",
        }
        for value, label in self.lookup_choices:
            yield {
                "selected": self.value() == value,
                "query_string": changelist.get_query_string({self.parameter_name: value}),
                "display": label,
            }

    def queryset(self, request, queryset):  # type: ignore[no-untyped-def]
        value = self.value()
        if value is None:
            return queryset.filter(report_type__in=ReportType.listed_by_default())
        if value == self.ALL:
            return queryset
        return queryset.filter(report_type=value)


class AttributionInline(admin.TabularInline):
    model = Attribution
    extra = 0
    fields = (
        "actor",
        "actor_text",
        "role",
        "via",
        "stance",
        "report_type",
        "cue_text",
        "confidence",
        "origin",
    )
    readonly_fields = ("origin",)
    autocomplete_fields = ("actor",)


class ClaimSourceInline(admin.TabularInline):
    model = ClaimSource
    extra = 1
    fields = ("source", "relation", "note", "added_by")
    readonly_fields = ("added_by",)
    autocomplete_fields = ("source",)


class VerdictForm(forms.ModelForm):
    # The version the editor loaded: saving over a newer one is refused (StaleVersion).
    loaded_version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = Verdict
        fields = ("rating", "summary", "explanation", "as_of", "review_by")
        help_texts = {"as_of": "Empty: today."}

    def __init__(self, *args, **kwargs):  # type: ignore[no-untyped-def]
        super().__init__(*args, **kwargs)
        self.fields["as_of"].required = False  # save_verdict defaults it to today
        if self.instance.pk:
            self.fields["loaded_version"].initial = self.instance.version

    def has_changed(self) -> bool:
        # A newer version on the server is not a change by this editor: only their edits count.
        return any(name != "loaded_version" for name in self.changed_data)


class VerdictInline(admin.StackedInline):
    """Drafts are edited through `save_verdict` (four eyes, stale-edit check); published stay."""

    model = Verdict
    form = VerdictForm
    extra = 0
    max_num = 1
    can_delete = False
    fields = (
        "rating",
        "summary",
        "explanation",
        "as_of",
        "review_by",
        "authors",
        "version",
        "loaded_version",
    )
    readonly_fields = ("authors", "version")
    verbose_name = "draft verdict"

    @admin.display(description="written by")
    def authors(self, obj: Verdict) -> str:
        if not obj.pk:
            return "—"
        return ", ".join(f"{u.get_username()}" for u in workflow.verdict_authors(obj)) or str(
            obj.author
        )

    def get_queryset(self, request):  # type: ignore[no-untyped-def]
        return (
            super()
            .get_queryset(request)
            .filter(published_at__isnull=True)
            .select_related("rating", "author", "reviewer")
            .prefetch_related("versions__author")
        )

    def get_extra(self, request, obj=None, **kwargs):  # type: ignore[no-untyped-def]
        has_draft = obj is not None and obj.verdicts.filter(published_at__isnull=True).exists()
        return 0 if has_draft else 1

    def formfield_for_foreignkey(self, db_field, request, **kwargs):  # type: ignore[no-untyped-def]
        field = super().formfield_for_foreignkey(db_field, request, **kwargs)
        claim_id = (
            request.resolver_match.kwargs.get("object_id") if request.resolver_match else None
        )
        if db_field.name == "rating" and claim_id:
            claim = Claim.objects.select_related("article__desk").filter(pk=claim_id).first()
            desk = (claim.article.desk if claim else None) or default_desk()
            if desk is not None:
                # One scale in the dropdown: the desk's (or the default desk's).
                field.queryset = field.queryset.filter(scale=desk.rating_scale_id)
        return field


class ClaimForm(forms.ModelForm):
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = Claim
        fields = ("normalized_text", "kind", "checkworthiness", "assignee", "cluster")

    def __init__(self, *args, **kwargs):  # type: ignore[no-untyped-def]
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.fields["version"].initial = self.instance.version

    def clean(self):  # type: ignore[no-untyped-def]
        cleaned = super().clean()
        loaded = cleaned.get("version")
        if self.instance.pk and loaded is not None:
            current = Claim.objects.filter(pk=self.instance.pk).values_list("version", flat=True)
            if current and current[0] != loaded:
                raise ValidationError(stale_message(self.instance, loaded))
        return cleaned


@admin.register(Claim)
class ClaimAdmin(LargeTableAdminMixin, ClaimExportMixin, SimpleHistoryAdmin):
    form = ClaimForm
    # Newest first, on the primary key: the default (article, span) expands into the article's
    # date ordering and an external sort over every row (bench/admin.py).
    ordering = ("-id",)
    # What a desk scans the queue for; kind, language, outlet and stance are filters.
    list_display = (
        "claim_and_article",
        "speakers",
        "status",
        "assignee",
        "due",
        "worth",
    )
    list_filter = (
        QueueFilter,
        AssignedToMeFilter,
        "status",
        "kind",
        LanguageFilter,
        "article__outlet",
        StanceFilter,
    )
    list_select_related = ("article__desk", "assignee", "published_verdict")
    search_fields = (
        "text",
        "normalized_text",
        "attributions__actor__name",
        "attributions__actor_text",
    )
    autocomplete_fields = ("assignee", "cluster")
    readonly_fields = (
        "text",
        "article",
        "span",
        "status",
        "origin",
        "edited_by_editor",
        "published_verdict",
        "created_at",
    )
    fieldsets = (
        (None, {"fields": ("text", "article", "span", "status", "published_verdict")}),
        (
            "Editing",
            {
                "fields": (
                    "normalized_text",
                    "kind",
                    "checkworthiness",
                    "assignee",
                    "cluster",
                    "version",
                )
            },
        ),
        (
            "Provenance",
            {"classes": ("collapse",), "fields": ("origin", "edited_by_editor", "created_at")},
        ),
    )
    inlines = (AttributionInline, ClaimSourceInline, VerdictInline)
    actions = ("assign_to_me", "triage_selected", "dismiss_selected")
    change_form_template = "admin/claims/claim/change_form.html"
    # The export buttons' template plus the link to the ranked new claims.
    change_list_template = "admin/claims/claim/change_list.html"

    def get_queryset(self, request):  # type: ignore[no-untyped-def]
        # The speakers column: one query for the page's attributions and their actors.
        speakers = Attribution.objects.select_related("actor").order_by("pk")
        return (
            super()
            .get_queryset(request)
            .prefetch_related(Prefetch("attributions", queryset=speakers))
        )

    def get_search_results(self, request, queryset, search_term):  # type: ignore[no-untyped-def]
        # Full-text indexes on PostgreSQL; never duplicates, so the changelist needs no DISTINCT.
        return search_claims(queryset, search_term, editor_fields=True, speakers=True), False

    @admin.display(description="claim", ordering="text")
    def claim_and_article(self, obj: Claim) -> str:
        text = obj.text if len(obj.text) <= 220 else obj.text[:217] + "…"
        return format_html('{}<div class="claim-article">{}</div>', text, obj.article)

    @admin.display(description="speakers")
    def speakers(self, obj: Claim) -> str:
        return (
            format_html_join(
                "",
                '<div>{}<span class="stance"> ({})</span></div>',
                (
                    (a.actor.name if a.actor else a.actor_text or "?", a.get_stance_display())
                    for a in obj.attributions.all()
                ),
            )
            or "—"
        )

    @admin.display(description="check-worthy", ordering="checkworthiness")
    def worth(self, obj: Claim) -> str:
        return f"{obj.checkworthiness:.2f}"

    @admin.display(description="due")
    def due(self, obj: Claim) -> str:
        due_on = obj.due_on
        if due_on is None:
            return "—"
        overdue = obj.flagged_overdue or due_on < timezone.localdate()
        return format_html(
            '<span class="{}" title="{}">{}</span>',
            "overdue" if overdue else "",
            "overdue / re-check due" if overdue else "",
            due_on.isoformat(),
        )

    @admin.display(description="span")
    def span(self, obj: Claim) -> str:
        return f"[{obj.span_start}, {obj.span_end})"

    def has_add_permission(self, request):  # type: ignore[no-untyped-def]
        return False  # claims come from extraction; editors add them from the article

    def has_delete_permission(self, request, obj=None):  # type: ignore[no-untyped-def]
        return False  # the history and the partners' references stay: dismiss instead

    # --- saving through the services --------------------------------------------------------

    @writes_through(workflow.update_claim)
    def save_model(self, request, obj, form, change):  # type: ignore[no-untyped-def]
        changed = {name: form.cleaned_data[name] for name in form.changed_data if name != "version"}
        if changed:
            workflow.update_claim(
                claim_id=obj.pk,
                expected_version=form.cleaned_data["version"],
                user=request.user,
                **changed,
            )

    @writes_through(
        workflow.save_verdict, attach_source, detach_source, workflow.save_editor_attributions
    )
    def save_formset(self, request, form, formset, change):  # type: ignore[no-untyped-def]
        claim = form.instance
        if formset.model in {Verdict, ClaimSource}:
            # Saved through the services below; the admin's change message reads these lists.
            formset.new_objects, formset.changed_objects, formset.deleted_objects = [], [], []
        if formset.model is Verdict:
            for verdict_form in formset.forms:
                if not verdict_form.has_changed() or not verdict_form.cleaned_data:
                    continue
                data = verdict_form.cleaned_data
                try:
                    workflow.save_verdict(
                        claim_id=claim.pk,
                        user=request.user,
                        rating=data["rating"],
                        summary=data["summary"],
                        explanation=data.get("explanation", ""),
                        as_of=data.get("as_of"),
                        review_by=data.get("review_by"),
                        expected_version=(
                            data.get("loaded_version") or verdict_form.instance.version
                        )
                        if verdict_form.instance.pk
                        else None,
                    )
                except DomainError as exc:
                    messages.error(request, exc.message)
            return
        if formset.model is ClaimSource:
            for link_form in formset.forms:
                data = link_form.cleaned_data
                if not data or not link_form.has_changed():
                    continue
                if data.get("DELETE") and link_form.instance.pk:
                    detach_source(link=link_form.instance, user=request.user)
                    continue
                attach_source(
                    claim_id=claim.pk,
                    source=data["source"],
                    relation=data["relation"],
                    note=data.get("note", ""),
                    user=request.user,
                )
            return
        changed = formset.save(commit=False)
        workflow.save_editor_attributions(
            claim_id=claim.pk, changed=changed, deleted=formset.deleted_objects, user=request.user
        )

    # --- the workflow panel -----------------------------------------------------------------

    def get_urls(self):  # type: ignore[no-untyped-def]
        urls = super().get_urls()
        from claims.admin.new_claims import desk_action_view, desk_view

        custom = [
            path(
                "<int:pk>/transition/<str:name>/",
                self.admin_site.admin_view(self.transition_view),
                name="claims_claim_transition",
            ),
            path(
                "desk/",
                self.admin_site.admin_view(partial(desk_view, self.admin_site)),
                name="claims_claim_desk",
            ),
            path(
                "desk/<int:pk>/<str:action>/",
                self.admin_site.admin_view(desk_action_view),
                name="claims_claim_desk_action",
            ),
        ]
        return custom + urls

    def change_view(self, request, object_id, form_url="", extra_context=None):  # type: ignore[no-untyped-def]
        claim = Claim.objects.filter(pk=object_id).first()
        extra_context = extra_context or {}
        if claim is not None:
            extra_context["transitions"] = workflow.available_transitions(
                claim=claim, user=request.user
            )
            extra_context["events"] = (
                ClaimEvent.objects.filter(claim=claim)
                .select_related("user")
                .order_by("-created_at", "-id")
            )
            published = list(
                claim.verdicts.filter(published_at__isnull=False)
                .select_related("rating", "author", "reviewer")
                .prefetch_related("versions__author")
            )
            for verdict in published:
                verdict.author_names = (
                    ", ".join(  # type: ignore[attr-defined]
                        u.get_username() for u in workflow.verdict_authors(verdict)
                    )
                    or verdict.author.get_username()
                )
            extra_context["published_verdicts"] = published
            draft = workflow.draft_verdict(claim)
            extra_context["draft_version"] = draft.version if draft else None
            if claim.status == Claim.Status.IN_REVIEW:
                extra_context["frozen_note"] = (
                    "The verdict is in review: saving a change to it sends the claim back to "
                    "researching for a new review."
                )
            from claims.admin.matching import matching_panel

            extra_context.update(matching_panel(claim, user=request.user))
        return super().change_view(request, object_id, form_url, extra_context)

    def transition_view(self, request: HttpRequest, pk: int, name: str) -> HttpResponse:
        claim = get_object_or_404(Claim, pk=pk)
        change_url = reverse("admin:claims_claim_change", args=[pk])
        if request.method != "POST":
            return HttpResponseRedirect(change_url)
        try:
            workflow.transition_claim(
                claim_id=claim.pk,
                name=name,
                user=request.user,
                note=request.POST.get("note", ""),
                expected_status=request.POST.get("expected_status") or None,
                verdict_version=_int_or_none(request.POST.get("verdict_version")),
            )
        except DomainError as exc:
            self.message_user(request, exc.message, messages.ERROR)
        else:
            label = workflow.TRANSITIONS[name].label
            self.message_user(request, f"{label}: done.", messages.SUCCESS)
        return HttpResponseRedirect(change_url)

    # --- bulk actions -----------------------------------------------------------------------

    def has_triage_permission(self, request: HttpRequest) -> bool:
        # Analysts read and export; assigning, triaging and dismissing are the desk's.
        return request.user.has_perm("claims.triage_claim")

    def _bulk(self, request, queryset, run, verb: str) -> None:  # type: ignore[no-untyped-def]
        done, failed = 0, []
        for claim in queryset:
            try:
                run(claim)
                done += 1
            except DomainError as exc:
                failed.append(f"#{claim.pk}: {exc.message}")
        if done:
            self.message_user(request, f"{verb} {done} claim(s).", messages.SUCCESS)
        for failure in failed:
            self.message_user(request, failure, messages.WARNING)

    @admin.action(description="Assign selected claims to me", permissions=["triage"])
    def assign_to_me(self, request, queryset):  # type: ignore[no-untyped-def]
        self._bulk(
            request,
            queryset,
            lambda c: workflow.assign_claim(
                claim_id=c.pk, assignee=request.user, user=request.user
            ),
            "Assigned",
        )

    @admin.action(description="Triage selected new claims", permissions=["triage"])
    def triage_selected(self, request, queryset):  # type: ignore[no-untyped-def]
        self._bulk(
            request,
            queryset,
            lambda c: workflow.transition_claim(claim_id=c.pk, name="triage", user=request.user),
            "Triaged",
        )

    @admin.action(description="Dismiss selected claims (asks for a reason)", permissions=["triage"])
    def dismiss_selected(self, request, queryset):  # type: ignore[no-untyped-def]
        reason = request.POST.get("reason", "").strip()
        if "confirm" in request.POST and reason:
            self._bulk(
                request,
                queryset,
                lambda c: workflow.transition_claim(
                    claim_id=c.pk, name="dismiss", user=request.user, note=reason
                ),
                "Dismissed",
            )
            return None
        if "confirm" in request.POST:
            self.message_user(request, "Dismissing needs a reason.", messages.ERROR)
        return TemplateResponse(
            request,
            "admin/claims/claim/dismiss_confirm.html",
            {
                **self.admin_site.each_context(request),
                "title": "Dismiss claims",
                "claims": queryset,
                "opts": self.model._meta,
                "action_checkbox_name": admin.helpers.ACTION_CHECKBOX_NAME,
            },
        )


def _int_or_none(value: str | None) -> int | None:
    return int(value) if value and value.isdigit() else None


@admin.register(ClaimEvent)
class ClaimEventAdmin(admin.ModelAdmin):
    list_display = (
        "claim",
        "kind",
        "from_status",
        "to_status",
        "user",
        "created_at",
        "notified_at",
        "is_public",
    )
    list_filter = ("kind", "to_status", "is_public")
    list_select_related = ("claim", "user")
    search_fields = ("note", "claim__text")
    date_hierarchy = "created_at"

    def has_add_permission(self, request):  # type: ignore[no-untyped-def]
        return False

    def has_change_permission(self, request, obj=None):  # type: ignore[no-untyped-def]
        return False  # append-only history

    def has_delete_permission(self, request, obj=None):  # type: ignore[no-untyped-def]
        return False


@admin.register(Attribution)
class AttributionAdmin(SimpleHistoryAdmin):
    list_display = (
        "claim",
        "actor",
        "actor_text",
        "role",
        "via",
        "stance",
        "report_type",
        "cue_text",
        "confidence",
    )
    list_filter = (ReportTypeFilter, "stance", "origin")
    list_select_related = ("claim", "actor")
    search_fields = ("actor_text", "actor__name", "cue_text", "claim__text")
    autocomplete_fields = ("actor",)
    raw_id_fields = ("claim",)
    readonly_fields = ("origin",)

    # An editor's fix is marked `origin=editor`, so re-extraction keeps it.
    @writes_through(workflow.save_editor_attributions)
    def save_model(self, request, obj, form, change):  # type: ignore[no-untyped-def]
        workflow.save_editor_attributions(
            claim_id=obj.claim_id, changed=[obj], deleted=[], user=request.user
        )

    @writes_through(workflow.save_editor_attributions)
    def delete_model(self, request, obj):  # type: ignore[no-untyped-def]
        workflow.save_editor_attributions(
            claim_id=obj.claim_id, changed=[], deleted=[obj], user=request.user
        )

    @writes_through(workflow.save_editor_attributions)
    def delete_queryset(self, request, queryset):  # type: ignore[no-untyped-def]
        for attribution in queryset:
            workflow.save_editor_attributions(
                claim_id=attribution.claim_id, changed=[], deleted=[attribution], user=request.user
            )


class VerdictVersionInline(admin.TabularInline):
    """Every saved version and its author: who wrote the verdict, read-only."""

    model = VerdictVersion
    extra = 0
    can_delete = False
    fields = ("number", "author", "rating", "summary", "as_of", "note", "created_at")
    readonly_fields = fields
    ordering = ("number",)

    def has_view_permission(self, request, obj=None):  # type: ignore[no-untyped-def]
        # Part of the verdict: whoever may read the verdict may read who wrote it.
        return request.user.has_perm("claims.view_verdict")

    def has_add_permission(self, request, obj=None):  # type: ignore[no-untyped-def]
        return False

    def has_change_permission(self, request, obj=None):  # type: ignore[no-untyped-def]
        return False


@admin.register(Verdict)
class VerdictAdmin(SimpleHistoryAdmin):
    list_display = ("claim", "rating", "summary", "author", "reviewer", "published_at")
    list_filter = ("rating", "published_at")
    list_select_related = ("claim", "rating", "author", "reviewer")
    search_fields = ("summary", "claim__text")
    readonly_fields = (
        "claim",
        "author",
        "reviewer",
        "published_at",
        "version",
        "published_version",
        "corrects",
    )
    inlines = (VerdictVersionInline,)

    def has_add_permission(self, request):  # type: ignore[no-untyped-def]
        return False  # verdicts are written on the claim page, through the workflow service

    def has_change_permission(self, request, obj=None):  # type: ignore[no-untyped-def]
        return False

    def has_delete_permission(self, request, obj=None):  # type: ignore[no-untyped-def]
        return False  # a verdict is history: corrections and retractions keep it
