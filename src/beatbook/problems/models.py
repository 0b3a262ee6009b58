"""SARA problem-solving plans: the problem, its history, its responses and its assessments.

Every change to a problem is written to ProblemChange (before and after, who, when), which
refuses to be changed or deleted: a plan's story is never overwritten.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from django.conf import settings
from django.db import models, transaction

from beatbook.accounts.models import PartnerOrganisation, profile_of
from beatbook.core.models import TimeStampedModel
from beatbook.core.roles import PROBLEM_READERS, Role, has_role
from beatbook.geography.models import Ward
from beatbook.problems.references import reference_of


class Stage(models.TextChoices):
    SCANNING = "scanning", "Scanning"
    ANALYSIS = "analysis", "Analysis"
    RESPONSE = "response", "Response"
    ASSESSMENT = "assessment", "Assessment"
    CLOSED = "closed", "Closed"


class Source(models.TextChoices):
    HUB = "hub", "Hub analysis"
    PANEL = "panel", "Cluster panel meeting"
    ENGAGEMENT = "engagement", "Other engagement event (surgery, roadshow, forum ...)"
    COMPLAINT = "complaint", "Complaint"
    PARTNER = "partner", "Partner"
    INTELLIGENCE = "intelligence", "Intelligence"


class Urgency(models.TextChoices):
    HIGH = "high", "High"
    MEDIUM = "medium", "Medium"
    LOW = "low", "Low"


class Section(models.TextChoices):
    """Parts of a plan an owner may share with the partner organisations named on it.

    Shared by section, not by field: a section is what an owner can judge at a glance, and the
    description, source and history (which may hold intelligence) are never shared at all.
    """

    AREA = "area", "Area and crime categories"
    ANALYSIS = "analysis", "Analysis (the problem analysis triangle)"
    RESPONSES = "responses", "Responses"
    ASSESSMENT = "assessment", "Assessment"


#: Fields whose changes the history records, in the order a reader expects them.
TRACKED_FIELDS = (
    "title",
    "description",
    "partner_summary",
    "shared_sections",
    "categories",
    "source",
    "owner",
    "priority",
    "stage",
    "review_date",
    "polygon",
    "centre_lat",
    "centre_lng",
    "radius_m",
    "victim",
    "offender",
    "location",
    "guardian",
    "handler",
    "manager",
)
TRACKED_RELATIONS = ("wards", "supporting_officers", "partners")


class ProblemQuerySet(models.QuerySet):
    def visible_to(self, user: Any) -> ProblemQuerySet:
        """Officers, analysts and supervisors see every problem; partners those naming their organisation."""
        if has_role(user, *PROBLEM_READERS):
            return self
        if has_role(user, Role.PARTNER):
            profile = profile_of(user)
            if profile is not None and profile.organisation_id is not None:
                return self.filter(partners=profile.organisation_id)
        return self.none()

    def changeable_by(self, user: Any) -> ProblemQuerySet:
        """Problems the user may change, move or reopen, closed ones too: their own, or any for a supervisor.
        The one rule of who changes a problem (``Problem.can_change`` asks it)."""
        if has_role(user, Role.SUPERVISOR):
            return self.visible_to(user)
        return self.visible_to(user).filter(owner=user) if has_role(user, Role.OFFICER) else self.none()

    def extendable_by(self, user: Any) -> ProblemQuerySet:
        """Problems the user may add responses and Hub snapshots to: those they may change, unless closed."""
        return self.changeable_by(user).exclude(stage=Stage.CLOSED)


class Problem(TimeStampedModel):
    title = models.CharField(max_length=200)
    description = models.TextField(blank=True, help_text="For the police team: never shown to partners.")
    partner_summary = models.TextField(
        blank=True,
        help_text="What the partners named on the problem read (instead of the description).",
    )
    shared_sections = models.JSONField(
        default=list, blank=True, help_text="The sections partners named on the problem may read."
    )
    wards = models.ManyToManyField(Ward, blank=True, related_name="problems")
    polygon = models.TextField(blank=True, help_text="A GeoJSON polygon (WGS84 longitude/latitude), drawn on the map.")
    centre_lat = models.FloatField(null=True, blank=True, help_text="Latitude of the centre of a radius area.")
    centre_lng = models.FloatField(null=True, blank=True, help_text="Longitude of the centre of a radius area.")
    radius_m = models.PositiveIntegerField(null=True, blank=True, help_text="Radius around the centre, in metres.")
    categories = models.JSONField(default=list, blank=True, help_text="police.uk category slugs; empty: all.")
    source = models.CharField(max_length=20, choices=Source.choices, default=Source.HUB)
    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="problems_owned")
    supporting_officers = models.ManyToManyField(
        settings.AUTH_USER_MODEL, blank=True, related_name="problems_supported"
    )
    partners = models.ManyToManyField(PartnerOrganisation, blank=True, related_name="problems")
    priority = models.CharField(max_length=10, choices=Urgency.choices, default=Urgency.MEDIUM)
    stage = models.CharField(max_length=20, choices=Stage.choices, default=Stage.SCANNING)
    review_date = models.DateField(null=True, blank=True)
    suggestion_key = models.CharField(
        max_length=200, blank=True, help_text="The Hub suggestion this problem was taken up from."
    )
    # The problem analysis triangle (Clarke & Eck, Crime Analysis for Problem Solvers in 60 Small Steps).
    victim = models.TextField(blank=True, help_text="Who or what is harmed; why are they vulnerable?")
    offender = models.TextField(blank=True, help_text="Who offends; what draws them here?")
    location = models.TextField(blank=True, help_text="Where exactly; what about the place allows it?")
    guardian = models.TextField(blank=True, help_text="Who could protect the victims (capable guardians)?")
    handler = models.TextField(blank=True, help_text="Who has influence over the offenders?")
    manager = models.TextField(blank=True, help_text="Who is responsible for the place (owners, licensees)?")

    objects = ProblemQuerySet.as_manager()

    class Meta:
        ordering = ["-modified"]
        constraints = [
            models.UniqueConstraint(
                fields=["suggestion_key"], condition=~models.Q(suggestion_key=""), name="one_problem_per_suggestion"
            )
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def reference(self) -> str:
        """How a problem is quoted outside its page (an intelligence item's link): SARA-12."""
        return reference_of(self.pk)

    def can_change(self, user: Any) -> bool:
        """The owner and supervisors change a problem, and move or reopen it once closed."""
        return Problem.objects.changeable_by(user).filter(pk=self.pk).exists()

    def can_extend(self, user: Any) -> bool:
        """A closed problem takes no new responses or Hub snapshots (``ProblemQuerySet.extendable_by``)."""
        return self.stage != Stage.CLOSED and self.can_change(user)

    def shares(self, section: str) -> bool:
        return section in (self.shared_sections or [])

    def shows(self, section: str, user: Any) -> bool:
        """Whether ``user`` reads ``section``: the police team always, a partner when it is shared."""
        return has_role(user, *PROBLEM_READERS) or self.shares(section)

    def snapshot(self) -> dict[str, Any]:
        """The tracked fields as plain values, to compare before and after a change."""
        values: dict[str, Any] = {name: _plain(getattr(self, name)) for name in TRACKED_FIELDS}
        if self.pk is not None:
            values["wards"] = sorted(self.wards.values_list("name", flat=True))
            values["supporting_officers"] = sorted(self.supporting_officers.values_list("username", flat=True))
            values["partners"] = sorted(self.partners.values_list("name", flat=True))
        return values

    def move_to(self, stage: str, *, by: Any, note: str = "") -> ProblemChange:
        """Move the problem to another SARA stage, recorded in its history."""
        if stage not in Stage.values:
            raise ValueError(f"no stage {stage!r}; choose one of {', '.join(Stage.values)}")
        if stage == self.stage:
            raise ValueError(f"the problem is already at {Stage(stage).label}")
        with transaction.atomic():
            before = self.snapshot()
            self.stage = stage
            self.stamp(by)
            self.save()
            return self.record_change(before, by=by, kind=ChangeKind.STAGE, note=note)

    def record_change(self, before: dict[str, Any], *, by: Any, kind: str, note: str = "") -> ProblemChange:
        """Write what changed since ``before`` (a snapshot) to the history."""
        after = self.snapshot()
        changes = {k: [before.get(k), v] for k, v in after.items() if before.get(k) != v}
        return ProblemChange.objects.create(problem=self, by=_who(by), kind=kind, changes=changes, note=note)

    def log(self, *, by: Any, kind: str, note: str) -> ProblemChange:
        """Write an event that changes no field of the problem (a response added, an assessment run)."""
        return ProblemChange.objects.create(problem=self, by=_who(by), kind=kind, note=note)

    def area_text(self) -> str:
        parts = []
        if self.pk is not None and self.wards.exists():
            parts.append("wards: " + ", ".join(w.name for w in self.wards.all()))
        if self.radius_m and self.centre_lat is not None:
            parts.append(f"{self.radius_m} m around {self.centre_lat:.5f}, {self.centre_lng:.5f}")
        if self.polygon:
            parts.append("a polygon drawn on the map")
        return "; ".join(parts) or "no area given"


def _plain(value: Any) -> Any:
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, models.Model):
        return str(value)
    return value


