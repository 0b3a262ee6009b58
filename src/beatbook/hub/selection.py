"""What an analysis covers (an area, crime categories, months) and the crimes it found there.

Plain data, no Django: services.py fills these from the database, the analyses and the
printed tables read them.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import numpy as np

from beatbook.core.months import add_months, month_range
from beatbook.crime.police_uk.categories import category_name

#: Months an analysis covers unless --from or --to is given: the latest this many published months.
DEFAULT_MONTHS = 12


def month_text(month: date) -> str:
    return f"{month:%Y-%m}"


def runs_of_months(months: list[date]) -> list[tuple[date, date]]:
    """Consecutive months grouped as (first, last) runs, in order."""
    runs: list[tuple[date, date]] = []
    for month in sorted(months):
        if runs and add_months(runs[-1][1], 1) == month:
            runs[-1] = (runs[-1][0], month)
        else:
            runs.append((month, month))
    return runs


def runs_text(months: list[date]) -> str:
    """``'2020-12..2022-06, 2023-03'``: months written as runs."""
    return ", ".join(
        month_text(a) if a == b else f"{month_text(a)}..{month_text(b)}" for a, b in runs_of_months(months)
    )


@dataclass(frozen=True)
class Area:
    """A force, sector, cluster or ward: the wards whose crimes are analysed."""

    kind: str  # force | sector | cluster | ward
    name: str  # e.g. "Liverpool Street cluster"
    ward_ids: tuple[int, ...]
    within: str = ""  # e.g. "East sector"

    def describe(self) -> str:
        place = f"{self.name} ({self.within})" if self.within else self.name
        if self.kind == "ward":
            return place
        n = len(self.ward_ids)
        return f"{place}: {'all ' if self.kind == 'force' else ''}{n} ward{'s' if n != 1 else ''}"


@dataclass(frozen=True)
class Selection:
    """The area, categories (empty: all) and months of an analysis.

    ``published`` lists the months in the range for which the force's street-level data
    were published; the other months are unknown, not months without crime.
    """

    force_slug: str
    force_name: str
    area: Area
    categories: tuple[str, ...]
    first: date
    last: date
    published: tuple[date, ...]
    default_period: bool = False  # True when the months are the default, not --from/--to
    data_kind: str = "street"  # whose published months these are: police.uk "street" or "stop-and-search"

    @property
    def months(self) -> list[date]:
        return month_range(self.first, self.last)

    @property
    def unpublished(self) -> list[date]:
        published = set(self.published)
        return [m for m in self.months if m not in published]

    @property
    def published_mask(self) -> np.ndarray:
        """True for each month of the range with published data."""
        published = set(self.published)
        return np.array([m in published for m in self.months], dtype=bool)

    def describe_categories(self) -> str:
        if not self.categories:
            return "all categories"
        return ", ".join(f"{category_name(c)} ({c})" for c in self.categories)

    def describe_months(self) -> str:
        n, gaps = len(self.months), self.unpublished
        dates = month_text(self.first) if n == 1 else f"{month_text(self.first)}..{month_text(self.last)}"
        span = f"{dates}: {n} month{'s' if n != 1 else ''}"
        if self.default_period:
            k = len(self.published)
            span += f" (default: the latest {k} published month{'s' if k != 1 else ''})"
        if not gaps:
            return f"{span}, data published for all"
        return f"{span}, no data published for {runs_text(gaps)} ({len(gaps)} months)"


@dataclass(frozen=True)
class CrimePoints:
    """Located crimes: British National Grid metres, month (first day) and category of each."""

    x: np.ndarray
    y: np.ndarray
    month: np.ndarray  # datetime64[D], the first day of each crime's month
    category: np.ndarray
    location: np.ndarray  # police.uk's "On or near ..." text

    @property
    def n(self) -> int:
        return int(self.x.size)

    @property
    def days(self) -> np.ndarray:
        """Days since 1970-01-01 of the first day of each crime's month."""
        return self.month.astype("datetime64[D]").astype(np.int64).astype(float)

    @property
    def xy(self) -> np.ndarray:
        return np.column_stack([self.x, self.y])
