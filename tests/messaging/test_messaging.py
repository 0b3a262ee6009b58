"""Subscribing with double opt-in, one-click unsubscribe (RFC 8058), messages through an outbox that
survives a failing mail server, and who may read what."""

from __future__ import annotations

import base64
import datetime as dt
import re

import pytest
from django.core import mail, signing
from django.test import Client
from django.utils import timezone

from beatbook.core.models import AuditEvent
from beatbook.messaging import outbox, services
from beatbook.messaging.models import Message, OutboxEmail, PendingSubscription, Subscriber
from beatbook.messaging.services import send_message
from tests.messaging.flaky_backend import FlakyBackend

pytestmark = pytest.mark.django_db


@pytest.fixture
def ward(city):
    return city.sectors.first().clusters.first().wards.first()


def _link(body: str, kind: str) -> str:
    return re.search(rf"http://testserver(/messages/{kind}/[^/\s]+/)", body).group(1)


def _subscribed(client: Client, email: str, ward, topics=("events",)) -> Subscriber:
    data = {"email": email, "wards": [ward.pk], "topics": list(topics), "privacy": "on"}
    assert client.post("/messages/subscribe/", data).status_code == 302
    outbox.deliver_due()
    confirm = _link(mail.outbox[-1].body, "confirm")
    assert client.post(confirm).status_code == 302
    return Subscriber.objects.get(email=email)


@pytest.fixture(autouse=True)
def public_url(settings):
    settings.BEATBOOK_PUBLIC_URL = "http://testserver"
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"


def test_double_opt_in_then_a_message_with_one_click_unsubscribe(ward, personas):
    client = Client()
    response = client.post(
        "/messages/subscribe/", {"email": "Sam@Example.org", "wards": [ward.pk], "topics": ["events"], "privacy": "on"}
    )
    assert response["Location"] == "/messages/subscribe/sent/"
    assert not Subscriber.objects.exists()  # nothing is stored before consent
    outbox.deliver_due()
    assert mail.outbox[0].to == ["sam@example.org"] and "Confirm here" in mail.outbox[0].body
    confirm = _link(mail.outbox[0].body, "confirm")
    assert client.get(confirm).status_code == 200 and Subscriber.objects.receiving().count() == 0  # GET only asks
    client.post(confirm)
    subscriber = Subscriber.objects.receiving().get()
    assert list(subscriber.wards.all()) == [ward] and subscriber.topic_values == ["events"]

    message = send_message("Panel meeting", "Come on Tuesday.", ward, None, "", personas["officer_a"])
    outbox.deliver_due()
    sent = mail.outbox[-1]
    unsubscribe = _link(sent.body, "unsubscribe")
    assert sent.extra_headers["List-Unsubscribe"] == f"<http://testserver{unsubscribe}>"
    assert sent.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert message.recipients == 1
    # RFC 8058: the mail program posts this body, with no cookie and no CSRF token.
    one_click = Client(enforce_csrf_checks=True).post(unsubscribe, {"List-Unsubscribe": "One-Click"})
    assert one_click.status_code == 200 and Subscriber.objects.receiving().count() == 0
    assert send_message("Again", "x", ward, None, "", personas["officer_a"]).recipients == 0


def test_typing_someone_elses_address_changes_nothing_without_their_link(ward, city):
    client = Client()
    subscriber = _subscribed(client, "sam@example.org", ward)
    other_ward = city.sectors.last().clusters.last().wards.last()
    client.post("/messages/subscribe/", {"email": "sam@example.org", "wards": [other_ward.pk], "privacy": "on"})
    subscriber.refresh_from_db()
    assert list(subscriber.wards.all()) == [ward] and subscriber.confirmed is not None


def test_bad_input_and_bad_links_are_explained(ward):
    client = Client()
    response = client.post("/messages/subscribe/", {"email": "not-an-address"})
    page = response.content.decode()
    assert response.status_code == 400 and "Enter a valid email address." in page and "privacy notice" in page
    nothing = client.post("/messages/subscribe/", {"email": "a@example.org", "privacy": "on"})
    assert nothing.status_code == 400 and "Choose at least one ward or one topic." in nothing.content.decode()
    forged = client.post("/messages/confirm/forged/")
    assert forged.status_code == 400 and "not valid" in forged.content.decode()
    assert client.post("/messages/unsubscribe/forged/").status_code == 400
    assert Subscriber.objects.count() == 0


