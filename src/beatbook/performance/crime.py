"""Street-level crime of a scope by month, for the indicators and benchmarking that read police.uk data.

A month the force did not publish is None, never 0: an indicator over it says what is missing.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from django.db.models import Count

from beatbook.crime.models import Crime, DataKind
from beatbook.hub.services import published_months
from beatbook.performance.registry import Period, Scope


def monthly_crimes(scope: Scope, months: Sequence[date], categories: Sequence[str] = ()) -> dict[date, int | None]:
    """Crimes of ``categories`` (all when empty) in each month; None where unpublished.

    Counted in the scope's wards, or in the whole force's files when the scope has no wards.
    """
    published = set(published_months(scope.force_slug))
    rows = Crime.objects.filter(month__range=(min(months), max(months)))
    if scope.ward_ids:
        rows = rows.filter(ward_id__in=scope.ward_ids)
    else:  # a force without wards loaded (another force, for benchmarking): all of its files' rows
        rows = rows.filter(source_file__force_slug=scope.force_slug, source_file__kind=DataKind.STREET)
    if categories:
        rows = rows.filter(category__in=categories)
    counts = dict(rows.values_list("month").annotate(n=Count("pk")).order_by())
    return {m: (counts.get(m, 0) if m in published else None) for m in months}


def period_crimes(scope: Scope, period: Period, categories: Sequence[str] = ()) -> int | None:
    """Crimes in the period, or None unless every month of it was published (a partial sum misleads)."""
    by_month = monthly_crimes(scope, period.months, categories)
    if any(n is None for n in by_month.values()):
        return None
    return sum(n for n in by_month.values() if n is not None)


def unpublished(scope: Scope, period: Period) -> list[date]:
    """The period's months without published street-level data for the scope's force."""
    published = set(published_months(scope.force_slug))
    return [m for m in period.months if m not in published]
