"""Stored speakers: one actor per identity, of the right kind; duplicates linked or flagged;
the editor chooses which actor survives a merge."""

from __future__ import annotations

import pytest
from django.urls import reverse

from claims.models import Actor, ActorAlias, Attribution
from claims.services import actors, extraction
from claims.services.actors import ActorIndex, actor_key, get_or_create_actor, speaker_actor
from claims.services.articles import ingest_article
from claims.services.seeding import SeedReport, seed_actors

from .speaker_articles import ARTICLES, EXPECTED_KINDS


@pytest.fixture
def seeded(db):
    seed_actors(SeedReport())


def _speak(name, kind="person", surfaces=(), language="en"):
    return speaker_actor(
        index=ActorIndex.load(), name=name, kind=kind, surfaces=surfaces, language=language
    )


def test_twenty_articles_leave_one_actor_per_speaker_each_of_the_right_kind(seeded):
    for lang, text in ARTICLES:
        article = ingest_article(body=text, language=lang, extract=False).article
        extraction.extract_article(article_id=article.pk)

    used = Actor.objects.filter(attributions__isnull=False).distinct()
    keys = [actor_key(a.name) for a in Actor.objects.all()]
    assert len(keys) == len(set(keys)), sorted(keys)
    assert {a.name: a.kind for a in used} == {
        name: kind for name, kind in EXPECTED_KINDS.items() if used.filter(name=name).exists()
    }
    assert {a.name for a in used} >= {
        "Maria Lindqvist",
        "Helena Brandt",
        "Libor Vávra",
        "Lukáš Kovanda",
        "Petr Fiala",
        "Antony Blinken",
        "Hamas",
    }
    created = Actor.objects.filter(created_by_extractor=True)
    assert set(EXPECTED_KINDS) >= {a.name for a in created}
    lindqvist = Actor.objects.get(name="Maria Lindqvist")
    assert lindqvist.attributions.count() == 3  # "Economist Maria Lindqvist", "Lindqvist" twice
    assert not Actor.objects.filter(name__in=["Lindqvist", "Vávra", "President Joe Biden"])


def test_a_new_speaker_is_one_actor_with_its_surface_forms_as_aliases(seeded):
    actor = _speak(
        "Libor Vávra",
        surfaces=["předseda Soudcovské unie Libor Vávra", "Vávry", "Vávra"],
        language="cs",
    )

    assert actor.name == "Libor Vávra"
    assert actor.kind == Actor.Kind.PERSON
    assert actor.created_by_extractor
    assert set(actor.aliases.values_list("alias", flat=True)) == {
        "Libor Vávra",
        "předseda Soudcovské unie Libor Vávra",
        "Vávry",
        "Vávra",
    }


def test_a_titled_name_is_the_seeded_actor_not_a_new_one(seeded):
    before = Actor.objects.count()

    actor = _speak("President Joe Biden", surfaces=["President Joe Biden"])

    assert actor.name == "Joe Biden"
    assert Actor.objects.count() == before
    assert actor.aliases.filter(alias="President Joe Biden").exists()


def test_us_with_dots_is_the_same_key():
    assert actor_key("U.S. State Department") == actor_key("US State Department")
    assert actor_key("Ekonom Lukáš Kovanda") == actor_key("Lukas Kovanda")


def test_a_bare_surname_is_linked_to_the_one_person_it_can_be(db):
    maria = get_or_create_actor(name="Maria Lindqvist")

    assert _speak("Lindqvist") == maria
    assert Actor.objects.count() == 1


def test_a_likely_duplicate_is_created_once_and_flagged_for_an_editor(db):
    maria = get_or_create_actor(name="Maria Lindqvist")
    get_or_create_actor(name="Erik Lindqvist")

    found = _speak("M. Lindqvist")

    assert found.name == "M. Lindqvist"
    assert found.duplicate_of == maria
    assert _speak("M. Lindqvist") == found  # the next article reuses it


def test_a_first_name_spelled_another_way_across_languages_is_the_same_person(db):
    # Found walking the API: a Czech article's "Dmitrij Peskov" and an English article's
    # "Dmitry Peskov" became two actors.
    peskov = get_or_create_actor(name="Dmitrij Peskov")

    assert _speak("Dmitry Peskov") == peskov
    assert Actor.objects.filter(name__endswith="Peskov").count() == 1
    # short first names that differ are other people
    john = get_or_create_actor(name="John Carter")
    assert _speak("Joan Carter") != john


def test_a_surname_is_compared_only_with_the_people_who_bear_it(db, monkeypatch):
    # Before, every person in the index was compared with every unknown speaker of every
    # article: the time grew with the table (issue 16).
    maria = get_or_create_actor(name="Maria Lindqvist")
    for i in range(50):
        get_or_create_actor(name=f"Person Number{i}")
    index = ActorIndex.load()
    compared = []
    real = actors._same_person
    monkeypatch.setattr(actors, "_same_person", lambda a, b: compared.append(b) or real(a, b))

    assert index.find("Lindqvist", Actor.Kind.PERSON) == (maria, None)
    assert index.find("Nobody", Actor.Kind.PERSON) == (None, None)
    assert compared == [["maria", "lindqvist"]]


def test_a_description_makes_no_actor(db):
    assert _speak("people familiar with the talks", kind="group") is None
    assert not Actor.objects.exists()


