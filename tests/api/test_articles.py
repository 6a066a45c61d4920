"""Submitting articles (text or URL) and reading back the extracted claims."""

from __future__ import annotations

import time
from dataclasses import dataclass, field

import pytest

from claims.extraction import ExtractionResult
from claims.models import Article
from claims.services import extraction

ARTICLES = "/api/v1/articles/"
SENTENCE = "Podle ministra financí schodek letos klesne."


@dataclass
class FoundAttribution:
    actor: str | None
    actor_text: str
    actor_span: tuple[int, int]
    cue: str
    cue_span: tuple[int, int]
    stance: str
    confidence: float = 0.9
    report_type: str = "speech"
    role: str = ""
    via: str | None = None


@dataclass
class FoundClaim:
    text: str
    span: tuple[int, int]
    kind: str
    checkworthy: float
    attributions: list[FoundAttribution] = field(default_factory=list)
    segments: list[tuple[int, int]] | None = None


def fake_engine(text: str, language: str = "auto", registry=None) -> ExtractionResult:
    """The engine's interface with a real answer for the test sentence (the branch's is empty)."""
    start = text.index("schodek")
    end = text.index(".", start)
    actor_start = text.index("ministra")
    return ExtractionResult(
        language="cs",
        status="ok",
        extractor_version="test-1",
        claims=[
            FoundClaim(
                text=text[start:end],
                span=(start, end),
                kind="according_to",
                checkworthy=0.8,
                attributions=[
                    FoundAttribution(
                        actor=None,
                        actor_text="ministra financí",
                        actor_span=(actor_start, actor_start + len("ministra financí")),
                        cue="Podle",
                        cue_span=(0, 5),
                        stance="asserts",
                    )
                ],
            )
        ],
    )


@pytest.fixture
def engine(monkeypatch):
    monkeypatch.setattr(extraction, "extract", fake_engine)


@pytest.fixture
def news_site(local_server, fake_dns, settings):
    """`news.test`: a publisher's site, served by the local server and allowed like a dev host."""
    fake_dns.names["news.test"] = ["127.0.0.1"]
    settings.OUTBOUND_ALLOWED_HOSTS = ["news.test"]
    return local_server


