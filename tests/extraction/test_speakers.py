"""The document-level speaker stage: one canonical identity per speaker, kinds, roles, via."""

import pytest

from claims.extraction import ActorRegistry, extract


def _speakers(text, lang, registry):
    result = extract(text, lang, registry)
    return [(a.actor, a.actor_kind, a.actor_text) for c in result.claims for a in c.attributions]


def _attributions(text, lang, registry):
    return [a for c in extract(text, lang, registry).claims for a in c.attributions]


def test_a_czech_speaker_is_chained_through_surnames_and_inflections(registry):
    text = (
        "Soudci protestují proti platům. „Vláda porušuje zákon,“ uvedl předseda Soudcovské "
        "unie Libor Vávra. Podle Vávry se situace zhoršuje. Vávra dodal, že unie podá žalobu."
    )

    found = _attributions(text, "cs", registry)

    assert [a.actor for a in found] == ["Libor Vávra"] * 3
    assert [a.actor_text for a in found] == [
        "předseda Soudcovské unie Libor Vávra",
        "Vávry",
        "Vávra",
    ]
    assert found[0].role == "předseda Soudcovské unie"
    assert {a.actor_kind for a in found} == {"person"}


def test_a_dropped_subject_takes_the_person_just_named_not_an_earlier_speaker(registry):
    text = (
        "Andrej Babiš vládu kritizoval za ceny energií. Premiér Petr Fiala zdražení "
        "obhajoval. Řekl, že ceny v zimě klesnou."
    )

    assert _speakers(text, "cs", registry) == [("Petr Fiala", "person", "")]


def test_an_english_pronoun_takes_the_full_name_and_the_title_stays_a_role(registry):
    text = (
        "Foreign Minister Helena Brandt said the talks would resume on Monday. "
        "She added that no date had been set."
    )

    found = _attributions(text, "en", registry)

    assert [(a.actor, a.actor_text) for a in found] == [
        ("Helena Brandt", "Foreign Minister Helena Brandt"),
        ("Helena Brandt", "She"),
    ]
    assert found[0].role == "Foreign Minister"


def test_a_long_title_is_not_cut_into_the_name(registry):
    found = _attributions(
        "Secretary of State Antony Blinken said the ceasefire was holding.", "en", registry
    )

    assert [(a.actor, a.actor_text, a.role) for a in found] == [
        ("Antony Blinken", "Secretary of State Antony Blinken", "Secretary of State")
    ]


def test_a_titled_name_resolves_to_the_registry_actor(registry):
    text = "President Joe Biden said the bill would pass. Biden added that he was confident."

    assert [a for a, _, _ in _speakers(text, "en", registry)] == ["Joe Biden", "Joe Biden"]


@pytest.mark.parametrize(
    ("text", "actor", "kind"),
    [
        ("Ruské agentury uvedly, že útok byl odražen.", "Ruské agentury", "media"),
        ("Podle agentury RIA Novosti zemřeli tři lidé.", "RIA Novosti", "media"),
        ("The US military said the helicopter crashed.", "US military", "organisation"),
    ],
)
def test_a_media_outlet_or_a_body_is_never_the_state_it_is_from(text, actor, kind, registry):
    lang = "en" if text.startswith("The") else "cs"

    assert [(a, k) for a, k, _ in _speakers(text, lang, registry)] == [(actor, kind)]


def test_the_bbc_russian_service_is_not_russia(registry):
    found = _speakers("Ruská služba stanice BBC uvedla, že obětí bylo víc.", "cs", registry)

    assert [a for a, _, _ in found] != ["Russia"]
    assert found[0][1] in ("media", "organisation")


def test_it_refers_to_the_body_not_to_the_country_inside_its_name(registry):
    text = "The US military said the helicopter crashed. It said no one was hurt."

    assert [a for a, _, _ in _speakers(text, "en", registry)] == ["US military", "US military"]


def test_an_impersonal_construction_borrows_no_speaker(registry):
    text = "Premiér Petr Fiala mluvil o rozpočtu. Očekává se, že inflace letos klesne."

    found = _attributions(text, "cs", registry)

    assert all(a.actor is None for a in found if a.cue.startswith("Očekává"))


