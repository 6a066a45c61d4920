"""Word search over claims (admin box and API `?q=`): the same answers on SQLite and PostgreSQL,
and on PostgreSQL through the full-text indexes rather than a scan."""

from __future__ import annotations

import pytest
from django.db import connection
from django.urls import reverse

from claims.admin.performance import EstimatedCountPaginator
from claims.models import Actor, Attribution, Claim
from claims.search import search_claims

needs_postgres = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="full-text indexes exist on PostgreSQL only"
)


@pytest.fixture
def spoken(claim):
    actor = Actor.objects.create(name="Zbyněk Stanjura", kind="person")
    Attribution.objects.create(
        claim=claim, actor=actor, actor_text="ministra financí", stance="asserts"
    )
    Claim.objects.filter(pk=claim.pk).update(normalized_text="Schodek rozpočtu se sníží")
    return claim


def _ids(text, **flags):
    return list(search_claims(Claim.objects.all(), text, **flags).values_list("pk", flat=True))


def test_every_word_must_appear_case_and_accent_blind(spoken):
    assert _ids("KLESNE schodek", editor_fields=False, speakers=False) == [spoken.pk]
    assert _ids("klesne deficit", editor_fields=False, speakers=False) == []


@needs_postgres
def test_accents_do_not_matter_on_postgresql(spoken):
    assert _ids("klesné", editor_fields=False, speakers=False) == [spoken.pk]


def test_editor_wording_is_searched_only_when_asked(spoken):
    assert _ids("sníží", editor_fields=True, speakers=False) == [spoken.pk]
    assert _ids("sníží", editor_fields=False, speakers=False) == []


def test_speakers_by_registry_name_or_surface_text_only_when_asked(spoken):
    assert _ids("Stanjura", editor_fields=False, speakers=True) == [spoken.pk]
    assert _ids("ministra", editor_fields=False, speakers=True) == [spoken.pk]
    assert _ids("Stanjura", editor_fields=False, speakers=False) == []


def test_article_title_words_find_its_claims(spoken):
    assert _ids("schodek", editor_fields=False, speakers=False) == [spoken.pk]
    Claim.objects.filter(pk=spoken.pk).update(text="něco jiného")
    assert _ids("schodek", editor_fields=False, speakers=False) == [spoken.pk]  # the title


def test_no_words_means_no_filter(spoken):
    assert _ids(" … ", editor_fields=True, speakers=True) == [spoken.pk]


@needs_postgres
def test_the_claim_text_search_uses_its_full_text_index(spoken):
    sql, params = search_claims(
        Claim.objects.all(), "klesne", editor_fields=False, speakers=False
    ).query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute("SET enable_seqscan = off")
        cursor.execute(f"EXPLAIN {sql}", params)
        plan = "\n".join(row[0] for row in cursor.fetchall())
        cursor.execute("SET enable_seqscan = on")
    assert "claim_text_fts" in plan


def test_admin_search_finds_a_claim_by_speaker(client, django_user_model, spoken):
    boss = django_user_model.objects.create_superuser("boss", "boss@desk.test", "pw")
    client.force_login(boss)

    page = client.get(reverse("admin:claims_claim_changelist"), {"q": "Stanjura"})

    assert page.status_code == 200
    assert list(page.context["cl"].result_list) == [spoken]


def test_the_stance_filter_needs_no_distinct(client, django_user_model, spoken):
    Attribution.objects.create(claim=spoken, actor_text="opozice", stance="denies")
    Attribution.objects.create(claim=spoken, actor_text="vláda", stance="denies")
    boss = django_user_model.objects.create_superuser("boss", "boss@desk.test", "pw")
    client.force_login(boss)

    page = client.get(reverse("admin:claims_claim_changelist"), {"attributions__stance": "denies"})

    assert list(page.context["cl"].result_list) == [spoken]
    assert not page.context["cl"].queryset.query.distinct


def test_the_paginator_counts_exactly_up_to_its_limit(article, monkeypatch):
    for n in range(5):
        Claim.objects.create(article=article, text=f"c{n}", span_start=n, span_end=n + 1)
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:  # statistics, as autovacuum keeps them in service
            cursor.execute("ANALYZE claims_claim")
    monkeypatch.setattr("claims.admin.performance.EXACT_COUNT_LIMIT", 10)
    assert EstimatedCountPaginator(Claim.objects.all(), 2).count == 5

    # Beyond the limit: a full count elsewhere, the planner's estimate on PostgreSQL.
    monkeypatch.setattr("claims.admin.performance.EXACT_COUNT_LIMIT", 3)
    assert EstimatedCountPaginator(Claim.objects.all(), 2).count == 5
