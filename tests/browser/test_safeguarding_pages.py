"""Safeguarding in a real browser: the repeat register (with the synthetic banner), and a DASH form
leading to a MARAC referral. Each page is looked at (screenshot), loads nothing from another host, and
has no serious axe finding."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest
from django.utils import timezone

from beatbook.geography.services import load_geography
from beatbook.safeguarding.models import IncidentLog, MaracReferral
from tests.browser.conftest import assert_clean, follow_nav, screenshot, sign_in, sign_in_with_code
from tests.conftest import city_config
from tests.personas import PASSWORD, make_personas
from tests.safeguarding.conftest import PERSON, incident, repeat_person

pytestmark = pytest.mark.browser


@pytest.fixture
def people(transactional_db, settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    load_geography(city_config())
    people = make_personas()
    repeat_person(people.cluster_a.wards.first(), "On or near Example Street")
    return people


def test_the_repeat_register_and_a_dash_form_leading_to_a_marac_referral(page, live_server, people):
    sign_in_with_code(page, live_server.url, people["safeguarding"])
    follow_nav(page, "Safeguarding")
    assert page.locator(".synthetic-banner").is_visible()
    assert PERSON in page.get_by_role("table").first.inner_text()
    screenshot(page, "safeguarding-repeat-register")
    assert_clean(page)
    page.get_by_role("link", name=PERSON).first.click()
    page.get_by_role("link", name=f"Start a DASH assessment for {PERSON}").click()
    assert page.get_by_label("Victim").input_value() == PERSON
    page.get_by_label("Incident id").fill("INC-0002")
    for n in range(1, 28):
        group = page.get_by_role("group", name=f"{n}. ", exact=False).filter(has=page.locator(f"input[name=q{n}]"))
        group.get_by_label("Yes" if n <= 14 else "No", exact=True).check()
    screenshot(page, "safeguarding-dash-form")
    assert_clean(page)
    page.get_by_role("button", name="Store the assessment").click()
    assert "score 14, High risk and referred to the MARAC" in page.locator(".messages").inner_text()
    assert "Referred to the MARAC" in page.locator(".marac-referral").inner_text()
    assert page.locator(".synthetic-banner").is_visible()
    assert MaracReferral.objects.get().assessment.score == 14
    screenshot(page, "safeguarding-dash-marac-referral")
    assert_clean(page)


def test_an_officer_sees_counts_only_on_a_phone(browser, live_server, people):
    context = browser.new_context(viewport={"width": 375, "height": 800})
    page = context.new_page()
    page.console_errors, page.foreign_requests = [], []
    page.on("console", lambda m: page.console_errors.append(m.text) if m.type == "error" else None)
    page.on("request", lambda r: None if r.url.startswith(live_server.url) else page.foreign_requests.append(r.url))
    sign_in(page, live_server.url, "officer_a", PASSWORD)
    page.goto(live_server.url + "/safeguarding/counts/")
    assert people.cluster_a.wards.first().name in page.get_by_role("table").inner_text()
    assert PERSON not in page.content() and "Example Street" not in page.content()
    screenshot(page, "safeguarding-counts-phone")
    assert_clean(page)
    context.close()


def test_the_register_is_paged_and_keeps_each_pseudonym_on_one_line_on_a_phone(browser, live_server, people):
    log = IncidentLog.objects.get()
    start = timezone.make_aware(datetime(2025, 3, 1, 20, 0))
    for n in range(30):
        who = f"SYN-V{100 + n:03d}"
        for k in range(3):
            incident(log, 100 + n * 3 + k, start + timedelta(days=k), victim=who, caller=who)
    context = browser.new_context(viewport={"width": 375, "height": 800})
    phone = context.new_page()
    phone.console_errors, phone.foreign_requests = [], []
    phone.on("console", lambda m: phone.console_errors.append(m.text) if m.type == "error" else None)
    phone.on("request", lambda r: None if r.url.startswith(live_server.url) else phone.foreign_requests.append(r.url))
    sign_in_with_code(phone, live_server.url, people["safeguarding"])
    phone.goto(live_server.url + "/safeguarding/")
    links = phone.locator("td.pseudonym a")
    assert links.count() == 75  # 25 of each list
    lines = links.evaluate_all("links => links.map(a => a.getClientRects().length)")
    assert set(lines) == {1}, "a pseudonym is broken across lines"
    phone.get_by_role("link", name="Next repeat victims").click()
    assert "victims=2" in phone.url and "Page 2 of 2" in phone.locator("#victims ~ nav").first.inner_text()
    screenshot(phone, "safeguarding-register-paged-phone")
    assert_clean(phone)
    context.close()
