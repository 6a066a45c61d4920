"""The claim filters every listing shares: the REST API, the exports and the report pages.

Parameter names (query string, CLI options and `ExportJob.filters` keys are the same):

- `status`     workflow status; repeat for several (`status=new&status=triaged`)
- `rating`     the published verdict's rating, by label or alternate name (`Nepravda`, `False`)
- `actor`      an actor by id or by canonical name (case-insensitive)
- `stance`     an attribution's stance; with `actor`, the stance of that actor
- `language`   the article's language (ISO 639-1)
- `outlet`     the article's outlet, by id or by name (case-insensitive)
- `date_from`  articles published on or after this date (YYYY-MM-DD, desk time zone)
- `date_to`    articles published on or before this date (inclusive)
- `published_from`, `published_to`  the verdict's publication date (inclusive): "fact-checks
               published since"
- `q`          words in the claim text, the editor's wording or the article title

The desk's own filters (`DeskClaimFilter`: the admin changelist's, for staff exports only —
partners never see workflow internals):

- `kind`       direct | indirect | mixed | according_to
- `queue`      review | overdue | open (the changelist's work queues, `QUEUES`)
- `assignee`   a user id, or `none` for unassigned claims
- `search`     the admin's search box: claim text, editor's wording and speakers
"""

from __future__ import annotations

from typing import Any

import django_filters
from django.db.models import Exists, OuterRef, Q, QuerySet
from django.http import QueryDict

from claims.models import Attribution, Claim, ClaimKind, ClaimStatus, Stance
from claims.search import search_claims, words

FILTER_PARAMS = (
    "status",
    "rating",
    "actor",
    "stance",
    "language",
    "outlet",
    "date_from",
    "date_to",
    "published_from",
    "published_to",
    "q",
)

# The largest id a bigint column holds; a longer digit string must match nothing, not overflow.
MAX_ID = 2**63 - 1


def _by_id_or_name(value: str, *, id_field: str, name_field: str) -> Q:
    value = value.strip()
    if value.isdigit():
        return Q(**{id_field: int(value)}) if int(value) <= MAX_ID else Q(pk__in=[])
    return Q(**{f"{name_field}__iexact": value})


class ClaimFilter(django_filters.FilterSet):
    status = django_filters.MultipleChoiceFilter(
        choices=ClaimStatus.choices, help_text="Workflow status; repeat for several."
    )
    rating = django_filters.CharFilter(
        method="filter_rating",
        help_text="Published verdict's rating: its label or alternate name, case-insensitive.",
    )
    actor = django_filters.CharFilter(
        method="filter_attribution", help_text="Actor id or canonical name."
    )
    stance = django_filters.ChoiceFilter(
        choices=Stance.choices,
        method="filter_attribution",
        help_text="Attribution stance; with `actor`, the stance of that actor.",
    )
    language = django_filters.CharFilter(
        field_name="article__language", lookup_expr="iexact", help_text="ISO 639-1 code."
    )
    outlet = django_filters.CharFilter(method="filter_outlet", help_text="Outlet id or name.")
    article = django_filters.NumberFilter(
        field_name="article_id",
        min_value=1,
        max_value=MAX_ID,
        help_text="Article id: the claims of one article (e.g. a submission's `article`).",
    )
    date_from = django_filters.DateFilter(
        field_name="article__published_at__date",
        lookup_expr="gte",
        help_text="Article published on or after this date (YYYY-MM-DD).",
    )
    date_to = django_filters.DateFilter(
        field_name="article__published_at__date",
        lookup_expr="lte",
        help_text="Article published on or before this date (YYYY-MM-DD).",
    )
    published_from = django_filters.DateFilter(
        field_name="published_verdict__published_at",
        lookup_expr="date__gte",
        help_text="Verdict published on or after this date (YYYY-MM-DD).",
    )
    published_to = django_filters.DateFilter(
        field_name="published_verdict__published_at",
        lookup_expr="date__lte",
        help_text="Verdict published on or before this date (YYYY-MM-DD).",
    )
    q = django_filters.CharFilter(
        method="filter_q", help_text="Words in the claim's text, or in its article's title."
    )

    class Meta:
        model = Claim
        fields: list[str] = []

    def filter_rating(self, queryset: QuerySet[Claim], name: str, value: str) -> QuerySet[Claim]:
        return queryset.filter(
            Q(published_verdict__rating__label__iexact=value)
            | Q(published_verdict__rating__alternate_name__iexact=value)
        )

    def filter_outlet(self, queryset: QuerySet[Claim], name: str, value: str) -> QuerySet[Claim]:
        return queryset.filter(
            _by_id_or_name(value, id_field="article__outlet_id", name_field="article__outlet__name")
        )

    def filter_attribution(
        self, queryset: QuerySet[Claim], name: str, value: str
    ) -> QuerySet[Claim]:
        # `actor` and `stance` are one condition on the same attribution ("Russia denies"),
        # not two on any attributions; `filter_queryset` applies them together.
        return queryset

    def filter_q(self, queryset: QuerySet[Claim], name: str, value: str) -> QuerySet[Claim]:
        # Public fields only: the editor's wording of an unpublished claim is not the
        # partner's to search. Ten words at most, whatever a client sends.
        return search_claims(
            queryset, " ".join(words(value)[:10]), editor_fields=False, speakers=False
        )

    def filter_queryset(self, queryset: QuerySet[Claim]) -> QuerySet[Claim]:
        queryset = super().filter_queryset(queryset)
        actor = self.form.cleaned_data.get("actor")
        stance = self.form.cleaned_data.get("stance")
        if not actor and not stance:
            return queryset
        # EXISTS rather than a join: a claim with four matching attributions stays one row,
        # so exports and counts need no DISTINCT.
        attributions = Attribution.objects.filter(claim=OuterRef("pk"))
        if actor:
            attributions = attributions.filter(
                _by_id_or_name(actor, id_field="actor_id", name_field="actor__name")
            )
        if stance:
            attributions = attributions.filter(stance=stance)
        return queryset.filter(Exists(attributions))


