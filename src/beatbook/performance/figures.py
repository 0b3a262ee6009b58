"""What the indicators share: the change on the same period a year before with its E-test, a share
with its Wilson interval, the twelve months behind a sparkline, the day a kind of record starts, a
scope's records by ward, sector or cluster, and counted nouns in the words of the pages."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Sequence
from datetime import date

from django.db.models import Q, QuerySet

from beatbook.analysis.assessment import e_test
from beatbook.analysis.proportions import share
from beatbook.core.months import add_months, month_range
from beatbook.hub.selection import runs_of_months, runs_text
from beatbook.performance.registry import Figure, Period, Scope, day_text

#: Months behind each sparkline: the year to the period's last month.
TREND_MONTHS = 12
#: Significance level of the year-on-year E-test.
ALPHA = 0.05
#: A change on fewer than this many a year before is headed by its counts ("2 → 8"), not "+300.0%".
SMALL_BASE = 10
#: How a share's 95% interval judges it, for the definitions.
SHARE_RULE = (
    "Red only when the whole 95% interval is on the wrong side of the target; amber while the target lies "
    "within it (a share of few cases could be on target by chance)."
)


def plural(n: int, one: str, many: str = "") -> str:
    """``1 item``, ``2 items``: a count with its noun."""
    return f"{n:,} {one if n == 1 else many or one + 's'}"


def months_words(months: Sequence[date]) -> str:
    """``October 2025 or November 2025``; a run of three or more as ``any month from January 2017 to
    December 2017``: months named in full, for a sentence."""
    parts = [
        f"{first:%B %Y}"
        if first == last
        else f"{first:%B %Y} or {last:%B %Y}"
        if add_months(first, 1) == last
        else f"any month from {first:%B %Y} to {last:%B %Y}"
        for first, last in runs_of_months(sorted(set(months)))
    ]
    return parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " or " + parts[-1]


def records_start(first: date | None, period: Period, what: str, none_yet: str) -> Figure | None:
    """No data when nothing of the kind is recorded (``none_yet``) or the period ended before the first
    record: a count from before the force used beatbook would be a zero that was never counted."""
    if first is None:
        return Figure.no_data(none_yet)
    if period.last_day < first:
        return Figure.no_data(f"{what} start on {day_text(first)}, after {period.label}")
    return None


def gaps_before(first: date | None, figure: Figure) -> Figure:
    """The figure with its trend's months that ended before the first record as gaps, not zeros."""
    if first is None:
        return figure
    series = tuple(
        None if add_months(m, 1) <= first else v for m, v in zip(figure.series_months, figure.series, strict=True)
    )
    return dataclasses.replace(figure, series=series)


def percent_share(part: int, base: int, words: str) -> Figure:
    """``part`` of ``base`` (> 0) as a percentage with its 95% Wilson interval, which judges it; ``words``
    say what was counted ("1 of 2 items graded within the target time")."""
    found = share(part, base)
    lower, upper = 100 * (found.lower or 0.0), 100 * (found.upper or 0.0)
    detail = f"{words} (95% interval {lower:.0f}% to {upper:.0f}%)"
    return Figure(100.0 * part / base, detail=detail, interval=(lower, upper))


def trend_months(period: Period) -> list[date]:
    return month_range(add_months(period.last, 1 - TREND_MONTHS), period.last)


def change_on_a_year_before(
    monthly: Callable[[Sequence[date]], dict[date, int | None]],
    period: Period,
    what: tuple[str, str],
    gap_words: str,
) -> Figure:
    """The percentage change of ``what`` (one, many: "crime", "crimes") on the same months a year
    before, its counts and E-test.

    ``monthly(months)`` gives the count of each month, None where no data exist: then the figure
    names the months missing after ``gap_words`` ("police.uk published no street-level data for"),
    never a partial sum. On a base under SMALL_BASE the counts head the figure, the percentage moves
    to the detail: "+300.0%" of 2 to 8 reads as a surge.
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
    one, many = what
    if then == 0:
        why = f"no {many} in the same months a year before ({now} now): a change from zero has no percentage"
        return Figure(None, missing=why, series=series, series_months=months)
    test = e_test(now, then)
    verdict = "a significant change" if test.p_value < ALPHA else "not told apart from chance"
    detail = f"{plural(now, one, many)} against {then:,} a year before (E-test p = {test.p_value:.3f}: {verdict})"
    change = 100.0 * (now - then) / then
    figure = Figure(change, detail=detail, series=series, series_months=months, significant=test.p_value < ALPHA)
    if then >= SMALL_BASE:
        return figure
    return dataclasses.replace(
        figure,
        detail=f"{change:+.1f}%: {detail}",
        headline=f"{then:,} → {now:,}",
        headline_unit=f"{many}, a year before → now",
    )


def by_ward(rows: QuerySet, scope: Scope, field: str = "ward") -> QuerySet:
    """The rows of the scope's wards; the force also keeps rows no ward was found for (still its own)."""
    in_wards = Q(**{f"{field}_id__in": scope.ward_ids})
    if scope.kind == "force":
        return rows.filter(in_wards | Q(**{f"{field}__isnull": True}))
    return rows.filter(in_wards)


def share_detail(part: int, base: int, lower: float, upper: float, of: str) -> str:
    return f"{part} of {base} {of} (95% interval {100 * lower:.0f}% to {100 * upper:.0f}%)"
