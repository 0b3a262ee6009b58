"""An email backend that fails a set number of times, then delivers into django.core.mail.outbox."""

from __future__ import annotations

from django.core.mail.backends.locmem import EmailBackend


class FlakyBackend(EmailBackend):
    failures_left = 0

    def send_messages(self, messages):
        if FlakyBackend.failures_left > 0:
            FlakyBackend.failures_left -= 1
            raise ConnectionRefusedError("the mail server is down")
        return super().send_messages(messages)