def _who(user: Any) -> Any:
    return user if user is not None and getattr(user, "is_authenticated", False) else None


class ChangeKind(models.TextChoices):
    CREATE = "create", "Created"
    EDIT = "edit", "Edited"
    STAGE = "stage", "Stage moved"
    RESPONSE = "response", "Response"
    ASSESSMENT = "assessment", "Assessment"
    SNAPSHOT = "snapshot", "Hub snapshot"


class ProblemChange(models.Model):
    """One change of a problem: append-only, like the audit log."""

    problem = models.ForeignKey(Problem, on_delete=models.PROTECT, related_name="history")
    at = models.DateTimeField(auto_now_add=True)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+")
    kind = models.CharField(max_length=20, choices=ChangeKind.choices)
    changes = models.JSONField(default=dict, blank=True, help_text="{field: [before, after]}")
    note = models.TextField(blank=True)

    class Meta:
        ordering = ["at", "id"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.problem_id} {self.at:%Y-%m-%d %H:%M}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self.pk is not None:
            raise PermissionError("A problem's history is append-only: a change cannot be altered.")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> tuple[int, dict[str, int]]:
        raise PermissionError("A problem's history is append-only: a change cannot be deleted.")


class ResponseType(models.Model):
    """A kind of response, from the problem-oriented policing literature; a force edits the list in the admin."""

    name = models.CharField(max_length=100, unique=True)
    description = models.CharField(max_length=300, blank=True)
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["order", "name"]

    def __str__(self) -> str:
        return self.name


