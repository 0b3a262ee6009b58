"""Counts the Hub shows beside the crimes only to the roles that may see them: repeat victims and callers
(safeguarding) and community intelligence received, by ward. Numbers only, never a person or a text;
for a role that may see neither, nothing at all (not even the table's heading). Showing them is audited as
/safeguarding/counts/ and /intel/counts/ are.

Both count the page's months, as its crimes do: intelligence received, and repeats among the incidents
that occurred, from the first day of the first month to the last day of the last."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from django.db.models import QuerySet
from django.http import HttpRequest

from beatbook.core import audit
from beatbook.core.models import AuditAction
from beatbook.core.months import add_months
from beatbook.core.roles import INTEL_COUNT_READERS, SAFEGUARDING_COUNT_READERS, has_role
from beatbook.geography.models import Ward
from beatbook.intel.counts import counts_by_ward, received_between, start_of_day
from beatbook.intel.models import Intel
from beatbook.safeguarding.models import Incident
from beatbook.safeguarding.services import is_synthetic_shown, repeat_counts_by_ward

#: The map's classes of a count by ward, (lowest, highest or None): fixed, so that a ward with one item is
#: shaded lightly whatever the busiest ward holds, and the same shade means the same counts on every page.
CLASSES: tuple[tuple[int, int | None], ...] = ((0, 0), (1, 2), (3, 5), (6, 10), (11, None))
#: The fill opacity of each class, as hub-map.js draws it.
OPACITIES = (0.0, 0.2, 0.4, 0.6, 0.85)
#: Each kind's name on the map and its fill, as hub-map.js draws it.
KINDS = {"intel": ("Intelligence received", "#cc79a7"), "repeats": ("Repeat victims and callers", "#009e73")}


@dataclass(frozen=True)
class LegendEntry:
    label: str  # e.g. "1–2"
    opacity: float
    wards: int  # how many of the wards shown fall in this class


@dataclass(frozen=True)
class SensitiveCounts:
    rows: list[dict[str, Any]]  # ward, and victims/callers and/or intel
    repeats: bool  # the repeat columns are shown
    intel: bool  # the intelligence column is shown
    synthetic: bool  # some counts come from synthetic records (synthetic_what says which)
    period: str  # the months counted, e.g. "Jan 2025 to Dec 2025"
    synthetic_what: str = ""

    def legend(self) -> list[tuple[str, str, list[LegendEntry]]]:
        """(name, fill, classes with their number of wards) for each kind shown: the map's legend."""
        shown = [kind for kind in KINDS if getattr(self, kind)]
        return [(KINDS[kind][0], KINDS[kind][1], _legend(kind_value(kind, self.rows))) for kind in shown]


def kind_value(kind: str, rows: list[dict[str, Any]]) -> list[int]:
    """The number a ward is shaded by: its items, or its repeat victims and callers (as hub-map.js adds them)."""
    if kind == "intel":
        return [row.get("intel", 0) for row in rows]
    return [row.get("victims", 0) + row.get("callers", 0) for row in rows]


def class_label(low: int, high: int | None) -> str:
    if high is None:
        return f"{low} or more"
    return str(low) if low == high else f"{low}–{high}"


def classes_payload() -> list[dict[str, Any]]:
    """The classes as hub-map.js reads them."""
    return [
        {"low": low, "high": high, "label": class_label(low, high), "opacity": opacity}
        for (low, high), opacity in zip(CLASSES, OPACITIES, strict=True)
    ]


def _legend(values: list[int]) -> list[LegendEntry]:
    return [
        LegendEntry(class_label(low, high), opacity, sum(1 for v in values if v >= low and (high is None or v <= high)))
        for (low, high), opacity in zip(CLASSES, OPACITIES, strict=True)
    ]


def sensitive_counts(user: Any, ward_ids: tuple[int, ...], first: date, last: date) -> SensitiveCounts | None:
    """The counts of the months `first` to `last` (first days of months) that `user` may see, or None."""
    repeats, intel = has_role(user, *SAFEGUARDING_COUNT_READERS), has_role(user, *INTEL_COUNT_READERS)
    if not (repeats or intel):
        return None
    end = add_months(last, 1)
    wards: QuerySet[Ward] = Ward.objects.filter(pk__in=ward_ids).order_by("name")
    names = [w.name for w in wards]
    rows: dict[str, dict[str, Any]] = {name: {"ward": name} for name in names}
    if repeats:
        incidents = Incident.objects.filter(occurred_at__gte=start_of_day(first), occurred_at__lt=start_of_day(end))
        for row in repeat_counts_by_ward(incidents):
            if row["ward"] in rows:
                rows[row["ward"]].update(victims=row["victims"], callers=row["callers"])
    if intel:
        for count in counts_by_ward((first, end))[0]:
            if count.ward in rows:
                rows[count.ward]["intel"] = count.received
    what = _synthetic_what(repeats and is_synthetic_shown(), intel and _synthetic_intel(first, end))
    period = f"{first:%b %Y}" if first == last else f"{first:%b %Y} to {last:%b %Y}"
    return SensitiveCounts([rows[name] for name in names], repeats, intel, bool(what), period, what)


def _synthetic_intel(first: date, end: date) -> bool:
    return Intel.objects.filter(received_between(first, end), synthetic=True).exists()


def _synthetic_what(repeats: bool, intel: bool) -> str:
    """What the synthetic banner says is synthetic, or "" when nothing is."""
    if repeats and intel:
        return (
            "the repeat counts come from a synthetic incident log, and the intelligence counts include "
            "synthetic items, all demonstration records"
        )
    if repeats:
        return "the repeat counts come from a synthetic incident log of demonstration records"
    if intel:
        return "the intelligence counts include synthetic items, demonstration records made up by beatbook"
    return ""


def shown_sensitive_counts(
    request: HttpRequest, ward_ids: tuple[int, ...], first: date, last: date, page: str = "hub"
) -> SensitiveCounts | None:
    """The counts for the signed-in person, with one VIEW audit event per kind shown (the object types of the
    safeguarding and intelligence counts pages); `page` says where (the table, or the map's layer)."""
    counts = sensitive_counts(request.user, ward_ids, first, last)
    if counts is not None:
        months = f"{first:%Y-%m}..{last:%Y-%m}"
        for shown, object_type in ((counts.repeats, "safeguarding.counts"), (counts.intel, "intel.counts")):
            if shown:
                audit.record(
                    request, AuditAction.VIEW, object_type=object_type, page=page, wards=sorted(ward_ids), months=months
                )
    return counts
