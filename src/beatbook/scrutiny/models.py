"""Independent scrutiny of stop and search: a group's review meeting, the records beatbook drew at random
for it, what the group found of each and overall, and the force's response.

beatbook holds the stop-and-search records that data.police.uk publishes and no use-of-force records;
the group may note other use-of-powers cases it reviewed by the force's own reference only.
"""

from __future__ import annotations

from typing import Any

from django.db import models

from beatbook.core.models import TimeStampedModel
from beatbook.core.roles import SCRUTINY_RECORDERS, has_role
from beatbook.crime.models import StopSearch

MAX_SAMPLE = 100


class MeetingQuerySet(models.QuerySet):
    def visible_to(self, user: Any) -> MeetingQuerySet:
        """Supervisors see every meeting, drafts too; everyone else the published summaries."""
        return self if has_role(user, *SCRUTINY_RECORDERS) else self.published()

    def published(self) -> MeetingQuerySet:
        return self.filter(published=True)


class Meeting(TimeStampedModel):
    group = models.CharField(
        max_length=200, help_text="The scrutiny group, e.g. the Stop and Search Independent Scrutiny Group"
    )
    held_on = models.DateField(help_text="The day the group met")
    force_slug = models.SlugField(max_length=80)
    first_month = models.DateField(help_text="The first month of the period reviewed")
    last_month = models.DateField(help_text="The last month of the period reviewed")
    sample_size = models.PositiveSmallIntegerField(help_text=f"How many searches to draw (at most {MAX_SAMPLE})")
    seed = models.BigIntegerField(help_text="The random seed of the draw: the same seed draws the same records")
    population = models.PositiveIntegerField(default=0, help_text="Searches in the period when the sample was drawn")
    findings = models.TextField(
        blank=True, help_text="What the group found overall. Published: write no names or other personal data."
    )
    force_response = models.TextField(
        blank=True, help_text="The force's response to the findings. Published: write no personal data."
    )
    published = models.BooleanField(default=False, help_text="Show the summary to the public at /scrutiny/")
    demonstration = models.BooleanField(default=False, help_text="A made-up demonstration record")

    objects = MeetingQuerySet.as_manager()

    class Meta:
        ordering = ["-held_on", "-pk"]
        constraints = [
            models.CheckConstraint(condition=models.Q(last_month__gte=models.F("first_month")), name="meeting_period")
        ]

    def __str__(self) -> str:
        return f"{self.group}, {self.held_on:%d %B %Y}"

    @property
    def period_label(self) -> str:
        if self.first_month == self.last_month:
            return f"{self.first_month:%B %Y}"
        return f"{self.first_month:%B %Y} to {self.last_month:%B %Y}"


class Verdict(models.TextChoices):
    NOT_REVIEWED = "not_reviewed", "Not reviewed yet"
    NO_CONCERN = "no_concern", "No concern"
    LEARNING = "learning", "Learning point"
    CONCERN = "concern", "Concern"


class SampledSearch(models.Model):
    """One drawn search. The fields data.police.uk publishes are copied: a month ingested again replaces
    its rows (docs/adr/0002), and the group's sample must stay what it reviewed."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="sampled")
    position = models.PositiveSmallIntegerField(help_text="Its place in the draw, from 1")
    stop_search = models.ForeignKey(
        StopSearch, null=True, blank=True, on_delete=models.SET_NULL, db_constraint=False, related_name="+"
    )
    date = models.DateTimeField()
    type = models.CharField(max_length=100)
    legislation = models.CharField(max_length=200, blank=True)
    object_of_search = models.CharField(max_length=200, blank=True)
    outcome = models.CharField(max_length=200, blank=True)
    outcome_linked_to_object_of_search = models.BooleanField(null=True, blank=True)
    removal_of_more_than_outer_clothing = models.BooleanField(null=True, blank=True)
    age_range = models.CharField(max_length=40, blank=True)
    gender = models.CharField(max_length=40, blank=True)
    officer_defined_ethnicity = models.CharField(max_length=100, blank=True)
    verdict = models.CharField(max_length=20, choices=Verdict.choices, default=Verdict.NOT_REVIEWED)
    finding = models.TextField(blank=True, help_text="What the group found of this search. Published: no names.")

    class Meta:
        ordering = ["meeting", "position"]
        constraints = [models.UniqueConstraint(fields=["meeting", "position"], name="one_search_per_position")]

    def __str__(self) -> str:
        return f"{self.position}. {self.type} {self.date:%Y-%m-%d %H:%M}"


class PowersCase(TimeStampedModel):
    """A use-of-powers case the group reviewed from the force's own records, held here by reference only."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="cases")
    reference = models.CharField(
        max_length=40, help_text="The force's own reference for the case: no names or other personal data"
    )
    power = models.CharField(max_length=100, help_text="e.g. use of force, handcuffing, section 60 authorisation")
    verdict = models.CharField(max_length=20, choices=Verdict.choices, default=Verdict.NOT_REVIEWED)
    finding = models.TextField(blank=True, help_text="What the group found. Published: no names.")

    class Meta:
        ordering = ["meeting", "pk"]

    def __str__(self) -> str:
        return f"{self.reference} ({self.power})"
