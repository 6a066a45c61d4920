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


def test_a_surname_read_as_a_common_noun_is_still_the_antecedent(registry):
    # "Kalina" is also a shrub: the parser reads it as a noun, yet it is Martin Kalina, the
    # subject "podle něj" points back to, not the other man named just before
    text = (
        "Zdražení oznámil náměstek Martin Kalina. Zastupitel Tomáš Hrubý tvrdí, že kraj "
        "skončil v přebytku. Kalina jeho slova odmítl: peníze jsou podle něj už rozdělené."
    )
    rows = _rows(text, registry)
    assert ("peníze jsou už rozdělené", "Martin Kalina", "něj", "podle") in rows


def test_a_ze_clause_the_parser_hung_on_the_newspaper_is_what_was_said(registry):
    # the parser makes "že daně nezvýší" a complement of "novinám", not of "řekl"
    text = "Ministr řekl Lidovým novinám, že daně letos nezvýší."
    assert _rows(text, registry) == [("daně letos nezvýší", "Ministr", "Ministr", "řekl")]


def test_a_paper_named_by_a_letter_ends_its_sentence(registry):
    # "N." after "Deníku" is the paper's name, not an initial: the next sentence's body is
    # not the speaker of the quotation before it
    text = (
        "Předseda spolku Karel Dvořák je skeptický. „Sester je málo,“ řekl Deníku N. "
        "Podobně to vidí i Česká asociace sester."
    )
    rows = _rows(text, registry)
    assert [(r[0], r[1]) for r in rows] == [("Sester je málo", "Karel Dvořák")]


def test_a_middle_initial_stays_inside_the_name(registry):
    # the parser hangs "G." on the first name as punctuation
    text = (
        "Historik Tomáš G. Novák řekl, že stát vznikl brzy. "
        "Podle historika Tomáše G. Nováka republika vznikla příliš brzy."
    )
    assert [(r[0], r[1]) for r in _rows(text, registry)] == [
        ("stát vznikl brzy", "Tomáš G. Novák"),
        ("republika vznikla příliš brzy", "Tomáš G. Novák"),
    ]


def test_what_stands_behind_something_is_no_part_of_the_source(registry):
    # the parser hangs "za poklesem" ("stát za": be behind) on the source
    text = "Podle analytiků za poklesem stojí drahé energie."
    assert _rows(text, registry) == [
        ("za poklesem stojí drahé energie", "analytici", "analytiků", "Podle")
    ]


def test_ta_opening_a_sentence_points_back_to_the_woman_named_before(registry):
    text = "Nemocnici nyní vede Alena Dvořáková. Ta v úterý oznámila, že nemocnice zadala audit."
    assert [(r[0], r[1], r[2]) for r in _rows(text, registry)] == [
        ("nemocnice zadala audit", "Alena Dvořáková", "Ta")
    ]


def test_a_surname_introduced_in_the_genitive_is_known_in_the_nominative(registry):
    # "Pokorný" is also an adjective (humble): the parser does not read it as a name
    text = (
        "Policie obvinila ředitele Jiřího Pokorného z podvodu. Mluvčí policie Eva Malá uvedla, "
        "že škoda přesáhla milion korun. Pokorný vinu odmítá."
    )
    rows = _rows(text, registry)
    assert ("škoda přesáhla milion korun", "Jiří Pokorný", "", "odmítá") in rows


def test_a_sources_setting_belongs_to_the_attribution_and_a_stray_dative_to_the_claim(
    registry,
):
    text = (
        "Podle průzkumu agentury STEM z letošního jara nemocnicím v regionu důvěřuje jen 41 "
        "procent lidí. Podle ministra Jana Nováka na síti X daně letos vzrostou. Podle "
        "průzkumu agentury Median lékařům v Česku věří 80 procent lidí."
    )
    assert [(r[0], r[1]) for r in _rows(text, registry)] == [
        ("nemocnicím v regionu důvěřuje jen 41 procent lidí", "STEM"),
        ("daně letos vzrostou", "Jan Novák"),
        ("lékařům v Česku věří 80 procent lidí", "Median"),
    ]


def test_a_headline_labels_statement_ends_before_the_clause_that_answers_it(registry):
    text = (
        "Energetici: Zima bez výpadků proudu není jistá, stát to popírá\n\n"
        "Energetický expert Michal Šnobr varuje, že rezervy jsou nízké."
    )
    rows = _rows(text, registry)
    assert ("Zima bez výpadků proudu není jistá", "Energetici", "Energetici", ":") in rows
    assert ("Zima bez výpadků proudu není jistá", "stát", "stát", "popírá") in rows


def test_a_body_agrees_by_the_gender_of_its_noun(registry):
    # "podle ní": the organisation (feminine), not its name "dTest"
    text = (
        "Spotřebitelská organizace dTest upozornila, že domácnosti mají zkontrolovat smlouvy. "
        "Dodavatelé podle ní často měnili podmínky."
    )
    assert [(r[0], r[1]) for r in _rows(text, registry)] == [
        ("domácnosti mají zkontrolovat smlouvy", "Spotřebitelská organizace dTest"),
        ("Dodavatelé často měnili podmínky", "Spotřebitelská organizace dTest"),
    ]


