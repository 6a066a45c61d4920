from django.db import migrations

MODELS = ("partner", "partnerapikey", "webhookdelivery", "articlesubmission")


def adopt_content_types(apps, schema_editor):
    """Relabel the `factcheck.*` content types of a database migrated before the move.

    Their permissions (and the roles' grants of them) and the admin's history point at these
    rows, so renaming the label keeps them all. A fresh database has no `factcheck` rows.
    """
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    for model in MODELS:
        old = ContentType.objects.filter(app_label="factcheck", model=model).first()
        if old is None:
            continue
        new = ContentType.objects.filter(app_label="partners", model=model).first()
        if new is None:
            old.app_label = "partners"
            old.save(update_fields=["app_label"])
            continue
        # An earlier migration already created the new rows (create_permissions): carry the
        # grants over to the new permissions; the old content type is left stale, not deleted.
        for permission in Permission.objects.filter(content_type=old):
            twin = Permission.objects.filter(content_type=new, codename=permission.codename).first()
            if twin is not None:
                twin.group_set.add(*permission.group_set.all())
                twin.user_set.add(*permission.user_set.all())


def restore_content_types(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    ContentType.objects.filter(app_label="partners", model__in=MODELS).update(
        app_label="factcheck"
    )


class Migration(migrations.Migration):
    dependencies = [
        ("partners", "0004_submission_published_at"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [migrations.RunPython(adopt_content_types, restore_content_types)]
