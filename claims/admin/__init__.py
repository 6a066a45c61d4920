"""Django admin for the desk: editors live here. Split by area; importing registers each."""

from claims.admin import actors, articles, claims, desks, matching, people  # noqa: F401