def test_an_unnamed_source_cited_by_an_agency_speaks_and_the_agency_relays(registry):
    text = (
        "Útok na sklad byl odražen, cituje agentura TASS nejmenovaný zdroj z ministerstva obrany."
    )

    found = _attributions(text, "cs", registry)

    assert [(a.actor_kind, a.via) for a in found] == [("group", "TASS")]
    assert found[0].actor != "TASS"


@pytest.mark.parametrize(
    ("text", "lang", "via"),
    [
        ("„Inflace bude klesat pomaleji,“ řekl ČTK ekonom Lukáš Kovanda.", "cs", "ČTK"),
        ("“Prices will keep rising,” economist Lukas Kovanda told Reuters.", "en", "Reuters"),
    ],
)
def test_a_quote_given_to_an_agency_belongs_to_the_speaker_via_the_agency(
    text, lang, via, registry
):
    found = _attributions(text, lang, registry)

    assert [(a.actor, a.actor_kind, a.via) for a in found] == [
        ("Lukáš Kovanda" if lang == "cs" else "Lukas Kovanda", "person", via)
    ]
    assert found[0].role in ("ekonom", "economist")


def test_a_lone_name_never_given_in_full_is_a_body(registry):
    text = "Hamas said the talks had failed. Israel said it would continue the operation."

    assert [(a, k) for a, k, _ in _speakers(text, "en", registry)] == [
        ("Hamas", "organisation"),
        ("Israel", "state"),
    ]


def test_an_acronym_is_the_body_named_in_full_before(registry):
    text = (
        "The Chinese Center for Disease Control and Prevention said the risk was low. "
        "The CDC said it was monitoring the outbreak."
    )

    actors = [a for a, _, _ in _speakers(text, "en", registry)]

    assert actors == ["Chinese Center for Disease Control and Prevention"] * 2


def test_a_feminine_role_noun_names_the_woman_introduced_before(registry):
    text = (
        "Ministryně financí Alena Schillerová oznámila, že daně nevzrostou. "
        "Premiér s tím souhlasil. Ministryně dodala, že rozpočet je stabilní."
    )

    found = _attributions(text, "cs", registry)

    assert found[0].actor == "Alena Schillerová"
    assert found[-1].actor == "Alena Schillerová"


def test_no_actor_is_a_pronoun_and_none_carries_a_title(registry):
    text = (
        "Ministr zdravotnictví Vlastimil Válek řekl, že nemocnice dostanou peníze. "
        "Podle něj to stačí. On sám dodal, že čeká na rozpočet."
    )

    for actor, _, _ in _speakers(text, "cs", registry):
        assert actor is None or actor == "Vlastimil Válek"


def test_a_relative_pronoun_after_podle_is_the_name_it_follows(registry):
    text = "O výsledku informovala agentura Reuters, podle níž vojáci ustoupili od hranic."

    assert _speakers(text, "cs", registry) == [("Reuters", "media", "níž")]


def test_an_outlet_acronym_before_a_surname_relays_for_the_person_named_before(registry):
    text = (
        "Obvinění tehdy vznesl radní Martin Dvořák a strážník Pavel Novotný. "
        "„Říkali jsme pravdu,“ řekl včera HN Novotný."
    )

    found = _attributions(text, "cs", registry)

    assert [(a.actor, a.actor_kind, a.via) for a in found] == [("Pavel Novotný", "person", "HN")]


def test_the_information_of_a_group_is_the_group(registry):
    text = "K dohodě by se podle informací několika senátorů mohlo dojít už v březnu."

    assert _speakers(text, "cs", registry) == [
        ("několika senátorů", "group", "informací několika senátorů")
    ]


@pytest.mark.parametrize(
    "text",
    [
        "Opoziční kritikové Nováka obviňují, že krizi využívá před volbami.",
        "Vnitrostraničtí odpůrci Babiše tvrdí, že premiér zneužívá úřad.",
    ],
)
def test_critics_of_a_person_are_a_group_not_the_person(text, registry):
    found = _speakers(text, "cs", registry)

    assert [(a, k) for a, k, _ in found] == [(found[0][2], "group")]


