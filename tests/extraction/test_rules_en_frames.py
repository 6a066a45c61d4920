"""English frames and quotation continuation added for PolNeAR-style attribution (0.3.0)."""

import pytest

from claims.extraction import extract


def _pairs(text: str, registry) -> list[tuple[str, str, str]]:
    result = extract(text, language="en", registry=registry)
    return [(c.text, a.actor_text, a.cue) for c in result.claims for a in c.attributions]


def _one_quotation(text: str, registry, first: str, last: str) -> tuple[str, str]:
    """The text gives exactly one claim, running from `first` to `last`: its (actor, cue)."""
    [(content, actor, cue)] = _pairs(text, registry)
    assert content.startswith(first)
    assert content.endswith(last)
    return actor, cue


def test_prepositional_frame_object_is_the_content_when_it_states_something(registry):
    text = "The senator spoke of a plan to cut taxes."
    assert _pairs(text, registry) == [("a plan to cut taxes", "The senator", "spoke of")]


def test_a_topic_talked_about_is_no_claim(registry):
    text = "The senator talked about the economy at length on Monday."
    assert _pairs(text, registry) == []


def test_quote_after_a_new_attribution_sentence_is_not_continued(registry):
    text = "“We will win this state,” the governor said. He added, “Our voters are loyal.”"
    assert _pairs(text, registry) == [
        ("We will win this state", "the governor", "said"),
        ("Our voters are loyal.", "He", "added"),
    ]


def test_quotation_only_paragraph_continues_the_speech(registry):
    text = (
        "“We will win this state,” the governor said.\n\n"
        "“Our voters are loyal and they will come out.”\n\nThe race is close."
    )
    assert _one_quotation(text, registry, "We will win this state", "they will come out.") == (
        "the governor",
        "said",
    )


def test_curly_quote_closed_by_a_straight_quote(registry):
    text = '“We’re going to build a wall," he said. "It’s going to be built."'
    assert _one_quotation(
        text, registry, "We’re going to build a wall", "It’s going to be built."
    ) == ("he", "said")


def test_interrupted_quote_with_a_relative_clause_is_kept(registry):
    text = "“We will win this state,” said a campaign aide, who spoke anonymously. “We are loyal.”"
    got = _pairs(text, registry)
    assert got
    assert all(c.startswith("We will win this state") for c, _, _ in got)
    assert ("a campaign aide", "said") in [(a, cue) for _, a, cue in got]


def test_reported_clause_after_the_cue_beats_a_misattached_one_before_it(registry):
    text = (
        "In a statement released after the senator suspended his campaign, "
        "the governor said he is certain the party will unite."
    )
    assert _pairs(text, registry) == [
        ("he is certain the party will unite", "the governor", "said")
    ]


def test_participle_report_after_said_is_its_own_claim_by_the_same_speaker(registry):
    text = (
        "Sen. David Perdue said he did not believe the attacks hurt Romney in 2012, "
        "arguing that divisions in the party were a bigger hurdle."
    )
    assert _pairs(text, registry) == [
        ("he did not believe the attacks hurt Romney in 2012", "Sen. David Perdue", "said"),
        ("divisions in the party were a bigger hurdle", "Sen. David Perdue", "arguing"),
    ]


def test_another_partys_report_hung_on_the_content_is_its_own_claim(registry):
    text = (
        "Some voters said the former president had made a good case for his wife, while "
        "other voters said they had not heard anything to pull them away from Mr. Sanders."
    )
    assert [(content, actor) for content, actor, _ in _pairs(text, registry)] == [
        ("the former president had made a good case for his wife", "Some voters"),
        ("they had not heard anything to pull them away from Mr. Sanders", "other voters"),
    ]


def test_citing_a_reason_is_the_speakers_claim_not_a_source(registry):
    text = (
        "Analysts said the sanctions worked, citing the release of political prisoners "
        "in the country."
    )
    pairs = _pairs(text, registry)
    assert ("the release of political prisoners in the country", "Analysts", "citing") in pairs


def test_citing_a_named_source_stays_an_according_to(registry):
    text = "The plant will close in May, citing Reuters."
    result = extract(text, language="en", registry=registry)
    pairs = [(a.actor_text, a.cue, c.kind) for c in result.claims for a in c.attributions]
    assert pairs == [("Reuters", "citing", "according_to")]


def test_speakers_apposition_after_inverted_said_is_not_content(registry):
    text = (
        "Its first national ad could start this week, said Brian Baker, a longtime "
        "adviser to the family."
    )
    assert [content for content, _, _ in _pairs(text, registry)] == [
        "Its first national ad could start this week"
    ]


