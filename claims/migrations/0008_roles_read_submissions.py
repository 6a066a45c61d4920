from django.db import migrations


def grant_roles(apps, schema_editor):
    """Give the roles what `claims.roles` lists now; adding is idempotent, nothing is taken."""
    import importlib

    importlib.import_module("claims.migrations.0003_roles").create_roles(apps, schema_editor)


class Migration(migrations.Migration):
    dependencies = [
        ("claims", "0007_merge_0004_verdict_versions_0006_merge_20261129_1637"),
        ("partners", "0002_article_submission"),
    ]

    operations = [migrations.RunPython(grant_roles, migrations.RunPython.noop)]