def test_a_czech_pronoun_prefers_the_subject_to_an_object_named_after_it(registry):
    text = (
        "Rakouský kancléř Karl Nehammer chce svolat summit. Obrátí se kvůli tomu na předsedu "
        "Evropské rady Charlese Michela. Lídři by podle něj měli posílit hranice."
    )

    assert _speakers(text, "cs", registry) == [("Karl Nehammer", "person", "něj")]


def test_a_nationality_is_no_first_name_and_it_refers_to_the_group(registry):
    text = (
        "The Afghan Taliban claimed responsibility for the attack, which it said took place "
        "in Logar province."
    )

    found = _attributions(text, "en", registry)

    assert [(a.actor, a.actor_kind, a.role) for a in found] == [
        ("Taliban", "organisation", ""),
        ("Taliban", "organisation", ""),
    ]


@pytest.mark.parametrize(
    ("text", "lang", "actor"),
    [
        (
            'The US military said in a statement that two soldiers died. "The cause is under '
            'investigation," the statement said.',
            "en",
            "US military",
        ),
        (
            "Ministerstvo zemědělství oznámilo, že ceny mléka klesnou. Prohlášení uvádí, že "
            "výkupní ceny jsou stabilní.",
            "cs",
            "Ministerstvo zemědělství",
        ),
    ],
)
def test_a_statement_speaks_for_the_body_that_issued_it(text, lang, actor, registry):
    assert [a for a, _, _ in _speakers(text, lang, registry)] == [actor, actor]


def test_an_acronym_known_to_the_registry_is_its_full_name(registry):
    text = "According to WHO, there were 300 cases of plague last year."

    assert _speakers(text, "en", registry) == [("World Health Organization", "organisation", "WHO")]


def test_a_czech_state_name_resolves_to_the_canonical_name(registry):
    text = (
        "Armáda se přesunula k Izraelem okupovanému území. Ačkoli Izrael vyjádřil znepokojení "
        "z pohybu vojsk, uvedl v prohlášení, že útoku nebude bránit."
    )

    assert [(a, k) for a, k, _ in _speakers(text, "cs", registry)] == [("Israel", "state")]


def test_it_prefers_the_speaker_to_a_place_named_in_passing(registry):
    text = (
        "The Chinese Center for Disease Control and Prevention said there is no need for "
        "Beijing residents to worry, but it acknowledged that remote regions are vulnerable."
    )

    actors = [a for a, _, _ in _speakers(text, "en", registry)]

    assert actors == ["Chinese Center for Disease Control and Prevention"] * len(actors) != []


@pytest.mark.parametrize(
    ("text", "lang", "content"),
    [
        ("Podle think tanku Re: Russia ruská ekonomika zpomaluje.", "cs", "ruská ekonomika"),
        ("The think tank Re: Russia said the economy was slowing.", "en", "the economy"),
        (
            "Analytici think tanku Re: Russia uvedli, že export klesá.",
            "cs",
            "export klesá",
        ),
    ],
)
def test_a_registry_name_with_a_colon_is_one_organisation(text, lang, content, registry):
    result = extract(text, lang, registry)

    found = [a for c in result.claims for a in c.attributions]
    assert [(a.actor, a.actor_kind) for a in found] == [("Re: Russia", "organisation")]
    assert found[0].actor_text.endswith("Re: Russia")
    assert result.claims[0].text.startswith(content)


def test_an_according_to_source_relays_the_report_of_the_one_who_wrote_it(registry):
    text = (
        "According to the BBC's Lee, Wang Min, a surgeon at a Beijing hospital, wrote in a "
        "blog post that the pair had been moved to the clinic on May 3."
    )

    found = _attributions(text, "en", registry)

    assert [(a.actor, a.cue) for a in found] == [("Wang Min", "wrote")]
    assert found[0].via == "Lee"


def test_according_to_keeps_its_source_when_the_report_inside_names_someone_else(registry):
    text = (
        "According to police, officers saw the man get out of a car with a handgun, and they "
        "ordered him to drop the weapon."
    )

    found = _attributions(text, "en", registry)

    assert ("police", "According to") in [(a.actor_text, a.cue) for a in found]
    assert all(a.via is None for a in found)


def test_a_participle_saying_which_people_speak_stays_in_the_speaker(registry):
    text = "Three people briefed on the negotiations said the agreement was near."

    assert _speakers(text, "en", registry) == [
        (
            "Three people briefed on the negotiations",
            "group",
            "Three people briefed on the negotiations",
        )
    ]


