"""Safeguarding: the force's incident log (imported from CSV), and the records built on it: ASB Case
Reviews (the Community Trigger), DASH risk assessments and MARAC referrals.

Victims and callers are pseudonyms as the force's log gives them; who may read them is decided once,
by each queryset's `visible_to` (docs/adr/0009).
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models

from beatbook.core.models import QuarantinedLine, TimeStampedModel
from beatbook.core.retention import Reviewable, ReviewableQuerySet
from beatbook.core.roles import MARAC_PARTNERS, SAFEGUARDING_OWNERS, has_role
from beatbook.safeguarding.dash import higher_level


class OwnedQuerySet(models.QuerySet):
    """Personal safeguarding records: the safeguarding role reads them all, nobody else any."""

    def visible_to(self, user: Any) -> OwnedQuerySet:
        return self if has_role(user, *SAFEGUARDING_OWNERS) else self.none()


# django-stubs types each base's as_manager() with its own manager class; both bases are plain QuerySets.
class ReviewableOwnedQuerySet(OwnedQuerySet, ReviewableQuerySet):  # type: ignore[override]
    """Personal safeguarding records kept under MoPI review."""


class IncidentLog(models.Model):
    """The one imported incident log of a force: a file replaces it as a whole (safeguarding.importer)."""

    force_slug = models.SlugField(max_length=64, unique=True)
    file_name = models.CharField(max_length=500)
    sha256 = models.CharField(max_length=64)
    size = models.BigIntegerField()
    synthetic = models.BooleanField(help_text="Every incident of the file is synthetic (demonstration records)")
    vintage = models.PositiveIntegerField(default=1, help_text="1 for the first import, +1 per replacement")
    imported_at = models.DateTimeField(auto_now=True)
    rows_read = models.PositiveIntegerField(default=0)
    rows_stored = models.PositiveIntegerField(default=0)
    rows_quarantined = models.PositiveIntegerField(default=0)

    def __str__(self) -> str:
        kind = "synthetic " if self.synthetic else ""
        return f"{kind}incident log {self.file_name} (vintage {self.vintage})"


class IncidentQuerySet(OwnedQuerySet):
    def involving(self, pseudonym: str) -> IncidentQuerySet:
        return self.filter(models.Q(victim=pseudonym) | models.Q(caller=pseudonym))


class Incident(models.Model):
    """One call or incident of the log. `synthetic` is copied from the file on every row, so that a
    synthetic record can never be read as a real one, whatever query reads it."""

    log = models.ForeignKey(IncidentLog, on_delete=models.CASCADE, related_name="incidents")
    line = models.PositiveIntegerField(help_text="Line number in the log's file, header = 1")
    incident_id = models.CharField(max_length=64)
    occurred_at = models.DateTimeField(help_text="When the incident happened")
    reported_at = models.DateTimeField(help_text="When it was reported (the date and time when not given)")
    incident_type = models.CharField(max_length=100)
    asb = models.BooleanField(help_text="Anti-social behaviour")
    hate = models.BooleanField(help_text="Hate-motivated")
    domestic_abuse = models.BooleanField()
    children_present = models.BooleanField()
    location = models.CharField(max_length=200, blank=True)
    lat = models.FloatField(null=True, blank=True)
    lng = models.FloatField(null=True, blank=True)
    ward = models.ForeignKey("geography.Ward", null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    caller = models.CharField(max_length=64, blank=True, db_index=True, help_text="The caller's pseudonym")
    victim = models.CharField(max_length=64, blank=True, db_index=True, help_text="The victim's pseudonym")
    outcome = models.CharField(max_length=200, blank=True)
    synthetic = models.BooleanField()

    objects = IncidentQuerySet.as_manager()

    class Meta:
        ordering = ["occurred_at", "id"]
        constraints = [models.UniqueConstraint(fields=["log", "incident_id"], name="one_incident_per_log_id")]

    def __str__(self) -> str:
        return f"{self.incident_id} ({self.incident_type}, {self.occurred_at:%Y-%m-%d})"


class QuarantinedIncidentRow(QuarantinedLine):
    log = models.ForeignKey(IncidentLog, on_delete=models.CASCADE, related_name="quarantined")

    class Meta:
        ordering = ["log", "line"]


class CaseReviewStatus(models.TextChoices):
    APPLIED = "applied", "Application received"
    MEETING = "meeting", "Review meeting held"
    CLOSED = "closed", "Outcome given"


class CaseReview(TimeStampedModel, Reviewable):
    """An ASB Case Review (Community Trigger) application, its review meeting and its outcome."""

    person = models.CharField(max_length=64, help_text="The applicant's pseudonym in the incident log")
    applied_on = models.DateField()
    threshold_met = models.BooleanField(help_text="Whether the log met the local threshold when applied")
    threshold_reason = models.CharField(max_length=300, help_text="Why, as the threshold rule said")
    status = models.CharField(max_length=10, choices=CaseReviewStatus.choices, default=CaseReviewStatus.APPLIED)
    meeting_on = models.DateField(null=True, blank=True)
    partners_present = models.CharField(max_length=300, blank=True, help_text="Agencies at the review meeting")
    outcome = models.TextField(blank=True, help_text="The review's recommendations, as told to the applicant")
    synthetic = models.BooleanField(default=False)

    PERSONAL_FIELDS = ("person", "outcome")
    objects = ReviewableOwnedQuerySet.as_manager()

    class Meta:
        ordering = ["-applied_on", "-id"]

    def __str__(self) -> str:
        return f"ASB Case Review {self.pk} ({self.applied_on:%Y-%m-%d})"

    def recording_refused(self) -> str:
        """Why the meeting or outcome may no longer be recorded ("" while it may): it would overwrite them."""
        if self.personal_data_removed:
            return f"The personal data of ASB Case Review {self.pk} was deleted at review: nothing more is recorded."
        if self.status == CaseReviewStatus.CLOSED:
            return f"The outcome of ASB Case Review {self.pk} is recorded and the review is closed: it is not changed."
        return ""


class RiskLevel(models.TextChoices):
    STANDARD = "standard", "Standard"
    MEDIUM = "medium", "Medium"
    HIGH = "high", "High"


class DashAssessment(TimeStampedModel, Reviewable):
    """A DASH (2009) risk assessment: the answers, the score and level, and any professional override."""

    victim = models.CharField(max_length=64, help_text="The victim's pseudonym in the incident log")
    incident = models.ForeignKey(Incident, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    incident_ref = models.CharField(max_length=64, blank=True, help_text="Kept when the log is re-imported")
    answers = models.JSONField(help_text="Question number -> yes, no or not known")
    score = models.PositiveSmallIntegerField(help_text="The number of questions answered yes")
    level = models.CharField(max_length=10, choices=RiskLevel.choices, help_text="The level the score gives")
    override_level = models.CharField(max_length=10, choices=RiskLevel.choices, blank=True)
    override_reason = models.TextField(blank=True)
    notes = models.TextField(blank=True)
    synthetic = models.BooleanField(default=False)

    PERSONAL_FIELDS = ("victim", "notes", "override_reason")
    objects = ReviewableOwnedQuerySet.as_manager()

    class Meta:
        ordering = ["-created", "-id"]

    def __str__(self) -> str:
        return f"DASH assessment {self.pk}"

    @property
    def final_level(self) -> str:
        """The score's level, or professional judgement's when it is higher: judgement never lowers it."""
        return higher_level(self.level, self.override_level)

    @property
    def raised_by_judgement(self) -> bool:
        return self.final_level != self.level

    def get_final_level_display(self) -> str:
        return str(RiskLevel(self.final_level).label)


class MaracReferral(TimeStampedModel):
    """A referral to the MARAC for a high-risk assessment (by score or by professional judgement)."""

    assessment = models.OneToOneField(DashAssessment, on_delete=models.CASCADE, related_name="marac_referral")
    referred_on = models.DateField()
    reason = models.CharField(max_length=300)
    meeting_on = models.DateField(null=True, blank=True, help_text="The MARAC meeting that hears it")
    referred_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+")

    objects = OwnedQuerySet.as_manager()

    class Meta:
        ordering = ["-referred_on", "-id"]

    def __str__(self) -> str:
        return f"MARAC referral {self.pk} ({self.referred_on:%Y-%m-%d})"


class CaseStatus(models.TextChoices):
    OPEN = "open", "Open"
    CLOSED = "closed", "Closed"


class SupportPlan(TimeStampedModel, Reviewable):
    """A repeat victim's bespoke support plan: its aim, who leads it, when it is next reviewed, its actions."""

    victim = models.CharField(max_length=64, help_text="The victim's pseudonym in the incident log")
    summary = models.TextField(help_text="What the victim wants and what the plan aims at")
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", help_text="Who leads the plan"
    )
    next_review_on = models.DateField(help_text="When the plan is next reviewed with the victim")
    status = models.CharField(max_length=10, choices=CaseStatus.choices, default=CaseStatus.OPEN)
    synthetic = models.BooleanField(default=False)

    PERSONAL_FIELDS = ("victim", "summary")
    objects = ReviewableOwnedQuerySet.as_manager()

    class Meta:
        ordering = ["status", "next_review_on", "id"]

    def __str__(self) -> str:
        return f"Support plan {self.pk}"

    def remove_related_personal_data(self) -> dict[str, int]:
        return {"actions": self.actions.update(text="[removed at review]", owner_name="")}


