"""The outbound HTTP client (core/outbound.py): the one door every server-side fetch uses.

Every test talks to a real HTTP server on 127.0.0.1 (tests/local_server.py) that records the
connections it accepts, so "refused" means the server under test never connected.
"""

from __future__ import annotations

import ipaddress
import time

import pytest

from core import outbound

PAGE = b"<html><body><p>Ministr tvrdi, ze schodek klesne.</p></body></html>"


@pytest.mark.parametrize(
    ("address", "public"),
    [
        ("93.184.216.34", True),
        ("2606:2800:220:1:248:1893:25c8:1946", True),
        ("127.0.0.1", False),
        ("127.8.9.10", False),
        ("10.1.2.3", False),
        ("172.16.0.1", False),
        ("192.168.1.1", False),
        ("100.64.0.1", False),  # carrier-grade NAT
        ("169.254.169.254", False),  # cloud metadata
        ("0.0.0.0", False),
        ("224.0.0.1", False),
        ("239.255.255.250", False),
        ("240.0.0.1", False),
        ("255.255.255.255", False),
        ("::1", False),
        ("::", False),
        ("fe80::1", False),
        ("fc00::1", False),
        ("ff02::1", False),
        ("::ffff:127.0.0.1", False),  # IPv4-mapped loopback
        ("::ffff:10.0.0.1", False),
        ("::ffff:93.184.216.34", True),
        ("2002:7f00:1::", False),  # 6to4 wrapping 127.0.0.1
        ("64:ff9b::a00:1", False),  # NAT64 of 10.0.0.1
        ("2001:db8::1", False),  # documentation
    ],
)
def test_only_public_unicast_addresses_are_public(address, public):
    assert outbound.is_public_address(ipaddress.ip_address(address)) is public


def test_an_allowed_local_server_is_fetched(local_server, settings):
    settings.OUTBOUND_ALLOWED_HOSTS = ["127.0.0.1"]
    local_server.route("/article", body=PAGE)

    response = outbound.fetch(local_server.url("/article"), accept=("text/html",))

    assert (response.status, response.content) == (200, PAGE)
    assert response.content_type == "text/html; charset=utf-8"
    assert local_server.requests[0].headers["User-Agent"] == outbound.USER_AGENT


@pytest.mark.parametrize(
    "host", ["127.0.0.1", "localhost", "[::ffff:127.0.0.1]", "127.1.2.3", "0.0.0.0"]
)
def test_loopback_is_refused_before_any_connection(local_server, host):
    local_server.route("/internal", body=b"The database password is hunter2")

    with pytest.raises(outbound.RefusedURL) as refused:
        outbound.fetch(local_server.url("/internal", host=host))

    assert local_server.connections == []
    assert refused.value.public_message == "Could not fetch the URL."


def test_a_public_looking_name_that_resolves_to_loopback_is_refused(local_server, fake_dns):
    fake_dns.names["127.0.0.1.nip.io"] = ["127.0.0.1"]

    with pytest.raises(outbound.RefusedURL, match="not a public address"):
        outbound.fetch(local_server.url("/internal", host="127.0.0.1.nip.io"))

    assert local_server.connections == []


def test_a_name_with_one_private_address_among_public_ones_is_refused(local_server, fake_dns):
    fake_dns.names["mixed.test"] = ["93.184.216.34", "127.0.0.1"]

    with pytest.raises(outbound.RefusedURL):
        outbound.fetch(local_server.url("/", host="mixed.test"))

    assert local_server.connections == []


def test_the_connection_goes_to_the_checked_address_even_if_dns_changes(
    local_server, fake_dns, settings
):
    # DNS rebinding: the first answer passes the check, a second lookup would answer another
    # address. The client resolves once per hop and dials the address it checked.
    settings.OUTBOUND_ALLOWED_HOSTS = ["127.0.0.1"]
    answers = iter([["127.0.0.1"], ["127.0.0.2"]])
    fake_dns.names["rebind.test"] = ["unused"]
    calls = []

    def rebinding(host, port):
        calls.append(host)
        return next(answers)

    local_server.route("/article", body=PAGE)

    response = outbound.fetch(local_server.url("/article", host="rebind.test"), resolve=rebinding)

    assert response.content == PAGE
    assert calls == ["rebind.test"]
    assert local_server.requests[0].headers["Host"] == f"rebind.test:{local_server.port}"


