"""Who may call the API: partner keys with the right scope, and active staff users."""

from __future__ import annotations

from rest_framework.permissions import SAFE_METHODS, BasePermission
from rest_framework.request import Request
from rest_framework.views import APIView

from partners.models import Partner, PartnerAPIKey
from partners.selectors import Viewer, is_staff_viewer


def viewer_of(request: Request) -> Viewer:
    """The partner behind the key, or the session's user."""
    if isinstance(request.auth, PartnerAPIKey):
        return request.auth.partner
    return request.user


def partner_of(request: Request) -> Partner | None:
    return request.auth.partner if isinstance(request.auth, PartnerAPIKey) else None


def required_scope(request: Request, view: APIView) -> str | None:
    """`read` for reads, the view's `write_scope` (default `submit`) for writes."""
    if request.method in SAFE_METHODS:
        return "read"
    return getattr(view, "write_scope", PartnerAPIKey.Scope.SUBMIT)


def scope_refusal(request: Request, view: APIView) -> str | None:
    """Why the request's API key may not do this (a sentence), or None when its scopes allow it."""
    assert isinstance(request.auth, PartnerAPIKey)
    scope = required_scope(request, view)
    granted = request.auth.scopes or []
    if scope and scope not in granted:
        return (
            f"This API key lacks the `{scope}` scope needed for {request.method} here; "
            f"it has: {', '.join(granted) or 'none'}."
        )
    return None


class PartnerOrStaff(BasePermission):
    message = "Only partner API keys and staff users may use the API."

    def has_permission(self, request: Request, view: APIView) -> bool:
        if isinstance(request.auth, PartnerAPIKey):
            refusal = scope_refusal(request, view)
            if refusal:
                self.message = refusal
                return False
            return True
        if request.user.is_authenticated and not is_staff_viewer(request.user):
            self.message = "Only staff users may use the API with a session; partners use a key."
            return False
        return is_staff_viewer(request.user)


class PartnerOnly(BasePermission):
    """A partner's own settings (its webhook): a key with the scope the method needs."""

    message = "Only a partner API key can manage a partner's webhook."

    def has_permission(self, request: Request, view: APIView) -> bool:
        if not isinstance(request.auth, PartnerAPIKey):
            self.message = PartnerOnly.message
            return False
        refusal = scope_refusal(request, view)
        if refusal:
            self.message = refusal
            return False
        return True
