"""English precision found by studying PolNeAR train's attributions with no gold counterpart:
cue words used in a frame where they report nothing. Our own sentences."""

from claims.extraction import extract


def _sources(text: str, registry) -> list[tuple[str, str, str, str]]:
    result = extract(text, language="en", registry=registry)
    return [(c.text, a.actor_text, a.cue, a.stance) for c in result.claims for a in c.attributions]


def test_a_bare_decline_or_refusal_answers_no_earlier_claim(registry):
    """ "income declined by 2%", "Asked to reprint it, the firm refused": a verb that refuses
    an act or rejects a thing, with nothing after it, denies no claim made before."""
    for text in (
        "The mayor said the port would bring jobs. Household income rose by 0.8% in 2004 but "
        "declined by 0.2% after that.",
        "The publisher said the memoir was libellous. Asked to reprint it, the firm refused.",
    ):
        found = _sources(text, registry)

        assert [(a, cue) for _, a, cue, _ in found] == [
            (("The mayor" if "mayor" in text else "The publisher"), "said")
        ], text


def test_a_bare_denial_still_answers_the_claim_at_issue(registry):
    text = "The mayor said the port would bring jobs. The union denied."

    found = _sources(text, registry)

    assert ("the port would bring jobs", "The union", "denied", "denies") in found


def test_what_a_thing_means_is_no_report(registry):
    """ "The tariff means that prices will rise": an inference, nobody reports it."""
    text = "The new tariff on steel means that car prices will rise next year."

    assert _sources(text, registry) == []


def test_an_act_one_has_a_chance_or_is_pressed_to_do_is_no_report(registry):
    """ "is under pressure to offer details", "has a rare chance to show that…": the act is
    still to be done; nothing was said (words `unmade_report`)."""
    for text in (
        "The governor is under pressure to offer more details on his budget.",
        "The mayor has a rare chance to show that she can run a clean race.",
        "The coach now has an opportunity to defend the trade in public.",
    ):
        assert _sources(text, registry) == [], text
