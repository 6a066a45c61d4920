"""English constructions found by studying what PolNeAR's train split annotates and the engine
missed, each kept only if it generalises to real news. Our own sentences."""

from spacy.tokens import Doc

from claims.extraction.lexicon import load_lexicon
from claims.extraction.pipeline import get_nlp
from claims.extraction.quotes import QuoteIndex
from claims.extraction.rules import SentenceRules

from .english import claim_texts as _texts
from .english import claims_with_sources as _claims


def test_a_present_tense_report_coordinated_with_the_content_is_the_speakers_next_act(
    registry,
):
    """Live reports tell a speech in the present: "says X and tells Y" are two reports."""
    text = "The governor says he respects the senator and tells the crowd the deficit doubled."

    found = _texts(text, registry)

    assert "he respects the senator" in found
    assert not any("tells the crowd" in claim for claim in found)


def test_a_report_after_a_closing_quote_and_comma_ends_the_content(registry):
    """ "insisted he had “grown the party,” claiming X": the comma sits inside the quote."""
    text = (
        "The mayor insisted that he had “grown the party,” claiming that turnout rose by a third."
    )

    found = _texts(text, registry)

    assert "turnout rose by a third" in found
    assert not any("grown the party" in claim and "turnout" in claim for claim in found)


def test_a_new_clause_of_the_same_speaker_after_and_ends_the_content(registry):
    """ "said X, and he railed against Y": the pronoun's report is not part of X."""
    text = (
        "The senator said the real extremist was the governor, and he railed against the "
        "moderators for failing to raise the budget."
    )

    assert _texts(text, registry)[0] == "the real extremist was the governor"


def test_a_coordinated_that_clause_stays_in_the_content(registry):
    """ "noted that X, and that Y": both clauses are what was noted."""
    text = (
        "The economist noted that the odds of a recession were low, and that households "
        "should worry more about rents."
    )

    (claim,) = _texts(text, registry)
    assert "households should worry more about rents" in claim


def test_a_quoted_complement_of_call_is_what_the_speaker_asserts(registry):
    """The parser loses the object of "called X “Y”" and makes both predicates; the
    speaker asserts that X is Y."""
    text = (
        "Graham called both Trump and Democratic front-runner Hillary Clinton “reckless” and "
        "said he would not vote."
    )

    assert _claims(text, registry)[0] == (
        "both Trump and Democratic front-runner Hillary Clinton “reckless”",
        [("Graham", "called")],
    )


def test_a_name_called_by_a_quotation_is_no_report(registry):
    """ "a newsletter called “The Ledger”" names a thing, nobody asserts anything."""
    text = "The union sends its members a newsletter called “The Ledger” every week."

    assert _claims(text, registry) == []


def test_a_quotation_resumes_after_a_show_named_with_its_channel(registry):
    """ "“A,” X said in an interview on NBC’s “Meet the Press.” “B.”": the title in the
    attribution does not end the speech."""
    text = (
        "The senator was asked about his health.\n\n"
        "“We will publish the records,” Smith said in an interview on NBC’s “Meet the "
        "Press” Sunday. “I am healthy and ready.”"
    )

    assert _claims(text, registry)[0] == (
        "We will publish the records. I am healthy and ready.",
        [("Smith", "said")],
    )


def test_a_quotation_resumes_after_a_military_rank(registry):
    """ "said Army Capt. John Reed": the period of the rank does not end the sentence."""
    text = (
        "Veterans lined up at the polling station.\n\n"
        "“They do not understand the military,” said Army Capt. John Reed. “Nobody asked "
        "us.”"
    )

    assert _texts(text, registry)[0] == "They do not understand the military. Nobody asked us."


def test_a_closing_according_to_phrase_vouches_for_the_whole_coordination(registry):
    text = (
        "The mayor won 41 percent, the senator had 36 percent and the governor took "
        "12 percent, according to the final count."
    )

    assert _claims(text, registry) == [
        (
            "The mayor won 41 percent, the senator had 36 percent and the governor took 12 percent",
            [("the final count", "according to")],
        )
    ]