def test_a_redirect_to_a_private_address_is_refused(local_server, fake_dns, settings):
    settings.OUTBOUND_ALLOWED_HOSTS = ["public.test"]
    fake_dns.names["public.test"] = ["127.0.0.1"]
    local_server.route(
        "/moved", status=302, headers={"Location": local_server.url("/internal")}, body=b""
    )
    local_server.route("/internal", body=b"secret")

    with pytest.raises(outbound.RefusedURL):
        outbound.fetch(local_server.url("/moved", host="public.test"))

    assert [seen.path for seen in local_server.requests] == ["/moved"]


def test_redirects_are_followed_up_to_the_limit(local_server, settings):
    settings.OUTBOUND_ALLOWED_HOSTS = ["127.0.0.1"]
    local_server.route("/loop", status=302, headers={"Location": "/loop"}, body=b"")

    with pytest.raises(outbound.TooManyRedirects):
        outbound.fetch(local_server.url("/loop"), max_redirects=3)

    assert len(local_server.requests) == 4


def test_credentials_are_not_sent_on_after_a_redirect(local_server, settings):
    settings.OUTBOUND_ALLOWED_HOSTS = ["127.0.0.1"]
    local_server.route("/moved", status=301, headers={"Location": "/article"}, body=b"")
    local_server.route("/article", body=PAGE)

    response = outbound.fetch(
        local_server.url("/moved"), headers={"Authorization": "Bearer x", "Cookie": "s=1"}
    )

    assert response.content == PAGE
    assert response.redirects == (local_server.url("/moved"),)
    first, second = local_server.requests
    assert first.headers.get("Authorization") == "Bearer x"
    assert "Authorization" not in second.headers
    assert "Cookie" not in second.headers


def test_credentials_in_the_url_are_refused(local_server, settings):
    settings.OUTBOUND_ALLOWED_HOSTS = ["127.0.0.1"]

    with pytest.raises(outbound.RefusedURL, match="credentials"):
        outbound.fetch(f"http://user:pw@127.0.0.1:{local_server.port}/")

    assert local_server.connections == []


def test_a_dripping_server_hits_the_total_deadline(local_server, settings):
    # One byte every 0.4 s: each read is quick, only a total deadline stops it.
    settings.OUTBOUND_ALLOWED_HOSTS = ["127.0.0.1"]
    local_server.route("/slow", body=b"x" * 40, drip_seconds=0.4)
    started = time.monotonic()

    with pytest.raises(outbound.FetchTimeout):
        outbound.fetch(local_server.url("/slow"), deadline=1.5)

    assert time.monotonic() - started < 2.5


@pytest.mark.parametrize("send_length", [True, False])
def test_a_body_over_the_size_cap_is_refused(local_server, settings, send_length):
    settings.OUTBOUND_ALLOWED_HOSTS = ["127.0.0.1"]
    local_server.route("/big", body=b"x" * 200_000, send_length=send_length)

    with pytest.raises(outbound.ResponseTooLarge):
        outbound.fetch(local_server.url("/big"), max_bytes=100_000)


def test_an_unwanted_content_type_is_refused(local_server, settings):
    settings.OUTBOUND_ALLOWED_HOSTS = ["127.0.0.1"]
    local_server.route("/file", body=b"\x00\x01", content_type="application/octet-stream")

    with pytest.raises(outbound.UnwantedContentType):
        outbound.fetch(local_server.url("/file"), accept=("text/html", "text/"))


def test_a_closed_port_and_a_refused_address_read_the_same_to_a_partner(local_server, settings):
    settings.OUTBOUND_ALLOWED_HOSTS = ["127.0.0.1"]
    port = local_server.port
    local_server.stop()

    with pytest.raises(outbound.ConnectFailed) as closed:
        outbound.fetch(f"http://127.0.0.1:{port}/")
    settings.OUTBOUND_ALLOWED_HOSTS = []
    with pytest.raises(outbound.RefusedURL) as refused:
        outbound.fetch(f"http://127.0.0.1:{port}/")

    assert closed.value.public_message == refused.value.public_message
    assert str(closed.value) != str(refused.value)


