"""Bikes marked per event and per cluster, beside the bicycle thefts of the stored police.uk data
for the same months and cluster. Months with no stored street-level file are named, not counted as 0."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.db.models import Count

from beatbook.bikes.models import MarkedBike
from beatbook.crime.models import Crime, DataKind, SourceFile
from beatbook.engagement.models import Event
from beatbook.geography.models import Cluster

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
class Counts:
    first: dt.date
    last: dt.date
    clusters: list[ClusterRow]
    events: list[EventRow]
    months_without_data: list[dt.date]
    unplaced: int  # bikes of the period with no event and no ward: in no cluster


def default_months() -> tuple[dt.date, dt.date] | None:
    """From the month of the first bike marked to the month of the last; None when none is."""
    months = list(MarkedBike.objects.dates("marked_on", "month"))
    return (months[0], months[-1]) if months else None


def counts(force_slug: str, first: dt.date, last: dt.date) -> Counts:
    bikes = MarkedBike.objects.filter(marked_on__gte=first, marked_on__lt=_next_month(last))
    thefts = Crime.objects.filter(category=CATEGORY, month__range=(first, last), ward__isnull=False)
    stored = set(
        SourceFile.objects.filter(force_slug=force_slug, kind=DataKind.STREET, month__range=(first, last)).values_list(
            "month", flat=True
        )
    )
    return Counts(
        first=first,
        last=last,
        clusters=_cluster_rows(force_slug, bikes, thefts),
        events=_event_rows(bikes, thefts, stored),
        months_without_data=[m for m in _months(first, last) if m not in stored],
        unplaced=bikes.filter(cluster__isnull=True).count(),
    )


def _cluster_rows(force_slug: str, bikes: Any, thefts: Any) -> list[ClusterRow]:
    marked = dict(bikes.values_list("cluster").annotate(n=Count("id")).values_list("cluster", "n"))
    stolen = dict(thefts.values_list("ward__cluster").annotate(n=Count("id")).values_list("ward__cluster", "n"))
    clusters = Cluster.objects.filter(sector__force__slug=force_slug).order_by("sector__name", "name")
    return [ClusterRow(c, marked.get(c.pk, 0), stolen.get(c.pk, 0)) for c in clusters]


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
        month = event.start.date().replace(day=1)
        thefts_then = by_cluster_month.get((event.cluster_id, month), 0) if month in stored else None
        rows.append(EventRow(event, month, row["n"], thefts_then))
    return sorted(rows, key=lambda r: r.event.start)


def parse_month(text: str) -> dt.date:
    """A YYYY-MM month as its first day; ValueError naming the expected form otherwise."""
    try:
        return dt.datetime.strptime(text.strip(), "%Y-%m").date()
    except ValueError:
        raise ValueError(f"“{text}” is not a month: write it as YYYY-MM, e.g. 2025-06.") from None


def _next_month(month: dt.date) -> dt.date:
    return (month.replace(day=28) + dt.timedelta(days=4)).replace(day=1)


def _months(first: dt.date, last: dt.date) -> list[dt.date]:
    months, month = [], first
    while month <= last:
        months.append(month)
        month = _next_month(month)
    return months