def test_a_robot_filling_the_honeypot_is_told_nothing_and_nothing_is_sent(ward):
    data = {"email": "bot@example.org", "wards": [ward.pk], "privacy": "on", "website": "http://spam.example"}
    response = Client().post("/messages/subscribe/", data)
    assert response.status_code == 302 and response["Location"] == "/messages/subscribe/sent/"
    assert not OutboxEmail.objects.exists() and not Subscriber.objects.exists()


def test_one_connection_may_ask_for_a_few_confirmation_emails_an_hour(ward):
    client = Client()
    for n in range(services.REQUESTS_PER_ADDRESS):
        data = {"email": f"person{n}@example.org", "wards": [ward.pk], "privacy": "on"}
        assert client.post("/messages/subscribe/", data).status_code == 302
    refused = client.post(
        "/messages/subscribe/", {"email": "one-more@example.org", "wards": [ward.pk], "privacy": "on"}
    )
    assert refused.status_code == 429 and "Too many subscriptions" in refused.content.decode()
    assert OutboxEmail.objects.count() == services.REQUESTS_PER_ADDRESS and not Subscriber.objects.exists()
    assert not AuditEvent.objects.filter(object_repr__contains="@").exists()  # the audit keeps no address


def test_a_link_sent_before_addresses_travelled_in_it_still_confirms(ward):
    stored = Subscriber.objects.create(email="early@example.org")
    token = signing.dumps({"s": stored.pk, "w": [ward.pk], "t": [], "g": ""}, salt=services.CONFIRM_SALT)
    assert services.confirm(token) == stored and Subscriber.objects.receiving().get() == stored


def test_the_confirmation_link_carries_no_address_and_works_once(ward):
    client = Client()
    data = {"email": "sam@example.org", "wards": [ward.pk], "topics": ["events"], "privacy": "on"}
    client.post("/messages/subscribe/", data)
    outbox.deliver_due()
    link = _link(mail.outbox[-1].body, "confirm")
    token = link.split("/")[-2]
    decoded = base64.urlsafe_b64decode(token + "=" * (-len(token) % 4))
    assert b"sam" not in decoded and b"example" not in decoded and "sam" not in token
    pending = PendingSubscription.objects.get()
    assert pending.email == "sam@example.org" and token not in str(vars(pending))  # only its hash is kept
    assert client.post(link).status_code == 302 and not PendingSubscription.objects.exists()
    again = client.post(link)
    assert again.status_code == 400 and "not valid" in again.content.decode()


def test_the_confirmation_page_says_what_it_confirms(ward):
    client = Client()
    data = {"email": "sam@example.org", "wards": [ward.pk], "topics": ["events", "appeals"], "privacy": "on"}
    client.post("/messages/subscribe/", data)
    outbox.deliver_due()
    page = client.get(_link(mail.outbox[-1].body, "confirm")).content.decode()
    assert "sam@example.org" in page and ward.name in page
    assert "Events and meetings, Appeals for information" in page
    services.subscribe(None, "all@example.org", [ward], [])
    outbox.deliver_due()
    assert "all topics of your wards" in client.get(_link(mail.outbox[-1].body, "confirm")).content.decode()


def test_an_expired_request_confirms_nothing_and_is_forgotten(ward):
    services.subscribe(None, "late@example.org", [ward], [])
    outbox.deliver_due()
    link = _link(mail.outbox[-1].body, "confirm")
    PendingSubscription.objects.update(created=timezone.now() - dt.timedelta(days=services.CONFIRM_DAYS + 1))
    assert Client().post(link).status_code == 400 and not Subscriber.objects.exists()
    services.forget_unconfirmed()
    assert not PendingSubscription.objects.exists()


def test_a_signed_link_sent_before_tokens_were_random_still_confirms_until_it_expires(ward):
    token = signing.dumps(
        {"e": "early@example.org", "w": [ward.pk], "t": ["events"], "g": ""}, salt=services.CONFIRM_SALT
    )
    assert "early@example.org" in Client().get(f"/messages/confirm/{token}/").content.decode()
    assert Client().post(f"/messages/confirm/{token}/").status_code == 302
    assert Subscriber.objects.receiving().get().email == "early@example.org"


def test_an_unconfirmed_row_is_forgotten_once_its_link_has_expired(ward):
    stale = Subscriber.objects.create(email="stale@example.org")
    Subscriber.objects.filter(pk=stale.pk).update(created=timezone.now() - dt.timedelta(days=services.CONFIRM_DAYS + 1))
    confirmed = Subscriber.objects.create(email="kept@example.org", confirmed=timezone.now())
    services.subscribe(None, "new@example.org", [ward], [])
    assert list(Subscriber.objects.all()) == [confirmed]


