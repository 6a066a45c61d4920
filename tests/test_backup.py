"""bin/backup and bin/restore: a dump restores into an empty database with every row intact.

The round trip needs PostgreSQL (DATABASE_URL); on SQLite only the refusal is tested.
"""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest
from django.db import connection

from partners.services.partners import create_partner

ROOT = Path(__file__).resolve().parent.parent
needs_postgres = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="pg_dump/pg_restore need PostgreSQL"
)


def _url(name: str) -> str:
    db = connection.settings_dict
    password = f":{db['PASSWORD']}" if db.get("PASSWORD") else ""
    return (
        f"postgres://{db['USER']}{password}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{name}"
    )


def _run(script: str, *args: str, database_url: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(ROOT / "bin" / script), *args],
        env={**os.environ, "DATABASE_URL": database_url},
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )


def _fingerprints(cursor) -> dict[str, tuple[int, str]]:
    """Per table: row count and a hash of every row's text, in a fixed order."""
    cursor.execute("SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename")
    tables = [row[0] for row in cursor.fetchall()]
    found = {}
    for table in tables:
        cursor.execute(
            f"SELECT count(*), md5(coalesce(string_agg(t::text, ',' ORDER BY t::text), '')) "
            f'FROM "{table}" t'
        )
        found[table] = cursor.fetchone()
    return found


@needs_postgres
@pytest.mark.django_db(transaction=True)
def test_a_backup_restores_every_table_identically(claim, tmp_path):
    import psycopg

    create_partner(name="Backup Weekly")
    dump = tmp_path / "desk.dump"
    source_name = connection.settings_dict["NAME"]
    restored_name = f"{source_name}_restore"
    admin_url = _url("postgres")
    with psycopg.connect(admin_url, autocommit=True) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{restored_name}"')
        admin.execute(f'CREATE DATABASE "{restored_name}"')
    try:
        backup = _run("backup", str(dump), database_url=_url(source_name))
        restore = _run("restore", str(dump), "--yes", database_url=_url(restored_name))

        assert backup.returncode == 0, backup.stderr
        assert restore.returncode == 0, restore.stderr
        with connection.cursor() as cursor:
            original = _fingerprints(cursor)
        with psycopg.connect(_url(restored_name)) as restored:
            copy = _fingerprints(restored.cursor())
        assert copy == original
        assert original["claims_claim"][0] == 1
        assert original["factcheck_partner"][0] == 1
    finally:
        with psycopg.connect(admin_url, autocommit=True) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{restored_name}"')


def test_backup_refuses_a_database_that_is_not_postgresql(tmp_path):
    result = _run("backup", str(tmp_path / "x.dump"), database_url="sqlite:///db.sqlite3")

    assert result.returncode == 2
    assert "not PostgreSQL" in result.stderr
    assert not (tmp_path / "x.dump").exists()


def test_restore_wants_an_explicit_yes(tmp_path):
    result = _run("restore", str(tmp_path / "x.dump"), database_url="postgres://nobody@x/y")

    assert result.returncode == 2
    assert "--yes" in result.stderr
