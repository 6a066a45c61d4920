"""Monitored feeds against a real local HTTP server: conditional requests, robots.txt, ingestion."""

from __future__ import annotations

import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from django.core.cache import cache

from claims.models import Article, Feed, FeedItem
from claims.services import feeds

PORTS = (*range(8180, 8190), 0)  # this engineer's ports first, then any free one
RSS = """<?xml version="1.0"?>
<rss version="2.0"><channel><title>Test Daily</title>
<item><title>Schodek rozpočtu</title><link>{base}/a1</link><guid>a1</guid>
  <pubDate>Thu, 20 Jun 2024 08:00:00 GMT</pubDate></item>
<item><title>Interní</title><link>{base}/private/a2</link><guid>a2</guid></item>
</channel></rss>"""
ARTICLE = """<html><head><title>Schodek rozpočtu</title></head><body><article>
<h1>Schodek rozpočtu</h1>
<p>Podle ministra financí se schodek státního rozpočtu letos sníží na 250 miliard korun.
Opozice to popírá a tvrdí, že vláda čísla přikrášluje.</p>
<p>Ministr na tiskové konferenci řekl, že výdaje na obranu porostou i příští rok.
Ekonomové upozorňují, že inflace zůstává nad cílem centrální banky.</p>
</article></body></html>"""


class FeedServer:
    """Serves robots.txt, an RSS feed with an ETag and Last-Modified, and one article page."""

    def __init__(self) -> None:
        self.seen: list[tuple[str, dict[str, str]]] = []
        self.pages: dict[str, tuple[bytes, dict[str, str]]] = {}  # more article pages
        owner = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, format, *args):  # type: ignore[no-untyped-def]
                pass

            def do_GET(self):  # type: ignore[no-untyped-def]
                owner.seen.append((self.path, dict(self.headers)))
                status, body, headers = owner.answer(self.path, self.headers)
                self.send_response(status)
                for name, value in headers.items():
                    self.send_header(name, value)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

        for port in PORTS:
            try:
                self.server = ThreadingHTTPServer(("127.0.0.1", port), Handler)
                break
            except OSError:
                continue
        self.base = f"http://127.0.0.1:{self.server.server_address[1]}"
        threading.Thread(target=self.server.serve_forever, args=(0.05,), daemon=True).start()

    def answer(self, path, headers):  # type: ignore[no-untyped-def]
        if path == "/robots.txt":
            return 200, b"User-agent: *\nDisallow: /private/\n", {"Content-Type": "text/plain"}
        if path == "/feed.xml":
            if headers.get("If-None-Match") == '"v1"':
                return 304, b"", {"ETag": '"v1"'}
            feed_headers = {
                "Content-Type": "application/rss+xml",
                "ETag": '"v1"',
                "Last-Modified": "Thu, 20 Jun 2024 09:00:00 GMT",
            }
            return 200, RSS.format(base=self.base).encode(), feed_headers
        if path == "/a1":
            return 200, ARTICLE.encode(), {"Content-Type": "text/html; charset=utf-8"}
        if path in self.pages:
            return 200, *self.pages[path]
        return 404, b"", {"Content-Type": "text/plain"}

    def stop(self) -> None:
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def server(settings):
    settings.OUTBOUND_ALLOWED_HOSTS = ["127.0.0.1"]
    settings.FEED_DOMAIN_INTERVAL_SECONDS = 0
    settings.MATCH_ON_STORE = False  # the feed is under test here, not matching
    cache.clear()
    running = FeedServer()
    yield running
    running.stop()
    cache.clear()


@pytest.fixture
def feed(server, outlet) -> Feed:
    return Feed.objects.create(outlet=outlet, url=f"{server.base}/feed.xml")