def test_check_url_applies_the_same_rules_without_connecting(local_server, fake_dns):
    fake_dns.names["127.0.0.1.nip.io"] = ["127.0.0.1"]

    for url in ("https://localhost:8112/hook", "https://127.0.0.1.nip.io/hook", "ftp://x.test/"):
        with pytest.raises(outbound.OutboundError):
            outbound.check_url(url)

    fake_dns.names["hooks.partner.test"] = ["93.184.216.34"]
    outbound.check_url("https://hooks.partner.test/hook")
    assert local_server.connections == []


@pytest.fixture
def hanging_dns(monkeypatch):
    """The system resolver path with a getaddrinfo that hangs (as a dead name server does)."""
    import socket
    import threading

    release = threading.Event()
    calls: list[str] = []

    def getaddrinfo(host, port, *args, **kwargs):
        calls.append(host)
        release.wait(30)  # the system resolver's own timeout, far beyond any fetch deadline
        raise socket.gaierror(socket.EAI_AGAIN, "Temporary failure in name resolution")

    monkeypatch.setattr(outbound, "resolver", outbound.system_resolver)
    monkeypatch.setattr(socket, "getaddrinfo", getaddrinfo)
    yield calls
    release.set()  # let the abandoned lookup threads finish


def test_a_hanging_dns_lookup_fails_within_the_fetch_deadline(hanging_dns):
    started = time.monotonic()

    with pytest.raises(outbound.FetchTimeout, match=r"resolving 'slow-dns\.test'") as failed:
        outbound.fetch("https://slow-dns.test/article", deadline=0.5)

    assert time.monotonic() - started < 1.5
    assert hanging_dns == ["slow-dns.test"]
    assert failed.value.public_message == outbound.PUBLIC_MESSAGE


def test_a_lookup_after_a_redirect_gets_only_what_is_left_of_the_deadline(
    local_server, settings, monkeypatch
):
    # The first name resolves slowly (0.6 s) to the local server, which redirects to a name
    # whose lookup hangs: given the whole deadline again, the fetch would take 0.6 + 1.0 s.
    import threading

    release = threading.Event()

    def slow_dns(host: str, port: int) -> list[str]:
        if host == "hop.test":
            time.sleep(0.6)
            return ["127.0.0.1"]
        release.wait(30)
        return ["93.184.216.34"]

    monkeypatch.setattr(outbound, "resolver", slow_dns)
    settings.OUTBOUND_ALLOWED_HOSTS = ["hop.test"]
    local_server.route(
        "/moved", status=302, headers={"Location": "https://slow-dns.test/"}, body=b""
    )
    started = time.monotonic()

    try:
        with pytest.raises(outbound.FetchTimeout, match=r"resolving 'slow-dns\.test'"):
            outbound.fetch(local_server.url("/moved", host="hop.test"), deadline=1.0)
        elapsed = time.monotonic() - started
    finally:
        release.set()

    assert [seen.path for seen in local_server.requests] == ["/moved"]
    assert 0.9 < elapsed < 1.4


def test_a_webhook_url_whose_dns_hangs_is_refused_quickly(hanging_dns):
    started = time.monotonic()

    with pytest.raises(outbound.FetchTimeout):
        outbound.check_url("https://hooks.slow-dns.test/hook", deadline=0.5)

    assert time.monotonic() - started < 1.5


def test_a_quick_answer_and_a_resolver_error_come_back_unchanged(fake_dns):
    fake_dns.names["quick.test"] = ["93.184.216.34"]

    assert outbound.resolve_within(outbound.resolver, "quick.test", 443, 1.0) == ["93.184.216.34"]
    with pytest.raises(outbound.ConnectFailed, match=r"cannot resolve 'nowhere\.test'"):
        outbound.resolve_within(outbound.resolver, "nowhere.test", 443, 1.0)