def test_a_coordinated_report_keeps_its_own_claim_before_a_closing_according_to(registry):
    """ "has praised X, and won Y, according to exit polls": the praise is a report of its
    own, the polls vouch only for the rest."""
    text = (
        "The governor has praised the president's record, and won more than 70 percent of "
        "the vote among farmers, according to exit polls."
    )

    assert _claims(text, registry) == [
        ("the president's record", [("The governor", "praised")]),
        (
            "won more than 70 percent of the vote among farmers",
            [("exit polls", "according to")],
        ),
    ]


def test_an_opening_mark_typed_for_the_closing_one_still_closes_the_quotation(registry):
    text = (
        "Lawyers were surprised.\n\n"
        "“It is unusual,“ said Tom Hill, an attorney in Boston. “It is hard to pull off.”"
    )

    assert _claims(text, registry) == [
        ("It is unusual. It is hard to pull off.", [("Tom Hill", "said")]),
    ]


def test_an_age_after_the_name_leaves_the_name_the_speaker(registry):
    """ "Ramos, 58, told AFP": not the agency after the cue."""
    text = "Voters were angry.\n\n“We were wrong to wait,” Ramos, 58, told AFP in an interview."

    assert _claims(text, registry) == [("We were wrong to wait", [("Ramos", "told")])]


def test_a_wire_dateline_is_not_the_speaker(registry):
    text = (
        "LONDON (Reuters) - Donald Trump said he was unlikely to have a close relationship "
        "with the prime minister.\n\n"
        "ORLANDO, Fla. (Reuters) - President Barack Obama met survivors on Thursday and "
        "said the country must act."
    )

    speakers = [a for _, attributions in _claims(text, registry) for a, _ in attributions]

    assert speakers == ["Donald Trump", "President Barack Obama"]


def test_as_someone_put_it_the_host_clause_is_what_they_said(registry):
    text = "As one diplomat put it, the talks are over."

    assert _claims(text, registry) == [("the talks are over", [("one diplomat", "put")])]


def test_a_conjunction_before_an_as_phrase_stays_out_of_the_claim(registry):
    text = "Or, as the minister said, the talks are over."

    assert _texts(text, registry) == ["the talks are over"]


def test_made_it_clear_reports_the_clause_on_the_adjective(registry):
    text = "The senator made it clear that he would not resign."

    assert _claims(text, registry) == [("he would not resign", [("The senator", "made")])]


def test_put_it_and_make_it_without_a_report_give_no_claim(registry):
    text = "He put it on the table. The company made it easy to cancel."

    assert _claims(text, registry) == []


def test_a_closing_according_to_phrase_vouches_for_a_contrast_with_while(registry):
    text = (
        "The mayor has raised $2 million from donors, while the senator has raised "
        "$6 million, according to new research."
    )

    assert _claims(text, registry) == [
        (
            "The mayor has raised $2 million from donors, while the senator has raised $6 million",
            [("new research", "according to")],
        )
    ]


def test_a_quotation_left_unclosed_at_the_paragraphs_end_still_continues_the_speech(
    registry,
):
    """ "“A,” said X. “B. C.¶He continued, …": the copy never closed the second piece."""
    text = (
        "The paper named its reasons.\n\n"
        "“The senator is unlike any candidate we have seen,” said Baron. “His campaign has "
        "defied every convention. His record deserves a close look.\n\n"
        "He continued, “That is what we intend to do.”"
    )

    assert _claims(text, registry)[0] == (
        "The senator is unlike any candidate we have seen. His campaign has defied every "
        "convention. His record deserves a close look",
        [("Baron", "said")],
    )


def test_an_attribution_closing_the_sentence_reports_the_clause_before_it(registry):
    """ "…, fundraising documents show.": the parser made the cue a clause of a participle."""
    text = (
        "That is why the mayor had to lend his campaign thousands of dollars last month, "
        "fundraising documents show."
    )

    assert _claims(text, registry) == [
        (
            "That is why the mayor had to lend his campaign thousands of dollars last month",
            [("fundraising documents", "show")],
        )
    ]


