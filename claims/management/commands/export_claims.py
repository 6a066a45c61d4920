"""`python manage.py export_claims --format csv --output claims.csv [filters]`"""

from __future__ import annotations

import sys
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from tqdm import tqdm

from claims.exports.core import FORMATS, LAYOUTS, write_export
from claims.exports.services import count_claims
from claims.filters import FILTER_PARAMS, filter_claims
from claims.models import ClaimStatus, Stance


class Command(BaseCommand):
    help = (
        "Export claims with their attributions as CSV, XLSX, JSON Lines or ClaimReview JSON-LD. "
        "Filters are the API's; a progress bar shows on a terminal."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--format", choices=FORMATS, default="csv")
        parser.add_argument("--layout", choices=LAYOUTS, default="wide")
        parser.add_argument("--output", "-o", required=True, help="File to write; - for stdout.")
        parser.add_argument("--status", action="append", choices=ClaimStatus.values)
        parser.add_argument("--rating", help="Published verdict's rating label or alternate name.")
        parser.add_argument("--actor", help="Actor id or canonical name.")
        parser.add_argument("--stance", choices=Stance.values)
        parser.add_argument("--language")
        parser.add_argument("--outlet", help="Outlet id or name.")
        parser.add_argument("--date-from", dest="date_from", help="YYYY-MM-DD, inclusive.")
        parser.add_argument("--date-to", dest="date_to", help="YYYY-MM-DD, inclusive.")
        parser.add_argument(
            "--published-from", dest="published_from", help="Verdict published on or after."
        )
        parser.add_argument(
            "--published-to", dest="published_to", help="Verdict published on or before."
        )
        parser.add_argument("--q", help="Words in the claim or the article title.")
        parser.add_argument("--chunk-size", type=int, default=2000)

    def handle(self, *args: Any, **options: Any) -> None:
        fmt, layout, output = options["format"], options["layout"], options["output"]
        params = {name: options[name] for name in FILTER_PARAMS if options[name]}
        try:
            queryset = filter_claims(params)
        except ValueError as exc:
            raise CommandError(str(exc)) from exc
        if output == "-" and fmt == "xlsx":
            raise CommandError("XLSX is binary; write it to a file with --output FILE.xlsx.")

        # A bar only for a person at a terminal: in cron or a pipe it would be noise in logs.
        bar = None
        if sys.stderr.isatty() and options["verbosity"] > 0:
            total = count_claims(queryset, fmt=fmt) if layout == "wide" else None
            bar = tqdm(total=total, unit=" rows", unit_scale=True, file=sys.stderr)

        def progress(rows: int) -> None:
            if bar is not None:
                bar.update(rows - bar.n)

        try:
            if output == "-":
                rows = write_export(
                    queryset,
                    sys.stdout.buffer,
                    fmt=fmt,
                    layout=layout,
                    chunk_size=options["chunk_size"],
                    on_progress=progress,
                )
            else:
                with open(output, "wb") as out:
                    rows = write_export(
                        queryset,
                        out,
                        fmt=fmt,
                        layout=layout,
                        chunk_size=options["chunk_size"],
                        on_progress=progress,
                    )
        except OSError as exc:
            raise CommandError(f"Cannot write {output}: {exc.strerror}") from exc
        finally:
            if bar is not None:
                bar.close()
        if output != "-" and options["verbosity"] > 0:
            self.stderr.write(f"Wrote {rows:,} rows to {output} ({fmt}, {layout}).")
