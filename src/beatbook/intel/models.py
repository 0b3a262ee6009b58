"""Community intelligence: what the public, partners and officers tell the police, graded with the
National Intelligence Model's 3x5x2, sanitised before anything is shared, and reviewed under MoPI.

Who sees what is decided once, by `IntelQuerySet.visible_to` and `lens_for` (docs/adr/0008).
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone

from beatbook.accounts.models import PartnerOrganisation, profile_of
from beatbook.core.models import TimeStampedModel
from beatbook.core.retention import Reviewable, ReviewableQuerySet
from beatbook.core.roles import INTEL_OWNERS, Role, has_role


class Source(models.TextChoices):
    PUBLIC = "public", "Member of the public"
    PARTNER = "partner", "Partner organisation"
    OFFICER = "officer", "Police officer or staff"


class SourceEvaluation(models.TextChoices):
    """3x5x2: how far the source is to be trusted."""

    RELIABLE = "1", "1 – Reliable"
    UNTESTED = "2", "2 – Untested"
    NOT_RELIABLE = "3", "3 – Not reliable"


class Assessment(models.TextChoices):
    """3x5x2: how the source came to know it."""

    A = "A", "A – Known directly to the source"
    B = "B", "B – Known indirectly to the source, corroborated"
    C = "C", "C – Known indirectly to the source"
    D = "D", "D – Not known"
    E = "E", "E – Suspected to be false"


class HandlingCode(models.TextChoices):
    """3x5x2: whether it may be shared lawfully."""

    P = "P", "P – Lawful sharing permitted"
    C = "C", "C – Lawful sharing permitted with conditions"


class Status(models.TextChoices):
    RECEIVED = "received", "Received: to grade"
    GRADED = "graded", "Graded: sanitised text to write or approve"
    AWAITING_HANDLING = "awaiting_handling", "Awaiting a supervisor's approval of the handling conditions"
    READY = "ready", "Ready to share"
    CLOSED = "closed", "Personal data removed at review"


class Theme(TimeStampedModel):
    """A theme intelligence is linked to; a force edits the list in the admin."""

    name = models.CharField(max_length=100, unique=True)
    safeguarding = models.BooleanField(
        default=False, help_text="Safeguarding officers see the sanitised texts of items with this theme"
    )
    active = models.BooleanField(default=True, help_text="Offered on the forms; kept on items already linked")

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class IntelQuerySet(ReviewableQuerySet):
    def visible_to(self, user: Any) -> IntelQuerySet:
        """The items `user` may open: every item for the intelligence role; otherwise only items whose
        sanitised text is approved, each role to its own scope."""
        if has_role(user, *INTEL_OWNERS):
            return self
        scope = Q(pk__in=[])
        profile = profile_of(user)
        ready = Q(status=Status.READY)
        if has_role(user, Role.PARTNER) and profile and profile.organisation_id:
            scope |= ready & Q(shares__organisation_id=profile.organisation_id)
        if has_role(user, Role.OFFICER) and profile and profile.cluster_id:
            scope |= ready & Q(ward__cluster_id=profile.cluster_id)
        if has_role(user, Role.SUPERVISOR):
            scope |= Q(status__in=[Status.AWAITING_HANDLING, Status.READY])
        if has_role(user, Role.SAFEGUARDING):
            scope |= ready & Q(themes__safeguarding=True)
        return self.filter(pk__in=self.filter(scope).values("pk"))

    def in_cluster(self, cluster_id: int) -> IntelQuerySet:
        return self.filter(ward__cluster_id=cluster_id)


def lens_for(user: Any) -> str:
    """What of an item `user` may read: the original (the intelligence role) or the sanitised text."""
    return "original" if has_role(user, *INTEL_OWNERS) else "sanitised"


class Intel(TimeStampedModel, Reviewable):
    """One piece of intelligence, from receipt to sharing and review."""

    reference = models.CharField(max_length=20, unique=True, help_text="Given to the person who told us")
    source = models.CharField(max_length=10, choices=Source.choices)
    received_at = models.DateTimeField(default=timezone.now)
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.RECEIVED, db_index=True)
    # What was said, and by whom: the intelligence role only; removed at review.
    original_text = models.TextField(help_text="What the source said, as they said it")
    place = models.CharField(max_length=300, blank=True, help_text="Where, in the source's words")
    submitter_name = models.CharField(max_length=200, blank=True)
    submitter_contact = models.CharField(max_length=200, blank=True, help_text="Telephone or email, if given")
    follow_up_key = models.CharField(max_length=64, blank=True, help_text="SHA-256 of the private follow-up link")
    organisation = models.ForeignKey(
        PartnerOrganisation, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    lat = models.FloatField(null=True, blank=True)
    lng = models.FloatField(null=True, blank=True)
    # Links.
    ward = models.ForeignKey("geography.Ward", null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    premises = models.ForeignKey(
        "premises.LicensedPremises", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    premises_name = models.CharField(max_length=300, blank=True, help_text="Kept when a register is re-imported")
    themes = models.ManyToManyField(Theme, blank=True, related_name="items")
    # The SARA problem it bears on, picked by reference and title only (docs/adr/0013). related_name "+":
    # a problem's page reaches its items only through intel.linked, which decides what each reader sees.
    problem = models.ForeignKey("problems.Problem", null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    problem_ref = models.CharField(
        max_length=64,
        blank=True,
        help_text="A reference typed before problems were linked that names no problem; kept as it was written",
    )
    # 3x5x2 grading.
    source_evaluation = models.CharField(max_length=1, choices=SourceEvaluation.choices, blank=True)
    assessment = models.CharField(max_length=1, choices=Assessment.choices, blank=True)
    handling_code = models.CharField(max_length=1, choices=HandlingCode.choices, blank=True)
    handling_conditions = models.TextField(blank=True, help_text="Required for handling code C")
    graded_at = models.DateTimeField(null=True, blank=True)
    graded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    grading_target_hours = models.PositiveIntegerField(null=True, blank=True, help_text="The target when graded")
    handling_approved_at = models.DateTimeField(null=True, blank=True)
    handling_approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    # Sanitisation: what may be shared, with nothing that identifies the source.
    sanitised_text = models.TextField(blank=True)
    sanitised_at = models.DateTimeField(null=True, blank=True)
    sanitised_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    sanitisation_approved_at = models.DateTimeField(null=True, blank=True)
    sanitisation_approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    synthetic = models.BooleanField(default=False, help_text="A demonstration record made up by beatbook")

    objects = IntelQuerySet.as_manager()

    PERSONAL_FIELDS = (
        "original_text",
        "place",
        "submitter_name",
        "submitter_contact",
        "follow_up_key",
        "sanitised_text",
    )

    class Meta:
        verbose_name = "intelligence item"
        ordering = ["-received_at", "-id"]
        indexes = [models.Index(fields=["status", "received_at"], name="intel_status_received")]

    def __str__(self) -> str:
        return self.reference

    @property
    def grade(self) -> str:
        """The 3x5x2 grade as written on a log, e.g. 2B P."""
        if not self.graded_at:
            return ""
        return f"{self.source_evaluation}{self.assessment} {self.handling_code}"

    @property
    def hours_to_grade(self) -> float | None:
        if not self.graded_at:
            return None
        return (self.graded_at - self.received_at).total_seconds() / 3600

    @property
    def graded_within_target(self) -> bool | None:
        hours = self.hours_to_grade
        return None if hours is None or self.grading_target_hours is None else hours <= self.grading_target_hours

    @property
    def needs_handling_approval(self) -> bool:
        return self.handling_code == HandlingCode.C and self.handling_approved_at is None

    def current_status(self) -> Status:
        if self.personal_data_removed_at:
            return Status.CLOSED
        if not self.graded_at:
            return Status.RECEIVED
        if not self.sanitisation_approved_at:
            return Status.GRADED
        return Status.AWAITING_HANDLING if self.needs_handling_approval else Status.READY

    def save(self, *args: Any, **kwargs: Any) -> None:
        self.status = self.current_status()  # the queues filter on it: it never disagrees with the fields
        super().save(*args, **kwargs)

    def remove_related_personal_data(self) -> dict[str, int]:
        self.lat = self.lng = None  # the point may be the source's home; the ward is kept for counts
        removed, _ = self.additions.all().delete()
        return {"additions_removed": removed}


class IntelAddition(models.Model):
    """More from the same source, through their private follow-up link."""

    item = models.ForeignKey(Intel, on_delete=models.CASCADE, related_name="additions")
    received_at = models.DateTimeField(default=timezone.now)
    text = models.TextField()

    class Meta:
        ordering = ["received_at", "id"]

    def __str__(self) -> str:
        return f"Addition to {self.item} of {self.received_at:%Y-%m-%d %H:%M}"


class IntelShare(models.Model):
    """The sanitised text of an item given to a partner organisation: who, when and why."""

    item = models.ForeignKey(Intel, on_delete=models.PROTECT, related_name="shares")
    organisation = models.ForeignKey(PartnerOrganisation, on_delete=models.PROTECT, related_name="+")
    shared_at = models.DateTimeField(default=timezone.now)
    shared_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    reason = models.CharField(max_length=500, help_text="Why this organisation needs it")

    class Meta:
        ordering = ["-shared_at", "-id"]
        constraints = [models.UniqueConstraint(fields=["item", "organisation"], name="intel_shared_once_per_org")]

    def __str__(self) -> str:
        return f"{self.item} shared with {self.organisation}"


class SubmissionAttempt(models.Model):
    """A public submission, by a keyed hash of its address (never the address): the rate limit's count."""

    address_hash = models.CharField(max_length=64, db_index=True)
    at = models.DateTimeField(default=timezone.now, db_index=True)

    def __str__(self) -> str:
        return f"{self.address_hash[:8]} at {self.at:%Y-%m-%d %H:%M}"