def test_object_of_a_causative_verb_is_who_speaks(registry):
    text = "The scandal led the Latvian journalist Dainis Ivans to fear a new pact."
    assert [(c, a, cue) for c, a, cue in _pairs(text, registry)] == [
        ("a new pact", "Dainis Ivans", "fear")
    ]


def test_infinitive_after_use_keeps_the_subject_as_speaker(registry):
    text = "The association used the comments to urge people to vote for him."
    assert [a for _, a, _ in _pairs(text, registry)] == ["The association"]


def test_named_apposition_beats_a_misparsed_subject(registry):
    text = (
        "WASHINGTON -- President Obama, dedicating the museum on Saturday, "
        "said it would tell an American story."
    )
    assert [a for _, a, _ in _pairs(text, registry)] == ["President Obama"]


def test_participle_on_an_occasion_belongs_to_who_speaks_there(registry):
    text = (
        "She said at a recent news conference announcing that her department was suing "
        "North Carolina over its law."
    )
    got = {(c, a) for c, a, _ in _pairs(text, registry)}
    assert ("her department was suing North Carolina over its law", "She") in got
    assert not any(a.endswith("conference") for _, a in got)


def test_relative_pronoun_after_a_named_apposition_joins_the_source(registry):
    text = "His wife, Laura, who spoke of having met the director, smiled."
    [(_, actor, cue)] = _pairs(text, registry)
    assert (actor, cue) == ("Laura, who", "spoke of")


def test_object_content_stops_before_when_and_where(registry):
    text = "Rival Donald Trump attacked Machado in early-morning tweets on Friday."
    assert [c for c, _, _ in _pairs(text, registry)] == ["Machado"]


def test_object_content_keeps_its_complement(registry):
    text = "The senator blamed the bank for the scandal on Tuesday."
    assert [c for c, _, _ in _pairs(text, registry)] == ["the bank for the scandal"]


def test_two_quotations_joined_by_but_after_the_cue_are_one_claim(registry):
    text = '"You know, I love Larry," he said, but "Larry has a history of big litigation."'
    assert _one_quotation(
        text, registry, "You know, I love Larry", "a history of big litigation."
    ) == ("he", "said")


def test_a_new_clause_after_but_is_not_a_joined_quotation(registry):
    text = '"You winning?" she said, but Kevin was drifting off again, and as he said "never".'
    assert all(not c.endswith("never") for c, _, _ in _pairs(text, registry) if "winning" in c)


def test_hyphenated_names_are_not_cut_in_two(registry):
    text = "Foreign minister Jean-Marc Ayrault said the test cannot be left without consequences."
    assert [a for _, a, _ in _pairs(text, registry)] == ["Foreign minister Jean-Marc Ayrault"]


def test_quote_before_a_speaker_with_party_and_state_is_adjacent(registry):
    text = (
        "“Mitt Romney was prepared,” Sen. Claire McCaskill (D-Mo.) said. "
        "“He was a worthy foe in presidential politics.”"
    )
    assert _one_quotation(
        text, registry, "Mitt Romney was prepared", "a worthy foe in presidential politics."
    ) == ("Sen. Claire McCaskill", "said")


def test_a_coordinated_verb_that_is_no_report_goes_on_with_the_content(registry):
    text = "The callers said they had misgivings about her, but could not bear to insult him."
    assert [c for c, _, _ in _pairs(text, registry)] == [
        "they had misgivings about her, but could not bear to insult him"
    ]


def test_a_coordinated_report_still_ends_the_content(registry):
    text = "The senator said the bill was dead, and urged colleagues to start again."
    got = _pairs(text, registry)
    assert ("the bill was dead", "The senator", "said") in got


def test_object_with_a_predicate_is_not_an_anaphor(registry):
    text = 'Carson called that report Friday a "boldfaced lie."'
    [(content, actor, cue)] = _pairs(text, registry)
    assert content.startswith("that report")
    assert "boldfaced lie" in content
    assert (actor, cue) == ("Carson", "called")


def test_that_clause_misparsed_as_a_relative_clause_of_the_object(registry):
    text = (
        "In Honolulu, he told a meeting of Pacific Island leaders that few people understood "
        "the stakes of climate change."
    )
    assert _pairs(text, registry) == [
        ("few people understood the stakes of climate change", "he", "told")
    ]


def test_a_true_relative_clause_of_the_object_is_not_content(registry):
    text = "Your job is to find that purpose that you were given."
    assert _pairs(text, registry) == []


def test_subordinator_less_clause_after_said_is_the_content(registry):
    text = "Trump said after the convention he would not accept the endorsement."
    [(content, actor, cue)] = _pairs(text, registry)
    assert content.endswith("he would not accept the endorsement")
    assert (actor, cue) == ("Trump", "said")


