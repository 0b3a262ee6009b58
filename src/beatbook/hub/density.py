"""A kernel density surface of the crimes, as contour bands (polygons), and its bands within an area.

The surface is ``analysis.kde`` (normalised quartic kernel) evaluated on a lattice of half
the map-point spacing, then cut into bands at multiples of the area's mean density
(1x, 2x, 4x and 8x: the darkest band is at least eight times the average) and clipped to
the area's wards. The kernel radius comes from the police.uk map points, not from the
normal-reference rule: that rule assumes one bell-shaped cluster and, over a whole force
or cluster, gives a radius of several hundred metres that merges every street into one
blob; twice the map-point spacing lets a cell draw on its nearest ring of map points and
keeps neighbouring streets apart.

No Django here.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

import contourpy
import numpy as np
import shapely
from shapely.geometry import MultiPolygon, Polygon, mapping

from beatbook.analysis.kde import default_bandwidth, kde
from beatbook.hub.export import from_bng
from beatbook.hub.selection import CrimePoints

#: Kernel radius, in map-point spacings.
KERNEL_SPACINGS = 2.0
#: Band edges, as multiples of the area's mean density.
MEAN_MULTIPLES = (1.0, 2.0, 4.0, 8.0)
SQUARE_METRES_PER_HECTARE = 10_000
SIMPLIFY_METRES = 1.0  # contour vertices closer than this add nothing at street scale


@dataclass(frozen=True)
class Band:
    """Where the density lies between two edges, over the whole surface (British National Grid)."""

    level: int  # 0 for the lowest band
    lower: float  # crimes per hectare over the period
    upper: float | None  # None for the top band
    multiples: tuple[float, float | None]  # of the mean density
    shape: shapely.Geometry

    def describe(self) -> str:
        low, high = self.multiples
        return f"{low:g}–{high:g}× the mean" if high is not None else f"{low:g}× the mean or more"


@dataclass(frozen=True)
class DensityBand:
    """A band within an area: its polygons (GeoJSON, WGS84), hectares and crimes inside."""

    band: Band
    geometry: dict[str, Any]
    hectares: float
    crimes: int  # the area's crimes at map points inside the band

    def describe(self) -> str:
        return self.band.describe()

    @property
    def lower(self) -> float:
        return self.band.lower

    @property
    def upper(self) -> float | None:
        return self.band.upper


@dataclass(frozen=True)
class DensitySurface:
    bandwidth: float  # kernel radius, metres
    spacing: float  # median distance between neighbouring map points
    reference_bandwidth: float  # what the normal-reference rule would give (NaN when undefined)
    cell_size: float  # lattice on which the surface was evaluated
    mean: float  # crimes per hectare, over the surface's area
    peak: float
    area_hectares: float
    n_crimes: int
    bands: tuple[Band, ...]

    @property
    def has_reference(self) -> bool:
        return math.isfinite(self.reference_bandwidth)

    def within(self, area: shapely.Geometry, points: CrimePoints) -> list[DensityBand]:
        """The bands clipped to ``area`` (British National Grid), with the crimes of ``points`` inside each."""
        kept = []
        for band in self.bands:
            shape = _polygonal(shapely.intersection(band.shape, area))
            if not shape.is_empty:
                inside = int(shapely.contains_xy(shape, points.x, points.y).sum()) if points.n else 0
                kept.append(DensityBand(band, _wgs84(shape), shape.area / SQUARE_METRES_PER_HECTARE, inside))
        return kept


def kernel_radius(spacing: float) -> float:
    """``KERNEL_SPACINGS`` map-point spacings, in whole metres."""
    return float(round(KERNEL_SPACINGS * spacing))


def density_surface(points: CrimePoints, spacing: float, area: shapely.Geometry) -> DensitySurface:
    """Kernel density of ``points`` over ``area`` (British National Grid), in contour bands."""
    if points.n == 0:
        raise ValueError("no located crime to draw a density surface from")
    if not math.isfinite(spacing) or spacing <= 0:
        raise ValueError("too few police.uk map points to choose a kernel radius")
    h, cell = kernel_radius(spacing), max(5.0, float(round(spacing / 2)))
    xs, ys = _axis(area.bounds[0], area.bounds[2], cell), _axis(area.bounds[1], area.bounds[3], cell)
    cx, cy = np.meshgrid(xs, ys)
    values = kde(points.x, points.y, (cx.ravel(), cy.ravel()), bandwidth=h).values.reshape(cx.shape)
    values = values * SQUARE_METRES_PER_HECTARE
    inside = shapely.contains_xy(area, cx, cy)
    mean = float(values[inside].mean()) if inside.any() else float(values.mean())
    return DensitySurface(
        bandwidth=h,
        spacing=spacing,
        reference_bandwidth=_reference(points),
        cell_size=cell,
        mean=mean,
        peak=float(values.max()),
        area_hectares=area.area / SQUARE_METRES_PER_HECTARE,
        n_crimes=points.n,
        bands=tuple(_bands(xs, ys, values, mean, area)),
    )


def _axis(low: float, high: float, cell: float) -> np.ndarray:
    return np.arange(low - cell, high + 2 * cell, cell)


def _reference(points: CrimePoints) -> float:
    try:
        return default_bandwidth(points.x, points.y)
    except ValueError:
        return math.nan


def _bands(xs, ys, values, mean, area) -> list[Band]:
    generator = contourpy.contour_generator(xs, ys, values, fill_type=contourpy.FillType.OuterOffset)
    edges = [mean * m for m in MEAN_MULTIPLES]
    top = float(values.max())
    bands = []
    for k, lower in enumerate(edges):
        upper = edges[k + 1] if k + 1 < len(edges) else None
        if lower >= top:
            break
        shape = _filled(generator, lower, upper if upper is not None else top * 2)
        shape = _polygonal(shapely.simplify(shapely.intersection(shape, area), SIMPLIFY_METRES))
        if not shape.is_empty:
            high = MEAN_MULTIPLES[k + 1] if upper is not None else None
            bands.append(Band(k, lower, upper, (MEAN_MULTIPLES[k], high), shape))
    return bands


def _filled(generator: contourpy.ContourGenerator, lower: float, upper: float) -> shapely.Geometry:
    """The region where ``lower <= density < upper``: outer rings with their holes."""
    polygons = []
    for xy, offsets in zip(*generator.filled(lower, upper)):
        rings = [xy[a:b] for a, b in zip(offsets[:-1], offsets[1:])]
        polygons.append(Polygon(rings[0], rings[1:]))
    return shapely.make_valid(MultiPolygon(polygons)) if polygons else Polygon()


def _polygonal(shape: shapely.Geometry) -> shapely.Geometry:
    """The polygons of a clipped shape, without the lines and points where it only touches the edge."""
    parts = [p for p in shapely.get_parts(shape) if isinstance(p, (Polygon, MultiPolygon)) and not p.is_empty]
    return shapely.union_all(parts) if parts else Polygon()


def _wgs84(shape: shapely.Geometry) -> dict[str, Any]:
    def project(xy: np.ndarray) -> np.ndarray:
        return np.column_stack(from_bng(xy[:, 0], xy[:, 1]))

    return mapping(shapely.transform(shape, project))
