"""A force's own targets for the framework's indicators, and the owners' commentary of the board pack."""

from __future__ import annotations

from django.db import models

from beatbook.core.models import TimeStampedModel


class Target(TimeStampedModel):
    """The force's target for an indicator, replacing the default of its definition (set in the admin)."""

    indicator = models.CharField(max_length=64, unique=True, help_text="The indicator's code, e.g. crime")
    value = models.FloatField(help_text="The target, in the indicator's unit")
    tolerance = models.FloatField(default=0.0, help_text="How far short of the target is still amber, not red")
    reason = models.CharField(max_length=300, help_text="Who set it and why, e.g. 'Delivery Group, May 2025'")

    class Meta:
        ordering = ["indicator"]

    def __str__(self) -> str:
        return f"{self.indicator}: {self.value:g} (±{self.tolerance:g})"


class Commentary(TimeStampedModel):
    """What an indicator's owner says about one figure of the board pack (every edit is audited)."""

    indicator = models.CharField(max_length=64, help_text="The indicator's code")
    scope_key = models.CharField(max_length=100, help_text="The force, sector or cluster, e.g. city-of-london")
    period = models.CharField(max_length=10, help_text="The quarter, e.g. 2025Q4")
    text = models.TextField(max_length=2000, help_text="What the figure means and what is being done about it")

    class Meta:
        ordering = ["period", "scope_key", "indicator"]
        verbose_name_plural = "commentaries"
        constraints = [
            models.UniqueConstraint(fields=["indicator", "scope_key", "period"], name="one_commentary_per_figure")
        ]

    def __str__(self) -> str:
        return f"{self.indicator} {self.scope_key} {self.period}"
