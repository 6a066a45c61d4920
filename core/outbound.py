"""The one door to the outside: every HTTP request the server makes goes through `fetch`.

A partner hands the desk URLs (articles to fetch, webhook endpoints); an editor links sources.
Any of them may point at the desk's own network (PostgreSQL, Redis, cloud metadata at
169.254.169.254), so the client:

- resolves the host itself and refuses the request when ANY address is not public (private,
  loopback, link-local, multicast, reserved, unspecified; IPv4, IPv6 and IPv4 inside IPv6);
- connects to the very address it checked (pinned for the connection, so a DNS answer that
  changes between check and connect — rebinding — cannot reach an internal host);
- follows at most `max_redirects` redirects, each checked the same way, and drops credentials
  and cookies on them (it never keeps cookies at all, and reads no proxy from the environment);
- enforces one total deadline over resolve, connect, TLS, headers and body (a server dripping a
  byte every few seconds is cut off at the deadline, not after it goes quiet; a resolver that
  hangs is abandoned when the deadline runs out), and a size cap;
- checks the content type when the caller says which ones it accepts.

Failures raise `OutboundError`. Its `str()` is for the logs; what a partner is told is only
`PUBLIC_MESSAGE`, so the answers cannot be used to map which internal ports are open.

`OUTBOUND_ALLOWED_HOSTS` (setting) lists host names or addresses (`127.0.0.1`, `10.0.0.0/8`)
that are exempt from the address check: local receivers in development and tests. It is empty
by default and should stay empty in production.
"""

from __future__ import annotations

import contextlib
import ipaddress
import logging
import socket
import threading
import time
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from urllib.parse import urljoin, urlsplit

import urllib3
from django.conf import settings
from urllib3.connection import HTTPConnection, HTTPSConnection
from urllib3.exceptions import HTTPError as Urllib3Error

logger = logging.getLogger(__name__)

PUBLIC_MESSAGE = "Could not fetch the URL."
DEFAULT_DEADLINE_SECONDS = 20.0
DEFAULT_MAX_BYTES = 10 * 1024 * 1024
DEFAULT_MAX_REDIRECTS = 5
# `check_url` (a webhook registered in a web request) gives DNS this long.
CHECK_DEADLINE_SECONDS = 5.0
# Lookups running at once. getaddrinfo cannot be interrupted: a lookup past its deadline is left
# to finish in its (daemon) thread, and holds its slot until it does; when all are held (DNS
# hangs for everyone), a new lookup waits for a slot within its own deadline.
DNS_LOOKUP_SLOTS = 16
USER_AGENT = "factcheck/1.0 (+https://github.com/factcheck)"
REDIRECT_STATUSES = frozenset({301, 302, 303, 307, 308})
# Headers that carry the caller's identity: never sent on to wherever a redirect points.
CREDENTIAL_HEADERS = frozenset({"authorization", "cookie", "proxy-authorization"})
# Special-purpose IPv6 ranges that Python's `is_global` still calls global but that translate to
# IPv4 inside an operator's network (NAT64), so an internal IPv4 could hide behind them.
_NAT64 = (ipaddress.ip_network("64:ff9b::/96"), ipaddress.ip_network("64:ff9b:1::/48"))

Address = ipaddress.IPv4Address | ipaddress.IPv6Address
Resolver = Callable[[str, int], list[str]]


class OutboundError(Exception):
    """A request that was refused or failed; `str()` says why (for logs only)."""

    public_message = PUBLIC_MESSAGE


class RefusedURL(OutboundError):
    """The URL or an address it resolves to is not one the server may connect to."""


class FetchTimeout(OutboundError):
    pass


class ResponseTooLarge(OutboundError):
    pass


class UnwantedContentType(OutboundError):
    pass


class TooManyRedirects(OutboundError):
    pass


class ConnectFailed(OutboundError):
    pass


@dataclass(frozen=True)
class Response:
    url: str  # after redirects
    status: int
    headers: Mapping[str, str]
    content: bytes
    redirects: tuple[str, ...] = ()

    @property
    def content_type(self) -> str:
        return self.headers.get("content-type", "")