def test_a_closing_phrase_without_a_speaker_or_a_clause_is_no_report(registry):
    text = (
        "The mayor relies on the union for a fifth of his income, an arrangement the "
        "council has criticized. Sorry, Smith said."
    )

    assert _claims(text, registry) == []


def test_a_setting_before_the_objects_predicate_or_reason_stays_in_the_content(registry):
    """ "criticized X on Monday for Y", "described X on Tuesday as Y": the day is no end of
    the content when what the object is, or why it is spoken of, still follows."""
    found = _texts("Smith criticized the governor on Monday for vetoing the school bill.", registry)
    assert "the governor on Monday for vetoing the school bill" in found

    found = _texts(
        "The candidate described the plan on Tuesday as a disaster for farmers.", registry
    )
    assert "the plan on Tuesday as a disaster for farmers" in found

    # Without a predicate the setting still ends it.
    assert _texts("The senator attacked the mayor in late-night tweets.", registry) == ["the mayor"]


def test_a_subjectless_as_clause_says_what_the_object_is(registry):
    """ "praised her as smart and tireless": the parser makes the "as" phrase a clause of the
    verb, but it is the predicate of the object; an "as" clause with its own subject is not."""
    assert _texts("Jones praised her as smart and tireless.", registry) == [
        "her as smart and tireless"
    ]
    assert _texts("Jones praised the plan as he left the stage.", registry) == ["the plan"]


def test_who_is_to_act_on_an_infinitive_cue_is_part_of_the_content(registry):
    """ "urged X to Y", "called on X to Y": the object before the infinitive says who is to
    act, and PolNeAR's content runs from it."""
    found = _texts("Brown urged the city council to approve the budget.", registry)
    assert "the city council to approve the budget" in found

    found = _texts("The mayor called on the governor to resign.", registry)
    assert "the governor to resign" in found

    # No object: the infinitive alone.
    assert _texts("The mayor promised to cut taxes.", registry) == ["to cut taxes"]


def test_words_before_a_parenthetical_attribution_open_the_quotation_they_continue(registry):
    """ "No new name, he said, “hides what the tax is”": the quotation goes on with the words
    before the attribution, so the claim starts with them. A quotation that opens a sentence
    of its own, or a colon, leaves the words before as the reporter's."""
    found = _texts('No new name, he said, "hides what the tax really is."', registry)
    assert found == ['No new name, he said, "hides what the tax really is.']

    found = _texts(
        'Sooner or later, the governor told reporters, "the plan will pay off."', registry
    )
    # the quotation closes inside the claim (0.7.71)
    assert found == ['Sooner or later, the governor told reporters, "the plan will pay off."']

    found = _texts('In a statement, the mayor said, "We will win the appeal."', registry)
    assert found == ["We will win the appeal."]

    found = _texts('Later that day, the mayor said: "the appeal will fail."', registry)
    assert found == ["the appeal will fail."]


def test_infinitives_coordinated_on_the_cue_go_on_with_the_first(registry):
    """ "pledged to reform the courts, fix X and cut Y": the parser hangs the later
    infinitives on the cue; they are all promised. A finite verb coordinated with the
    infinitive is what the speaker did next, not what was promised."""
    found = _texts(
        "He pledged to reform the courts, fix the broken tax system and cut spending.", registry
    )
    assert found == ["to reform the courts, fix the broken tax system and cut spending"]

    found = _texts("She promised to meet and in some cases exceed her goals.", registry)
    assert found == ["to meet and in some cases exceed her goals"]

    found = _texts(
        "The governor vowed not to repeat that mistake and established a policy of open books.",
        registry,
    )
    assert found == ["not to repeat that mistake"]


