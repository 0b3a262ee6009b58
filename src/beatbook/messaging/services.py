"""Subscribing (double opt-in), unsubscribing (one click), and writing a message to an audience."""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.core import signing
from django.db import transaction
from django.db.models import Q
from django.http import HttpRequest
from django.urls import reverse
from django.utils import timezone

from beatbook.campaigns.models import Campaign
from beatbook.core import audit
from beatbook.core.models import AuditAction
from beatbook.core.public_forms import over_limit_in_audit_log
from beatbook.geography.models import Cluster, Ward
from beatbook.messaging import outbox
from beatbook.messaging.models import Message, PendingSubscription, Subscriber, SubscriberTopic, Topic
from beatbook.workforce.models import Team

CONFIRM_SALT = "beatbook.messaging.confirm"
UNSUBSCRIBE_SALT = "beatbook.messaging.unsubscribe"
CONFIRM_DAYS = 7
#: Confirmation emails one connection may ask for in REQUEST_WINDOW: a household's, not a script's.
REQUESTS_PER_ADDRESS = 5
REQUEST_WINDOW = dt.timedelta(hours=1)
REQUEST_TYPE = "messaging.subscriptionrequest"


class BadLink(Exception):
    """A confirmation or unsubscribe link that is forged, mangled or out of date."""


def public_url(name: str, *args: Any) -> str:
    return settings.BEATBOOK_PUBLIC_URL + reverse(name, args=args)


def too_many_requests(request: HttpRequest) -> bool:
    """Whether this connection asked for REQUESTS_PER_ADDRESS confirmation emails within REQUEST_WINDOW."""
    return over_limit_in_audit_log(request, REQUEST_TYPE, REQUESTS_PER_ADDRESS, REQUEST_WINDOW, anonymous_only=True)


@dataclass(frozen=True)
class Choices:
    """What a confirmation link confirms: the address, and the wards, topics and group chosen."""

    email: str
    wards: list[Ward]
    topics: list[str]
    group: str = ""

    @property
    def topic_labels(self) -> list[str]:
        return [str(Topic(t).label) for t in self.topics]


@transaction.atomic
def subscribe(request: HttpRequest | None, email: str, wards: list[Ward], topics: list[str], group: str = "") -> None:
    """Queue a confirmation email; the subscription starts only when its link is used (consent), so
    nobody can change someone else's subscription by typing their address. The link carries a random
    token, never the address or the choices (links end up in access logs): those wait in a
    `PendingSubscription`, deleted once used or after CONFIRM_DAYS. The request is audited without the
    address, for the limit per connection."""
    forget_unconfirmed()
    address = email.strip().lower()
    token = secrets.token_urlsafe(32)
    PendingSubscription.objects.create(
        token_hash=_hash(token), email=address, ward_ids=[w.pk for w in wards], topics=list(topics), group=group
    )
    names = ", ".join([w.name for w in wards] + [Topic(t).label for t in topics])
    body = (
        f"Please confirm that you want beatbook's messages about: {names}.\n\n"
        f"Confirm here: {public_url('messaging:confirm', token)}\n\n"
        f"The link works for {CONFIRM_DAYS} days. If you did not ask for this, ignore this email: "
        "nothing will be sent, and your address is deleted when the link expires.\n"
        f"How we use your email address: {public_url('messaging:privacy')}\n"
    )
    outbox.queue(address, "Confirm your subscription", body, "confirmation")
    audit.record(request, AuditAction.CREATE, object_type=REQUEST_TYPE, object_repr="a subscription request")
    outbox.deliver_after_commit()


def choices_of(token: str) -> Choices:
    """What the link confirms, to show before it is used (BadLink when it does not work)."""
    pending = _pending(token)
    if pending is not None:
        wards = list(Ward.objects.filter(pk__in=pending.ward_ids).order_by("name"))
        return Choices(pending.email, wards, list(pending.topics), pending.group)
    data = _signed(token)
    if "e" not in data:
        raise BadLink("This confirmation link is too old to show its choices: please subscribe again.")
    wards = list(Ward.objects.filter(pk__in=data["w"]).order_by("name"))
    return Choices(data["e"], wards, data["t"], data.get("g", ""))


@transaction.atomic
def confirm(token: str) -> Subscriber:
    pending = _pending(token, for_update=True)
    if pending is not None:
        data = {"e": pending.email, "w": pending.ward_ids, "t": pending.topics, "g": pending.group}
        pending.delete()
    else:
        data = _signed(token)
    subscriber = _subscriber_of(data)
    subscriber.wards.set(Ward.objects.filter(pk__in=data["w"]))
    subscriber.topics.all().delete()
    SubscriberTopic.objects.bulk_create([SubscriberTopic(subscriber=subscriber, topic=t) for t in data["t"]])
    subscriber.confirmed, subscriber.unsubscribed = timezone.now(), None
    subscriber.group = data.get("g", "")  # links sent before groups existed carry none
    subscriber.save(update_fields=["confirmed", "unsubscribed", "group", "modified"])
    return subscriber


def _hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def _pending(token: str, for_update: bool = False) -> PendingSubscription | None:
    """The subscription waiting for this token, if its link is still in date."""
    rows = PendingSubscription.objects.filter(created__gte=timezone.now() - dt.timedelta(days=CONFIRM_DAYS))
    return (rows.select_for_update() if for_update else rows).filter(token_hash=_hash(token)).first()


