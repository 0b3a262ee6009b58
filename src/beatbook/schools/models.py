"""The register of schools, their closures, and notifications to a school's key adult after a
domestic-abuse incident that involved one of its pupils (the model of Operation Encompass).

Who sees what is decided once, by `NotificationQuerySet.visible_to` (docs/adr/0010).
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models
from django.utils import timezone

from beatbook.core.models import TimeStampedModel
from beatbook.core.retention import Reviewable, ReviewableQuerySet
from beatbook.core.roles import SCHOOL_NOTIFIERS, has_role


class Phase(models.TextChoices):
    NURSERY = "nursery", "Nursery"
    PRIMARY = "primary", "Primary"
    SECONDARY = "secondary", "Secondary"
    SIXTH_FORM = "sixth_form", "Sixth form"
    SPECIAL = "special", "Special school"


class SchoolQuerySet(models.QuerySet):
    def visible_to(self, user: Any) -> SchoolQuerySet:
        """The register (its key adults' names and addresses) is the safeguarding officers'."""
        return self if has_role(user, *SCHOOL_NOTIFIERS) else self.none()


class School(TimeStampedModel):
    name = models.CharField(max_length=200, unique=True)
    urn = models.CharField(
        "URN", max_length=8, blank=True, help_text="The Unique Reference Number of Get Information about Schools"
    )
    address = models.CharField(max_length=300, blank=True)
    ward = models.ForeignKey("geography.Ward", on_delete=models.PROTECT, related_name="+")
    phases = models.JSONField(default=list, help_text="Nursery, primary, secondary, sixth form, special")
    key_adult = models.CharField(
        max_length=200, help_text="The Designated Safeguarding Lead, or the key adult's name and role"
    )
    deputy_key_adult = models.CharField(max_length=200, blank=True, help_text="Who reads the email when they are away")
    team_email = models.EmailField(help_text="A safeguarding team address that more than one key adult reads")
    demonstration = models.BooleanField(default=False, help_text="A fictional school of the demo")
    active = models.BooleanField(default=True, help_text="Offered for new notifications")

    objects = SchoolQuerySet.as_manager()

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return f"{self.name} (demonstration)" if self.demonstration else self.name

    @property
    def phase_labels(self) -> str:
        labels = dict(Phase.choices)
        return ", ".join(str(labels.get(p, p)) for p in self.phases)


class SchoolClosure(TimeStampedModel):
    """Days with no school: a term holiday or a staff training day, of one school or of every school."""

    school = models.ForeignKey(
        School,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="closures",
        help_text="Empty: every school",
    )
    name = models.CharField(max_length=100, help_text="e.g. Summer holiday, Half term, Staff training day")
    first_day = models.DateField()
    last_day = models.DateField(help_text="The last day without school (the same as the first for one day)")

    class Meta:
        ordering = ["first_day", "id"]

    def __str__(self) -> str:
        return f"{self.name} {self.first_day:%d %b %Y} to {self.last_day:%d %b %Y}"


class NotificationStatus(models.TextChoices):
    # "assign" sorts first: a task from the incident log waits for an officer to name the school.
    TO_ASSIGN = "assign", "To assign (the school is not known yet)"
    DUE = "due", "To send"
    SENT = "sent", "Sent"


class NotificationQuerySet(ReviewableQuerySet):
    def visible_to(self, user: Any) -> NotificationQuerySet:
        """The safeguarding officers own notifications; nobody else reads one (supervisors see counts)."""
        return self if has_role(user, *SCHOOL_NOTIFIERS) else self.none()

    def occurred_between(self, first: Any, last: Any) -> NotificationQuerySet:
        return self.filter(occurred_at__date__gte=first, occurred_at__date__lte=last)


class SchoolNotification(TimeStampedModel, Reviewable):
    """A task: tell the key adult of the child's school before the next school day starts."""

    reference = models.CharField(max_length=20, unique=True)
    incident_ref = models.CharField(
        "Incident reference", max_length=64, help_text="The force's incident number (not sent to the school)"
    )
    occurred_at = models.DateTimeField("Incident date and time")
    ward = models.ForeignKey("geography.Ward", null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    school = models.ForeignKey(
        School,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="notifications",
        help_text="Empty while the task waits for the school to be assigned",
    )
    child_name = models.CharField(max_length=200, blank=True, help_text="As the school knows the child")
    year_group = models.CharField(max_length=40, blank=True, help_text="Helps the school find the right child")
    due_at = models.DateTimeField(help_text="The start of the next school day after the incident")
    status = models.CharField(max_length=10, choices=NotificationStatus.choices, default=NotificationStatus.DUE)
    sent_at = models.DateTimeField(null=True, blank=True)
    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    sent_to = models.EmailField(blank=True, help_text="The address it went to")
    from_incident_log = models.BooleanField(
        default=False, help_text="Opened from the incident log (once per incident, whatever the re-imports)"
    )
    synthetic = models.BooleanField(default=False, help_text="Opened from a synthetic incident (demonstration)")

    objects = NotificationQuerySet.as_manager()

    # The incident reference stays (as a DASH assessment's does): the one-task-per-logged-incident
    # constraint needs it, and a re-imported log must still recognise the incident it opened a task for.
    PERSONAL_FIELDS = ("child_name", "year_group", "sent_to")

    class Meta:
        ordering = ["status", "due_at", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["incident_ref"],
                condition=models.Q(from_incident_log=True),
                name="one_notification_per_logged_incident",
            )
        ]

    def __str__(self) -> str:
        return self.reference

    @property
    def sent_in_time(self) -> bool | None:
        return None if self.sent_at is None else self.sent_at < self.due_at

    @property
    def to_assign(self) -> bool:
        return self.status == NotificationStatus.TO_ASSIGN

    @property
    def overdue(self) -> bool:
        return self.sent_at is None and timezone.now() >= self.due_at
