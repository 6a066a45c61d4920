"""Behaviour of the candidate, source, stance and claim stages, observed through extract()."""

import pytest

from claims.extraction import extract


def _pairs(text: str, lang: str, registry) -> list[tuple[str, str | None, str, str]]:
    result = extract(text, language=lang, registry=registry)
    return [
        (c.text, a.actor, a.actor_text, a.stance) for c in result.claims for a in c.attributions
    ]


def test_czech_reported_speech_with_ze_clause(registry):
    text = "Putin poté uvedl, že dohoda předpokládá vzájemnou pomoc."
    assert _pairs(text, "cs", registry) == [
        ("dohoda předpokládá vzájemnou pomoc", "Vladimir Putin", "Putin", "asserts")
    ]


def test_inverted_subject_after_direct_quote(registry):
    text = "„Rusko nevylučuje spolupráci s KLDR,“ řekl dále ruský prezident."
    assert _pairs(text, "cs", registry) == [
        ("Rusko nevylučuje spolupráci s KLDR", "Vladimir Putin", "ruský prezident", "asserts")
    ]


def test_according_to_with_adjective_coordination_gives_two_actors(registry):
    text = "Podle amerických a jihokorejských činitelů Severní Korea dodává Rusku granáty."
    got = _pairs(text, "cs", registry)
    assert [(actor, surface) for _, actor, surface, _ in got] == [
        ("US officials", "amerických a jihokorejských činitelů"),
        ("South Korean officials", "amerických a jihokorejských činitelů"),
    ]
    assert got[0][0] == "Severní Korea dodává Rusku granáty"


def test_anaphoric_denial_attaches_to_previous_claim(registry):
    text = (
        "Podle amerických činitelů Severní Korea dodává Rusku granáty. "
        "Moskva a Pchjongjang to popírají."
    )
    result = extract(text, language="cs", registry=registry)
    assert len(result.claims) == 1
    assert [(a.actor, a.stance) for a in result.claims[0].attributions] == [
        ("US officials", "asserts"),
        ("Russia", "denies"),
        ("North Korea", "denies"),
    ]


def test_fear_noun_with_coordinated_holders(registry):
    text = "Washington a jeho spojenci mají obavy, že Rusko pomůže Severní Koreji."
    assert _pairs(text, "cs", registry) == [
        ("Rusko pomůže Severní Koreji", "United States", "Washington", "fears"),
        ("Rusko pomůže Severní Koreji", "US allies", "jeho spojenci", "fears"),
    ]


def test_promise_noun_keeps_preposition_in_cue(registry):
    text = "Šéf Kremlu přijel se slibem, že prohloubí obchodní vazby se zemí."
    result = extract(text, language="cs", registry=registry)
    attribution = result.claims[0].attributions[0]
    assert (attribution.cue, attribution.stance, attribution.actor) == (
        "se slibem",
        "promises",
        "Vladimir Putin",
    )


def test_scare_quote_is_not_a_claim(registry):
    assert (
        extract("Podivná atmosféra jako v „bondovce“.", language="cs", registry=registry).claims
        == []
    )


def test_english_said_x_after_quote(registry):
    text = "“The economy added 200,000 jobs last month,” said Labor Secretary Anna Brooks."
    assert _pairs(text, "en", registry) == [
        (
            "The economy added 200,000 jobs last month",
            "Anna Brooks",  # the canonical speaker: no title
            "Labor Secretary Anna Brooks",
            "asserts",
        )
    ]


def test_english_according_to(registry):
    text = "According to the Federal Reserve, inflation will fall below 3 percent next year."
    assert _pairs(text, "en", registry) == [
        (
            "inflation will fall below 3 percent next year",
            "Federal Reserve",
            "the Federal Reserve",
            "asserts",
        )
    ]


def test_english_pronoun_resolves_to_previous_speaker(registry):
    text = "Joe Biden said the contract was awarded without a tender. He added that he would act."
    got = _pairs(text, "en", registry)
    assert got[-1] == ("he would act", "Joe Biden", "He", "asserts")


def test_negated_cue_flips_stance(registry):
    text = "The ministry did not deny that the contract was awarded without a tender."
    assert [p[3] for p in _pairs(text, "en", registry)] == ["asserts"]