class SupportAction(TimeStampedModel):
    plan = models.ForeignKey(SupportPlan, on_delete=models.CASCADE, related_name="actions")
    text = models.CharField(max_length=300, help_text="What will be done")
    owner_name = models.CharField("Owner", max_length=200, help_text="Who does it: a person and their agency")
    due_on = models.DateField(help_text="By when")
    done_on = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["done_on", "due_on", "id"]

    def __str__(self) -> str:
        return f"Support action {self.pk}"


def _organisation_of(user: Any) -> Any:
    from beatbook.accounts.models import profile_of  # accounts imports nothing of safeguarding

    profile = profile_of(user)
    return profile.organisation if profile else None


class MaracCaseQuerySet(ReviewableQuerySet):
    def visible_to(self, user: Any) -> MaracCaseQuerySet:
        """Safeguarding: every case. A partner: the cases naming their organisation (invited or owning an
        action); what of the case they read is the partner page's shared fields only."""
        if has_role(user, *SAFEGUARDING_OWNERS):
            return self
        organisation = _organisation_of(user) if has_role(user, *MARAC_PARTNERS) else None
        if organisation is None:
            return self.none()
        named = models.Q(attendances__organisation=organisation) | models.Q(actions__organisation=organisation)
        return self.filter(pk__in=self.model.objects.filter(named).values("pk"))


