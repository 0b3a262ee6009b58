"""Indicators from the safeguarding incident log: repeat victimisation, domestic abuse (the measure of
violence against women and girls) and ASB that harmed a person. Counts only: no pseudonym leaves here."""

from __future__ import annotations

import dataclasses
from collections import defaultdict
from collections.abc import Sequence
from datetime import date, datetime, timedelta

from django.conf import settings
from django.db.models import Max, Min, QuerySet
from django.utils import timezone

from beatbook.core.months import add_months
from beatbook.hub.selection import runs_text
from beatbook.performance.figures import by_ward, change_on_a_year_before, percent_share, plural, trend_months
from beatbook.performance.registry import Aim, Figure, Good, Period, Scope, day_text, indicator
from beatbook.safeguarding.models import Incident
from beatbook.safeguarding.thresholds import repeat_count

OWNER = "Safeguarding and Public Protection"
NO_LOG = "no incident log has been imported (beatbook incidents import)"
CHANGE = "% change on a year before"


def _month(moment: datetime) -> date:
    return timezone.localtime(moment).date().replace(day=1)


def _end_of(month: date) -> datetime:
    """The first moment after ``month``, in the site's time zone."""
    return timezone.make_aware(datetime.combine(add_months(month, 1), datetime.min.time()))


def log_months() -> tuple[date, date] | None:
    """The first and last month the stored log covers, or None without a log."""
    span = Incident.objects.aggregate(first=Min("occurred_at"), last=Max("occurred_at"))
    if span["first"] is None:
        return None
    return _month(span["first"]), _month(span["last"])


def monthly_incidents(scope: Scope, months: Sequence[date], incidents: QuerySet[Incident]) -> dict[date, int | None]:
    """The ``incidents`` of the scope per month; None for a month outside the log."""
    covered = log_months()
    if covered is None:
        return dict.fromkeys(months)
    rows = by_ward(incidents, scope).filter(
        occurred_at__gte=_end_of(add_months(min(months), -1)), occurred_at__lt=_end_of(max(months))
    )
    counts: dict[date, int] = defaultdict(int)
    for moment in rows.values_list("occurred_at", flat=True):
        counts[_month(moment)] += 1
    return {m: (counts[m] if covered[0] <= m <= covered[1] else None) for m in months}


def _logged_change(scope: Scope, period: Period, what: tuple[str, str], incidents: QuerySet[Incident]) -> Figure:
    if log_months() is None:
        return Figure.no_data(NO_LOG)
    return change_on_a_year_before(
        lambda months: monthly_incidents(scope, sorted(set(months)), incidents),
        period,
        what,
        "the incident log does not cover",
    )


@indicator(
    code="vawg-domestic-abuse",
    name="Violence against women and girls: domestic-abuse incidents",
    aim=Aim.PROTECT,
    unit=CHANGE,
    good=Good.DOWN,
    owner=OWNER,
    definition="Incidents flagged domestic abuse in the safeguarding incident log, in the scope's wards, "
    "against the same months a year before (E-test). police.uk street data carry no sex of victim, so they "
    "cannot measure violence against women and girls; domestic abuse is the part of it the log records, "
    "and most of its victims are women. It is not the whole priority (sexual offences and harassment in "
    "public space are not in the log). No target: more reporting can be progress, so the figure is read "
    "with its commentary, not a colour.",
)
def vawg(scope: Scope, period: Period) -> Figure:
    return _logged_change(
        scope,
        period,
        ("domestic-abuse incident", "domestic-abuse incidents"),
        Incident.objects.filter(domestic_abuse=True),
    )


@indicator(
    code="asb-residents",
    name="ASB affecting residents (force priority)",
    aim=Aim.PREVENT,
    unit=CHANGE,
    good=Good.DOWN,
    owner=OWNER,
    definition="Anti-social behaviour incidents in the safeguarding incident log that name a victim (a person "
    "harmed, rather than a business or a public place), in the scope's wards, against the same months a year "
    "before (E-test). police.uk's ASB rows say nothing about who was affected, so they cannot tell residents' "
    "ASB apart. Green when the count did not rise, amber up to 5% or a rise chance alone could give, red "
    "above.",
    target=0.0,
    tolerance=5.0,
)
def asb_residents(scope: Scope, period: Period) -> Figure:
    return _logged_change(
        scope,
        period,
        ("ASB incident with a victim", "ASB incidents with a victim"),
        Incident.objects.filter(asb=True).exclude(victim=""),
    )