def test_name_opening_the_sentence_speaks_when_the_parse_loses_it(registry):
    text = (
        "Jeffrey Salkin, a Hollywood, Fla., rabbi helping to organize the boycott, said he "
        "and other rabbis were alarmed about the rhetoric."
    )
    [(_, actor, cue)] = _pairs(text, registry)
    assert (actor, cue) == ("Jeffrey Salkin", "said")


def test_citing_statistics_is_the_speakers_evidence(registry):
    text = "Sanders praised the economy, citing statistics about the outlook he inherited."
    got = {(c, a, cue) for c, a, cue in _pairs(text, registry)}
    assert ("statistics about the outlook he inherited", "Sanders", "citing") in got


def test_according_to_vouches_for_its_side_of_a_colon(registry):
    text = (
        "The tax has not made the city less attractive: London was the financial capital "
        "of the world in 2015, according to one global index."
    )
    [(content, _, cue)] = _pairs(text, registry)
    assert cue == "according to"
    assert content == "London was the financial capital of the world in 2015"


def test_according_to_after_a_concession_vouches_for_the_main_clause(registry):
    text = (
        "While most of those were elevated to the confidential level, according to a State "
        "Department official, two in the latest batch were upgraded to the secret level."
    )
    [(content, _, cue)] = _pairs(text, registry)
    assert cue == "according to"
    assert content == "two in the latest batch were upgraded to the secret level"


def test_verb_outside_the_lexicon_with_a_that_clause_is_a_report(registry):
    text = "Federal investigators have also discovered that the program was infiltrated."
    assert _pairs(text, registry) == [
        ("the program was infiltrated", "Federal investigators", "discovered")
    ]


def test_that_clause_without_a_subject_is_not_a_report(registry):
    text = "To ensure that the vote is fair, the board met on Monday."
    assert _pairs(text, registry) == []


def test_quotation_after_two_cues_belongs_to_the_nearer_one(registry):
    text = "Asked by a reporter to respond, Carson said, “What does it say about them?”"
    got = _pairs(text, registry)
    assert ("What does it say about them?", "Carson", "said") in got
    assert not any(c.startswith("What does") and cue == "Asked" for c, _, cue in got)


def test_infinitive_after_an_adjective_takes_the_clause_subject(registry):
    text = "He was able to consistently tout his polling strength, unlike Jeb."
    assert [(a, cue) for _, a, cue in _pairs(text, registry)] == [("He", "tout")]


def test_it_is_worth_noting_has_no_speaker(registry):
    text = "It is worth noting that the bank has never paid the tax."
    assert _pairs(text, registry) == []


def test_a_name_far_after_the_cue_is_not_an_inverted_speaker(registry):
    text = (
        "With her film, DuVernay both documents the boom in America’s prison system and the "
        "profits corporations have earned as a result of it."
    )
    assert all(a != "America" for _, a, _ in _pairs(text, registry))


def test_inverted_speaker_right_after_said(registry):
    text = "“We will win,” said Brian Baker, a longtime adviser."
    assert [(a, cue) for _, a, cue in _pairs(text, registry)] == [("Brian Baker", "said")]


def test_a_word_of_the_quotation_is_not_its_speaker(registry):
    text = (
        '"If she gets to pick her judges, nothing you can do folks," Trump said before adding: '
        '"Though the Second Amendment people, maybe there is, I don\'t know."'
    )
    got = _pairs(text, registry)
    assert got
    assert all(a == "Trump" for _, a, _ in got)


def test_you_know_is_a_filler_not_a_report(registry):
    text = "You know, when I became governor, I went to New York and met the rating agencies."
    assert all(cue != "know" for _, _, cue in _pairs(text, registry))


def test_a_quoted_show_title_does_not_break_a_continued_quotation(registry):
    text = (
        "“I have always said that I expect to be vetted,” he said on “Meet the Press.” "
        "“But what is going on with me is different.”"
    )
    assert _one_quotation(text, registry, "I have always said", "is different.") == ("he", "said")


# -- issue 14, PolNeAR recall (0.7.3): our own sentences ---------------------------------------


def test_a_quotation_inside_the_clause_before_the_cue_gives_the_whole_clause(registry):
    text = "Farmers had “lost the whole harvest” to the flood, the minister said on Monday."
    assert _pairs(text, registry) == [
        ("Farmers had “lost the whole harvest” to the flood", "the minister", "said")
    ]


def test_a_quotation_ending_the_clause_before_an_inverted_speaker_keeps_its_lead(registry):
    text = "The French are big fans of ''Hockey Night,'' said Mr. Pike, the producer."
    assert _pairs(text, registry) == [
        ("The French are big fans of ''Hockey Night,''", "Mr. Pike", "said")
    ]


def test_words_between_the_quotation_and_an_inverted_speaker_stay_in_the_clause(registry):
    text = 'The vote signals "the start of a new era" for the region, said Anna Berg.'
    assert _pairs(text, registry) == [
        ('The vote signals "the start of a new era" for the region', "Anna Berg", "said")
    ]


