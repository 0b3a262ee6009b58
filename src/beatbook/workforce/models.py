"""The people of a force's neighbourhood policing and the functional teams they belong to.

Kept general: the engagement pages name a ward's team from here, and the workforce and
governance work (assignments, abstractions, training) extends the same records.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone

from beatbook.core.models import TimeStampedModel
from beatbook.core.roles import ATTENDANCE_HANDLERS, ATTENDANCE_SUPERVISORS, WORKFORCE_EDITORS, has_role


class Rank(models.TextChoices):
    """Ranks and grades as the public reads them (police.uk's people show the rank as text)."""

    POLICE_CADET = "cadet", "Police Cadet"
    PCSO = "pcso", "Police Community Support Officer"
    SPECIAL_CONSTABLE = "special", "Special Constable"
    CONSTABLE = "constable", "Police Constable"
    SERGEANT = "sergeant", "Sergeant"
    INSPECTOR = "inspector", "Inspector"
    CHIEF_INSPECTOR = "chief_inspector", "Chief Inspector"
    SUPERINTENDENT = "superintendent", "Superintendent"
    CHIEF_SUPERINTENDENT = "chief_superintendent", "Chief Superintendent"
    STAFF = "staff", "Police Staff"


#: The ranks police.uk lists as a force's senior officers (forces/{id}/people).
SENIOR_RANKS = (Rank.CHIEF_INSPECTOR, Rank.SUPERINTENDENT, Rank.CHIEF_SUPERINTENDENT)


class Duty(models.TextChoices):
    """What the person does in neighbourhood policing, apart from their rank."""

    DWO = "dwo", "Dedicated Ward Officer"
    SCHOOLS_OFFICER = "schools", "Schools officer"
    TEAM_OFFICER = "team", "Functional team officer"
    HUB_ANALYST = "hub_analyst", "Hub analyst"
    SUPERVISOR = "supervisor", "Supervisor"
    LEAD = "lead", "Neighbourhood policing lead"


class PublicGroup(models.TextChoices):
    """The groups of the City's mostly transient public, as subscribers and teams name them."""

    RESIDENT = "resident", "Residents"
    WORKER = "worker", "Workers"
    BUSINESS = "business", "Businesses"
    VISITOR = "visitor", "Visitors"


class TeamQuerySet(models.QuerySet):
    def visible_to(self, user: Any) -> TeamQuerySet:
        return self if has_role(user, *WORKFORCE_EDITORS) else self.none()


class Team(TimeStampedModel):
    """A functional team a force configures (the City: Residential, Business, Street Intervention)."""

    force = models.ForeignKey("geography.Force", on_delete=models.CASCADE, related_name="teams")
    name = models.CharField(max_length=100)
    slug = models.SlugField(max_length=100)
    description = models.TextField(blank=True, help_text="What the team does, as the public reads it")
    contact_email = models.EmailField(blank=True, help_text="The team's shared inbox, not a person's own address")
    serves = models.CharField(
        max_length=16,
        choices=PublicGroup.choices,
        blank=True,
        help_text="The public group it serves: a message to the team's audience reaches these subscribers",
    )
    handles_attendance_requests = models.BooleanField(
        default=False, help_text="Its members work the queue of requests for police attendance (the Business team)"
    )

    objects = TeamQuerySet.as_manager()

    class Meta:
        ordering = ["force", "name"]
        constraints = [models.UniqueConstraint(fields=["force", "slug"], name="unique_team_slug")]

    def __str__(self) -> str:
        return f"{self.name} team"


class OfficerQuerySet(models.QuerySet):
    def serving(self, on: date | None = None) -> OfficerQuerySet:
        """Those whose start and end dates include `on` (today by default)."""
        day = on or timezone.localdate()
        return self.filter(Q(start_date__isnull=True) | Q(start_date__lte=day)).filter(
            Q(end_date__isnull=True) | Q(end_date__gte=day)
        )

    def of_force(self, slug: str) -> OfficerQuerySet:
        return self.filter(force__slug=slug)

    def visible_to(self, user: Any) -> OfficerQuerySet:
        """The officer records a supervisor manages (every officer of the force)."""
        return self if has_role(user, *WORKFORCE_EDITORS) else self.none()

    def handling_attendance_requests(self) -> OfficerQuerySet:
        return self.filter(teams__handles_attendance_requests=True).distinct()


class Officer(TimeStampedModel):
    """A named officer or member of staff as the public and colleagues see them."""

    force = models.ForeignKey("geography.Force", on_delete=models.CASCADE, related_name="officers")
    name = models.CharField(max_length=200, help_text="As shown to the public, e.g. PC Sam Example")
    rank = models.CharField(max_length=32, choices=Rank.choices)
    duty = models.CharField(max_length=32, choices=Duty.choices, default=Duty.DWO, verbose_name="role")
    collar_number = models.CharField(max_length=16, blank=True, help_text="Optional")
    cluster = models.ForeignKey(
        "geography.Cluster",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="officers",
        help_text="The cluster a Dedicated Ward Officer serves",
    )
    teams = models.ManyToManyField(Team, blank=True, related_name="officers")
    contact_email = models.EmailField(
        blank=True, help_text="A team inbox; a personal address only if the officer chose to publish it"
    )
    phone = models.CharField(max_length=32, blank=True, help_text="Only with the officer's consent")
    publish_phone = models.BooleanField(default=False, help_text="The officer agreed to show this phone number")
    photo = models.ImageField(upload_to="officers/", blank=True, help_text="Optional")
    publish_photo = models.BooleanField(
        default=False, help_text="The officer agreed to show the photo on the public pages and API"
    )
    bio = models.TextField(blank=True, verbose_name="short biography")
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="officer",
        help_text="The officer's beatbook account, if they have one",
    )
    start_date = models.DateField(null=True, blank=True)
    end_date = models.DateField(null=True, blank=True)

    objects = OfficerQuerySet.as_manager()

    class Meta:
        ordering = ["force", "cluster", "name"]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        if self.start_date and self.end_date and self.end_date < self.start_date:
            raise ValidationError({"end_date": "The end date is before the start date."})

    @property
    def has_public_photo(self) -> bool:
        return bool(self.photo) and self.publish_photo

    def public_contact(self) -> dict[str, str]:
        """How the public may reach the officer: their inbox or else their team's, and the phone only
        when the officer agreed."""
        email = self.contact_email or next((t.contact_email for t in self.teams.all() if t.contact_email), "")
        contact = {"email": email} if email else {}
        if self.phone and self.publish_phone:
            contact["telephone"] = self.phone
        return contact


def works_attendance_queue(user: Any) -> bool:
    """Supervisors, and serving officers whose account is a member of a team that handles the requests."""
    if has_role(user, *ATTENDANCE_SUPERVISORS):
        return True
    if not has_role(user, *ATTENDANCE_HANDLERS):
        return False
    return Officer.objects.serving().handling_attendance_requests().filter(user=user).exists()
