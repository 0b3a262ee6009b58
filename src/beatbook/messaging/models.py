"""Email subscriptions of the public and businesses, officers' messages, and the outbox that sends them.

Subscribers' email addresses are personal data: read only by the roles in `SUBSCRIBER_READERS`
(audited). An email leaves only through the outbox, so a failing mail server loses nothing.
"""

from __future__ import annotations

from typing import Any

from django.db import models
from django.db.models import Q
from django.utils import timezone

from beatbook.accounts.models import profile_of
from beatbook.core.models import TimeStampedModel
from beatbook.core.roles import MESSAGE_SENDERS, SUBSCRIBER_READERS, Role, has_role
from beatbook.geography.models import Cluster, Ward
from beatbook.workforce.models import PublicGroup, Team


class Topic(models.TextChoices):
    CRIME_PREVENTION = "crime-prevention", "Crime prevention"
    EVENTS = "events", "Events and meetings"
    PRIORITIES = "priorities", "Ward priorities"
    APPEALS = "appeals", "Appeals for information"
    CAMPAIGNS = "campaigns", "Campaigns"


class SubscriberQuerySet(models.QuerySet):
    def visible_to(self, user: Any) -> SubscriberQuerySet:
        return self if has_role(user, *SUBSCRIBER_READERS) else self.none()

    def receiving(self) -> SubscriberQuerySet:
        """Confirmed (double opt-in) and not unsubscribed."""
        return self.filter(confirmed__isnull=False, unsubscribed__isnull=True)


class Subscriber(TimeStampedModel):
    email = models.EmailField(unique=True)
    wards = models.ManyToManyField(Ward, blank=True, related_name="+")
    group = models.CharField(
        max_length=16,
        choices=PublicGroup.choices,
        blank=True,
        help_text="Who the subscriber said they are (e.g. a business): teams write to the group they serve",
    )
    confirmed = models.DateTimeField(
        null=True, blank=True, help_text="When the link in the confirmation email was used"
    )
    unsubscribed = models.DateTimeField(null=True, blank=True)
    demonstration = models.BooleanField(default=False, help_text="A made-up demonstration subscriber")

    objects = SubscriberQuerySet.as_manager()

    class Meta:
        ordering = ["email"]

    def __str__(self) -> str:
        return f"subscriber {self.pk}"  # never the address: this text reaches the audit log

    @property
    def topic_values(self) -> list[str]:
        return [t.topic for t in self.topics.all()]

    @property
    def topic_labels(self) -> list[str]:
        return [t.get_topic_display() for t in self.topics.all()]


class SubscriberTopic(models.Model):
    subscriber = models.ForeignKey(Subscriber, on_delete=models.CASCADE, related_name="topics")
    topic = models.CharField(max_length=32, choices=Topic.choices)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["subscriber", "topic"], name="unique_subscriber_topic")]

    def __str__(self) -> str:
        return self.topic


class PendingSubscription(models.Model):
    """A subscription asked for and not yet confirmed, kept only while its confirmation link works
    (messaging.services.CONFIRM_DAYS), so that the link carries a random token rather than the address
    and the choices (links end up in access logs). Only the token's hash is kept: a copy of the table
    confirms nothing."""

    token_hash = models.CharField(max_length=64, unique=True, help_text="SHA-256 of the link's token, in hex")
    email = models.EmailField()
    ward_ids = models.JSONField(default=list, blank=True, help_text="The wards chosen (ids)")
    topics = models.JSONField(default=list, blank=True, help_text="The topics chosen (Topic values)")
    group = models.CharField(max_length=16, choices=PublicGroup.choices, blank=True)
    created = models.DateTimeField(auto_now_add=True, db_index=True)

    def __str__(self) -> str:
        return f"pending subscription {self.pk}"  # never the address: this text may reach the audit log


class MessageQuerySet(models.QuerySet):
    def visible_to(self, user: Any) -> MessageQuerySet:
        """Supervisors read every message; an officer those they wrote and those to their own cluster."""
        if has_role(user, Role.SUPERVISOR):
            return self
        if not has_role(user, *MESSAGE_SENDERS):
            return self.none()
        profile = profile_of(user)
        mine = Q(created_by=user)
        if profile is not None and profile.cluster_id is not None:
            mine |= Q(cluster_id=profile.cluster_id) | Q(ward__cluster_id=profile.cluster_id)
            mine |= Q(campaign__cluster_id=profile.cluster_id)
        return self.filter(mine)


class Message(TimeStampedModel):
    """A message to subscribers of a ward, a cluster and/or a topic (all that are given must match)."""

    subject = models.CharField(max_length=150)
    body = models.TextField(help_text="Plain text. An unsubscribe link is added at the end of every email.")
    ward = models.ForeignKey(Ward, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    cluster = models.ForeignKey(Cluster, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    topic = models.CharField(max_length=32, choices=Topic.choices, blank=True)
    team = models.ForeignKey(
        Team, null=True, blank=True, on_delete=models.PROTECT, related_name="+", help_text="The group the team serves"
    )
    campaign = models.ForeignKey(
        "campaigns.Campaign",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text="Written to the campaign's audience (see messaging.services.campaign_audience)",
    )
    recipients = models.PositiveIntegerField(default=0, help_text="Emails queued in the outbox")
    demonstration = models.BooleanField(default=False)

    objects = MessageQuerySet.as_manager()

    class Meta:
        ordering = ["-created"]

    def __str__(self) -> str:
        return self.subject

    @property
    def audience(self) -> str:
        parts = [f"{self.ward} ward" if self.ward else "", str(self.cluster) if self.cluster else ""]
        parts.append(f"topic: {self.get_topic_display()}" if self.topic else "")
        parts.append(f"{self.team.get_serves_display().lower()} ({self.team})" if self.team else "")
        parts.append(f"the audience of the campaign “{self.campaign}”" if self.campaign else "")
        return ", ".join(p for p in parts if p) or "everyone"


class OutboxStatus(models.TextChoices):
    PENDING = "pending", "Waiting to be sent"
    SENT = "sent", "Sent"
    FAILED = "failed", "Failed after every attempt"


class OutboxEmail(models.Model):
    """One email to one address; tried until sent, with growing waits between attempts."""

    message = models.ForeignKey(Message, null=True, blank=True, on_delete=models.CASCADE, related_name="emails")
    purpose = models.CharField(max_length=32, help_text="confirmation or message")
    to = models.EmailField()
    subject = models.CharField(max_length=200)
    body = models.TextField()
    headers = models.JSONField(default=dict, blank=True)
    status = models.CharField(max_length=16, choices=OutboxStatus.choices, default=OutboxStatus.PENDING)
    attempts = models.PositiveSmallIntegerField(default=0)
    next_attempt = models.DateTimeField(default=timezone.now)
    last_error = models.CharField(max_length=300, blank=True)
    created = models.DateTimeField(auto_now_add=True)
    sent = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["next_attempt", "id"]
        indexes = [models.Index(fields=["status", "next_attempt"], name="outbox_due")]

    def __str__(self) -> str:
        return f"{self.purpose} email {self.pk} ({self.status})"
