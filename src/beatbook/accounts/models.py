"""Who people are to beatbook: the organisation a partner works for, the cluster an officer serves."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models

from beatbook.core.models import TimeStampedModel


class OrganisationKind(models.TextChoices):
    CORPORATION = "corporation", "City of London Corporation department"
    BID = "bid", "Business Improvement District"
    LICENSING = "licensing", "Licensing"
    HOUSING = "housing", "Housing"
    HEALTH = "health", "Health"
    THIRD_SECTOR = "third_sector", "Third sector"
    SCHOOL = "school", "School"
    OTHER = "other", "Other"


class PartnerOrganisation(TimeStampedModel):
    name = models.CharField(max_length=200, unique=True)
    kind = models.CharField(max_length=32, choices=OrganisationKind.choices)
    contact_email = models.EmailField(blank=True, help_text="A team inbox, not a person's own address")

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Profile(TimeStampedModel):
    """What a role needs to know of an account: an officer's cluster, a partner's organisation."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="profile")
    cluster = models.ForeignKey(
        "geography.Cluster",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="members",
        help_text="For officers: the cluster they serve",
    )
    organisation = models.ForeignKey(
        PartnerOrganisation,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="members",
        help_text="For partners: the organisation they work for",
    )

    def __str__(self) -> str:
        return f"Profile of {self.user}"


def profile_of(user: Any) -> Profile | None:
    """The account's profile, or None for the public and for accounts that have none yet."""
    if not getattr(user, "is_authenticated", False):
        return None
    return Profile.objects.select_related("cluster", "organisation").filter(user=user).first()