def test_submit_text_then_read_the_extracted_claims(
    partner_a, engine, desk, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = partner_a.client.post(
            ARTICLES,
            {"body": SENTENCE, "title": "Schodek", "language": "cs", "outlet": "Deník Test"},
            format="json",
        )

    assert response.status_code == 202
    article = Article.objects.get()
    submission = response.json()
    assert response["Location"] == f"http://testserver/api/v1/submissions/{submission['id']}/"
    assert submission["status"] == "received"  # extraction runs after the answer
    assert submission["article"] == f"http://testserver/api/v1/articles/{article.pk}/"
    assert article.submitted_by == partner_a.partner
    assert article.outlet.name == "Deník Test"

    assert partner_a.client.get(response["Location"]).json()["status"] == "extracted"
    detail = partner_a.client.get(submission["article"]).json()
    assert detail["status"] == "extracted"
    assert detail["extractor_version"] == "test-1"
    assert detail["claim_count"] == 1
    [claim] = detail["claims"]
    assert claim["text"] == "schodek letos klesne"
    assert claim["verdict"] is None
    assert claim["attributions"][0]["actor_text"] == "ministra financí"
    assert claim["attributions"][0]["cue"] == "Podle"
    assert claim["attributions"][0]["stance"] == "asserts"
    # The partner sees its own unpublished claims in the claim list too.
    assert [c["id"] for c in partner_a.client.get("/api/v1/claims/").json()["results"]] == [
        claim["id"]
    ]


def test_submit_url_answers_at_once_and_the_worker_fetches_the_page(
    partner_a, engine, desk, news_site, django_capture_on_commit_callbacks
):
    html = (
        b"<html><head><title>x</title></head><body><article><h1>Schodek</h1>"
        b"<p>" + SENTENCE.encode() + b" Opozice to pop\xc3\xadr\xc3\xa1 a \xc5\xa1\xc3\xa9f "
        b"opozice tvrd\xc3\xad, \xc5\xbee rozpo\xc4\x8det je nere\xc3\xa1ln\xc3\xbd.</p>"
        b"</article></body></html>"
    )
    news_site.route("/schodek", body=html)
    url = news_site.url("/schodek", host="news.test")

    with django_capture_on_commit_callbacks() as queued:
        response = partner_a.client.post(ARTICLES, {"url": url}, format="json")

    # Answered before anything was fetched: the fetch is the worker's job.
    assert response.status_code == 202, response.content
    assert response.json()["status"] == "fetching"
    assert response.json()["article"] is None
    assert news_site.connections == []
    with django_capture_on_commit_callbacks(execute=True):  # the worker's fetch, then extraction
        for callback in queued:
            callback()
    submission = partner_a.client.get(response["Location"]).json()
    assert submission["status"] == "extracted"
    assert [seen.path for seen in news_site.requests] == ["/schodek"]
    article = Article.objects.get()
    assert SENTENCE in article.body
    assert (article.url, submission["source_url"]) == (url, url)
    assert submission["article"] == f"http://testserver/api/v1/articles/{article.pk}/"


def test_a_page_in_iso_8859_2_named_by_its_header_is_read_in_that_encoding(
    partner_a, engine, desk, news_site, django_capture_on_commit_callbacks
):
    text = SENTENCE + " Opozice to popírá a tvrdí, že rozpočet je nereálný."
    html = f"<html><body><article><h1>Schodek</h1><p>{text}</p></article></body></html>"
    news_site.route(
        "/latin2", body=html.encode("iso-8859-2"), content_type="text/html; charset=iso-8859-2"
    )

    submission = _submit_url(
        partner_a, news_site.url("/latin2", host="news.test"), django_capture_on_commit_callbacks
    )

    assert submission["status"] == "extracted", submission
    assert text in Article.objects.get().body  # not "Opozice to pop\ufffdr\ufffd"


def _submit_url(persona, url, capture):
    with capture(execute=True):
        response = persona.client.post(ARTICLES, {"url": url}, format="json")
    assert response.status_code == 202, response.content
    return persona.client.get(response["Location"]).json()


def test_a_url_that_answers_404_is_a_failed_submission_with_the_reason(
    partner_a, news_site, django_capture_on_commit_callbacks
):
    news_site.route("/gone", status=404, body=b"gone")
    url = news_site.url("/gone", host="news.test")

    submission = _submit_url(partner_a, url, django_capture_on_commit_callbacks)

    assert (submission["status"], submission["error"]) == (
        "failed",
        f"{url} answered HTTP 404; send the text in `body` instead.",
    )
    assert not Article.objects.exists()


def test_an_unreachable_url_is_a_failed_submission_and_can_be_sent_again(
    partner_a, engine, desk, news_site, django_capture_on_commit_callbacks
):
    url = news_site.url("/later", host="news.test")

    failed = _submit_url(partner_a, url, django_capture_on_commit_callbacks)
    news_site.route("/later", body=SENTENCE.encode(), content_type="text/plain")
    again = _submit_url(partner_a, url, django_capture_on_commit_callbacks)

    assert failed["status"] == "failed"
    assert again["status"] == "extracted"
    assert again["id"] != failed["id"]


def test_a_slow_url_does_not_hold_the_request(
    partner_a, news_site, django_capture_on_commit_callbacks
):
    # Issue 12: a URL dripping a byte every 9 s held the web request for 48 s.
    news_site.route("/slow", body=b"x" * 100, drip_seconds=9)
    started = time.monotonic()

    with django_capture_on_commit_callbacks(execute=False):
        response = partner_a.client.post(
            ARTICLES, {"url": news_site.url("/slow", host="news.test")}, format="json"
        )

    assert response.status_code == 202
    assert time.monotonic() - started < 2


def test_neither_body_nor_url_is_400_naming_the_field(partner_a):
    response = partner_a.client.post(ARTICLES, {"title": "Nic"}, format="json")

    assert response.status_code == 400
    assert response.json()["error"] == {
        "code": "invalid",
        "message": "Invalid input in: body.",
        "fields": {"body": ["Send the article's text in `body`, or its `url` to fetch it from."]},
    }


def test_domain_error_from_ingestion_keeps_its_code_and_fields(partner_a):
    response = partner_a.client.post(
        ARTICLES, {"body": "Text.", "language": "czech"}, format="json"
    )

    assert response.status_code == 400
    assert response.json()["error"]["code"] == "invalid_article"
    assert response.json()["error"]["fields"] == {"language": ["not an ISO 639-1 code"]}


def test_same_text_from_two_partners_is_one_article_and_two_submissions(
    partner_a, partner_b, engine, desk, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        first = partner_a.client.post(ARTICLES, {"body": SENTENCE}, format="json")
    with django_capture_on_commit_callbacks(execute=True) as queued_for_b:
        again_a = partner_a.client.post(ARTICLES, {"body": SENTENCE}, format="json")
        from_b = partner_b.client.post(ARTICLES, {"body": SENTENCE}, format="json")

    assert (first.status_code, again_a.status_code, from_b.status_code) == (202, 202, 202)
    assert again_a.json()["id"] == first.json()["id"]
    assert from_b.json()["id"] != first.json()["id"]
    assert queued_for_b == []  # stored and extracted once
    article = Article.objects.get()
    assert from_b.json()["article"] == first.json()["article"]
    # Each partner reads the claims; neither sees the other's submission.
    [claim] = partner_b.client.get(from_b.json()["article"]).json()["claims"]
    assert claim["text"] == "schodek letos klesne"
    assert [c["id"] for c in partner_b.client.get("/api/v1/claims/").json()["results"]] == [
        article.claims.get().pk
    ]
    assert [
        row["id"] for row in partner_b.client.get("/api/v1/submissions/").json()["results"]
    ] == [from_b.json()["id"]]
    assert partner_b.client.get(f"/api/v1/submissions/{first.json()['id']}/").status_code == 404
    assert "Partner A" not in from_b.content.decode()


def test_article_list_has_only_own_submissions(partner_a, partner_b, desk, desktop):
    desktop.article()  # the desk's own article
    partner_b.client.post(ARTICLES, {"body": "Jiný text o schodku."}, format="json")
    mine = partner_a.client.post(ARTICLES, {"body": SENTENCE}, format="json").json()

    rows = partner_a.client.get(ARTICLES).json()["results"]

    assert [row["id"] for row in rows] == [mine["article_id"]]


@pytest.mark.django_db(transaction=True)
def test_extraction_inside_the_request_records_history_without_a_user(engine, desk):
    # With autocommit (production, eager Celery in development) the extraction task runs at the
    # end of ingestion's transaction, inside the request: simple-history reads request.user then,
    # which must not be the partner (not a Django user).
    from tests.api.conftest import _persona

    persona = _persona("Transactional Daily")

    response = persona.client.post(ARTICLES, {"body": SENTENCE}, format="json")

    assert response.status_code == 202
    article = Article.objects.get()
    assert article.status == "extracted"
    claim = article.claims.get()
    assert claim.history.get().history_user is None


def test_non_string_fields_are_refused_not_coerced(partner_a):
    response = partner_a.client.post(ARTICLES, {"body": 0, "title": True}, format="json")

    assert response.status_code == 400
    assert sorted(response.json()["error"]["fields"]) == ["body", "title"]


def test_submit_text_with_the_real_engine(partner_a, desk, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = partner_a.client.post(
            ARTICLES, {"body": SENTENCE, "language": "cs"}, format="json"
        )

    detail = partner_a.client.get(response.json()["article"]).json()

    assert detail["status"] == "extracted"
    [claim] = detail["claims"]
    assert SENTENCE[claim["span"][0] : claim["span"][1]] == claim["text"]
    assert "schodek letos klesne" in claim["text"]
    [attribution] = claim["attributions"]
    assert (attribution["actor_text"], attribution["actor_span"]) == ("ministra financí", [6, 22])
    assert (attribution["cue"], attribution["cue_span"], attribution["stance"]) == (
        "Podle",
        [0, 5],
        "asserts",
    )


def test_a_failed_article_sent_again_with_its_language_named_is_extracted_again(
    partner_a, desk, django_capture_on_commit_callbacks
):
    # Found walking the API: the first submission named a language the engine lacks, the
    # partner corrected it and got the old failure back, with nothing queued.
    body = "The mayor said the bridge was safe, but critics denied it."
    with django_capture_on_commit_callbacks(execute=True):
        first = partner_a.client.post(ARTICLES, {"body": body, "language": "xx"}, format="json")
    assert partner_a.client.get(first["Location"]).json()["status"] == "failed"

    with django_capture_on_commit_callbacks(execute=True):
        again = partner_a.client.post(ARTICLES, {"body": body, "language": "en"}, format="json")

    assert again.status_code == 202
    submission = partner_a.client.get(again["Location"]).json()
    assert (submission["status"], submission["error"]) == ("extracted", "")
    detail = partner_a.client.get(submission["article"]).json()
    assert detail["language"] == "en"
    assert detail["claims"]


@pytest.mark.parametrize("port", ["server", 1, 6379, 5432])
def test_internal_urls_are_never_fetched_and_all_fail_alike(
    partner_a, local_server, port, django_capture_on_commit_callbacks
):
    # The attack of issue 12: submit an internal URL, read the page back as claims, or tell
    # open ports from closed ones by the error. No connection, and one answer for all.
    local_server.route("/internal", body=b"The database password is hunter2")
    target = local_server.port if port == "server" else port

    submission = _submit_url(
        partner_a, f"http://127.0.0.1:{target}/internal", django_capture_on_commit_callbacks
    )

    assert (submission["status"], submission["error"]) == (
        "failed",
        "Could not fetch the URL: it did not answer, or it is not a public address (the server "
        "fetches only those). Send the text in `body`, or try again later if the page is public.",
    )
    assert local_server.connections == []
    assert not Article.objects.exists()
