from functools import partial

from django import forms
from django.contrib import admin, messages
from django.contrib.admin import helpers
from django.contrib.admin.options import IS_POPUP_VAR
from django.core.exceptions import PermissionDenied
from django.db.models import Count, IntegerField, OuterRef, Prefetch, Q, Subquery
from django.db.models.functions import Coalesce
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import reverse
from django.utils.html import format_html, format_html_join

from claims.admin.article_add import ABOUT_FIELDS, ArticleAddForm, ArticleChangeForm
from claims.admin.performance import ArticleLanguageFilter, LargeTableAdminMixin
from claims.admin.writes import writes_through
from claims.errors import DomainError
from claims.highlight import highlight_spans
from claims.models import Article, Attribution, Claim
from claims.search import text_condition, uses_full_text, words
from claims.services.articles import body_sha256, request_extraction, update_article
from partners.models import ArticleSubmission
from partners.services.submissions import Submission


def no_claims_note(article: Article) -> str:
    """What the claims table says when it is empty: "none" only once extraction is done.

    With a real worker an article is saved `received` and extracted moments later; the page
    must not tell the editor that it has no claims while the worker has not read it yet.
    """
    status = article.status
    if status == Article.Status.EXTRACTED:
        return "No claims extracted."
    if status == Article.Status.FAILED:
        return "No claims: extraction failed (see Error above)."
    return (
        f"Not extracted yet (status: {article.get_status_display()}); the claims appear here "
        "when the worker is done: reload the page."
    )


