"""When the demo's performance history happens: the dashboard's default quarter and the year to it."""

from __future__ import annotations

from datetime import date, datetime, time

from django.utils import timezone

from beatbook.core.months import add_months
from beatbook.geography.models import Force
from beatbook.hub.services import published_months
from beatbook.performance.registry import Period
from beatbook.performance.services import latest_complete_quarter


def history_quarter(force: Force) -> Period | None:
    """The dashboard's default quarter, the latest with three published months of street crime; None
    without published crime (then there is no quarter for the history to fill)."""
    if not published_months(force.slug):
        return None
    return latest_complete_quarter(force.slug)


def year_to(quarter: Period) -> list[Period]:
    """The four quarters ending with ``quarter``, oldest first."""
    firsts = [add_months(quarter.first, -3 * k) for k in (3, 2, 1, 0)]
    return [Period.parse(f"{m.year}Q{(m.month - 1) // 3 + 1}") for m in firsts]


def moment(month: date, day: int, hour: int = 10) -> datetime:
    """A local time on ``day`` of ``month`` (kept between the 1st and the 28th, which every month has)."""
    return timezone.make_aware(datetime.combine(month.replace(day=min(max(day, 1), 28)), time(hour)))


def at(quarter: Period, months: int, day: int, hour: int = 10) -> datetime:
    """``day`` of the month ``months`` after the quarter's first month."""
    return moment(add_months(quarter.first, months), day, hour)
