"""`manage.py match --index CLAIMS.jsonl --queries QUERIES.jsonl [--top K]` (DESIGN.md §4).

No database: the same matcher as the product, with vectors computed here. Vectors are kept in a
file cache (--cache, else MATCH_CACHE_DIR, else ~/.cache/factcheck/match; --no-cache to skip),
keyed by model, prefix and text, so a large index is embedded once per machine.
"""

from __future__ import annotations

import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from claims.matching.embed import cache_in, default_cache_dir
from claims.matching.run import BadRecord, build_matcher, match_records, read_jsonl


class Command(BaseCommand):
    help = "Rank the index lines that state the same claim as each query line; prints JSON lines."
    requires_system_checks: list[str] = []

    def add_arguments(self, parser):  # type: ignore[no-untyped-def]
        parser.add_argument("--index", required=True, type=Path, metavar="CLAIMS.jsonl")
        parser.add_argument("--queries", required=True, type=Path, metavar="QUERIES.jsonl")
        parser.add_argument("--top", type=int, default=10, metavar="K")
        parser.add_argument(
            "--cache",
            type=Path,
            help="folder for cached vectors, outside the repo (default: MATCH_CACHE_DIR, "
            "else ~/.cache/factcheck/match)",
        )
        parser.add_argument("--no-cache", action="store_true", help="embed everything afresh")

    def handle(self, *args, **options):  # type: ignore[no-untyped-def]
        if options["top"] < 1:
            raise CommandError("--top must be at least 1.")
        try:
            index = read_jsonl(Path(options["index"]))
            queries = read_jsonl(Path(options["queries"]))
        except (OSError, BadRecord) as exc:
            raise CommandError(str(exc)) from exc
        cache = None
        if not options["no_cache"]:
            folder = Path(options["cache"]) if options["cache"] else default_cache_dir()
            try:
                folder.mkdir(parents=True, exist_ok=True)
            except OSError as exc:
                raise CommandError(
                    f"Cannot create the vector cache folder {folder} ({exc.strerror}): "
                    "pass --cache FOLDER or --no-cache."
                ) from exc
            cache = cache_in(folder)
        matcher = build_matcher(index, cache=cache)
        for line in match_records(matcher, queries, top=options["top"], cache=cache):
            self.stdout.write(json.dumps(line, ensure_ascii=False))
