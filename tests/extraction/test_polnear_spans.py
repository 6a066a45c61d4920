"""English contents the engine found but cut wrong, or reports it made up, found by studying
what PolNeAR's train split annotates. Our own sentences."""

from .english import claim_texts as _texts
from .english import claims_with_sources as _claims


def test_an_indirect_report_goes_on_with_a_quotation_that_follows_it_alone(registry):
    """ "She says X. “Y.”": the quotation has no cue of its own; it is the same speech."""
    text = (
        "The mayor says the park should stay open at night. “It belongs to everyone, and we "
        "will not lock it.”\n\nThe council meets on Monday."
    )

    found = _claims(text, registry)

    claim = next(c for c, _ in found if "the park should stay open" in c)
    assert "It belongs to everyone" in claim
    assert [a for c, a in found if c == claim] == [[("The mayor", "says")]]


def test_a_quotation_with_a_cue_of_its_own_stays_apart_from_the_report_before(registry):
    text = (
        "The mayor says the park should stay open at night. “It belongs to everyone,” "
        "she added.\n\nThe council meets on Monday."
    )

    found = _texts(text, registry)

    assert "the park should stay open at night" in found
    assert "It belongs to everyone" in found


def test_a_quotation_resumed_after_its_cue_goes_on_past_a_sentence_closed_inside_it(registry):
    """ "“A,” she said. “B.” She noted…": the capital after “B.” opens the next sentence;
    it is no attribution of B."""
    text = (
        "“We never lost a vote on the budget,” she said. “We will keep it that way this "
        "year.” She noted a hearing planned for Friday."
    )

    found = _texts(text, registry)

    assert any("never lost a vote" in c and "keep it that way" in c for c in found)


def test_a_passive_or_participle_denial_answers_no_earlier_claim(registry):
    """ "The plan was rejected by 60 percent of voters": what befell the plan, not an answer
    to the claim before it."""
    text = (
        "The senator argued that towns should decide who may settle there. The plan was "
        "rejected by 60 percent of voters."
    )

    found = _claims(text, registry)

    claim = next(a for c, a in found if "towns should decide" in c)
    assert [cue for _, cue in claim] == ["argued"]


def test_a_closing_according_to_vouches_for_a_coordination_whose_last_verb_is_cue_like(
    registry,
):
    """ "rose …, but declined …, according to X": "declined" is a cue elsewhere, but it is the
    conjunct the phrase closes, not an earlier report of its own."""
    text = (
        "The median rent rose by 1.4% from 1991 to 2001, but declined by 0.6% from 2001 to "
        "2011, according to county data."
    )

    found = _claims(text, registry)

    assert [c for c, _ in found] == [
        "The median rent rose by 1.4% from 1991 to 2001, but declined by 0.6% from 2001 to 2011"
    ]


def test_a_quotation_closing_a_reported_clause_keeps_the_clauses_own_words(registry):
    """ "said the mayor is “selling the town short. …”": the words before the quotation are
    part of what was said, and the quotation runs on to its end."""
    text = (
        'The auditor said Reyes is "selling the town short with every contract he signs. '
        'Nobody checked the bids."\n\nThe council meets on Monday.'
    )

    found = _texts(text, registry)

    assert any(c.startswith("Reyes is") and "Nobody checked the bids" in c for c in found)


def test_a_parenthetical_cue_the_parser_hung_the_rest_on_does_not_end_the_content(registry):
    """ "But it is a better use of money, he added, to build a school": the infinitive after
    the cue is still what was said."""
    text = "But it is a better use of money, he added, to build a new school near the river."

    found = _texts(text, registry)

    assert any(c.startswith("it is a better use") and c.endswith("near the river") for c in found)


def test_when_the_parenthetical_cue_was_said_stays_with_the_cue(registry):
    """ "…, her advisers said Friday, because …": the day is the cue's; the clause goes on."""
    text = (
        "She was not surprised that the union won, her advisers said Friday, because she "
        "understands the anger of workers."
    )

    found = _texts(text, registry)

    assert any(c.endswith("the anger of workers") and "union won" in c for c in found)


def test_a_trailing_as_report_backs_the_reporters_statement_and_reports_nothing(registry):
    """ "…, as Sanders proposes.": the "as" clause after its host verb supports what the
    reporter says; before the host verb it reports it ("As the mayor said, …")."""
    trailing = "One can debate a levy on share trades to pay for tuition, as Sanders proposes."
    leading = "As the mayor said, taxes will fall next year."

    assert _claims(trailing, registry) == []
    assert _claims(leading, registry) == [("taxes will fall next year", [("the mayor", "said")])]


def test_a_second_cue_joined_to_the_reported_clause_by_but_is_a_report_of_its_own(registry):
    """ "conceded that A but insisted that B": the parser hangs "insisted" on A's verb; it is
    the speaker's second report, not part of what was conceded."""
    text = (
        "The senator conceded that the bridge plan had flaws but insisted that it would save jobs."
    )

    found = _claims(text, registry)

    assert ("the bridge plan had flaws", [("The senator", "conceded")]) in found
    assert ("it would save jobs", [("The senator", "insisted")]) in found


