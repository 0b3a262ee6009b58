"""Briefings on vulnerable and missing people for officers on patrol: who to look for, where they were
last seen, the risk, and what to do if found. A briefing leaves the officers' view at its review time
unless it is renewed, and at once when the person is found.

Who sees what is decided once, by `BriefingQuerySet.visible_to` (docs/adr/0010).
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.conf import settings
from django.db import models
from django.utils import timezone

from beatbook.accounts.models import profile_of
from beatbook.core.models import TimeStampedModel
from beatbook.core.retention import Reviewable, ReviewableQuerySet
from beatbook.core.roles import MISSING_OWNERS, Role, has_role


class Risk(models.TextChoices):
    """The College of Policing's risk levels for a missing person."""

    HIGH = "high", "High risk"
    MEDIUM = "medium", "Medium risk"
    LOW = "low", "Low risk"


class Kind(models.TextChoices):
    MISSING = "missing", "Missing person"
    VULNERABLE = "vulnerable", "Vulnerable person"


class BriefingQuerySet(ReviewableQuerySet):
    def visible_to(self, user: Any) -> BriefingQuerySet:
        """Safeguarding officers: every briefing. Supervisors: every active briefing. Officers: active
        briefings for their own cluster."""
        if has_role(user, *MISSING_OWNERS):
            return self
        if has_role(user, Role.SUPERVISOR):
            return self.active()
        profile = profile_of(user)
        if has_role(user, Role.OFFICER) and profile and profile.cluster_id:
            return self.active().filter(clusters=profile.cluster_id).distinct()
        return self.none()

    def active(self, now: datetime | None = None) -> BriefingQuerySet:
        """Not found, not past its review time, personal data not removed."""
        return self.filter(
            found_at__isnull=True, personal_data_removed_at__isnull=True, review_at__gt=now or timezone.now()
        )

    def inactive(self) -> BriefingQuerySet:
        return self.exclude(pk__in=self.active().values("pk"))


class MissingBriefing(TimeStampedModel, Reviewable):
    reference = models.CharField(max_length=20, unique=True)
    kind = models.CharField(max_length=12, choices=Kind.choices, default=Kind.MISSING)
    name = models.CharField(max_length=200, help_text="The name the person uses")
    age = models.PositiveSmallIntegerField(null=True, blank=True, help_text="Years; optional")
    description = models.TextField(help_text="Appearance and clothing: what an officer would recognise")
    photo = models.BinaryField(blank=True, default=b"", editable=False)
    photo_type = models.CharField(max_length=30, blank=True, editable=False)
    last_seen_place = models.CharField(max_length=300)
    last_seen_at = models.DateTimeField("Last seen at")
    risk = models.CharField(max_length=10, choices=Risk.choices)
    if_found = models.TextField("What to do if found", help_text="e.g. keep them safe and call the control room")
    clusters = models.ManyToManyField("geography.Cluster", related_name="+", help_text="Whose officers are briefed")
    review_at = models.DateTimeField(help_text="The briefing leaves the officers' view at this time unless renewed")
    found_at = models.DateTimeField(null=True, blank=True)
    found_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    synthetic = models.BooleanField(default=False, help_text="A demonstration record made up by beatbook")

    objects = BriefingQuerySet.as_manager()

    PERSONAL_FIELDS = ("name", "description", "last_seen_place", "if_found")

    class Meta:
        ordering = ["-last_seen_at", "id"]
        indexes = [models.Index(fields=["found_at", "review_at"], name="missing_active")]

    def __str__(self) -> str:
        return self.reference

    @property
    def is_active(self) -> bool:
        return self.found_at is None and not self.personal_data_removed and self.review_at > timezone.now()

    @property
    def state(self) -> str:
        if self.personal_data_removed:
            return "Personal data removed at review"
        if self.found_at:
            return "Found"
        return "Active" if self.review_at > timezone.now() else "Expired: renew it or mark the person found"

    def removal_refused(self) -> str | None:
        if self.is_active:
            return "The briefing is still active: mark the person found, or let it expire, first."
        return None

    def remove_related_personal_data(self) -> dict[str, int]:
        had_photo = bool(self.photo)
        self.photo, self.photo_type = b"", ""
        return {"photo": 1} if had_photo else {}
