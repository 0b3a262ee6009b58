"""What the police.uk methods serve, read from beatbook's stored data.police.uk files."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.db.models import Max, OuterRef, QuerySet, Subquery

from beatbook.api.police_uk import shapes
from beatbook.api.police_uk.areas import ids_inside, nearest_point
from beatbook.api.police_uk.params import Area
from beatbook.crime.models import Crime, DataKind, Outcome, SourceFile, StopSearch
from beatbook.geography.models import Force


def latest_month(kind: str = DataKind.STREET) -> date | None:
    """The latest month published of a kind, over every force (police.uk's default month)."""
    return SourceFile.objects.filter(kind=kind).aggregate(latest=Max("month"))["latest"]


def available_months() -> list[dict[str, Any]]:
    """crimes-street-dates: each month with street-level crime, newest first, with the forces
    that published stop and search for it."""
    months = SourceFile.objects.filter(kind=DataKind.STREET).values_list("month", flat=True).distinct()
    searched: dict[date, list[str]] = {}
    stop_files = SourceFile.objects.filter(kind=DataKind.STOP_AND_SEARCH).order_by("force_slug")
    for month, force in stop_files.values_list("month", "force_slug"):
        searched.setdefault(month, []).append(force)
    return [
        {"date": shapes.month_text(m), "stop-and-search": searched.get(m, [])} for m in sorted(months, reverse=True)
    ]


def force_is_known(slug: str) -> bool:
    return Force.objects.filter(slug=slug).exists() or SourceFile.objects.filter(force_slug=slug).exists()


def with_outcome_month(crimes: QuerySet) -> QuerySet:
    latest = Outcome.objects.filter(crime_id=OuterRef("crime_id")).order_by("-month").values("month")[:1]
    return crimes.annotate(outcome_month=Subquery(latest))


def crime_rows(crimes: QuerySet) -> list[dict[str, Any]]:
    return [
        shapes.crime(row)
        for row in with_outcome_month(crimes).order_by("id").values(*shapes.CRIME_FIELDS, "outcome_month")
    ]


def crimes_of_month(month: date, category: str | None) -> QuerySet:
    crimes = Crime.objects.filter(month=month)
    return crimes.filter(category=category) if category else crimes


# The records inside an area are read again by id within the month's queryset: on PostgreSQL the
# month condition keeps the read to that month's partitions (ADR 4), where a bare id__in would
# scan every month's and wait behind any ingest swapping a leaf in another month.


def street_crimes(area: Area, month: date, category: str | None) -> list[dict[str, Any]]:
    located = crimes_of_month(month, category).filter(lat__isnull=False)
    return crime_rows(located.filter(id__in=ids_inside(located, area)))


def crimes_at(area: Area, month: date) -> list[dict[str, Any]]:
    """The crimes at one map point: location_id's, or the nearest to lat/lng within a mile."""
    located = Crime.objects.filter(month=month, lat__isnull=False)
    if area.point is not None:
        nearest = nearest_point(located, *area.point)
        if nearest is None:
            return []
        located = located.filter(lat=nearest[0], lng=nearest[1])
        return crime_rows(located)
    return crime_rows(located.filter(id__in=ids_inside(located, area)))


def crimes_without_location(force: str, month: date, category: str | None) -> list[dict[str, Any]]:
    crimes = crimes_of_month(month, category).filter(lat__isnull=True, source_file__force_slug=force)
    return crime_rows(crimes)


def crime_with_outcomes(persistent_id: str) -> dict[str, Any] | None:
    """outcomes-for-crime: the crime (its latest month) and its stored outcomes, oldest first; with
    none stored, the street file's last outcome, dated as `outcome_status` dates it."""
    crimes = with_outcome_month(Crime.objects.filter(crime_id=persistent_id)).order_by("-month", "-id")
    row = crimes.values(*shapes.CRIME_FIELDS, "outcome_month").first()
    if row is None:
        return None
    stored = Outcome.objects.filter(crime_id=persistent_id).order_by("month", "id")
    outcomes = [shapes.outcome(name, month) for name, month in stored.values_list("outcome_type", "month")]
    status = shapes.outcome_status(row)
    if not outcomes and status is not None:
        outcomes = [shapes.outcome(row["last_outcome_category"], row["outcome_month"] or row["month"])]
    return {"crime": shapes.crime(row, with_status=False), "outcomes": outcomes}


def outcomes_at(area: Area, month: date) -> list[dict[str, Any]]:
    """The outcomes of the month in the area, each with its crime. An outcome whose crime's street
    file is not stored is left out: police.uk's shape needs the crime's category and month."""
    located = Outcome.objects.filter(month=month, lat__isnull=False)
    rows = located.filter(id__in=ids_inside(located, area)).order_by("id")
    fields = ("crime_id", "outcome_type", "month", "lat", "lng", "location", "reported_by")
    outcomes: list[dict[str, Any]] = [dict(row) for row in rows.values(*fields)]
    crimes = _latest_crimes({o["crime_id"] for o in outcomes})
    return [
        {**shapes.outcome(o["outcome_type"], o["month"]), "crime": _outcome_crime(o, crimes[o["crime_id"]])}
        for o in outcomes
        if o["crime_id"] in crimes
    ]


def _latest_crimes(crime_ids: set[str]) -> dict[str, dict[str, Any]]:
    found: dict[str, dict[str, Any]] = {}
    rows = Crime.objects.filter(crime_id__in=crime_ids).order_by("month", "id")
    for row in rows.values("crime_id", "id", "category", "month", "context"):
        found[str(row["crime_id"])] = dict(row)  # the latest month wins
    return found


def _outcome_crime(outcome: dict[str, Any], crime: dict[str, Any]) -> dict[str, Any]:
    """The crime nested in an outcome, placed where the outcome is."""
    row = {**outcome, **{k: crime[k] for k in ("id", "category", "month", "context")}, "last_outcome_category": ""}
    return shapes.crime(row, with_status=False)


def stop_rows(stops: QuerySet) -> list[dict[str, Any]]:
    rows = list(stops.order_by("date", "id").values(*shapes.STOP_FIELDS, "month"))
    names = street_names({(r["lat"], r["lng"]) for r in rows if r["lat"] is not None}, {r["month"] for r in rows})
    return [shapes.stop(row, names) for row in rows]


def street_names(points: set[tuple[float, float]], months: set[date]) -> dict[tuple[float, float], str]:
    """The "On or near ..." name of each map point, from the crimes placed there in the same months:
    stop-and-search files give coordinates only."""
    if not points:
        return {}
    lats = {lat for lat, _ in points}
    crimes = Crime.objects.filter(month__in=months, lat__in=lats).exclude(location="")
    names: dict[tuple[float, float], str] = {}
    for lat, lng, name in crimes.values_list("lat", "lng", "location"):
        if lat is not None and lng is not None and (lat, lng) in points:
            names[(lat, lng)] = name
    return names


def stops_in(area: Area, month: date) -> list[dict[str, Any]]:
    located = StopSearch.objects.filter(month=month, lat__isnull=False)
    return stop_rows(located.filter(id__in=ids_inside(located, area)))


def stops_of_force(force: str, month: date, located: bool | None) -> list[dict[str, Any]]:
    """A force's searches of the month: all (stops-force), or only those without a location."""
    stops = StopSearch.objects.filter(month=month, source_file__force_slug=force)
    if located is False:
        stops = stops.filter(lat__isnull=True)
    return stop_rows(stops)
