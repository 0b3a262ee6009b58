"""A message to a campaign's audience: who is and is not reached, the preview of how many, the message
belonging to the campaign (its page and its reach), and who may write it."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core import mail
from django.utils import timezone

from beatbook.campaigns.services import reach
from beatbook.core.models import AuditEvent
from beatbook.messaging import outbox
from beatbook.messaging.models import Message, OutboxEmail, Subscriber, SubscriberTopic, Topic
from beatbook.messaging.services import audience
from tests.campaigns.factories import draft_campaign
from tests.messaging.flaky_backend import FlakyBackend

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def mail_backend(settings):
    settings.BEATBOOK_PUBLIC_URL = "http://testserver"
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"


def subscriber(email: str, wards=(), group: str = "", topics=(), confirmed=True, **fields) -> Subscriber:
    row = Subscriber.objects.create(email=email, group=group, confirmed=timezone.now() if confirmed else None, **fields)
    row.wards.set(wards)
    for topic in topics:
        SubscriberTopic.objects.create(subscriber=row, topic=topic)
    return row


@pytest.fixture
def wards(personas):
    """Two wards of cluster A, one of cluster B."""
    a1, a2 = personas.cluster_a.wards.order_by("name")[:2]
    return a1, a2, personas.cluster_b.wards.order_by("name").first()


def reached(campaign) -> set[str]:
    return set(audience(None, None, "", campaign=campaign).values_list("email", flat=True))


def test_the_audience_is_confirmed_subscribers_of_the_area_in_the_campaigns_groups(personas, wards):
    a1, a2, b1 = wards
    campaign = draft_campaign(cluster=personas.cluster_a, audiences=["residents", "businesses"])
    subscriber("resident@example.org", [a1], "resident")
    subscriber("business@example.org", [a2], "business")
    subscriber("anywhere@example.org", [], "resident", topics=[Topic.CAMPAIGNS])
    subscriber("unconfirmed@example.org", [a1], "resident", confirmed=False)
    subscriber("gone@example.org", [a1], "resident", unsubscribed=timezone.now())
    subscriber("other-ward@example.org", [b1], "resident")
    subscriber("other-group@example.org", [a1], "visitor")
    subscriber("no-group@example.org", [a1], "")
    subscriber("other-topic@example.org", [], "resident", topics=[Topic.EVENTS])
    subscriber("ward-and-topic-elsewhere@example.org", [b1], "resident", topics=[Topic.CAMPAIGNS])
    subscriber("demo@example.org", [a1], "resident", demonstration=True)

    assert reached(campaign) == {"resident@example.org", "business@example.org", "anywhere@example.org"}


def test_chosen_wards_narrow_the_cluster_and_no_group_audience_does_not_narrow(personas, wards):
    a1, a2, _ = wards
    campaign = draft_campaign(cluster=personas.cluster_a, audiences=["young_people"])
    campaign.wards.set([a1])
    subscriber("a1@example.org", [a1], "")
    subscriber("a1-visitor@example.org", [a1], "visitor")
    subscriber("a2@example.org", [a2], "resident")

    assert reached(campaign) == {"a1@example.org", "a1-visitor@example.org"}


def test_a_force_wide_campaign_reaches_every_ward_of_the_force(personas, wards):
    a1, _, b1 = wards
    campaign = draft_campaign(audiences=["workers"])
    subscriber("a@example.org", [a1], "worker")
    subscriber("b@example.org", [b1], "worker")
    subscriber("b-resident@example.org", [b1], "resident")

    assert reached(campaign) == {"a@example.org", "b@example.org"}


def test_an_officer_previews_the_count_then_sends_and_the_campaign_shows_it(personas, wards):
    a1, _, b1 = wards
    campaign = draft_campaign(cluster=personas.cluster_a, audiences=["residents"])
    subscriber("in@example.org", [a1], "resident")
    subscriber("out@example.org", [b1], "resident")
    subscriber("demo@example.org", [a1], "resident", demonstration=True)
    client = personas.client("officer_a")
    url = f"/campaigns/manage/{campaign.pk}/message/"
    text = {"subject": "Lock it", "body": "Use a D-lock."}

    form = client.get(url)
    preview = client.post(url, {**text, "action": "preview"})
    assert form.status_code == 200 and 'id="recipient-count">1<' in form.content.decode()
    assert "Send to 1 subscriber" in preview.content.decode() and not Message.objects.exists()

    sent = client.post(url, {**text, "action": "send"})
    assert sent.status_code == 302 and sent["Location"] == f"/campaigns/manage/{campaign.pk}/"
    message = Message.objects.get()
    assert message.campaign == campaign and list(campaign.messages.all()) == [message]
    assert message.recipients == 1 and [e.to for e in OutboxEmail.objects.filter(message=message)] == ["in@example.org"]
    outbox.deliver_due()
    assert [m.to for m in mail.outbox] == [["in@example.org"]] and "Unsubscribe: http" in mail.outbox[0].body
    assert AuditEvent.objects.filter(object_type="messaging.message", object_id=str(message.pk)).exists()
    page = client.get(f"/campaigns/manage/{campaign.pk}/").content.decode()
    assert "Lock it" in page and "to the campaign's audience" in page
    assert reach(campaign).messages == 1 and reach(campaign).messages_delivered == 1


def test_a_failing_mail_server_keeps_the_campaign_message_to_send_later(personas, wards, settings, monkeypatch):
    settings.EMAIL_BACKEND = "tests.messaging.flaky_backend.FlakyBackend"
    monkeypatch.setattr(FlakyBackend, "failures_left", 1)
    campaign = draft_campaign(cluster=personas.cluster_a)
    subscriber("in@example.org", [wards[0]], "resident")
    personas.client("officer_a").post(
        f"/campaigns/manage/{campaign.pk}/message/", {"subject": "S", "body": "B", "action": "send"}
    )
    assert outbox.deliver_due().retrying == 1 and reach(campaign).messages_delivered == 0
    assert OutboxEmail.objects.filter(message__campaign=campaign, status="pending").count() == 1
    outbox.deliver_due(now=timezone.now() + dt.timedelta(hours=1))
    assert reach(campaign).messages_delivered == 1


def test_bad_input_and_an_empty_audience_send_nothing(personas, wards):
    campaign = draft_campaign(cluster=personas.cluster_a, audiences=["residents"])
    client = personas.client("officer_a")
    url = f"/campaigns/manage/{campaign.pk}/message/"

    missing = client.post(url, {"subject": "", "body": "B", "action": "send"})
    nobody = client.post(url, {"subject": "S", "body": "B", "action": "send"})

    assert missing.status_code == 400 and "This field is required" in missing.content.decode()
    assert nobody.status_code == 400 and "Nobody is in this campaign" in nobody.content.decode()
    assert not Message.objects.exists()


def test_another_clusters_officer_cannot_write_to_its_audience(personas, wards):
    campaign = draft_campaign(cluster=personas.cluster_a)
    subscriber("in@example.org", [wards[0]], "resident")
    url = f"/campaigns/manage/{campaign.pk}/message/"
    data = {"subject": "S", "body": "B", "action": "send"}

    assert personas.client("officer_b").post(url, data).status_code == 403
    assert personas.client("analyst").get(url).status_code == 403
    assert personas.client("officer_a").get("/campaigns/manage/99999/message/").status_code == 404
    assert not Message.objects.exists()
    assert personas.client("supervisor").post(url, data).status_code == 302
