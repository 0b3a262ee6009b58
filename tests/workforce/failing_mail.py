"""A mail backend whose server is down: every send raises, as smtplib does when refused."""

from __future__ import annotations

from django.core.mail.backends.base import BaseEmailBackend


class FailingBackend(BaseEmailBackend):
    def send_messages(self, email_messages) -> int:  # type: ignore[no-untyped-def]
        raise ConnectionRefusedError("the mail server refused the connection")
