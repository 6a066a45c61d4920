"""Adding an article in the admin: the same ingestion as the API, through the real admin form.

Personas: the editor adds articles; the analyst may not.
"""

from __future__ import annotations

import hashlib

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.urls import reverse

from claims.extraction import ExtractionResult
from claims.models import Article
from claims.services import extraction
from partners.services import submissions
from partners.services.submissions import ArticleFetchFailed

ADD = "/admin/claims/article/add/"
SENTENCE = "Podle ministra financí schodek letos klesne."


def one_claim_engine(text: str, language: str = "auto", registry=None) -> ExtractionResult:
    """The engine's interface with one claim per text: enough to see that extraction ran."""
    from tests.api.test_articles import fake_engine

    return fake_engine(text, language, registry)


@pytest.fixture
def engine(monkeypatch):
    monkeypatch.setattr(extraction, "extract", one_claim_engine)


@pytest.fixture
def editor_client(client, editor, settings, tmp_path):
    settings.STATIC_ROOT = tmp_path  # WhiteNoise warns about a missing STATIC_ROOT otherwise
    client.force_login(editor)
    return client


def post(client, capture, **data):
    with capture(execute=True):
        return client.post(ADD, data)


def test_pasted_text_is_ingested_and_extracted_like_an_api_submission(
    editor_client, desk, outlet, engine, django_capture_on_commit_callbacks
):
    response = post(
        editor_client,
        django_capture_on_commit_callbacks,
        body=f"  {SENTENCE}\r\n",
        title="Schodek",
        outlet=outlet.pk,
        language="cs",
    )

    article = Article.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("admin:claims_article_change", args=[article.pk])
    assert article.body == SENTENCE  # cleaned: trimmed, newlines normalised
    assert article.body_sha256 == hashlib.sha256(SENTENCE.encode()).hexdigest()
    assert (article.desk, article.outlet, article.title) == (desk, outlet, "Schodek")
    assert article.status == Article.Status.EXTRACTED
    assert list(article.claims.values_list("text", flat=True)) == ["schodek letos klesne"]
    page = editor_client.get(response["Location"]).content.decode()
    assert "schodek letos klesne" in page


def test_the_same_text_twice_links_the_existing_article_instead_of_failing(
    editor_client, desk, engine, django_capture_on_commit_callbacks
):
    post(editor_client, django_capture_on_commit_callbacks, body=SENTENCE, title="První")

    second = editor_client.post(ADD, {"body": SENTENCE + "\n", "title": "Druhý"}, follow=True)

    article = Article.objects.get()
    url = reverse("admin:claims_article_change", args=[article.pk])
    assert second.redirect_chain == [(url, 302)]
    assert (
        f'This article is already on the desk (the same text): <a href="{url}">První</a>. '
        "Nothing was added."
    ) in second.content.decode()


def test_an_article_added_in_the_admin_is_not_added_again_through_the_api(
    editor_client, desk, engine, django_capture_on_commit_callbacks
):
    post(editor_client, django_capture_on_commit_callbacks, body=SENTENCE)

    again = submissions.submit_article(partner=None, body=SENTENCE)

    assert again.created is False
    assert Article.objects.count() == 1


def test_the_text_box_is_shown_open_on_the_add_page(editor_client, desk):
    page = editor_client.get(ADD).content.decode()

    text_fieldset = page[: page.index('name="body"')].rsplit("<fieldset", 1)[1]
    assert "collapse" not in text_fieldset
    assert 'enctype="multipart/form-data"' in page
    assert 'name="upload"' in page


@pytest.mark.parametrize(
    ("body", "error"),
    [
        ("", "Paste the article&#x27;s text, upload a file, or give its URL."),
        ("  <p> </p> \n", "The article body is empty (after removing markup and whitespace)."),
    ],
)
def test_an_empty_article_is_a_form_error(editor_client, desk, body, error):
    response = editor_client.post(ADD, {"body": body, "title": "Prázdný"})

    assert response.status_code == 200
    assert error in response.content.decode()
    assert not Article.objects.exists()


