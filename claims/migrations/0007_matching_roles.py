from django.db import migrations


def grant(apps, schema_editor):
    from django.contrib.auth.management import create_permissions

    from claims.roles import MATCHING_PERMISSIONS

    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for role, perms in MATCHING_PERMISSIONS.items():
        group, _ = Group.objects.get_or_create(name=role)
        for app_label, codename in perms:
            group.permissions.add(
                Permission.objects.get(content_type__app_label=app_label, codename=codename)
            )


class Migration(migrations.Migration):
    dependencies = [("claims", "0006_feeds")]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