def test_a_whole_quotation_before_the_cue_is_still_the_quotation(registry):
    text = "The mayor visited the dam. “We will rebuild it by spring,” she said."
    assert _pairs(text, registry) == [("We will rebuild it by spring", "she", "said")]


def test_a_participle_after_the_medium_is_no_reported_clause(registry):
    text = (
        '"We need more teachers," Smith said in an interview with WXYZ aired Sunday on '
        '"Morning Talk." "The classrooms are full."'
    )
    [(content, actor, cue)] = _pairs(text, registry)
    assert (content, actor, cue) == (
        "We need more teachers. The classrooms are full.",
        "Smith",
        "said",
    )


def test_a_report_coordinated_with_the_cue_ends_the_content(registry):
    text = (
        "The campaign said he has not accepted any new fees since the launch and suggested "
        "that the real question is who pays for the flights."
    )
    assert _pairs(text, registry) == [
        ("he has not accepted any new fees since the launch", "The campaign", "said"),
        ("the real question is who pays for the flights", "The campaign", "suggested"),
    ]


def test_a_report_after_a_comma_and_ends_the_content_despite_the_parse(registry):
    text = 'Senator Lee said the budget would add debt, and called him "the worst negotiator."'
    [first, *_] = _pairs(text, registry)
    assert first == ("the budget would add debt", "Senator Lee", "said")


def test_an_interrupted_quotation_resumes_after_a_no_break_space(registry):
    text = "“The economy is slow,” the website explains.\u00a0“The truth is we welcome all.”"
    [(content, actor, cue)] = _pairs(text, registry)
    assert (content, actor, cue) == (
        "The economy is slow. The truth is we welcome all.",
        "the website",
        "explains",
    )


def test_a_quotation_after_a_dash_is_not_part_of_the_clause_before_it(registry):
    text = "Yet the mayor has changed her story once — “I now do remember,” she said."
    assert _pairs(text, registry) == [("I now do remember", "she", "said")]


def test_an_opening_adjunct_stays_out_of_the_clause_around_the_quotation(registry):
    text = "After the storm, the city “rebuilt every bridge within a year,” writes the paper."
    assert _pairs(text, registry) == [
        ("the city “rebuilt every bridge within a year,”", "the paper", "writes")
    ]


def test_an_object_content_stops_before_an_according_to_phrase(registry):
    text = "She later likened the meeting to a “dentist visit,” according to his diary."
    assert _pairs(text, registry) == [
        ("She later likened the meeting to a “dentist visit,”", "his diary", "according to")
    ]


def test_according_to_a_source_the_tagger_made_an_adjective(registry):
    text = "According to the Real Clear Politics average, the senator is up six points in Ohio."
    assert _pairs(text, registry) == [
        (
            "the senator is up six points in Ohio",
            "the Real Clear Politics average",
            "According to",
        )
    ]


def test_a_long_description_of_the_speaker_keeps_the_quotation_adjacent(registry):
    text = (
        "“This job is one you get only by marriage,” Jane Roe, who served as chief of staff "
        "to the first lady during the last administration, told CBS News. “There is no job "
        "description.”"
    )
    [(content, actor, cue)] = _pairs(text, registry)
    assert (content, cue) == (
        "This job is one you get only by marriage. There is no job description.",
        "told",
    )
    assert actor.startswith("Jane Roe")


def test_a_show_title_in_the_attribution_does_not_break_a_continued_quotation(registry):
    text = (
        '"It is too early to tell," said Cuban, who is also a host on the TV show '
        '"Shark Tank." "There is so much uncertainty."'
    )
    assert _pairs(text, registry) == [
        ("It is too early to tell. There is so much uncertainty.", "Cuban", "said")
    ]


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("The Commission kept the deadline, rejecting a request from carmakers.", "en"),
        ("Officials denied the request for comment.", "en"),
        ("The union dismissed the offer as insulting.", "en"),
        ("Vláda odmítla návrh opozice na snížení daní.", "cs"),
        ("Ministr odmítl požadavek odborů.", "cs"),
    ],
)
def test_rejecting_or_welcoming_an_act_states_no_claim(text, lang, registry):
    assert [c.text for c in extract(text, language=lang, registry=registry).claims] == []


def test_rejecting_a_report_still_denies_what_it_says(registry):
    text = (
        "The army rejected the report that its soldiers fired first. "
        "The ministry rejected the proposal, saying it would cost too much."
    )
    claims = extract(text, language="en", registry=registry).claims
    assert [(c.text, [a.stance for a in c.attributions]) for c in claims] == [
        ("its soldiers fired first", ["denies"]),
        ("it would cost too much", ["asserts"]),
    ]
