"""English speaker phrases found by studying PolNeAR train's right contents with the wrong
source, each kept only if it is the right speaker in real news too. Our own sentences."""

from claims.extraction import extract


def _sources(text: str, registry) -> list[tuple[str, str, str]]:
    result = extract(text, language="en", registry=registry)
    return [(c.text, a.actor_text, a.cue) for c in result.claims for a in c.attributions]


def test_who_sent_out_the_press_release_speaks_through_it(registry):
    """ "sent out a press release saying X": the campaign says X, not the release."""
    text = "The campaign sent out a press release saying the senator owes voters an explanation."

    assert _sources(text, registry) == [
        ("the senator owes voters an explanation", "The campaign", "saying")
    ]


def test_who_released_the_video_speaks_through_its_relative_clause(registry):
    text = "The senator has released a video that accuses the governor of lying."

    assert _sources(text, registry) == [("the governor of lying", "The senator", "accuses")]


def test_who_wrote_in_an_article_speaks_through_it(registry):
    text = "The magazine shot back in an article stating that the city had more billionaires."

    assert _sources(text, registry) == [
        ("the city had more billionaires", "The magazine", "stating")
    ]


def test_a_statement_that_speaks_as_the_subject_keeps_its_own_speaker(registry):
    """ "The statement said" names the medium as the speaker; nobody else is named."""
    text = "The statement said the dam was safe."

    assert _sources(text, registry) == [("the dam was safe", "The statement", "said")]


def test_the_speaker_span_runs_through_an_apposition_to_the_relative_pronoun(registry):
    """ "X, 24, from Manchester, who said": the surface source covers the name and the
    pronoun that is the cue's subject."""
    text = (
        "The rally was loud, according to Nick Driscoll, 24, from Manchester, who said the "
        "senator is best suited to win."
    )

    sources = _sources(text, registry)

    assert (
        "the senator is best suited to win",
        "Nick Driscoll, 24, from Manchester, who",
        "said",
    ) in sources


def test_an_attempt_does_not_speak_the_one_who_makes_it_does(registry):
    """ "at one point calling the mayor a liar", "in a bid to persuade": the participle or
    infinitive hangs on a moment or an attempt; the clause's subject speaks."""
    text = "The governor fought the mayor over the budget, at one point calling him a liar."

    assert _sources(text, registry) == [("him a liar", "The governor", "calling")]


def test_a_contracted_has_is_not_read_as_a_passive(registry):
    """ "he's said" is "he has said": the parser reads "is said" and loses the subject."""
    text = "While he's said he'll fight to the convention, the senator must decide soon."

    assert _sources(text, registry) == [("he'll fight to the convention", "he", "said")]


def test_the_word_a_contracted_auxiliary_is_written_onto_is_the_subject(registry):
    text = "While he’s said he believes the law is wrong, he voted for it."

    assert _sources(text, registry) == [("he believes the law is wrong", "he", "said")]


def test_who_is_left_to_wonder_does_the_wondering(registry):
    """ "leaving many to wonder whether…": the object of leave wonders."""
    text = "Its fortunes turned only after she left, leaving some to question whether she deserved credit."

    assert _sources(text, registry) == [("she deserved credit", "some", "question")]


def test_a_temporal_as_clause_with_its_own_object_does_not_report_the_host_clause(registry):
    """ "As Trump said, taxes will fall" reports the host clause; "X spoke as he
    congratulated Y" is a time: the congratulation has its own object."""
    text = "The senator spoke over boos from the audience as he congratulated the governor."

    assert [c for c, _, _ in _sources(text, registry)] == ["the governor"]


def test_an_as_clause_with_only_a_pronoun_object_still_reports_the_host_clause(registry):
    text = "As the minister put it, the budget will be balanced by 2027."

    assert [c for c, _, _ in _sources(text, registry)] == ["the budget will be balanced by 2027"]


def test_an_it_that_stands_for_nothing_is_no_speaker(registry):
    """ "It turns out that…", "it is hard to imagine…": nobody but the reporter speaks."""
    text = "It turns out that the bureau asked the agencies for help."

    assert _sources(text, registry) == []


def test_an_it_that_stands_for_a_body_still_speaks(registry):
    text = "The report was released on Monday. It accused the agency of a cover-up."

    assert _sources(text, registry) == [("the agency of a cover-up", "It", "accused")]


def test_a_cue_deeper_in_a_relative_clause_keeps_the_pronoun_in_the_speaker(registry):
    """ "X, who came out and said…", "X, who surprised everyone by declaring…": the cue's
    subject is still the relative pronoun, so the surface source runs to it."""
    text = (
        "The governor met Jane Doe, who later came out and said the plan was a mistake. "
        "The mayor praised Tom Smith, who surprised everyone by declaring that the budget "
        "was balanced."
    )

    sources = _sources(text, registry)

    assert ("the plan was a mistake", "Jane Doe, who", "said") in sources
    assert ("the budget was balanced", "Tom Smith, who", "declaring") in sources


