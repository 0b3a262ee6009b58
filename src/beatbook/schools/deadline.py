"""When a school notification is due: before the start of the next school day after the incident.

A school day is a weekday that is neither a bank holiday nor inside a closure (term holidays, staff
training days) of the school or of every school. The "next school day" is the first school-day start
strictly after the incident: at 08:59 on a school day that starts at 09:00 the notification is due at
09:00 the same day; at 09:00 or later the day has begun, and it is due at the next school day's start.
Pure functions of their arguments: the database and the clock come in as parameters.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

#: No school is closed this long: a calendar without a school day in it is a configuration error.
SEARCH_LIMIT_DAYS = 400


def closed_days(closures: Iterable[tuple[date, date]], bank_holidays: frozenset[date]) -> Callable[[date], bool]:
    """A test of whether a day has no school: weekends, bank holidays and each closure (first, last)."""
    ranges = list(closures)

    def closed(day: date) -> bool:
        return day.weekday() >= 5 or day in bank_holidays or any(first <= day <= last for first, last in ranges)

    return closed


def next_school_day_start(
    occurred_at: datetime, closed: Callable[[date], bool], starts: time, zone: ZoneInfo
) -> datetime:
    """The start of the first school day after `occurred_at` (an aware datetime), in `zone`."""
    local = occurred_at.astimezone(zone)
    day = local.date()
    for _ in range(SEARCH_LIMIT_DAYS):
        start = datetime.combine(day, starts, tzinfo=zone)
        if not closed(day) and start > local:
            return start
        day += timedelta(days=1)
    raise ValueError(f"No school day within {SEARCH_LIMIT_DAYS} days of {local:%d %B %Y}: check the closures.")


def parse_start(text: str) -> time:
    """The school day's start from a setting, "HH:MM"."""
    try:
        return time.fromisoformat(text.strip())
    except ValueError:
        raise ValueError(f"BEATBOOK_SCHOOL_DAY_STARTS must be a time HH:MM, not {text!r}") from None
