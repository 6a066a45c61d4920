"""Celery task of the exports: a thin wrapper around `run_export_job`.

A worker imports this module through `app.autodiscover_tasks(["claims.exports"])` in
factcheck/celery.py (autodiscovery alone finds only `claims.tasks`).
"""

from __future__ import annotations

import logging

from celery import shared_task
from django.db import OperationalError

from claims.exports.services import run_export_job
from claims.models import ExportJob

logger = logging.getLogger(__name__)


@shared_task(
    name="claims.export_claims",
    autoretry_for=(OperationalError,),
    retry_backoff=True,
    retry_backoff_max=600,
    max_retries=3,
)
def export_claims_task(*, job_id: int) -> str:
    if not ExportJob.objects.filter(pk=job_id).exists():
        logger.info("export_claims: job %s is gone", job_id)
        return "missing"
    job = run_export_job(job_id=job_id)
    logger.info("export_claims %s: %s, %s rows", job_id, job.status, job.row_count)
    return job.status