def test_a_relative_clause_cue_answers_its_own_noun_not_an_earlier_claim(registry):
    """ "the reasons that the governor denied": the relative clause's object is the noun it
    hangs on; the governor does not deny the senator's claim before it."""
    text = (
        "The senator said the plan would fail. The critics listed the reasons the governor denied."
    )

    sources = _sources(text, registry)

    assert ("the plan would fail", "The senator", "said") in sources
    assert not [s for s in sources if s[2] == "denied"]


def test_a_denial_of_an_earlier_claim_by_its_pronoun_still_answers_it(registry):
    text = "The senator said the plan would fail. The governor denied it."

    assert ("the plan would fail", "The governor", "denied") in _sources(text, registry)


def test_a_denied_notion_with_its_own_that_clause_is_the_content(registry):
    """ "rejected the notion that X": X is what is denied, not the claim before it."""
    text = (
        "The senator said the plan would fail. Later the governor rejected the notion that "
        "the budget was short."
    )

    sources = _sources(text, registry)

    assert ("the plan would fail", "The senator", "said") in sources
    assert [s for s in sources if s[2] == "rejected"] == [
        ("the notion that the budget was short", "the governor", "rejected")
    ]


def test_a_mention_of_an_earlier_claim_is_no_stance_on_it(registry):
    """ "mentioned it at a rally" neither asserts nor denies the claim before it."""
    text = "The senator said the plan would fail. The governor mentioned it at a rally."

    assert _sources(text, registry) == [("the plan would fail", "The senator", "said")]


def test_that_said_and_all_told_opening_a_sentence_are_connectives(registry):
    """ "That said, …" and "All told, …" report nothing; nobody called "That" speaks."""
    text = (
        "The senator will win the primary. That said, a loss in this state would hurt her. "
        "All told, five million people could benefit from the plan."
    )

    assert _sources(text, registry) == []


def test_the_one_asked_in_an_opening_participle_is_not_the_asker(registry):
    """ "Asked whether…, Reid said…": Reid answers; the question is not his."""
    text = (
        "The race is close. Asked why he had yet to endorse the governor, Reid said he would not."
    )

    sources = _sources(text, registry)

    assert ("he would not", "Reid", "said") in sources
    assert not [s for s in sources if s[1] == "Reid" and s[2] == "Asked"]


def test_the_speaker_inside_a_relative_clause_is_the_one_after_the_pronoun(registry):
    """ "the archive, which she said represented…": the parser hung both "which" and "she" on
    "said"; the pronoun is the subject of what was said, "she" speaks."""
    text = (
        "She had handed over 300 letters to the archive, which she said represented all her papers."
    )

    result = extract(text, language="en", registry=registry)

    claim = next(c for c in result.claims if "represented all her papers" in c.text)
    assert [a.actor_text for a in claim.attributions] == ["she"]


def test_an_inverted_parenthetical_cue_inside_the_subject_is_its_own_speakers(registry):
    """ "Part of the trouble, say engineers like Ruiz, is…": the parser hung the host
    clause's subject on the cue too; the subject after the cue speaks."""
    text = "Part of the trouble with the bridge, say engineers like Ana Ruiz, is the soft ground."

    found = _sources(text, registry)

    assert [(a, cue) for _, a, cue in found] == [("engineers like Ana Ruiz", "say")]


def test_a_subject_set_off_by_a_comma_before_the_speaker_does_not_speak(registry):
    """ "Voters, Warren suggested, don't…": the parser hung the host clause's subject on the
    parenthetical cue as a second subject; the one next to the cue speaks, and the host
    subject opens what was said."""
    text = "Voters, Warren suggested, don't have to worry that big lenders can sway senators."

    found = _sources(text, registry)

    assert [(c[:7], a) for c, a, _ in found] == [("Voters,", "Warren")]


def test_a_list_of_subjects_before_the_cue_still_speaks_together(registry):
    text = "Among the voters, 45% of men, 30% of women and 12% of students say that would be bad."

    found = _sources(text, registry)

    assert [a for _, a, _ in found] == ["45% of men", "30% of women", "12% of students"]


def test_the_name_after_an_inverted_parenthetical_cue_speaks_the_whole_sentence(registry):
    """ "Any reading of X, said Ana Ruiz, an expert, would see…": the parser made the speaker
    the subject of the reported clause; the host subject and the clause after the speaker's
    apposition are what was said."""
    text = (
        "Any clear reading of the minister's moves, said Ana Ruiz, an expert on trade at the "
        "Hoover Institution, would see this as a retreat."
    )

    found = _sources(text, registry)

    assert found == [
        (
            "Any clear reading of the minister's moves would see this as a retreat",
            "Ana Ruiz",
            "said",
        )
    ]


def test_a_clause_subject_with_its_own_apposition_after_the_cue_does_not_speak(registry):
    text = (
        "And staff for Governor Ames of Iowa, who served in Congress, said their speeches, "
        "already full of references to their records, would focus on the subject."
    )

    found = _sources(text, registry)

    assert [a for _, a, _ in found] == ["staff for Governor Ames of Iowa"]


def test_who_emailed_the_addressees_speaks_not_the_addressees(registry):
    """ "The senator emailed supporters saying…": the participle the parser hung on the
    object of a verb of addressing is the sender's."""
    text = "The senator emailed supporters saying: “The fight goes on.”"

    assert _sources(text, registry) == [("The fight goes on.", "The senator", "saying")]
