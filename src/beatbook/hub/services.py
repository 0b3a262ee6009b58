"""From the database to arrays: the area, months and crimes an analysis covers.

Crimes are those located in the area's wards: a force's crimes outside its wards, or with
no location, are counted (``crimes_elsewhere``) but not analysed.
"""

from __future__ import annotations

import dataclasses
import hashlib
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from datetime import date

import numpy as np
from django.db.models import Count, Max, Q, QuerySet

from beatbook.analysis import spacing
from beatbook.crime.models import Crime, DataKind, SourceFile
from beatbook.geography.locate import locator_for_force
from beatbook.geography.models import Cluster, Force, Sector, Ward
from beatbook.geography.projection import to_bng
from beatbook.hub.artefacts import CoverageNote, LocationArtefact, place_type
from beatbook.hub.premises import Premises
from beatbook.hub.selection import DEFAULT_MONTHS, Area, CrimePoints, Selection, runs_text


class SelectionError(ValueError):
    """A selection that cannot be made; ``option`` names the command-line option at fault."""

    def __init__(self, message: str, option: str | None = None) -> None:
        super().__init__(message)
        self.option = option


def get_force(slug: str) -> Force:
    force = Force.objects.filter(slug=slug).first()
    if force is None:
        raise SelectionError(
            f"no geography is loaded for force {slug!r} (BEATBOOK_FORCE): "
            "run `beatbook geography load FORCE_CONFIG` first"
        )
    return force


def _match(candidates: Iterable, text: str, fields: Sequence[str]):
    """The first candidate with one of ``fields`` equal to ``text``, ignoring case and spaces around."""
    key = text.strip().casefold()
    return next((c for c in candidates if any(str(getattr(c, f)).casefold() == key for f in fields)), None)


def _unknown(kind: str, text: str, force: Force, choices: Iterable[str]) -> SelectionError:
    return SelectionError(
        f"no {kind} {text!r} in {force.name}; choose one of: {', '.join(sorted(choices))}", option=f"--{kind}"
    )


def _ward_area(force: Force, text: str) -> Area:
    wards = list(Ward.objects.of_force(force).select_related("cluster__sector"))
    ward = _match(wards, text, ("slug", "code", "name"))
    if ward is None:
        raise _unknown("ward", text, force, (w.name for w in wards))
    return Area("ward", f"{ward.name} ward", (ward.pk,), f"{ward.cluster}, {ward.cluster.sector}")


def _cluster_area(force: Force, text: str) -> Area:
    clusters = list(Cluster.objects.filter(sector__force=force).select_related("sector"))
    cluster = _match(clusters, text, ("code", "name"))
    if cluster is None:
        raise _unknown("cluster", text, force, (c.name for c in clusters))
    return Area("cluster", str(cluster), tuple(cluster.wards.values_list("pk", flat=True)), str(cluster.sector))


def _sector_area(force: Force, text: str) -> Area:
    sectors = list(Sector.objects.filter(force=force))
    sector = _match(sectors, text, ("code", "name"))
    if sector is None:
        raise _unknown("sector", text, force, (s.name for s in sectors))
    ward_ids = Ward.objects.filter(cluster__sector=sector).values_list("pk", flat=True)
    return Area("sector", str(sector), tuple(ward_ids))


def resolve_area(force: Force, ward: str | None = None, cluster: str | None = None, sector: str | None = None) -> Area:
    """The area named by at most one of ``ward``, ``cluster``, ``sector``; the whole force by default."""
    given = [(name, value) for name, value in (("ward", ward), ("cluster", cluster), ("sector", sector)) if value]
    if len(given) > 1:
        raise SelectionError("give at most one of --ward, --cluster and --sector")
    if not given:
        return Area("force", force.name, tuple(Ward.objects.of_force(force).values_list("pk", flat=True)))
    kind, text = given[0]
    return {"ward": _ward_area, "cluster": _cluster_area, "sector": _sector_area}[kind](force, text)


def published_months(force_slug: str, kind: str = DataKind.STREET) -> list[date]:
    """Months for which the force's data of ``kind`` (street-level crime by default) are stored."""
    files = SourceFile.objects.filter(force_slug=force_slug, kind=kind)
    return sorted(files.values_list("month", flat=True))


def _published_text(published: list[date]) -> str:
    return f"data are published for {runs_text(published)}"


def _default_first(published: list[date], last: date) -> date:
    """The first of the latest ``DEFAULT_MONTHS`` published months up to ``last``."""
    up_to = [m for m in published if m <= last]
    return up_to[-DEFAULT_MONTHS] if len(up_to) >= DEFAULT_MONTHS else (up_to[0] if up_to else last)


def _check_bounds(published: list[date], first: date | None, last: date | None) -> None:
    """Refuse a --from after the latest published month, or a --to before the first."""
    if first is not None and first > published[-1]:
        raise SelectionError(
            f"{first:%Y-%m} is after the latest published month, {published[-1]:%Y-%m} ({_published_text(published)})",
            option="--from",
        )
    if last is not None and last < published[0]:
        raise SelectionError(
            f"{last:%Y-%m} is before the first published month, {published[0]:%Y-%m} ({_published_text(published)})",
            option="--to",
        )


