"""Support plans and Community MARAC cases in a real browser: a safeguarding officer opens a plan with an
action, and a case with a partner invited and actions for them and for the police; the partner, on a phone,
sees the summary written for partners and their own action only. Each page is looked at (screenshot), loads
nothing from another host, and has no serious axe finding."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from beatbook.safeguarding.models import MaracCase, SupportPlan
from tests.browser.conftest import assert_clean, screenshot, sign_in, sign_in_with_code
from tests.browser.test_safeguarding_pages import people  # noqa: F401  (the fixture)
from tests.personas import PASSWORD
from tests.safeguarding.conftest import PERSON

pytestmark = pytest.mark.browser
RISK = "RISK-NOTES-ONLY-FOR-SAFEGUARDING"


def _day(days: int) -> str:
    return (timezone.localdate() + timedelta(days=days)).isoformat()


def test_a_support_plan_with_an_action(page, live_server, people):  # noqa: F811
    sign_in_with_code(page, live_server.url, people["safeguarding"])
    page.goto(live_server.url + "/safeguarding/plans/")
    assert "No support plan yet" in page.content()
    page.get_by_role("link", name="Open a plan").click()
    page.get_by_label("Victim").fill(PERSON)
    page.get_by_label("Summary").fill("Wants to feel safe at home and to know when the caller is released.")
    page.get_by_label("Owner").select_option(label="safeguarding")
    page.get_by_label("Next review").fill(_day(28))
    page.get_by_role("button", name="Open the plan").click()
    assert "opened: add its actions" in page.locator(".messages").inner_text()
    page.get_by_label("Action").fill("Fit a video doorbell")
    page.get_by_label("Owner").fill("Target hardening officer, City Police")
    page.get_by_label("Due").fill(_day(7))
    page.get_by_role("button", name="Add the action").click()
    assert "Fit a video doorbell" in page.get_by_role("table").inner_text()
    assert page.locator(".synthetic-banner").is_visible()
    assert SupportPlan.objects.get().actions.count() == 1
    screenshot(page, "safeguarding-support-plan")
    assert_clean(page)


def test_a_marac_case_a_partner_sees_only_their_part_of(browser, page, live_server, people):  # noqa: F811
    sign_in_with_code(page, live_server.url, people["safeguarding"])
    page.goto(live_server.url + "/safeguarding/marac/cases/new/")
    page.get_by_label("Victim").fill(PERSON)
    page.get_by_label("Meeting date").fill(_day(7))
    page.get_by_label("Summary for partners").fill("Threats at the shared entrance of a residential block.")
    page.get_by_label("Risk notes").fill(RISK)
    page.get_by_label(people.organisation_x.name).check()
    page.get_by_role("button", name="Open the case").click()
    case = MaracCase.objects.get()
    for organisation, text in (
        (people.organisation_x.name, "Review CCTV of the entrance"),
        ("The police", "Flag the address"),
    ):
        page.get_by_label("Action", exact=True).fill(text)
        page.get_by_label("Organisation", exact=True).select_option(label=organisation)
        page.get_by_label("Owner", exact=True).fill("A named lead")
        page.get_by_label("Due", exact=True).fill(_day(14))
        page.get_by_role("button", name="Add the action").click()
    assert case.actions.count() == 2
    screenshot(page, "safeguarding-marac-case")
    assert_clean(page)

    context = browser.new_context(viewport={"width": 375, "height": 800})
    phone = context.new_page()
    phone.console_errors, phone.foreign_requests = [], []
    phone.on("console", lambda m: phone.console_errors.append(m.text) if m.type == "error" else None)
    phone.on("request", lambda r: None if r.url.startswith(live_server.url) else phone.foreign_requests.append(r.url))
    sign_in(phone, live_server.url, "partner_x", PASSWORD)
    phone.goto(live_server.url + "/safeguarding/marac/cases/")
    phone.get_by_role("link", name=case.reference).click()
    text = phone.locator("main").inner_text()
    assert "Threats at the shared entrance" in text and "Review CCTV of the entrance" in text
    assert "Flag the address" not in text and RISK not in phone.content() and PERSON not in phone.content()
    phone.get_by_role("button", name="Mark done").click()
    assert "Action marked done." in phone.locator(".messages").inner_text()
    screenshot(phone, "safeguarding-marac-case-partner-phone")
    assert_clean(phone)
    context.close()
