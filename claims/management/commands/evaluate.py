"""`manage.py evaluate GOLD...`: claim and attribution P/R/F1 and actor accuracy (DESIGN.md §5)."""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError

from claims.extraction.scoring import Report, format_report, format_speakers, load_gold, score
from claims.extraction.strict import (
    format_meaning,
    meaning_report,
    predict,
    segments_as_claims,
)
from claims.management.commands._registry import command_registry


class Command(BaseCommand):
    help = (
        "Run the extractor on gold annotations and print P/R/F1 per language, strict claim "
        "P/R/F1 and speech-only attribution P/R/F1."
    )

    def add_arguments(self, parser):  # type: ignore[no-untyped-def]
        parser.add_argument("gold", nargs="+", help=".json or .jsonl gold files")
        parser.add_argument(
            "--auto",
            action="store_true",
            help="detect the language instead of trusting the gold 'lang'",
        )
        parser.add_argument(
            "--fail-under",
            type=float,
            default=None,
            metavar="F1",
            help="exit non-zero when attribution F1 is below this",
        )

    def handle(self, *args, **options):  # type: ignore[no-untyped-def]
        try:
            golds = load_gold(options["gold"])
        except (OSError, ValueError) as exc:
            raise CommandError(f"Cannot read the gold files: {exc}") from exc
        registry, registry_source = command_registry()
        verbose = options["verbosity"] > 1
        predictions = predict(golds, registry, options["auto"])
        report = score(golds, predictions, registry, verbose)
        if verbose and report.misses:
            self.stdout.write("\n".join(report.misses) + "\n")
        self.stdout.write(f"{len(golds)} documents, actor registry: {registry_source}")
        self.stdout.write(format_report(report))
        self.stdout.write("Strict claims (span >= 90 %, purity >= 80 %); speech-only attributions:")
        self.stdout.write(format_meaning(meaning_report(golds, predictions)))
        self.stdout.write(
            "Strict claims with each segment of an interrupted quotation as a claim (issue 14 "
            "joins “A,” X said. “B.” into one claim; some gold splits it):"
        )
        self.stdout.write(
            format_meaning(meaning_report(golds, segments_as_claims(predictions)), speech=False)
        )
        self._write_speakers(report)
        attribution_f1 = report.total.attribution_prf[2]
        if options["fail_under"] is not None and attribution_f1 < options["fail_under"]:
            raise CommandError(
                f"attribution F1 {attribution_f1:.3f} is below {options['fail_under']:.3f}"
            )

    def _write_speakers(self, report: Report) -> None:
        """Canonical speaker F1: the stored identity (`actor`) must be the gold one."""
        self.stdout.write("canonical speakers (actor = gold actor or a full-name alias):")
        self.stdout.write(format_speakers(report))
