"""Czech copy walked this stop: surnames that are adjectives ("Petr Malý"), the medium told
after a spokesman's name, and a podle-phrase inside the clause it vouches for. Sentences are
the tests' own."""

from __future__ import annotations

from claims.extraction import extract

from .rows import attribution_rows


def _rows(text: str, registry) -> list[tuple[str, ...]]:
    return attribution_rows(text, "cs", registry, "actor", "actor_text", "cue")


def test_a_surname_that_is_an_adjective_stays_in_the_name(registry):
    text = "Radnice tvrdí, že lávka je bezpečná. Statik Karel Nový to ale odmítá."
    rows = _rows(text, registry)
    assert ("lávka je bezpečná", "Karel Nový", "Statik Karel Nový", "odmítá") in rows


def test_the_medium_told_after_a_spokesmans_name_is_not_part_of_the_speaker(registry):
    text = (
        "Mluvčí ministerstva zemědělství Petr Vorel serveru iRozhlas.cz sdělil, že dotace vzrostou."
    )
    assert _rows(text, registry) == [
        ("dotace vzrostou", "Petr Vorel", "Mluvčí ministerstva zemědělství Petr Vorel", "sdělil")
    ]


def test_a_podle_phrase_inside_the_clause_is_left_out_of_the_claim_text(registry):
    text = "Stavba podle stavbyvedoucího Ivana Kratochvíla skončí v srpnu."
    claim = extract(text, language="cs", registry=registry).claims[0]
    assert claim.text == "Stavba skončí v srpnu"
    assert claim.span == (0, len(text) - 1)
    assert [text[s:e] for s, e in claim.segments or []] == ["Stavba", "skončí v srpnu"]


def test_a_medium_the_parser_made_the_subject_leaves_the_speaker_and_relays(registry):
    text = (
        "Mluvčí Všeobecné zdravotní pojišťovny Eva Krátká serveru Zdravotnický deník řekla, že "
        "pojišťovna platby navýší."
    )
    result = extract(text, language="cs", registry=registry)
    [(actor, via)] = [(a.actor, a.via) for c in result.claims for a in c.attributions]
    assert (actor, via) == ("Eva Krátká", "Zdravotnický deník")


def test_claiming_the_opposite_denies_the_claim_at_issue(registry):
    text = "Nemocnice tvrdí, že lůžek je dost. Odborová organizace lékařů tvrdí opak."
    assert _rows(text, registry) == [
        ("lůžek je dost", "Nemocnice", "Nemocnice", "tvrdí"),
        ("lůžek je dost", "Odborová organizace lékařů", "Odborová organizace lékařů", "tvrdí"),
    ]
    stances = [a.stance for c in extract(text, language="cs").claims for a in c.attributions]
    assert stances == ["asserts", "denies"]


def test_a_surname_mistagged_as_a_noun_drops_the_setting_after_it(registry):
    text = (
        "Soud zprostil starostu Jaroslava Vondráčka obžaloby. Vondráček od začátku tvrdí, že "
        "žádné peníze nepřevzal. „Byla to pomsta,“ prohlásil."
    )
    assert [(r[1], r[2]) for r in _rows(text, registry)] == [
        ("Jaroslav Vondráček", "Vondráček"),
        ("Jaroslav Vondráček", ""),
    ]


def test_a_hospital_named_after_its_place_is_the_whole_name(registry):
    text = "Oblastní nemocnice Kladno v úterý uvedla, že operace obnoví."
    assert [(r[0], r[1]) for r in _rows(text, registry)] == [
        ("operace obnoví", "Oblastní nemocnice Kladno")
    ]


def test_confirming_a_report_attaches_to_its_claim_not_to_the_whole_sentence(registry):
    text = (
        "Oblastní nemocnice Kladno uvedla, že operace obnoví. Nemocnice to potvrdila i ve středu."
    )
    assert [(r[0], r[3]) for r in _rows(text, registry)] == [
        ("operace obnoví", "uvedla"),
        ("operace obnoví", "potvrdila"),
    ]