def system_resolver(host: str, port: int) -> list[str]:
    """Every address the host name resolves to, in the resolver's order."""
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError) as exc:
        raise ConnectFailed(f"cannot resolve {host!r}: {exc}") from exc
    return list(dict.fromkeys(str(info[4][0]) for info in infos))


# Tests replace this (monkeypatch) to map names such as `127.0.0.1.nip.io` without DNS.
resolver: Resolver = system_resolver

_lookup_slots = threading.BoundedSemaphore(DNS_LOOKUP_SLOTS)


def resolve_within(resolve: Resolver, host: str, port: int, seconds: float) -> list[str]:
    """The resolver's answer, or FetchTimeout once `seconds` have passed without one.

    The system resolver's own timeout (often 5 s × attempts × name servers) knows nothing of
    the fetch's deadline, so the lookup runs in a daemon thread and the caller stops waiting
    when its time is up; the thread ends when the resolver gives up.
    """
    started = time.monotonic()
    if not _lookup_slots.acquire(timeout=max(0.0, seconds)):
        raise FetchTimeout(f"resolving {host!r}: every DNS lookup slot busy for {seconds:g} s")
    answer: list[list[str]] = []
    failure: list[BaseException] = []
    done = threading.Event()

    def lookup() -> None:
        try:
            answer.append(resolve(host, port))
        except BaseException as exc:  # handed to the waiting caller
            failure.append(exc)
        finally:
            _lookup_slots.release()
            done.set()

    threading.Thread(target=lookup, name=f"outbound-dns {host}", daemon=True).start()
    if not done.wait(max(0.0, seconds - (time.monotonic() - started))):
        raise FetchTimeout(f"resolving {host!r} took longer than the {seconds:.3g} s left")
    if failure:
        raise failure[0]
    return answer[0]


def is_public_address(address: Address) -> bool:
    """True only for a globally routable unicast address (embedded IPv4 checked too)."""
    if isinstance(address, ipaddress.IPv6Address):
        embedded = address.ipv4_mapped or address.sixtofour or _teredo_client(address)
        if embedded is not None:
            return is_public_address(embedded)
        if any(address in network for network in _NAT64):
            return False
    return address.is_global and not (
        address.is_multicast
        or address.is_private
        or address.is_loopback
        or address.is_link_local
        or address.is_reserved
        or address.is_unspecified
    )


def _teredo_client(address: ipaddress.IPv6Address) -> ipaddress.IPv4Address | None:
    teredo = address.teredo
    return teredo[1] if teredo else None


def _allowed_entries() -> list[str]:
    return [str(entry).strip().lower() for entry in settings.OUTBOUND_ALLOWED_HOSTS if entry]


def _is_allowed(host: str, address: Address, entries: Iterable[str]) -> bool:
    for entry in entries:
        if entry == host.lower():
            return True
        try:
            if address in ipaddress.ip_network(entry, strict=False):
                return True
        except ValueError:
            continue
    return False


@dataclass(frozen=True)
class Target:
    """A URL split into what the connection needs, with the one checked address to dial."""

    scheme: str
    host: str
    port: int
    path: str
    address: str


def _split(url: str) -> tuple[str, str, int, str]:
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError as exc:
        raise RefusedURL(f"malformed URL {url!r}: {exc}") from exc
    if parts.scheme not in {"http", "https"} or not parts.hostname:
        raise RefusedURL(f"not an absolute http(s) URL: {url!r}")
    if parts.username is not None or parts.password is not None:
        raise RefusedURL(f"credentials in the URL are never sent: {url!r}")
    path = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
    return parts.scheme, parts.hostname, port or (443 if parts.scheme == "https" else 80), path


