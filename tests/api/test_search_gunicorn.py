"""A long search text through gunicorn, configured as docker-compose.yml starts it.

Gunicorn answers a request line over its limit (4,094 bytes by default) itself, with an HTML
414, before the API can answer its JSON. The longest text the API takes (`MAX_QUERY_CHARS`) in a
script of 3 UTF-8 bytes a character is 9 bytes a character URL-encoded. The request goes through
gunicorn's own parser with the compose file's flags, then through the API.
"""

from __future__ import annotations

import re
import shlex
from pathlib import Path
from urllib.parse import urlencode

from gunicorn.config import Config
from gunicorn.http.parser import RequestParser

from partners.api.matching import MAX_QUERY_CHARS

ROOT = Path(__file__).resolve().parents[2]
# 3 bytes a character in UTF-8 and no space (a "+"): 9 bytes a character in the URL, the most a
# character of the Basic Multilingual Plane takes.
JAVANESE = "ꦱꦸꦒꦼꦁꦫꦮꦸꦃ"


def _compose_gunicorn() -> Config:
    """Gunicorn's settings as the web service of docker-compose.yml starts it."""
    compose = (ROOT / "docker-compose.yml").read_text()
    command = re.search(r"&& gunicorn ([^\"&]+)", compose)
    assert command, "docker-compose.yml starts no gunicorn"
    config = Config()
    options = config.parser().parse_args(shlex.split(command.group(1)))
    for name, value in vars(options).items():
        if value is not None and name != "args":
            config.set(name.lower(), value)
    return config


def _through_gunicorn(path: str) -> str:
    """The request target gunicorn hands on; raises as gunicorn does before answering 414."""
    raw = f"GET {path} HTTP/1.1\r\nHost: localhost\r\n\r\n".encode("ascii")
    request = next(iter(RequestParser(_compose_gunicorn(), [raw], ("127.0.0.1", 4000))))
    return request.uri


def _path(q: str) -> str:
    return "/api/v1/claims/search/?" + urlencode({"q": q, "limit": 50})


def test_the_longest_search_text_in_a_three_byte_script_reaches_the_api(partner_a):
    path = _path((JAVANESE * MAX_QUERY_CHARS)[:MAX_QUERY_CHARS])
    assert len(f"GET {path} HTTP/1.1") > 8000  # far over gunicorn's default 4,094

    response = partner_a.client.get(_through_gunicorn(path))

    assert response.status_code == 200
    assert response.json() == {"results": []}


def test_a_search_text_over_the_limit_gets_the_apis_json_error(partner_a):
    path = _path((JAVANESE * MAX_QUERY_CHARS)[: MAX_QUERY_CHARS + 1])

    response = partner_a.client.get(_through_gunicorn(path))

    assert response.status_code == 400
    assert response.json()["error"]["fields"] == {"q": [f"at most {MAX_QUERY_CHARS} characters"]}