def test_an_oversize_text_is_a_form_error_and_the_text_stays_in_the_box(
    editor_client, desk, settings
):
    settings.ARTICLE_MAX_CHARS = 40

    response = editor_client.post(ADD, {"body": SENTENCE, "title": "Dlouhý"})

    page = response.content.decode()
    assert response.status_code == 200
    assert "The article body has 44 characters; the limit is 40" in page
    assert f"{SENTENCE}</textarea>" in page
    assert not Article.objects.exists()


def upload(name: str, content: bytes) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, content_type="application/octet-stream")


def test_an_uploaded_text_file_is_ingested(
    editor_client, desk, engine, django_capture_on_commit_callbacks
):
    post(
        editor_client,
        django_capture_on_commit_callbacks,
        upload=upload("schodek.txt", ("\ufeff" + SENTENCE).encode()),
    )

    article = Article.objects.get()
    assert article.body == SENTENCE
    assert article.status == Article.Status.EXTRACTED


def test_an_uploaded_html_page_is_reduced_to_the_article_text(
    editor_client, desk, engine, django_capture_on_commit_callbacks
):
    paragraph = (
        "Podle ministra financí schodek letos klesne. Opozice tvrdí, že rozpočet je "
        "nereálný a že vláda podceňuje výdaje na obranu i na důchody."
    )
    html = (
        "<html><head><title>Schodek</title><script>track()</script></head><body>"
        "<nav><ul><li><a href='/'>Domů</a></li><li><a href='/sport'>Sport</a></li></ul></nav>"
        f"<article><h1>Schodek klesne</h1><p>{paragraph}</p><p>{paragraph}</p></article>"
        "<footer>© Deník Test, všechna práva vyhrazena</footer></body></html>"
    )

    post(editor_client, django_capture_on_commit_callbacks, upload=upload("a.html", html.encode()))

    body = Article.objects.get().body
    assert paragraph in body
    assert "track()" not in body
    assert "Sport" not in body


def test_a_file_in_another_encoding_asks_for_it_then_is_read_with_it(
    editor_client, desk, engine, django_capture_on_commit_callbacks
):
    raw = "Příliš žluťoučký kůň řekl, že schodek letos klesne.".encode("cp1250")

    refused = editor_client.post(ADD, {"upload": upload("kun.txt", raw)})
    post(
        editor_client,
        django_capture_on_commit_callbacks,
        upload=upload("kun.txt", raw),
        encoding="windows-1250",
    )

    assert refused.status_code == 200
    assert (
        "“kun.txt” cannot be read as UTF-8, nor does it declare another encoding (byte 0xf8 at "
        "position 1). Choose the file&#x27;s encoding under “File encoding”"
    ) in refused.content.decode()
    assert Article.objects.get().body == "Příliš žluťoučký kůň řekl, že schodek letos klesne."


def test_an_html_file_that_declares_its_charset_is_read_with_it(
    editor_client, desk, engine, django_capture_on_commit_callbacks
):
    html = (
        '<html><head><meta http-equiv="Content-Type" content="text/html; charset=windows-1250">'
        "</head><body><p>Ministr řekl, že daně neporostou.</p></body></html>"
    )

    post(
        editor_client,
        django_capture_on_commit_callbacks,
        upload=upload("clanek.htm", html.encode("cp1250")),
    )

    assert Article.objects.get().body == "Ministr řekl, že daně neporostou."


def test_a_file_that_is_not_text_or_html_is_refused(editor_client, desk):
    response = editor_client.post(ADD, {"upload": upload("clanek.pdf", b"%PDF-1.7")})

    assert "“clanek.pdf” is not a .txt or .html file" in response.content.decode()
    assert not Article.objects.exists()


def test_text_and_a_file_together_are_refused(editor_client, desk):
    response = editor_client.post(
        ADD, {"body": SENTENCE, "upload": upload("a.txt", SENTENCE.encode())}
    )

    assert "Paste the text or upload a file, not both." in response.content.decode()


