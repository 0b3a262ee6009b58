"""What the public pages show: published crime counts by ward, cluster and sector."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date

from django.db.models import Count, Max

from beatbook.core.months import add_months, month_range
from beatbook.crime.models import Crime
from beatbook.crime.police_uk.categories import category_name
from beatbook.geography.models import Force, Ward

WINDOW_MONTHS = 12


@dataclass(frozen=True)
class Period:
    """The latest months with published data: `first` to `last` inclusive."""

    first: date
    last: date

    @property
    def months(self) -> list[date]:
        return month_range(self.first, self.last)


def latest_period(force: Force, months: int = WINDOW_MONTHS) -> Period | None:
    """The `months` calendar months ending with the latest month that has crimes in the force's wards."""
    last = Crime.objects.filter(ward__cluster__sector__force=force).aggregate(last=Max("month"))["last"]
    if last is None:
        return None
    return Period(first=add_months(last, -(months - 1)), last=last)


def ward_counts(force: Force, period: Period | None) -> dict[int, int]:
    if period is None:
        return {}
    rows = (
        Crime.objects.filter(ward__cluster__sector__force=force, month__range=(period.first, period.last))
        .values("ward")
        .annotate(n=Count("id"))
    )
    return {row["ward"]: row["n"] for row in rows}


@dataclass(frozen=True)
class CategoryRow:
    slug: str
    name: str
    by_month: list[int]

    @property
    def total(self) -> int:
        return sum(self.by_month)


def ward_table(ward: Ward, period: Period) -> list[CategoryRow]:
    """Counts by category (rows) and month (columns), largest category first."""
    rows = (
        Crime.objects.filter(ward=ward, month__range=(period.first, period.last))
        .values("category", "month")
        .annotate(n=Count("id"))
    )
    cells: dict[str, dict[date, int]] = defaultdict(dict)
    for row in rows:
        cells[row["category"]][row["month"]] = row["n"]
    table = [
        CategoryRow(slug=slug, name=category_name(slug), by_month=[by_month.get(m, 0) for m in period.months])
        for slug, by_month in cells.items()
    ]
    return sorted(table, key=lambda r: (-r.total, r.name))


def monthly_totals(table: list[CategoryRow], period: Period) -> list[int]:
    return [sum(row.by_month[i] for row in table) for i in range(len(period.months))]