def test_the_editor_picks_which_actor_survives_a_merge(client, editor, claim):
    seeded = get_or_create_actor(name="Joe Biden", aliases=[("Biden", "en")])
    made = get_or_create_actor(
        name="President Biden", aliases=[("President Biden", "en")], created_by_extractor=True
    )
    Attribution.objects.create(claim=claim, actor=seeded, actor_text="Biden")
    Attribution.objects.create(claim=claim, actor=made, actor_text="President Biden")
    client.force_login(editor)
    url = reverse("admin:claims_actor_changelist")
    selected = [seeded.pk, made.pk]

    ask = client.post(url, {"action": "merge_selected", "_selected_action": selected})
    done = client.post(
        url,
        {"action": "merge_selected", "_selected_action": selected, "confirm": "1", "keep": made.pk},
    )

    assert "Pick the actor that survives" in ask.content.decode()
    assert done.status_code == 302
    assert list(Actor.objects.values_list("name", flat=True)) == ["President Biden"]
    assert Attribution.objects.filter(actor=made).count() == 2
    assert set(ActorAlias.objects.values_list("alias", flat=True)) == {
        "Biden",
        "Joe Biden",
        "President Biden",
    }


def test_the_role_and_the_relaying_outlet_are_stored_and_shown(seeded, client, editor):
    text = (
        "„Inflace bude klesat pomaleji,“ řekl ČTK ekonom Lukáš Kovanda. "
        "Soudci protestují. „Vláda porušuje zákon,“ uvedl předseda Soudcovské unie Libor Vávra."
    )
    article = ingest_article(body=text, language="cs", extract=False).article

    extraction.extract_article(article_id=article.pk)

    stored = {
        a.actor.name: (a.role, a.via)
        for a in Attribution.objects.filter(claim__article=article).select_related("actor")
    }
    assert stored["Lukáš Kovanda"] == ("ekonom", "ČTK")
    assert stored["Libor Vávra"] == ("předseda Soudcovské unie", "")
    claim = Attribution.objects.get(actor__name="Lukáš Kovanda").claim
    client.force_login(editor)
    page = client.get(reverse("admin:claims_claim_change", args=[claim.pk])).content.decode()
    assert 'name="attributions-0-role"' in page
    assert 'value="ekonom"' in page
    assert 'value="ČTK"' in page


def test_a_worker_keeps_its_actor_index_until_someone_else_changes_the_actors(
    db, django_assert_num_queries
):
    from claims.services.actors import actor_index

    maria = get_or_create_actor(name="Maria Lindqvist")
    index = actor_index()
    with django_assert_num_queries(1):  # the signature only, not every actor and alias
        assert actor_index() is index

    # Its own inserts are counted as its own: still no reload.
    made = speaker_actor(
        index=index, name="Helena Brandt", kind="person", surfaces=["Brandt"], language="en"
    )
    speaker_actor(
        index=index, name="Maria Lindqvist", kind="person", surfaces=["Lindqvistová"], language="cs"
    )
    with django_assert_num_queries(1):
        assert actor_index() is index

    # Another worker's actor and alias: read incrementally, and found.
    other = get_or_create_actor(name="Libor Vávra", aliases=[("Vávry", "cs")])
    with django_assert_num_queries(3):  # the signature, the new actors, the new aliases
        assert actor_index() is index
    assert index.find("Vávry", "person") == (other, None)
    assert index.find("Brandt", "person") == (made, None)
    assert index.find("Lindqvistová", "person") == (maria, None)

    # A delete (a merge) cannot be read incrementally: a fresh load.
    Actor.objects.filter(pk=other.pk).delete()
    fresh = actor_index()
    assert fresh is not index
    assert fresh.find("Vávry", "person") == (None, None)


def test_a_rolled_back_store_leaves_no_actor_in_the_index(db, monkeypatch):
    from django.db import transaction

    from claims.services.actors import actor_index

    index = actor_index()
    with transaction.atomic():
        sid = transaction.savepoint()
        speaker_actor(index=index, name="Helena Brandt", kind="person", surfaces=[], language="en")
        transaction.savepoint_rollback(sid)

    fresh = actor_index()
    assert fresh.find("Helena Brandt", "person") == (None, None)


def test_czech_bodies_are_stored_under_their_nominative_names_not_as_the_country(seeded):
    # Found walking an unseen article through the API: the bank's economists became the Czech
    # government, and the industry union (only its first word capitalised) got no actor.
    text = (
        "Ekonomové České spořitelny uvedli, že inflace zpomalí. Podle České spořitelny bude "
        "inflace příští rok nižší. Svaz průmyslu a dopravy ČR uvedl, že firmy platí nejvíce v "
        "regionu."
    )
    article = ingest_article(body=text, language="cs", extract=False).article

    extraction.extract_article(article_id=article.pk)

    found = list(
        Attribution.objects.filter(claim__article=article)
        .order_by("actor_start")
        .values_list("actor__name", "actor__kind", "role")
    )
    assert found == [
        ("Česká spořitelna", Actor.Kind.ORGANISATION, "ekonomové"),
        ("Česká spořitelna", Actor.Kind.ORGANISATION, ""),
        ("Svaz průmyslu a dopravy ČR", Actor.Kind.ORGANISATION, ""),
    ]
    assert not ActorAlias.objects.filter(actor__name="Czech government", alias__contains="spořitel")


def test_people_of_a_body_keep_their_role_in_the_next_article(seeded):
    # Found posting a second article through the API: "Analysts at Bernstein" was stored as
    # an alias of Bernstein, so the next article matched the whole alias and lost the role.
    for text in (
        "Analysts at Bernstein believe that the dispute could delay two factories.",
        "Analysts at Bernstein said that prices would fall.",
    ):
        article = ingest_article(body=text, language="en", extract=False).article
        extraction.extract_article(article_id=article.pk)

    found = list(
        Attribution.objects.order_by("claim__article_id").values_list("actor__name", "role")
    )
    assert found == [("Bernstein", "analysts"), ("Bernstein", "analysts")]
    assert not ActorAlias.objects.filter(alias="Analysts at Bernstein").exists()
