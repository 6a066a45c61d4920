"""Word search over claims, shared by the admin's search box and the API's `?q=`.

On PostgreSQL every searched column has a GIN full-text index (`simple` configuration over an
accent-stripped copy, so "klesne", "KLESNE" and "klesné" meet, in Czech and English alike; see
migration 0004). A search is one boolean condition over those indexes, which the planner can
answer with a BitmapOr for rare words or a backward walk of the primary key for common ones —
never a scan that computes every row's vector. Related rows (article titles, speakers) are
looked up first in their own indexes and enter the condition as a bounded list of ids, because
an `EXISTS`/`IN (subquery)` inside an OR defeats both plans (measured: minutes on a count).
Elsewhere (SQLite, the default for a fresh clone) the same fields are matched with icontains.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from django.db import connection
from django.db.models import BooleanField, Expression, F, Q, QuerySet
from django.db.models.sql.compiler import SQLCompiler

from claims.models import Actor, ActorAlias, Article, Attribution, Claim

WORD = re.compile(r"\w+", re.UNICODE)
# A related match (a speaker quoted a million times) adds at most this many claims; the text conditions themselves are unbounded. The ids become literals of one query,
# whose planning time grows with their number (0.4 s for 10,000 at a million claims).
RELATED_LIMIT = 2_000


class FullTextMatch(Expression):
    """`column` contains every word of `tsquery`, through the column's full-text index."""

    output_field = BooleanField()
    conditional = True

    def __init__(self, column: str, tsquery: str) -> None:
        super().__init__(output_field=BooleanField())
        self.column: Any = F(column)
        self.tsquery = tsquery

    def resolve_expression(
        self, query=None, allow_joins=True, reuse=None, summarize=False, for_save=False
    ):  # type: ignore[no-untyped-def]
        clone = self.copy()
        clone.column = self.column.resolve_expression(query, allow_joins, reuse, summarize)
        return clone

    def get_source_expressions(self) -> list:
        return [self.column]

    def set_source_expressions(self, exprs: Sequence[Any]) -> None:
        (self.column,) = exprs

    def as_sql(self, compiler: SQLCompiler, connection, **extra):  # type: ignore[no-untyped-def]
        column_sql, params = compiler.compile(self.column)
        # Must stay identical to the indexed expression, or PostgreSQL will not use the index.
        return (
            f"to_tsvector('simple'::regconfig, factcheck_unaccent({column_sql})) "
            "@@ to_tsquery('simple'::regconfig, factcheck_unaccent(%s))",
            [*params, self.tsquery],
        )


def words(text: str) -> list[str]:
    return WORD.findall(text or "")


def uses_full_text() -> bool:
    return connection.vendor == "postgresql"


def _tsquery(found: list[str]) -> str:
    # Every word, each as a prefix ("klesn" finds "klesne"); \w+ leaves nothing to escape.
    return " & ".join(f"'{word.lower()}':*" for word in found)


def text_condition(columns: tuple[str, ...], found: list[str]) -> Q:
    if uses_full_text():
        tsquery = _tsquery(found)
        condition = Q()
        for column in columns:
            condition |= Q(FullTextMatch(column, tsquery))
        return condition
    condition = Q()
    for column in columns:
        every_word = Q()
        for word in found:
            every_word &= Q(**{f"{column}__icontains": word})
        condition |= every_word
    return condition


def _article_ids(found: list[str]) -> list[int]:
    # No ORDER BY: with one, PostgreSQL walks the primary key backwards filtering every row for
    # a rare word (3.5 s over 1.5 million attributions); without, it asks the word's index.
    return list(
        Article.objects.filter(text_condition(("title",), found))
        .order_by()
        .values_list("pk", flat=True)[:RELATED_LIMIT]
    )


def _speaker_claim_ids(found: list[str]) -> list[int]:
    """Claims whose speaker matches: a registry actor by name or alias, or the words as written."""
    actors = set(
        Actor.objects.filter(text_condition(("name",), found)).values_list("pk", flat=True)
    ) | set(
        ActorAlias.objects.filter(text_condition(("alias",), found)).values_list(
            "actor_id", flat=True
        )
    )
    condition = text_condition(("actor_text",), found)
    if actors:
        condition |= Q(actor_id__in=actors)
    return sorted(
        set(
            Attribution.objects.filter(condition)
            .order_by()
            .values_list("claim_id", flat=True)[:RELATED_LIMIT]
        )
    )


def search_claims(
    queryset: QuerySet[Claim], text: str, *, editor_fields: bool, speakers: bool
) -> QuerySet[Claim]:
    """Claims in `queryset` whose text, article title or (optionally) speaker has every word.

    - `editor_fields`: also the editor's wording (never for partners: it is not public).
    - `speakers`: also the speaker's name, alias or surface text.
    """
    found = words(text)
    if not found:
        return queryset
    columns = ("text", "normalized_text") if editor_fields else ("text",)
    condition = text_condition(columns, found)
    article_ids = _article_ids(found)
    if article_ids:
        condition |= Q(article_id__in=article_ids)
    if speakers:
        claim_ids = _speaker_claim_ids(found)
        if claim_ids:
            condition |= Q(pk__in=claim_ids)
    return queryset.filter(condition)
