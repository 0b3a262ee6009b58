"""Subscribing (double opt-in), unsubscribing (one click), and writing a message to an audience."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.conf import settings
from django.core import signing
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from beatbook.geography.models import Cluster, Ward
from beatbook.messaging import outbox
from beatbook.messaging.models import Message, Subscriber, SubscriberTopic, Topic
from beatbook.workforce.models import Team

CONFIRM_SALT = "beatbook.messaging.confirm"
UNSUBSCRIBE_SALT = "beatbook.messaging.unsubscribe"
CONFIRM_DAYS = 7


class BadLink(Exception):
    """A confirmation or unsubscribe link that is forged, mangled or out of date."""


def public_url(name: str, *args: Any) -> str:
    return settings.BEATBOOK_PUBLIC_URL + reverse(name, args=args)


@transaction.atomic
def subscribe(email: str, wards: list[Ward], topics: list[str], group: str = "") -> Subscriber:
    """Queue a confirmation email; the choices travel in its signed link and apply only when it is used,
    so nobody can change someone else's subscription by typing their address."""
    subscriber, _ = Subscriber.objects.get_or_create(email=email.strip().lower())
    choices = {"s": subscriber.pk, "w": [w.pk for w in wards], "t": list(topics), "g": group}
    token = signing.dumps(choices, salt=CONFIRM_SALT)
    names = ", ".join([w.name for w in wards] + [Topic(t).label for t in topics])
    body = (
        f"Please confirm that you want beatbook's messages about: {names}.\n\n"
        f"Confirm here: {public_url('messaging:confirm', token)}\n\n"
        f"The link works for {CONFIRM_DAYS} days. If you did not ask for this, ignore this email: "
        "nothing will be sent.\n"
        f"How we use your email address: {public_url('messaging:privacy')}\n"
    )
    outbox.queue(subscriber.email, "Confirm your subscription", body, "confirmation")
    outbox.deliver_after_commit()
    return subscriber


@transaction.atomic
def confirm(token: str) -> Subscriber:
    try:
        data = signing.loads(token, salt=CONFIRM_SALT, max_age=dt.timedelta(days=CONFIRM_DAYS))
    except signing.SignatureExpired:
        raise BadLink(f"This confirmation link is more than {CONFIRM_DAYS} days old: please subscribe again.") from None
    except signing.BadSignature:
        raise BadLink("This confirmation link is not valid: please check it was copied in full.") from None
    subscriber = Subscriber.objects.select_for_update().filter(pk=data["s"]).first()
    if subscriber is None:
        raise BadLink("This subscription no longer exists: please subscribe again.")
    subscriber.wards.set(Ward.objects.filter(pk__in=data["w"]))
    subscriber.topics.all().delete()
    SubscriberTopic.objects.bulk_create([SubscriberTopic(subscriber=subscriber, topic=t) for t in data["t"]])
    subscriber.confirmed, subscriber.unsubscribed = timezone.now(), None
    subscriber.group = data.get("g", "")  # links sent before groups existed carry none
    subscriber.save(update_fields=["confirmed", "unsubscribed", "group", "modified"])
    return subscriber


def unsubscribe_token(subscriber: Subscriber) -> str:
    return signing.dumps(subscriber.pk, salt=UNSUBSCRIBE_SALT)


def unsubscribe(token: str) -> Subscriber:
    try:
        pk = signing.loads(token, salt=UNSUBSCRIBE_SALT)
    except signing.BadSignature:
        raise BadLink("This unsubscribe link is not valid: please check it was copied in full.") from None
    subscriber = Subscriber.objects.filter(pk=pk).first()
    if subscriber is None:
        raise BadLink("This subscription no longer exists: you will receive nothing more.")
    if subscriber.unsubscribed is None:
        subscriber.unsubscribed = timezone.now()
        subscriber.save(update_fields=["unsubscribed", "modified"])
    return subscriber


def audience(ward: Ward | None, cluster: Cluster | None, topic: str, team: Team | None = None) -> Any:
    """Confirmed subscribers matching every part given: the ward, a ward of the cluster, the topic, and
    the group the team serves (the Business team's: subscribers who said they are a business).

    The extension point for other audiences (a campaign's, when campaigns exist): a new optional
    part here, stored on Message as `team` is, and narrowing `found` the same way."""
    found = Subscriber.objects.receiving()
    if team is not None:
        found = found.filter(group=team.serves) if team.serves else found.none()
    if ward is not None:
        found = found.filter(wards=ward)
    if cluster is not None:
        found = found.filter(wards__cluster=cluster)
    if topic:
        found = found.filter(topics__topic=topic)
    return found.distinct()


@transaction.atomic
def send_message(
    subject: str,
    body: str,
    ward: Ward | None,
    cluster: Cluster | None,
    topic: str,
    by: Any,
    demonstration: bool = False,
    team: Team | None = None,
) -> Message:
    """The message and one outbox email per subscriber, each with its own one-click unsubscribe."""
    message = Message(
        subject=subject, body=body, ward=ward, cluster=cluster, topic=topic, team=team, demonstration=demonstration
    )
    message.stamp(by)
    message.save()
    recipients = list(audience(ward, cluster, topic, team))
    for subscriber in recipients:
        link = public_url("messaging:unsubscribe", unsubscribe_token(subscriber))
        headers = {"List-Unsubscribe": f"<{link}>", "List-Unsubscribe-Post": "List-Unsubscribe=One-Click"}
        text = f"{body}\n\n--\nYou receive this because you subscribed to: {message.audience}.\nUnsubscribe: {link}\n"
        outbox.queue(subscriber.email, subject, text, "message", headers, message)
    message.recipients = len(recipients)
    message.save(update_fields=["recipients"])
    outbox.deliver_after_commit()
    return message
