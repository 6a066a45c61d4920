"""The actor registry for the command-line tools: the database's, else seeds/actors.json."""

from __future__ import annotations

from pathlib import Path

from django.conf import settings
from django.db import DatabaseError

from claims.extraction import ActorRegistry
from claims.services.actors import registry_entries


def command_registry() -> tuple[ActorRegistry, str]:
    try:
        entries = registry_entries()
    except DatabaseError:  # not migrated yet: the commands still work from a fresh clone
        entries = []
    if entries:
        return ActorRegistry.from_entries(entries), "database"
    path = Path(settings.BASE_DIR) / "seeds" / "actors.json"
    if path.exists():
        return ActorRegistry.from_json(path), str(path.relative_to(settings.BASE_DIR))
    return ActorRegistry.empty(), "none"
