"""Counts of intelligence by ward: numbers only, for the roles that may see them (no text, no source)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

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
    received: int  # in the last WINDOW_DAYS
    open: int  # not yet ready to share


def counts_by_ward() -> tuple[list[WardCount], int]:
    """Every ward of the force with its counts, and the items with no ward."""
    since = timezone.now() - timedelta(days=WINDOW_DAYS)
    recent = Intel.objects.filter(received_at__gte=since)
    per_ward = {
        row["ward"]: row
        for row in recent.values("ward").annotate(
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
