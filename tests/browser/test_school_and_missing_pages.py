"""School notifications and missing-person briefings in a real browser: a notification from entry to
sent, the supervisor's timeliness page, and a briefing written by a safeguarding officer and read by an
officer of the cluster on a 375-pixel phone. Each page is looked at (screenshot), loads nothing from
another host, and has no serious axe finding."""

from __future__ import annotations

import io

import pytest
from django.core import mail
from PIL import Image

from beatbook.missing.models import MissingBriefing
from beatbook.schools.models import School, SchoolNotification
from tests.browser.conftest import assert_clean, follow_nav, screenshot, sign_in, sign_in_with_code
from tests.personas import PASSWORD

pytestmark = pytest.mark.browser
CHILD = "Sam Example"


def test_a_school_notification_from_entry_to_sent(page, live_server, people):
    school = School.objects.create(
        name="Example Primary School",
        ward=people.cluster_a.wards.order_by("name").first(),
        phases=["primary"],
        key_adult="A. Teacher, Designated Safeguarding Lead",
        team_email="safeguarding@example-school.invalid",
    )
    sign_in_with_code(page, live_server.url, people["safeguarding"])
    follow_nav(page, "School notifications")
    assert "No notifications yet" in page.locator("main").inner_text()
    page.get_by_role("link", name="New notification").click()
    page.get_by_label("Incident reference").fill("INC-2025-0314-001")
    page.get_by_label("Date of the incident").fill("2025-03-14")
    page.get_by_label("Time of the incident").fill("19:30")
    page.get_by_label("School", exact=True).select_option(label=school.name)
    page.get_by_label("Child's name").fill(CHILD)
    page.get_by_label("Year group").fill("Year 4")
    screenshot(page, "schools-new-notification")
    assert_clean(page)
    page.get_by_role("button", name="Open the notification").click()
    assert "Monday 17 March 2025, 09:00" in page.locator(".facts").inner_text()
    assert "INC-2025-0314-001" not in page.locator(".email-preview").inner_text()
    page.get_by_role("button", name="Send to the key adult").click()
    notification = SchoolNotification.objects.get()
    assert notification.sent_at is not None and mail.outbox[0].to == [school.team_email]
    assert "Sent to safeguarding@example-school.invalid" in page.locator(".status").inner_text()
    assert notification.reference in page.locator(".messages").inner_text()
    screenshot(page, "schools-notification-sent")
    assert_clean(page)
    page.get_by_role("button", name="Sign out").click()

    sign_in(page, live_server.url, "supervisor", PASSWORD)
    follow_nav(page, "Encompass timeliness")
    page.get_by_label("Incidents from").fill("2025-03-01")
    page.get_by_label("to", exact=True).fill("2025-03-31")
    page.get_by_role("button", name="Show").click()
    assert "late" in page.locator("main").inner_text() and CHILD not in page.content()
    screenshot(page, "schools-timeliness-supervisor")
    assert_clean(page)


def _photo(tmp_path):
    path = tmp_path / "placeholder.png"
    image = Image.new("RGB", (300, 400), "#d9e6f2")
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    path.write_bytes(buffer.getvalue())
    return path


def test_a_missing_person_briefing_on_a_phone(browser, page, live_server, people, tmp_path):
    sign_in_with_code(page, live_server.url, people["safeguarding"])
    page.goto(live_server.url + "/missing/new/")
    page.get_by_label("Name").fill("Alex Example")
    page.get_by_label("Age").fill("15")
    page.get_by_label("Photo").set_input_files(str(_photo(tmp_path)))
    page.get_by_label("Description").fill("Slight build, navy school blazer, black rucksack with a yellow tag.")
    page.get_by_label("Last seen where").fill("Barbican Centre, Silk Street entrance")
    page.get_by_label("Last seen when").fill("2025-03-14T16:30")
    page.get_by_label("High risk").check()
    page.get_by_label("What to do if found").fill("Stay with them and call the control room.")
    page.get_by_label(people.cluster_a.name).check()
    page.get_by_label("Review by").fill("2099-01-01T09:00")
    page.get_by_role("button", name="Brief the officers").click()
    briefing = MissingBriefing.objects.get()
    assert briefing.reference in page.locator(".messages").inner_text() and briefing.photo_type == "image/jpeg"
    page.get_by_role("button", name="Sign out").click()

    context = browser.new_context(viewport={"width": 375, "height": 800})
    phone = context.new_page()
    phone.console_errors, phone.foreign_requests = [], []
    phone.on("console", lambda m: phone.console_errors.append(m.text) if m.type == "error" else None)
    phone.on("request", lambda r: None if r.url.startswith(live_server.url) else phone.foreign_requests.append(r.url))
    sign_in(phone, live_server.url, "officer_a", PASSWORD)
    follow_nav(phone, "Missing people")
    assert "Alex Example" in phone.locator(".briefings").inner_text()
    screenshot(phone, "missing-list-phone")
    assert_clean(phone)
    phone.get_by_role("link", name="Alex Example").click()
    width = "img => img.complete ? img.naturalWidth : new Promise(done => img.onload = () => done(img.naturalWidth))"
    assert phone.locator("img.photo").evaluate(width) > 0  # the photo may load after the page
    assert "call the control room" in phone.locator(".if-found-text").inner_text()
    assert phone.evaluate("document.documentElement.scrollWidth") <= 375
    screenshot(phone, "missing-briefing-phone")
    assert_clean(phone)
    phone.get_by_role("button", name="Record the person found").click()  # one tap is not enough
    assert "Tick “I confirm the person is found”" in phone.locator(".field-error").inner_text()
    phone.console_errors.clear()  # chromium logs the 400 of the refused form itself
    phone.get_by_label("I confirm the person is found").check()
    phone.get_by_role("button", name="Record the person found").click()
    assert phone.url == f"{live_server.url}/missing/"  # the list: the found briefing is no longer theirs to see
    assert "who wrote it, has been told" in phone.locator(".messages").inner_text()
    screenshot(phone, "missing-found-phone")
    assert_clean(phone)
    context.close()

    sign_in(page, live_server.url, "officer_b", PASSWORD)
    page.goto(f"{live_server.url}/missing/{briefing.pk}/")
    assert "Alex Example" not in page.content()
