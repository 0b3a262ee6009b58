"""Published police data: street-level crime, outcomes and stop and search (data.police.uk).

Each row keeps the file it came from: a newer download of a force-month replaces the
rows of the older one as a whole (see crime.ingest).
"""

from __future__ import annotations

from django.db import models

from beatbook.core.models import QuarantinedLine
from beatbook.crime.police_uk.categories import CATEGORY_NAMES
from beatbook.geography.models import Ward

CATEGORY_CHOICES = sorted(CATEGORY_NAMES.items(), key=lambda item: item[1])


class DataKind(models.TextChoices):
    STREET = "street", "Street-level crime"
    OUTCOMES = "outcomes", "Outcomes"
    STOP_AND_SEARCH = "stop-and-search", "Stop and search"


class SourceFile(models.Model):
    """The file that holds the current data of one force, month and kind."""

    force_slug = models.SlugField(max_length=64)
    month = models.DateField(help_text="First day of the month the file covers")
    kind = models.CharField(max_length=20, choices=DataKind.choices)
    name = models.CharField(max_length=500)
    sha256 = models.CharField(max_length=64)
    size = models.BigIntegerField()
    vintage = models.PositiveIntegerField(default=1, help_text="1 for the first download stored, +1 per replacement")
    ingested_at = models.DateTimeField(auto_now=True)
    rows_read = models.PositiveIntegerField(default=0)
    rows_stored = models.PositiveIntegerField(default=0)
    rows_quarantined = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["force_slug", "kind", "month"]
        constraints = [
            models.UniqueConstraint(
                fields=["force_slug", "month", "kind"], name="one_current_file_per_force_month_kind"
            )
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.month:%Y-%m}, vintage {self.vintage})"


class QuarantinedRow(QuarantinedLine):
    """A row of a police.uk file that could not be stored, with where it was and why."""

    source_file = models.ForeignKey(SourceFile, on_delete=models.CASCADE, related_name="quarantined")

    class Meta:
        ordering = ["source_file", "line"]

    def __str__(self) -> str:
        return f"{self.source_file.name}:{self.line} {self.field}: {self.reason}"


class LocatedRecord(models.Model):
    """Fields every located police.uk record shares."""

    month = models.DateField()
    lat = models.FloatField(null=True, blank=True)
    lng = models.FloatField(null=True, blank=True)
    easting = models.FloatField(null=True, blank=True, help_text="British National Grid, metres")
    northing = models.FloatField(null=True, blank=True, help_text="British National Grid, metres")
    # These two references carry no database constraint: a per-row foreign-key check costs a
    # quarter of the ingest time (ADR 2). The ingest is their only writer and takes both ids from
    # rows it has just read or written; Django still protects wards and cascades source files.
    # No index on ward of its own: the (ward, month) index of each model serves lookups by ward.
    ward = models.ForeignKey(
        Ward,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        db_index=False,
        db_constraint=False,
        help_text="Empty when the location is outside the force's wards or unknown",
    )
    source_file = models.ForeignKey(SourceFile, on_delete=models.CASCADE, related_name="+", db_constraint=False)
    line = models.PositiveIntegerField(help_text="Line number in the source file")

    class Meta:
        abstract = True


class Crime(LocatedRecord):
    # NULL, not "": anti-social behaviour rows have no Crime ID and must not share one in its index.
    crime_id = models.CharField(  # noqa: DJ001
        max_length=64, null=True, blank=True, help_text="Empty for anti-social behaviour"
    )
    reported_by = models.CharField(max_length=100)
    falls_within = models.CharField(max_length=100)
    location = models.CharField(max_length=200, blank=True)
    lsoa_code = models.CharField(max_length=16, blank=True)
    lsoa_name = models.CharField(max_length=100, blank=True)
    category = models.CharField(max_length=40, choices=CATEGORY_CHOICES)
    last_outcome_category = models.CharField(max_length=200, blank=True)
    context = models.TextField(blank=True)

    class Meta:
        # Few indexes, chosen for the pages and analyses: every index slows the ingest (ADR 2).
        # Plain Index, not db_index, so that PostgreSQL gets no extra LIKE-pattern index.
        indexes = [
            models.Index(fields=["crime_id"], name="crime_crime_id"),
            models.Index(fields=["month", "category"], name="crime_month_category"),
            models.Index(fields=["ward", "month"], name="crime_ward_month"),
        ]

    def __str__(self) -> str:
        return f"{self.get_category_display()} {self.month:%Y-%m} {self.location}"


class Outcome(LocatedRecord):
    crime_id = models.CharField(max_length=64)
    reported_by = models.CharField(max_length=100)
    falls_within = models.CharField(max_length=100)
    location = models.CharField(max_length=200, blank=True)
    lsoa_code = models.CharField(max_length=16, blank=True)
    lsoa_name = models.CharField(max_length=100, blank=True)
    outcome_type = models.CharField(max_length=200)

    class Meta:
        indexes = [
            models.Index(fields=["crime_id"], name="outcome_crime_id"),
            models.Index(fields=["ward", "month"], name="outcome_ward_month"),
        ]

    def __str__(self) -> str:
        return f"{self.crime_id[:8]} {self.month:%Y-%m} {self.outcome_type}"


class StopSearch(LocatedRecord):
    type = models.CharField(max_length=100)
    date = models.DateTimeField()
    part_of_policing_operation = models.BooleanField(null=True, blank=True)
    policing_operation = models.CharField(max_length=200, blank=True)
    gender = models.CharField(max_length=40, blank=True)
    age_range = models.CharField(max_length=40, blank=True)
    self_defined_ethnicity = models.CharField(max_length=200, blank=True)
    officer_defined_ethnicity = models.CharField(max_length=100, blank=True)
    legislation = models.CharField(max_length=200, blank=True)
    object_of_search = models.CharField(max_length=200, blank=True)
    outcome = models.CharField(max_length=200, blank=True)
    outcome_linked_to_object_of_search = models.BooleanField(null=True, blank=True)
    removal_of_more_than_outer_clothing = models.BooleanField(null=True, blank=True)

    class Meta:
        verbose_name_plural = "stop and search records"
        indexes = [
            models.Index(fields=["month"], name="stopsearch_month"),
            models.Index(fields=["ward", "month"], name="stopsearch_ward_month"),
        ]

    def __str__(self) -> str:
        return f"{self.type} {self.date:%Y-%m-%d %H:%M}"
