"""Every API route × every kind of caller: who is let through and who is refused.

The routes are read from the URL configuration, so a new endpoint fails this test until it is
classified in ACCESS below. "Let through" means the answer is not 401/403 (it may be 200, 202,
400 or 404: authorisation passed); "refused" means 401 or 403.

Callers:
- read_key: a partner key with `read` only — reads, never writes
- submit_key: a key with `submit` only — writes (submit, webhook changes), never reads
- full_key: `read,submit`
- anonymous: no credentials
- staff: the analyst's session (staff, may export)
- outsider: a logged-in user who is not staff
"""

from __future__ import annotations

import pytest
from django.contrib.auth.models import User
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from rest_framework.test import APIClient

from tests.api.conftest import _persona

# kind of each named route; methods are read from the view
ACCESS = {
    "api:claim-list": "partner_api",
    "api:claim-detail": "partner_api",
    "api:claim-claimreview": "partner_api",
    "api:claim-search": "partner_api",
    "api:claim-similar": "partner_api",
    "api:actor-list": "partner_api",
    "api:actor-detail": "partner_api",
    "api:source-list": "partner_api",
    "api:source-detail": "partner_api",
    "api:outlet-list": "partner_api",
    "api:outlet-detail": "partner_api",
    "api:article-list": "partner_api",
    "api:article-detail": "partner_api",
    "api:submission-list": "partner_api",
    "api:submission-detail": "partner_api",
    "api:claimreview-feed": "partner_api",
    "api:partner-webhook": "partner_only",
    "api:schema": "public",
    "api:docs": "public",
    "api:redoc": "public",
    "exports:claims": "staff_only",
    "exports:job": "staff_only",
    "exports:download": "staff_only",
}
CALLERS = ("read_key", "submit_key", "full_key", "anonymous", "staff", "outsider")
WRITES = {"POST", "PUT", "PATCH", "DELETE"}
BODIES = {
    "api:article-list": {"body": "Podle ministra schodek klesne."},
    "api:partner-webhook": {"url": "https://hooks.scope.test/in", "secret": "s" * 20},
}


def _routes() -> list[tuple[str, URLPattern]]:
    found: list[tuple[str, URLPattern]] = []

    def walk(patterns, namespace: str) -> None:
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                walk(pattern.url_patterns, pattern.namespace or namespace)
            elif pattern.name and "format" not in pattern.pattern.regex.groupindex:
                found.append((f"{namespace}:{pattern.name}", pattern))

    walk(get_resolver().url_patterns, "")
    return [(name, p) for name, p in found if name.split(":")[0] in {"api", "exports"}]


def _methods(pattern: URLPattern) -> list[str]:
    callback = pattern.callback
    actions = getattr(callback, "actions", None)
    if actions:
        return sorted(method.upper() for method in actions)
    view_class = getattr(callback, "cls", None) or getattr(callback, "view_class", None)
    if view_class is not None:
        return sorted(
            method.upper()
            for method in view_class.http_method_names
            if hasattr(view_class, method) and method not in {"options", "head"}
        )
    return ["GET"]  # the export views are GET-only functions


def _expected(kind: str, method: str, caller: str) -> bool:
    write = method in WRITES
    if kind == "public":
        return True
    if kind == "staff_only":
        return caller == "staff"
    key_ok = {
        "read_key": not write,
        "submit_key": write,
        "full_key": True,
    }
    if caller in key_ok:
        return key_ok[caller]
    return caller == "staff" and kind == "partner_api"


def _cases() -> list[tuple[str, str, str]]:
    return [
        (name, method, caller)
        for name, pattern in _routes()
        for method in _methods(pattern)
        for caller in CALLERS
    ]


def test_every_api_route_is_classified():
    assert sorted({name for name, _ in _routes()}) == sorted(ACCESS)


@pytest.fixture
def callers(db, analyst, fake_dns) -> dict[str, APIClient]:
    fake_dns.names["hooks.scope.test"] = ["93.184.216.34"]
    staff = APIClient()
    staff.force_login(analyst)
    outsider = APIClient()
    outsider.force_login(User.objects.create_user("outsider", password="pw-outsider"))
    return {
        "read_key": _persona("Scope Read", scopes="read").client,
        "submit_key": _persona("Scope Submit", scopes="submit").client,
        "full_key": _persona("Scope Full", scopes="read,submit").client,
        "anonymous": APIClient(),
        "staff": staff,
        "outsider": outsider,
    }


@pytest.mark.parametrize(("name", "method", "caller"), _cases())
def test_route_method_and_caller(callers, desk, name, method, caller):
    pattern = dict(_routes())[name]
    kwargs = {
        key: {"pk": 1, "fmt": "csv"}[key]
        for key in pattern.pattern.regex.groupindex
        if key in {"pk", "fmt"}
    }
    path = reverse(name, kwargs=kwargs)
    client = callers[caller]

    response = getattr(client, method.lower())(path, BODIES.get(name, {}), format="json")

    allowed = response.status_code not in {401, 403}
    assert allowed is _expected(ACCESS[name], method, caller), (
        f"{caller} {method} {path} → {response.status_code}"
    )
