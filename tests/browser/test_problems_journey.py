"""SARA in a real browser: a DWO takes up a Hub suggestion, moves the problem through every
stage, runs an assessment and reads the verdict; the plan prints; a partner's view on a phone."""

from __future__ import annotations

import re

import pytest

from beatbook.problems.models import Problem
from tests.browser.conftest import screenshot, sign_in
from tests.browser.hub_helpers import assert_clean, city_with_personas, horizontal_overflow, phone_page
from tests.personas import PASSWORD

pytestmark = pytest.mark.browser
MONTHS = [f"2024-{month:02d}" for month in range(1, 7)]


@pytest.fixture
def people(transactional_db, settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    return city_with_personas(MONTHS)


def _move(page, stage: str) -> None:
    page.get_by_label("Stage", exact=True).select_option(label=stage)
    page.get_by_role("button", name="Move").click()
    page.wait_for_load_state()
    assert f"Moved to {stage}." in page.locator(".messages").inner_text()
    assert page.locator('[aria-current="step"]').inner_text() == stage


def test_a_dwo_takes_up_a_suggestion_works_it_through_sara_and_reads_the_verdict(page, live_server, people):
    sign_in(page, live_server.url, "officer_a", PASSWORD)
    page.goto(live_server.url + "/problems/")
    page.get_by_role("link", name="Suggestions from the Hub").click()
    first = page.locator("ol.suggestions > li").first
    title = first.locator("h2").inner_text()
    assert "See it on the Hub" in first.inner_text() and first.locator("ul li").count() >= 1  # its evidence
    screenshot(page, "problems-scanning")
    assert_clean(page)
    first.get_by_role("button", name="Take up as a problem").click()
    page.wait_for_url(re.compile(r".*/problems/\d+/$"))
    assert re.fullmatch(re.escape(title) + r"\s+SARA-\d+", page.locator("h1").inner_text())  # with its reference

    for stage in ("Analysis", "Response", "Assessment"):
        _move(page, stage)
    page.get_by_role("link", name="Run an assessment").click()
    page.get_by_label("Farringdon Without").check()
    page.get_by_label("Castle Baynard").check()
    page.get_by_role("button", name="Assess").click()
    page.wait_for_load_state()
    verdict = page.locator(".verdict").inner_text()
    assert re.search(r"Crime (fell|rose)", verdict) and "How sure:" in verdict
    assert page.locator("figure.chart svg").count() == 1
    screenshot(page, "problems-assessment")
    assert_clean(page)

    page.get_by_role("link", name=title).click()
    _move(page, "Closed")
    history = page.locator("ol.history").inner_text()
    assert "scanning → analysis" in history and "assessment → closed" in history and "Assessment run" in history
    screenshot(page, "problems-detail")
    assert_clean(page)
    problem = Problem.objects.get(title=title)
    pdf = page.request.get(f"{live_server.url}/problems/{problem.pk}/plan.pdf")
    assert pdf.ok and pdf.body().startswith(b"%PDF-")
    assert page.foreign_requests == []


def test_a_partner_reads_the_shared_plan_on_a_phone(browser, live_server, people):
    from tests.problems.conftest import make_problem

    problem = make_problem(people["officer_a"], partners=[people.organisation_x], shared=["analysis", "responses"])
    with phone_page(browser, live_server) as phone:
        sign_in(phone, live_server.url, "partner_x", PASSWORD)
        phone.goto(f"{live_server.url}/problems/{problem.pk}/")
        text = phone.locator("main").inner_text()
        assert "Pickpocketing at the station entrances." in text and "POLICE-ONLY-DESCRIPTION" not in text
        assert "Commuters with phones" in text and "History" not in text
        assert horizontal_overflow(phone) == 0
        screenshot(phone, "problems-partner-phone")
        assert_clean(phone)
