from __future__ import annotations

import pytest

PAGE = (
    b"<html><body><article><p>Ministry data: the deficit grew by 3 %.</p></article></body></html>"
)


@pytest.fixture
def stats_site(local_server, fake_dns, settings):
    """`stats.test` is the local server, allowed as a development host would be."""
    fake_dns.names["stats.test"] = ["127.0.0.1"]
    settings.OUTBOUND_ALLOWED_HOSTS = ["stats.test"]
    local_server.route("/deficit", body=PAGE)
    return local_server
