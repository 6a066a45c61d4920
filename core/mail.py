"""An e-mail backend for development: one log line per message instead of its whole body."""

from __future__ import annotations

import logging
from collections.abc import Sequence

from django.core.mail.backends.base import BaseEmailBackend
from django.core.mail.message import EmailMessage

logger = logging.getLogger("core.mail")


class OneLineEmailBackend(BaseEmailBackend):
    """Logs "e-mail to a@x, b@y: <subject>" at INFO; nothing is sent."""

    def send_messages(self, email_messages: Sequence[EmailMessage]) -> int:
        for message in email_messages:
            logger.info("e-mail to %s: %s", ", ".join(message.recipients()), message.subject)
        return len(email_messages)
