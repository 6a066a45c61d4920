"""Reusable reads of the desk's data."""

from __future__ import annotations

from django.contrib.auth.models import User
from django.db.models import Q, QuerySet

# Who can be given a claim: whoever may research it (editors and reviewers), and superusers.
ASSIGNEE_PERMISSION = ("claims", "research_claim")


def assignable_users() -> QuerySet[User]:
    """Active staff who may research claims, by group or by their own permission."""
    app_label, codename = ASSIGNEE_PERMISSION
    may_research = Q(
        groups__permissions__codename=codename,
        groups__permissions__content_type__app_label=app_label,
    ) | Q(
        user_permissions__codename=codename,
        user_permissions__content_type__app_label=app_label,
    )
    # A subquery rather than .distinct(): a user in two roles stays one row in any listing.
    ids = User.objects.filter(may_research | Q(is_superuser=True)).values("pk")
    return User.objects.filter(is_active=True, is_staff=True, pk__in=ids)
