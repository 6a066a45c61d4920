"""GET /api/v1/claims/{id}/similar/ and /api/v1/claims/search/?q= (real model, partner visibility)."""

import json

import pytest
from django.core.cache import cache

from claims.models import Claim
from claims.services import matching
from claims.services.factchecks import import_claimreviews
from claims.services.matching_index import reset_index

SHELLS_CS = "Severní Korea dodává Rusku balistické střely a dělostřelecké granáty."
SHELLS_EN = "North Korea is supplying Russia with ballistic missiles and artillery shells."
SHELLS_FR = "Pyongyang sends ballistic missiles and artillery shells to Russia, officials say."


@pytest.fixture(autouse=True)
def _fresh_index():
    reset_index()
    yield
    reset_index()


def _claim(desktop, text, **kw) -> Claim:
    article = desktop.article(body=text, **kw)
    claim = Claim.objects.create(
        article=article, text=text, span_start=0, span_end=len(text), checkworthiness=0.9
    )
    matching.embed_claims(claim_ids=[claim.pk])
    return claim


@pytest.fixture
def shells(desktop, partner_b):
    """A published English claim, a Czech draft, and partner B's own unpublished submission."""
    published = _claim(desktop, SHELLS_EN, language="en")
    desktop.publish(published)
    draft = _claim(desktop, SHELLS_CS)
    submitted = _claim(desktop, SHELLS_FR, language="en", partner=partner_b.partner)
    return published, draft, submitted


def test_similar_lists_visible_claims_best_first_with_scores(partner_b, shells):
    published, _draft, submitted = shells
    response = partner_b.client.get(f"/api/v1/claims/{submitted.pk}/similar/")
    assert response.status_code == 200
    results = response.json()["results"]
    # The Czech draft is not visible to a partner; the published English claim is.
    assert [(r["type"], r["claim"]["id"]) for r in results] == [("claim", published.pk)]
    assert 0.9 < results[0]["score"] <= 1.0


def test_similar_leaves_out_unrelated_claims_under_the_floor(staff_client, desktop, shells):
    """e5 puts unrelated news at cosine ~0.8: the API lists only what the claim page lists."""
    published, draft, submitted = shells
    unrelated = _claim(desktop, "Praha od ledna zdraží jízdné v městské hromadné dopravě.")
    closeness = {m.id: m.closeness for m in matching.similar_to(published, top=10)}
    assert min(closeness.values()) < matching.similar_floor()  # it is among the nearest
    response = staff_client.get(f"/api/v1/claims/{published.pk}/similar/")
    ids = {r["claim"]["id"] for r in response.json()["results"]}
    assert ids == {draft.pk, submitted.pk}
    assert unrelated.pk not in ids


def test_similar_of_a_claim_the_partner_cannot_see_is_404(partner_a, shells):
    _, draft, submitted = shells
    assert partner_a.client.get(f"/api/v1/claims/{draft.pk}/similar/").status_code == 404
    assert partner_a.client.get(f"/api/v1/claims/{submitted.pk}/similar/").status_code == 404


def test_staff_see_drafts_among_similar_claims(staff_client, shells):
    published, draft, submitted = shells
    response = staff_client.get(f"/api/v1/claims/{published.pk}/similar/")
    ids = [r["claim"]["id"] for r in response.json()["results"]]
    assert set(ids) == {draft.pk, submitted.pk}


def test_search_returns_published_claims_and_imported_fact_checks(
    partner_a, shells, django_capture_on_commit_callbacks
):
    published, *_ = shells
    review = {
        "@type": "ClaimReview",
        "url": "https://checker.example/nk",
        "claimReviewed": "North Korea has sent artillery shells to Russia.",
        "datePublished": "2024-06-22",
        "author": {"name": "Checker"},
        "reviewRating": {"alternateName": "True"},
    }
    with django_capture_on_commit_callbacks(execute=True):
        import_claimreviews(data=str(review).replace("'", '"'))
    cache.clear()
    response = partner_a.client.get("/api/v1/claims/search/", {"q": SHELLS_CS, "limit": 5})
    assert response.status_code == 200
    results = response.json()["results"]
    found = {(r["type"], (r["claim"] or r["fact_check"])["id"]) for r in results}
    assert ("claim", published.pk) in found
    assert any(kind == "fact_check" for kind, _ in found)
    assert all(r["type"] == "fact_check" or r["claim"]["verdict"] for r in results)
    assert [r["score"] for r in results] == sorted((r["score"] for r in results), reverse=True)