def test_the_audience_is_every_part_given(ward, city, personas):
    _subscribed(Client(), "events@example.org", ward, ["events"])
    _subscribed(Client(), "appeals@example.org", ward, ["appeals"])
    elsewhere = city.sectors.last().clusters.last().wards.last()
    _subscribed(Client(), "far@example.org", elsewhere, ["events"])
    officer = personas["officer_a"]
    assert send_message("s", "b", ward, None, "", officer).recipients == 2
    assert send_message("s", "b", None, ward.cluster, "events", officer).recipients == 1
    assert send_message("s", "b", None, None, "events", officer).recipients == 2


def test_a_subscriber_who_ticked_no_topic_receives_every_topic_of_their_wards(ward, city, personas):
    _subscribed(Client(), "every-topic@example.org", ward, topics=())
    _subscribed(Client(), "appeals-only@example.org", ward, topics=["appeals"])
    elsewhere = city.sectors.last().clusters.last().wards.last()
    _subscribed(Client(), "elsewhere@example.org", elsewhere, topics=())
    officer = personas["officer_a"]

    events = send_message("Panel meeting", "b", ward, None, "events", officer)
    appeals = send_message("Witnesses", "b", ward, None, "appeals", officer)

    assert set(events.emails.values_list("to", flat=True)) == {"every-topic@example.org"}
    assert set(appeals.emails.values_list("to", flat=True)) == {"every-topic@example.org", "appeals-only@example.org"}
    form = Client().get("/messages/subscribe/").content.decode()
    assert "No topic ticked = all topics" in form


def test_real_and_demonstration_messages_never_reach_each_others_subscribers(ward, personas):
    real = _subscribed(Client(), "real@example.org", ward)
    made_up = Subscriber.objects.create(email="demo@example.org", confirmed=timezone.now(), demonstration=True)
    made_up.wards.add(ward)
    officer = personas["officer_a"]
    message = send_message("Real", "b", ward, None, "", officer)
    assert list(message.emails.values_list("to", flat=True)) == [real.email]
    demo = send_message("Demo", "b", ward, None, "", officer, demonstration=True)
    assert list(demo.emails.values_list("to", flat=True)) == [made_up.email]


def test_a_failing_mail_server_loses_nothing(ward, personas, settings):
    _subscribed(Client(), "sam@example.org", ward)
    settings.EMAIL_BACKEND = "tests.messaging.flaky_backend.FlakyBackend"
    FlakyBackend.failures_left = 2
    message = send_message("Appeal", "Did you see anything?", ward, None, "", personas["officer_a"])
    start = timezone.now()
    first = outbox.deliver_due(now=start)
    email = OutboxEmail.objects.get(message=message)
    assert (first.retrying, email.attempts, email.status) == (1, 1, "pending")
    assert email.last_error == "ConnectionRefusedError: the mail server is down"
    assert email.next_attempt == start + dt.timedelta(minutes=1)
    assert outbox.deliver_due(now=start).sent == 0  # not yet due
    outbox.deliver_due(now=start + dt.timedelta(minutes=1))
    email.refresh_from_db()
    assert email.attempts == 2 and email.next_attempt == start + dt.timedelta(minutes=3)  # waits 1, then 2 minutes
    assert outbox.deliver_due(now=start + dt.timedelta(minutes=3)).sent == 1
    email.refresh_from_db()
    assert email.status == "sent" and mail.outbox[-1].subject == "Appeal"


def test_an_email_failing_every_attempt_is_kept_and_can_be_retried(ward, personas, settings):
    _subscribed(Client(), "sam@example.org", ward)
    settings.EMAIL_BACKEND = "tests.messaging.flaky_backend.FlakyBackend"
    settings.BEATBOOK_OUTBOX_MAX_ATTEMPTS = 2
    FlakyBackend.failures_left = 5
    send_message("Appeal", "text", ward, None, "", personas["officer_a"])
    later = timezone.now() + dt.timedelta(days=2)
    outbox.deliver_due(now=later)
    assert outbox.deliver_due(now=later + dt.timedelta(days=1)).failed == 1
    assert OutboxEmail.objects.filter(status="failed", purpose="message").count() == 1
    FlakyBackend.failures_left = 0
    assert outbox.retry_failed() == 1 and outbox.deliver_due().sent == 1


def test_sending_is_after_commit(ward, personas, django_capture_on_commit_callbacks):
    _subscribed(Client(), "sam@example.org", ward)
    before = len(mail.outbox)
    with django_capture_on_commit_callbacks(execute=True):
        response = personas.client("officer_a").post(
            "/messages/new/", {"subject": "Hello", "body": "Text", "ward": ward.pk, "action": "send"}
        )
    assert response.status_code == 302 and len(mail.outbox) == before + 1
    detail = personas.client("officer_a").get(response["Location"]).content.decode()
    assert "<dt>Recipients</dt><dd>1</dd>" in detail and "<dt>Sent</dt><dd>1</dd>" in detail


