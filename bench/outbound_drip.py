"""How long the outbound client waits on a server that drips one byte every 9 seconds.

    PYTHONPATH=. .venv/bin/python bench/outbound_drip.py

Before issue 12 the fetch timeout was per read, so such a server held a request for as long as
it kept dripping; the client's total deadline (20 s) now ends it.
"""

from __future__ import annotations

import os
import time

import django

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "factcheck.settings")
os.environ["OUTBOUND_ALLOWED_HOSTS"] = "127.0.0.1"
django.setup()

from core import outbound  # noqa: E402
from tests.local_server import LocalServer  # noqa: E402


def main() -> None:
    server = LocalServer().start()
    server.route("/drip", body=b"x" * 10, drip_seconds=9)
    started = time.monotonic()
    try:
        outbound.fetch(server.url("/drip"))
        outcome = "answered"
    except outbound.OutboundError as exc:
        outcome = type(exc).__name__
    print(
        f"1 byte / 9 s, deadline {outbound.DEFAULT_DEADLINE_SECONDS:g} s: {outcome} after "
        f"{time.monotonic() - started:.1f} s"
    )
    server.stop()


if __name__ == "__main__":
    main()
