"""Engagement in a real browser: the ward page's team, events and "you said, we did" (desktop and
phone), an officer planning an event and recording what was raised, a request for attendance accepted."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone

from beatbook.engagement.models import AttendanceRequest, Event, IssueRaised, Priority
from beatbook.engagement.services import publish_priority
from beatbook.geography.models import Ward
from beatbook.geography.services import load_geography
from tests.browser.conftest import assert_clean, screenshot, sign_in
from tests.conftest import city_config
from tests.engagement.factories import event_type, make_event, make_officer, make_priority, make_team
from tests.personas import PASSWORD, make_personas

pytestmark = pytest.mark.browser


@pytest.fixture
def people(transactional_db, settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    load_geography(city_config())
    for slug in ("cluster-panel-meeting", "neighbourhood-surgery", "security-forum-briefing"):
        event_type(slug)
    return make_personas()


@pytest.fixture
def ward_with_a_team(people):
    ward = Ward.objects.get(slug="bishopsgate")
    force = ward.cluster.sector.force
    business = make_team(force)
    for name in ("PS Sam Ashdown", "PC Alex Brackley", "PCSO Jo Corwen"):
        make_officer(ward.cluster, name=name, bio="Dedicated Ward Officer (a test record).").teams.add(business)
    make_event(ward.cluster, title="Cluster panel meeting", days=10)
    make_event(ward.cluster, title="Neighbourhood surgery", days=3, event_type=event_type("neighbourhood-surgery"))
    said = make_priority(ward, issue="Bikes stolen from the racks by the station", action="Bike marking held.")
    publish_priority(said, people["supervisor"])
    publish_priority(make_priority(ward, issue="Noise from late-night deliveries"), people["supervisor"])
    return ward


def test_the_ward_page_shows_the_team_events_and_you_said_we_did(page, live_server, ward_with_a_team):
    page.goto(f"{live_server.url}/wards/bishopsgate/")
    team = page.locator("section[aria-labelledby='team-heading']")
    assert team.locator(".team-list li").count() == 3 and "PS Sam Ashdown" in team.inner_text()
    events = page.locator("section[aria-labelledby='events-heading'] .event-list li")
    assert [events.nth(i).locator("h3").inner_text() for i in range(2)] == [
        "Neighbourhood surgery",
        "Cluster panel meeting",
    ]
    said = page.locator(".said-did li")
    assert said.count() == 2 and "We did" in said.first.inner_text() + said.last.inner_text()
    screenshot(page, "engagement-ward-desktop")
    assert_clean(page)


def test_the_ward_page_on_a_phone(browser, live_server, ward_with_a_team):
    context = browser.new_context(viewport={"width": 375, "height": 740}, is_mobile=True)
    phone = context.new_page()
    phone.goto(f"{live_server.url}/wards/bishopsgate/")
    phone.locator("#team-heading").scroll_into_view_if_needed()
    width = phone.evaluate("document.documentElement.scrollWidth")
    assert phone.locator(".team-list li").count() == 3
    screenshot(phone, "engagement-ward-phone")
    context.close()
    assert width <= 375


def test_an_officer_plans_an_event_and_records_the_issues_raised(page, live_server, people):
    sign_in(page, live_server.url, "officer_a", PASSWORD)
    page.goto(f"{live_server.url}/engagement/events/new/")
    page.get_by_label("Title").fill("Barbican drop-in")
    page.get_by_label("Type").select_option(label="Neighbourhood surgery")
    start = timezone.localtime() - timedelta(days=1)
    page.get_by_label("Start").fill(f"{start:%Y-%m-%d}T10:00")
    page.get_by_label("End").fill(f"{start:%Y-%m-%d}T11:00")
    page.get_by_label("Address").fill("Barbican Library, Silk Street")
    page.get_by_label("Residents").check()
    screenshot(page, "engagement-plan-event")
    assert_clean(page)
    page.get_by_role("button", name="Plan the event").click()
    assert "Planned: Barbican drop-in." in page.locator(".messages").inner_text()
    event = Event.objects.get(title="Barbican drop-in")

    page.get_by_role("link", name="Record the outcome").click()
    page.get_by_label("Attendance").fill("17")
    ward = people.cluster_a.wards.order_by("name").first()
    page.locator("#id_issue-0-ward").select_option(label=ward.name)
    page.locator("#id_issue-0-text").fill("Cyclists riding on the pavement at school time.")
    screenshot(page, "engagement-record-outcome")
    assert_clean(page)
    page.get_by_role("button", name="Record the outcome").click()
    assert "Outcome recorded: 1 issue(s) added." in page.locator(".messages").inner_text()
    page.get_by_role("button", name="Make it a ward priority").click()
    assert "waiting for a supervisor to publish it" in page.locator(".messages").inner_text()
    priority = Priority.objects.get()
    assert priority.ward == ward and priority.event == event and not priority.published
    screenshot(page, "engagement-event-after")
    assert_clean(page)


def test_the_issues_raised_scroll_inside_their_box_on_a_phone(browser, live_server, people):
    event = make_event(people.cluster_a, title="Barbican drop-in", days=-2)
    ward = people.cluster_a.wards.order_by("name").first()
    for text in ("Cyclists riding on the pavement at school time", "Bins left out overnight on the high walk"):
        IssueRaised.objects.create(event=event, ward=ward, text=text)
    context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True)
    phone = context.new_page()
    sign_in(phone, live_server.url, "officer_a", PASSWORD)
    phone.goto(f"{live_server.url}/events/{event.pk}/")
    phone.locator(".table-scroll table").scroll_into_view_if_needed()
    width = phone.evaluate("document.documentElement.scrollWidth")
    screenshot(phone, "engagement-event-issues-phone")
    context.close()
    assert width <= 390, f"the page is {width}px wide on a 390px phone"


def test_a_request_for_attendance_is_sent_and_accepted(page, live_server, people):
    officer = make_officer(people.cluster_a, name="PC Alex Business", user=people["officer_b"])
    officer.teams.add(make_team(people.cluster_a.sector.force))
    day = timezone.localdate() + timedelta(days=12)
    page.goto(f"{live_server.url}/request-attendance/")
    page.get_by_label("Organisation").fill("Cheapside Security Forum")
    page.get_by_label("Your name").fill("Pat Requester")
    page.get_by_label("Your email").fill("pat@example.org")
    page.get_by_label("Date").fill(f"{day:%Y-%m-%d}")
    page.get_by_label("Start time").fill("09:00")
    page.get_by_label("End time").fill("10:00")
    page.get_by_label("Place").fill("1 Example Square")
    page.get_by_label("Topic").fill("Shoplifting: what to report")
    screenshot(page, "engagement-request-form")
    assert_clean(page)
    page.get_by_role("button", name="Send the request").click()
    assert page.locator("h1").inner_text() == "Thank you: your request is sent"

    sign_in(page, live_server.url, "officer_b", PASSWORD)
    page.goto(f"{live_server.url}/engagement/requests/")
    page.get_by_role("link", name="Cheapside Security Forum").click()
    accept = page.locator("form[action$='/accept/']")
    accept.get_by_label("Officer").select_option(label="PC Alex Business")
    accept.get_by_label("Type of event").select_option(label="Security forum briefing")
    accept.get_by_label("Cluster").select_option(label=str(people.cluster_a))
    screenshot(page, "engagement-request-queue")
    assert_clean(page)
    accept.get_by_role("button", name="Accept the request").click()
    assert "accepted" in page.locator(".messages").inner_text()
    assert page.locator("h1").inner_text().startswith("Cheapside Security Forum")
    assert AttendanceRequest.objects.get().status == "accepted"
    assert len(mail.outbox) == 1 and "PC Alex Business will attend" in mail.outbox[0].body
    screenshot(page, "engagement-request-accepted")
    assert_clean(page)