@pytest.mark.parametrize(
    ("text", "stance"),
    [
        ("Farmers fear that the drought will destroy the harvest.", "fears"),
        ("The governor pledged to release emergency funds within a week.", "promises"),
        ("Reporters asked whether the aid would reach small farms.", "questions"),
        ("The mayor urged residents to stop watering their lawns.", "orders"),
        ("The ministry denied that the contract was awarded without a tender.", "denies"),
    ],
)
def test_english_stance_from_lexicon(registry, text, stance):
    assert [p[3] for p in _pairs(text, "en", registry)] == [stance]


def test_question_scores_lower_checkworthiness_than_factual_claim(registry):
    factual = extract(
        "Ministr řekl, že schodek loni dosáhl 180 miliard korun.", language="cs", registry=registry
    )
    question = extract(
        "Novináři se ptali, zda bude stavba hotová?", language="cs", registry=registry
    )
    assert factual.claims[0].checkworthy > question.claims[0].checkworthy


def test_spans_index_the_exact_input(registry):
    text = (
        "  „Rusko nevylučuje spolupráci s KLDR,“ řekl dále ruský prezident.\n\n"
        "Putin uvedl, že dohoda platí."
    )
    for claim in extract(text, language="cs", registry=registry).claims:
        assert text[claim.span[0] : claim.span[1]] == claim.text
        for a in claim.attributions:
            assert text[a.cue_span[0] : a.cue_span[1]] == a.cue
            if a.actor_span:
                assert text[a.actor_span[0] : a.actor_span[1]] == a.actor_text


@pytest.mark.parametrize(
    ("text", "lang", "expected"),
    [
        (
            "Ministr je přesvědčen, že inflace klesne.",
            "cs",
            ("inflace klesne", "Ministr", "asserts"),
        ),
        (
            "The governor is worried that the deficit will grow.",
            "en",
            ("the deficit will grow", "The governor", "fears"),
        ),
    ],
)
def test_predicative_adjective_cue(registry, text, lang, expected):
    result = extract(text, language=lang, registry=registry)
    assert [(c.text, a.actor_text, a.stance) for c in result.claims for a in c.attributions] == [
        expected
    ]


def test_relative_clause_speaker_spans_name_and_pronoun(registry):
    text = "The plan was praised by Mr. Kamin, who emphasized that it would simplify returns."
    assert _pairs(text, "en", registry) == [
        ("it would simplify returns", "Kamin", "Mr. Kamin, who", "asserts")  # surname only
    ]


def test_each_coordinated_speaker_gets_an_attribution(registry):
    text = (
        "Jeden z manažerů společnosti John Govett a specialista na rozvíjející se trhy "
        "Petr Kysel konstatuje, že investoři mají zájem pouze o jeden titul."
    )
    assert [p[2] for p in _pairs(text, "cs", registry)] == [
        "Jeden z manažerů společnosti John Govett",
        "specialista na rozvíjející se trhy Petr Kysel",
    ]


def test_podle_hung_on_the_subject_noun_vouches_for_the_whole_clause(registry):
    # The parser hangs "Podle něj" on the subject "stát"; the source vouches for the clause
    # of its verb, not for the noun phrase.
    result = extract(
        "Ministr Vlček kritiku odmítl. Podle něj stát v letech 2020 a 2021 vyplatil na "
        "kompenzacích přes 80 miliard korun.",
        "cs",
        registry,
    )

    texts = [c.text for c in result.claims]
    assert "stát v letech 2020 a 2021 vyplatil na kompenzacích přes 80 miliard korun" in texts


def test_a_plural_denial_is_a_denial_whatever_lemma_the_tagger_gives(registry):
    # The tagger lemmatises "popřeli" and "popřelo" as "popřet"; the cue is "popřít".
    result = extract(
        "Odboráři popřeli, že s nimi vedení jednalo. Ministerstvo popřelo, že smlouvu podepsalo.",
        "cs",
        registry,
    )

    assert [[a.stance for a in c.attributions] for c in result.claims] == [["denies"], ["denies"]]
