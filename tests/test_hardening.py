"""Hardening of issue 12: admin login lockout, CSP, and HTTPS settings in production.

Personas: editor (a staff user with a password, `pw-editor`), a guesser at the admin login.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from django.test import Client

ROOT = Path(__file__).resolve().parent.parent
LOGIN = "/admin/login/?next=/admin/"


def _login(client: Client, username: str, password: str):
    return client.post(LOGIN, {"username": username, "password": password})


def _logged_in(client: Client) -> bool:
    return client.get("/admin/").status_code == 200


def test_repeated_wrong_passwords_lock_the_account_out_even_for_the_right_one(editor, settings):
    settings.AXES_FAILURE_LIMIT = 5
    guesser = Client(REMOTE_ADDR="203.0.113.7")

    for attempt in range(5):
        _login(guesser, "editor", f"wrong-{attempt}")
    locked = _login(guesser, "editor", "pw-editor")

    assert locked.status_code == 429
    assert not _logged_in(guesser)


def test_a_lockout_does_not_stop_the_same_user_elsewhere_or_other_users(editor, reviewer, settings):
    settings.AXES_FAILURE_LIMIT = 3
    guesser = Client(REMOTE_ADDR="203.0.113.7")
    for attempt in range(3):
        _login(guesser, "editor", f"wrong-{attempt}")

    at_the_desk = Client(REMOTE_ADDR="198.51.100.20")
    other_user = Client(REMOTE_ADDR="203.0.113.7")
    _login(at_the_desk, "editor", "pw-editor")
    _login(other_user, "reviewer", "pw-reviewer")

    assert _logged_in(at_the_desk)
    assert _logged_in(other_user)


def test_a_few_mistakes_then_the_right_password_logs_in(editor, settings):
    settings.AXES_FAILURE_LIMIT = 5
    client = Client()
    for attempt in range(4):
        _login(client, "editor", f"wrong-{attempt}")

    _login(client, "editor", "pw-editor")

    assert _logged_in(client)


@pytest.mark.parametrize("path", ["/admin/login/", "/api/docs/", "/reports/"])
def test_pages_carry_a_content_security_policy_without_inline_script(db, path, settings, tmp_path):
    settings.STATIC_ROOT = tmp_path  # WhiteNoise warns without it, as in a fresh clone

    response = Client().get(path)

    policy = response["Content-Security-Policy"]
    assert "script-src 'self'" in policy
    assert "frame-ancestors 'none'" in policy
    assert "object-src 'none'" in policy
    inline = re.findall(rb"<script(?![^>]*\bsrc=)[^>]*>", response.content)
    assert inline == []


def _deploy_check(**env: str) -> str:
    clean = {k: v for k, v in os.environ.items() if k not in {"SECRET_KEY", "DEBUG"}}
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy"],
        cwd=ROOT,
        env={**clean, **env},
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    return result.stdout + result.stderr


def test_production_settings_pass_the_https_deploy_checks():
    output = _deploy_check(
        DEBUG="false",
        SECRET_KEY="q8Jc0vN3-rT5yW7zA1bD4fG6hK9mP2sU5xZ8cE1gI4lO7rV0",
        ALLOWED_HOSTS="desk.example.org",
    )

    assert "security.W004" not in output  # HSTS
    assert "security.W008" not in output  # SSL redirect
    assert "security.W012" not in output  # secure session cookie
