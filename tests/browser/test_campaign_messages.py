"""An officer writes to a campaign's audience in a real browser: sees how many it reaches, previews the
message, sends it, and finds it on the campaign's page."""

from __future__ import annotations

import pytest
from django.core import mail
from django.utils import timezone

from beatbook.messaging import outbox
from beatbook.messaging.models import Message, Subscriber
from tests.browser.conftest import assert_clean, screenshot, sign_in
from tests.campaigns.factories import published_campaign
from tests.personas import PASSWORD

pytestmark = pytest.mark.browser


def _subscriber(email: str, ward, group: str, **fields) -> None:
    row = Subscriber.objects.create(email=email, group=group, confirmed=timezone.now(), **fields)
    row.wards.add(ward)


def test_an_officer_writes_to_a_campaigns_audience(page, live_server, people, settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    ward, other = people.cluster_a.wards.order_by("name")[0], people.cluster_b.wards.order_by("name")[0]
    campaign = published_campaign(slug="lock-it", title="Lock it or lose it", cluster=people.cluster_a)
    campaign.audiences = ["residents", "workers"]
    campaign.save()
    _subscriber("resident@example.org", ward, "resident")
    _subscriber("worker@example.org", ward, "worker")
    _subscriber("visitor@example.org", ward, "visitor")
    _subscriber("elsewhere@example.org", other, "resident")
    _subscriber("demo@example.org", ward, "resident", demonstration=True)

    sign_in(page, live_server.url, "officer_a", PASSWORD)
    page.goto(f"{live_server.url}/campaigns/manage/{campaign.pk}/")
    page.get_by_role("link", name="Write to the campaign's audience").click()
    assert page.locator("#recipient-count").inner_text() == "2"
    assert "residents, workers" in page.inner_text("#audience-rule").lower()
    page.get_by_label("Subject").fill("Bike thefts are up near the station")
    page.get_by_label("Message").fill(
        "Use a D-lock through the frame and the wheel.\nMark your bike at our next event."
    )
    page.get_by_role("button", name="Preview").click()
    assert "Use a D-lock through the frame" in page.inner_text(".message-preview")
    page.set_viewport_size({"width": 375, "height": 740})
    width = page.evaluate("document.documentElement.scrollWidth")
    screenshot(page, "campaign-message-preview-phone")
    assert_clean(page)
    page.set_viewport_size({"width": 1280, "height": 900})
    page.get_by_role("button", name="Send to 2 subscribers").click()
    page.wait_for_url(f"**/campaigns/manage/{campaign.pk}/")

    main = page.inner_text("main")
    assert "Message queued for 2 subscribers" in page.inner_text("body")
    assert "Bike thefts are up near the station" in main and "to the campaign's audience" in main
    screenshot(page, "campaign-message-sent")
    assert_clean(page)
    message = Message.objects.get()
    assert message.campaign == campaign and message.recipients == 2 and width <= 375
    outbox.deliver_due()
    assert sorted(m.to[0] for m in mail.outbox) == ["resident@example.org", "worker@example.org"]
    assert "Mark your bike at our next event." in mail.outbox[0].body
