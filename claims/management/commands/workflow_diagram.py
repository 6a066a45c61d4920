"""Print the workflow diagram drawn from the transition table, or write it into the docs."""

from __future__ import annotations

from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from claims.workflow_diagram import mermaid, with_diagram

DOC = Path(settings.BASE_DIR) / "docs" / "architecture.md"


class Command(BaseCommand):
    help = "Print the workflow's mermaid diagram; --write puts it into docs/architecture.md."

    def add_arguments(self, parser):  # type: ignore[no-untyped-def]
        parser.add_argument("--write", action="store_true", help=f"update {DOC.name} in place")
        parser.add_argument(
            "--check", action="store_true", help=f"fail when {DOC.name} is out of date"
        )

    def handle(self, *args, **options):  # type: ignore[no-untyped-def]
        if not options["write"] and not options["check"]:
            self.stdout.write(mermaid())
            return
        current = DOC.read_text(encoding="utf-8")
        try:
            updated = with_diagram(current)
        except ValueError as exc:
            raise CommandError(str(exc)) from exc
        if options["check"]:
            if updated != current:
                raise CommandError(f"{DOC} is out of date: run manage.py workflow_diagram --write")
            return
        DOC.write_text(updated, encoding="utf-8")
        self.stdout.write(f"wrote the workflow diagram into {DOC}")