def test_a_date_speaks_for_no_one(registry):
    text = (
        '"The president wants the option of a bigger deal with Beijing. Bigger than the small '
        'deal" announced in October, said Mark Stone, a trade scholar at a Washington institute.'
    )

    assert "October" not in [a for a, _, _ in _speakers(text, "en", registry)]


def test_a_surname_particle_stays_in_the_name_and_chains_the_later_mentions(registry):
    """Found on an unseen article: "union leader Anke de Vries" became "de Vries" with the role
    "union leader Anke", and "De Vries" opening a sentence a new person with first name "De"."""
    text = (
        "Union leader Anke de Vries said the strike would start on Monday. "
        "De Vries later added that talks had failed. "
        "Later, de Vries said the union would wait."
    )

    found = _attributions(text, "en", registry)

    assert [a.actor for a in found] == ["Anke de Vries"] * 3
    assert found[0].role == "Union leader"


def test_a_capitalised_czech_adjective_inside_a_name_is_not_the_country(registry):
    # Czech writes a demonym in lower case ("české úřady"); a capital inside the phrase opens
    # a multi-word name ("České spořitelny"), so the bank's economists are not the government.
    found = _attributions("Ekonomové České spořitelny uvedli, že inflace zpomalí.", "cs", registry)

    assert [(a.actor, a.actor_kind, a.role) for a in found] == [
        ("Česká spořitelna", "organisation", "ekonomové")
    ]


def test_a_czech_body_named_in_an_oblique_case_gets_its_nominative_name(registry):
    found = _attributions(
        "Podle Energetického regulačního úřadu ceny příští rok klesnou. "
        "Analytici Komerční banky odhadují, že inflace zpomalí.",
        "cs",
        registry,
    )

    assert [(a.actor, a.actor_kind) for a in found] == [
        ("Energetický regulační úřad", "organisation"),
        ("Komerční banka", "organisation"),
    ]
    assert found[1].role == "analytici"


def test_a_czech_role_keeps_its_conjunction(registry):
    found = _attributions(
        "Ceny elektřiny klesnou. Řekl to ministr průmyslu a obchodu Lukáš Vlček.", "cs", registry
    )

    assert [(a.actor, a.role) for a in found] == [("Lukáš Vlček", "ministr průmyslu a obchodu")]


def test_an_english_role_keeps_an_inner_article(registry):
    found = _attributions(
        "The Secretary of the Treasury Janet Yellen said that inflation would ease.", "en", registry
    )

    assert [(a.actor, a.role) for a in found] == [("Janet Yellen", "Secretary of the Treasury")]


def test_a_body_named_with_of_keeps_its_whole_name(registry):
    """Found on an unseen article: "The Port of Rotterdam Authority said" gave the actor
    "Port"; a person's name before "of" stays the person."""
    text = (
        "The Port of Antwerp Authority said the locks would reopen on Friday. "
        "Pieter Claes of Reuters said the queue of ships was growing."
    )

    found = _attributions(text, "en", registry)

    assert [(a.actor, a.actor_kind, a.role) for a in found] == [
        ("Port of Antwerp Authority", "organisation", ""),
        ("Pieter Claes", "person", ""),
    ]


def test_staff_at_a_body_are_its_role_and_the_body_speaks(registry):
    """Found on an unseen article: "Economists at ING said" gave the role "Economists at"; a
    title before a person's name is still the person's role."""
    text = (
        "Analysts at Nordbank said the krone would weaken. "
        "Secretary of State Antony Blinken said the talks would continue."
    )

    found = _attributions(text, "en", registry)

    assert [(a.actor, a.actor_kind, a.role) for a in found] == [
        ("Nordbank", "organisation", "analysts"),
        ("Antony Blinken", "person", "Secretary of State"),
    ]


def test_a_title_stored_in_an_alias_is_still_the_role():
    # The storing service keeps a speaker's titled surface as an alias; the next article that
    # uses it matches the whole alias and must not lose the role (found on a second walk).
    registry = ActorRegistry.from_entries(
        [
            {
                "name": "Libor Vávra",
                "kind": "person",
                "aliases": ["předseda Soudcovské unie Libor Vávra", "Vávra"],
            }
        ]
    )

    found = _attributions(
        "Platy klesnou. Řekl to předseda Soudcovské unie Libor Vávra.", "cs", registry
    )

    assert [(a.actor, a.role) for a in found] == [("Libor Vávra", "předseda Soudcovské unie")]