def _repeat_share(victims: dict[str, list[datetime]], month: date, scope_victims: set[str]) -> tuple[int, int]:
    """(repeat victims, victims) among ``scope_victims`` with an incident in ``month``."""
    least, days = settings.BEATBOOK_REPEAT_MIN_INCIDENTS, settings.BEATBOOK_REPEAT_WINDOW_DAYS
    end = _end_of(month)
    base = repeats = 0
    for person in scope_victims:
        moments = [m for m in victims[person] if end - timedelta(days=days) <= m < end]
        if any(_month(m) == month for m in moments):
            base += 1
            repeats += repeat_count(moments, days) >= least
    return repeats, base


def _victims(scope: Scope, first: date, last: date) -> tuple[dict[str, list[datetime]], dict[date, set[str]]]:
    """Every victim's incidents (anywhere) from a window before ``first`` to ``last``, and who had one
    in the scope in each month."""
    since = _end_of(add_months(first, -1)) - timedelta(days=settings.BEATBOOK_REPEAT_WINDOW_DAYS)
    rows = Incident.objects.exclude(victim="").filter(occurred_at__gte=since, occurred_at__lt=_end_of(last))
    victims: dict[str, list[datetime]] = defaultdict(list)
    for person, moment in rows.values_list("victim", "occurred_at"):
        victims[person].append(moment)
    in_scope: dict[date, set[str]] = defaultdict(set)
    for person, moment in by_ward(rows, scope).values_list("victim", "occurred_at"):
        in_scope[_month(moment)].add(person)
    return victims, in_scope


@indicator(
    code="repeat-victimisation",
    name="Repeat victimisation rate",
    aim=Aim.PROTECT,
    unit="% of victims",
    good=Good.DOWN,
    owner=OWNER,
    definition="Of the people named as victim of an incident in the scope's wards in the period (safeguarding "
    "incident log), the share who are repeat victims: at least BEATBOOK_REPEAT_MIN_INCIDENTS incidents (3 by "
    "default) within BEATBOOK_REPEAT_WINDOW_DAYS (365) up to the period's end, wherever they happened, as the "
    "repeat register counts them, with its 95% Wilson interval. Default target 20%, amber up to 25% or while "
    "the interval holds the target: set the force's own in the admin. Until the log covers a whole look-back "
    "(its first year) the share is understated, so it is shown but not rated, and the trend leaves those "
    "months out.",
    target=20.0,
    tolerance=5.0,
)
def repeat_victimisation(scope: Scope, period: Period) -> Figure:
    covered = log_months()
    if covered is None:
        return Figure.no_data(NO_LOG)
    outside = [m for m in period.months if not covered[0] <= m <= covered[1]]
    if outside:
        return Figure.no_data(f"the incident log does not cover {runs_text(outside)}")
    starts = log_first_day()
    months = trend_months(period)
    victims, in_scope = _victims(scope, months[0], period.last)
    per_month = {m: _repeat_share(victims, m, in_scope[m]) for m in months}
    series = tuple(
        100.0 * r / b if b and covered[0] <= m <= covered[1] and look_back_from(m) >= starts else None
        for m, (r, b) in per_month.items()
    )
    repeats, base = _repeat_share_over(victims, period, set().union(*(in_scope[m] for m in period.months)))
    if not base:
        return Figure(
            None, missing="no victim is named in the period's incidents", series=series, series_months=tuple(months)
        )
    words = f"{plural(repeats, 'repeat victim')} of {plural(base, 'victim')} in the period"
    figure = dataclasses.replace(percent_share(repeats, base, words), series=series, series_months=tuple(months))
    needed = look_back_from(period.last)
    if needed < starts:
        days = settings.BEATBOOK_REPEAT_WINDOW_DAYS
        look_back = "12-month" if days == 365 else f"{days}-day"
        why = f"the incident log starts on {day_text(starts)}; a full {look_back} look-back needs records from "
        return figure.unrated(why + day_text(needed))
    return figure


def log_first_day() -> date:
    """The day of the log's first incident (the log is not empty)."""
    return timezone.localtime(Incident.objects.order_by("occurred_at").values_list("occurred_at", flat=True)[0]).date()


def look_back_from(month: date) -> date:
    """The first day whose incidents count towards a repeat victim at the end of ``month``."""
    return timezone.localtime(_end_of(month) - timedelta(days=settings.BEATBOOK_REPEAT_WINDOW_DAYS)).date()


def _repeat_share_over(victims: dict[str, list[datetime]], period: Period, people: set[str]) -> tuple[int, int]:
    """(repeat victims, victims) of the period: a repeat victim by the period's end."""
    least, days = settings.BEATBOOK_REPEAT_MIN_INCIDENTS, settings.BEATBOOK_REPEAT_WINDOW_DAYS
    end = _end_of(period.last)
    repeats = sum(
        repeat_count([m for m in victims[p] if end - timedelta(days=days) <= m < end], days) >= least for p in people
    )
    return repeats, len(people)
