"""The people of a force's neighbourhood policing and the functional teams they belong to.

Kept general: the engagement pages name a ward's team from here, and the workforce and
governance work (assignments, abstractions, training) extends the same records.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
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
#: Volunteers are a rank, not a duty: a Special Constable or a Cadet may be attached to a ward as
#: its officer is, so the duty says what they do and the rank says on what terms they serve.
VOLUNTEER_RANKS = (Rank.SPECIAL_CONSTABLE, Rank.POLICE_CADET)


class WorkingPattern(models.TextChoices):
    """When an officer's neighbourhood hours fall (the strategy flexed DWO hours to the night-time economy)."""

    STANDARD = "standard", "Standard shifts (earlies and lates)"
    NIGHT_TIME_ECONOMY = "night_time_economy", "Flexed to the night-time economy (late shifts, Thursday to Saturday)"
    PART_TIME = "part_time", "Part-time"
    VOLUNTEER = "volunteer", "Volunteer hours (Special Constable, Police Cadet)"


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

    def dwos(self) -> OfficerQuerySet:
        return self.filter(duty=Duty.DWO)

    def specials(self) -> OfficerQuerySet:
        return self.filter(rank=Rank.SPECIAL_CONSTABLE)

    def volunteers(self) -> OfficerQuerySet:
        return self.filter(rank__in=VOLUNTEER_RANKS)

    def serving_between(self, first: date, last: date) -> OfficerQuerySet:
        """Those who served on at least one day from `first` to `last`."""
        return self.filter(Q(start_date__isnull=True) | Q(start_date__lte=last)).filter(
            Q(end_date__isnull=True) | Q(end_date__gte=first)
        )

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
    end_date = models.DateField(
        null=True, blank=True, help_text="The last day served: an officer who leaves is ended here, not deleted"
    )
    working_pattern = models.CharField(
        max_length=32,
        choices=WorkingPattern.choices,
        default=WorkingPattern.STANDARD,
        help_text="When the officer's neighbourhood hours fall: the night-time economy pattern works the late "
        "shifts of the bars' and clubs' busy nights",
    )
    planned_hours_per_week = models.DecimalField(
        max_digits=4,
        decimal_places=1,
        default=Decimal("40.0"),
        validators=[MinValueValidator(0), MaxValueValidator(80)],
        verbose_name="planned neighbourhood hours a week",
        help_text="Hours a week planned on neighbourhood duty (40 for a full-time officer): what the "
        "abstraction rate divides by",
    )

    objects = OfficerQuerySet.as_manager()

    class Meta:
        ordering = ["force", "cluster", "name"]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        if self.start_date and self.end_date and self.end_date < self.start_date:
            raise ValidationError({"end_date": "The end date is before the start date."})

    @property
    def is_volunteer(self) -> bool:
        return self.rank in VOLUNTEER_RANKS

    def served_days(self, first: date, last: date) -> int:
        """Days from `first` to `last` (inclusive) within the officer's start and end dates."""
        start = max(first, self.start_date) if self.start_date else first
        end = min(last, self.end_date) if self.end_date else last
        return max((end - start).days + 1, 0)

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


from beatbook.workforce.records import (  # noqa: E402,F401  (the app's other models, in their own module)
    Abstraction,
    AbstractionReason,
    Deployment,
    Qualification,
    QualificationType,
)
