"""Analyst exports: one core (`core.py`) behind the admin, the command, the API and the job."""