class ResponseStatus(models.TextChoices):
    PLANNED = "planned", "Planned"
    UNDER_WAY = "under_way", "Under way"
    DONE = "done", "Done"
    STOPPED = "stopped", "Stopped"


class Response(TimeStampedModel):
    """An action taken against the problem."""

    problem = models.ForeignKey(Problem, on_delete=models.CASCADE, related_name="responses")
    kind = models.ForeignKey(ResponseType, on_delete=models.PROTECT, verbose_name="type")
    action = models.CharField(max_length=300, help_text="What will be done, in a sentence.")
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text="The officer who sees it done.",
    )
    partner = models.ForeignKey(
        PartnerOrganisation,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        help_text="The partner who does it, if any.",
    )
    start = models.DateField(null=True, blank=True)
    end = models.DateField(null=True, blank=True)
    status = models.CharField(max_length=20, choices=ResponseStatus.choices, default=ResponseStatus.PLANNED)
    notes = models.TextField(blank=True)

    class Meta:
        ordering = ["start", "id"]

    def __str__(self) -> str:
        return self.action


class Assessment(TimeStampedModel):
    """One run of the assessment: its inputs, the data version it read, and the whole result."""

    problem = models.ForeignKey(Problem, on_delete=models.CASCADE, related_name="assessments")
    inputs = models.JSONField(help_text="The options the assessment was run with")
    data_version = models.CharField(max_length=64)
    result = models.JSONField(help_text="Counts, statistics and the verdict, as the API serves them")

    class Meta:
        ordering = ["-created", "-id"]

    def __str__(self) -> str:
        return f"Assessment of {self.problem} ({self.created:%Y-%m-%d})"


class Snapshot(TimeStampedModel):
    """A Hub page (a chart, a table, a map) attached to the problem's analysis, with the options
    (its address) and the data version it was seen on, so that it can be drawn again."""

    problem = models.ForeignKey(Problem, on_delete=models.CASCADE, related_name="snapshots")
    title = models.CharField(max_length=200, help_text="What it shows, e.g. 'Hotspots of theft, Bishopsgate, 2025'.")
    page = models.CharField(max_length=64, help_text="The Hub page's name, e.g. hub:hotspots")
    path = models.CharField(max_length=200)
    query = models.CharField(max_length=1000, blank=True, help_text="The page's filters and options")
    data_version = models.CharField(max_length=64)
    note = models.TextField(blank=True, help_text="What it tells us about the problem.")

    class Meta:
        ordering = ["created", "id"]

    def __str__(self) -> str:
        return self.title

    @property
    def address(self) -> str:
        return f"{self.path}?{self.query}" if self.query else self.path
