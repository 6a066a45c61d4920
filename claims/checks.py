"""System checks of the claims app (`manage.py check --deploy`)."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.checks import Tags, Warning, register


@register(Tags.compatibility, deploy=True)
def claim_page_url_check(app_configs: Any = None, **kwargs: Any) -> list[Warning]:
    """ClaimReview `url` must be a public page; without the setting it is the API's claim URL,
    which answers 401 to the crawlers that read ClaimReview."""
    if settings.DEBUG or settings.FACTCHECK_CLAIM_PAGE_URL:
        return []
    return [
        Warning(
            "FACTCHECK_CLAIM_PAGE_URL is not set: ClaimReview `url` falls back to the API's "
            "claim detail, which needs an API key, so search engines cannot read the review.",
            hint="Set FACTCHECK_CLAIM_PAGE_URL to the desk's public claim page, with {id} for "
            "the claim's id, e.g. https://factcheck.example.org/claims/{id}/.",
            id="claims.W001",
        )
    ]


@register(Tags.compatibility)
def retry_chain_check(app_configs: Any = None, **kwargs: Any) -> list[Warning]:
    """The countdown cap follows the visibility timeout; too small a cap shrinks every retry
    chain, and extraction no longer rides out a database restart."""
    from claims.tasks import extract_article_task
    from core.taskbase import min_total_wait

    task = extract_article_task
    cap = min(task.retry_backoff_cap, settings.TASK_RETRY_COUNTDOWN_MAX)
    total = min_total_wait(max_retries=task.max_retries, base=task.retry_backoff_base, cap=cap)
    if total >= 90:
        return []
    return [
        Warning(
            f"Extraction retries span only {total:.0f} s (countdown cap "
            f"{settings.TASK_RETRY_COUNTDOWN_MAX} s = visibility timeout − hard time limit − "
            "60 s): a database restart of 90 s would fail articles.",
            hint="Raise CELERY_VISIBILITY_TIMEOUT or lower CELERY_TASK_TIME_LIMIT.",
            id="claims.W002",
        )
    ]
