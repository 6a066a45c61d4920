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
