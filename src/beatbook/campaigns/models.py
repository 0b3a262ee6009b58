"""Campaigns (Ask for Angela, Operation Reframe, cycle theft): what they aim at, whom and which premises
they target, their materials, the events and messages that belong to them, and the premises signed up.

The links to events and messages are held here (many-to-many on the campaign), so the engagement and
messaging apps are unchanged. Reach is computed from those records (campaigns.services.reach), never typed.
"""

from __future__ import annotations

from typing import Any

from django.db import models
from django.urls import reverse

from beatbook.accounts.models import profile_of
from beatbook.core.models import TimeStampedModel
from beatbook.core.roles import CAMPAIGN_EDITORS, CAMPAIGN_READERS, Role, has_role
from beatbook.engagement.models import Audience
from beatbook.geography.models import Ward
from beatbook.workforce.models import PublicGroup

#: The subscribers' group each audience of a campaign is: subscribers do not say whether they are young people.
SUBSCRIBER_GROUP_OF = {
    Audience.RESIDENTS: PublicGroup.RESIDENT,
    Audience.WORKERS: PublicGroup.WORKER,
    Audience.BUSINESSES: PublicGroup.BUSINESS,
    Audience.VISITORS: PublicGroup.VISITOR,
}


class CampaignQuerySet(models.QuerySet):
    def visible_to(self, user: Any) -> CampaignQuerySet:
        """Officers, analysts and supervisors see every campaign; everyone else the published ones."""
        return self if has_role(user, *CAMPAIGN_READERS) else self.published()

    def published(self) -> CampaignQuerySet:
        return self.filter(published=True)


class Campaign(TimeStampedModel):
    slug = models.SlugField(
        max_length=80, unique=True, help_text="The end of its public address: cycle-theft for /campaigns/cycle-theft/"
    )
    title = models.CharField(max_length=200)
    aim = models.TextField(help_text="What the campaign sets out to change, in a sentence or two")
    public_summary = models.TextField(
        blank=True, help_text="Shown on the public page when published: no personal data, no operational detail"
    )
    starts = models.DateField()
    ends = models.DateField(null=True, blank=True, help_text="Leave empty for a campaign that runs on")
    audiences = models.JSONField(default=list, blank=True, help_text="Who the campaign speaks to")
    cluster = models.ForeignKey(
        "geography.Cluster",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text="The cluster that runs it (its officers may change it); empty: a force-wide campaign",
    )
    wards = models.ManyToManyField(
        "geography.Ward",
        blank=True,
        related_name="+",
        help_text="The wards it targets; none chosen: every ward of its cluster, or of the force",
    )
    target_premises_types = models.CharField(
        max_length=300,
        blank=True,
        help_text="Premises types it enlists, comma-separated (e.g. Pub/bar/nightclub)",
    )
    events = models.ManyToManyField("engagement.Event", blank=True, related_name="campaigns")
    messages = models.ManyToManyField("messaging.Message", blank=True, related_name="campaigns")
    published = models.BooleanField(default=False, help_text="Shown to the public at its public address")
    demonstration = models.BooleanField(default=False, help_text="A made-up demonstration record")

    objects = CampaignQuerySet.as_manager()

    class Meta:
        ordering = ["-starts", "title"]

    def __str__(self) -> str:
        return self.title

    def can_be_changed_by(self, user: Any) -> bool:
        """Supervisors change any campaign; an officer those of their own cluster or that they created."""
        if has_role(user, Role.SUPERVISOR):
            return True
        if not has_role(user, *CAMPAIGN_EDITORS):
            return False
        profile = profile_of(user)
        mine = self.created_by_id is not None and self.created_by_id == user.pk
        return mine or bool(profile and self.cluster_id and profile.cluster_id == self.cluster_id)

    def area_wards(self, force_slug: str) -> Any:
        """The wards it targets: those chosen, else every ward of its cluster, else every ward of the force."""
        if self.pk is not None and self.wards.exists():
            return self.wards.all()
        if self.cluster_id is not None:
            return Ward.objects.filter(cluster_id=self.cluster_id)
        return Ward.objects.of_force(force_slug)

    def subscriber_groups(self) -> list[str]:
        """The subscribers' groups (resident, worker, business, visitor) among its audiences."""
        return [SUBSCRIBER_GROUP_OF[Audience(a)] for a in self.audiences if a in SUBSCRIBER_GROUP_OF]

    def audience_labels(self) -> list[str]:
        labels = dict(Audience.choices)
        return [str(labels.get(a, a)) for a in self.audiences]

    def premises_types(self) -> list[str]:
        return [t.strip() for t in self.target_premises_types.split(",") if t.strip()]


class MaterialQuerySet(models.QuerySet):
    def visible_to(self, user: Any) -> MaterialQuerySet:
        """Officers, analysts and supervisors see every material; everyone else the public materials of
        published campaigns."""
        if has_role(user, *CAMPAIGN_READERS):
            return self
        return self.filter(public=True, campaign__published=True)


class Material(models.Model):
    """A poster, leaflet, training video or web page of the campaign: a link, or a file uploaded, served
    only through `campaigns:material_file` (which checks who may see it), never from MEDIA_URL."""

    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="materials")
    title = models.CharField(max_length=200)
    url = models.URLField(blank=True, help_text="A web page or document elsewhere")
    file = models.FileField(upload_to="campaigns/", blank=True, help_text="Or a file (PDF, image) kept here")
    public = models.BooleanField(default=True, help_text="Listed on the public page")

    objects = MaterialQuerySet.as_manager()

    class Meta:
        ordering = ["title", "pk"]

    def __str__(self) -> str:
        return self.title

    @property
    def href(self) -> str:
        return reverse("campaigns:material_file", args=[self.pk]) if self.file else self.url


class PremisesSignUp(TimeStampedModel):
    """A premises that joined the campaign (e.g. trained its staff for Ask for Angela), on a date.

    The premises' name and address are kept here as well: a licensing register imported again
    replaces its premises, and the sign-up must outlive that."""

    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="sign_ups")
    premises = models.ForeignKey(
        "premises.LicensedPremises", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    name = models.CharField(max_length=200)
    address = models.CharField(max_length=300, blank=True)
    ward = models.ForeignKey("geography.Ward", null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    signed_up = models.DateField()

    class Meta:
        ordering = ["-signed_up", "name"]
        constraints = [models.UniqueConstraint(fields=["campaign", "name", "address"], name="one_sign_up_per_premises")]

    def __str__(self) -> str:
        return f"{self.name} ({self.signed_up:%Y-%m-%d})"
