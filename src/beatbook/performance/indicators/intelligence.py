"""Indicators from community intelligence: items received, graded within the target time, and shared
with partners. Counts only: no text, no source, no place leaves the intelligence app here."""

from __future__ import annotations

from datetime import date, datetime, timedelta

from django.conf import settings
from django.db.models import Min, QuerySet
from django.utils import timezone

from beatbook.intel.models import Intel, IntelShare
from beatbook.performance.figures import (
    SHARE_RULE,
    by_ward,
    gaps_before,
    percent_share,
    plural,
    records_start,
    trend_months,
)
from beatbook.performance.registry import Aim, Figure, Good, Period, Scope, indicator

OWNER = "Intelligence unit"
NO_INTEL = "no community intelligence is recorded in beatbook yet"


def _month(moment: datetime) -> date:
    return timezone.localtime(moment).date().replace(day=1)


def _received(scope: Scope) -> QuerySet[Intel]:
    return by_ward(Intel.objects.all(), scope)


def _first_intel() -> date | None:
    """The day of the first item of intelligence received; None without one."""
    first = Intel.objects.aggregate(first=Min("received_at"))["first"]
    return timezone.localtime(first).date() if first is not None else None


def _counts(moments: list, months: list[date]) -> tuple[float | None, ...]:
    by_month = [_month(m) for m in moments]
    return tuple(float(by_month.count(m)) for m in months)


@indicator(
    code="intel-received",
    name="Community intelligence received",
    aim=Aim.INTELLIGENCE,
    unit="items",
    good=Good.UP,
    owner=OWNER,
    definition="Items of community intelligence received in the period (from the public, partners and officers) "
    "about places in the scope's wards; the force also counts items no ward was found for. No target: the flow "
    "is read against its own trend.",
)
def intel_received(scope: Scope, period: Period) -> Figure:
    first = _first_intel()
    before = records_start(first, period, "records of community intelligence", NO_INTEL)
    if before is not None:
        return before
    months = trend_months(period)
    moments = list(_received(scope).values_list("received_at", flat=True))
    count = sum(1 for m in moments if _month(m) in period.months)
    return gaps_before(first, Figure(float(count), series=_counts(moments, months), series_months=tuple(months)))


def graded_in_time(received_at: datetime, graded_at: datetime | None, target_hours: int) -> bool:
    return graded_at is not None and graded_at - received_at <= timedelta(hours=target_hours)


@indicator(
    code="intel-graded-in-time",
    name="Intelligence graded within the target time",
    aim=Aim.INTELLIGENCE,
    unit="% of items received",
    good=Good.UP,
    owner=OWNER,
    definition="Of the items received in the period, the share graded (3x5x2) within "
    "BEATBOOK_INTEL_GRADING_TARGET_HOURS (72 hours by default; the target in force when each was graded) of "
    "being received. An item not yet graded counts as late. Default target 90%, amber from 80%. " + SHARE_RULE,
    target=90.0,
    tolerance=10.0,
)
def intel_graded_in_time(scope: Scope, period: Period) -> Figure:
    first = _first_intel()
    before = records_start(first, period, "records of community intelligence", NO_INTEL)
    if before is not None:
        return before
    rows = _received(scope).values_list("received_at", "graded_at", "grading_target_hours")
    items = [r for r in rows if _month(r[0]) in period.months]
    if not items:
        return Figure.no_data(f"no intelligence was received in {period.label}")
    default = settings.BEATBOOK_INTEL_GRADING_TARGET_HOURS
    in_time = sum(1 for received, graded, hours in items if graded_in_time(received, graded, hours or default))
    words = f"{in_time} of {plural(len(items), 'item')} graded within the target time"
    return percent_share(in_time, len(items), words)


@indicator(
    code="intel-shared",
    name="Intelligence shared with partners",
    aim=Aim.INTELLIGENCE,
    unit="items",
    good=Good.UP,
    owner=OWNER,
    definition="Items of intelligence about the scope's wards shared (sanitised) with at least one partner "
    "organisation in the period, each item counted once. No target.",
)
def intel_shared(scope: Scope, period: Period) -> Figure:
    first = _first_intel()
    before = records_start(first, period, "records of community intelligence", NO_INTEL)
    if before is not None:
        return before
    months = trend_months(period)
    shares = IntelShare.objects.filter(item__in=_received(scope)).order_by("shared_at")
    first_shared: dict[int, date] = {}
    for item, at in shares.values_list("item_id", "shared_at"):
        first_shared.setdefault(item, _month(at))
    count = sum(1 for m in first_shared.values() if m in period.months)
    series = tuple(float(list(first_shared.values()).count(m)) for m in months)
    return gaps_before(first, Figure(float(count), series=series, series_months=tuple(months)))
