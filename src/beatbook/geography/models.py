"""Force > Sector > Cluster > Ward, the geography of neighbourhood policing.

Boundaries are stored as GeoJSON text in WGS84 with centroids in both WGS84 and British
National Grid metres: no spatial database extension is needed (see docs/adr/0002).
"""

from __future__ import annotations

import json
from functools import cached_property

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from shapely.geometry import shape

from beatbook.core.models import TimeStampedModel


class ForceQuerySet(models.QuerySet):
    def configured(self) -> Force | None:
        """The force whose geography the pages show (BEATBOOK_FORCE), or None before it is loaded."""
        return self.filter(slug=settings.BEATBOOK_FORCE).first()


class Force(models.Model):
    slug = models.SlugField(
        max_length=64, unique=True, help_text="As in data.police.uk file names, e.g. city-of-london"
    )
    name = models.CharField(max_length=200)
    boundary_source = models.CharField(max_length=500, blank=True, help_text="The boundary file the wards came from")

    objects = ForceQuerySet.as_manager()

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Sector(models.Model):
    force = models.ForeignKey(Force, on_delete=models.CASCADE, related_name="sectors")
    code = models.SlugField(max_length=64)
    name = models.CharField(max_length=200)

    class Meta:
        ordering = ["force", "name"]
        constraints = [models.UniqueConstraint(fields=["force", "code"], name="unique_sector_code")]

    def __str__(self) -> str:
        return f"{self.name} sector"


class Cluster(models.Model):
    sector = models.ForeignKey(Sector, on_delete=models.CASCADE, related_name="clusters")
    code = models.SlugField(max_length=64)
    name = models.CharField(max_length=200)
    split_is_configurable = models.BooleanField(
        default=False, help_text="True when the ward-to-cluster split is the force's choice, not a published one"
    )

    class Meta:
        ordering = ["sector", "name"]
        constraints = [models.UniqueConstraint(fields=["sector", "code"], name="unique_cluster_code")]

    def __str__(self) -> str:
        return f"{self.name} cluster"


class WardQuerySet(models.QuerySet):
    def of_force(self, force: Force | str):
        slug = force if isinstance(force, str) else force.slug
        return self.filter(cluster__sector__force__slug=slug)


class Ward(models.Model):
    cluster = models.ForeignKey(Cluster, on_delete=models.PROTECT, related_name="wards")
    code = models.CharField(max_length=16, help_text="ONS ward code, e.g. E05009288")
    name = models.CharField(max_length=200)
    slug = models.SlugField(max_length=200)
    boundary = models.TextField(help_text="GeoJSON geometry, WGS84 longitude/latitude")
    centroid_lat = models.FloatField()
    centroid_lng = models.FloatField()
    centroid_easting = models.FloatField(help_text="British National Grid (EPSG:27700), metres")
    centroid_northing = models.FloatField(help_text="British National Grid (EPSG:27700), metres")
    area_m2 = models.FloatField(help_text="Area on British National Grid, square metres")

    objects = WardQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["cluster", "code"], name="unique_ward_code_in_cluster"),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def force(self) -> Force:
        return self.cluster.sector.force

    @cached_property
    def geometry(self):
        """The boundary as a shapely geometry (WGS84)."""
        return shape(json.loads(self.boundary))

    @property
    def area_km2(self) -> float:
        return self.area_m2 / 1e6


class DenominatorKind(models.TextChoices):
    """Who a denominator counts. Residents, workers and the workday population are head counts at
    a date; visitors are a flow (visits a year)."""

    RESIDENTS = "residents", "Residents"
    WORKERS = "workers", "Workers"
    WORKDAY_POPULATION = "workday_population", "Workday population"
    VISITORS = "visitors", "Visitors a year"


class DenominatorArea(models.TextChoices):
    FORCE = "force", "The whole force"
    WARD = "ward", "Ward"
    LSOA = "lsoa", "LSOA (Census small area)"


class DenominatorQuerySet(models.QuerySet):
    def of_area(self, force: Force | str, area: str, code: str = "") -> DenominatorQuerySet:
        slug = force if isinstance(force, str) else force.slug
        return self.filter(force__slug=slug, area_kind=area, area_code=code)

    def latest_for_force(self, force_slug: str) -> dict[str, Denominator]:
        """The latest whole-force figure of each kind (all groups together), by kind."""
        rows = self.filter(force__slug=force_slug, area_kind=DenominatorArea.FORCE, group="")
        return {d.kind: d for d in rows.order_by("as_of", "pk")}  # ordered by date: the last one wins


class Denominator(TimeStampedModel):
    """A population figure to put crimes over, with where it comes from: a force configures its
    own (`beatbook denominators load FILE`, or the admin)."""

    force = models.ForeignKey(Force, on_delete=models.CASCADE, related_name="denominators")
    area_kind = models.CharField(max_length=10, choices=DenominatorArea.choices, default=DenominatorArea.FORCE)
    area_code = models.CharField(
        max_length=16,
        blank=True,
        help_text="ONS code of the ward or LSOA (as police.uk writes it); empty for the force",
    )
    area_name = models.CharField(max_length=200, blank=True)
    kind = models.CharField(max_length=20, choices=DenominatorKind.choices)
    group = models.CharField(
        max_length=40, blank=True, help_text="Part of the population, e.g. ethnic-group:black; empty for everyone"
    )
    value = models.FloatField(validators=[MinValueValidator(1, message="A denominator is at least 1.")])
    as_of = models.CharField(max_length=20, help_text="The date or year the figure describes, e.g. 2021-03-21 or 2023")
    source = models.CharField(max_length=300, help_text="Who published the figure, and in which table or report")
    source_url = models.URLField(max_length=500, blank=True)
    notes = models.TextField(blank=True)

    objects = DenominatorQuerySet.as_manager()

    class Meta:
        ordering = ["force", "area_kind", "area_code", "kind", "group", "as_of"]
        constraints = [
            models.UniqueConstraint(
                fields=["force", "area_kind", "area_code", "kind", "group", "as_of", "source"],
                name="one_denominator_per_source",
            )
        ]

    def clean(self) -> None:
        """The area code fits the area's kind: the rules of the CSV file (geography.denominators)."""
        from beatbook.geography.denominators import area_problems

        if self.force_id is None:
            return
        codes = set(Ward.objects.of_force(self.force).values_list("code", flat=True))
        problems = area_problems(self.area_kind, self.area_code, codes)
        if problems:
            raise ValidationError(dict(problems))

    def __str__(self) -> str:
        where = self.area_name or self.area_code or str(self.get_area_kind_display())
        return f"{self.get_kind_display()} of {where}{f' ({self.group})' if self.group else ''}: {self.value:,.0f}"