def _month_range(
    published: list[date], first: date | None, last: date | None, force: Force, kind: str = DataKind.STREET
) -> tuple[date, date]:
    """The months of a selection; by default the latest ``DEFAULT_MONTHS`` published months."""
    if not published:
        what = "street-level crime" if kind == DataKind.STREET else DataKind(kind).label.lower()
        raise SelectionError(f"no {what} data are stored for {force.name}: run `beatbook ingest` first")
    if first is not None and last is not None and first > last:
        raise SelectionError(f"{last:%Y-%m} is before --from {first:%Y-%m}", option="--to")
    _check_bounds(published, first, last)
    end = published[-1] if last is None else last
    start = _default_first(published, end) if first is None else first
    if not any(start <= m <= end for m in published):
        raise SelectionError(
            f"no data are published for {start:%Y-%m}..{end:%Y-%m} ({_published_text(published)})",
            option="--from" if first is not None else "--to",
        )
    return start, end


def select(
    force_slug: str,
    categories: Sequence[str] = (),
    first: date | None = None,
    last: date | None = None,
    *,
    ward: str | None = None,
    cluster: str | None = None,
    sector: str | None = None,
    kind: str = DataKind.STREET,
) -> Selection:
    """The selection an analysis covers.

    Months default to the latest ``DEFAULT_MONTHS`` published months of ``kind`` (street-level
    crime unless told; stop and search has months of its own), to ``last`` when given;
    ``first`` alone runs to the latest published month.
    """
    force = get_force(force_slug)
    area = resolve_area(force, ward, cluster, sector)
    published = published_months(force.slug, kind)
    first_month, last_month = _month_range(published, first, last, force, kind)
    in_range = tuple(m for m in published if first_month <= m <= last_month)
    return Selection(
        force.slug,
        force.name,
        area,
        tuple(categories),
        first_month,
        last_month,
        in_range,
        default_period=first is None and last is None,
        data_kind=str(kind),
    )


def _of_categories(queryset: QuerySet, selection: Selection) -> QuerySet:
    return queryset.filter(category__in=selection.categories) if selection.categories else queryset


def crimes(selection: Selection) -> QuerySet:
    """The selection's crimes: in the area's wards, in the months and categories."""
    queryset = Crime.objects.filter(ward_id__in=selection.area.ward_ids, month__range=(selection.first, selection.last))
    return _of_categories(queryset, selection)


def crime_points(selection: Selection) -> CrimePoints:
    """Coordinates (British National Grid), month, category and location text of the selection's crimes."""
    rows = crimes(selection).filter(easting__isnull=False, northing__isnull=False).order_by("pk")
    values = list(rows.values_list("easting", "northing", "month", "category", "location"))
    x, y, month, category, location = zip(*values) if values else ((),) * 5
    return CrimePoints(
        x=np.array(x, dtype=float),
        y=np.array(y, dtype=float),
        month=np.array(month, dtype="datetime64[D]"),
        category=np.array(category, dtype=str),
        location=np.array(location, dtype=str),
    )


def crimes_per_map_point(selection: Selection) -> dict[tuple[float, float], int]:
    """The selection's located crimes counted at each police.uk map point (easting, northing)."""
    rows = crimes(selection).filter(easting__isnull=False).values_list("easting", "northing").annotate(n=Count("pk"))
    return {(easting, northing): n for easting, northing, n in rows.order_by()}


def crimes_elsewhere(selection: Selection) -> dict[str, int]:
    """The force's crimes of the months and categories outside its wards, and without a location."""
    queryset = Crime.objects.filter(
        source_file__force_slug=selection.force_slug, ward__isnull=True, month__range=(selection.first, selection.last)
    )
    return _of_categories(queryset, selection).aggregate(
        outside=Count("pk", filter=Q(easting__isnull=False)), unlocated=Count("pk", filter=Q(easting__isnull=True))
    )


def map_point_spacing(selection: Selection) -> float:
    """Median distance between neighbouring police.uk map points of the force's crimes in the
    selection's months (any category, every ward): the floor of a hotspot grid's cells."""
    force_wards = Ward.objects.of_force(get_force(selection.force_slug)).values("pk")
    rows = (
        Crime.objects.filter(ward_id__in=force_wards, month__range=(selection.first, selection.last))
        .filter(easting__isnull=False)
        .values_list("easting", "northing")
        .distinct()
    )
    xy = np.array(list(rows), dtype=float).reshape(-1, 2)
    return spacing.map_point_spacing(xy[:, 0], xy[:, 1])


