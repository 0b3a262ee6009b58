"""Engagement: events with the public, what was raised at them, the ward priorities that follow,
and requests from businesses and community groups for an officer to attend their meeting."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.dateformat import format as date_format

from beatbook.accounts.models import profile_of
from beatbook.core.models import TimeStampedModel
from beatbook.core.roles import ENGAGEMENT_PLANNERS, PRIORITY_PUBLISHERS, Role, has_role
from beatbook.workforce.models import works_attendance_queue


class Audience(models.TextChoices):
    RESIDENTS = "residents", "Residents"
    WORKERS = "workers", "Workers"
    BUSINESSES = "businesses", "Businesses"
    VISITORS = "visitors", "Visitors"
    YOUNG_PEOPLE = "young_people", "Young people"


class EventType(models.Model):
    """A kind of event, configurable in the admin (the shipped list is in migration 0002)."""

    name = models.CharField(max_length=100, unique=True)
    slug = models.SlugField(max_length=100, unique=True, help_text="Sent as the event's `type` by the police.uk API")
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["order", "name"]

    def __str__(self) -> str:
        return self.name


class EventQuerySet(models.QuerySet):
    def visible_to(self, user: Any) -> EventQuerySet:
        """Planners see internal events too; everyone else sees public ones."""
        return self if has_role(user, *ENGAGEMENT_PLANNERS) else self.filter(is_public=True)

    def of_force(self, slug: str) -> EventQuerySet:
        return self.filter(cluster__sector__force__slug=slug)

    def for_ward(self, ward: Any) -> EventQuerySet:
        """Events held for the ward: named for it, or for its whole cluster (no wards named)."""
        return self.filter(Q(wards=ward) | Q(cluster=ward.cluster_id, wards__isnull=True)).distinct()

    def upcoming(self, now: Any) -> EventQuerySet:
        return self.filter(end__gte=now, cancelled=False).order_by("start")


class Event(TimeStampedModel):
    event_type = models.ForeignKey(EventType, on_delete=models.PROTECT, related_name="events", verbose_name="type")
    title = models.CharField(max_length=200)
    description = models.TextField(blank=True)
    address = models.CharField(max_length=300, help_text="Where it is held, as a visitor would look for it")
    latitude = models.FloatField(null=True, blank=True, help_text="Optional: WGS84, e.g. 51.5155")
    longitude = models.FloatField(null=True, blank=True, help_text="Optional: WGS84, e.g. -0.0922")
    start = models.DateTimeField()
    end = models.DateTimeField()
    cluster = models.ForeignKey("geography.Cluster", on_delete=models.PROTECT, related_name="events")
    wards = models.ManyToManyField(
        "geography.Ward", blank=True, related_name="events", help_text="None chosen: the whole cluster"
    )
    team = models.ForeignKey("workforce.Team", null=True, blank=True, on_delete=models.SET_NULL, related_name="events")
    organiser = models.ForeignKey(
        "workforce.Officer", null=True, blank=True, on_delete=models.SET_NULL, related_name="events"
    )
    audiences = models.JSONField(default=list, blank=True, help_text="Who the event is for")
    is_public = models.BooleanField(default=True, help_text="Shown on the public pages, feeds and API")
    cancelled = models.BooleanField(default=False)
    attendance = models.PositiveIntegerField(null=True, blank=True, help_text="How many people came")
    actions_promised = models.TextField(blank=True, help_text="What the police promised to do")
    outcome_recorded_at = models.DateTimeField(null=True, blank=True)

    objects = EventQuerySet.as_manager()

    class Meta:
        ordering = ["-start"]

    def __str__(self) -> str:
        return f"{self.title} ({self.start:%Y-%m-%d})"

    def can_be_changed_by(self, user: Any) -> bool:
        """Supervisors change any event; an officer those of their own cluster or that they created."""
        if has_role(user, Role.SUPERVISOR):
            return True
        if not has_role(user, *ENGAGEMENT_PLANNERS):
            return False
        profile = profile_of(user)
        return self.created_by_id == user.pk or bool(profile and profile.cluster_id == self.cluster_id)

    def outcome_refusal(self, now: Any) -> str:
        """Why no outcome (attendance, issues raised) can be recorded at `now`; "" when it can. Only an
        event that took place has one: an issue recorded beforehand would show publicly as raised on a
        day still to come, or at an event that never happened."""
        if self.cancelled:
            return "This event is cancelled: there is no outcome to record."
        if self.start > now:
            when = date_format(timezone.localtime(self.start), "j F Y, H:i")
            return f"This event has not happened yet (it starts {when}): record its outcome once it has."
        return ""

    def audience_labels(self) -> list[str]:
        labels = dict(Audience.choices)
        return [str(labels.get(a, a)) for a in self.audiences]

    def ward_list(self) -> list[Any]:
        """The wards the event serves: those named, or every ward of its cluster."""
        named = list(self.wards.all())
        return named or list(self.cluster.wards.all())


class IssueRaisedQuerySet(models.QuerySet):
    def visible_to(self, user: Any) -> IssueRaisedQuerySet:
        """An issue is seen by those who see its event."""
        return self.filter(event__in=Event.objects.visible_to(user))


class IssueRaised(TimeStampedModel):
    """Something the public raised at an event: the start of a "you said, we did"."""

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="issues")
    ward = models.ForeignKey("geography.Ward", on_delete=models.PROTECT, related_name="issues_raised")
    text = models.TextField()
    priority = models.OneToOneField(
        "Priority", null=True, blank=True, on_delete=models.SET_NULL, related_name="raised_at"
    )
    problem = models.ForeignKey(
        "problems.Problem",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="issues_raised",
        help_text="The SARA problem opened from it",
    )

    objects = IssueRaisedQuerySet.as_manager()

    class Meta:
        ordering = ["pk"]

    def __str__(self) -> str:
        return self.text[:60]


class PrioritySource(models.TextChoices):
    EVENT = "event", "An engagement event"
    SURVEY = "survey", "A survey"
    PROBLEM = "problem", "A SARA problem"
    OTHER = "other", "Other"


class PriorityQuerySet(models.QuerySet):
    def published(self) -> PriorityQuerySet:
        return self.filter(published=True)

    def visible_to(self, user: Any) -> PriorityQuerySet:
        return self if has_role(user, *ENGAGEMENT_PLANNERS) else self.published()

    def of_force(self, slug: str) -> PriorityQuerySet:
        return self.filter(ward__cluster__sector__force__slug=slug)


class Priority(TimeStampedModel):
    """A ward priority: the issue the community raised and what the police did about it."""

    ward = models.ForeignKey("geography.Ward", on_delete=models.PROTECT, related_name="priorities")
    issue = models.TextField(help_text="The issue, as the public would put it")
    issue_date = models.DateField()
    action = models.TextField(blank=True, help_text='What the police did (shown as "we did")')
    action_date = models.DateField(null=True, blank=True)
    source = models.CharField(max_length=16, choices=PrioritySource.choices, default=PrioritySource.OTHER)
    source_reference = models.CharField(
        max_length=100, blank=True, help_text="e.g. the survey wave or problem number this came from"
    )
    event = models.ForeignKey(Event, null=True, blank=True, on_delete=models.SET_NULL, related_name="priorities")
    published = models.BooleanField(default=False)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    published_at = models.DateTimeField(null=True, blank=True)

    objects = PriorityQuerySet.as_manager()

    class Meta:
        ordering = ["-issue_date", "-pk"]
        verbose_name_plural = "priorities"

    def __str__(self) -> str:
        return f"{self.ward}: {self.issue[:60]}"

    def can_be_changed_by(self, user: Any) -> bool:
        if has_role(user, *PRIORITY_PUBLISHERS):
            return True
        profile = profile_of(user)
        return has_role(user, *ENGAGEMENT_PLANNERS) and bool(profile and profile.cluster_id == self.ward.cluster_id)


class RequestStatus(models.TextChoices):
    NEW = "new", "New"
    ASSIGNED = "assigned", "Assigned"
    ACCEPTED = "accepted", "Accepted"
    DECLINED = "declined", "Declined"


class AttendanceRequestQuerySet(models.QuerySet):
    def visible_to(self, user: Any) -> AttendanceRequestQuerySet:
        return self if works_attendance_queue(user) else self.none()

    def open(self) -> AttendanceRequestQuerySet:
        return self.filter(status__in=[RequestStatus.NEW, RequestStatus.ASSIGNED])


class AttendanceRequest(TimeStampedModel):
    """A business, security forum or community group asking for an officer at its meeting."""

    organisation = models.CharField(max_length=200)
    contact_name = models.CharField(max_length=200)
    contact_email = models.EmailField(help_text="We write to this address when we decide")
    contact_phone = models.CharField(max_length=32, blank=True)
    date = models.DateField()
    start_time = models.TimeField()
    end_time = models.TimeField()
    place = models.CharField(max_length=300, help_text="The address of the meeting")
    topic = models.TextField(help_text="What you would like the officer to talk about")
    status = models.CharField(max_length=16, choices=RequestStatus.choices, default=RequestStatus.NEW)
    assigned_to = models.ForeignKey(
        "workforce.Officer", null=True, blank=True, on_delete=models.SET_NULL, related_name="attendance_requests"
    )
    decline_reason = models.TextField(blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    event = models.OneToOneField(
        Event, null=True, blank=True, on_delete=models.SET_NULL, related_name="attendance_request"
    )

    objects = AttendanceRequestQuerySet.as_manager()

    class Meta:
        ordering = ["date", "start_time", "pk"]

    def __str__(self) -> str:
        return f"{self.organisation}, {self.date:%Y-%m-%d}"