def test_new_items_are_ingested_as_articles_and_robots_txt_is_obeyed(
    server, feed, outlet, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        outcome = feeds.poll_feed(feed_id=feed.pk)
    assert (outcome.status, outcome.new_items) == ("fetched", 2)
    article = Article.objects.get(url=f"{server.base}/a1")
    assert (article.outlet, article.title) == (outlet, "Schodek rozpočtu")
    assert "schodek státního rozpočtu letos sníží na 250 miliard korun" in article.body
    assert article.claims.exists()  # extracted through the same service as every article
    statuses = dict(FeedItem.objects.values_list("guid", "status"))
    assert statuses == {"a1": "ingested", "a2": "skipped"}
    assert f"{server.base}/private/a2" not in [path for path, _ in server.seen]
    assert "/private/a2" not in [path for path, _ in server.seen]


def test_an_unchanged_feed_is_asked_conditionally_and_answers_304(
    server, feed, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        feeds.poll_feed(feed_id=feed.pk)
    outcome = feeds.poll_feed(feed_id=feed.pk)
    assert outcome == feeds.PollOutcome("not_modified", 0)
    _, headers = [s for s in server.seen if s[0] == "/feed.xml"][-1]
    assert headers["If-None-Match"] == '"v1"'
    assert headers["If-Modified-Since"] == "Thu, 20 Jun 2024 09:00:00 GMT"
    feed.refresh_from_db()
    assert feed.last_status == "not_modified"
    assert FeedItem.objects.count() == 2


def test_one_domain_is_asked_at_most_once_per_interval(server, feed, settings):
    settings.FEED_DOMAIN_INTERVAL_SECONDS = 60
    feeds.poll_feed(feed_id=feed.pk)
    with pytest.raises(feeds.DomainBusy):
        feeds.poll_feed(feed_id=feed.pk)


def test_a_feed_on_a_private_address_is_refused_by_the_guarded_client(server, feed, settings):
    settings.OUTBOUND_ALLOWED_HOSTS = []
    outcome = feeds.poll_feed(feed_id=feed.pk)
    feed.refresh_from_db()
    assert outcome.status == "failed"
    assert feed.error.startswith("Could not fetch the URL.")
    assert server.seen == []


def test_the_beat_task_polls_only_due_feeds(server, feed, django_capture_on_commit_callbacks):
    from claims.tasks import poll_feeds_task

    with django_capture_on_commit_callbacks(execute=True):
        assert poll_feeds_task.delay().get() == 1
    assert poll_feeds_task.delay().get() == 0  # polled a moment ago: not due for 30 minutes


def test_an_editor_sees_a_feed_and_its_items_in_the_admin(
    client, editor, server, feed, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        feeds.poll_feed(feed_id=feed.pk)
    client.force_login(editor)
    page = client.get(f"/admin/claims/feed/{feed.pk}/change/").content.decode()
    assert "Schodek rozpočtu" in page
    assert "skipped (robots.txt or duplicate)" in page


ROADS = (
    "Hejtman Jihočeského kraje Martin Kuba ve čtvrtek řekl, že kraj letos opraví 120 kilometrů "
    "silnic druhé a třetí třídy. Opozice tvrdí, že peníze na opravy chybějí ve školství."
)


@pytest.mark.parametrize(
    ("charset", "meta", "header"),
    [
        # Named only in the page (the server sends a bare text/html), and only in the header.
        ("windows-1250", '<meta charset="windows-1250">', "text/html"),
        ("iso-8859-2", "", "text/html; charset=ISO-8859-2"),
    ],
)
def test_a_page_in_a_czech_legacy_encoding_is_read_in_the_encoding_it_names(
    server, feed, charset, meta, header
):
    page = f"<html><head>{meta}<title>Silnice</title></head><body><article><h1>Kraj opraví "
    page += f"silnice</h1><p>{ROADS}</p></article></body></html>"
    server.pages["/roads"] = (page.encode(charset), {"Content-Type": header})
    item = FeedItem.objects.create(feed=feed, guid="roads", url=f"{server.base}/roads")

    assert feeds.fetch_feed_item(item_id=item.pk) == "ingested"

    body = Article.objects.get(url=f"{server.base}/roads").body
    assert ROADS in body  # read as UTF-8, every č, ř and í had become U+FFFD
    assert "\ufffd" not in body
