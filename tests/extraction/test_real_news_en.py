"""English real-news constructions (issue 14): what an English report of a news agency looks
like when it is cut right. Our own sentences."""

from claims.extraction import extract


def _claims(text: str, registry) -> list[tuple[str, list[tuple[str, str, str | None]]]]:
    result = extract(text, language="en", registry=registry)
    return [(c.text, [(a.actor_text, a.cue, a.via) for a in c.attributions]) for c in result.claims]


def test_a_fronted_clause_the_body_said_according_to_an_agency(registry):
    """ "X, the commission said, according to Reuters": the commission said X (the cue and
    the agency stay out of the claim) and the agency relayed it."""
    text = (
        "So far, there is no sign that the two outbreaks are linked, the regional health "
        "office said, according to Reuters."
    )

    assert _claims(text, registry) == [
        (
            "So far, there is no sign that the two outbreaks are linked",
            [("the regional health office", "said", "Reuters")],
        )
    ]
