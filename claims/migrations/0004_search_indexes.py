"""Full-text indexes for word search on PostgreSQL (see claims/search.py); nothing elsewhere.

CONCURRENTLY, so a populated archive keeps taking writes while they build; that needs a
migration outside a transaction (`atomic = False`). unaccent() is only STABLE, so an IMMUTABLE
wrapper with the dictionary named explicitly is what an index expression may use.
"""

from django.db import migrations

INDEXES = {
    "claim_text_fts": ("claims_claim", "text"),
    "claim_normalized_fts": ("claims_claim", "normalized_text"),
    "article_title_fts": ("claims_article", "title"),
    "attribution_actor_text_fts": ("claims_attribution", "actor_text"),
    "actor_name_fts": ("claims_actor", "name"),
    "actoralias_alias_fts": ("claims_actoralias", "alias"),
}

UNACCENT = """
CREATE EXTENSION IF NOT EXISTS unaccent;
CREATE OR REPLACE FUNCTION factcheck_unaccent(text) RETURNS text
    AS $$ SELECT public.unaccent('public.unaccent'::regdictionary, $1) $$
    LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT;
"""


def create(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(UNACCENT)
    for name, (table, column) in INDEXES.items():
        schema_editor.execute(
            f"CREATE INDEX CONCURRENTLY IF NOT EXISTS {name} ON {table} USING gin "
            f"(to_tsvector('simple'::regconfig, factcheck_unaccent({column})))"
        )


def drop(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for name in INDEXES:
        schema_editor.execute(f"DROP INDEX CONCURRENTLY IF EXISTS {name}")


class Migration(migrations.Migration):
    atomic = False

    dependencies = [("claims", "0003_roles")]

    operations = [migrations.RunPython(create, drop, elidable=False)]