def test_an_abbreviated_title_keeps_its_periods_in_the_role(registry):
    """Found on a real article: "Lt. Col. Alexander Vindman" gave the role "Lt . Col ."."""
    found = _attributions(
        "Lt. Col. Anna Weber told lawmakers that the order was never given.", "en", registry
    )

    assert [(a.actor, a.role) for a in found] == [("Anna Weber", "Lt. Col.")]


def test_a_possessive_inside_a_body_name_keeps_the_whole_name(registry):
    # Found on an unseen article through the API: the association became "Association".
    found = _attributions(
        "The European Automobile Manufacturers' Association argued that the deadline was too "
        "short. The People's Bank of China said that rates would stay. Biden's Secretary of "
        "State Antony Blinken said that talks would resume.",
        "en",
        registry,
    )

    assert [(a.actor, a.actor_kind, a.role) for a in found] == [
        ("European Automobile Manufacturers' Association", "organisation", ""),
        ("People's Bank of China", "organisation", ""),
        ("Antony Blinken", "person", "Biden's Secretary of State"),
    ]


@pytest.mark.parametrize(
    ("text", "lang", "actor_text"),
    [
        # Found walking an unseen article: "Opozice" (capitalised only as the sentence's first
        # word) became a person, and the actor table an actor named "Opozice".
        ("Opozice tvrdí, že vodárny vyplácejí vysoké dividendy.", "cs", "Opozice"),
        ("Obyvatelé Brna uvedli, že voda je drahá.", "cs", "Obyvatelé Brna"),
        ("The opposition says the law will not help.", "en", "The opposition"),
        # Not Felixstowe speaking, with the role "residents": its residents, a group.
        ("Residents of Felixstowe said the port was noisy.", "en", "Residents of Felixstowe"),
        # People in a place, not the place with the role "officials in".
        ("Officials in Kyiv said more was needed.", "en", "Officials in Kyiv"),
    ],
)
def test_a_group_noun_of_the_lexicon_makes_a_group_not_a_person_or_a_place(
    registry, text, lang, actor_text
):
    [found] = _attributions(text, lang, registry)

    assert (found.actor_kind, found.actor_text, found.role) == ("group", actor_text, "")


def test_a_lowercase_word_the_tagger_calls_proper_does_not_name_a_body(registry):
    # The English model tags "ministry" in "the Russian foreign ministry" as NNP: the speaker
    # was the body "ministry", which names no one.
    assert _speakers("Russia's foreign ministry said the claims were false.", "en", registry) == [
        ("Russia's foreign ministry", "organisation", "Russia's foreign ministry")
    ]


@pytest.mark.parametrize(
    ("text", "name"),
    [
        (
            "Ukrainian military intelligence said the attack failed.",
            "Ukrainian military intelligence",
        ),
        ("Hutchison Ports said it had offered a fair deal.", "Hutchison Ports"),
    ],
)
def test_intelligence_services_and_port_operators_are_organisations(registry, text, name):
    assert _speakers(text, "en", registry) == [(name, "organisation", name)]


def test_a_statement_or_website_speaks_for_its_owner_named_before_its_possessive(registry):
    assert _speakers(
        "The fees will take effect in March, according to the council's website.", "en", registry
    ) == [("council", "organisation", "the council's website")]
    assert _speakers("Prices will rise, according to Tesco's statement.", "en", registry) == [
        ("Tesco", "organisation", "Tesco's statement")
    ]


def test_a_czech_police_story_names_its_speakers_right(registry):
    # Found walking an unseen article: the spokeswoman came out as "Hany Nová"; "jeho mluvčí"
    # (the prosecutors' spokeswoman) as the police spokeswoman; "Obviněný vinu popírá" (the
    # accused denies guilt) gave nothing, then, as a denial, was the police spokeswoman's.
    text = (
        "Podle mluvčí krajské policie Hany Nové měl starosta zmanipulovat zakázku za 30 "
        "milionů korun. Obviněný vinu popírá. Státní zastupitelství zatím nerozhodlo, zda "
        "podá obžalobu, uvedla jeho mluvčí."
    )
    result = extract(text, "cs", registry)
    assert [[(a.actor, a.stance) for a in c.attributions] for c in result.claims] == [
        [("Hana Nová", "asserts"), ("Obviněný", "denies")],
        [("jeho mluvčí", "asserts")],
    ]