def test_search_without_text_is_400(partner_a):
    response = partner_a.client.get("/api/v1/claims/search/")
    assert response.status_code == 400
    assert response.json()["error"]["fields"] == {"q": ["required: the text of a claim"]}


def test_search_needs_a_key(client, db):
    assert client.get("/api/v1/claims/search/", {"q": "x"}).status_code in (401, 403)


BUTTER_CS = "ceny másla do konce roku klesnou o 15 procent"
BUTTER_EN = "butter prices will fall by 15 percent by the end of the year"
FOOD_CS = "potraviny v říjnu meziročně zdražily o 3,2 procenta"


def test_similar_is_best_first_by_the_score_it_answers(staff_client, desktop):
    """The translation's score carries the cross-language bonus (0.95) and the same-topic
    claim's does not (0.90); listed in the matcher's order, the 0.90 came first."""
    new = _claim(desktop, BUTTER_CS)
    translation = _claim(desktop, BUTTER_EN, language="en")
    topic = _claim(desktop, FOOD_CS)

    results = staff_client.get(f"/api/v1/claims/{new.pk}/similar/").json()["results"]

    scores = [r["score"] for r in results]
    assert scores == sorted(scores, reverse=True)
    assert [r["claim"]["id"] for r in results] == [translation.pk, topic.pk]


def _reviews(*items: tuple[str, str, str]) -> list[dict]:
    return [
        {
            "@type": "ClaimReview",
            "url": url,
            "claimReviewed": text,
            "datePublished": "2026-11-28",
            "author": {"name": "Ověřovna"},
            "reviewRating": {"alternateName": rating},
        }
        for url, text, rating in items
    ]


def test_similar_lists_no_review_of_another_claim(
    partner_b, desktop, django_capture_on_commit_callbacks
):
    """A review of the same claim is listed; one of another claim from the same article scored
    0.80 and was answered as if it had checked this one ("Unverifiable")."""
    butter = _claim(desktop, BUTTER_EN, language="en")
    desktop.publish(butter)
    with django_capture_on_commit_callbacks(execute=True):
        import_claimreviews(
            data=json.dumps(
                _reviews(
                    ("https://overovna.example/maslo", BUTTER_CS.capitalize() + ".", "Zavádějící"),
                    (
                        "https://overovna.example/marze",
                        "Retailers' margins in Czechia have not changed in the past two years.",
                        "Unverifiable",
                    ),
                )
            )
        )

    results = partner_b.client.get(f"/api/v1/claims/{butter.pk}/similar/").json()["results"]

    assert [(r["type"], r["fact_check"]["url"]) for r in results] == [
        ("fact_check", "https://overovna.example/maslo")
    ]


# Published claims of the desk, in both languages, none about what the texts below say.
PUBLISHED_ELSEWHERE = (
    (BUTTER_CS, "cs"),
    ("Polovina domácností si letos nemůže dovolit dovolenou u moře.", "cs"),
    ("Důchodci dostanou v lednu jednorázový příspěvek pět tisíc korun.", "cs"),
    ("The city will close the old bridge to cars for two years.", "en"),
)


@pytest.mark.parametrize(
    "text",
    [
        "ꦱꦸꦒꦼꦁꦫꦮꦸꦃ ꦢꦸꦩꦸꦠ꧀ ꦥꦫ ꦥꦩꦶꦂꦱ",  # Javanese script: "welcome, readers"
        "Preheat the oven to 180 degrees and grease the baking tin.",
        "hello",
    ],
)
def test_search_answers_no_claim_for_text_that_states_none_of_them(partner_a, desktop, text):
    """e5 puts any query at ~0.8 from every claim, ~0.89 with the cross-language bonus: the
    nearest published claim was answered (0.79-0.89) as if it matched."""
    for claim_text, language in PUBLISHED_ELSEWHERE:
        desktop.publish(_claim(desktop, claim_text, language=language))

    response = partner_a.client.get("/api/v1/claims/search/", {"q": text})

    assert response.status_code == 200
    assert response.json() == {"results": []}


def test_search_still_answers_a_translation_and_a_paraphrase(partner_a, desktop):
    claims = [_claim(desktop, text, language=language) for text, language in PUBLISHED_ELSEWHERE]
    for claim in claims:
        desktop.publish(claim)
    butter = claims[0]

    for q in (BUTTER_EN, "Máslo bude do konce roku o 15 procent levnější."):
        results = partner_a.client.get("/api/v1/claims/search/", {"q": q}).json()["results"]
        assert [r["claim"]["id"] for r in results] == [butter.pk], q
