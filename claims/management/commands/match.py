"""`manage.py match --index CLAIMS.jsonl --queries QUERIES.jsonl [--top K]` (DESIGN.md §4).

No database: the same matcher as the product, with vectors computed here (or read from the
file cache in MATCH_CACHE_DIR / --cache, so a large index is embedded once).
"""

from __future__ import annotations

import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from claims.matching.embed import MODEL_ID, FileCache, default_cache
from claims.matching.run import BadRecord, build_matcher, match_records, read_jsonl


class Command(BaseCommand):
    help = "Rank the index lines that state the same claim as each query line; prints JSON lines."
    requires_system_checks: list[str] = []

    def add_arguments(self, parser):  # type: ignore[no-untyped-def]
        parser.add_argument("--index", required=True, type=Path, metavar="CLAIMS.jsonl")
        parser.add_argument("--queries", required=True, type=Path, metavar="QUERIES.jsonl")
        parser.add_argument("--top", type=int, default=10, metavar="K")
        parser.add_argument(
            "--cache", type=Path, help="folder for cached vectors (outside the repo)"
        )

    def handle(self, *args, **options):  # type: ignore[no-untyped-def]
        if options["top"] < 1:
            raise CommandError("--top must be at least 1.")
        cache = (
            FileCache(Path(options["cache"]) / f"{MODEL_ID}.vec")
            if options["cache"]
            else default_cache()
        )
        try:
            index = read_jsonl(Path(options["index"]))
            queries = read_jsonl(Path(options["queries"]))
        except (OSError, BadRecord) as exc:
            raise CommandError(str(exc)) from exc
        matcher = build_matcher(index, cache=cache)
        for line in match_records(matcher, queries, top=options["top"], cache=cache):
            self.stdout.write(json.dumps(line, ensure_ascii=False))
