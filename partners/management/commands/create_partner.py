"""`manage.py create_partner NAME [--scopes read,submit] [--expires-days N]`.

Prints the new API key as the only line on stdout (so `KEY=$(manage.py create_partner X)` works);
everything else goes to stderr. The key is shown this once and stored hashed.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import transaction
from django.utils import timezone

from claims.errors import DomainError
from partners.models import Partner
from partners.services import partners


class Command(BaseCommand):
    help = "Create a partner newsroom (or reuse it with --existing) and print a new API key."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("name")
        parser.add_argument("--scopes", default="read", help="Comma-separated: read,submit")
        parser.add_argument("--expires-days", type=int, default=None, help="Key lifetime in days")
        parser.add_argument("--throttle-rate", default=None, help="e.g. 600/hour")
        parser.add_argument(
            "--existing",
            action="store_true",
            help="Issue another key to an existing partner instead of failing.",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        expiry = (
            timezone.now() + dt.timedelta(days=options["expires_days"])
            if options["expires_days"] is not None
            else None
        )
        try:
            with transaction.atomic():
                partner = Partner.objects.filter(name=options["name"].strip()).first()
                if partner is not None and not options["existing"]:
                    raise CommandError(
                        f"Partner {partner.name!r} exists; pass --existing to issue another key."
                    )
                if partner is None:
                    partner = partners.create_partner(
                        name=options["name"], throttle_rate=options["throttle_rate"]
                    )
                api_key, key = partners.issue_key(
                    partner=partner, scopes=options["scopes"], expiry=expiry
                )
        except DomainError as exc:
            raise CommandError(exc.message) from exc
        self.stderr.write(
            f"Partner {partner.name!r} (id {partner.pk}): key {api_key.prefix}… with scopes "
            f"{','.join(api_key.scopes)}"
            + (f", expires {expiry:%Y-%m-%d}" if expiry else "")
            + ". Store it now: it is not shown again."
        )
        self.stdout.write(key)
