"""The register of marked bikes: whose a bike is, found by its frame number or marking code.

Owners' names and contact details are personal data: read only by BIKE_OWNER_READERS, every search
and view audited (bikes.views). Frame numbers and codes are kept as written and as a search key
(bikes.keys.normalise), so "wtu 123-4567 c" finds "WTU1234567C".
"""

from __future__ import annotations

from typing import Any

from django.db import models

from beatbook.bikes.keys import normalise
from beatbook.core.models import TimeStampedModel
from beatbook.core.roles import BIKE_OWNER_READERS, has_role

#: The event type of a bike-marking event (shipped by engagement's migration 0003).
BIKE_MARKING = "bike-marking"


class Source(models.TextChoices):
    OFFICER = "officer", "Entered by an officer"
    OWNER = "owner", "Registered by the owner"


class BikeQuerySet(models.QuerySet):
    def visible_to(self, user: Any) -> BikeQuerySet:
        return self if has_role(user, *BIKE_OWNER_READERS) else self.none()

    def matching(self, text: str) -> BikeQuerySet:
        """Bikes whose frame number or marking code is `text`, whatever its case, spaces and dashes."""
        key = normalise(text)
        if not key:
            return self.none()
        return self.filter(models.Q(frame_key=key) | models.Q(marking_code=key))


class MarkedBike(TimeStampedModel):
    owner_name = models.CharField(max_length=200)
    owner_email = models.EmailField(blank=True, help_text="How we reach the owner when the bike is found")
    owner_phone = models.CharField(max_length=32, blank=True)
    make = models.CharField(max_length=100, help_text="e.g. Brompton, Trek")
    model = models.CharField(max_length=100, blank=True)
    colour = models.CharField(max_length=60)
    frame_number = models.CharField(
        max_length=40, help_text="Stamped under the bottom bracket (where the pedals join the frame)"
    )
    frame_key = models.CharField(max_length=40, db_index=True, editable=False)
    marking_code = models.CharField(
        max_length=40, unique=True, help_text="The code on the marking sticker or etching, letters and digits"
    )
    marked_on = models.DateField()
    event = models.ForeignKey(
        "engagement.Event", null=True, blank=True, on_delete=models.SET_NULL, related_name="marked_bikes"
    )
    cluster = models.ForeignKey(
        "geography.Cluster",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="The event's cluster, or the cluster of the ward the owner named",
    )
    ward = models.ForeignKey(
        "geography.Ward",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="Where the bike is usually kept or ridden (optional)",
    )
    source = models.CharField(max_length=16, choices=Source.choices, default=Source.OFFICER)
    demonstration = models.BooleanField(default=False, help_text="A made-up demonstration record")

    objects = BikeQuerySet.as_manager()

    class Meta:
        ordering = ["-marked_on", "-pk"]

    def __str__(self) -> str:
        return f"bike {self.marking_code}"  # never the owner: this text reaches the audit log

    def save(self, *args: Any, **kwargs: Any) -> None:
        self.frame_key = normalise(self.frame_number)
        self.marking_code = normalise(self.marking_code)
        if self.event is not None:
            self.cluster_id = self.event.cluster_id
        elif self.ward is not None:
            self.cluster_id = self.ward.cluster_id
        super().save(*args, **kwargs)