def test_an_officer_reads_only_their_own_clusters_messages(ward, personas):
    message = send_message("Cluster A", "text", None, personas.cluster_a, "", personas["supervisor"])
    assert personas.client("officer_a").get(f"/messages/{message.pk}/").status_code == 200
    assert personas.client("officer_b").get(f"/messages/{message.pk}/").status_code == 404
    assert "Cluster A" not in personas.client("officer_b").get("/messages/").content.decode()
    assert personas.client("analyst").get(f"/messages/{message.pk}/").status_code == 403


def test_an_audience_is_required_and_the_whole_force_is_never_the_default(personas):
    client = personas.client("officer_a")
    text = {"subject": "S", "body": "B", "action": "send"}
    nowhere = client.post("/messages/new/", text)
    topic_only = client.post("/messages/new/", {**text, "topic": "events"})
    both = client.post("/messages/new/", {**text, "whole_force": "on", "cluster": personas.cluster_a.pk})
    for response in (nowhere, topic_only):
        assert response.status_code == 400 and "Choose the audience" in response.content.decode()
    assert both.status_code == 400 and "The whole force names no ward or cluster" in both.content.decode()
    assert Message.objects.count() == 0


def test_a_message_is_previewed_with_its_count_before_it_is_sent(ward, personas):
    _subscribed(Client(), "sam@example.org", ward, topics=())
    client = personas.client("officer_a")
    text = {"subject": "Panel meeting", "body": "Come on Tuesday.", "ward": ward.pk, "topic": "events"}

    form = client.get("/messages/new/").content.decode()
    preview = client.post("/messages/new/", {**text, "action": "preview"}).content.decode()

    assert 'value="preview"' in form and 'value="send"' not in form
    assert 'id="recipient-count">1<' in preview and "Send to 1 subscriber" in preview and "Come on Tuesday." in preview
    assert f"To: {ward.name} ward, topic: Events and meetings." in preview
    assert f'type="hidden" name="ward" value="{ward.pk}"' in preview
    assert not Message.objects.exists()
    sent = client.post("/messages/new/", {**text, "action": "send"}, follow=True)
    assert "Message queued for 1 subscriber;" in sent.content.decode() and Message.objects.get().recipients == 1


def test_a_message_to_nobody_is_refused(ward, personas):
    client = personas.client("officer_a")
    text = {"subject": "S", "body": "B", "ward": ward.pk}
    preview = client.post("/messages/new/", {**text, "action": "preview"}).content.decode()
    refused = client.post("/messages/new/", {**text, "action": "send"})
    assert "No subscriber is in this audience" in preview and 'value="send"' not in preview
    assert refused.status_code == 400 and "No subscriber is in this audience" in refused.content.decode()
    assert not Message.objects.exists()


def test_the_whole_force_is_an_explicit_choice(ward, city, personas):
    _subscribed(Client(), "here@example.org", ward)
    _subscribed(Client(), "far@example.org", city.sectors.last().clusters.last().wards.last())
    text = {"subject": "S", "body": "B", "whole_force": "on", "action": "preview"}
    preview = personas.client("officer_a").post("/messages/new/", text).content.decode()
    assert 'id="recipient-count">2<' in preview and "To: every ward of the force." in preview


def test_subscriber_addresses_are_for_supervisors_and_audited(ward, personas):
    _subscribed(Client(), "sam@example.org", ward)
    assert personas.client("officer_a").get("/messages/subscribers/").status_code == 403
    assert "sam@example.org" not in personas.client("officer_a").get("/messages/").content.decode()
    page = personas.client("supervisor").get("/messages/subscribers/")
    assert page.status_code == 200 and "sam@example.org" in page.content.decode()
    assert "<td>Events and meetings</td>" in page.content.decode()  # the topic's label, not its code
    event = AuditEvent.objects.get(object_type="messaging.subscriber")
    assert event.username == "supervisor" and event.action == "view" and event.detail["shown"] == 1


def test_a_ward_pages_link_ticks_its_ward(ward):
    page = Client().get(f"/messages/subscribe/?ward={ward.pk}").content.decode()
    assert re.search(rf'value="{ward.pk}"[^>]*checked', page)
    assert "checked" not in Client().get("/messages/subscribe/?ward=x").content.decode()