def resolve_target(url: str, *, resolve: Resolver | None = None, timeout: float) -> Target:
    """Split the URL, resolve its host within `timeout` seconds and check every address.

    - raises RefusedURL for a non-public address, FetchTimeout when DNS takes too long
    - every address must pass, not just the first: a name answering with one public and one
      private address would otherwise reach the private one on a retry or a second connection
    """
    scheme, host, port, path = _split(url)
    try:
        addresses = [ipaddress.ip_address(host)]
    except ValueError:
        answer = resolve_within(resolve or resolver, host, port, timeout)
        addresses = [ipaddress.ip_address(a.split("%")[0]) for a in answer]
    if not addresses:
        raise ConnectFailed(f"{host!r} has no address")
    entries = _allowed_entries()
    for address in addresses:
        if not is_public_address(address) and not _is_allowed(host, address, entries):
            raise RefusedURL(f"{host!r} resolves to {address}, which is not a public address")
    return Target(scheme, host, port, path, str(addresses[0]))


def check_url(
    url: str, *, resolve: Resolver | None = None, deadline: float = CHECK_DEADLINE_SECONDS
) -> None:
    """Validate a URL the server will call later (a webhook): the same rules as `fetch`.

    A host that does not resolve now (or not within `deadline`) is refused too: a partner
    registers a working endpoint.
    """
    resolve_target(url, resolve=resolve, timeout=deadline)


@dataclass
class _Deadline:
    """One clock for the whole request; when it runs out, every open socket is shut down.

    Socket timeouts bound each read, not the sum of them; shutting the socket down from a timer
    is what makes a slowly dripping body stop at the deadline.
    """

    seconds: float
    started: float = field(default_factory=time.monotonic)
    expired: bool = False
    _sockets: list[socket.socket] = field(default_factory=list)
    _lock: threading.Lock = field(default_factory=threading.Lock)
    _timer: threading.Timer | None = None

    def remaining(self) -> float:
        left = self.seconds - (time.monotonic() - self.started)
        if left <= 0 or self.expired:
            raise FetchTimeout(f"no complete answer within {self.seconds:g} s")
        return left

    def start(self) -> None:
        self._timer = threading.Timer(self.remaining(), self._expire)
        self._timer.daemon = True
        self._timer.start()

    def stop(self) -> None:
        if self._timer is not None:
            self._timer.cancel()

    def adopt(self, sock: socket.socket) -> None:
        with self._lock:
            self._sockets.append(sock)
            if self.expired:
                _shut(sock)

    def _expire(self) -> None:
        with self._lock:
            self.expired = True
            for sock in self._sockets:
                _shut(sock)


def _shut(sock: socket.socket) -> None:
    with contextlib.suppress(OSError):
        sock.shutdown(socket.SHUT_RDWR)


def _pinned_pool(target: Target, deadline: _Deadline) -> urllib3.HTTPConnectionPool:
    """A one-connection pool whose socket goes to `target.address`, whatever DNS says now.

    The pool keeps the host name for the Host header, TLS SNI and certificate checks.
    """

    def new_conn(conn: HTTPConnection) -> socket.socket:
        try:
            sock = socket.create_connection(
                (target.address, target.port), timeout=deadline.remaining()
            )
        except OSError as exc:
            raise ConnectFailed(f"connecting to {target.address}:{target.port}: {exc}") from exc
        deadline.adopt(sock)
        return sock

    base: type[HTTPConnection] = HTTPSConnection if target.scheme == "https" else HTTPConnection
    connection_class = type("PinnedConnection", (base,), {"_new_conn": new_conn})
    pool_class = (
        urllib3.HTTPSConnectionPool if target.scheme == "https" else urllib3.HTTPConnectionPool
    )
    pool = pool_class(target.host, target.port, maxsize=1, retries=False)
    pool.ConnectionCls = connection_class
    return pool


def _read_body(response: urllib3.BaseHTTPResponse, max_bytes: int, deadline: _Deadline) -> bytes:
    declared = response.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > max_bytes:
        raise ResponseTooLarge(f"Content-Length {declared} exceeds {max_bytes} bytes")
    chunks, size = [], 0
    try:
        for chunk in response.stream(64 * 1024):
            size += len(chunk)
            if size > max_bytes:
                raise ResponseTooLarge(f"body exceeds {max_bytes} bytes")
            chunks.append(chunk)
    except (Urllib3Error, OSError) as exc:
        deadline.remaining()  # a deadline that ran out is the real reason
        raise ConnectFailed(f"reading the body: {exc}") from exc
    # A socket shut down by the deadline reads as a clean end of the body.
    deadline.remaining()
    return b"".join(chunks)


