"""Czech speakers found wrong walking unseen copy (a court case, a derby report, an inflation
piece, agency-sourced foreign news): a name run that joins two people across a change of
case, a place or medium after a role taken into the speaker, a name after a preposition
taken for the inverted speaker, an outlet citing its source, a refused comment, a negative
adjective losing its prefix, one minister taken for another, a quotation cut before its
closing mark, an outlet's sources. Sentences are the tests' own."""

from __future__ import annotations

from .rows import attribution_rows


def _rows(text: str, registry) -> list[tuple[str, ...]]:
    return attribution_rows(text, "cs", registry, "actor", "actor_text", "cue", "via")


# -- a name run breaks where the case changes -------------------------------------------


def test_name_run_breaks_where_the_genitive_gives_way_to_the_nominative(registry):
    text = (
        "Soud projednával případ účetního Pavla Nováka. Podle žalobce Karla Dvořáka Novák "
        "peníze zpronevěřil. „Obžalovaný jednal úmyslně,“ řekl žalobce. "
        "„Všechno jsem vrátil,“ uvedl Novák."
    )
    rows = _rows(text, registry)
    assert [(r[0].split()[0], r[1]) for r in rows] == [
        ("Novák", "Karel Dvořák"),
        ("Obžalovaný", "Karel Dvořák"),
        ("Všechno", "Pavel Novák"),
    ]
    # a woman's first name the tagger reads as a man's genitive after a place keeps her name
    text = "Starostka Jihlavy Petra Malá věc řešila. „Město škodu uhradí,“ řekla starostka."
    assert _rows(text, registry)[-1][1] == "Petra Malá"


# -- a setting after a role is not the speaker's --------------------------------------------


def test_medium_after_a_post_verbal_role_is_not_part_of_the_speaker(registry):
    text = (
        "Ministr dopravy Petr Kratochvíl změnu jízdního řádu hájí. „Vlaky pojedou častěji,“ "
        "napsal ministr na Twitteru. „Zpoždění ubude,“ řekl ministr v rozhovoru."
    )
    rows = _rows(text, registry)
    assert [(r[1], r[2]) for r in rows] == [
        ("Petr Kratochvíl", "ministr"),
        ("Petr Kratochvíl", "ministr"),
    ]
    # a place after the role is the speaker's post
    rows = _rows("„Spolupráce s Rakouskem se zlepšuje,“ řekl velvyslanec ve Vídni.", registry)
    assert rows[0][2] == "velvyslanec ve Vídni"


# -- a name after a preposition is where, not who --------------------------------------------


def test_name_after_a_preposition_is_not_the_inverted_speaker(registry):
    text = (
        "Premiérka Eva Horáková přijela na summit. „Dohoda je na stole,“ řekla v Bruselu. "
        "„Budeme jednat dál,“ napsala na Instagramu."
    )
    rows = _rows(text, registry)
    assert [r[1] for r in rows] == ["Eva Horáková", "Eva Horáková"]


# -- an outlet citing its source ---------------------------------------------------------------


def test_outlet_citing_its_source_relays_it(registry):
    rows = _rows(
        "Agentura AFP s odvoláním na dva vysoké důstojníky uvedla, že armáda stahuje vojáky "
        "od hranic.",
        registry,
    )
    assert len(rows) == 1
    text, _actor, written, cue, via = rows[0]
    assert text == "armáda stahuje vojáky od hranic"
    assert written == "dva vysoké důstojníky"
    assert (cue, via) == ("uvedla", "AFP")


def test_citing_phrase_is_not_part_of_the_outlet(registry):
    rows = _rows(
        "Deník The Times s odvoláním na britské ministerstvo obrany napsal, že Londýn pošle "
        "další tanky.",
        registry,
    )
    assert rows[0][2] == "britské ministerstvo obrany"
    assert "odvoláním" not in rows[0][4]


def test_outlets_sources_speak_and_the_outlet_relays(registry):
    rows = _rows("Podle vojenských zdrojů deníku Kyiv Independent armáda ustoupila.", registry)
    assert rows == [
        ("armáda ustoupila", "vojenské zdroje", "vojenských zdrojů", "Podle", "Kyiv Independent")
    ]


def test_genitive_after_the_source_is_not_the_clause_subject(registry):
    rows = _rows(
        "Podle diplomatických zdrojů agentury Bloomberg se Budapešť snaží zablokovat sankce.",
        registry,
    )
    assert len(rows) == 1
    assert "agentury" not in rows[0][0]
    assert (rows[0][1], rows[0][4]) == ("diplomatické zdroje", "Bloomberg")


def test_foreign_outlet_name_is_not_matched_by_its_last_word(registry):
    rows = _rows("Podle deníku Financial Times vláda zvažuje nové clo.", registry)
    assert rows[0][1] == "Financial Times"


# -- a refused comment reports nothing --------------------------------------------------------


def test_refused_comment_holds_no_claim(registry):
    rows = _rows(
        "Agentura Reuters uvedla, že vláda chystá nové clo. Ministerstvo to odmítlo komentovat.",
        registry,
    )
    assert [r[3] for r in rows] == ["uvedla"]


# -- descriptions keep their meaning -------------------------------------------------------


def test_negative_adjective_keeps_its_prefix_in_the_nominative_plural(registry):
    rows = _rows("Podle nezávislých ekonomů je rozpočet nereálný.", registry)
    assert rows[0][1] == "nezávislí ekonomové"


def test_minister_of_another_country_and_portfolio_is_another_person(registry):
    text = (
        "Francouzský ministr financí Marc Dubois varoval před recesí. Italský ministr "
        "zahraničí v úterý uvedl, že jednání skončila bez dohody. „Recese nehrozí,“ řekl "
        "ministr financí."
    )
    rows = _rows(text, registry)
    assert [r[1] for r in rows] == ["Italský ministr zahraničí", "Marc Dubois"]


def test_role_word_of_foreign_news_is_a_title(registry):
    rows = _rows(
        "Gubernátor Chersonské oblasti Ivan Petrenko napsal, že most je zničený.", registry
    )
    assert rows[0][1] == "Ivan Petrenko"


def test_outlet_of_an_interview_is_its_channel(registry):
    text = (
        "Hejtmanka Marie Dolejšová poskytla rozhovor. „Nemocnice zůstane otevřená,“ řekla "
        "hejtmanka v rozhovoru pro Lidové noviny."
    )
    rows = _rows(text, registry)
    assert rows[-1][1:] == ("Marie Dolejšová", "hejtmanka", "řekla", "Lidové noviny")


# -- a quotation inside the clause is kept to its closing mark ---------------------------


def test_quotation_in_the_clause_runs_to_its_closing_mark(registry):
    rows = _rows(
        "Ministryně prohlásila, že Londýn podpoří Ukrajinu „tak dlouho, jak bude třeba“.",
        registry,
    )
    assert rows[0][0].endswith("jak bude třeba“")


def test_quotation_closing_the_sentence_after_the_clause_is_part_of_it(registry):
    rows = _rows(
        "Starosta slíbil, že obec opraví most „tak rychle, jak bude možné“. Opozice mlčí.",
        registry,
    )
    assert rows[0][0] == "obec opraví most „tak rychle, jak bude možné“"
