"""Export throughput and peak memory, against PostgreSQL's own COPY of the same columns.

    createdb -h 127.0.0.1 -U postgres factcheck_export_bench
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/factcheck_export_bench \\
        python bench/export.py --rows 100000 1000000

Generates the claims once with INSERT … SELECT generate_series (server-side, seconds for a
million rows; regenerated when the count differs), then measures every (format, row count) in a
fresh subprocess so each peak-memory figure is that export's alone: `ru_maxrss` after the
export minus the high-water mark before it (Django, the connection and the imports). The COPY
line is the floor: the database writing the same wide-layout columns itself, with no Python
per row. A smaller --rows reuses a larger generated set. Refuses to touch a database whose name
does not contain "bench".
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
FORMATS = ("csv", "xlsx", "copy")

# The wide layout's columns, computed by PostgreSQL: the floor the Python export is compared to.
COPY_SQL = """
COPY (
  SELECT c.id, c.text, c.kind, c.status, c.checkworthiness, a.id, a.title, a.url,
         coalesce(o.name, ''), (a.published_at AT TIME ZONE 'Europe/Prague')::date, a.language,
         coalesce(r.label, ''),
         coalesce((
           SELECT string_agg(
                    coalesce(ac.name, at.actor_text) || ' (' || at.stance
                    || CASE WHEN at.cue_text <> '' THEN ': ' || at.cue_text ELSE '' END || ')',
                    '; ' ORDER BY at.actor_start, at.id)
             FROM claims_attribution at LEFT JOIN claims_actor ac ON ac.id = at.actor_id
            WHERE at.claim_id = c.id), '')
    FROM claims_claim c
    JOIN claims_article a ON a.id = c.article_id
    LEFT JOIN claims_outlet o ON o.id = a.outlet_id
    LEFT JOIN claims_verdict v ON v.id = c.published_verdict_id
    LEFT JOIN claims_rating r ON r.id = v.rating_id
   WHERE c.id <= {limit}
   ORDER BY c.id
) TO STDOUT WITH (FORMAT csv, HEADER)
"""


ZERO = {
    "character varying": "''",
    "text": "''",
    "boolean": "false",
    "jsonb": "'[]'::jsonb",
    "timestamp with time zone": "now()",
    "date": "current_date",
}


def zero_defaults(cursor: Any, tables: tuple[str, ...]) -> None:
    """A column added since these INSERTs were written (NOT NULL, no database default) gets a
    zero default in this bench database, so the generator keeps working as the schema grows."""
    for table in tables:
        cursor.execute(
            "SELECT column_name, data_type FROM information_schema.columns "
            "WHERE table_name = %s AND is_nullable = 'NO' AND column_default IS NULL "
            "AND is_identity = 'NO'",
            [table],
        )
        for column, data_type in cursor.fetchall():
            default = ZERO.get(data_type, "0")
            cursor.execute(f'ALTER TABLE {table} ALTER COLUMN "{column}" SET DEFAULT {default}')


def setup_django() -> None:
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "factcheck.settings")
    import django

    django.setup()


def high_water_kb() -> int:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1])
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss


def generate(rows: int) -> None:
    """Articles (4 claims each), claims, 2 attributions per claim, every 10th claim published."""
    from django.contrib.auth.models import User
    from django.db import connection

    from claims.models import Actor, Outlet, Rating, RatingScale

    print(f"generating {rows:,} claims …", file=sys.stderr, flush=True)
    started = time.perf_counter()
    with connection.cursor() as cursor:
        cursor.execute(
            "TRUNCATE claims_attribution, claims_verdict, claims_claim, claims_article, "
            "claims_outlet, claims_actor, claims_rating, claims_ratingscale "
            "RESTART IDENTITY CASCADE"
        )
    author, _ = User.objects.get_or_create(username="bench-author")
    reviewer, _ = User.objects.get_or_create(username="bench-reviewer")
    scale = RatingScale.objects.create(name="Bench", slug="bench", best_value=4, worst_value=1)
    Rating.objects.bulk_create(
        Rating(scale=scale, label=label, value=value, alternate_name=alt, order=value)
        for label, value, alt in [
            ("Pravda", 4, "True"),
            ("Nepravda", 1, "False"),
            ("Zavádějící", 2, "Misleading"),
            ("Neověřitelné", 3, "Unverifiable"),
        ]
    )
    Outlet.objects.bulk_create(Outlet(name=f"Deník č. {i}", country="CZ") for i in range(1, 6))
    Actor.objects.bulk_create(Actor(name=f"Ministr financí {i}") for i in range(1, 51))
    articles = (rows + 3) // 4
    statements = [
        f"""INSERT INTO claims_article (url, title, author, published_at, language, body,
                body_sha256, status, error, extractor_version, created_at, outlet_id)
            SELECT 'https://bench.example/clanek/' || g,
                   'Článek ' || g || ': Příliš žluťoučký kůň úpěl ďábelské ódy', '',
                   timestamptz '2023-01-01 08:00+00' + (g % 700) * interval '1 day', 'cs',
                   'Podle ministra financí schodek letos klesne. Opozice to popírá. ' || g,
                   md5('a' || g) || md5('b' || g), 'extracted', '', 'bench', now(), 1 + g % 5
              FROM generate_series(1, {articles}) g""",
        f"""INSERT INTO claims_claim (text, span_start, span_end, kind, checkworthiness, status,
                status_changed_at, origin, edited_by_editor, normalized_text, flagged_overdue,
                version, created_at, updated_at, article_id)
            SELECT 'Schodek státního rozpočtu letos klesne pod 200 miliard korun (č. ' || g || ')',
                   (g % 4) * 100, (g % 4) * 100 + 60,
                   (ARRAY['direct', 'indirect', 'mixed', 'according_to'])[1 + g % 4],
                   (g % 100) / 100.0,
                   (ARRAY['new', 'triaged', 'researching', 'in_review'])[1 + g % 4],
                   now(), 'extractor', false, '', false, 1, now(), now(), 1 + (g - 1) / 4
              FROM generate_series(1, {rows}) g""",
        f"""INSERT INTO claims_attribution (actor_text, actor_start, actor_end, cue_text,
                cue_start, cue_end, stance, confidence, origin, actor_id, claim_id, report_type)
            SELECT 'ministra financí', 6, 22, 'Podle', 0, 5, 'asserts', 0.9, 'extractor',
                   1 + g % 50, g, 'according_to' FROM generate_series(1, {rows}) g
            UNION ALL
            SELECT 'Opozice', 44, 51, 'popírá', 55, 61, 'denies', 0.8, 'extractor', NULL, g,
                   'speech'
              FROM generate_series(1, {rows}) g""",
        f"""INSERT INTO claims_verdict (summary, explanation, as_of, published_at, version,
                published_version, created_at, author_id, claim_id, rating_id, reviewer_id)
            SELECT 'Shrnutí', '', date '2024-01-01', now(), 1, 1, now(), {author.pk}, g,
                   1 + g % 4, {reviewer.pk}
              FROM generate_series(10, {rows}, 10) g""",
        """UPDATE claims_claim c SET published_verdict_id = v.id, status = 'published'
             FROM claims_verdict v WHERE v.claim_id = c.id""",
        "ANALYZE",
    ]
    with connection.cursor() as cursor:
        zero_defaults(
            cursor, ("claims_article", "claims_claim", "claims_attribution", "claims_verdict")
        )
        for statement in statements:
            cursor.execute(statement)
    print(f"generated in {time.perf_counter() - started:.1f} s", file=sys.stderr, flush=True)


def measure(fmt: str, rows: int, chunk_size: int) -> dict[str, float | int | str]:
    """One export into a temporary file; runs in its own process (see module docstring)."""
    setup_django()
    from django.conf import settings
    from django.db import connection

    from claims.exports.core import write_export

    # As in production: with DEBUG on, Django keeps the last 9,000 queries' SQL in memory,
    # which is the debug log's growth, not the export's.
    settings.DEBUG = False
    from claims.models import Claim

    connection.ensure_connection()
    baseline_kb = high_water_kb()
    with tempfile.NamedTemporaryFile(suffix=f".{fmt}") as out:
        started = time.perf_counter()
        if fmt == "copy":
            raw = connection.connection
            with raw.cursor() as cursor, cursor.copy(COPY_SQL.format(limit=int(rows))) as copy:
                for block in copy:
                    out.write(block)
            written = rows
        else:
            written = write_export(
                Claim.objects.filter(pk__lte=rows), out, fmt=fmt, chunk_size=chunk_size
            )
        out.flush()
        seconds = time.perf_counter() - started
        size = os.path.getsize(out.name)
    peak_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return {
        "format": fmt,
        "rows": written,
        "seconds": round(seconds, 2),
        "rows_per_s": round(written / seconds),
        "peak_mb": round(peak_kb / 1024, 1),
        "growth_mb": round((peak_kb - baseline_kb) / 1024, 1),
        "file_mb": round(size / 1024 / 1024, 1),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--rows", type=int, nargs="+", default=[100_000])
    parser.add_argument("--formats", nargs="+", choices=FORMATS, default=list(FORMATS))
    parser.add_argument("--chunk-size", type=int, default=2000)
    parser.add_argument("--json", help="also write the results to this file")
    parser.add_argument("--measure", choices=FORMATS, help=argparse.SUPPRESS)
    args = parser.parse_args()

    if args.measure:
        print(json.dumps(measure(args.measure, args.rows[0], args.chunk_size)))
        return

    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith(("postgres://", "postgresql://")):
        sys.exit("Set DATABASE_URL=postgres://…/factcheck_export_bench (PostgreSQL: COPY).")
    if "bench" not in url.rsplit("/", 1)[-1]:
        sys.exit("The benchmark truncates the claims tables: use a database named *bench*.")
    setup_django()
    from django.core.management import call_command

    from claims.models import Claim

    call_command("migrate", verbosity=0)
    largest = max(args.rows)
    # Each size is measured as `id <= rows` of one generated set: regenerate only when that set
    # is smaller than asked for, or not the contiguous ids 1..n the generator writes.
    count = Claim.objects.count()
    last = Claim.objects.order_by("-pk").values_list("pk", flat=True).first()
    if count < largest or last != count:
        generate(largest)

    results = []
    for rows in sorted(args.rows):
        for fmt in args.formats:
            out = subprocess.run(
                [
                    sys.executable,
                    __file__,
                    "--measure",
                    fmt,
                    "--rows",
                    str(rows),
                    "--chunk-size",
                    str(args.chunk_size),
                ],
                check=True,
                capture_output=True,
                text=True,
                env=os.environ,
            )
            result = json.loads(out.stdout.strip().splitlines()[-1])
            results.append(result)
            print(f"  {fmt:5} {rows:>9,}: {result['seconds']} s", file=sys.stderr, flush=True)

    copy_rate = {r["rows"]: r["rows_per_s"] for r in results if r["format"] == "copy"}
    header = (
        f"{'format':7}{'rows':>11}{'seconds':>9}{'rows/s':>10}{'COPY/x':>8}"
        f"{'peak RSS MB':>13}{'export growth MB':>18}{'file MB':>9}"
    )
    print(header)
    print("-" * len(header))
    for r in results:
        ratio = copy_rate.get(r["rows"], 0) / r["rows_per_s"] if r["rows_per_s"] else 0
        print(
            f"{r['format']:7}{r['rows']:>11,}{r['seconds']:>9}{r['rows_per_s']:>10,}"
            f"{ratio:>8.1f}{r['peak_mb']:>13}{r['growth_mb']:>18}{r['file_mb']:>9}"
        )
    print(f"(chunk size {args.chunk_size}; COPY/x = how many times faster COPY is)")
    if args.json:
        Path(args.json).write_text(json.dumps(results, indent=2))


if __name__ == "__main__":
    main()
