"""Admin actions and forms that editors use every day, through the services."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from claims.models import Actor, ActorAlias, Attribution, Claim, ClaimEvent, Verdict
from claims.services import workflow
from claims.services.actors import get_or_create_actor, merge_actors


def test_merging_actors_moves_attributions_and_keeps_names_as_aliases(claim):
    putin = get_or_create_actor(name="Vladimir Putin", aliases=[("Putin", "cs")])
    duplicate = get_or_create_actor(
        name="V. Putin", aliases=[("Putinem", "cs")], created_by_extractor=True
    )
    Attribution.objects.create(claim=claim, actor=duplicate, actor_text="Putinem")

    merge_actors(keep=putin, others=[duplicate])

    assert list(Actor.objects.values_list("name", flat=True)) == ["Vladimir Putin"]
    assert Attribution.objects.get(claim=claim).actor == putin
    assert sorted(ActorAlias.objects.values_list("alias", flat=True)) == [
        "Putin",
        "Putinem",
        "V. Putin",
    ]


def test_the_dismiss_action_asks_for_a_reason_then_dismisses(client, editor, claim):
    client.force_login(editor)
    url = reverse("admin:claims_claim_changelist")

    ask = client.post(url, {"action": "dismiss_selected", "_selected_action": [claim.pk]})
    done = client.post(
        url,
        {
            "action": "dismiss_selected",
            "_selected_action": [claim.pk],
            "confirm": "1",
            "reason": "opinion, not checkable",
        },
    )

    assert "Reason (required)" in ask.content.decode()
    assert done.status_code == 302
    claim.refresh_from_db()
    assert claim.status == "dismissed"
    assert ClaimEvent.objects.get(claim=claim, to_status="dismissed").note == (
        "opinion, not checkable"
    )


def test_the_assign_to_me_action_assigns_and_records_it(client, editor, claim):
    client.force_login(editor)

    client.post(
        reverse("admin:claims_claim_changelist"),
        {"action": "assign_to_me", "_selected_action": [claim.pk]},
    )

    claim.refresh_from_db()
    assert claim.assignee == editor
    assert ClaimEvent.objects.filter(claim=claim, kind="assigned").count() == 1


def _change_form(claim: Claim, **overrides: object) -> dict[str, object]:
    """The claim change form as the admin posts it, with empty inline formsets."""
    data: dict[str, object] = {
        "normalized_text": claim.normalized_text,
        "kind": claim.kind,
        "checkworthiness": claim.checkworthiness,
        "assignee": "",
        "cluster": "",
        "version": claim.version,
    }
    for prefix, total in (("attributions", 0), ("sources", 0), ("verdicts", 0)):
        data |= {
            f"{prefix}-TOTAL_FORMS": total,
            f"{prefix}-INITIAL_FORMS": 0,
            f"{prefix}-MIN_NUM_FORMS": 0,
            f"{prefix}-MAX_NUM_FORMS": 1000,
        }
    data.update(overrides)
    return data


def test_the_verdict_inline_saves_a_draft_through_the_workflow_service(client, editor, claim):
    workflow.transition_claim(claim_id=claim.pk, name="triage", user=editor)
    claim.refresh_from_db()
    rating = claim.article.desk.rating_scale.ratings.get(label="Pravda")
    client.force_login(editor)

    response = client.post(
        reverse("admin:claims_claim_change", args=[claim.pk]),
        _change_form(
            claim,
            **{
                "verdicts-TOTAL_FORMS": 1,
                "verdicts-0-rating": rating.pk,
                "verdicts-0-summary": "Matches the ministry's data.",
                "verdicts-0-as_of": "2024-06-20",
                "verdicts-0-claim": claim.pk,
            },
        ),
    )

    assert response.status_code == 302
    verdict = Verdict.objects.get(claim=claim)
    assert (verdict.author, verdict.summary, verdict.as_of) == (
        editor,
        "Matches the ministry's data.",
        dt.date(2024, 6, 20),
    )


def test_saving_a_stale_claim_form_names_who_saved_meanwhile(client, editor, reviewer, claim):
    stale_version = claim.version
    workflow.update_claim(
        claim_id=claim.pk,
        expected_version=stale_version,
        user=reviewer,
        normalized_text="Reviewer's wording",
    )
    client.force_login(editor)

    response = client.post(
        reverse("admin:claims_claim_change", args=[claim.pk]),
        _change_form(claim, normalized_text="Editor's wording", version=stale_version),
    )

    assert response.status_code == 200
    assert "reviewer saved this claim meanwhile" in response.content.decode()
    assert Claim.objects.get(pk=claim.pk).normalized_text == "Reviewer's wording"


@pytest.mark.parametrize("user_fixture", ["analyst"])
def test_an_analyst_sees_claims_but_cannot_change_them(client, request, claim, user_fixture):
    client.force_login(request.getfixturevalue(user_fixture))

    page = client.get(reverse("admin:claims_claim_change", args=[claim.pk]))
    refused = client.post(
        reverse("admin:claims_claim_change", args=[claim.pk]),
        _change_form(claim, normalized_text="x"),
    )

    assert page.status_code == 200
    assert refused.status_code == 403


def test_re_extract_queues_the_work_for_a_worker_and_never_runs_the_engine_in_the_request(
    client, editor, article, monkeypatch, django_capture_on_commit_callbacks
):
    from celery import Task

    from claims.services import extraction

    sent: list[tuple[str, dict]] = []
    monkeypatch.setattr(Task, "delay", lambda self, **kw: sent.append((self.name, kw)))
    monkeypatch.setattr(extraction, "extract", lambda *a, **k: pytest.fail("ran in the request"))
    client.force_login(editor)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("admin:claims_article_changelist"),
            {"action": "re_extract", "_selected_action": [article.pk]},
            follow=True,
        )

    article.refresh_from_db()
    assert response.status_code == 200
    assert sent == [("claims.extract_article", {"article_id": article.pk})]
    assert article.status == "received"
    assert "1 article(s) queued for re-extraction" in response.content.decode()
