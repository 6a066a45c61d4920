"""A broker outage at the edge, for the outbox tests: `Task.delay` refuses as a stopped Redis does.

The same outage against a real, stopped Redis is exercised by `bench/faults.py`.
"""

from __future__ import annotations

import datetime as dt

from django.utils import timezone
from kombu.exceptions import OperationalError as BrokerError

REFUSED = "Error 111 connecting to 127.0.0.1:6379. Connection refused."


def refuse(self, *args, **kwargs):  # type: ignore[no-untyped-def]
    """Stands in for `Task.delay` while the broker is down."""
    raise BrokerError(REFUSED)


def later(seconds: float) -> dt.datetime:
    """Now, moved by `seconds`: when the beat's sweep runs."""
    return timezone.now() + dt.timedelta(seconds=seconds)
