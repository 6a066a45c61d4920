"""Marks the admin hooks that write through a service, so a test can hold every admin to it.

`tests/test_admin_writes.py` walks `admin.site._registry`: every hook an editor can reach
(`save_model`, `delete_model`, `delete_queryset`, `save_formset`) of an admin for a model the
services own must be decorated with `@writes_through(<service>, …)` and must call those
services — or the admin must refuse that write (read-only). A model nobody's service owns is
named, with the reason, in the test's allow-list.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

F = TypeVar("F", bound=Callable[..., Any])

SERVICE_MODULES = ("claims.services", "sources.services", "partners.services")


def is_service(function: Callable[..., Any]) -> bool:
    module = getattr(function, "__module__", "") or ""
    return any(module == name or module.startswith(f"{name}.") for name in SERVICE_MODULES)


def writes_through(*services: Callable[..., Any]) -> Callable[[F], F]:
    """Declare which service functions an admin hook calls to write."""
    not_services = [getattr(s, "__qualname__", repr(s)) for s in services if not is_service(s)]
    if not services or not_services:
        raise TypeError(f"writes_through needs service functions; got {not_services or 'none'}")

    def mark(hook: F) -> F:
        hook.writes_through = services  # type: ignore[attr-defined]
        return hook

    return mark
