"""The editors' desk at scale: admin changelists, filters, search and report pages.

    createdb -h 127.0.0.1 -U postgres factcheck_admin_bench
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/factcheck_admin_bench \\
        python bench/admin.py --claims 10000 100000 1000000

Grows one database to each size in turn (data from `bench/data.py`, generated once and reused)
and times each page through Django's test Client in-process with production settings
(DEBUG off, a production host name), as a logged-in superuser. Each page is fetched once to warm
up, then `--requests` times; the median and the slowest SQL statement of a fetch are printed.
The baseline, measured in the same run, is a bare `.values()` query of the changelist's first
page: what any page listing 100 claims must at least pay. Report pages read the figures the
beat task `claims.refresh_reports` computed (its time is printed too, off any request). Goals (issue 16): changelists and
search under 300 ms, report pages under 500 ms at a million claims. Refuses a database whose
name does not contain "bench".
"""

from __future__ import annotations

import argparse
import os
import secrets
import statistics
import sys
import time
import warnings
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "factcheck.settings")
os.environ.setdefault("DATABASE_URL", "sqlite:////tmp/factcheck_admin_bench.sqlite3")
os.environ["DEBUG"] = "false"
os.environ.setdefault("SECRET_KEY", secrets.token_urlsafe(50))
HOST = "desk.bench.example"
os.environ["ALLOWED_HOSTS"] = HOST
# The session cookie is "secure" in production; the test client speaks plain HTTP.
os.environ["SESSION_COOKIE_SECURE"] = "false"
os.environ["CSRF_COOKIE_SECURE"] = "false"
warnings.filterwarnings("ignore", message="No directory at")

import logging  # noqa: E402

import django  # noqa: E402

django.setup()
logging.disable(logging.INFO)

from django.conf import settings  # noqa: E402

# The manifest storage of production needs `collectstatic`; pages here only name static files.
settings.STORAGES = {
    **settings.STORAGES,
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

from django.contrib.auth.models import User  # noqa: E402
from django.core.cache import cache  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

sys.path.insert(0, str(ROOT / "bench"))
from data import generate  # noqa: E402

from claims.models import Claim  # noqa: E402

PAGES = {
    "claim list": "/admin/claims/claim/",
    "  assigned to me": "/admin/claims/claim/?assigned=me",
    "  waiting for review": "/admin/claims/claim/?queue=review",
    "  status=researching": "/admin/claims/claim/?status__exact=researching",
    "  stance=denies": "/admin/claims/claim/?attributions__stance=denies",
    "  search 'klesne'": "/admin/claims/claim/?q=klesne",
    "  search 'Actor 17'": "/admin/claims/claim/?q=Actor+17",
    "article list": "/admin/claims/article/",
    "new claims, ranked": "/admin/claims/claim/desk/?days=30",
    "  only with matches, cs": "/admin/claims/claim/desk/?days=30&matched=1&language=cs",
    "report over-time": "/reports/over-time/",
    "report actors": "/reports/actors/",
    "report network": "/reports/network/",
    "report workflow": "/reports/workflow/",
}


def baseline_page() -> None:
    list(
        Claim.objects.order_by("-id").values(
            "id", "text", "status", "assignee__username", "article__title"
        )[:100]
    )


def fetch(client: Client, url: str) -> tuple[float, float, int]:
    """One GET: (wall seconds, slowest SQL seconds, queries)."""
    with CaptureQueriesContext(connection) as queries:
        started = time.perf_counter()
        response = client.get(url, HTTP_HOST=HOST, secure=True)  # production redirects HTTP
        elapsed = time.perf_counter() - started
    assert response.status_code == 200, (url, response.status_code, response.content[:300])
    slowest = max((float(q["time"]) for q in queries.captured_queries), default=0.0)
    return elapsed, slowest, len(queries)


def measure(client: Client, requests_: int) -> None:
    started = time.perf_counter()
    # Report pages read figures the beat task computed (claims/reports/cache.py): time that
    # task too, though no analyst waits for it.
    from claims.reports.cache import refresh_all

    cache.clear()
    t = time.perf_counter()
    refresh_all()
    print(
        f"  {'report refresh task (beat)':28s} {(time.perf_counter() - t) * 1000:8.1f} ms for all reports"
    )
    timings = []
    for _ in range(requests_):
        t = time.perf_counter()
        baseline_page()
        timings.append(time.perf_counter() - t)
    base_ms = statistics.median(timings) * 1000
    print(f"  {'baseline .values() page':28s} {base_ms:8.1f} ms")
    for name, url in PAGES.items():
        fetch(client, url)
        runs = [fetch(client, url) for _ in range(requests_)]
        median = statistics.median(r[0] for r in runs) * 1000
        slowest_sql = max(r[1] for r in runs) * 1000
        goal = 500 if name.startswith("report") else 300
        mark = "ok " if median <= goal else "SLOW"
        print(
            f"  {name:28s} {median:8.1f} ms  slowest SQL {slowest_sql:7.1f} ms  "
            f"{runs[0][2]:3d} queries  {median / base_ms:6.1f}× baseline  {mark} (< {goal} ms)"
        )
    print(f"  (measured in {time.perf_counter() - started:.0f}s)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--claims", type=int, nargs="+", default=[10_000, 100_000])
    parser.add_argument("--requests", type=int, default=5)
    args = parser.parse_args()
    name = connection.settings_dict["NAME"]
    if "bench" not in str(name):
        sys.exit(f"refusing to write benchmark data into {name!r}: its name lacks 'bench'")
    call_command("migrate", verbosity=0)
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:  # expression-index statistics, as autovacuum would
            cursor.execute("ANALYZE")
    admin, _ = User.objects.get_or_create(
        username="bench-admin", defaults={"is_staff": True, "is_superuser": True}
    )
    client = Client()
    client.force_login(admin)
    for total in sorted(args.claims):
        generate(total)
        print(f"{connection.vendor}, {Claim.objects.count():,} claims")
        measure(client, args.requests)


if __name__ == "__main__":
    main()
