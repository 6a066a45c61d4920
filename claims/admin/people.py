"""The desk's users in the admin: the Assignee autocomplete works for everyone who assigns.

Django's autocomplete asks the *user* admin for view permission, which the desk's roles do not
grant (editors need not browse accounts). Here the assignee lookup alone is open to whoever may
change claims, and it lists only the people a claim can be given to.
"""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin
from django.contrib.auth.models import User
from django.db.models import QuerySet
from django.http import HttpRequest

from claims.selectors import assignable_users


def is_assignee_lookup(request: HttpRequest) -> bool:
    match = request.resolver_match
    return (
        match is not None
        and match.url_name == "autocomplete"
        and request.GET.get("app_label") == "claims"
        and request.GET.get("model_name") == "claim"
        and request.GET.get("field_name") == "assignee"
    )


class DeskUserAdmin(UserAdmin):
    def has_view_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        if obj is None and is_assignee_lookup(request):
            return request.user.has_perm("claims.change_claim")
        return super().has_view_permission(request, obj)

    def get_search_results(
        self, request: HttpRequest, queryset: QuerySet[User], search_term: str
    ) -> tuple[QuerySet[User], bool]:
        if is_assignee_lookup(request):
            queryset = queryset.filter(pk__in=assignable_users().values("pk"))
        return super().get_search_results(request, queryset, search_term)


if admin.site.is_registered(User):
    admin.site.unregister(User)
admin.site.register(User, DeskUserAdmin)
