"""The workforce's indicators: abstraction rate, volunteer hours, the Special Constabulary against the
doubling aim, and the share of DWOs qualified (measures in beatbook.workforce.measures).

A month not begun has no figure yet, and a figure "on" a day after today is read on today."""

from __future__ import annotations

import dataclasses
from datetime import date

from django.conf import settings
from django.utils import timezone

from beatbook.performance.figures import (
    SHARE_RULE,
    gaps_before,
    months_words,
    percent_share,
    plural,
    records_start,
    trend_months,
)
from beatbook.performance.registry import Aim, Figure, Good, Period, Scope, day_text, indicator
from beatbook.workforce import measures


def _begun(months: list[date], today: date) -> list[date]:
    return [month for month in months if month <= today]


@indicator(
    code="workforce-abstraction-rate",
    name="Abstraction rate of Dedicated Ward Officers",
    aim=Aim.PREVENT,
    unit="%",
    good=Good.DOWN,
    owner="Neighbourhood policing lead",
    definition="Hours DWOs of the scope were taken from neighbourhood duty (abstractions entered or imported from "
    "the roster) as a percentage of their planned neighbourhood hours: each officer's weekly planned hours x the "
    "days they served in the period / 7. A month in which the force recorded no abstraction at all is a month "
    "whose abstractions went unrecorded, not one without abstraction: a period with such a month has no figure "
    "(the month is named), and the trend leaves a gap for it.",
    target=settings.BEATBOOK_ABSTRACTION_TARGET_PERCENT,
    tolerance=5,
)
def abstraction_rate(scope: Scope, period: Period) -> Figure:
    today = timezone.localdate()
    months, trend = _begun(period.months, today), trend_months(period)
    if not measures.dwos_in(scope, months[0], measures.month_end(months[-1])).exists():
        return Figure.no_data(f"no Dedicated Ward Officer of {scope.name} served in {period.label}")
    unrecorded = set(measures.months_without_abstractions(scope.force_slug, _begun(trend, today)))
    series = tuple(
        None if m in unrecorded or m > today else measures.abstraction_rate(scope, [m]).percent for m in trend
    )
    gaps = [m for m in months if m in unrecorded]
    if gaps:
        why = f"no abstraction was recorded in {months_words(gaps)}: enter them or import the roster"
        return Figure(None, missing=why, series=series, series_months=tuple(trend))
    rate = measures.abstraction_rate(scope, months)
    if rate.percent is None:
        return Figure(None, missing="the DWOs had no planned hours", series=series, series_months=tuple(trend))
    return Figure(
        value=rate.percent,
        detail=f"{rate.abstracted:,.1f} of {rate.planned:,.1f} planned hours",
        series=series,
        series_months=tuple(trend),
    )


@indicator(
    code="workforce-volunteer-hours",
    name="Hours served by Special Constables and Police Cadets",
    aim=Aim.TRUST,
    unit="hours",
    good=Good.UP,
    owner="Special Constabulary and Cadets coordinator",
    definition="Sum of the hours of volunteers' deployments in the scope's clusters (the force: every deployment, "
    "including force-wide duty). No data for a month in which the force recorded no deployment.",
)
def volunteer_hours(scope: Scope, period: Period) -> Figure:
    today = timezone.localdate()
    months, trend = _begun(period.months, today), trend_months(period)
    begun = _begun(trend, today)
    hours = dict(zip(begun, measures.volunteer_hours(scope, begun), strict=True))
    series = tuple(None if hours.get(m) is None else float(hours[m]) for m in trend)  # type: ignore[arg-type]
    gaps = [m for m in months if hours[m] is None]
    if gaps:
        why = f"no volunteer deployment was recorded in {months_words(gaps)}"
        return Figure(None, missing=why, series=series, series_months=tuple(trend))
    total = sum(hours[m] or 0 for m in months)
    return Figure(
        float(total), detail=f"deployments in {plural(len(months), 'month')}", series=series, series_months=tuple(trend)
    )


@indicator(
    code="workforce-specials-aim",
    name="Special Constabulary size against the aim to double it",
    aim=Aim.TRUST,
    unit="% of the aim",
    good=Good.UP,
    owner="Special Constabulary and Cadets coordinator",
    definition="Special Constables serving on the first day of the period's last month (today, while that day is "
    "to come), as a percentage of the aim: the number serving on the baseline day x the multiple "
    "(BEATBOOK_SPECIALS_* settings; default: double those serving on 1 April 2023 by 1 April 2026). Counted for "
    "the force as a whole; no data for a period that ended before the first Special's record.",
    target=100,
    tolerance=25,
)
def specials_aim(scope: Scope, period: Period) -> Figure:
    if scope.kind != "force":
        return Figure.no_data("the Special Constabulary is counted for the force as a whole, not by sector or cluster")
    first = measures.specials_recorded_from(scope.force_slug)
    none_yet = "no Special Constable is recorded among the officers"
    before = records_start(first, period, "records of Special Constables", none_yet)
    if before is not None:
        return before
    aim = measures.specials_aim(scope.force_slug)
    if aim.baseline == 0:
        return Figure.no_data(f"no Special Constable was serving on the baseline day {day_text(aim.baseline_date)}")
    today = timezone.localdate()
    day, trend = min(period.last, today), trend_months(period)
    count = measures.specials_serving(scope.force_slug, day)
    series = tuple(None if m > today else float(measures.specials_serving(scope.force_slug, m)) for m in trend)
    figure = Figure(
        value=100 * count / aim.target,
        detail=f"{count} serving on {day_text(day)}; the aim is {aim.target} by {day_text(aim.target_date)} "
        f"({aim.multiple} x {aim.baseline} on {day_text(aim.baseline_date)})",
        series=series,
        series_months=tuple(trend),
    )
    return gaps_before(first, figure)


@indicator(
    code="workforce-dwos-qualified",
    name="Dedicated Ward Officers holding every required qualification",
    aim=Aim.PREVENT,
    unit="%",
    good=Good.UP,
    owner="Neighbourhood policing lead",
    definition="Serving DWOs of the scope on the period's last day (today, while that day is to come) who hold, "
    "valid that day, every qualification marked required of DWOs (ProQual Level 3 crime prevention and strategic "
    "problem solving, vulnerability, ...), as a percentage of the serving DWOs, with its 95% Wilson interval. "
    "No data for a period that ended before the first qualification recorded. " + SHARE_RULE,
    target=settings.BEATBOOK_DWO_QUALIFIED_TARGET_PERCENT,
    tolerance=10,
)
def dwos_qualified(scope: Scope, period: Period) -> Figure:
    if not measures.required_types():
        return Figure.no_data("no qualification is marked as required of DWOs")
    first = measures.qualifications_recorded_from(scope.force_slug)
    none_yet = "no officer's qualifications are recorded"
    before = records_start(first, period, "records of officers' qualifications", none_yet)
    if before is not None:
        return before
    today = timezone.localdate()
    day, trend = min(period.last_day, today), trend_months(period)
    share = measures.qualified_share(scope, day)
    if not share.serving:
        return Figure.no_data(f"no Dedicated Ward Officer of {scope.name} was serving on {day_text(day)}")
    series = tuple(
        None if m > today else measures.qualified_share(scope, min(measures.month_end(m), today)).percent for m in trend
    )
    words = f"{share.qualified} of {plural(share.serving, 'DWO')} on {day_text(day)}"
    figure = percent_share(share.qualified, share.serving, words)
    return gaps_before(first, dataclasses.replace(figure, series=series, series_months=tuple(trend)))
