"""Officers and teams in a real browser: a supervisor adds an officer with a photo, the public sees it
on the ward page (desktop and phone); the header's menus on a desktop and on a 375 px phone."""

from __future__ import annotations

import pytest

from beatbook.geography.models import Ward
from beatbook.geography.services import load_geography
from beatbook.workforce.models import Officer
from tests.browser.conftest import assert_clean, screenshot, serious_accessibility_problems, sign_in
from tests.conftest import city_config
from tests.engagement.factories import make_officer, make_request, make_team
from tests.personas import PASSWORD, make_personas
from tests.workforce.factories import photo_bytes

pytestmark = pytest.mark.browser
PHONE = {"viewport": {"width": 375, "height": 740}, "is_mobile": True}


@pytest.fixture
def people(transactional_db, settings, tmp_path):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.MEDIA_ROOT = tmp_path / "media"
    load_geography(city_config())
    return make_personas()


def test_a_supervisor_adds_an_officer_whose_photo_the_public_sees(page, live_server, people, tmp_path):
    ward = Ward.objects.get(slug="bishopsgate")
    make_team(ward.cluster.sector.force)
    photo = tmp_path / "portrait.png"
    photo.write_bytes(photo_bytes(fmt="PNG", size=(300, 400)))
    sign_in(page, live_server.url, "supervisor", PASSWORD)
    page.goto(f"{live_server.url}/workforce/")
    assert "No officers are recorded yet" in page.inner_text("main")
    page.get_by_role("link", name="Add an officer").click()
    page.get_by_label("Name").fill("PC Robin Example")
    page.get_by_label("Rank").select_option(label="Police Constable")
    page.get_by_label("Cluster").select_option(label=str(ward.cluster))
    page.get_by_label("Business team").check()
    page.get_by_label("Photo", exact=True).set_input_files(str(photo))
    page.get_by_label("Publish photo").check()
    page.get_by_label("Short biography").fill("Walks the ward every morning.")
    screenshot(page, "workforce-officer-form")
    assert_clean(page)
    page.get_by_role("button", name="Add").click()
    assert "Added: PC Robin Example." in page.locator(".messages").inner_text()
    assert page.locator("table").first.get_by_role("link", name="PC Robin Example").is_visible()
    screenshot(page, "workforce-people")
    assert_clean(page)

    officer = Officer.objects.get()
    page.goto(f"{live_server.url}/wards/bishopsgate/")  # the same browser, now for the public's page
    img = page.locator(f"img[src='/officers/{officer.pk}/photo.jpg']")
    assert img.evaluate("i => i.complete && i.naturalWidth > 0")  # served, and a real image
    assert "business@example.org" in page.locator("section[aria-labelledby='team-heading']").inner_text()
    screenshot(page, "workforce-ward-photo-desktop")


def test_the_header_menu_on_a_phone(browser, live_server, people):
    context = browser.new_context(**PHONE)
    phone = context.new_page()
    phone.console_errors, phone.foreign_requests = [], []
    phone.on("console", lambda m: phone.console_errors.append(m.text) if m.type == "error" else None)
    sign_in(phone, live_server.url, "supervisor", PASSWORD)
    phone.goto(f"{live_server.url}/wards/bishopsgate/")
    menu = phone.locator("details.nav-compact")
    assert menu.is_visible() and not phone.locator("nav.nav-wide").is_visible()
    assert not menu.get_by_role("link", name="Officers and teams").is_visible()
    screenshot(phone, "nav-phone-closed")
    menu.locator("summary").click()
    assert menu.get_by_role("link", name="Officers and teams").is_visible()
    assert menu.locator(".nav-heading").all_inner_texts() == [
        "NEIGHBOURHOOD",
        "PROTECTION",
        "PERFORMANCE",
        "ADMINISTRATION",
    ]
    assert phone.evaluate("document.documentElement.scrollWidth") <= 375
    screenshot(phone, "nav-phone-open")
    assert serious_accessibility_problems(phone) == [] and phone.console_errors == []
    menu.get_by_role("link", name="Officers and teams").click()
    assert phone.locator("h1").inner_text() == "Officers and teams"
    assert phone.evaluate("document.documentElement.scrollWidth") <= 375
    screenshot(phone, "workforce-people-phone")
    context.close()


def test_the_header_menus_on_a_desktop(page, live_server, people):
    sign_in(page, live_server.url, "supervisor", PASSWORD)
    page.goto(f"{live_server.url}/events/")
    wide = page.get_by_role("navigation", name="Main")
    assert page.locator("details.nav-compact").is_hidden()
    assert wide.get_by_role("link", name="Events").get_attribute("aria-current") == "page"
    wide.locator("summary", has_text="Administration").click()
    assert wide.get_by_role("link", name="Audit log").is_visible()
    screenshot(page, "nav-desktop-open")
    assert_clean(page)
    wide.get_by_role("link", name="Officers and teams").click()
    assert page.locator("h1").inner_text() == "Officers and teams"


@pytest.mark.parametrize("path", ["/engagement/", "/engagement/requests/", "/engagement/events/new/", "/events/"])
def test_the_engagement_pages_fit_a_phone(browser, live_server, people, path):
    officer = make_officer(people.cluster_a, name="PC Alex Business", user=people["officer_a"])
    officer.teams.add(make_team(people.cluster_a.sector.force))
    make_request(organisation="Cheapside Security Forum, a long organisation name for a narrow screen")
    context = browser.new_context(**PHONE)
    phone = context.new_page()
    sign_in(phone, live_server.url, "officer_a", PASSWORD)
    phone.goto(live_server.url + path)
    assert phone.locator("h1").is_visible()
    assert phone.evaluate("document.documentElement.scrollWidth") <= 375
    screenshot(phone, "engagement-phone-" + path.strip("/").replace("/", "-"))
    assert serious_accessibility_problems(phone) == []
    context.close()
