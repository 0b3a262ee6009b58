"""The hotspot map of an area: Gi* cells at the map-point spacing, their classes over time
slices, a kernel density surface, and the police.uk map points, cached by data version.

The statistics are those of the whole force (the same categories and months), seen in the
area: Gi* compares a cell with the force's mean, and the density bands are multiples of the
force's mean density. A cell is then hot in a ward's map exactly when it is hot in the
force's, and a ward whose few map points are all busy still shows them as hotspots (within
the ward alone, Gi* would rank the empty cells between them highest). Hotspots are listed as
places an officer can find: cells holding a map point of the area, named by its streets.
"""

from __future__ import annotations

import dataclasses
from collections import Counter
from dataclasses import dataclass, field

import numpy as np
import shapely

from beatbook.analysis.getis_ord import COLD, HOT, NO_PATTERN
from beatbook.geography.models import Ward
from beatbook.geography.projection import geometry_to_bng
from beatbook.hub import analyses, services
from beatbook.hub.analyses import HotspotCells, street_name
from beatbook.hub.artefacts import CoverageNote, LocationArtefact
from beatbook.hub.cache import cached
from beatbook.hub.density import DensityBand, DensitySurface, density_surface
from beatbook.hub.hotspot_time import ClassesOverTime, classes_over_time, time_slices
from beatbook.hub.presenters import ward_counts
from beatbook.hub.selection import CrimePoints, Selection


@dataclass(frozen=True)
class HotspotOptions:
    cell_size: float | None  # None: automatic
    alpha: float
    fdr: bool
    slice_months: int

    def key(self) -> dict[str, object]:
        return {"cell_size": self.cell_size, "alpha": self.alpha, "fdr": self.fdr, "slice": self.slice_months}


@dataclass(frozen=True)
class ForceHotspots:
    """Gi*, classes over time and density of the force's crimes (the selection's categories and months)."""

    spacing: float
    n_crimes: int
    cells: HotspotCells | None
    cells_note: str
    over_time: ClassesOverTime | None
    over_time_note: str
    surface: DensitySurface | None
    surface_note: str


@dataclass(frozen=True)
class MapPoints:
    """The distinct police.uk map points of the area's crimes, busiest first."""

    xy: np.ndarray
    names: np.ndarray  # the street of each point's most used location text
    counts: np.ndarray


@dataclass(frozen=True)
class HotspotMap:
    selection: Selection
    options: HotspotOptions
    force: ForceHotspots
    in_area: np.ndarray  # per force cell: centre in the area, or holding one of its crimes
    n_crimes: int  # located crimes of the area
    bands: list[DensityBand]
    area_hectares: float
    points: MapPoints
    ward_counts: dict[int, int]
    artefacts: list[LocationArtefact] = field(default_factory=list)
    coverage: list[CoverageNote] = field(default_factory=list)

    @property
    def spacing(self) -> float:
        return self.force.spacing

    @property
    def cells(self) -> HotspotCells | None:
        return self.force.cells

    @property
    def over_time(self) -> ClassesOverTime | None:
        return self.force.over_time

    @property
    def surface(self) -> DensitySurface | None:
        return self.force.surface

    @property
    def cells_note(self) -> str:
        return self.force.cells_note

    @property
    def over_time_note(self) -> str:
        return self.force.over_time_note

    @property
    def surface_note(self) -> str:
        return self.force.surface_note

    def class_over_time(self, i: int) -> str:
        return str(self.over_time.category[i]) if self.over_time is not None else ""

    def classed(self) -> np.ndarray:
        """Cells of the area that are hot or cold in the period, or have a class over time."""
        if self.cells is None:
            return np.zeros(0, dtype=bool)
        classed = self.cells.classes != 0
        if self.over_time is not None:
            classed = classed | (self.over_time.category != NO_PATTERN)
        return classed & self.in_area

    def places(self) -> list[int]:
        """Classed cells that are places (hold a map point): the list beside the map, highest Gi* z first."""
        if self.cells is None:
            return []
        classed = self.classed()
        return [int(i) for i in self.cells.listed() if classed[i]]


