"""A real HTTP server on 127.0.0.1 for tests of the outbound client and everything that fetches.

It records every TCP connection it accepts, so a test can prove the server under test never
connected (an SSRF guard that only fails late would still show up here). Routes are data:

    server.route("/article", body=b"<html>…", content_type="text/html")
    server.route("/slow", body=b"x" * 50, drip_seconds=1.0)      # one byte per second
    server.route("/moved", status=302, headers={"Location": "/article"})
"""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

# This engineer's port range first (parallel runs on one machine), then any free port.
PORTS = (*range(8140, 8150), 0)


@dataclass
class Route:
    status: int = 200
    body: bytes = b""
    content_type: str = "text/html; charset=utf-8"
    headers: dict[str, str] = field(default_factory=dict)
    drip_seconds: float = 0.0  # > 0: send the body one byte at a time with this pause
    send_length: bool = True


@dataclass
class Seen:
    method: str
    path: str
    headers: dict[str, str]
    body: bytes


class LocalServer:
    def __init__(self) -> None:
        self.routes: dict[str, Route] = {}
        self.connections: list[tuple[str, int]] = []
        self.requests: list[Seen] = []
        self._server = self._bind()
        self.port = self._server.server_address[1]
        self._thread = threading.Thread(
            target=self._server.serve_forever, args=(0.05,), daemon=True
        )

    def url(self, path: str, host: str = "127.0.0.1") -> str:
        return f"http://{host}:{self.port}{path}"

    def route(self, path: str, **kwargs: object) -> None:
        self.routes[path] = Route(**kwargs)  # type: ignore[arg-type]

    def start(self) -> LocalServer:
        self._thread.start()
        return self

    def stop(self) -> None:
        self._server.shutdown()
        self._server.server_close()

    def _bind(self) -> ThreadingHTTPServer:
        owner = self

        class Server(ThreadingHTTPServer):
            daemon_threads = True
            allow_reuse_address = True

            def get_request(self):  # type: ignore[no-untyped-def]
                sock, address = super().get_request()
                owner.connections.append(address)
                return sock, address

        last_error: OSError | None = None
        for port in PORTS:
            try:
                return Server(("127.0.0.1", port), _handler_for(owner))
            except OSError as exc:
                last_error = exc
        raise RuntimeError(f"no free port for the local server: {last_error}")


def _handler_for(owner: LocalServer) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def log_message(self, format: str, *args: object) -> None:
            pass

        def _answer(self) -> None:
            length = int(self.headers.get("Content-Length") or 0)
            body = self.rfile.read(length) if length else b""
            owner.requests.append(Seen(self.command, self.path, dict(self.headers), body))
            route = owner.routes.get(self.path.split("?")[0]) or Route(404, b"not found")
            self.send_response(route.status)
            self.send_header("Content-Type", route.content_type)
            if route.send_length:
                self.send_header("Content-Length", str(len(route.body)))
            for name, value in route.headers.items():
                self.send_header(name, value)
            self.end_headers()
            try:
                if route.drip_seconds:
                    for index in range(len(route.body)):  # bounded by the body's length
                        self.wfile.write(route.body[index : index + 1])
                        self.wfile.flush()
                        time.sleep(route.drip_seconds)
                else:
                    self.wfile.write(route.body)
            except OSError:
                pass  # the client hung up (deadline, size cap): what the test wants

        do_GET = do_POST = do_PUT = do_HEAD = _answer

    return Handler
