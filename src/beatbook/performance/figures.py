"""What the indicators share: the change on the same period a year before with its E-test, the
twelve months behind a sparkline, and a scope's records by ward, sector or cluster."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date

from django.db.models import Q, QuerySet

from beatbook.analysis.assessment import e_test
from beatbook.core.months import add_months, month_range
from beatbook.hub.selection import runs_text
from beatbook.performance.registry import Figure, Period, Scope

#: Months behind each sparkline: the year to the period's last month.
TREND_MONTHS = 12
#: Significance level of the year-on-year E-test.
ALPHA = 0.05


def trend_months(period: Period) -> list[date]:
    return month_range(add_months(period.last, 1 - TREND_MONTHS), period.last)


def change_on_a_year_before(
    monthly: Callable[[Sequence[date]], dict[date, int | None]], period: Period, what: str, gap_words: str
) -> Figure:
    """The percentage change of ``what`` on the same months a year before, its counts and E-test.

    ``monthly(months)`` gives the count of each month, None where no data exist: then the figure
    names the months missing after ``gap_words`` ("police.uk published no street-level data for"),
    never a partial sum.
    """
    before = period.previous_year()
    counts = monthly([*before.months, *trend_months(period), *period.months])
    missing = [m for m in (*before.months, *period.months) if counts.get(m) is None]
    series = tuple(counts[m] for m in trend_months(period))
    months = tuple(trend_months(period))
    if missing:
        gap = runs_text(sorted(set(missing)))
        why = f"{gap_words} {gap}, so {period.label} cannot be compared with a year before"
        return Figure(None, missing=why, series=series, series_months=months)
    now = sum(counts[m] or 0 for m in period.months)
    then = sum(counts[m] or 0 for m in before.months)
    if then == 0:
        why = f"no {what} in the same months a year before ({now} now): a change from zero has no percentage"
        return Figure(None, missing=why, series=series, series_months=months)
    test = e_test(now, then)
    verdict = "a significant change" if test.p_value < ALPHA else "not told apart from chance"
    detail = f"{now} {what} against {then} a year before (E-test p = {test.p_value:.3f}: {verdict})"
    change = 100.0 * (now - then) / then
    return Figure(change, detail=detail, series=series, series_months=months, significant=test.p_value < ALPHA)


def by_ward(rows: QuerySet, scope: Scope, field: str = "ward") -> QuerySet:
    """The rows of the scope's wards; the force also keeps rows no ward was found for (still its own)."""
    in_wards = Q(**{f"{field}_id__in": scope.ward_ids})
    if scope.kind == "force":
        return rows.filter(in_wards | Q(**{f"{field}__isnull": True}))
    return rows.filter(in_wards)


def share_detail(part: int, base: int, lower: float, upper: float, of: str) -> str:
    return f"{part} of {base} {of} (95% interval {100 * lower:.0f}% to {100 * upper:.0f}%)"