def _signed(token: str) -> dict[str, Any]:
    """The choices carried by a link sent before links carried a random token (signed, readable):
    honoured until they expire, CONFIRM_DAYS after they were sent."""
    try:
        data: dict[str, Any] = signing.loads(token, salt=CONFIRM_SALT, max_age=dt.timedelta(days=CONFIRM_DAYS))
    except signing.SignatureExpired:
        raise BadLink(f"This confirmation link is more than {CONFIRM_DAYS} days old: please subscribe again.") from None
    except signing.BadSignature:
        raise BadLink(
            "This confirmation link is not valid: please check it was copied in full. "
            f"A link works once, for {CONFIRM_DAYS} days."
        ) from None
    return data


def forget_unconfirmed() -> None:
    """Subscriptions asked for and never confirmed, once their link has expired; and rows stored
    unconfirmed before the address waited apart from the subscribers."""
    expired = timezone.now() - dt.timedelta(days=CONFIRM_DAYS)
    PendingSubscription.objects.filter(created__lt=expired).delete()
    Subscriber.objects.filter(confirmed__isnull=True, created__lt=expired).delete()


def _subscriber_of(data: dict[str, Any]) -> Subscriber:
    """The subscriber the link names: created now, at consent, from the address. Links sent before
    addresses travelled in them carry the id of a row stored at the time (``s``)."""
    if "e" in data:
        Subscriber.objects.get_or_create(email=data["e"])
        return Subscriber.objects.select_for_update().get(email=data["e"])
    subscriber = Subscriber.objects.select_for_update().filter(pk=data["s"]).first()
    if subscriber is None:
        raise BadLink("This subscription no longer exists: please subscribe again.")
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


def audience(
    ward: Ward | None,
    cluster: Cluster | None,
    topic: str,
    team: Team | None = None,
    demonstration: bool = False,
    campaign: Campaign | None = None,
) -> Any:
    """Confirmed subscribers matching every part given: the ward, a ward of the cluster, the topic (a
    subscriber who ticked no topic receives every topic of their wards), the group the team serves (the
    Business team's: subscribers who said they are a business), and the campaign's audience
    (`campaign_audience`).
    A real message reaches real subscribers only, a demonstration message demonstration ones only."""
    found = Subscriber.objects.receiving().filter(demonstration=demonstration)
    if team is not None:
        found = found.filter(group=team.serves) if team.serves else found.none()
    if campaign is not None:
        found = campaign_audience(found, campaign)
    if ward is not None:
        found = found.filter(wards=ward)
    if cluster is not None:
        found = found.filter(wards__cluster=cluster)
    if topic:
        chose_it = SubscriberTopic.objects.filter(topic=topic).values("subscriber")
        chose_any = SubscriberTopic.objects.values("subscriber")
        found = found.filter(Q(pk__in=chose_it) | ~Q(pk__in=chose_any))
    return found.distinct()


def campaign_audience(found: Any, campaign: Campaign) -> Any:
    """The subscribers of `found` a campaign reaches:

    - its area: those subscribed to one of its wards (the wards chosen on the campaign, else every ward
      of its cluster, else every ward of the force), and those who chose the Campaigns topic without
      naming any ward (they asked for every campaign);
    - its audiences: when the campaign names residents, workers, businesses or visitors, only subscribers
      who said they are one of those (not those who did not say); a campaign naming none of these
      (everyone, or young people only, whom subscribers do not declare) is not narrowed by group.

    `found` is already confirmed and not unsubscribed (`audience`)."""
    wards = campaign.area_wards(settings.BEATBOOK_FORCE)
    in_area = Subscriber.wards.through.objects.filter(ward__in=wards).values("subscriber")
    with_a_ward = Subscriber.wards.through.objects.values("subscriber")
    any_campaign = SubscriberTopic.objects.filter(topic=Topic.CAMPAIGNS).exclude(subscriber__in=with_a_ward)
    found = found.filter(Q(pk__in=in_area) | Q(pk__in=any_campaign.values("subscriber")))
    groups = campaign.subscriber_groups()
    return found.filter(group__in=groups) if groups else found


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
    campaign: Campaign | None = None,
) -> Message:
    """The message and one outbox email per subscriber, each with its own one-click unsubscribe.
    A message to a campaign's audience also belongs to the campaign (its page lists it, its reach counts it)."""
    message = Message(subject=subject, body=body, ward=ward, cluster=cluster, topic=topic, team=team)
    message.campaign, message.demonstration = campaign, demonstration
    message.stamp(by)
    message.save()
    if campaign is not None:
        campaign.messages.add(message)
    recipients = list(audience(ward, cluster, topic, team, demonstration, campaign))
    for subscriber in recipients:
        link = public_url("messaging:unsubscribe", unsubscribe_token(subscriber))
        headers = {"List-Unsubscribe": f"<{link}>", "List-Unsubscribe-Post": "List-Unsubscribe=One-Click"}
        text = f"{body}\n\n--\nYou receive this because you subscribed to: {message.audience}.\nUnsubscribe: {link}\n"
        outbox.queue(subscriber.email, subject, text, "message", headers, message)
    message.recipients = len(recipients)
    message.save(update_fields=["recipients"])
    outbox.deliver_after_commit()
    return message
