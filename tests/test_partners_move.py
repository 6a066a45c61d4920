"""The partner code moved from the project package `factcheck/` into the app `partners/`.

A database migrated before the move has its migrations recorded as `factcheck.*` and its
content types labelled `factcheck`. These tests put the test database back in that state and
migrate it with the current code: nothing is created twice, the rows stay, and the roles keep
their permission. (bench/migrate_from.sh does the same against a real older checkout.)
"""

from __future__ import annotations

import pytest
from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.db.migrations.recorder import MigrationRecorder

from partners.models import Partner, PartnerAPIKey
from partners.services.partners import create_partner, issue_key

OLD_NAMES = (
    "0001_initial",
    "0002_article_submission",
    "0002_outbox",
    "0003_merge_0002_article_submission_0002_outbox",
    "0004_submission_published_at",
)
MODELS = ("partner", "partnerapikey", "webhookdelivery", "articlesubmission")


def _grant(role: str, codename: str) -> Group:
    # A transactional test starts from a flushed database: the roles' groups are rebuilt here.
    group, _ = Group.objects.get_or_create(name=role)
    group.permissions.add(
        Permission.objects.get(content_type__app_label="partners", codename=codename)
    )
    return group


def _as_before_the_move() -> None:
    recorded = MigrationRecorder.Migration.objects
    recorded.filter(app="partners").delete()
    for name in OLD_NAMES:
        recorded.get_or_create(app="factcheck", name=name)
    ContentType.objects.filter(app_label="partners", model__in=MODELS).update(app_label="factcheck")
    ContentType.objects.clear_cache()


@pytest.mark.django_db(transaction=True)
def test_a_database_from_before_the_move_migrates_on_without_recreating_tables():
    partner = create_partner(name="Upgrade Daily")
    key, _ = issue_key(partner=partner, scopes=["read", "submit"])
    editor = _grant("editor", "view_articlesubmission")
    _as_before_the_move()

    executor = MigrationExecutor(connection)
    targets = executor.loader.graph.leaf_nodes()
    plan = [f"{m.app_label}.{m.name}" for m, _ in executor.migration_plan(targets)]
    # The moved migrations count as applied (they replace the factcheck ones): only the
    # content-type step runs, so no CREATE TABLE meets an existing table.
    assert plan == ["partners.0005_content_types_from_factcheck"]

    call_command("migrate", verbosity=0)

    assert Partner.objects.get(pk=partner.pk).name == "Upgrade Daily"
    assert PartnerAPIKey.objects.get(pk=key.pk).partner_id == partner.pk
    ContentType.objects.clear_cache()
    assert not ContentType.objects.filter(app_label="factcheck").exists()
    assert editor.permissions.filter(
        content_type__app_label="partners", codename="view_articlesubmission"
    ).exists()
    recorded = set(
        MigrationRecorder.Migration.objects.filter(app="partners").values_list("name", flat=True)
    )
    assert {*OLD_NAMES, "0005_content_types_from_factcheck"} <= recorded


@pytest.mark.django_db(transaction=True)
def test_grants_follow_when_the_new_content_types_were_created_first():
    """If a migration created the `partners` permissions before the relabel ran, the roles'
    grants on the old permissions are copied to the new ones."""
    analyst = _grant("analyst", "view_articlesubmission")
    _as_before_the_move()
    old_view = Permission.objects.get(
        content_type__app_label="factcheck", codename="view_articlesubmission"
    )
    new_type = ContentType.objects.create(app_label="partners", model="articlesubmission")
    new_view = Permission.objects.create(
        content_type=new_type, codename="view_articlesubmission", name="Can view"
    )
    assert analyst.permissions.filter(pk=old_view.pk).exists()
    assert not analyst.permissions.filter(pk=new_view.pk).exists()

    call_command("migrate", verbosity=0)

    assert analyst.permissions.filter(pk=new_view.pk).exists()
    # Leave the test database as the other tests expect it: one content type per model.
    ContentType.objects.filter(app_label="factcheck").delete()
    ContentType.objects.clear_cache()
