"""A community safety partnership (the Safer City Partnership): its member organisations, its plan for a
period with the plan's priorities, and the implementation plan of actions that measures progress.

Under the Crime and Disorder Act 1998 (s.5, as amended) the responsible authorities of a partnership
are the police, the local authority, fire and rescue, probation and health (the integrated care
board); other members join by invitation. A priority names the framework's indicators by code only,
so that a plan outlives an indicator being renamed or not yet written (partnership.review says so).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import models

from beatbook.accounts.models import PartnerOrganisation, profile_of
from beatbook.core.models import TimeStampedModel
from beatbook.core.months import add_months
from beatbook.core.roles import PARTNERSHIP_EDITORS, PARTNERSHIP_READERS, Role, has_role
from beatbook.performance.registry import Period


class ResponsibleAuthority(models.TextChoices):
    """The statutory members (Crime and Disorder Act 1998 s.5); empty for a member by invitation."""

    NONE = "", "Not a responsible authority (member by invitation)"
    POLICE = "police", "Police"
    LOCAL_AUTHORITY = "local_authority", "Local authority"
    FIRE_RESCUE = "fire_rescue", "Fire and rescue authority"
    PROBATION = "probation", "Probation service"
    HEALTH = "health", "Health (integrated care board)"


class PartnershipQuerySet(models.QuerySet):
    def visible_to(self, user: Any) -> PartnershipQuerySet:
        """The police team sees every partnership; a partner those their organisation is a member of."""
        if has_role(user, *PARTNERSHIP_READERS):
            return self
        if has_role(user, Role.PARTNER):
            profile = profile_of(user)
            if profile is not None and profile.organisation_id is not None:
                return self.filter(members__organisation=profile.organisation_id).distinct()
        return self.none()


class Partnership(TimeStampedModel):
    name = models.CharField(max_length=200, unique=True)
    force_slug = models.SlugField(max_length=80, help_text="The force whose figures the partnership's plans report")
    about = models.TextField(blank=True, help_text="What the partnership is and who it answers to")
    demonstration = models.BooleanField(default=False, help_text="A made-up demonstration record")

    objects = PartnershipQuerySet.as_manager()

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Member(TimeStampedModel):
    partnership = models.ForeignKey(Partnership, on_delete=models.CASCADE, related_name="members")
    name = models.CharField(max_length=200)
    authority = models.CharField(
        max_length=20,
        choices=ResponsibleAuthority.choices,
        blank=True,
        default=ResponsibleAuthority.NONE,
        help_text="Which responsible authority (Crime and Disorder Act 1998 s.5) the member is, if any",
    )
    organisation = models.ForeignKey(
        PartnerOrganisation,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="partnership_memberships",
        help_text="The partner organisation whose accounts read the partnership's plans",
    )

    class Meta:
        ordering = ["partnership", "name"]
        constraints = [models.UniqueConstraint(fields=["partnership", "name"], name="one_member_per_name")]

    def __str__(self) -> str:
        return self.name

    @property
    def statutory(self) -> bool:
        return bool(self.authority)


class PlanQuerySet(models.QuerySet):
    def visible_to(self, user: Any) -> PlanQuerySet:
        return self.filter(partnership__in=Partnership.objects.visible_to(user))


class Plan(TimeStampedModel):
    """The partnership's plan for a period (e.g. April 2016 to March 2017) and its priorities."""

    partnership = models.ForeignKey(Partnership, on_delete=models.CASCADE, related_name="plans")
    title = models.CharField(max_length=200)
    first_month = models.DateField(help_text="The first month of the plan's period (its first day)")
    last_month = models.DateField(help_text="The last month of the plan's period (its first day)")
    summary = models.TextField(blank=True)
    demonstration = models.BooleanField(default=False, help_text="A made-up demonstration record")

    objects = PlanQuerySet.as_manager()

    class Meta:
        ordering = ["-first_month", "title"]
        constraints = [
            models.CheckConstraint(condition=models.Q(last_month__gte=models.F("first_month")), name="plan_period")
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def period(self) -> Period:
        first, last = self.first_month.replace(day=1), self.last_month.replace(day=1)
        return Period(first, last, f"{first:%B %Y} to {last:%B %Y}")

    @property
    def ends(self) -> dt.date:
        """The plan's last day."""
        return add_months(self.last_month.replace(day=1), 1) - dt.timedelta(days=1)

    def can_be_changed_by(self, user: Any) -> bool:
        return has_role(user, *PARTNERSHIP_EDITORS)


class PriorityQuerySet(models.QuerySet):
    def visible_to(self, user: Any) -> PriorityQuerySet:
        return self.filter(plan__in=Plan.objects.visible_to(user))


class Priority(TimeStampedModel):
    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="priorities")
    order = models.PositiveSmallIntegerField(default=0, help_text="Where it stands in the plan")
    title = models.CharField(max_length=200)
    description = models.TextField(blank=True)
    indicator_codes = models.JSONField(
        default=list, blank=True, help_text="Codes of the performance framework's indicators that measure it"
    )
    problems = models.ManyToManyField("problems.Problem", blank=True, related_name="partnership_priorities")
    campaigns = models.ManyToManyField("campaigns.Campaign", blank=True, related_name="partnership_priorities")

    objects = PriorityQuerySet.as_manager()

    class Meta:
        ordering = ["plan", "order", "pk"]
        verbose_name_plural = "priorities"

    def __str__(self) -> str:
        return self.title


class ActionStatus(models.TextChoices):
    NOT_STARTED = "not_started", "Not started"
    IN_PROGRESS = "in_progress", "In progress"
    DONE = "done", "Done"
    DROPPED = "dropped", "Dropped"


FINISHED = (ActionStatus.DONE, ActionStatus.DROPPED)


class ActionQuerySet(models.QuerySet):
    def visible_to(self, user: Any) -> ActionQuerySet:
        return self.filter(priority__plan__in=Plan.objects.visible_to(user))

    def overdue(self, today: dt.date) -> ActionQuerySet:
        return self.filter(due__lt=today).exclude(status__in=FINISHED)


class Action(TimeStampedModel):
    """One line of the implementation plan: what, by which member organisation, led by whom, by when."""

    priority = models.ForeignKey(Priority, on_delete=models.CASCADE, related_name="actions")
    action = models.TextField(help_text="What will be done, in a sentence")
    owner = models.ForeignKey(
        Member,
        on_delete=models.PROTECT,
        related_name="actions",
        help_text="The member organisation answerable for it",
    )
    lead = models.CharField(max_length=200, blank=True, help_text="The post (or team) that leads it, not a person")
    due = models.DateField(help_text="When it should be done")
    status = models.CharField(max_length=20, choices=ActionStatus.choices, default=ActionStatus.NOT_STARTED)
    progress = models.TextField(blank=True, help_text="Progress so far, newest first")

    objects = ActionQuerySet.as_manager()

    class Meta:
        ordering = ["priority", "due", "pk"]

    def __str__(self) -> str:
        return self.action[:80]

    def is_overdue(self, today: dt.date) -> bool:
        return self.due < today and self.status not in FINISHED
