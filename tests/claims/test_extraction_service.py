"""The Django side of extraction: persisting engine output, idempotently, keeping editors' work."""

from __future__ import annotations

import json

import pytest
from django.core.management import call_command

from claims.models import Actor, Article, Attribution, Claim, ClaimEvent
from claims.services import extraction, workflow
from claims.services.articles import ingest_article
from claims.services.seeding import SeedReport, seed_actors

TEXT = (
    "Podle amerických a jihokorejských činitelů Severní Korea dodává Rusku dělostřelecké "
    "granáty. Moskva a Pchjongjang to popírají.\n"
    "„Sankce nefungují,“ řekl v pondělí Václav Novotný z Ústavu pro mezinárodní vztahy."
)


@pytest.fixture
def registry(db):
    seed_actors(SeedReport())


@pytest.fixture
def article(desk, registry):
    return ingest_article(body=TEXT, title="Granáty", language="cs", extract=False).article


def _snapshot(article: Article) -> list[tuple]:
    return sorted(
        Attribution.objects.filter(claim__article=article).values_list(
            "claim__span_start",
            "claim__span_end",
            "claim__kind",
            "actor__name",
            "actor_text",
            "actor_start",
            "cue_text",
            "cue_start",
            "stance",
        )
    )


def test_the_shells_claim_is_stored_with_four_attributions(article):
    outcome = extraction.extract_article(article_id=article.pk)

    claim = Claim.objects.get(article=article, text__startswith="Severní Korea dodává")
    assert outcome.status == "extracted"
    assert sorted(claim.attributions.values_list("actor__name", "stance")) == [
        ("North Korea", "denies"),
        ("Russia", "denies"),
        ("South Korean officials", "asserts"),
        ("US officials", "asserts"),
    ]
    assert claim.text == article.body[claim.span_start : claim.span_end]
    assert Article.objects.get(pk=article.pk).extractor_version == extraction.EXTRACTOR_VERSION


def test_extracting_twice_leaves_the_same_rows(article):
    extraction.extract_article(article_id=article.pk)
    first = _snapshot(article)
    first_ids = set(Claim.objects.filter(article=article).values_list("pk", flat=True))

    extraction.extract_article(article_id=article.pk)

    assert _snapshot(article) == first
    assert len(first) >= 4
    assert (
        ClaimEvent.objects.filter(claim__article=article).count()
        == Claim.objects.filter(article=article).count()
    )
    assert first_ids  # rows were replaced, not duplicated: the natural key is the span


def test_re_extraction_keeps_claims_editors_worked_on(article, editor):
    extraction.extract_article(article_id=article.pk)
    worked = Claim.objects.filter(article=article).first()
    workflow.update_claim(
        claim_id=worked.pk,
        expected_version=worked.version,
        user=editor,
        normalized_text="Editor's wording",
    )
    Attribution.objects.filter(claim=worked).update(stance="doubts")

    extraction.extract_article(article_id=article.pk)

    kept = Claim.objects.get(pk=worked.pk)
    assert kept.normalized_text == "Editor's wording"
    assert set(kept.attributions.values_list("stance", flat=True)) == {"doubts"}
    spans = list(Claim.objects.filter(article=article).values_list("span_start", "span_end"))
    assert len(spans) == len(set(spans))


def test_a_new_named_source_becomes_an_actor_for_review(article):
    extraction.extract_article(article_id=article.pk)

    created = Actor.objects.get(created_by_extractor=True)
    assert created.name == "Václav Novotný"
    assert set(created.aliases.values_list("alias", flat=True)) == {
        "Václav Novotný",
        "Václav Novotný z Ústavu pro mezinárodní vztahy",
    }


def test_an_engine_crash_marks_the_article_failed_and_keeps_it(article, monkeypatch):
    def crash(*args, **kwargs):
        raise MemoryError("simulated")

    monkeypatch.setattr(extraction, "extract", crash)

    outcome = extraction.extract_article(article_id=article.pk)

    stored = Article.objects.get(pk=article.pk)
    assert (outcome.status, stored.status) == ("failed", "failed")
    assert stored.error == "The extractor crashed: MemoryError: simulated"
    assert stored.body == TEXT


