"""Desks: which desk an article belongs to decides the rating scale its verdicts use."""

from __future__ import annotations

from claims.models import Desk


def default_desk() -> Desk | None:
    """The desk articles go to when none is given: the one marked default, else the oldest.

    None only while no desk exists at all (a fresh database before `seed`).
    """
    return Desk.objects.select_related("rating_scale").order_by("-is_default", "pk").first()