# The desk's work queues: the admin's "queue" list filter and the desk's exports read these.
QUEUES: dict[str, Q] = {
    "review": Q(status=ClaimStatus.IN_REVIEW),
    "overdue": Q(flagged_overdue=True),
    "open": ~Q(status__in=[ClaimStatus.PUBLISHED, ClaimStatus.DISMISSED]),
}
NO_ASSIGNEE = "none"
DESK_FILTER_PARAMS = (*FILTER_PARAMS, "kind", "queue", "assignee", "search")


class DeskClaimFilter(ClaimFilter):
    """The shared filters plus the desk's (staff only): what the admin changelist filters by."""

    kind = django_filters.ChoiceFilter(choices=ClaimKind.choices)
    queue = django_filters.ChoiceFilter(
        choices=[(name, name) for name in QUEUES], method="filter_queue"
    )
    assignee = django_filters.CharFilter(method="filter_assignee")
    search = django_filters.CharFilter(method="filter_search")

    def filter_queue(self, queryset: QuerySet[Claim], name: str, value: str) -> QuerySet[Claim]:
        return queryset.filter(QUEUES[value])

    def filter_assignee(self, queryset: QuerySet[Claim], name: str, value: str) -> QuerySet[Claim]:
        if value == NO_ASSIGNEE:
            return queryset.filter(assignee__isnull=True)
        if value.isdigit() and int(value) <= MAX_ID:
            return queryset.filter(assignee_id=int(value))
        return queryset.none()

    def filter_search(self, queryset: QuerySet[Claim], name: str, value: str) -> QuerySet[Claim]:
        return search_claims(queryset, value, editor_fields=True, speakers=True)


def filter_claims(
    params: dict[str, Any], queryset: QuerySet[Claim] | None = None, *, desk: bool = False
) -> QuerySet[Claim]:
    """Claims matching the filter parameters (with `desk`, the staff's too); raises ValueError
    with the form's errors."""
    data = QueryDict(mutable=True)
    for key, value in params.items():
        if value in (None, "", []):
            continue
        data.setlist(
            key, [str(v) for v in value] if isinstance(value, list | tuple) else [str(value)]
        )
    filterset = (DeskClaimFilter if desk else ClaimFilter)(
        data=data, queryset=queryset if queryset is not None else Claim.objects.all()
    )
    if not filterset.is_valid():
        errors = "; ".join(
            f"{field}: {' '.join(messages)}" for field, messages in filterset.errors.items()
        )
        raise ValueError(f"Invalid filter: {errors}")
    return filterset.qs
