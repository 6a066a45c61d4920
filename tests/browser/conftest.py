"""Browser tests: Playwright for Python driving Debian's chromium against pytest-django's live server.

They are marked `browser` and left out of the default run (`make test` stays fast); run them
with `make test-browser`. Chromium is the system package (`apt-get install chromium`), never a
browser downloaded by `playwright install`.

Personas come from the demo desk (`claims/services/seeding.py`), as a newcomer meets them after
`make run`:
- editor (editor / editor-demo): adds articles, triages, researches, drafts verdicts; cannot publish
- reviewer (reviewer / reviewer-demo): everything an editor does, plus request changes and publish
- analyst (analyst / analyst-demo): reads, exports, opens the report pages; changes nothing
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from django.contrib.auth.models import Group, Permission

from claims.roles import MATCHING_PERMISSIONS, ROLE_PERMISSIONS
from claims.services.seeding import SeedReport, seed_all

CHROMIUM = os.environ.get("CHROMIUM_PATH") or shutil.which("chromium") or "/usr/bin/chromium"
# Headless and quiet: no GPU, no QUIC, and none of the background calls a fresh profile makes
# (the machine may have no network beyond loopback).
LAUNCH_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
WIDE, NARROW = 1400, 800
PASSWORDS = {"editor": "editor-demo", "reviewer": "reviewer-demo", "analyst": "analyst-demo"}


@pytest.fixture(scope="session")
def chromium() -> Iterator[object]:
    if not Path(CHROMIUM).exists():
        message = (
            f"chromium not found at {CHROMIUM}: apt-get install -y chromium "
            "(or set CHROMIUM_PATH); never `playwright install`"
        )
        if os.environ.get("REQUIRE_BROWSER"):
            pytest.fail(message)
        pytest.skip(message)
    from playwright.sync_api import sync_playwright

    # Playwright's sync API keeps an event loop in this thread; Django would then refuse the
    # ORM calls the tests make between page actions. The live server's threads are unaffected.
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=LAUNCH_ARGS)
            yield browser
            browser.close()


@pytest.fixture
def new_page(chromium, live_server) -> Iterator[Callable[..., object]]:
    """`new_page(width=1400)`: a page in a fresh browser context (its own cookies) on the live server."""
    contexts = []
    script_errors: list[str] = []

    def make(width: int = WIDE, height: int = 900):  # type: ignore[no-untyped-def]
        context = chromium.new_context(  # type: ignore[attr-defined]
            viewport={"width": width, "height": height},
            base_url=live_server.url,
            accept_downloads=True,
            locale="en-US",
            timezone_id="Europe/Prague",
        )
        context.set_default_timeout(20_000)
        contexts.append(context)
        page = context.new_page()
        # An admin widget whose script fails (a CSP refusal, a missing static file) looks fine
        # in a screenshot and does nothing when clicked.
        page.on("pageerror", lambda error: script_errors.append(f"{page.url}: {error}"))
        return page

    yield make
    for context in contexts:
        context.close()
    assert script_errors == []


def _ensure_roles() -> None:
    # The groups come from a data migration; a transactional test's flush deletes them (Django
    # re-creates permissions after a flush, not data-migration rows), so put them back.
    # Both migrations' grants: the roles' and the matching tables' (0007_matching_roles).
    for role, perms in ROLE_PERMISSIONS.items():
        group, _ = Group.objects.get_or_create(name=role)
        group.permissions.set(
            [
                Permission.objects.get(content_type__app_label=app, codename=codename)
                for app, codename in [*perms, *MATCHING_PERMISSIONS.get(role, [])]
            ]
        )


@pytest.fixture
def demo_desk(transactional_db) -> SeedReport:
    """The demo desk `make run` loads: rating scales, actors, users, the seed article extracted."""
    _ensure_roles()
    return seed_all(demo_users=True, extract=True)


def log_in(page, username: str) -> None:  # type: ignore[no-untyped-def]
    page.goto("/admin/login/?next=/admin/")
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORDS[username])
    page.click("input[type=submit]")
    page.wait_for_selector("#user-tools")


@pytest.fixture
def as_user(new_page) -> Callable[..., object]:
    """`as_user("editor", width=1400)`: a logged-in page for one persona."""

    def make(username: str, width: int = WIDE):  # type: ignore[no-untyped-def]
        page = new_page(width=width)
        log_in(page, username)
        return page

    return make


@pytest.fixture(autouse=True)
def _fresh_matching_index() -> Iterator[None]:
    """The live server shares this process's matching index; each test starts from its own
    database (a flushed one leaves the index holding earlier tests' claims, and BM25's word
    statistics over them shift the scores near the thresholds)."""
    from claims.services.matching_index import reset_index

    reset_index()
    yield
    reset_index()
