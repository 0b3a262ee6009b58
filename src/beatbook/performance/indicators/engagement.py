"""Indicators from community engagement: events held and the people who came."""

from __future__ import annotations

from datetime import date

from django.db.models import Min, QuerySet
from django.utils import timezone

from beatbook.engagement.models import Event
from beatbook.geography.models import Cluster
from beatbook.performance.figures import gaps_before, plural, records_start, trend_months
from beatbook.performance.registry import Aim, Figure, Good, Period, Scope, indicator

OWNER = "Neighbourhood Policing inspector"
NO_EVENTS = "no engagement event is recorded in beatbook yet"


def held(scope: Scope) -> QuerySet[Event]:
    """Events of the scope that took place (not cancelled, begun before now), by the cluster that held
    them: an event still to come has not been held."""
    events = Event.objects.filter(cancelled=False, start__lt=timezone.now())
    if scope.kind == "cluster":
        return events.filter(cluster_id=scope.cluster_id)
    if scope.kind == "sector":
        return events.filter(cluster__sector_id=scope.sector_id)
    return events.filter(cluster__sector__force__slug=scope.force_slug)


def clusters_in(scope: Scope) -> int:
    if scope.kind == "cluster":
        return 1
    if scope.kind == "sector" and scope.sector_id is not None:
        return Cluster.objects.filter(sector_id=scope.sector_id).count()
    return Cluster.objects.filter(sector__force__slug=scope.force_slug).count()


def _first_event() -> date | None:
    """The day of the first engagement event recorded; None without one."""
    first = Event.objects.aggregate(first=Min("start"))["first"]
    return timezone.localtime(first).date() if first is not None else None


def _by_month(scope: Scope, months: list[date]) -> dict[date, list[int | None]]:
    """The attendance of each event held in ``months`` (None where not recorded), by month."""
    found: dict[date, list[int | None]] = {m: [] for m in months}
    for start, attendance in held(scope).values_list("start", "attendance"):
        month = timezone.localtime(start).date().replace(day=1)
        if month in found:
            found[month].append(attendance)
    return found


@indicator(
    code="events-held",
    name="Engagement events held",
    aim=Aim.TRUST,
    unit="events per cluster",
    good=Good.UP,
    owner=OWNER,
    definition="Engagement events (ward surgeries, cluster panels, street briefings ...) that started in the "
    "period, before now, and were not cancelled, held by the scope's clusters, per cluster (so that one target "
    "serves the force, a sector and a cluster). Default target 6 a cluster in the period (set for a quarter: a year's "
    "figure is read against it too, so set the force's own in the admin), amber from 4.",
    target=6.0,
    tolerance=2.0,
)
def events_held(scope: Scope, period: Period) -> Figure:
    first = _first_event()
    before = records_start(first, period, "records of engagement events", NO_EVENTS)
    if before is not None:
        return before
    months = trend_months(period)
    by_month = _by_month(scope, months)
    count, clusters = sum(len(by_month[m]) for m in period.months), clusters_in(scope)
    if not clusters:
        return Figure.no_data("the scope has no cluster")
    detail = f"{plural(count, 'event')} in {clusters} clusters" if clusters > 1 else plural(count, "event")
    series = tuple(len(by_month[m]) / clusters for m in months)
    return gaps_before(first, Figure(count / clusters, detail=detail, series=series, series_months=tuple(months)))


@indicator(
    code="event-attendance",
    name="Attendance at engagement events",
    aim=Aim.TRUST,
    unit="people",
    good=Good.UP,
    owner=OWNER,
    definition="People who came to the engagement events held in the period, as the organiser recorded after "
    "each event; events without a recorded attendance are counted in the detail, not guessed. No target.",
)
def event_attendance(scope: Scope, period: Period) -> Figure:
    first = _first_event()
    before = records_start(first, period, "records of engagement events", NO_EVENTS)
    if before is not None:
        return before
    months = trend_months(period)
    by_month = _by_month(scope, months)
    recorded = [a for m in period.months for a in by_month[m] if a is not None]
    unrecorded = sum(1 for m in period.months for a in by_month[m] if a is None)
    series = tuple(float(sum(a for a in by_month[m] if a is not None)) for m in months)
    if not recorded:
        held_none = f"no event was held in {period.label}"
        why = f"no attendance was recorded for the period's events ({unrecorded} held)" if unrecorded else held_none
        return gaps_before(first, Figure(None, missing=why, series=series, series_months=tuple(months)))
    detail = f"{plural(len(recorded), 'event')} with attendance recorded" + (
        f", {unrecorded} without" if unrecorded else ""
    )
    figure = Figure(float(sum(recorded)), detail=detail, series=series, series_months=tuple(months))
    return gaps_before(first, figure)