def _content_type_ok(content_type: str, accept: Iterable[str] | None) -> bool:
    if accept is None:
        return True
    media = content_type.split(";")[0].strip().lower()
    return any(media == a or (a.endswith("/") and media.startswith(a)) for a in accept)


def fetch(
    url: str,
    *,
    method: str = "GET",
    body: bytes | None = None,
    headers: Mapping[str, str] | None = None,
    deadline: float = DEFAULT_DEADLINE_SECONDS,
    max_bytes: int = DEFAULT_MAX_BYTES,
    accept: Iterable[str] | None = None,
    max_redirects: int = DEFAULT_MAX_REDIRECTS,
    resolve: Resolver | None = None,
) -> Response:
    """Make one request (following redirects) under every rule of this module.

    - `accept`: media types (`text/html`) or prefixes ending in `/` (`text/`) the caller can use;
      another type raises UnwantedContentType before the body is read
    - `max_redirects=0` returns a redirect as it is (webhooks do not follow them)
    - any status is returned; the caller decides what a 404 or 500 means
    - raises OutboundError (RefusedURL, FetchTimeout, ResponseTooLarge, …) for everything else
    """
    clock = _Deadline(deadline)
    clock.start()
    try:
        return _follow(
            url, method, body, dict(headers or {}), clock, max_bytes, accept, max_redirects, resolve
        )
    except OutboundError as exc:
        logger.info("outbound %s %s refused or failed: %s", method, url, exc)
        raise
    finally:
        clock.stop()


def _follow(
    url: str,
    method: str,
    body: bytes | None,
    headers: dict[str, str],
    clock: _Deadline,
    max_bytes: int,
    accept: Iterable[str] | None,
    max_redirects: int,
    resolve: Resolver | None,
) -> Response:
    headers.setdefault("User-Agent", USER_AGENT)
    visited: list[str] = []
    while True:
        target = resolve_target(url, resolve=resolve, timeout=clock.remaining())
        clock.remaining()
        pool = _pinned_pool(target, clock)
        response = _send(pool, target, method, body, headers, clock)
        try:
            location = response.headers.get("location", "")
            if response.status in REDIRECT_STATUSES and location and max_redirects > 0:
                if len(visited) >= max_redirects:
                    raise TooManyRedirects(f"more than {max_redirects} redirects from {url}")
                visited.append(url)
                url = urljoin(url, location)
                if response.status == 303 or (response.status in {301, 302} and method == "POST"):
                    method, body = "GET", None
                headers = {k: v for k, v in headers.items() if k.lower() not in CREDENTIAL_HEADERS}
                continue
            content_type = response.headers.get("content-type", "")
            if not _content_type_ok(content_type, accept):
                raise UnwantedContentType(f"{url} answered with content type {content_type!r}")
            content = _read_body(response, max_bytes, clock)
            return Response(
                url=url,
                status=response.status,
                headers={k.lower(): v for k, v in response.headers.items()},
                content=content,
                redirects=tuple(visited),
            )
        finally:
            response.close()
            pool.close()


def _send(
    pool: urllib3.HTTPConnectionPool,
    target: Target,
    method: str,
    body: bytes | None,
    headers: Mapping[str, str],
    clock: _Deadline,
) -> urllib3.BaseHTTPResponse:
    remaining = clock.remaining()
    try:
        return pool.urlopen(
            method,
            target.path,
            body=body,
            headers=dict(headers),
            redirect=False,
            retries=False,
            preload_content=False,
            assert_same_host=False,
            timeout=urllib3.Timeout(connect=remaining, read=remaining),
        )
    except OutboundError:
        pool.close()
        raise
    except (Urllib3Error, OSError) as exc:
        pool.close()
        clock.remaining()  # a deadline that ran out is the real reason
        raise ConnectFailed(f"{target.host} ({target.address}:{target.port}): {exc}") from exc
