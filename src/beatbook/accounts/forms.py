"""Sign-in with back-off, a password reset that says when its email could not be sent, and the TOTP code."""

from __future__ import annotations

import logging
import smtplib
from typing import Any

from django import forms
from django.contrib.auth.forms import AuthenticationForm, PasswordResetForm
from django.core.mail import EmailMultiAlternatives
from django.template import loader

from beatbook.accounts.throttle import sign_in_block
from beatbook.core import audit
from beatbook.core.audit import client_ip
from beatbook.core.models import AuditAction

logger = logging.getLogger(__name__)


class ThrottledAuthenticationForm(AuthenticationForm):
    """Django's sign-in form, refusing to check any password while the account or address is blocked."""

    def clean(self) -> dict[str, Any]:
        # The name as the form cleaned it (spaces stripped, Unicode normalised): the one failures are recorded under.
        username = self.cleaned_data.get("username") or ""
        block = sign_in_block(username, client_ip(self.request)) if self.request and username else None
        if block is not None:
            audit.record(self.request, AuditAction.LOGIN_BLOCKED, username=username[:150], reason=block.reason)
            raise forms.ValidationError(block.message(), code="blocked")
        return super().clean()


class EmailNotSent(Exception):
    """The mail server did not take the password reset email."""


class ReportingPasswordResetForm(PasswordResetForm):
    """Django's reset form logs a failed send and carries on; this one raises, so the page can say so."""

    def send_mail(
        self,
        subject_template_name: str,
        email_template_name: str,
        context: dict[str, Any],
        from_email: str | None,
        to_email: str,
        html_email_template_name: str | None = None,
    ) -> None:
        subject = "".join(loader.render_to_string(subject_template_name, context).splitlines())
        body = loader.render_to_string(email_template_name, context)
        try:
            EmailMultiAlternatives(subject, body, from_email, [to_email]).send()
        except (OSError, smtplib.SMTPException) as exc:
            logger.exception("The password reset email to user %s could not be sent", context["user"].pk)
            raise EmailNotSent(str(exc)) from exc


class TokenForm(forms.Form):
    token = forms.CharField(
        label="Six-digit code from your authenticator app",
        max_length=8,
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "autofocus": True}),
    )

    def clean_token(self) -> str:
        token = "".join(self.cleaned_data["token"].split())
        if not token.isdigit() or len(token) != 6:
            raise forms.ValidationError("Enter the 6 digits your authenticator app shows now.")
        return token