@pytest.mark.parametrize(
    ("text", "lang", "found"),
    [
        # Found walking unseen articles: "the company said" was a description "company" and
        # "The union IG Metall" a person.
        (
            "Volkswagen announced record profits. The company said demand had recovered.",
            "en",
            [("Volkswagen", "organisation"), ("Volkswagen", "organisation")],
        ),
        (
            "ČEZ zvýší ceny elektřiny. Společnost to oznámila v pondělí.",
            "cs",
            [("ČEZ", "organisation")],
        ),
        (
            "The union IG Metall said the deal avoided closures.",
            "en",
            [("IG Metall", "organisation")],
        ),
        # With nothing named before, "the company" stays a description.
        ("The company said demand had recovered.", "en", [("company", "organisation")]),
    ],
)
def test_the_company_is_the_body_just_named_and_a_body_noun_names_its_kind(
    registry, text, lang, found
):
    assert [(actor, kind) for actor, kind, _ in _speakers(text, lang, registry)] == found


def test_a_single_name_after_an_honorific_is_a_person_not_a_body(registry):
    # "Hamas" alone is a body; "Mr. Kamin" was one too.
    assert _speakers("Mr. Kamin said rates would rise.", "en", registry) == [
        ("Kamin", "person", "Mr. Kamin")
    ]
    assert _speakers("Hamas said the talks failed.", "en", registry) == [
        ("Hamas", "organisation", "Hamas")
    ]


@pytest.mark.parametrize(
    ("text", "actor"),
    [
        # Found walking an unseen article: the tagger gives "Seznam Zpráv" the tag X, and
        # "Zpráv" (reports) read as a report noun with no owner; both gave no claim.
        ("Podle informací Seznam Zpráv chce ministerstvo stavbu urychlit.", "Seznam Zprávy"),
        ("Podle Seznam Zpráv chce ministerstvo stavbu urychlit.", "Seznam Zprávy"),
        ("Podle informací Deníku N chce ministerstvo stavbu urychlit.", "Deník N"),
    ],
)
def test_czech_outlets_the_registry_knows_are_sources_in_any_case(registry, text, actor):
    assert [(a, kind) for a, kind, _ in _speakers(text, "cs", registry)] == [(actor, "media")]


@pytest.mark.parametrize(
    ("text", "lang", "role"),
    [
        # Found walking unseen articles: a title in apposition after the name was dropped.
        (
            '"The data leave the door open," said Anna Titareva, an economist at UBS.',
            "en",
            "economist at UBS",
        ),
        (
            "Luis Planas, the agriculture minister, said rainfall was low.",
            "en",
            "agriculture minister",
        ),
        ("„Ceny porostou,“ řekl Jan Novák, ministr zemědělství.", "cs", "ministr zemědělství"),
    ],
)
def test_a_title_in_apposition_after_the_name_is_the_role(registry, text, lang, role):
    [found] = _attributions(text, lang, registry)
    assert (found.actor_kind, found.role) == ("person", role)


def test_one_opponent_is_a_person_not_a_group(registry):
    # The group words are plural nouns ("critics", "kritikové"); a single opponent is a person.
    assert [
        (kind, text)
        for _, kind, text in _speakers(
            "His opponent said the remarks were dangerous.", "en", registry
        )
    ] == [("person", "His opponent")]


@pytest.mark.parametrize(
    ("text", "found"),
    [
        # A name never given with a first name is a body, as when it speaks; a state is not.
        ("Volkswagen will cut 35,000 jobs in Germany, the carmaker said.", "Volkswagen"),
        ("Andrej Babiš criticised the plan. The company said it would appeal.", "company"),
    ],
)
def test_the_company_is_a_body_named_before_even_one_that_has_not_spoken(registry, text, found):
    assert [actor for actor, _, _ in _speakers(text, "en", registry)] == [found]
