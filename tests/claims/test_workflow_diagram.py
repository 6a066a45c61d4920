"""The transition table is the workflow: one edge may leave several states, and the diagram in
docs/architecture.md is drawn from the table, never by hand."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command
from django.core.management.base import CommandError

from claims.errors import TransitionNotAllowed
from claims.models import Claim
from claims.services import workflow
from claims.workflow_diagram import END, START, mermaid

DOC = Path(settings.BASE_DIR) / "docs" / "architecture.md"


def test_the_architecture_doc_shows_the_diagram_of_the_current_table():
    document = DOC.read_text(encoding="utf-8")

    assert f"{START}\n{mermaid()}\n{END}" in document


def test_the_diagram_draws_one_arrow_per_source_of_a_transition():
    arrows = [line.strip() for line in mermaid().splitlines() if ": dismiss " in line]

    assert arrows == [
        "new --> dismissed: dismiss [triage] (note)",
        "triaged --> dismissed: dismiss [triage] (note)",
        "researching --> dismissed: dismiss [triage] (note)",
    ]


@pytest.mark.parametrize("start", ["new", "triaged", "researching"])
def test_one_dismiss_transition_leaves_every_open_state_before_review(claim, editor, start):
    Claim.objects.filter(pk=claim.pk).update(status=start)

    dismissed = workflow.transition_claim(
        claim_id=claim.pk, name="dismiss", user=editor, note="not checkable"
    )

    assert dismissed.status == Claim.Status.DISMISSED


def test_the_old_per_state_dismiss_names_are_gone(claim, editor):
    with pytest.raises(TransitionNotAllowed, match="Unknown transition 'dismiss_triaged'"):
        workflow.transition_claim(claim_id=claim.pk, name="dismiss_triaged", user=editor)


def test_the_check_option_fails_on_a_stale_doc(tmp_path, monkeypatch):
    from claims.management.commands import workflow_diagram

    stale = tmp_path / "architecture.md"
    stale.write_text(f"# Doc\n{START}\nold picture\n{END}\n", encoding="utf-8")
    monkeypatch.setattr(workflow_diagram, "DOC", stale)

    with pytest.raises(CommandError, match="out of date"):
        call_command("workflow_diagram", "--check")
    call_command("workflow_diagram", "--write")
    call_command("workflow_diagram", "--check")
    assert mermaid() in stale.read_text(encoding="utf-8")
