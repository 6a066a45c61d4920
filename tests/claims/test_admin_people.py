"""The Assignee field for editors, and the bulk actions each persona is offered.

Personas: editor and reviewer assign claims; the analyst reads and exports only.
"""

from __future__ import annotations

import pytest
from django.contrib.auth.models import User

AUTOCOMPLETE = "/admin/autocomplete/"
ASSIGNEE = {"app_label": "claims", "model_name": "claim", "field_name": "assignee"}


@pytest.fixture(autouse=True)
def _static_root(settings, tmp_path):
    settings.STATIC_ROOT = tmp_path


def found(response) -> list[str]:
    return sorted(row["text"] for row in response.json()["results"])


def test_an_editor_finds_the_desk_in_the_assignee_field(client, editor, reviewer, analyst):
    User.objects.create_user("gone", is_staff=True, is_active=False)
    client.force_login(editor)

    response = client.get(AUTOCOMPLETE, {**ASSIGNEE, "term": ""})

    assert response.status_code == 200
    assert found(response) == ["editor", "reviewer"]  # not the analyst, not inactive accounts


def test_the_assignee_field_searches_by_name(client, editor, reviewer):
    client.force_login(editor)

    assert found(client.get(AUTOCOMPLETE, {**ASSIGNEE, "term": "revi"})) == ["reviewer"]


def test_the_editor_still_cannot_browse_user_accounts(client, editor):
    client.force_login(editor)

    assert client.get("/admin/auth/user/").status_code == 403
    assert client.get(AUTOCOMPLETE, {**ASSIGNEE, "model_name": "verdict"}).status_code == 403


def test_the_analyst_may_not_look_up_assignees(client, analyst):
    client.force_login(analyst)

    assert client.get(AUTOCOMPLETE, {**ASSIGNEE, "term": ""}).status_code == 403


def offered_actions(client, user) -> set[str]:
    client.force_login(user)
    page = client.get("/admin/claims/claim/").content.decode()
    return {
        name
        for name in ("assign_to_me", "triage_selected", "dismiss_selected", "export_selected")
        if f'value="{name}' in page
    }


def test_the_analyst_is_offered_only_the_export(client, analyst, claim):
    assert offered_actions(client, analyst) == {"export_selected"}


def test_the_editor_is_offered_the_desks_actions(client, editor, claim):
    assert offered_actions(client, editor) == {
        "assign_to_me",
        "triage_selected",
        "dismiss_selected",
        "export_selected",
    }
