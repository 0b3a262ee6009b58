"""The populations a force loaded as denominators: the latest whole-force figure of each kind."""

from __future__ import annotations

from dataclasses import dataclass

from beatbook.geography.models import Denominator


@dataclass(frozen=True)
class Population:
    """A denominator a force configured: the latest figure of its kind for the whole force."""

    kind: str
    label: str
    value: float
    as_of: str
    source: str
    means: str = ""  # what a rate on it tells a reader, where a page explains it


def latest_populations(force_slug: str) -> dict[str, Population]:
    """The latest whole-force figure of each denominator kind the force loaded, by kind."""
    latest = Denominator.objects.latest_for_force(force_slug)
    return {k: Population(k, str(d.get_kind_display()), d.value, d.as_of, d.source) for k, d in latest.items()}