def test_a_noun_coordinated_after_an_object_content_goes_on_with_it(registry):
    """ "began by emphasizing X, and a need to Y": the parser hangs the second object on the
    verb above the cue; both are what was emphasized."""
    found = _texts(
        "She began by emphasizing tax fairness, and a need to repair the roads.", registry
    )
    assert found == ["tax fairness, and a need to repair the roads"]


def test_an_object_content_stops_before_a_relative_clause_after_a_quoted_comma(registry):
    """ "praised the budget as “bold,” which surprised…": the comma sits inside the
    quotation, the relative clause is still the reporter's."""
    found = _texts(
        "The mayor praised the new budget as “bold,” which surprised the council.", registry
    )
    assert found == ["the new budget as “bold"]


def test_an_infinitive_right_after_an_object_content_completes_the_noun(registry):
    """ "repeated his call to raise the wage": the parser hangs the infinitive on the verb,
    but it says what the call was."""
    found = _texts("Sanders repeated his call to raise the minimum wage to $15.", registry)
    assert found == ["his call to raise the minimum wage to $15"]


def test_a_clause_interrupted_by_its_attribution_goes_on_with_a_by_or_with_phrase(registry):
    """ "The budget will be balanced, the mayor said, by cutting X": the parser hangs the
    phrase on the cue, but it finishes the clause; "in a statement" stays the cue's."""
    found = _texts(
        "The budget will be balanced, the mayor said, by cutting the fleet of city cars.", registry
    )
    # the span runs through the attribution; the text leaves it out (0.7.129)
    assert found == ["The budget will be balanced by cutting the fleet of city cars"]

    found = _texts(
        "The two candidates are now tied, the new poll indicates, with each receiving 40 percent.",
        registry,
    )
    assert found == ["The two candidates are now tied with each receiving 40 percent"]

    found = _texts("The plant will close, the company said in a statement.", registry)
    assert found == ["The plant will close"]


def test_a_clause_on_the_copula_is_held_by_the_predicative_cue(registry):
    """ "was adamant that X", "are convinced that X": the parser hangs the clause on the
    copula, not on the adjective (or the participle the tagger made a verb)."""
    found = _claims(
        "The treasurer was adamant that the audit would clear the council. The inspectors "
        "are convinced that the pipes had been tampered with.",
        registry,
    )

    assert ("the audit would clear the council", [("The treasurer", "adamant")]) in found
    assert ("the pipes had been tampered with", [("The inspectors", "convinced")]) in found


def test_a_report_noun_whose_copula_has_a_clause_reports_it_for_its_possessor(registry):
    """ "Her answer was that X": the possessor of the noun says X."""
    found = _claims(
        "The minister's answer was that the budget leaves no room for pay raises.", registry
    )

    assert found == [("the budget leaves no room for pay raises", [("The minister", "answer was")])]


def test_seeing_an_object_as_something_is_a_belief_about_it(registry):
    """ "see X as Y" holds a view of X; seeing X alone reports nothing."""
    found = _claims("Many farmers see the new tariff as a threat to their exports.", registry)

    assert found == [("the new tariff as a threat to their exports", [("Many farmers", "see")])]
    assert _claims("We have seen this kind of delay before.", registry) == []


def test_a_poll_opening_the_sentence_vouches_for_its_clause(registry):
    """ "In a CBS poll, she led by 12 points": the poll is the source; a lead "in the polls"
    later in a sentence is where, not who."""
    found = _claims(
        "In a regional TV poll last month, the governor led her rival by 12 points.", registry
    )

    assert found == [
        (
            "the governor led her rival by 12 points",
            [("a regional TV poll last month", "In")],
        )
    ]
    assert _claims("The senator slipped in the polls last week.", registry) == []


def test_a_study_finding_its_object_reports_the_object(registry):
    """ "A survey found 70 percent support for X": the finding is the object; someone who
    finds a thing ("the police found the car") reports nothing."""
    found = _claims(
        "A county health survey found broad support for the smoking ban among bar owners.",
        registry,
    )

    assert found == [
        (
            "broad support for the smoking ban among bar owners",
            [("A county health survey", "found")],
        )
    ]
    assert _claims("The rangers found the missing hikers near the river.", registry) == []


