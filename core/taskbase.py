"""One base class for Celery tasks that retry: which errors, how long to wait, what to do last.

Every task that may fail for a passing reason (a database restart, a partner's endpoint down, a
source site timing out) declares `retry_on`, its backoff and `on_final_failure`, and leaves the
loop to this class:

- backoff with "equal jitter": the n-th retry waits `d/2 + random(0, d/2)` with
  `d = min(cap, base · 2ⁿ)`, so workers that failed together do not retry together, and the
  wait never falls below half the nominal one (the total is a guaranteed minimum: see
  `min_total_wait`, which the extraction task keeps above a 90 s database restart)
- the countdown never exceeds `settings.TASK_RETRY_COUNTDOWN_MAX`: a message waiting for its
  ETA sits unacknowledged in the worker, and Redis hands it to a second worker once the
  visibility timeout passes (a doubled retry chain); the setting is derived from the timeout
- after the last retry, `on_final_failure` records the failure where people look (the article's
  error, the delivery log, the source) instead of leaving the row half-done
"""

from __future__ import annotations

import logging
import random
from typing import Any, ClassVar

from celery import Task
from django.conf import settings
from django.db import InterfaceError, OperationalError

logger = logging.getLogger(__name__)

# A restarted PostgreSQL shows up as either: "connection refused / terminating connection"
# (OperationalError) or "connection already closed" on a pooled connection (InterfaceError).
DATABASE_ERRORS: tuple[type[Exception], ...] = (OperationalError, InterfaceError)


def backoff_seconds(
    retries: int, *, base: float, cap: float, rng: random.Random | None = None
) -> float:
    """The wait before retry number `retries + 1`: equal jitter over min(cap, base · 2ⁿ)."""
    nominal = min(cap, base * 2**retries)
    return nominal / 2 + (rng or random).uniform(0, nominal / 2)


def min_total_wait(*, max_retries: int, base: float, cap: float) -> float:
    """The shortest time a whole retry chain can take (every jitter drawn at its minimum)."""
    return sum(min(cap, base * 2**n) / 2 for n in range(max_retries))


class DurableTask(Task):
    """A task that retries `retry_on` errors with jittered backoff, then calls its final hook."""

    abstract = True
    retry_on: ClassVar[tuple[type[Exception], ...]] = DATABASE_ERRORS
    retry_backoff_base: ClassVar[float] = 2.0
    retry_backoff_cap: ClassVar[float] = 300.0
    max_retries = 8

    def countdown(self, retries: int) -> float:
        cap = min(self.retry_backoff_cap, settings.TASK_RETRY_COUNTDOWN_MAX)
        return backoff_seconds(retries, base=self.retry_backoff_base, cap=cap)

    def on_retry_scheduled(self, countdown: float, kwargs: dict[str, Any]) -> None:
        """Record when the retry is due, for tasks whose rows say so (not called eagerly)."""

    def on_final_failure(self, exc: Exception, kwargs: dict[str, Any]) -> Any:
        """Record the failure for people to see; the return value is the task's result."""
        return "failed"

    def __call__(self, *args: Any, **kwargs: Any) -> Any:
        try:
            # run(), not super().__call__(): the latter pushes a fresh request without the
            # retry count the worker's tracer already pushed.
            return self.run(*args, **kwargs)
        except self.retry_on as exc:
            retries = self.request.retries
            if retries >= (self.max_retries or 0):
                logger.warning("%s%s failed for good: %s", self.name, kwargs, exc)
                return self.on_final_failure(exc, kwargs)
            countdown = self.countdown(retries)
            logger.info(
                "%s%s: %s; retry %d in %.0f s", self.name, kwargs, exc, retries + 1, countdown
            )
            if self.request.is_eager:
                # Eagerly (no broker: development, tests) a raised Retry would propagate out of
                # .delay(); returned, it makes apply() run the retry in-process at once.
                return self.retry(exc=exc, countdown=countdown, kwargs=kwargs, throw=False)
            self.on_retry_scheduled(countdown, kwargs)
            raise self.retry(exc=exc, countdown=countdown, kwargs=kwargs) from exc
