"""Fixtures for the extraction engine tests: plain pytest, no Django, no database."""

from __future__ import annotations

from pathlib import Path

import pytest

from claims.extraction import ActorRegistry

ROOT = Path(__file__).resolve().parents[2]
GOLD_DIR = ROOT / "seeds" / "gold"


@pytest.fixture(scope="session")
def registry() -> ActorRegistry:
    return ActorRegistry.from_json(ROOT / "seeds" / "actors.json")
