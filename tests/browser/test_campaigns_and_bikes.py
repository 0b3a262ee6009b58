"""Campaigns and bike marking in a real browser: an owner registers a marked bike on a phone, an
officer searches a frame number and sees the owner, and the public page of a published campaign."""

from __future__ import annotations

import datetime as dt

import pytest

from beatbook.bikes.models import MarkedBike, Source
from beatbook.core.models import AuditEvent
from beatbook.geography.services import load_geography
from tests.bikes.factories import marked_bike
from tests.browser.conftest import assert_clean, screenshot, sign_in
from tests.campaigns.factories import published_campaign
from tests.conftest import city_config
from tests.engagement.factories import event_type, make_event
from tests.personas import PASSWORD, make_personas

pytestmark = pytest.mark.browser


@pytest.fixture
def people(transactional_db, settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    load_geography(city_config())
    event_type("cluster-panel-meeting")
    return make_personas()


@pytest.fixture
def phone(browser, live_server):
    context = browser.new_context(viewport={"width": 375, "height": 740}, is_mobile=True, has_touch=True)
    page = context.new_page()
    page.console_errors, page.foreign_requests = [], []
    page.on("console", lambda m: page.console_errors.append(m.text) if m.type == "error" else None)
    page.on("request", lambda r: None if r.url.startswith(live_server.url) else page.foreign_requests.append(r.url))
    yield page
    context.close()


def test_an_owner_registers_a_marked_bike_on_a_phone(phone, live_server, people):
    phone.goto(f"{live_server.url}/bikes/register/")
    phone.get_by_label("Your name").fill("Robin Rider")
    phone.get_by_label("Your email").fill("robin@example.org")
    phone.get_by_label("Make").fill("Brompton")
    phone.get_by_label("Colour").fill("Red")
    phone.get_by_label("Frame number").fill("wtu 123-4567 c")
    phone.get_by_label("Marking code").fill("bb-0042")
    phone.get_by_label("Marked on").fill("2025-10-04")
    phone.get_by_label("Ward where you usually keep or ride it (optional)").select_option(label="Bishopsgate")
    width = phone.evaluate("document.documentElement.scrollWidth")
    screenshot(phone, "bikes-register-phone")
    assert_clean(phone)
    phone.get_by_role("button", name="Register the bike").click()
    phone.wait_for_url("**/bikes/register/done/")
    assert "Your bike is on the register" in phone.inner_text("main")
    screenshot(phone, "bikes-registered-phone")
    bike = MarkedBike.objects.get()
    assert (bike.frame_key, bike.marking_code, bike.source) == ("WTU1234567C", "BB0042", Source.OWNER)
    assert bike.cluster is not None and bike.cluster.wards.filter(slug="bishopsgate").exists()
    assert width <= 375


def test_an_officer_searches_a_frame_number_and_sees_the_owner(page, live_server, people):
    marked_bike(frame="WTU1234567C", owner_name="Robin Rider", owner_phone="07700 900123")
    sign_in(page, live_server.url, "officer_b", PASSWORD)
    page.goto(f"{live_server.url}/bikes/")
    page.get_by_label("Frame number or marking code").fill("wtu-123 4567 c")
    page.get_by_role("button", name="Search").click()
    result = page.locator(".event-list li")
    assert result.count() == 1 and "Robin Rider" in result.inner_text() and "07700 900123" in result.inner_text()
    screenshot(page, "bikes-search-officer")
    assert_clean(page)
    result.get_by_role("link").click()
    page.wait_for_url("**/bikes/*/")
    assert "robin@example.org" in page.inner_text("main")
    actions = list(AuditEvent.objects.filter(user=people["officer_b"]).values_list("action", flat=True))
    assert "search" in actions and "view" in actions


def test_the_public_campaign_page(page, live_server, people):
    campaign = published_campaign(public_summary="Ask the bar staff for Angela.", starts=dt.date(2025, 6, 1))
    campaign.events.add(make_event(people.cluster_a, title="Angela training for bar staff", days=5))
    campaign.materials.create(title="Poster (PDF)", url="https://example.org/poster.pdf")
    campaign.sign_ups.create(
        name="The Example Arms", signed_up=dt.date(2025, 7, 1), ward=people.cluster_a.wards.first()
    )
    page.goto(f"{live_server.url}/campaigns/")
    page.get_by_role("link", name="Ask for Angela").click()
    page.wait_for_url("**/campaigns/ask-for-angela/")
    main = page.inner_text("main")
    assert "Ask the bar staff for Angela." in main and "Angela training for bar staff" in main
    assert "1 premises signed up" in main and "The Example Arms" in main
    screenshot(page, "campaigns-public")
    assert_clean(page)


def test_an_officer_deletes_a_bike_and_reads_the_monthly_chart(page, live_server, people):
    marked_bike(code="BB0001", owner_name="Robin Rider", marked_on=dt.date(2025, 10, 4))
    bike = marked_bike(code="BB0002", frame="ABCD 9876", owner_name="Jo Example", marked_on=dt.date(2025, 11, 2))
    sign_in(page, live_server.url, "officer_a", PASSWORD)
    page.goto(f"{live_server.url}/bikes/{bike.pk}/")
    page.get_by_role("link", name="Delete this record").click()
    page.get_by_label("Reason").select_option("owner-asked")
    screenshot(page, "bikes-delete-confirm")
    assert_clean(page)
    page.get_by_role("button", name="Delete the record").click()
    page.wait_for_url("**/bikes/")
    assert "BB0002 and its owner's details deleted" in page.inner_text("body")
    assert list(MarkedBike.objects.values_list("marking_code", flat=True)) == ["BB0001"]

    page.goto(f"{live_server.url}/bikes/counts/?from=2025-10&to=2025-12")
    chart = page.locator("figure.chart svg")
    assert chart.count() == 1 and "No data published" in chart.inner_html()  # no crime file is stored
    assert "no data published" in page.locator("table.counts").first.inner_text()
    screenshot(page, "bikes-counts-chart")
    assert_clean(page)
