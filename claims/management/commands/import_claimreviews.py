"""`manage.py import_claimreviews FILE|URL …`: other fact-checkers' ClaimReview JSON-LD.

Each file or URL is imported all or nothing; a bad one is reported and the command fails.
"""

from __future__ import annotations

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from claims.services.factchecks import (
    InvalidClaimReview,
    import_claimreviews,
    import_claimreviews_from_url,
)


class Command(BaseCommand):
    help = "Import ClaimReview JSON-LD (a file, a DataFeed, or a fact-check page URL)."

    def add_arguments(self, parser):  # type: ignore[no-untyped-def]
        parser.add_argument("sources", nargs="+", metavar="FILE|URL")

    def handle(self, *args, **options):  # type: ignore[no-untyped-def]
        for source in options["sources"]:
            try:
                if source.startswith(("http://", "https://")):
                    result = import_claimreviews_from_url(url=source)
                else:
                    result = import_claimreviews(data=Path(source).read_bytes(), origin=source)
            except OSError as exc:
                raise CommandError(f"Cannot read {source}: {exc.strerror}.") from exc
            except InvalidClaimReview as exc:
                raise CommandError(f"{source}: {exc.message}") from exc
            self.stdout.write(f"{source}: {result.created} new, {result.updated} updated reviews.")
