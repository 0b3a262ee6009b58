"""Two-factor authentication: required for some roles, optional for the rest, and counted in the back-off."""

from __future__ import annotations

import pytest
from django.test import Client
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from beatbook.core.models import AuditAction, AuditEvent
from tests.personas import PASSWORD

pytestmark = pytest.mark.django_db


def _code(device: TOTPDevice) -> str:
    return f"{TOTP(device.bin_key, device.step, device.t0, device.digits).token():06d}"


def _password_only(username: str) -> Client:
    client = Client()
    assert client.post("/accounts/login/", {"username": username, "password": PASSWORD}).status_code == 302
    return client


def test_intelligence_officer_must_give_a_code_before_any_page(personas):
    client = _password_only("intelligence")
    response = client.get("/account/")
    assert response.status_code == 302 and response["Location"] == "/account/two-factor/?next=%2Faccount%2F"
    device = TOTPDevice.objects.get(user=personas["intelligence"])
    after = client.post("/account/two-factor/?next=/account/", {"token": _code(device), "next": "/account/"})
    assert after["Location"] == "/account/"
    assert client.get("/account/").status_code == 200


def test_a_wrong_code_is_refused_and_audited(personas):
    client = _password_only("admin")
    page = client.post("/account/two-factor/", {"token": "000000"})
    assert "That code is not right" in page.content.decode()
    assert AuditEvent.objects.filter(
        username="admin", action=AuditAction.LOGIN_FAILED, detail__reason="two-factor code"
    ).exists()
    assert client.get("/admin/").status_code == 302  # the admin is out of reach too


def test_wrong_codes_count_towards_the_back_off(personas, settings):
    settings.BEATBOOK_LOGIN_FAILURES_PER_ACCOUNT = 3
    client = _password_only("admin")
    for _ in range(3):
        client.post("/account/two-factor/", {"token": "000000"})
    device = TOTPDevice.objects.get(user=personas["admin"])
    page = client.post("/account/two-factor/", {"token": _code(device)})
    assert "Too many failed sign-ins for this account" in page.content.decode()


def test_a_role_that_requires_it_is_sent_to_set_it_up(personas):
    TOTPDevice.objects.filter(user=personas["safeguarding"]).delete()
    client = _password_only("safeguarding")
    assert client.get("/").url.startswith("/account/two-factor/setup/")


def test_an_officer_turns_it_on_and_is_then_asked_at_sign_in(personas, settings):
    settings.OTP_TOTP_THROTTLE_FACTOR = 0  # django-otp otherwise makes the next try wait a second
    client = personas.client("officer_a")
    page = client.get("/account/two-factor/setup/").content.decode()
    assert "<svg" in page and "Key:" in page
    device = TOTPDevice.objects.get(user=personas["officer_a"], confirmed=False)
    assert "That code is not the one" in client.post("/account/two-factor/setup/", {"token": "123456"}).content.decode()
    done = client.post("/account/two-factor/setup/", {"token": _code(device)})
    assert done["Location"] == "/account/"
    device.refresh_from_db()
    assert device.confirmed
    assert _password_only("officer_a").get("/account/").status_code == 302


def test_an_officer_may_turn_it_off_but_an_admin_may_not(personas):
    TOTPDevice.objects.create(user=personas["officer_a"], name="app", confirmed=True)
    officer = personas.client("officer_a")
    officer.post("/account/two-factor/disable/")
    assert not TOTPDevice.objects.filter(user=personas["officer_a"]).exists()
    admin = personas.client("admin")
    page = admin.post("/account/two-factor/disable/", follow=True).content.decode()
    assert "cannot be turned off" in page and TOTPDevice.objects.filter(user=personas["admin"]).exists()


def test_the_account_page_shows_roles_membership_and_recent_sign_ins(client, personas):
    client.post("/accounts/login/", {"username": "officer_a", "password": "wrong"})
    client.post("/accounts/login/", {"username": "officer_a", "password": PASSWORD})
    page = client.get("/account/").content.decode()
    assert "Officer (Dedicated Ward Officer)" in page and str(personas.cluster_a) in page
    assert "Sign-in failed" in page and "Sign in" in page


def test_the_next_address_cannot_lead_to_another_site(personas):
    client = _password_only("admin")
    device = TOTPDevice.objects.get(user=personas["admin"])
    response = client.post("/account/two-factor/", {"token": _code(device), "next": "https://evil.example/"})
    assert response["Location"] == "/"


def test_each_visit_to_setup_shows_a_new_secret(personas):
    client = personas.client("officer_a")
    client.get("/account/two-factor/setup/")
    first = TOTPDevice.objects.get(user=personas["officer_a"], confirmed=False).key
    client.get("/account/two-factor/setup/")
    assert list(TOTPDevice.objects.filter(user=personas["officer_a"]).values_list("key", flat=True)) != [first]
    assert TOTPDevice.objects.filter(user=personas["officer_a"]).count() == 1


def test_a_staff_flag_alone_does_not_open_the_admin(personas):
    from django.contrib.auth.models import Permission

    analyst = personas["analyst"]
    analyst.is_staff = True
    analyst.save()
    analyst.user_permissions.add(Permission.objects.get(codename="view_auditevent"))
    TOTPDevice.objects.create(user=analyst, name="app", confirmed=True)  # staff accounts need two-factor
    assert personas.client("analyst").get("/admin/core/auditevent/").status_code == 302
    assert _password_only("analyst").get("/account/").status_code == 302  # asked for a code first
