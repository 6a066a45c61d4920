"""The roles the migrations create grant what `claims.roles` lists."""

from django.contrib.auth.models import Group

from claims.roles import ROLE_PERMISSIONS


def test_every_role_has_every_permission_it_lists(db):
    for role, perms in ROLE_PERMISSIONS.items():
        granted = set(
            Group.objects.get(name=role).permissions.values_list(
                "content_type__app_label", "codename"
            )
        )
        assert set(perms) <= granted, role


def test_the_desk_may_read_url_submissions(editor, analyst):
    assert editor.has_perm("partners.view_articlesubmission")
    assert analyst.has_perm("partners.view_articlesubmission")
