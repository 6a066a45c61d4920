"""Personas and fixtures shared by the whole suite.

Personas (what each may do):
- editor: triages, researches, drafts verdicts, starts corrections; cannot publish
- reviewer: everything an editor does, plus approve, publish, retract
- second_reviewer: a reviewer who is not the verdict's author (four eyes)
- analyst: reads everything, exports, changes nothing
"""

from __future__ import annotations

import datetime as dt

import pytest
from django.contrib.auth.models import Group, User

from claims.extraction import engine
from claims.models import Article, Claim, Desk, Outlet, Rating, RatingScale


@pytest.fixture(autouse=True)
def _extraction_rules_raise(monkeypatch):
    """A rule that raises fails the test instead of being logged and skipped."""
    monkeypatch.setattr(engine, "STRICT_RULES", True)


def _user(username: str, role: str | None, **extra: object) -> User:
    user = User.objects.create_user(
        username=username,
        password="pw-" + username,
        email=f"{username}@desk.test",
        is_staff=True,
        **extra,
    )
    if role:
        user.groups.add(Group.objects.get(name=role))
    return user


@pytest.fixture
def editor(db) -> User:
    return _user("editor", "editor")


@pytest.fixture
def reviewer(db) -> User:
    return _user("reviewer", "reviewer")


@pytest.fixture
def second_reviewer(db) -> User:
    return _user("reviewer2", "reviewer")


@pytest.fixture
def analyst(db) -> User:
    return _user("analyst", "analyst")


@pytest.fixture
def rating_scale(db) -> RatingScale:
    scale = RatingScale.objects.create(name="Test scale", slug="test", best_value=4, worst_value=1)
    for order, (label, value, alt) in enumerate(
        [
            ("Pravda", 4, "True"),
            ("Zavádějící", 2, "Misleading"),
            ("Nepravda", 1, "False"),
            ("Neověřitelné", 3, "Unverifiable"),
        ]
    ):
        Rating.objects.create(
            scale=scale, label=label, value=value, alternate_name=alt, order=order
        )
    return scale


@pytest.fixture
def desk(rating_scale: RatingScale) -> Desk:
    return Desk.objects.create(name="Test desk", slug="test", rating_scale=rating_scale)


@pytest.fixture
def outlet(db) -> Outlet:
    return Outlet.objects.create(name="Test Daily", country="CZ", language="cs")


@pytest.fixture
def article(desk: Desk, outlet: Outlet) -> Article:
    body = "Podle ministra financí schodek letos klesne. Opozice to popírá."
    return Article.objects.create(
        outlet=outlet,
        desk=desk,
        title="Schodek",
        body=body,
        body_sha256="0" * 64,
        language="cs",
        published_at=dt.datetime(2024, 6, 20, tzinfo=dt.UTC),
        status=Article.Status.EXTRACTED,
    )


@pytest.fixture
def claim(article: Article) -> Claim:
    start = article.body.index("schodek")
    end = article.body.index(".")
    return Claim.objects.create(
        article=article,
        text=article.body[start:end],
        span_start=start,
        span_end=end,
        kind=Claim.Kind.ACCORDING_TO,
        checkworthiness=0.9,
    )


@pytest.fixture(autouse=True)
def _eager_celery_unless_broker_test(request):
    """Run tasks in-process for every test but those that test the real broker and worker.

    With CELERY_BROKER_URL set the app is not eager; tests marked `broker` keep it that way.
    """
    from factcheck.celery import app

    if request.node.get_closest_marker("broker"):
        yield
        return
    previous = app.conf.task_always_eager
    app.conf.task_always_eager = True
    yield
    app.conf.task_always_eager = previous


@pytest.fixture(autouse=True)
def _fast_password_hasher(settings):
    # The default PBKDF2 costs about half a second per persona; tests do not need its strength.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


class FakeResolver:
    """DNS for tests: `localhost` and the names a test adds; anything else does not resolve.

    The suite never asks real DNS (there is none here), and SSRF tests map a public-looking name
    such as `127.0.0.1.nip.io` to a loopback address to show the address, not the name, decides.
    """

    def __init__(self) -> None:
        self.names: dict[str, list[str]] = {"localhost": ["127.0.0.1", "::1"]}
        self.calls: list[str] = []

    def __call__(self, host: str, port: int) -> list[str]:
        from core.outbound import ConnectFailed

        self.calls.append(host)
        if host.lower() not in self.names:
            raise ConnectFailed(f"cannot resolve {host!r} (test resolver)")
        return list(self.names[host.lower()])


@pytest.fixture(autouse=True)
def fake_dns(monkeypatch, settings) -> FakeResolver:
    """No real DNS and no exempt hosts unless a test allows them (see `local_server`)."""
    from core import outbound

    resolver = FakeResolver()
    monkeypatch.setattr(outbound, "resolver", resolver)
    settings.OUTBOUND_ALLOWED_HOSTS = []
    return resolver


@pytest.fixture
def local_server():
    """A real HTTP server on 127.0.0.1 that records connections (tests/local_server.py).

    The outbound client refuses loopback, so a test that wants the server under test to reach
    it adds `settings.OUTBOUND_ALLOWED_HOSTS = ["127.0.0.1"]`; SSRF tests leave it empty.
    """
    from tests.local_server import LocalServer

    server = LocalServer().start()
    yield server
    server.stop()


@pytest.fixture(autouse=True)
def _fresh_actor_registry():
    # A worker keeps its actor registry and index between articles (claims/services/); rolled
    # back test databases may reuse ids, so each test starts without them.
    from claims.services import extraction
    from claims.services.actors import forget_actor_index

    extraction._registry_cache.clear()
    forget_actor_index()
    yield
    extraction._registry_cache.clear()
    forget_actor_index()