def test_a_negated_second_cue_after_but_stays_in_the_reported_clause(registry):
    text = "The coach said he admired the young striker but did not suggest that he would start."

    found = _texts(text, registry)

    assert not any(c == "he would start" for c in found)


def test_a_demand_with_its_own_subject_after_called_for_is_the_whole_infinitive(registry):
    """ "called for the director to resign": the parser makes "for" the mark of a clause
    whose subject is the one who is to act; the demand is that whole clause."""
    texts = {
        "Several unions have called for the director to resign.": "the director to resign",
        "The paper called for Smith to be fired.": "Smith to be fired",
        "The senator is calling for some of her rivals to drop out.": (
            "some of her rivals to drop out"
        ),
    }

    for text, demand in texts.items():
        found = _claims(text, registry)

        assert [c for c, _ in found] == [demand]
        assert found[0][1][0][1] in ("called for", "calling for")


def test_a_quotation_opening_the_clause_it_runs_into_is_only_its_start(registry):
    """ "“We are shocked” by the attack …, the principal said": no comma closes the
    quotation; the words after it up to the cue are said as well."""
    text = (
        "“We are shocked and saddened” by the attack on the school in the northern district "
        "that had drawn national attention, the principal said."
    )
    closed = "“We are shocked and saddened,” the principal said of the attack on the school."

    found = _claims(text, registry)

    assert [c for c, _ in found] == [
        "“We are shocked and saddened” by the attack on the school in the northern district "
        "that had drawn national attention"
    ]
    assert [c for c, _ in _claims(closed, registry)] == ["We are shocked and saddened"]


def test_a_trailing_participle_that_reports_nothing_does_not_end_the_content(registry):
    """ "…, pushing her to victory": "push" reports only "push for X" or "push to do X";
    with neither it is what the polls showed, not the pollster's next report."""
    text = (
        "Exit polls showed that older voters turned out in force to back the mayor, pushing "
        "her to victory despite her weak numbers among students."
    )

    found = _claims(text, registry)

    assert [c for c, _ in found] == [
        "older voters turned out in force to back the mayor, pushing her to victory despite "
        "her weak numbers among students"
    ]


def test_a_mixed_quotation_running_past_the_clauses_sentence_ends_where_it_closes(registry):
    text = (
        "Mayor Ana Ruiz said the new depot was “a waste of money. Nobody asked for it. "
        "Nobody will use it.” The council met on Monday."
    )
    assert _claims(text, registry) == [
        (
            "the new depot was “a waste of money. Nobody asked for it. Nobody will use it.”",
            [("Mayor Ana Ruiz", "said")],
        )
    ]


def test_a_two_digit_year_does_not_open_a_quotation_that_swallows_the_next_one(registry):
    text = (
        "Rep. Dan Moss said in \u201808 that the vote changed everything. \u201cPeople are "
        "aware of it. It makes their eyes open wider,\u201d he said."
    )
    assert _texts(text, registry) == [
        "the vote changed everything",
        "People are aware of it. It makes their eyes open wider",
    ]


def test_a_shows_title_after_the_cue_is_not_what_was_said(registry):
    text = (
        "''She views the levy as a burden that has its own costs for farmers,'' Ms. Ruiz said "
        "on CBS's ''Face the Nation.''"
    )
    assert _claims(text, registry) == [
        (
            "She views the levy as a burden that has its own costs for farmers",
            [("Ms. Ruiz", "said")],
        )
    ]


def test_a_quotation_before_a_report_belongs_to_it_not_to_a_later_clauses_verb(registry):
    """ "“…,” he said after prosecutors read the charges": "read" is a cue verb too, but the
    nearer report with a subject of its own has the quotation."""
    text = '"Every word is accurate," the banker said after prosecutors read the charges.'
    assert _claims(text, registry) == [("Every word is accurate", [("the banker", "said")])]


def test_a_participle_between_a_quotation_and_its_cue_leaves_the_quotation_to_the_cue(registry):
    """A guard for the rule above: a participle has no subject of its own, so it takes
    nothing from the cue after it."""
    text = '"It is a small deal" announced in October, said Ian Cole, an economist at Nordbank.'
    found = _claims(text, registry)
    assert [(c, [s for s, _ in srcs]) for c, srcs in found] == [
        ('"It is a small deal" announced in October', ["Ian Cole"])
    ]


def test_a_quotation_closing_its_sentence_is_not_taken_by_the_next_sentences_cue(registry):
    """ "“B.” The repairs start in May, the city said": the next sentence has a clause of
    its own; its cue reports that clause, not the quotation before it."""
    text = (
        "“The ferry is safe,” the captain said. “We inspect it every week.” The new timetable "
        "starts in June, the port authority said."
    )
    assert _claims(text, registry) == [
        ("The ferry is safe. We inspect it every week.", [("the captain", "said")]),
        ("The new timetable starts in June", [("the port authority", "said")]),
    ]


def test_a_quotation_closing_its_sentence_is_no_content_of_a_later_verb(registry):
    text = (
        "“The ferry is safe,” the captain said. “We inspect it every week.” The council will "
        "vote on the new timetable in June."
    )
    assert _claims(text, registry) == [
        ("The ferry is safe. We inspect it every week.", [("the captain", "said")]),
    ]
