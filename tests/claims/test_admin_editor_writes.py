"""Editors' fixes of attributions and actors in the admin are stored as editors' work."""

from __future__ import annotations

import pytest

from claims.models import Actor, ActorAlias, Attribution, Claim


@pytest.fixture
def editor_client(client, editor, settings, tmp_path):
    settings.STATIC_ROOT = tmp_path
    client.force_login(editor)
    return client


def test_an_attribution_fixed_on_its_own_page_is_the_editors_and_survives_re_extraction(
    editor_client, claim
):
    attribution = Attribution.objects.create(
        claim=claim, actor_text="ministra financí", stance="asserts", cue_text="Podle"
    )

    response = editor_client.post(
        f"/admin/claims/attribution/{attribution.pk}/change/",
        {
            "claim": claim.pk,
            "actor_text": "ministra financí",
            "stance": "denies",
            "cue_text": "Podle",
            "confidence": "1.0",
            "report_type": "speech",
        },
    )

    assert response.status_code == 302
    attribution.refresh_from_db()
    assert (attribution.stance, attribution.origin) == ("denies", "editor")
    assert Claim.objects.get(pk=claim.pk).edited_by_editor is True


def aliases_management(total: int, initial: int = 0) -> dict[str, str]:
    return {
        "aliases-TOTAL_FORMS": str(total),
        "aliases-INITIAL_FORMS": str(initial),
        "aliases-MIN_NUM_FORMS": "0",
        "aliases-MAX_NUM_FORMS": "1000",
    }


def test_aliases_added_with_an_actor_are_normalised_by_the_service(editor_client):
    response = editor_client.post(
        "/admin/claims/actor/add/",
        {
            "name": "Vladimir Putin",
            "kind": "person",
            "description": "",
            "country": "RU",
            "wikidata_id": "",
            **aliases_management(1),
            "aliases-0-alias": "  Šéf   Kremlu ",
            "aliases-0-language": "cs",
        },
    )

    assert response.status_code == 302
    alias = ActorAlias.objects.get()
    assert (alias.actor.name, alias.alias, alias.normalized) == (
        "Vladimir Putin",
        "Šéf   Kremlu",
        "šéf kremlu",
    )


def test_an_alias_added_on_its_own_page_is_normalised(editor_client):
    russia = Actor.objects.create(name="Russia", kind="government")

    editor_client.post(
        "/admin/claims/actoralias/add/", {"actor": russia.pk, "alias": "MOSKVA", "language": "cs"}
    )

    assert ActorAlias.objects.get().normalized == "moskva"
