"""Licensing registers imported from CSV (`beatbook premises import`), and their premises.

A register is known by its force and name: importing a file under the same name again
replaces its premises as a whole (see premises.importer), so nothing is duplicated.
"""

from __future__ import annotations

from django.db import models

from beatbook.core.models import QuarantinedLine
from beatbook.geography.models import Ward


class PremisesRegister(models.Model):
    """One imported register: the file its premises came from, and what the import did."""

    force_slug = models.SlugField(max_length=64)
    name = models.SlugField(max_length=64, help_text="Chosen at import (--name); the page lists registers by it")
    file_name = models.CharField(max_length=500)
    sha256 = models.CharField(max_length=64)
    size = models.BigIntegerField()
    vintage = models.PositiveIntegerField(default=1, help_text="1 for the first import, +1 per replacement")
    imported_at = models.DateTimeField(auto_now=True)
    rows_read = models.PositiveIntegerField(default=0)
    rows_stored = models.PositiveIntegerField(default=0)
    rows_quarantined = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["force_slug", "name"]
        constraints = [models.UniqueConstraint(fields=["force_slug", "name"], name="one_register_per_force_name")]

    def __str__(self) -> str:
        return f"{self.name} ({self.file_name}, imported {self.imported_at:%Y-%m-%d})"


class LicensedPremises(models.Model):
    """A premises of a register, located (British National Grid and ward) when it has coordinates."""

    register = models.ForeignKey(PremisesRegister, on_delete=models.CASCADE, related_name="premises")
    line = models.PositiveIntegerField(help_text="Line number in the register's file, header = 1")
    name = models.CharField(max_length=200)
    premises_type = models.CharField(max_length=100)
    address = models.CharField(max_length=300, blank=True)
    postcode = models.CharField(max_length=10, blank=True)
    lat = models.FloatField(null=True, blank=True)
    lng = models.FloatField(null=True, blank=True)
    easting = models.FloatField(null=True, blank=True, help_text="British National Grid, metres")
    northing = models.FloatField(null=True, blank=True, help_text="British National Grid, metres")
    ward = models.ForeignKey(
        Ward,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="Empty when the premises is outside the force's wards or has no coordinates",
    )
    licence_number = models.CharField(max_length=64, blank=True)
    licence_type = models.CharField(max_length=100, blank=True)
    hours = models.CharField(
        max_length=300, blank=True, help_text="Opening or licensed hours, as the register words them"
    )
    terminal_hour = models.TimeField(null=True, blank=True, help_text="Latest hour of licensable activity")
    status = models.CharField(max_length=50, blank=True)

    class Meta:
        verbose_name_plural = "licensed premises"
        ordering = ["register", "line"]

    def __str__(self) -> str:
        return f"{self.name} ({self.premises_type})"


class QuarantinedPremisesRow(QuarantinedLine):
    """A row of a register's file that could not be stored, with where it was and why."""

    register = models.ForeignKey(PremisesRegister, on_delete=models.CASCADE, related_name="quarantined")

    class Meta:
        ordering = ["register", "line"]

    def __str__(self) -> str:
        return f"{self.register.file_name}:{self.line} {self.field}: {self.reason}"
