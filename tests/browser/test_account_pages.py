"""Sign-in, password, two-factor, audit and error pages in a real browser: they work, look like
beatbook, load nothing from another host, break no Content-Security-Policy rule (a violation is a
console error), and axe-core finds no serious or critical accessibility problem."""

from __future__ import annotations

import re

import pytest
from django.core import mail
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from beatbook.core import audit
from beatbook.core.models import AuditAction
from tests.browser.conftest import assert_clean, follow_nav, screenshot, serious_accessibility_problems, sign_in
from tests.personas import PASSWORD

pytestmark = pytest.mark.browser
NEW_PASSWORD = "another long passphrase here"


def _new_password_looked_at(page, screenshot_name: str) -> None:
    page.get_by_label("New password", exact=True).fill(NEW_PASSWORD)
    page.get_by_label("New password confirmation").fill(NEW_PASSWORD)
    screenshot(page, screenshot_name)
    assert_clean(page)


def test_sign_in_with_a_wrong_password_then_the_right_one(page, live_server, people):
    sign_in(page, live_server.url, "officer_a", "not the password")
    assert "Please enter a correct username and password" in page.locator(".error-summary").inner_text()
    assert page.get_by_role("link", name="Forgotten your password?").is_visible()
    screenshot(page, "sign-in-error")
    assert_clean(page)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    assert "Officer A · Officer" in page.locator("header").inner_text()
    assert_clean(page)


def test_an_officer_changes_the_password_from_the_account_page(page, live_server, people):
    sign_in(page, live_server.url, "officer_a", PASSWORD)
    page.get_by_role("link", name=re.compile("Officer A")).click()
    assert page.locator("h1").inner_text() == "Your account"
    assert str(people.cluster_a) in page.locator("dl.facts").inner_text()
    screenshot(page, "account")
    assert_clean(page)
    page.get_by_role("link", name="Change your password").click()
    page.get_by_label("Old password").fill(PASSWORD)
    _new_password_looked_at(page, "password-change")
    page.get_by_role("button", name="Change password").click()
    assert page.locator("h1").inner_text() == "Your password has been changed"
    assert "Django administration" not in page.content()


def test_a_forgotten_password_is_reset_by_email(page, live_server, people):
    page.goto(live_server.url + "/accounts/login/")
    page.get_by_role("link", name="Forgotten your password?").click()
    page.get_by_label("Email").fill("officer_b@example.invalid")
    screenshot(page, "password-reset")
    assert_clean(page)
    page.get_by_role("button", name="Send the link").click()
    assert page.locator("h1").inner_text() == "Check your email"
    link = re.search(r"https?://[^/]+(/accounts/reset/\S+/)", mail.outbox[-1].body).group(1)
    page.goto(live_server.url + link)
    _new_password_looked_at(page, "password-reset-confirm")
    page.get_by_role("button", name="Set my password").click()
    assert page.locator("h1").inner_text() == "Your new password is set"
    sign_in(page, live_server.url, "officer_b", NEW_PASSWORD)
    assert "Officer B" in page.locator("header").inner_text()


def test_an_admin_gives_a_code_then_reaches_the_admin(page, live_server, people):
    sign_in(page, live_server.url, "admin", PASSWORD)
    assert page.locator("h1").inner_text() == "Enter your code"
    screenshot(page, "two-factor-code")
    assert_clean(page)
    device = TOTPDevice.objects.get(user=people["admin"])
    page.get_by_label("Six-digit code").fill(f"{TOTP(device.bin_key).token():06d}")
    page.get_by_role("button", name="Continue").click()
    page.goto(live_server.url + "/admin/")
    assert "Site administration" in page.content()


def test_an_officer_sets_up_two_factor(page, live_server, people):
    sign_in(page, live_server.url, "officer_a", PASSWORD)
    page.goto(live_server.url + "/account/two-factor/setup/")
    assert page.locator(".qr svg").is_visible()
    screenshot(page, "two-factor-setup")
    assert_clean(page)


def test_the_supervisor_reads_the_audit_log(page, live_server, people):
    audit.record_command("beatbook ingest", AuditAction.IMPORT, files=["2025-01-city-of-london-street.csv"])
    sign_in(page, live_server.url, "supervisor", PASSWORD)
    follow_nav(page, "Audit log")
    page.get_by_label("Action").select_option("login")
    page.get_by_role("button", name="Filter").click()
    rows = page.locator("table tbody tr")
    assert rows.count() == 1 and "supervisor" in rows.first.inner_text()
    screenshot(page, "audit-log")
    assert_clean(page)


@pytest.mark.parametrize(
    ("who", "path", "heading"),
    [
        ("public", "/no-such-page/", "Page not found"),
        ("officer_a", "/audit/", "You are not allowed to see this page"),
    ],
)
def test_error_pages_look_like_beatbook_and_offer_a_way_back(page, live_server, people, who, path, heading):
    if who != "public":
        sign_in(page, live_server.url, who, PASSWORD)
    page.goto(live_server.url + path)
    assert page.locator("h1").inner_text() == heading
    assert page.get_by_role("link", name="Go to the home page").is_visible()
    screenshot(page, f"error-{heading.split()[0].lower()}-{who}")
    assert page.foreign_requests == [] and serious_accessibility_problems(page) == []


def test_sign_in_on_a_phone(browser, live_server, people):
    context = browser.new_context(viewport={"width": 375, "height": 740}, is_mobile=True)
    phone = context.new_page()
    sign_in(phone, live_server.url, "analyst", PASSWORD)
    phone.goto(live_server.url + "/account/")
    width = phone.evaluate("document.documentElement.scrollWidth")
    screenshot(phone, "account-phone")
    context.close()
    assert width <= 375