class MaracCase(TimeStampedModel, Reviewable):
    """A Community MARAC case: the meeting, the partners invited and present, the actions, the outcome.

    `shared_summary` is written for the partners; `victim`, `risk_notes` and `outcome` stay with safeguarding."""

    reference = models.CharField(max_length=20, unique=True)
    referral = models.OneToOneField(
        MaracReferral, null=True, blank=True, on_delete=models.SET_NULL, related_name="case"
    )
    victim = models.CharField(max_length=64, help_text="The victim's pseudonym (never shown to partners)")
    meeting_on = models.DateField(help_text="The Community MARAC meeting that hears the case")
    shared_summary = models.TextField(
        help_text="Partners read it: what they need to know to act; no name, address or date of birth"
    )
    risk_notes = models.TextField(blank=True, help_text="Safeguarding only: the risks as assessed")
    outcome = models.TextField(blank=True, help_text="Safeguarding only: what the meeting decided")
    status = models.CharField(max_length=10, choices=CaseStatus.choices, default=CaseStatus.OPEN)
    synthetic = models.BooleanField(default=False)
    organisations: models.ManyToManyField = models.ManyToManyField(
        "accounts.PartnerOrganisation", through="MaracAttendance", related_name="+", blank=True
    )

    PERSONAL_FIELDS = ("victim", "shared_summary", "risk_notes", "outcome")
    objects = MaracCaseQuerySet.as_manager()

    class Meta:
        ordering = ["-meeting_on", "-id"]

    def __str__(self) -> str:
        return self.reference

    def remove_related_personal_data(self) -> dict[str, int]:
        return {"actions": self.actions.update(text="[removed at review]", owner_name="")}


class MaracAttendance(models.Model):
    case = models.ForeignKey(MaracCase, on_delete=models.CASCADE, related_name="attendances")
    organisation = models.ForeignKey("accounts.PartnerOrganisation", on_delete=models.PROTECT, related_name="+")
    attended = models.BooleanField(default=False, help_text="Present at the meeting (invited otherwise)")

    class Meta:
        ordering = ["organisation__name"]
        constraints = [models.UniqueConstraint(fields=["case", "organisation"], name="one_attendance_per_case")]

    def __str__(self) -> str:
        return f"{self.organisation} at {self.case}"


class MaracActionQuerySet(models.QuerySet):
    def visible_to(self, user: Any) -> MaracActionQuerySet:
        """Safeguarding: every action; a partner: their organisation's actions only."""
        if has_role(user, *SAFEGUARDING_OWNERS):
            return self
        organisation = _organisation_of(user) if has_role(user, *MARAC_PARTNERS) else None
        return self.filter(organisation=organisation) if organisation is not None else self.none()


class MaracAction(TimeStampedModel):
    case = models.ForeignKey(MaracCase, on_delete=models.CASCADE, related_name="actions")
    text = models.CharField(max_length=300, help_text="What will be done (partners of this action read it)")
    organisation = models.ForeignKey(
        "accounts.PartnerOrganisation",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text="Empty: the police",
    )
    owner_name = models.CharField("Owner", max_length=200, help_text="The person who does it")
    due_on = models.DateField(help_text="By when")
    done_on = models.DateField(null=True, blank=True)

    objects = MaracActionQuerySet.as_manager()

    class Meta:
        ordering = ["done_on", "due_on", "id"]

    def __str__(self) -> str:
        return f"MARAC action {self.pk}"
