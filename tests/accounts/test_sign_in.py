"""Signing in and out, the back-off after failed sign-ins, and what the audit log records of it."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from beatbook.accounts.throttle import sign_in_block
from beatbook.core.models import AuditAction, AuditEvent
from tests.personas import PASSWORD

pytestmark = pytest.mark.django_db
LOGIN = "/accounts/login/"


def _sign_in(client, username, password, address="10.1.2.3"):
    return client.post(LOGIN, {"username": username, "password": password}, REMOTE_ADDR=address)


def test_sign_in_shows_the_name_and_role_then_sign_out_by_post(client, personas):
    assert _sign_in(client, "analyst", PASSWORD).status_code == 302
    header = client.get("/").content.decode()
    assert "Analyst" in header and 'action="/accounts/logout/"' in header
    response = client.post("/accounts/logout/")
    assert response["Location"] == "/accounts/logged-out/"
    assert "Sign in" in client.get("/").content.decode()


def test_sign_out_by_get_asks_to_confirm_instead_of_answering_405(client, personas):
    _sign_in(client, "analyst", PASSWORD)
    page = client.get("/accounts/logout/")
    assert page.status_code == 200 and "Sign out of beatbook?" in page.content.decode()
    assert client.get("/account/").status_code == 200  # still signed in


def test_sign_in_page_offers_password_reset(client):
    page = client.get(LOGIN).content.decode()
    assert 'href="/accounts/password_reset/"' in page and "Django administration" not in page


def test_a_wrong_password_says_so_and_is_audited_with_the_name_and_address(client, personas):
    response = _sign_in(client, "analyst", "wrong", address="10.9.9.9")
    assert "Please enter a correct username and password" in response.content.decode()
    event = AuditEvent.objects.get(action=AuditAction.LOGIN_FAILED)
    assert (event.username, event.ip, event.user) == ("analyst", "10.9.9.9", None)


def test_sign_in_and_out_are_audited(client, personas):
    _sign_in(client, "analyst", PASSWORD)
    client.post("/accounts/logout/")
    actions = list(AuditEvent.objects.filter(username="analyst").order_by("at", "id").values_list("action", flat=True))
    assert actions == [AuditAction.LOGIN, AuditAction.LOGOUT]


def test_after_five_failures_even_the_right_password_is_refused(client, personas, settings):
    settings.BEATBOOK_LOGIN_FAILURES_PER_ACCOUNT = 5
    for _ in range(5):
        _sign_in(client, "officer_a", "guess")
    response = _sign_in(client, "officer_a", PASSWORD)
    assert response.status_code == 200
    assert "Too many failed sign-ins for this account" in response.content.decode()
    assert "_auth_user_id" not in client.session
    assert AuditEvent.objects.filter(username="officer_a", action=AuditAction.LOGIN_BLOCKED).count() == 1


def test_a_blocked_account_does_not_block_another(client, personas):
    for _ in range(5):
        _sign_in(client, "officer_a", "guess")
    assert _sign_in(client, "officer_b", PASSWORD).status_code == 302


def test_one_address_trying_many_accounts_is_blocked(client, personas, settings):
    settings.BEATBOOK_LOGIN_FAILURES_PER_ADDRESS = 3
    for name in ("nobody-1", "nobody-2", "nobody-3"):
        _sign_in(client, name, "guess", address="10.7.7.7")
    blocked = _sign_in(client, "analyst", PASSWORD, address="10.7.7.7")
    assert "Too many failed sign-ins from this address" in blocked.content.decode()
    assert _sign_in(client, "analyst", PASSWORD, address="10.7.7.8").status_code == 302


def test_the_block_ends_when_the_window_has_passed(personas, settings):
    settings.BEATBOOK_LOGIN_FAILURES_PER_ACCOUNT = 2
    settings.BEATBOOK_LOGIN_WINDOW_MINUTES = 15
    start = timezone.now() - timedelta(minutes=20)
    for minutes in (0, 1):
        AuditEvent.objects.create(
            action=AuditAction.LOGIN_FAILED, username="analyst", at=start + timedelta(minutes=minutes)
        )
    assert sign_in_block("analyst", None, now=start + timedelta(minutes=2)) is not None
    block = sign_in_block("analyst", None, now=start + timedelta(minutes=10))
    assert block is not None and block.until == start + timedelta(minutes=15)
    assert sign_in_block("analyst", None, now=start + timedelta(minutes=16)) is None


def test_passwords_are_hashed_with_argon2():
    from django.conf import settings

    assert settings.PASSWORD_HASHERS[0].endswith("Argon2PasswordHasher")


def test_sessions_end_after_inactivity():
    from django.conf import settings

    assert settings.SESSION_COOKIE_AGE == 30 * 60 and settings.SESSION_SAVE_EVERY_REQUEST
    assert settings.SESSION_COOKIE_HTTPONLY and settings.SESSION_EXPIRE_AT_BROWSER_CLOSE


@pytest.mark.parametrize("typed", [" officer_a ", "ｏｆｆｉｃｅｒ_ａ"])
def test_the_block_holds_however_the_name_is_typed(client, personas, typed):
    for _ in range(5):
        _sign_in(client, "officer_a", "guess")
    assert "Too many failed sign-ins" in _sign_in(client, typed, PASSWORD).content.decode()
    assert "_auth_user_id" not in client.session


def test_retrying_during_a_block_does_not_extend_it(client, personas):
    for _ in range(5):
        _sign_in(client, "officer_a", "guess")
    until = sign_in_block("officer_a", None).until
    for _ in range(3):
        _sign_in(client, "officer_a", "guess again")
    assert sign_in_block("officer_a", None).until == until
    assert AuditEvent.objects.filter(action=AuditAction.LOGIN_BLOCKED, username="officer_a").count() == 3
