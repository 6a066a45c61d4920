#!/usr/bin/env bash
# Upgrade check: a PostgreSQL database migrated by an older commit migrates forward with this
# checkout's code, keeps its partner rows, and ends with the same schema as a fresh database.
#
#   bash bench/migrate_from.sh 72ae8f5      # the last commit before partners/ moved out
#
# It creates and drops two databases (factcheck_upgrade_old, factcheck_upgrade_new) on
# PGHOST (127.0.0.1:5432, user postgres by default), and exports REF with `git archive`.
set -euo pipefail
REF=${1:?usage: bench/migrate_from.sh GIT_REF}
ROOT=$(cd "$(dirname "$0")/.." && pwd)
PY=${PYTHON:-$ROOT/.venv/bin/python}
PG="-h ${PGHOST:-127.0.0.1} -p ${PGPORT:-5432} -U ${PGUSER:-postgres}"
PGURL="postgres://${PGUSER:-postgres}@${PGHOST:-127.0.0.1}:${PGPORT:-5432}"
OLD_DB=factcheck_upgrade_old
NEW_DB=factcheck_upgrade_new
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT

for db in $OLD_DB $NEW_DB; do dropdb $PG --if-exists "$db"; createdb $PG "$db"; done
git -C "$ROOT" archive "$REF" | tar -x -C "$WORK"
export CELERY_BROKER_URL="" DEBUG=true

echo "== migrate $OLD_DB with $REF"
(cd "$WORK" && DATABASE_URL=$PGURL/$OLD_DB "$PY" manage.py migrate --noinput -v0)
(cd "$WORK" && DATABASE_URL=$PGURL/$OLD_DB "$PY" manage.py shell -c '
from django.contrib.auth.models import Group
from factcheck.services.partners import create_partner, issue_key
partner = create_partner(name="Upgrade Daily")
key, _ = issue_key(partner=partner, scopes=["read", "submit"])
print("old code: partner", partner.pk, "key prefix", key.prefix)
print("old code: editor may view submissions:",
      Group.objects.get(name="editor").permissions.filter(codename="view_articlesubmission").exists())
')

echo "== migrate $OLD_DB with this checkout"
(cd "$ROOT" && DATABASE_URL=$PGURL/$OLD_DB "$PY" manage.py migrate --noinput)
(cd "$ROOT" && DATABASE_URL=$PGURL/$OLD_DB "$PY" manage.py shell -c '
from django.contrib.auth.models import Group, User
from partners.models import Partner, PartnerAPIKey
partner = Partner.objects.get(name="Upgrade Daily")
keys = PartnerAPIKey.objects.filter(partner=partner)
assert keys.count() == 1, "the key is gone"
editor = User.objects.create(username="upgrade-editor")
editor.groups.add(Group.objects.get(name="editor"))
assert editor.has_perm("partners.view_articlesubmission"), "the editor lost a permission"
print("new code: partner", partner.pk, "key prefix", keys.get().prefix, "editor perm ok")
')

echo "== schema: upgraded vs fresh"
(cd "$ROOT" && DATABASE_URL=$PGURL/$NEW_DB "$PY" manage.py migrate --noinput -v0)
# \restrict carries a random token per dump.
pg_dump $PG --schema-only --no-owner "$OLD_DB" | grep -Ev '^\\(un)?restrict ' > "$WORK/old.sql"
pg_dump $PG --schema-only --no-owner "$NEW_DB" | grep -Ev '^\\(un)?restrict ' > "$WORK/new.sql"
if diff -u "$WORK/old.sql" "$WORK/new.sql"; then echo "schemas identical"; else exit 1; fi
for db in $OLD_DB $NEW_DB; do dropdb $PG "$db"; done
echo "upgrade from $REF: OK"
