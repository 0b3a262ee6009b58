"""Abstractions in a real browser: a supervisor uploads a roster export with a bad row and is told
which line; an officer records their own abstraction on a 375 px phone."""

from __future__ import annotations

import pytest

from beatbook.workforce.records import Abstraction, AbstractionReason
from tests.browser.conftest import assert_clean, screenshot, serious_accessibility_problems, sign_in
from tests.engagement.factories import make_officer
from tests.personas import PASSWORD

pytestmark = pytest.mark.browser
PHONE = {"viewport": {"width": 375, "height": 740}, "is_mobile": True}
REASONS = {"response-cover": "Response cover", "court": "Court", "events": "Events"}


@pytest.fixture
def officers(people):
    """officer_a's officer record (collar D001), and the reasons (a transactional test's flush may have
    emptied the seeded table)."""
    for order, (code, name) in enumerate(REASONS.items()):
        AbstractionReason.objects.get_or_create(code=code, defaults={"name": name, "order": order})
    return make_officer(people.cluster_a, name="PC Robin Ashdown", collar_number="D001", user=people["officer_a"])


def test_a_supervisor_imports_a_roster_with_a_bad_row(page, live_server, officers, tmp_path):
    roster = tmp_path / "roster-march.csv"
    roster.write_text(
        "collar_number,date,hours,reason,note\n"
        "D001,2025-03-01,8,response-cover,Late shift cover\n"
        "D001,2025-03-02,4,lunch,\n"
        "D001,2025-03-03,6,court,\n"
    )
    sign_in(page, live_server.url, "supervisor", PASSWORD)
    page.goto(f"{live_server.url}/workforce/abstractions/")
    page.get_by_role("link", name="Import a roster export").click()
    page.get_by_label("Roster export (CSV)").set_input_files(str(roster))
    page.get_by_role("button", name="Import").click()
    alert = page.get_by_role("alert")
    assert "Nothing was imported: 1 problem(s) in the file." in alert.inner_text()
    assert "Line 3, reason: 'lunch' is not a reason" in alert.inner_text()
    assert not Abstraction.objects.exists()
    screenshot(page, "workforce-import-refused")
    assert page.console_errors == ["Failed to load resource: the server responded with a status of 400 (Bad Request)"]
    page.console_errors.clear()  # chromium logs the refused upload's 400 itself
    assert_clean(page)

    roster.write_text(roster.read_text().replace("lunch", "events"))
    page.get_by_label("Roster export (CSV)").set_input_files(str(roster))
    page.get_by_role("button", name="Import").click()
    assert "Imported abstractions: 3 added, 0 updated, 0 unchanged." in page.locator(".messages").inner_text()
    assert page.locator("table").nth(1).get_by_text("Late shift cover").is_visible()
    screenshot(page, "workforce-abstractions")
    assert_clean(page)


def test_an_officer_adds_an_abstraction_on_a_phone(browser, live_server, officers):
    context = browser.new_context(**PHONE)
    phone = context.new_page()
    phone.console_errors = []
    phone.on("console", lambda m: phone.console_errors.append(m.text) if m.type == "error" else None)
    foreign = []
    phone.on("request", lambda r: foreign.append(r.url) if not r.url.startswith(live_server.url) else None)
    sign_in(phone, live_server.url, "officer_a", PASSWORD)
    phone.goto(f"{live_server.url}/workforce/my-abstractions/")
    phone.get_by_label("Date").fill("2025-03-04")
    phone.get_by_label("Hours").fill("5.5")
    phone.get_by_label("Reason").select_option(label="Court")
    phone.get_by_label("Note").fill("Magistrates' court")
    screenshot(phone, "workforce-my-abstractions-phone-form")
    phone.get_by_role("button", name="Add").click()
    assert "Added: 5.5 hours of Court on 04 March 2025." in phone.locator(".messages").inner_text()
    assert phone.get_by_role("cell", name="Magistrates' court").is_visible()
    assert Abstraction.objects.get().officer == officers
    assert phone.evaluate("document.documentElement.scrollWidth") <= 375
    screenshot(phone, "workforce-my-abstractions-phone")
    assert serious_accessibility_problems(phone) == [] and phone.console_errors == [] and foreign == []
    context.close()
