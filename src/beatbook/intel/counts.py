"""Counts of intelligence by ward: numbers only, for the roles that may see them (no text, no source)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.conf import settings
from django.db.models import Count, Q
from django.utils import timezone

from beatbook.geography.models import Ward
from beatbook.intel.models import Intel

WINDOW_DAYS = 365


@dataclass(frozen=True)
class WardCount:
    ward: str
    cluster: str
    received: int  # in the last WINDOW_DAYS, or in the period asked for
    open: int  # not yet ready to share


def received_between(first: date, end: date) -> Q:
    """Received on `first` or later and before `end` (days of the force's time zone)."""
    return Q(received_at__gte=start_of_day(first), received_at__lt=start_of_day(end))


def start_of_day(day: date) -> datetime:
    """The day's first moment in the force's time zone."""
    return timezone.make_aware(datetime.combine(day, time.min))


def counts_by_ward(period: tuple[date, date] | None = None) -> tuple[list[WardCount], int]:
    """Every ward of the force with its counts, and the items with no ward: received in `period`
    (first day, and the day after the last), or in the last WINDOW_DAYS."""
    if period is None:
        received = Q(received_at__gte=timezone.now() - timedelta(days=WINDOW_DAYS))
    else:
        received = received_between(*period)
    per_ward = {
        row["ward"]: row
        for row in Intel.objects.filter(received)
        .values("ward")
        .annotate(
            received=Count("id"), open=Count("id", filter=Q(status__in=["received", "graded", "awaiting_handling"]))
        )
    }
    wards = Ward.objects.of_force(settings.BEATBOOK_FORCE).select_related("cluster").order_by("cluster__name", "name")
    rows = [
        WardCount(
            w.name, w.cluster.name, per_ward.get(w.pk, {}).get("received", 0), per_ward.get(w.pk, {}).get("open", 0)
        )
        for w in wards
    ]
    return rows, per_ward.get(None, {}).get("received", 0)