def _pieces(claim: Claim) -> list[tuple[int, int]]:
    """What the article page marks for a claim: its segments when the quotation was interrupted
    by its attribution, else its span (which covers the segments and the attribution between)."""
    if claim.segments:
        return [(int(start), int(end)) for start, end in claim.segments]
    return [(claim.span_start, claim.span_end)]


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
class ArticleAdmin(LargeTableAdminMixin, admin.ModelAdmin):
    list_display = (
        "title_or_id",
        "outlet",
        "language",
        "published_at",
        "status",
        "claim_count",
        "submitted_by",
    )
    list_filter = ("status", ArticleLanguageFilter, "outlet", "submitted_by", "published_at")
    list_select_related = ("outlet", "submitted_by")
    search_fields = ("title", "url", "body")
    # No date_hierarchy: its year links cost a DISTINCT over every article on each page view;
    # the published_at filter covers the same need.
    autocomplete_fields = ("outlet",)
    form = ArticleChangeForm
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
    add_fieldsets = (
        ("Article text", {"fields": ("body", "upload", "encoding", "url")}),
        ("About the article", {"fields": ABOUT_FIELDS}),
    )
    actions = ("re_extract",)

    def has_delete_permission(self, request, obj=None):  # type: ignore[no-untyped-def]
        # Claims, verdicts and partners' references hang off an article; no service unwinds
        # them, so the admin does not delete articles.
        return False

    # --- adding: the same submission service as the API --------------------------------------

    def get_add_form(self, request: HttpRequest) -> type[ArticleAddForm]:
        """The add form with the model's own admin widgets for the fields about the article."""
        about = forms.fields_for_model(
            Article,
            fields=ABOUT_FIELDS,
            formfield_callback=partial(self.formfield_for_dbfield, request=request),
        )
        return type("ArticleAddForm", (ArticleAddForm,), about)

    def add_view(self, request, form_url="", extra_context=None):  # type: ignore[no-untyped-def]
        if not self.has_add_permission(request):
            raise PermissionDenied
        form_class = self.get_add_form(request)
        if request.method == "POST":
            form = form_class(request.POST, request.FILES)
            if form.is_valid():
                response = self._submit(request, form)
                if response is not None:
                    return response
        else:
            form = form_class(initial=self.get_changeform_initial_data(request))
        admin_form = helpers.AdminForm(form, list(self.add_fieldsets), {}, model_admin=self)
        context = {
            **self.admin_site.each_context(request),
            "title": "Add article",
            "subtitle": None,
            "adminform": admin_form,
            "object_id": None,
            "original": None,
            "is_popup": IS_POPUP_VAR in request.POST or IS_POPUP_VAR in request.GET,
            "to_field": None,
            "media": self.media + admin_form.media,
            "inline_admin_formsets": [],
            "errors": helpers.AdminErrorList(form, []),
            "preserved_filters": self.get_preserved_filters(request),
            **(extra_context or {}),
        }
        return self.render_change_form(request, context, add=True, form_url=form_url)

    def _submit(self, request: HttpRequest, form: ArticleAddForm) -> HttpResponse | None:
        """The response after a valid form, or None when the service refused (shown on it)."""
        text, url = form.cleaned_data["text"], form.cleaned_data["url"]
        known = None if text else Article.objects.filter(url=url).first()
        if known is not None:
            return self._already_there(request, known, "URL")
        try:
            outcome = form.submit()
        except DomainError as exc:
            form.show(exc)
            return None
        if isinstance(outcome, Submission):
            if not outcome.created:
                same = "text" if outcome.article.body_sha256 == body_sha256(text) else "URL"
                return self._already_there(request, outcome.article, same)
            self.log_addition(request, outcome.article, [{"added": {}}])
            return self.response_add(request, outcome.article)
        return self._fetching(request, form, outcome)

    def _fetching(
        self, request: HttpRequest, form: ArticleAddForm, submission: ArticleSubmission
    ) -> HttpResponse | None:
        # Without a broker the worker's fetch has already run; with one it is still queued.
        submission.refresh_from_db()
        if submission.fetch_status == ArticleSubmission.FetchStatus.FAILED:
            form.add_error("url", submission.error)
            return None
        if submission.article is not None:
            self.log_addition(request, submission.article, [{"added": {}}])
            return self.response_add(request, submission.article)
        self.message_user(
            request,
            format_html(
                "The page at {} is being fetched in the background; the article appears in this "
                'list when it is in, and a failed fetch says why under <a href="{}">article '
                "submissions</a>.",
                submission.url,
                reverse("admin:partners_articlesubmission_changelist"),
            ),
            messages.INFO,
        )
        return HttpResponseRedirect(reverse("admin:claims_article_changelist"))

    def _already_there(self, request: HttpRequest, article: Article, same: str) -> HttpResponse:
        url = reverse("admin:claims_article_change", args=[article.pk])
        self.message_user(
            request,
            format_html(
                'This article is already on the desk (the same {}): <a href="{}">{}</a>. '
                "Nothing was added.",
                same,
                url,
                article,
            ),
            messages.WARNING,
        )
        return HttpResponseRedirect(url)

    @writes_through(update_article)
    def save_model(self, request, obj, form, change):  # type: ignore[no-untyped-def]
        # Only the change form gets here: `add_view` submits through the service itself.
        update_article(
            article=obj, changes={name: form.cleaned_data[name] for name in form.changed_data}
        )

    def response_post_save_add(self, request, obj):  # type: ignore[no-untyped-def]
        # The article's page shows the extracted claims, which is what the editor wants next.
        return HttpResponseRedirect(reverse("admin:claims_article_change", args=[obj.pk]))

    def get_queryset(self, request):  # type: ignore[no-untyped-def]
        # A correlated count runs for the page's rows only; Count("claims") with GROUP BY
        # counted the claims of every article first (4.2 s at a million claims).
        per_article = (
            Claim.objects.filter(article=OuterRef("pk"))
            .order_by()
            .values("article")
            .annotate(n=Count("pk"))
            .values("n")
        )
        queryset = super().get_queryset(request)
        match = request.resolver_match
        if match is not None and match.url_name == "claims_article_changelist":
            queryset = queryset.defer("body")  # the list shows no text; articles run to megabytes
        return queryset.annotate(
            n_claims=Coalesce(Subquery(per_article, output_field=IntegerField()), 0)
        )

    def get_search_results(self, request, queryset, search_term):  # type: ignore[no-untyped-def]
        # Title words through the full-text index, or an exact URL; the body has no index (a
        # tsvector is capped at 1 MB, and a long article must never fail to save).
        found = words(search_term)
        if not found:
            return queryset, False
        if not uses_full_text():
            return super().get_search_results(request, queryset, search_term)
        return queryset.filter(
            text_condition(("title",), found) | Q(url=search_term.strip())
        ), False

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
        # The marked text and the claims table both need them: load once per page.
        cached = getattr(obj, "_admin_claims", None)
        if cached is None:
            attributions = Attribution.objects.select_related("actor")
            cached = list(
                obj.claims.prefetch_related(Prefetch("attributions", queryset=attributions))
            )
            obj._admin_claims = cached  # type: ignore[attr-defined]
        return cached

    @admin.display(description="text with claims marked")
    def annotated_body(self, obj: Article):  # type: ignore[no-untyped-def]
        if obj.pk is None:
            return "—"
        # An interrupted quotation is marked piece by piece: "she said" between them is not the claim.
        marked = [(_pieces(c), f"#{n}") for n, c in enumerate(self._claims(obj), 1)]
        return format_html(
            '<div class="annotated-body">{}</div>', highlight_spans(obj.body, marked)
        )

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
            return no_claims_note(obj)
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
