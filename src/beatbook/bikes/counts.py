"""Bikes marked per event and per cluster, beside the bicycle thefts of the stored police.uk data
for the same months and cluster. Months with no stored street-level file are named, not counted as 0."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.db.models import Count
from django.utils import timezone

from beatbook.bikes.models import MarkedBike
from beatbook.core.forms import EARLIEST, LATEST
from beatbook.core.months import add_months, month_range
from beatbook.crime.models import Crime
from beatbook.engagement.models import Event
from beatbook.geography.models import Cluster
from beatbook.hub.services import published_months

CATEGORY = "bicycle-theft"


@dataclass(frozen=True)
class ClusterRow:
    cluster: Cluster
    bikes_marked: int
    bicycle_thefts: int


@dataclass(frozen=True)
class EventRow:
    event: Any
    month: dt.date
    bikes_marked: int
    bicycle_thefts: int | None  # None: no stored crime data for the event's month


@dataclass(frozen=True)
class MonthRow:
    month: dt.date
    bikes_marked: int
    bicycle_thefts: int | None  # None: no stored street-level file for the month, never 0


@dataclass(frozen=True)
class Counts:
    first: dt.date
    last: dt.date
    clusters: list[ClusterRow]
    events: list[EventRow]
    months: list[MonthRow]
    months_without_data: list[dt.date]
    unplaced: int  # bikes of the period with no event and no ward: in no cluster


def default_months() -> tuple[dt.date, dt.date] | None:
    """From the month of the first bike marked to the month of the last; None when none is."""
    months = list(MarkedBike.objects.dates("marked_on", "month"))
    return (months[0], months[-1]) if months else None


def counts(force_slug: str, first: dt.date, last: dt.date) -> Counts:
    bikes = MarkedBike.objects.filter(marked_on__gte=first, marked_on__lt=add_months(last, 1))
    thefts = Crime.objects.filter(category=CATEGORY, month__range=(first, last), ward__isnull=False)
    stored = {month for month in published_months(force_slug) if first <= month <= last}
    return Counts(
        first=first,
        last=last,
        clusters=_cluster_rows(force_slug, bikes, thefts),
        events=_event_rows(bikes, thefts, stored),
        months=_month_rows(first, last, bikes, thefts, stored),
        months_without_data=[m for m in month_range(first, last) if m not in stored],
        unplaced=bikes.filter(cluster__isnull=True).count(),
    )


def _cluster_rows(force_slug: str, bikes: Any, thefts: Any) -> list[ClusterRow]:
    marked = dict(bikes.values_list("cluster").annotate(n=Count("id")).values_list("cluster", "n"))
    stolen = dict(thefts.values_list("ward__cluster").annotate(n=Count("id")).values_list("ward__cluster", "n"))
    clusters = Cluster.objects.filter(sector__force__slug=force_slug).order_by("sector__name", "name")
    return [ClusterRow(c, marked.get(c.pk, 0), stolen.get(c.pk, 0)) for c in clusters]


def _month_rows(first: dt.date, last: dt.date, bikes: Any, thefts: Any, stored: set[dt.date]) -> list[MonthRow]:
    """Every month of the period, force-wide: bikes marked, and the thefts of the months with stored data."""
    marked = {m.replace(day=1): 0 for m in month_range(first, last)}
    for day in bikes.values_list("marked_on", flat=True):
        marked[day.replace(day=1)] += 1
    stolen = dict(thefts.values_list("month").annotate(n=Count("id")).values_list("month", "n"))
    return [MonthRow(m, n, stolen.get(m, 0) if m in stored else None) for m, n in marked.items()]


def _event_rows(bikes: Any, thefts: Any, stored: set[dt.date]) -> list[EventRow]:
    per_event = bikes.filter(event__isnull=False).values("event").annotate(n=Count("id"))
    by_cluster_month = {
        (row["ward__cluster"], row["month"]): row["n"]
        for row in thefts.values("ward__cluster", "month").annotate(n=Count("id"))
    }
    events = Event.objects.in_bulk([row["event"] for row in per_event])
    rows = []
    for row in per_event:
        event = events[row["event"]]
        month = timezone.localtime(event.start).date().replace(day=1)
        thefts_then = by_cluster_month.get((event.cluster_id, month), 0) if month in stored else None
        rows.append(EventRow(event, month, row["n"], thefts_then))
    return sorted(rows, key=lambda r: r.event.start)


def parse_month(text: str) -> dt.date:
    """A YYYY-MM month from 2000-01 to 2999-12 as its first day; ValueError naming the expected form otherwise."""
    try:
        month = dt.datetime.strptime(text.strip(), "%Y-%m").date()
    except ValueError:
        raise ValueError(f"“{text}” is not a month: write it as YYYY-MM, e.g. 2025-06.") from None
    if not EARLIEST <= month <= LATEST:
        raise ValueError(f"“{text}” is out of range: give a month from {EARLIEST:%Y-%m} to {LATEST:%Y-%m}.")
    return month
