"""Taking articles in: bad input gets a clear error and nothing half-stored."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from claims.errors import InvalidArticle
from claims.models import Article
from claims.services import outbox
from claims.services.articles import clean_body, ingest_article


def test_an_article_is_stored_once_per_text(desk):
    first = ingest_article(body="Ministr řekl, že daně neporostou.", extract=False)
    second = ingest_article(body="Ministr řekl, že daně neporostou.\n", extract=False)

    assert (first.created, second.created) == (True, False)
    assert second.article.pk == first.article.pk
    assert Article.objects.count() == 1


def test_an_empty_article_is_refused_with_a_clear_error(db):
    with pytest.raises(InvalidArticle, match="The article body is empty"):
        ingest_article(body="  \n\t ")
    assert Article.objects.count() == 0


def test_markup_only_is_empty_too(db):
    with pytest.raises(InvalidArticle, match="empty"):
        ingest_article(body="<html><script>alert(1)</script></html>")


def test_an_oversize_article_is_refused_with_the_limit(db, settings):
    settings.ARTICLE_MAX_CHARS = 1000

    with pytest.raises(InvalidArticle, match="has 1,001 characters; the limit is 1,000"):
        ingest_article(body="a" * 1001)


def test_bytes_that_are_not_utf8_are_refused_with_what_to_do(db):
    body = "Příliš žluťoučký kůň.".encode("cp1250")

    with pytest.raises(InvalidArticle, match=r"not valid UTF-8 \(byte 0xf8 at position 1\)"):
        ingest_article(body=body)


def test_utf8_bytes_with_a_bom_are_accepted(desk):
    result = ingest_article(body="\ufeffPodle ministra schodek klesne.".encode(), extract=False)

    assert result.article.body == "Podle ministra schodek klesne."


def test_html_is_reduced_to_its_visible_text_without_scripts():
    html = (
        "<html><head><title>t</title><script>steal()</script></head><body>"
        "<p>Premiér řekl: „Daně nezvýšíme.“</p><style>p{}</style><p>Druhý odstavec.</p>"
        "</body></html>"
    )

    assert clean_body(html) == "Premiér řekl: „Daně nezvýšíme.“\nDruhý odstavec."


def test_control_characters_and_nul_are_removed_so_postgres_accepts_the_text():
    assert clean_body("Ahoj\x00 světe\x07.\r\nDruhá") == "Ahoj světe.\nDruhá"


def test_a_language_that_is_not_a_code_is_refused(db):
    with pytest.raises(InvalidArticle, match="'czech' is not an ISO 639-1 code"):
        ingest_article(body="Text.", language="czech")


def test_an_unsupported_language_is_stored_and_marked_failed_with_the_reason(
    desk, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        result = ingest_article(
            body="Der Minister sagte, die Steuern würden nicht steigen.", language="de"
        )

    article = Article.objects.get(pk=result.article.pk)
    assert article.status == Article.Status.FAILED
    assert "de" in article.error
    assert article.body.startswith("Der Minister")


def test_a_huge_text_is_refused_up_front_by_the_default_limit(desk):
    # 1.9 million characters held a worker past its soft time limit; the default refuses it
    # before anything is stored or queued (settings.py explains the figure).
    with pytest.raises(InvalidArticle) as refused:
        ingest_article(body="Ministr řekl, že schodek klesne. " * 58_000)

    assert refused.value.message == (
        "The article body has 1,913,999 characters; the limit is 500,000 (setting "
        "ARTICLE_MAX_CHARS). Split it into separate articles."
    )
    assert not Article.objects.exists()


@pytest.mark.django_db(transaction=True)
def test_a_top_level_ingest_inserts_the_article_queued_without_a_transaction_of_its_own(
    desk, monkeypatch
):
    sent = []
    monkeypatch.setattr(outbox, "enqueue", lambda task, **kwargs: sent.append(kwargs))

    with CaptureQueriesContext(connection) as queries:
        result = ingest_article(body="Ministr řekl, že daně neporostou.")

    # Look up the text, the default desk, INSERT (stamped queued): no BEGIN, UPDATE or COMMIT.
    assert [q["sql"].split()[0] for q in queries.captured_queries] == [
        "SELECT",
        "SELECT",
        "INSERT",
    ]
    article = Article.objects.get()
    assert (article.status, article.extraction_attempts) == ("received", 0)
    assert article.queued_at is not None
    assert sent == [{"article_id": result.article.pk}]