def test_the_mediums_adjective_is_no_part_of_the_speakers_name(registry):
    # the tagger makes "Českému" a part of "Hrubeš"
    text = (
        "Dopravní expert Jan Hrubeš míní, že regulace selhává. „Na ceny se nikdo nedívá,“ řekl "
        "Hrubeš Českému rozhlasu."
    )
    rows = attribution_rows(text, "cs", registry, "actor", "via")
    assert rows == [
        ("regulace selhává", "Jan Hrubeš", ""),
        ("Na ceny se nikdo nedívá", "Jan Hrubeš", "Českému rozhlasu"),
    ]
    # hung on the speaker instead of the verb, the medium is still the one told
    rows = attribution_rows(
        "„Ceny porostou,“ řekl Pavel Hora České televizi.", "cs", registry, "actor", "via"
    )
    assert rows == [("Ceny porostou", "Pavel Hora", "České televizi")]


def test_a_refusal_to_comment_the_parser_hung_on_the_infinitive_reports_nothing(registry):
    text = (
        "Předseda úřadu uvedl, že se odvolá. Ministerstvo dopravy se k verdiktu vyjádřit odmítlo."
    )
    assert [(r[0], r[1], r[3]) for r in _rows(text, registry)] == [
        ("se odvolá", "Předseda úřadu", "uvedl")
    ]


def test_neuter_past_reports_with_to_answer_the_sentence_before(registry):
    # the model lemmatises "Uvedlo" as "uvedt", "popřelo" as "popřet", "Napsalo" not at all,
    # and reads "to" beside another subject as a second subject
    text = (
        "Rusko v noci zaútočilo na energetiku. Uvedlo to ukrajinské letectvo.\n\n"
        "Rusko podle Kyjeva ostřelovalo nemocnici. Ministerstvo obrany v Moskvě to popřelo.\n\n"
        "Vláda zvýší daně. Napsalo to ministerstvo financí na síti X."
    )
    assert [(r[0], r[1], r[3]) for r in _rows(text, registry)] == [
        ("Rusko v noci zaútočilo na energetiku", "ukrajinské letectvo", "Uvedlo"),
        ("Rusko ostřelovalo nemocnici", "Ukraine", "podle"),
        ("Rusko ostřelovalo nemocnici", "Ministerstvo obrany", "popřelo"),
        ("Vláda zvýší daně", "ministerstvo financí", "Napsalo"),
    ]


def test_no_one_denies_their_own_claim(registry):
    text = (
        "„Rusko útočí na teplo v domovech,“ uvedl Zelenskyj. Mluvčí Kremlu Dmitrij Peskov "
        "řekl, že armáda útočí jen na vojenské cíle. Tvrzení Kyjeva označil za lež."
    )
    rows = _rows(text, registry)
    assert [(r[0], r[1]) for r in rows if r[3] == "označil"] == [
        ("Rusko útočí na teplo v domovech", "Dmitrij Peskov")
    ]


def test_a_denial_with_its_reason_denies_the_claim_before_and_asserts_the_reason(registry):
    text = (
        "Architekt Tomáš Pejpek upozornil, že zástavba zakryje výhled. Náměstek Viktor Tichák "
        "to odmítl s tím, že soutěž by projekt zdržela o dva roky."
    )
    assert [
        (r[0], r[1], r[3])
        for r in attribution_rows(text, "cs", registry, "actor", "actor_text", "cue")
    ] == [
        ("zástavba zakryje výhled", "Tomáš Pejpek", "upozornil"),
        ("zástavba zakryje výhled", "Viktor Tichák", "odmítl"),
        ("soutěž by projekt zdržela o dva roky", "Viktor Tichák", "odmítl"),
    ]
    stances = attribution_rows(text, "cs", registry, "stance")
    assert [s for _, s in stances] == ["asserts", "denies", "asserts"]


def test_a_surname_the_parser_hung_on_the_subject_stays_with_its_source(registry):
    text = (
        "Město podle primátora Miroslava Žbánka získá až 180 milionů korun. Radnice na dotaz "
        "redakce odpověděla, že posudek nezná."
    )
    assert [(r[0], r[2]) for r in _rows(text, registry)] == [
        ("Město získá až 180 milionů korun", "primátora Miroslava Žbánka"),
        ("posudek nezná", "Radnice"),
    ]


def test_a_local_office_holder_named_in_the_genitive_is_that_person(registry):
    text = "Podle starosty Jana Nováka město získá peníze."
    assert [(r[0], r[1]) for r in _rows(text, registry)] == [("město získá peníze", "Jan Novák")]


def test_a_podle_phrase_inside_a_reported_clause_leaves_the_whole_clause_reported(registry):
    text = (
        "Ekonomka Helena Horská pro ČTK uvedla, že schodek je sice nižší, ale tempo konsolidace "
        "je podle ní příliš pomalé."
    )
    claims = {r[0] for r in _rows(text, registry)}
    assert claims == {"schodek je sice nižší, ale tempo konsolidace je podle ní příliš pomalé"}


def test_surnames_in_the_genitive_keep_their_nominative_and_their_place_in_the_source(
    registry,
):
    # "Trávníčka" is lemmatised "Trávníčk"; "Novákové" and "Frankové" are hung on the
    # subject after them (the latter as an adjective in the nominative)
    text = (
        "Úřad podle svého předsedy Stanislava Trávníčka situaci sleduje. Podle Jany Novákové "
        "město roste. Podle Anny Frankové obec roste."
    )
    assert [(r[0], r[1]) for r in _rows(text, registry)] == [
        ("Úřad situaci sleduje", "Stanislav Trávníček"),
        ("město roste", "Jana Nováková"),
        ("obec roste", "Anna Franková"),
    ]