@pytest.fixture
def submissions_seen(monkeypatch):
    """Records the calls to the API's URL submission service; the page fetch is faked (the
    network edge): https://news.test/gone answers 404."""
    calls: list[dict] = []
    real = submissions.submit_for_partner

    def spy(**kwargs):
        calls.append(kwargs)
        return real(**kwargs)

    def fetch(*, url):
        if url == "https://news.test/gone":
            raise ArticleFetchFailed(
                f"{url} answered HTTP 404; send the text in `body` instead.",
                fields={"url": ["HTTP 404"]},
            )
        return SENTENCE, "text/html"

    monkeypatch.setattr("claims.admin.article_add.submit_for_partner", spy)
    monkeypatch.setattr(submissions, "fetch_article_text", fetch)
    return calls


@pytest.fixture
def autocommit(monkeypatch):
    """`make run` without a broker: outside a test's transaction, on_commit work (the eager
    fetch task) runs at once, before the admin answers."""
    monkeypatch.setattr(transaction, "on_commit", lambda func, using=None, robust=False: func())


def test_a_url_alone_goes_to_the_apis_url_submission_service(
    editor_client, desk, engine, submissions_seen, autocommit
):
    response = editor_client.post(ADD, {"url": "https://news.test/schodek", "title": "Schodek"})

    [call] = submissions_seen
    assert (call["partner"], call["url"], call["title"]) == (
        None,
        "https://news.test/schodek",
        "Schodek",
    )
    article = Article.objects.get()
    assert (article.url, article.body, article.status) == (
        "https://news.test/schodek",
        SENTENCE,
        Article.Status.EXTRACTED,
    )
    assert response["Location"] == reverse("admin:claims_article_change", args=[article.pk])


def test_a_url_fetched_by_a_worker_later_is_announced_not_waited_for(
    editor_client, desk, submissions_seen
):
    # No commit callbacks run here: like a real broker, the fetch is still queued.
    response = editor_client.post(ADD, {"url": "https://news.test/schodek"}, follow=True)

    assert response.redirect_chain == [(reverse("admin:claims_article_changelist"), 302)]
    assert "The page at https://news.test/schodek is being fetched in the background" in (
        response.content.decode()
    )
    assert not Article.objects.exists()


def test_a_url_that_is_already_an_article_is_not_fetched_again(
    editor_client, article, submissions_seen
):
    Article.objects.filter(pk=article.pk).update(url="https://news.test/schodek")

    response = editor_client.post(ADD, {"url": "https://news.test/schodek"}, follow=True)

    assert submissions_seen == []
    assert "This article is already on the desk (the same URL)" in response.content.decode()


def test_a_url_that_cannot_be_fetched_is_a_form_error(
    editor_client, desk, submissions_seen, autocommit
):
    response = editor_client.post(ADD, {"url": "https://news.test/gone", "title": "Pryč"})

    page = response.content.decode()
    assert response.status_code == 200
    assert "https://news.test/gone answered HTTP 404; send the text in `body` instead." in page
    assert 'value="Pryč"' in page
    assert not Article.objects.exists()


def test_the_analyst_may_not_add_articles(client, analyst, desk):
    client.force_login(analyst)

    assert client.post(ADD, {"body": SENTENCE}).status_code == 403
    assert not Article.objects.exists()


def test_editing_an_articles_details_goes_through_the_service(editor_client, article, monkeypatch):
    seen: list[dict] = []
    from claims.admin import articles as article_admin
    from claims.services.articles import update_article

    def spy(**kwargs):
        seen.append(dict(kwargs["changes"]))
        return update_article(**kwargs)

    monkeypatch.setattr(article_admin, "update_article", spy)
    url = reverse("admin:claims_article_change", args=[article.pk])

    refused = editor_client.post(url, {"title": "Nový", "language": "czech"})
    saved = editor_client.post(url, {"title": "Nový", "language": "CS", "desk": article.desk_id})

    assert "&#x27;czech&#x27; is not an ISO 639-1 code" in refused.content.decode()
    assert saved.status_code == 302
    assert [changes["title"] for changes in seen] == ["Nový"]
    article.refresh_from_db()
    assert (article.title, article.language) == ("Nový", "cs")
