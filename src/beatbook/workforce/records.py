"""What officers' time and training are recorded as: abstractions from neighbourhood duty,
volunteers' deployments, and the qualifications DWOs hold.

The reasons of abstraction and the qualification types are rows a force configures (the admin),
seeded with the strategy's lists. Each record has a natural key, so an import of the same roster
twice changes the stored rows instead of adding them again.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models

from beatbook.core.models import TimeStampedModel
from beatbook.core.roles import ABSTRACTION_MANAGERS, WORKFORCE_EDITORS, has_role

#: Hours on one day, in quarters or to the minute's hundredth: from a quarter of an hour to a whole day.
MIN_HOURS, MAX_HOURS = 0.25, 24
HOURS: dict[str, Any] = {
    "max_digits": 4,
    "decimal_places": 2,
    "validators": [MinValueValidator(MIN_HOURS), MaxValueValidator(MAX_HOURS)],
}


class Source(models.TextChoices):
    ENTERED = "entered", "Entered on a page"
    IMPORTED = "imported", "Imported from a roster export"


class AbstractionReason(TimeStampedModel):
    """Why a DWO was taken from neighbourhood duty (response cover, public order, ...)."""

    code = models.SlugField(max_length=40, unique=True, help_text="As written in the CSV, e.g. response-cover")
    name = models.CharField(max_length=100)
    active = models.BooleanField(default=True, help_text="Offered for new abstractions")
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["order", "name"]

    def __str__(self) -> str:
        return self.name


class AbstractionQuerySet(models.QuerySet):
    def visible_to(self, user: Any) -> AbstractionQuerySet:
        """Supervisors see every abstraction; an officer their own only (through Officer.user)."""
        if has_role(user, *ABSTRACTION_MANAGERS):
            return self
        if user is None or not user.is_authenticated:
            return self.none()
        return self.filter(officer__user=user)

    def between(self, first: date, last: date) -> AbstractionQuerySet:
        return self.filter(date__range=(first, last))


class Abstraction(TimeStampedModel):
    """Hours on one day that a DWO spent away from neighbourhood duty, and why."""

    officer = models.ForeignKey("workforce.Officer", on_delete=models.PROTECT, related_name="abstractions")
    date = models.DateField()
    hours = models.DecimalField(**HOURS, help_text="Hours taken from neighbourhood duty that day (0.25 to 24)")
    reason = models.ForeignKey(AbstractionReason, on_delete=models.PROTECT, related_name="abstractions")
    note = models.CharField(max_length=300, blank=True, help_text="Optional: the operation or event, no names")
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    source = models.CharField(max_length=16, choices=Source.choices, default=Source.ENTERED)

    objects = AbstractionQuerySet.as_manager()

    class Meta:
        ordering = ["-date", "officer__name"]
        constraints = [
            models.UniqueConstraint(fields=["officer", "date", "reason"], name="one_abstraction_per_officer_day_reason")
        ]

    def __str__(self) -> str:
        return f"{self.officer} {self.date:%d %b %Y}: {self.hours} h {self.reason}"


class DeploymentQuerySet(models.QuerySet):
    def visible_to(self, user: Any) -> DeploymentQuerySet:
        return self if has_role(user, *WORKFORCE_EDITORS) else self.none()


class Deployment(TimeStampedModel):
    """A Special Constable's or a Police Cadet's duty on one day: hours, activity, where."""

    officer = models.ForeignKey("workforce.Officer", on_delete=models.PROTECT, related_name="deployments")
    date = models.DateField()
    hours = models.DecimalField(**HOURS, help_text="Hours on duty (0.25 to 24)")
    activity = models.CharField(max_length=100, help_text="e.g. Night-time economy patrol, Crime prevention stall")
    cluster = models.ForeignKey(
        "geography.Cluster",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="deployments",
        help_text="Where they served; empty for force-wide duty",
    )
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    source = models.CharField(max_length=16, choices=Source.choices, default=Source.ENTERED)

    objects = DeploymentQuerySet.as_manager()

    class Meta:
        ordering = ["-date", "officer__name"]
        constraints = [
            models.UniqueConstraint(fields=["officer", "date", "activity"], name="one_deployment_per_day_activity")
        ]

    def __str__(self) -> str:
        return f"{self.officer} {self.date:%d %b %Y}: {self.hours} h {self.activity}"


class QualificationType(TimeStampedModel):
    """A qualification or course (ProQual Level 3 Certificate in Crime Prevention, ...)."""

    name = models.CharField(max_length=200, unique=True)
    required_of_dwos = models.BooleanField(default=True, help_text="Every Dedicated Ward Officer must hold it")
    renewal_months = models.PositiveSmallIntegerField(
        null=True, blank=True, help_text="Months until it must be renewed; empty if it never expires"
    )
    active = models.BooleanField(default=True)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Qualification(TimeStampedModel):
    """That an officer holds a qualification: since when, and until when it is valid."""

    officer = models.ForeignKey("workforce.Officer", on_delete=models.CASCADE, related_name="qualifications")
    kind = models.ForeignKey(
        QualificationType, on_delete=models.PROTECT, related_name="holdings", verbose_name="qualification"
    )
    achieved = models.DateField(help_text="The day it was passed or completed")
    expires = models.DateField(
        null=True, blank=True, help_text="When it must be renewed; empty: from the type's renewal period, or never"
    )

    class Meta:
        ordering = ["officer__name", "kind__name"]
        constraints = [models.UniqueConstraint(fields=["officer", "kind"], name="one_holding_per_qualification")]

    def __str__(self) -> str:
        return f"{self.officer}: {self.kind}"

    def valid_on(self, day: date) -> bool:
        return self.achieved <= day and (self.expires is None or day <= self.expires)
