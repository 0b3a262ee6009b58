"""The year a report covers: its twelve months, those with published street-level crime, and those
without (the City's data have a gap 2020-12..2022-06), so that a partial year never reads as whole."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from beatbook.core.months import month_range
from beatbook.hub import services
from beatbook.hub.selection import Selection, runs_text

#: The first year a report may ask for: police.uk street-level data start in December 2010.
FIRST_YEAR = 2010


class NoPublishedData(ValueError):
    """The year has no month of published street-level crime data (or no force is configured)."""


@dataclass(frozen=True)
class ReportYear:
    force_slug: str
    force_name: str
    year: int
    selection: Selection  # the force's wards, every category, January..December of the year

    @property
    def months(self) -> list[date]:
        return month_range(date(self.year, 1, 1), date(self.year, 12, 1))

    @property
    def published(self) -> tuple[date, ...]:
        return self.selection.published

    @property
    def unpublished(self) -> list[date]:
        published = set(self.published)
        return [m for m in self.months if m not in published]

    @property
    def complete(self) -> bool:
        return not self.unpublished

    @property
    def coverage(self) -> str:
        """ "all 12 months of 2025" or "11 of the 12 months of 2020: no data were published for Dec 2020"."""
        if self.complete:
            return f"all 12 months of {self.year}"
        n, covered = len(self.published), runs_text(list(self.published))
        return (
            f"{n} of the 12 months of {self.year}: no street-level crime data were published for "
            f"{runs_text(self.unpublished)}, so every crime figure of this report covers {covered} only"
        )


def report_year(force_slug: str, year: int) -> ReportYear:
    """The year's selection, or NoPublishedData naming the months that are published."""
    published = services.published_months(force_slug)
    if not any(m.year == year for m in published):
        known = f"data are published for {runs_text(published)}" if published else "no data are stored yet"
        raise NoPublishedData(f"no street-level crime data are published for {year} ({known})")
    try:
        selection = services.select(force_slug, (), date(year, 1, 1), date(year, 12, 1))
    except services.SelectionError as exc:
        raise NoPublishedData(str(exc)) from None
    return ReportYear(force_slug, selection.force_name, year, selection)
