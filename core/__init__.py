"""Shared infrastructure for the apps (no models): outbound HTTP, task base, e-mail."""
