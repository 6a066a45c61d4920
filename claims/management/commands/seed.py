from django.conf import settings
from django.core.management.base import BaseCommand

from claims.services.seeding import seed_all


class Command(BaseCommand):
    help = "Load seeds/ (rating scales, desk, actors, demo users, seed article, example case). Idempotent."

    def add_arguments(self, parser):  # type: ignore[no-untyped-def]
        parser.add_argument(
            "--no-demo-users",
            action="store_true",
            help="Skip the demo users (their passwords are public).",
        )
        parser.add_argument(
            "--no-extract",
            action="store_true",
            help="Store the seed articles without extracting them.",
        )

    def handle(self, *args, **options):  # type: ignore[no-untyped-def]
        demo_users = not options["no_demo_users"]
        if demo_users and not settings.DEBUG:
            self.stderr.write("DEBUG is False: demo users with public passwords are skipped.")
            demo_users = False
        report = seed_all(demo_users=demo_users, extract=not options["no_extract"])
        for line in report.created:
            self.stdout.write(f"created {line}")
        for warning in report.warnings:
            self.stderr.write(self.style.WARNING(f"warning: {warning}"))
        if not report.created:
            self.stdout.write("Nothing to do: the seeds are loaded.")
