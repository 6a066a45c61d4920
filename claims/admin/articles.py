from django.contrib import admin, messages
from django.db.models import Count, Prefetch
from django.utils.html import format_html, format_html_join

from claims.highlight import highlight_spans
from claims.models import Article, Attribution, Claim
from claims.services.articles import request_extraction


class ClaimInline(admin.TabularInline):
    model = Claim
    extra = 0
    fields = ("text", "kind", "status", "checkworthiness")
    readonly_fields = fields
    show_change_link = True
    can_delete = False

    def has_add_permission(self, request, obj=None):  # type: ignore[no-untyped-def]
        return False


@admin.register(Article)
class ArticleAdmin(admin.ModelAdmin):
    list_display = (
        "title_or_id",
        "outlet",
        "language",
        "published_at",
        "status",
        "claim_count",
        "submitted_by",
    )
    list_filter = ("status", "language", "outlet", "submitted_by", "published_at")
    list_select_related = ("outlet", "submitted_by")
    search_fields = ("title", "url", "body")
    date_hierarchy = "published_at"
    autocomplete_fields = ("outlet",)
    readonly_fields = (
        "annotated_body",
        "claims_table",
        "status",
        "error",
        "extractor_version",
        "extracted_at",
        "body_sha256",
        "created_at",
    )
    fieldsets = (
        (
            None,
            {"fields": ("title", "outlet", "desk", "url", "author", "published_at", "language")},
        ),
        ("Extraction", {"fields": ("status", "error", "extractor_version", "extracted_at")}),
        ("Text and claims", {"fields": ("annotated_body", "claims_table")}),
        ("Raw text", {"classes": ("collapse",), "fields": ("body", "body_sha256", "created_at")}),
    )
    actions = ("re_extract",)

    def get_queryset(self, request):  # type: ignore[no-untyped-def]
        return super().get_queryset(request).annotate(n_claims=Count("claims"))

    def get_readonly_fields(self, request, obj=None):  # type: ignore[no-untyped-def]
        # Spans index the stored text: once claims exist, editing the body would move them.
        fields = list(super().get_readonly_fields(request, obj))
        return [*fields, "body"] if obj is not None else fields

    @admin.display(description="article", ordering="title")
    def title_or_id(self, obj: Article) -> str:
        return str(obj)

    @admin.display(description="claims", ordering="n_claims")
    def claim_count(self, obj: Article) -> int:
        return obj.n_claims  # type: ignore[attr-defined]

    def _claims(self, obj: Article) -> list[Claim]:
        attributions = Attribution.objects.select_related("actor")
        return list(obj.claims.prefetch_related(Prefetch("attributions", queryset=attributions)))

    @admin.display(description="text with claims marked")
    def annotated_body(self, obj: Article):  # type: ignore[no-untyped-def]
        if obj.pk is None:
            return "—"
        spans = [(c.span_start, c.span_end, f"#{n}") for n, c in enumerate(self._claims(obj), 1)]
        return format_html('<div class="annotated-body">{}</div>', highlight_spans(obj.body, spans))

    @admin.display(description="claims and who made them")
    def claims_table(self, obj: Article):  # type: ignore[no-untyped-def]
        if obj.pk is None:
            return "—"
        rows = []
        for n, claim in enumerate(self._claims(obj), 1):
            who = format_html_join(
                "",
                "<li><b>{}</b> — {} <i>(cue: {})</i></li>",
                (
                    (
                        a.actor.name if a.actor else a.actor_text or "?",
                        a.get_stance_display(),
                        a.cue_text or "—",
                    )
                    for a in claim.attributions.all()
                ),
            )
            rows.append(
                format_html(
                    '<tr><td>#{}</td><td><a href="../../claim/{}/change/">{}</a><br><small>{} · {}'
                    "</small></td><td><ul>{}</ul></td></tr>",
                    n,
                    claim.pk,
                    claim.text,
                    claim.get_kind_display(),
                    claim.get_status_display(),
                    who,
                )
            )
        if not rows:
            return "No claims extracted."
        return format_html(
            '<table class="claims-table"><tr><th></th><th>claim</th><th>attributions</th></tr>'
            "{}</table>",
            format_html_join("", "{}", ((row,) for row in rows)),
        )

    @admin.action(
        description="Re-extract claims (keeps what editors changed)", permissions=["change"]
    )
    def re_extract(self, request, queryset):  # type: ignore[no-untyped-def]
        # Queued, never run here: a long article would outlive the web worker's timeout and
        # leave the article `extracting` with nobody working on it.
        queued = request_extraction(article_ids=list(queryset.values_list("pk", flat=True)))
        self.message_user(
            request,
            f"{queued} article(s) queued for re-extraction; their status shows "
            "“extracted” when the worker is done (reload the page).",
            messages.SUCCESS,
        )