def places(selection: Selection, in_months: bool = False) -> tuple[np.ndarray, np.ndarray]:
    """Distinct police.uk map points (easting, northing) of the crimes stored in the area, any month
    (or, with ``in_months``, the selection's months) or category, and the location text most used at each."""
    stored = Crime.objects.filter(ward_id__in=selection.area.ward_ids, easting__isnull=False)
    if in_months:
        stored = stored.filter(month__range=(selection.first, selection.last))
    rows = stored.values_list("easting", "northing", "location").annotate(n=Count("pk")).order_by()
    best: dict[tuple[float, float], str] = {}
    for easting, northing, location, _ in sorted(rows, key=lambda r: (r[0], r[1], -r[3], r[2])):
        best.setdefault((easting, northing), location)
    return np.array(list(best), dtype=float).reshape(-1, 2), np.array(list(best.values()), dtype=str)


def with_history(selection: Selection) -> Selection:
    """The selection widened back to the force's first published month: the history that
    year-on-year comparisons and anomaly baselines need, whatever --from says."""
    published = published_months(selection.force_slug, selection.data_kind)
    first = min(published[0], selection.first)
    in_range = tuple(m for m in published if first <= m <= selection.last)
    return dataclasses.replace(selection, first=first, published=in_range)


def category_series(selection: Selection) -> dict[str, np.ndarray]:
    """Crimes per month of the selection (one value per month of the range), by category."""
    rows = crimes(selection).values_list("month", "category").annotate(n=Count("pk")).order_by()
    position = {month: i for i, month in enumerate(selection.months)}
    series: dict[str, np.ndarray] = {}
    for month, category, n in rows:
        series.setdefault(category, np.zeros(len(position), dtype=np.int64))[position[month]] = n
    return dict(sorted(series.items()))


def in_area(selection: Selection, lat: np.ndarray, lng: np.ndarray) -> np.ndarray:
    """Whether each WGS84 point lies in one of the area's wards."""
    ward_ids = locator_for_force(selection.force_slug).locate_many(lat, lng)
    return np.isin(ward_ids, selection.area.ward_ids)


def premises_in_area(selection: Selection, premises: Premises) -> tuple[Premises, np.ndarray, int]:
    """The premises in the area, their British National Grid coordinates, and how many were outside."""
    inside = in_area(selection, premises.lat, premises.lng)
    kept = premises.subset(inside)
    eastings, northings = to_bng(kept.lng, kept.lat)
    return kept, np.column_stack([eastings, northings]), int(np.sum(~inside))


def location_artefacts(selection: Selection) -> list[LocationArtefact]:
    """The selection's crimes at map points named after a type of place ("On or near
    Supermarket", "On or near Police Station"), most crimes first."""
    rows = (
        crimes(selection)
        .filter(easting__isnull=False)
        .values_list("location", "easting", "northing")
        .annotate(n=Count("pk"))
        .order_by()
    )
    crimes_at: Counter[str] = Counter()
    points_at: dict[str, set] = defaultdict(set)
    for location, easting, northing, n in rows:
        kind = place_type(location)
        if kind is not None:
            crimes_at[kind] += n
            points_at[kind].add((easting, northing))
    return [LocationArtefact(kind, n, len(points_at[kind])) for kind, n in crimes_at.most_common()]


def coverage_notes(selection: Selection) -> list[CoverageNote]:
    """Wards of the area in which no crime of the selection's months (any category) is
    placed: police.uk has no map point with crime inside them, so their zero is a data effect."""
    in_months = Crime.objects.filter(
        ward_id__in=selection.area.ward_ids, month__range=(selection.first, selection.last), easting__isnull=False
    )
    covered = set(in_months.values_list("ward_id", flat=True).distinct())
    empty = Ward.objects.filter(pk__in=set(selection.area.ward_ids) - covered).order_by("name")
    last = dict(
        Crime.objects.filter(ward__in=empty, easting__isnull=False)
        .values_list("ward_id")
        .annotate(last=Max("month"))
        .order_by()
    )
    return [CoverageNote(ward.name, last.get(ward.pk)) for ward in empty]


def data_version(selection: Selection) -> dict[str, object]:
    """Which stored police.uk files the selection's months come from: their number, the latest
    ingest, and a digest of their SHA-256s that changes when any file is replaced."""
    files = SourceFile.objects.filter(
        force_slug=selection.force_slug, kind=selection.data_kind, month__range=(selection.first, selection.last)
    ).order_by("month")
    rows = list(files.values_list("month", "sha256", "vintage", "ingested_at"))
    digest = hashlib.sha256("".join(sha for _, sha, _, _ in rows).encode()).hexdigest()
    latest = max((at for *_, at in rows), default=None)
    what = "street-level crime" if selection.data_kind == DataKind.STREET else "stop and search"
    return {
        "source": f"data.police.uk {what}",
        "files": len(rows),
        "latest_ingest": latest.isoformat(timespec="seconds") if latest else None,
        "replaced_months": [f"{m:%Y-%m}" for m, _, vintage, _ in rows if vintage > 1],
        "sha256_of_files": digest,
    }
