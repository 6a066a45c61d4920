"""Czech speakers found wrong walking unseen wire copy (a strike, a council row, a trial, a
university funding row): plural descriptions named in the nominative plural, a female
spokesperson whose role noun the tagger reads as masculine, and a source phrase that
swallowed the subject of the clause it vouches for. Sentences are the tests' own."""

from __future__ import annotations

import pytest

from claims.extraction.inflect import czech_nominative_plural

from .rows import attribution_rows


def _rows(text: str, registry) -> list[tuple[str, ...]]:
    return attribution_rows(text, "cs", registry, "actor", "actor_text", "cue")


# -- plural descriptions in the nominative plural ------------------------------------------


@pytest.mark.parametrize(
    ("sentence", "actor", "written"),
    [
        ("Podle odborů je výplata kuchařů příliš nízká.", "odbory", "odborů"),
        ("Podle lékařů chybějí v ambulanci sestry.", "lékaři", "lékařů"),
        (
            "Podle opozičních zastupitelů kraj budovu prodává pod cenou.",
            "opoziční zastupitelé",
            "opozičních zastupitelů",
        ),
        ("Podle českých ekonomů letos zdraží nájmy.", "čeští ekonomové", "českých ekonomů"),
        (
            "Podle zdravotních sester je směna příliš dlouhá.",
            "zdravotní sestry",
            "zdravotních sester",
        ),
        ("Podle vyšetřovatelů peníze odešly na Kypr.", "vyšetřovatelé", "vyšetřovatelů"),
        ("Podle opozice je rozpočet nereálný.", "opozice", "opozice"),
    ],
)
def test_plural_source_is_named_in_the_nominative_plural(registry, sentence, actor, written):
    rows = _rows(sentence, registry)
    assert len(rows) == 1
    assert rows[0][1:] == (actor, written, "Podle")


@pytest.mark.parametrize(
    ("lemma", "gender", "animate", "adjective", "plural"),
    [
        ("odborář", "Masc", True, False, "odboráři"),
        ("odborník", "Masc", True, False, "odborníci"),
        ("učitel", "Masc", True, False, "učitelé"),
        ("policista", "Masc", True, False, "policisté"),
        ("starosta", "Masc", True, False, "starostové"),
        ("vědec", "Masc", True, False, "vědci"),
        ("svědek", "Masc", True, False, "svědci"),
        ("ekonom", "Masc", True, False, "ekonomové"),
        ("soudce", "Masc", True, False, "soudci"),
        ("úřad", "Masc", False, False, "úřady"),
        ("odbory", "Masc", False, False, "odbory"),
        ("organizace", "Fem", False, False, "organizace"),
        ("společnost", "Fem", False, False, "společnosti"),
        ("město", "Neut", False, False, "města"),
        ("pražský", "Masc", True, True, "pražští"),
        ("krajský", "Masc", False, True, "krajské"),
        ("místní", "Fem", False, True, "místní"),
    ],
)
def test_czech_nominative_plural_by_paradigm(lemma, gender, animate, adjective, plural):
    assert czech_nominative_plural(lemma, gender, animate, adjective) == plural


# -- a woman named after a role noun of one form for both genders --------------------------


def test_female_spokesperson_before_her_verb_is_the_speaker(registry):
    rows = _rows(
        "Mluvčí dopravce Jana Kopecká řekla, že v noci pojedou jen náhradní autobusy.", registry
    )
    assert rows == [
        (
            "v noci pojedou jen náhradní autobusy",
            "Jana Kopecká",
            "Mluvčí dopravce Jana Kopecká",
            "řekla",
        )
    ]


def test_female_head_of_department_before_her_verb_is_the_speaker(registry):
    rows = _rows("Vedoucí odboru Petra Malá uvedla, že na opravy chybí peníze.", registry)
    assert [(r[1], r[2]) for r in rows] == [("Petra Malá", "Vedoucí odboru Petra Malá")]


# -- a source phrase ends where the clause's subject begins --------------------------------


def test_subject_after_the_named_source_starts_the_claim(registry):
    rows = _rows(
        "Podle státního zástupce Pavla Čermáka Holub předložil úřadům falešné faktury.", registry
    )
    assert rows == [
        (
            "Holub předložil úřadům falešné faktury",
            "Pavel Čermák",
            "státního zástupce Pavla Čermáka",
            "Podle",
        )
    ]


def test_subject_tagged_genitive_after_the_named_source_starts_the_claim(registry):
    rows = _rows(
        "Podle státního zástupce Pavla Čermáka Holub v letech 2019 až 2021 předložil "
        "úřadům falešné faktury za stroje.",
        registry,
    )
    assert [(r[0].split()[0], r[1]) for r in rows] == [("Holub", "Pavel Čermák")]


# -- a role given in a sentence no rule parses names the person later -----------------------


def test_role_from_an_unreported_introduction_resolves_a_later_role_speaker(registry):
    text = (
        "Ministr zemědělství Karel Dvořák návrh brání. „Na dotace letos nezbývá,“ uvedl "
        "ministr. Podle ministra se peníze najdou až příští rok."
    )
    rows = _rows(text, registry)
    assert [(r[1], r[2]) for r in rows] == [
        ("Karel Dvořák", "ministr"),
        ("Karel Dvořák", "ministra"),
    ]
