"""From the database to counts: the stop-and-search records of a selection, tallied by field.

The force's figures count every search in its files, also those without a location (police.uk
leaves 15-50% of them unlocated) and those placed outside its wards; a sector, cluster or ward
counts only the searches located in its wards.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date

from django.db.models import Count, Q, QuerySet

from beatbook.crime.models import StopSearch
from beatbook.crime.police_uk.ethnicity import ETHNIC_GROUPS, ethnic_group
from beatbook.geography.models import Denominator, DenominatorArea, DenominatorKind
from beatbook.hub.selection import Selection

ETHNIC_GROUP_PREFIX = "ethnic-group:"


@dataclass(frozen=True)
class Tally:
    """Searches with one value of a field: how many, how many found their object, how many say."""

    value: str
    searches: int
    found: int  # outcome linked to the object of search: true
    known: int  # that field recorded (true or false)


def searches(selection: Selection) -> QuerySet:
    queryset = StopSearch.objects.filter(
        source_file__force_slug=selection.force_slug, month__range=(selection.first, selection.last)
    )
    if selection.area.kind != "force":
        queryset = queryset.filter(ward_id__in=selection.area.ward_ids)
    return queryset


def _counts() -> dict[str, Count]:
    return {
        "n": Count("pk"),
        "found": Count("pk", filter=Q(outcome_linked_to_object_of_search=True)),
        "known": Count("pk", filter=Q(outcome_linked_to_object_of_search__isnull=False)),
    }


def tally(queryset: QuerySet, field: str) -> list[Tally]:
    """One Tally per value of ``field`` (empty values as ""), most searches first."""
    rows = [
        Tally(r[field] or "", r["n"], r["found"], r["known"])
        for r in queryset.values(field).annotate(**_counts()).order_by()
    ]
    return sorted(rows, key=lambda t: (-t.searches, t.value))


def tally_all(queryset: QuerySet) -> Tally:
    totals = queryset.aggregate(**_counts())
    return Tally("", totals["n"], totals["found"], totals["known"])


def tally_by_ethnic_group(queryset: QuerySet) -> list[Tally]:
    """Self-defined ethnicity grouped as the Census groups residents (crime.police_uk.ethnicity)."""
    sums: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0])
    for t in tally(queryset, "self_defined_ethnicity"):
        group = sums[ethnic_group(t.value)]
        group[0], group[1], group[2] = group[0] + t.searches, group[1] + t.found, group[2] + t.known
    return [Tally(key, *sums[key]) for key in ETHNIC_GROUPS if key in sums]


def monthly(queryset: QuerySet) -> dict[date, int]:
    return dict(queryset.values_list("month").annotate(n=Count("pk")).order_by())


def locations(queryset: QuerySet) -> dict[str, int]:
    """Searches placed in a ward, located outside the wards, and without a location."""
    counts = queryset.aggregate(
        in_wards=Count("pk", filter=Q(ward__isnull=False)),
        outside=Count("pk", filter=Q(ward__isnull=True, lat__isnull=False)),
        unlocated=Count("pk", filter=Q(lat__isnull=True)),
    )
    return {k: int(v or 0) for k, v in counts.items()}


@dataclass(frozen=True)
class GroupResidents:
    value: float
    as_of: str
    source: str


def residents_by_ethnic_group(force_slug: str) -> dict[str, GroupResidents]:
    """The force's residents of each ethnic group (denominators with group ``ethnic-group:<key>``),
    the latest figure of each; empty when none is configured."""
    rows = Denominator.objects.filter(
        force__slug=force_slug,
        area_kind=DenominatorArea.FORCE,
        kind=DenominatorKind.RESIDENTS,
        group__startswith=ETHNIC_GROUP_PREFIX,
    ).order_by("as_of")
    latest = {d.group.removeprefix(ETHNIC_GROUP_PREFIX): d for d in rows}
    return {key: GroupResidents(d.value, d.as_of, d.source) for key, d in latest.items() if key in ETHNIC_GROUPS}
