"""Changing a password, and resetting a forgotten one by email, without ever meeting the admin."""

from __future__ import annotations

import re
import smtplib

import pytest
from django.core import mail

from beatbook.core.models import AuditAction, AuditEvent
from tests.personas import PASSWORD

pytestmark = pytest.mark.django_db
NEW_PASSWORD = "a fresh and long passphrase"


class RefusingEmailBackend:
    """A mail server that is down."""

    def __init__(self, *args, **kwargs):
        pass

    def send_messages(self, messages):
        raise smtplib.SMTPConnectError(421, "mail server unavailable")


def test_an_officer_changes_their_password(personas):
    client = personas.client("officer_a")
    form = client.get("/accounts/password_change/").content.decode()
    assert "Change your password" in form and "Django administration" not in form
    response = client.post(
        "/accounts/password_change/",
        {
            "old_password": PASSWORD,
            "new_password1": NEW_PASSWORD,
            "new_password2": NEW_PASSWORD,
        },
    )
    assert response["Location"] == "/accounts/password_change/done/"
    done = client.get(response["Location"]).content.decode()
    assert "Your password has been changed" in done and 'href="/account/"' in done
    personas["officer_a"].refresh_from_db()
    assert personas["officer_a"].check_password(NEW_PASSWORD)
    event = AuditEvent.objects.get(action=AuditAction.CHANGE, username="officer_a")
    assert event.object_type == "auth.user" and "password" in event.changes


def test_a_short_password_is_refused_with_the_reason(personas):
    response = personas.client("officer_a").post(
        "/accounts/password_change/",
        {
            "old_password": PASSWORD,
            "new_password1": "short",
            "new_password2": "short",
        },
    )
    assert "This password is too short. It must contain at least 12 characters." in response.content.decode()


def test_a_forgotten_password_is_reset_by_email(client, personas):
    page = client.post("/accounts/password_reset/", {"email": "officer_a@example.invalid"})
    assert page["Location"] == "/accounts/password_reset/done/"
    assert len(mail.outbox) == 1 and mail.outbox[0].subject == "Reset your beatbook password"
    link = re.search(r"http://testserver(/accounts/reset/\S+/)", mail.outbox[0].body).group(1)
    form_page = client.get(link, follow=True)
    assert "Choose a new password" in form_page.content.decode()
    done = client.post(form_page.redirect_chain[-1][0], {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD})
    assert done["Location"] == "/accounts/reset/done/"
    assert client.post("/accounts/login/", {"username": "officer_a", "password": NEW_PASSWORD}).status_code == 302
    assert AuditEvent.objects.filter(
        action=AuditAction.CHANGE, username="officer_a", detail__via="password reset email"
    ).exists()


def test_an_unknown_address_looks_the_same_and_sends_nothing(client, personas):
    page = client.post("/accounts/password_reset/", {"email": "stranger@example.invalid"})
    assert page["Location"] == "/accounts/password_reset/done/" and mail.outbox == []


def test_a_used_or_wrong_link_says_so(client):
    page = client.get("/accounts/reset/MQ/wrong-token/").content.decode()
    assert "This link does not work" in page and 'href="/accounts/password_reset/"' in page


def test_a_failed_send_is_shown_and_logged_not_swallowed(client, personas, settings, caplog):
    settings.EMAIL_BACKEND = "tests.accounts.test_passwords.RefusingEmailBackend"
    page = client.post("/accounts/password_reset/", {"email": "officer_a@example.invalid"})
    assert page.status_code == 200
    assert "The email could not be sent" in page.content.decode()
    assert "could not be sent" in caplog.text