def test_a_pronoun_described_as_something_is_what_the_speaker_asserts(registry):
    """ "described it as a lapse" says what "it" is, like "called it a disgrace"; the
    pronoun alone ("denied it") still refers back to a claim."""
    found = _claims(
        "Several of the senator's own aides have described it as a costly mistake.", registry
    )

    assert found == [
        (
            "it as a costly mistake",
            [("Several of the senator's own aides", "described")],
        )
    ]


def test_a_short_quotation_after_the_complement_of_call_is_its_label(registry):
    """ "called the senator's comments about a judge ''shameful''": the parser hung the
    quoted label inside the complement; the complement with its label is the content."""
    found = _texts(
        "The governor on Monday called the senator's comments about a local judge ''shameful.''",
        registry,
    )

    assert any(
        claim.startswith("the senator's comments about a local judge") and "shameful" in claim
        for claim in found
    )


def test_a_relative_pronoun_labelled_by_the_cue_is_what_the_speaker_asserts(registry):
    """ "the tariff, which the union called a betrayal": the pronoun with its label is the
    claim; a relative clause without a label ("the speech that she gave") is none."""
    found = _claims(
        "The board approved the new tariff, which the union called a betrayal of workers.",
        registry,
    )

    assert ("which the union called a betrayal of workers", [("the union", "called")]) in found
    assert _claims("We read the speech that she gave.", registry) == []


def test_making_the_case_or_the_point_reports_its_clause_or_what_the_case_is_for(registry):
    """ "made the case that X", "made a strong case for X", "made the point that X": the noun
    reports only as the object of "make"; "in that case" and "the point is" are no reports."""
    found = _claims(
        "The treasurer also made the point that the county's pension fund would run dry by 2030.",
        registry,
    )
    assert (
        "the county's pension fund would run dry by 2030",
        [("The treasurer", "made the point")],
    ) in found
    found = _claims("Union leaders have made a strong case for a shorter working week.", registry)
    assert ("a shorter working week", [("Union leaders", "made a strong case")]) in found
    assert (
        _claims("In that case, the point of the exercise was lost on the pupils.", registry) == []
    )


def test_a_clause_closed_by_a_colon_introduces_the_quotation_after_it_whatever_its_verb(
    registry,
):
    """ "The treasurer fired back: “…”", "She went on: “…”": the subject speaks; not when the
    quotation has its own speaker after it or the verb is inside another report."""
    found = _claims(
        "The treasurer fired back at the council: “If they cut the budget, the parks will close.”",
        registry,
    )
    assert (
        "If they cut the budget, the parks will close.",
        [("The treasurer", "fired")],
    ) in found
    clip = _claims(
        "The station aired the clip: “Is the bridge safe?” a caller can be heard asking.", registry
    )
    assert not any(("The station", "aired") in parties for _, parties in clip)
    slogan = _claims("He said he came up with the slogan: “Fix the roads first.”", registry)
    assert not any(("he", "came") in parties for _, parties in slogan)


def test_a_name_before_a_colon_after_a_dash_or_opening_the_sentence_labels_the_quotation(
    registry,
):
    """ "TURNOUT MAY BE LOW - Maria Lopez: “…”", "More from the survey: “…”": a short name
    (or "the" and a noun after "from") between a dash or the sentence start and the colon."""
    found = _claims(
        "TURNOUT MAY BE LOW IN THE VALLEY - Maria Lopez and Tom Reed: “Fewer voters registered "
        "this spring than in any year since 1990.”",
        registry,
    )
    assert (
        "Fewer voters registered this spring than in any year since 1990.",
        [("Maria Lopez and Tom Reed", ":")],
    ) in found
    assert _claims("The verdict: “Guilty on all counts.”", registry) == []


