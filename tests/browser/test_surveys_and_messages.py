"""Surveys and messaging in a real browser: answering on a phone, reading results as a supervisor,
subscribing and confirming, an officer sending a message. No other host, no serious axe finding."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.core import mail

from beatbook.demo.surveys import TITLE, ensure_demo_surveys
from beatbook.geography.services import load_geography
from beatbook.messaging.models import Subscriber
from beatbook.surveys.models import Access, Response, SurveyKind, Wave
from beatbook.surveys.services import create_survey
from tests.browser.conftest import assert_clean, chart_text_px, follow_nav, screenshot, sign_in
from tests.conftest import city_config
from tests.personas import PASSWORD, make_personas

pytestmark = pytest.mark.browser


@pytest.fixture
def people(transactional_db, settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    load_geography(city_config())
    return make_personas()


def test_answering_a_survey_on_a_phone(page, live_server, people):
    survey = create_survey("City confidence", SurveyKind.CONFIDENCE, Access.OPEN, "Tell us how we are doing.", None)
    wave = Wave.objects.create(survey=survey, name="Now", opens=dt.date(2000, 1, 1), closes=dt.date(2999, 1, 1))
    page.set_viewport_size({"width": 375, "height": 800})
    page.goto(f"{live_server.url}/surveys/answer/{wave.pk}/")
    assert page.evaluate("document.documentElement.scrollWidth") <= 375  # nothing wider than the phone
    page.get_by_label("Which ward is this about? (required)").select_option(label="Bishopsgate")
    page.get_by_label("I work here").check()
    page.get_by_role("group", name=re.compile("how good a job")).get_by_label("Good", exact=True).check()
    page.get_by_role("group", name=re.compile("after dark")).get_by_label("Fairly safe").check()
    screenshot(page, "survey-answer-phone")
    assert_clean(page)
    page.get_by_role("button", name="Send my answers").click()
    page.wait_for_url("**/surveys/answer/thanks/")
    assert page.locator("h1").inner_text() == "Thank you"
    response = Response.objects.get()
    assert (response.ward.name, response.group) == ("Bishopsgate", "worker")
    assert sorted(response.answers.values_list("choice", flat=True)) == ["Fairly safe", "Good"]
    assert_clean(page)


def test_a_supervisor_reads_the_results(page, live_server, people):
    ensure_demo_surveys()
    sign_in(page, live_server.url, "supervisor", PASSWORD)
    follow_nav(page, "Surveys")
    page.get_by_role("link", name=f"Results of {TITLE}").click()
    assert page.locator("h1").inner_text() == f"Results: {TITLE}"
    assert page.locator("figure.chart .chart-wide svg").is_visible()
    assert not page.locator("figure.chart .chart-narrow svg").is_visible()
    first = page.locator("table.results").first
    assert "fewer than 10 responses" in first.inner_text() and "Businesses" in first.inner_text()
    assert page.get_by_role("link", name="Download the results (CSV)").is_visible()
    screenshot(page, "survey-results")
    assert_clean(page)
    page.set_viewport_size({"width": 390, "height": 844})
    assert page.locator("figure.chart .chart-narrow svg").is_visible()
    text = chart_text_px(page, "figure.chart .chart-narrow svg")
    assert text >= 10, f"the chart's text is {text:.1f}px on a phone"
    screenshot(page, "survey-results-phone")


def test_subscribing_and_confirming(page, live_server, people):
    page.goto(live_server.url + "/messages/subscribe/")
    page.get_by_label("Email address", exact=True).fill("sam@example.org")
    page.get_by_label("Events and meetings").check()
    page.get_by_label("Bishopsgate").check()
    page.get_by_label("I have read").check()
    screenshot(page, "subscribe")
    assert_clean(page)
    page.get_by_role("button", name="Subscribe").click()
    page.wait_for_url("**/messages/subscribe/sent/")
    link = re.search(r"http://127\.0\.0\.1:8000(/messages/confirm/\S+/)", mail.outbox[-1].body).group(1)
    page.goto(live_server.url + link)
    page.get_by_role("button", name="Confirm my subscription").click()
    page.wait_for_url("**/messages/subscribe/done/")
    assert "Your subscription is confirmed" in page.locator(".messages").inner_text()
    assert Subscriber.objects.receiving().get().email == "sam@example.org"
    assert_clean(page)


def test_an_officer_previews_then_sends_a_message(page, live_server, people):
    subscriber = Subscriber.objects.create(email="sam@example.org", confirmed=dt.datetime.now(dt.UTC))
    subscriber.wards.add(people.cluster_a.wards.first())  # no topic ticked: every topic
    sign_in(page, live_server.url, "officer_a", PASSWORD)
    follow_nav(page, "Messages")
    page.get_by_role("link", name="Write a message").click()
    page.get_by_label("Subject").fill("Bike marking on Saturday")
    page.get_by_label("Message").fill("Bring your bike to the market, 10:00 to 14:00.")
    page.get_by_label("Cluster").select_option(label=str(people.cluster_a))
    page.get_by_label("Topic").select_option(label="Events and meetings")
    assert_clean(page)
    page.get_by_role("button", name="Preview").click()
    assert page.locator("#recipient-count").inner_text() == "1"
    assert "Bring your bike to the market" in page.inner_text(".message-preview")
    screenshot(page, "message-preview")
    assert_clean(page)
    page.get_by_role("button", name="Send to 1 subscriber").click()
    assert page.locator("h1").inner_text() == "Bike marking on Saturday"
    assert "Message queued for 1 subscriber;" in page.locator(".messages").inner_text()
    assert "Events and meetings" in page.locator("dl.facts").inner_text()
    screenshot(page, "message-sent")
    assert_clean(page)