def test_saving_an_article_enqueues_its_extraction(
    desk, registry, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        result = ingest_article(body=TEXT, language="cs")

    assert Article.objects.get(pk=result.article.pk).status == "extracted"
    assert Claim.objects.filter(article=result.article).exists()


def _table_counts() -> dict[str, int]:
    return {m.__name__: m.objects.count() for m in (Article, Claim, Attribution, Actor, ClaimEvent)}


def test_the_extract_command_prints_the_contract_and_writes_nothing(tmp_path, registry, capsys):
    path = tmp_path / "a.txt"
    path.write_text(TEXT, encoding="utf-8")
    before = _table_counts()

    call_command("extract", str(path), "--lang", "cs")

    out = json.loads(capsys.readouterr().out)
    assert _table_counts() == before
    assert out["language"] == "cs"
    assert {"claims", "extractor_version", "language"} <= set(out)
    shells = next(c for c in out["claims"] if c["text"].startswith("Severní Korea"))
    assert TEXT[shells["span"][0] : shells["span"][1]] == shells["text"]
    assert sorted(a["actor"] for a in shells["attributions"]) == [
        "North Korea",
        "Russia",
        "South Korean officials",
        "US officials",
    ]
    assert {"actor", "actor_text", "actor_span", "cue", "cue_span", "stance"} <= set(
        shells["attributions"][0]
    )


def test_the_extract_command_reads_jsonl_and_prints_one_line_each(tmp_path, registry, capsys):
    path = tmp_path / "in.jsonl"
    docs = [
        {"id": "a", "text": TEXT, "lang": "cs"},
        {"id": "b", "text": "The minister said that taxes would not rise."},
    ]
    path.write_text("\n".join(json.dumps(d, ensure_ascii=False) for d in docs), encoding="utf-8")

    call_command("extract", "--jsonl", str(path))

    lines = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert [(line["id"], line["language"]) for line in lines] == [("a", "cs"), ("b", "en")]
    assert lines[1]["claims"][0]["attributions"][0]["cue"] == "said"


def test_the_extract_command_refuses_a_file_that_is_not_utf8(tmp_path, registry):
    path = tmp_path / "cp1250.txt"
    path.write_bytes("Příliš žluťoučký kůň".encode("cp1250"))

    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match=r"not valid UTF-8 \(byte 0xf8 at position 1\)"):
        call_command("extract", str(path))


def test_evaluate_scores_the_seed_article_perfectly(registry, capsys):
    call_command("evaluate", "seeds/gold/seed.gold.json", "--fail-under", "1.0")

    report = capsys.readouterr().out
    assert "canonical speakers" in report
    assert "all       1.000  1.000  1.000    1.000  1.000  1.000" in report


def test_the_extract_command_refuses_a_text_over_the_limit_before_parsing(
    tmp_path, registry, settings, monkeypatch
):
    from django.core.management.base import CommandError

    from claims.management.commands import extract as command

    settings.ARTICLE_MAX_CHARS = 100
    parsed = []
    monkeypatch.setattr(command, "extract", lambda *a, **k: parsed.append(a))
    path = tmp_path / "long.txt"
    path.write_text("Ministr řekl, že schodek klesne. " * 10, encoding="utf-8")

    with pytest.raises(CommandError, match=r"330 characters; the limit is 100 \(--max-chars"):
        call_command("extract", str(path))
    with pytest.raises(CommandError, match="more than 80 bytes"):
        call_command("extract", str(path), "--max-chars", "20")
    assert parsed == []


def test_the_extract_command_answers_an_oversize_jsonl_document_in_place(
    tmp_path, registry, capsys
):
    path = tmp_path / "in.jsonl"
    docs = [
        {"id": "long", "text": "The minister said that taxes would rise. " * 5},
        {"id": "b", "text": "The minister said that taxes would not rise."},
    ]
    path.write_text("\n".join(json.dumps(d) for d in docs), encoding="utf-8")

    call_command("extract", "--jsonl", str(path), "--max-chars", "100")

    lines = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert [(line["id"], line.get("status")) for line in lines] == [
        ("long", "too_long"),
        ("b", "ok"),
    ]
    assert lines[0]["message"] == "205 characters; the limit is 100."
    assert lines[1]["claims"][0]["attributions"][0]["cue"] == "said"


def test_the_registry_is_built_once_per_worker_until_the_actors_change(
    db, monkeypatch, django_assert_num_queries
):
    from claims.models import Actor, ActorAlias
    from claims.services import extraction

    fiala = Actor.objects.create(name="Petr Fiala", kind="person")
    first = extraction.build_registry()
    assert extraction.build_registry() is first  # no rebuild for the next article

    # New rows are seen at once, read alone (the signature, then the new aliases and the
    # actors they or the new actors belong to) into the same registry.
    ActorAlias.objects.create(actor=fiala, alias="premiér", normalized="premiér", language="cs")
    babis = Actor.objects.create(name="Andrej Babiš", kind="person")
    ActorAlias.objects.create(actor=babis, alias="Babiše", normalized="babiše", language="cs")
    with django_assert_num_queries(3):
        second = extraction.build_registry()
    assert second is first
    assert second.lookup("premiér", "cs").name == "Petr Fiala"
    assert second.lookup("Babiše", "cs").name == "Andrej Babiš"
    assert second.lookup("Petr Fiala", "en").name == "Petr Fiala"
    assert len(second) == 2
    with django_assert_num_queries(1):
        assert extraction.build_registry() is second

    # A delete (a merge) cannot be read as new rows: a fresh registry without it.
    babis.delete()
    third = extraction.build_registry()
    assert third is not second
    assert third.lookup("Babiše", "cs") is None

    monkeypatch.setattr(extraction, "REGISTRY_MAX_AGE", 0.0)
    assert extraction.build_registry() is not third  # an edit in place, after the age limit
