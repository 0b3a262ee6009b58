"""The workforce's indicators: abstraction rate, volunteer hours, the Special Constabulary against the
doubling aim, and the share of DWOs qualified (measures in beatbook.workforce.measures)."""

from __future__ import annotations

from django.conf import settings

from beatbook.performance.registry import Aim, Figure, Good, Period, Scope, indicator
from beatbook.workforce import measures


def _percent_series(rates: list[measures.Rate]) -> tuple[float | None, ...]:
    return tuple(rate.percent for rate in rates)


@indicator(
    code="workforce-abstraction-rate",
    name="Abstraction rate of Dedicated Ward Officers",
    aim=Aim.PREVENT,
    unit="%",
    good=Good.DOWN,
    owner="Neighbourhood policing lead",
    definition="Hours DWOs of the scope were taken from neighbourhood duty (abstractions entered or imported from "
    "the roster) as a percentage of their planned neighbourhood hours: each officer's weekly planned hours x the "
    "days they served in the period / 7. No data when the force recorded no abstraction in the period.",
    target=settings.BEATBOOK_ABSTRACTION_TARGET_PERCENT,
    tolerance=5,
)
def abstraction_rate(scope: Scope, period: Period) -> Figure:
    months = period.months
    if not measures.dwos_in(scope, months[0], measures.month_end(months[-1])).exists():
        return Figure.no_data(f"No Dedicated Ward Officer of {scope.name} served in {period.label}.")
    if not measures.abstractions_recorded(scope.force_slug, months):
        return Figure.no_data(f"No abstraction was recorded in {period.label}: enter them or import the roster.")
    rate = measures.abstraction_rate(scope, months)
    return Figure(
        value=rate.percent,
        detail=f"{rate.abstracted:,.1f} of {rate.planned:,.1f} planned hours",
        series=_percent_series(measures.monthly_abstraction_rates(scope, months)),
        series_months=tuple(months),
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
    series = measures.volunteer_hours(scope, period.months)
    if any(value is None for value in series):
        return Figure.no_data(f"No volunteer deployment was recorded in some month of {period.label}.")
    total = sum(value for value in series if value is not None)
    return Figure(
        value=float(total),
        detail=f"{len(series)} months",
        series=tuple(float(v) if v is not None else None for v in series),
        series_months=tuple(period.months),
    )


@indicator(
    code="workforce-specials-aim",
    name="Special Constabulary size against the aim to double it",
    aim=Aim.TRUST,
    unit="% of the aim",
    good=Good.UP,
    owner="Special Constabulary and Cadets coordinator",
    definition="Special Constables serving on the first day of the period's last month, as a percentage of the aim: "
    "the number serving on the baseline day x the multiple (BEATBOOK_SPECIALS_* settings; default: double those "
    "serving on 1 April 2023 by 1 April 2026). Counted for the force as a whole.",
    target=100,
    tolerance=25,
)
def specials_aim(scope: Scope, period: Period) -> Figure:
    if scope.kind != "force":
        return Figure.no_data("The Special Constabulary is counted for the force as a whole, not by sector or cluster.")
    if not measures.specials_recorded(scope.force_slug):
        return Figure.no_data("No Special Constable is recorded among the officers.")
    aim = measures.specials_aim(scope.force_slug)
    if aim.baseline == 0:
        return Figure.no_data(f"No Special Constable was serving on the baseline day {aim.baseline_date:%d %B %Y}.")
    months = period.months
    counts = [measures.specials_serving(scope.force_slug, month) for month in months]
    return Figure(
        value=100 * counts[-1] / aim.target,
        detail=f"{counts[-1]} serving on {months[-1]:%d %B %Y}; the aim is {aim.target} by "
        f"{aim.target_date:%d %B %Y} ({aim.multiple} x {aim.baseline} on {aim.baseline_date:%d %B %Y})",
        series=tuple(float(c) for c in counts),
        series_months=tuple(months),
    )


@indicator(
    code="workforce-dwos-qualified",
    name="Dedicated Ward Officers holding every required qualification",
    aim=Aim.PREVENT,
    unit="%",
    good=Good.UP,
    owner="Neighbourhood policing lead",
    definition="Serving DWOs of the scope on the period's last day who hold, valid that day, every qualification "
    "marked required of DWOs (ProQual Level 3 crime prevention and strategic problem solving, vulnerability, ...), "
    "as a percentage of the serving DWOs.",
    target=settings.BEATBOOK_DWO_QUALIFIED_TARGET_PERCENT,
    tolerance=10,
)
def dwos_qualified(scope: Scope, period: Period) -> Figure:
    day = measures.month_end(period.last)
    if not measures.required_types():
        return Figure.no_data("No qualification is marked as required of DWOs.")
    if not measures.qualifications_recorded(scope.force_slug):
        return Figure.no_data("No officer's qualifications are recorded.")
    share = measures.qualified_share(scope, day)
    if not share.serving:
        return Figure.no_data(f"No Dedicated Ward Officer of {scope.name} was serving on {day:%d %B %Y}.")
    months = period.months
    series = [measures.qualified_share(scope, measures.month_end(m)).percent for m in months]
    return Figure(
        value=share.percent,
        detail=f"{share.qualified} of {share.serving} DWOs on {day:%d %B %Y}",
        series=tuple(series),
        series_months=tuple(months),
    )
