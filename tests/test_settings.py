"""Settings refuse an insecure production configuration instead of starting with it."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _load_settings(**env: str) -> subprocess.CompletedProcess[str]:
    clean = {k: v for k, v in os.environ.items() if k not in {"SECRET_KEY", "DEBUG"}}
    return subprocess.run(
        [sys.executable, "-c", "import django; django.setup(); print('started')"],
        cwd=ROOT,
        env={**clean, "DJANGO_SETTINGS_MODULE": "factcheck.settings", **env},
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


def test_debug_false_with_the_development_secret_key_refuses_to_start():
    result = _load_settings(DEBUG="False")

    assert result.returncode != 0
    assert "DEBUG is False but SECRET_KEY is the development key" in result.stderr


def test_debug_false_with_a_short_secret_key_refuses_to_start():
    result = _load_settings(DEBUG="False", SECRET_KEY="short")

    assert result.returncode != 0
    assert "SECRET_KEY must be at least 32 characters" in result.stderr


def test_debug_false_with_a_real_secret_key_starts():
    result = _load_settings(DEBUG="False", SECRET_KEY="x" * 50, ALLOWED_HOSTS="example.org")

    assert (result.returncode, result.stdout.strip()) == (0, "started")


def test_a_misspelt_boolean_is_an_error_not_a_silent_default():
    result = _load_settings(DEBUG="ture")

    assert result.returncode != 0
    assert "DEBUG='ture' is not a boolean" in result.stderr
