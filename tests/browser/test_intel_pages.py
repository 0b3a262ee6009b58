"""Community intelligence in a real browser: a public report, triage and grading by intelligence officers,
and the sanitised text shared with a partner who never sees the original. Each page is looked at
(screenshot), loads nothing from another host, breaks no CSP rule, and has no serious axe finding."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import Group
from django_otp.plugins.otp_totp.models import TOTPDevice

from beatbook.accounts.models import Profile
from beatbook.geography.models import Ward
from beatbook.geography.services import load_geography
from beatbook.intel.models import Intel, Theme
from tests.browser.conftest import assert_clean, follow_nav, screenshot, sign_in, sign_in_with_code
from tests.conftest import city_config
from tests.personas import PASSWORD, make_personas

pytestmark = pytest.mark.browser
ORIGINAL = "I live above the shop at 12 Example Lane and saw Sam Doe sell drugs to two teenagers at 10pm."
SANITISED = "Drug dealing to young people is reported near Example Lane in the late evening."


@pytest.fixture
def people(transactional_db, settings, django_user_model):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    load_geography(city_config())
    people = make_personas()
    second = django_user_model.objects.create_user("intelligence_2", password=PASSWORD, first_name="Second")
    second.groups.add(Group.objects.get(name="intelligence"))
    Profile.objects.create(user=second)
    TOTPDevice.objects.create(user=second, name="app", confirmed=True)
    people.users["intelligence_2"] = second
    Theme.objects.get_or_create(name="County lines", defaults={"safeguarding": True})  # emptied by transactional_db
    return people


def _sign_out(page) -> None:
    page.get_by_role("button", name="Sign out").click()


def test_a_public_report_on_a_phone(browser, live_server, people):
    context = browser.new_context(viewport={"width": 375, "height": 800})
    page = context.new_page()
    page.console_errors, page.foreign_requests = [], []
    page.on("console", lambda m: page.console_errors.append(m.text) if m.type == "error" else None)
    page.on("request", lambda r: None if r.url.startswith(live_server.url) else page.foreign_requests.append(r.url))
    page.goto(live_server.url + "/")
    follow_nav(page, "Tell us")
    page.get_by_role("button", name="Send").click()
    assert "This field is required." in page.locator(".field-error").first.inner_text()
    page.console_errors.clear()  # chromium logs the 400 of the refused form itself
    page.get_by_label("What do you want to tell us?").fill(ORIGINAL)
    page.get_by_label("Where?").fill("Example Lane")
    page.get_by_label("Ward (if you know it)").select_option(label="Cheap")
    page.get_by_label("A telephone number or email address (optional)").fill("07700 900321")
    screenshot(page, "intel-public-form-phone")
    assert_clean(page)
    page.get_by_role("button", name="Send").click()
    item = Intel.objects.get()
    assert page.locator(".reference").inner_text() == item.reference
    link = page.locator(".secret a").inner_text()
    screenshot(page, "intel-public-thanks-phone")
    assert_clean(page)
    page.goto(link)
    assert ORIGINAL not in page.content()
    page.get_by_label("What would you like to add?").fill("They were back on Friday.")
    page.get_by_role("button", name="Add this").click()
    assert item.reference in page.locator(".messages").inner_text()
    assert item.additions.get().text == "They were back on Friday."
    context.close()


def test_triage_grading_and_sanitised_sharing_with_a_partner(page, live_server, people):
    ward = Ward.objects.get(name="Cheap")
    item = Intel.objects.create(
        reference="CI-DEMO-0001",
        source="public",
        original_text=ORIGINAL,
        submitter_contact="07700 900321",
        ward=ward,
        review_date="2099-01-01",
    )
    sign_in_with_code(page, live_server.url, people["intelligence"])
    follow_nav(page, "Intelligence")
    assert item.reference in page.locator("table").inner_text()
    screenshot(page, "intel-triage-queue")
    assert_clean(page)
    page.get_by_role("link", name=item.reference).click()
    page.get_by_label("Source evaluation").select_option("2")
    page.get_by_label("Intelligence assessment").select_option("B")
    page.get_by_label("Handling code").select_option("C")
    page.get_by_role("button", name="Save the grade").click()
    assert "Handling code C needs its conditions written down." in page.locator(".field-error").inner_text()
    page.console_errors.clear()  # the refused form's 400
    page.get_by_label("Handling code").select_option("P")
    page.get_by_role("button", name="Save the grade").click()
    assert "graded 2B P" in page.locator(".messages").inner_text()
    page.get_by_role("textbox", name="Sanitised text").fill(SANITISED)
    page.get_by_role("button", name="Save the sanitised text").click()
    screenshot(page, "intel-item-graded")
    assert_clean(page)
    _sign_out(page)

    sign_in_with_code(page, live_server.url, people["intelligence_2"])
    page.goto(f"{live_server.url}/intel/{item.pk}/")
    page.get_by_role("button", name="Approve the sanitised text").click()
    page.get_by_label("Partner organisation").select_option(label="Organisation X")
    page.get_by_label("Why they need it").fill("Their wardens patrol Example Lane at night")
    page.get_by_role("button", name="Share the sanitised text").click()
    assert SANITISED in page.locator(".share-preview").inner_text()  # what they will read, before it is shared
    screenshot(page, "intel-share-confirm")
    assert_clean(page)
    page.get_by_role("button", name="Share this text with Organisation X").click()
    assert "shared with Organisation X" in page.locator(".messages").inner_text()
    assert "Shared with every partner organisation." not in page.content()  # Organisation Y is still offered
    screenshot(page, "intel-item-shared")
    _sign_out(page)

    sign_in(page, live_server.url, "partner_x", PASSWORD)
    follow_nav(page, "Intelligence")
    assert SANITISED in page.locator("main").inner_text()
    html = page.content()
    assert "Sam Doe" not in html and "12 Example Lane" not in html and "07700" not in html
    screenshot(page, "intel-partner-sees-sanitised")
    assert_clean(page)
    _sign_out(page)

    sign_in(page, live_server.url, "partner_y", PASSWORD)
    page.goto(f"{live_server.url}/intel/{item.pk}/")
    assert "Sam Doe" not in page.content() and SANITISED not in page.content()
    page.goto(f"{live_server.url}/intel/shared/")
    assert "Nothing has been shared with you yet." in page.locator(".empty").inner_text()
