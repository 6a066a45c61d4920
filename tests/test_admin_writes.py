"""Every admin write to a model the services own goes through a service, or is refused.

The check walks `admin.site._registry`. For each admin of a project model (apps claims, sources,
partners) not in ALLOWED_DIRECT_WRITES, every write hook a superuser can reach must be
decorated with `@writes_through(<service>, …)` (claims/admin/writes.py) and must call the
services it names:

- `save_model` when the admin may add or change
- `delete_model` and `delete_queryset` (the bulk delete action) when it may delete
- `save_formset` when one of its inlines may add, delete or change a field
"""

from __future__ import annotations

from types import CodeType

import pytest
from django.contrib import admin
from django.contrib.admin import AdminSite
from django.contrib.admin.utils import flatten_fieldsets
from django.contrib.auth.models import User
from django.db import models
from django.test import RequestFactory

from claims.models import ClaimCluster, Desk, Feed, Outlet, Rating, RatingScale
from sources.models import Source

PROJECT_APPS = {"claims", "sources", "partners"}

# Models no service owns, and why the admin may save them as they are.
ALLOWED_DIRECT_WRITES: dict[type[models.Model], str] = {
    Outlet: "reference data (a publisher's name, country, language); no rule guards it",
    ClaimCluster: "a label grouping claims; claims point at it through update_claim",
    RatingScale: "desk configuration set up once by an administrator",
    Rating: "desk configuration set up once by an administrator",
    Desk: "desk configuration set up once by an administrator",
    Feed: "an outlet's feed URL and polling interval; the poll state is read-only in the admin",
}


def _names(code: CodeType) -> set[str]:
    """Every name a function's code (and the lambdas and comprehensions in it) refers to."""
    names = set(code.co_names)
    for const in code.co_consts:
        if isinstance(const, CodeType):
            names |= _names(const)
    return names


def _inline_writes(inline: admin.options.InlineModelAdmin, request) -> bool:
    if inline.has_add_permission(request, None):
        return True
    if inline.can_delete and inline.has_delete_permission(request, None):
        return True
    fields = set(flatten_fieldsets(inline.get_fieldsets(request, None)))
    editable = fields - set(inline.get_readonly_fields(request, None))
    return bool(editable) and inline.has_change_permission(request, None)


def reachable_hooks(model_admin: admin.ModelAdmin, request) -> list[str]:
    hooks = []
    if model_admin.has_add_permission(request) or model_admin.has_change_permission(request):
        hooks.append("save_model")
    if model_admin.has_delete_permission(request):
        hooks += ["delete_model", "delete_queryset"]
    if any(_inline_writes(inline, request) for inline in model_admin.get_inline_instances(request)):
        hooks.append("save_formset")
    return hooks


def unguarded_writes(site: AdminSite, request) -> list[str]:
    """`Model: hook` for every reachable write hook that does not go through a service."""
    problems = []
    for model, model_admin in site._registry.items():
        if model._meta.app_label not in PROJECT_APPS or model in ALLOWED_DIRECT_WRITES:
            continue
        for hook in reachable_hooks(model_admin, request):
            method = getattr(type(model_admin), hook)
            services = getattr(method, "writes_through", ())
            called = _names(method.__code__)
            missing = [s.__name__ for s in services if s.__name__ not in called]
            if not services:
                problems.append(f"{model._meta.label}: {hook} saves without a service")
            elif missing:
                problems.append(f"{model._meta.label}: {hook} never calls {', '.join(missing)}")
    return problems


@pytest.fixture
def superuser_request():
    request = RequestFactory().get("/admin/")
    request.user = User(username="root", is_superuser=True, is_staff=True, is_active=True)
    return request


def test_every_admin_write_goes_through_a_service_or_is_refused(superuser_request):
    assert unguarded_writes(admin.site, superuser_request) == []


def test_the_check_catches_an_admin_that_saves_the_model_itself(superuser_request):
    site = AdminSite(name="careless")
    site.register(Source)

    assert unguarded_writes(site, superuser_request) == [
        "sources.Source: save_model saves without a service",
        "sources.Source: delete_model saves without a service",
        "sources.Source: delete_queryset saves without a service",
    ]


def test_the_allow_list_names_only_registered_models():
    assert set(ALLOWED_DIRECT_WRITES) <= set(admin.site._registry)