def map_points(points: CrimePoints) -> MapPoints:
    if points.n == 0:
        return MapPoints(np.empty((0, 2)), np.array([], dtype=str), np.array([], dtype=np.int64))
    xy, inverse, counts = np.unique(points.xy, axis=0, return_inverse=True, return_counts=True)
    names: list[Counter] = [Counter() for _ in range(len(xy))]
    for k, location in zip(inverse.ravel().tolist(), points.location.tolist()):
        names[k][street_name(location)] += 1
    order = np.lexsort((xy[:, 1], xy[:, 0], -counts))
    streets = np.array([names[k].most_common(1)[0][0] for k in order], dtype=str)
    return MapPoints(xy[order], streets, counts[order])


def area_geometry(ward_ids: tuple[int, ...]) -> shapely.Geometry:
    """The union of the wards, British National Grid."""
    return shapely.union_all([geometry_to_bng(w.geometry) for w in Ward.objects.filter(pk__in=ward_ids)])


def force_of(selection: Selection) -> Selection:
    """The same categories and months over the whole force."""
    area = services.resolve_area(services.get_force(selection.force_slug))
    return dataclasses.replace(selection, area=area)


def _cells(points: CrimePoints, options: HotspotOptions, spacing: float) -> tuple[HotspotCells | None, str]:
    try:
        return analyses.hotspot_cells(points, options.cell_size, options.alpha, options.fdr, spacing), ""
    except analyses.AnalysisError as exc:
        return None, f"No hotspot grid: {exc}."


def _over_time(
    selection: Selection, points: CrimePoints, cells: HotspotCells | None, options: HotspotOptions
) -> tuple[ClassesOverTime | None, str]:
    if cells is None:
        return None, ""
    slices, left_out = time_slices(selection.months, selection.published_mask.tolist(), options.slice_months)
    if len(slices) < 2:
        return None, (
            f"No classes over time: {len(selection.months)} month(s) make {len(slices)} slice(s) of "
            f"{options.slice_months} month(s); choose a longer period or shorter slices (at least two are needed)."
        )
    return classes_over_time(points, cells.grid, slices, left_out, options.alpha, options.fdr), ""


def _surface(force: Selection, points: CrimePoints, spacing: float) -> tuple[DensitySurface | None, str]:
    try:
        return density_surface(points, spacing, area_geometry(force.area.ward_ids)), ""
    except ValueError as exc:
        return None, f"No density surface: {exc}."


def _force_hotspots(force: Selection, options: HotspotOptions, spacing: float) -> ForceHotspots:
    points = services.crime_points(force)
    cells, cells_note = _cells(points, options, spacing)
    over_time, over_time_note = _over_time(force, points, cells, options)
    surface, surface_note = _surface(force, points, spacing)
    return ForceHotspots(spacing, points.n, cells, cells_note, over_time, over_time_note, surface, surface_note)


def force_hotspots(selection: Selection, options: HotspotOptions, spacing: float) -> ForceHotspots:
    """The force-wide statistics behind every area's map, cached by data version."""
    force = force_of(selection)
    return cached("hotspot-force", force, options.key(), lambda: _force_hotspots(force, options, spacing))


def _in_area(cells: HotspotCells | None, area: shapely.Geometry, points: CrimePoints) -> np.ndarray:
    if cells is None:
        return np.zeros(0, dtype=bool)
    x, y = cells.grid.centres
    inside = shapely.contains_xy(area, x, y)
    holding = cells.grid.locate(points.x, points.y)
    inside[holding[holding >= 0]] = True
    return inside


def _compute(selection: Selection, options: HotspotOptions, spacing: float) -> HotspotMap:
    force = force_hotspots(selection, options, spacing)
    points = services.crime_points(selection)
    area = area_geometry(selection.area.ward_ids)
    return HotspotMap(
        selection=selection,
        options=options,
        force=force,
        in_area=_in_area(force.cells, area, points),
        n_crimes=points.n,
        bands=force.surface.within(area, points) if force.surface is not None else [],
        area_hectares=area.area / 10_000,
        points=map_points(points),
        ward_counts=ward_counts(selection),
        artefacts=services.location_artefacts(selection),
        coverage=services.coverage_notes(selection),
    )


def hotspot_map(selection: Selection, options: HotspotOptions, spacing: float) -> HotspotMap:
    """The hotspot map of the selection with these options, cached by data version."""
    return cached("hotspot-map", selection, options.key(), lambda: _compute(selection, options, spacing))


def class_name(value: int) -> str:
    return {HOT: "hot spot", COLD: "cold spot"}.get(value, "neither")