def test_a_name_with_a_description_ending_in_a_prepositional_phrase_speaks_before_the_cue(
    registry,
):
    """ "“It is fine,” Dan Wells, an aide to the mayor, said": when the parser hangs the name on
    the quotation's clause, the name the description (ending in "to the mayor") stands in
    apposition to speaks; not a name inside a prepositional phrase ("In a note to Ortiz,
    Reed, head of X, recounted")."""
    words = "“ It is fine , ” Dan Wells , an aide to the mayor , said at noon .".split()
    heads = [15, 2, 15, 2, 7, 7, 7, 2, 7, 10, 7, 10, 13, 11, 7, 15, 15, 16, 15]
    deps = (
        "punct nsubj ccomp acomp punct punct compound attr punct det appos prep det pobj punct "
        "ROOT prep pobj punct"
    ).split()
    pos = (
        "PUNCT PRON AUX ADJ PUNCT PUNCT PROPN PROPN PUNCT DET NOUN ADP DET NOUN PUNCT VERB ADP "
        "NOUN PUNCT"
    ).split()
    tags = "`` PRP VBZ JJ , '' NNP NNP , DT NN IN DT NN , VBD IN NN .".split()
    doc = Doc(
        get_nlp("en").vocab,
        words=words,
        heads=heads,
        deps=deps,
        pos=pos,
        tags=tags,
        lemmas=[w.lower() for w in words],
    )
    rules = SentenceRules(doc.text, doc, 0, load_lexicon("en"), QuoteIndex([]))

    speaker = rules._left_subject(doc[15])

    assert speaker is not None
    assert speaker.text == "Wells"
    note = _claims(
        "In a note to Ortiz, Reed, head of the Office for Public Works, recounted a meeting "
        "with the mayor.",
        registry,
    )
    assert not any(("Ortiz", "recounted") in parties for _, parties in note)


def test_a_quotation_closed_by_a_comma_then_a_subject_and_any_verb_is_the_subjects_speech(
    registry,
):
    """ "“…,” the referee exclaimed.", "“…,” he elaborated, “…”": whatever the verb, a subject
    and a verb without an object or clause after a quotation closed by a comma report it; a
    verb with an object of its own is another act ("“…,” she said, and the crowd cheered")."""
    found = _claims("“Every ticket for the final has been sold,” the referee exclaimed.", registry)
    assert (
        "Every ticket for the final has been sold",
        [("the referee", "exclaimed")],
    ) in found
    resumed = _claims(
        "“The ferry is late again,” the captain elaborated, “and the fog will not lift.”",
        registry,
    )
    assert any(parties == [("the captain", "elaborated")] for _, parties in resumed)
    other = _claims("“Lock the gates,” the guards shouted, and the crowd threw bottles.", registry)
    assert not any(("the crowd", "threw") in parties for _, parties in other)


def test_a_dash_byline_alone_in_the_paragraph_after_a_quotation_names_its_speaker(registry):
    """ "“…”\\n\\n-Maria Lopez, Dayton.": fact-check roundups put the byline in a paragraph of its
    own, after a hyphen; a heading between dashes ("– Ready to vote –.") is no byline."""
    found = _claims(
        "Residents were angry.\n\n“The whole plan is a scandal and it must stop.”\n\n"
        "-Maria Lopez, Dayton.\n\nThe council met on Monday.",
        registry,
    )
    assert (
        "The whole plan is a scandal and it must stop.",
        [("Maria Lopez", "-")],
    ) in found
    heading = _claims("“Prices will rise.”\n\n– Ready to vote –.\n\nThe council met.", registry)
    assert not any(("Ready to vote", "–") in parties for _, parties in heading)


def test_an_inverted_subject_the_parser_took_for_an_object_speaks_the_quotation_before(
    registry,
):
    """ "“…,” opined the city's largest newspaper": after a quotation closed by a comma, a verb
    with no subject and one object after it is an inversion; the object speaks."""
    found = _claims(
        "“Drivers should leave their cars at home,” opined the city's largest newspaper.",
        registry,
    )
    assert (
        "Drivers should leave their cars at home",
        [("the city's largest newspaper", "opined")],
    ) in found
