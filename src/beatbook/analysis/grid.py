"""Regular square grids over a point pattern, with counts of points per cell.

The rules follow sfhotspot 1.0.0 (Ashby, github.com/mpjashby/sfhotspot, ``set_cell_size``
and ``create_grid``): 50 cells on the shorter side of the points' bounding box (rounded
down to a multiple of 100 for metric data), over the convex hull of the points buffered by
half a cell. Coordinates must be projected (metres or feet); lon/lat data should be
projected first (sfhotspot transforms it to the local UTM zone).
"""

from __future__ import annotations

import dataclasses
import math
from dataclasses import dataclass
from typing import Any

import numpy as np
import numpy.typing as npt
import shapely

from beatbook.analysis.results import Result

CELLS_ON_SHORT_SIDE = 50
ROUNDING_UNIT = 100.0
BUFFER_QUAD_SEGS = 30  # sf::st_buffer's default nQuadSegs, so hulls match sfhotspot's


@dataclass(frozen=True)
class Grid(Result):
    """Square cells kept over a point pattern, with a count of points per cell.

    Cells are numbered like ``sf::st_make_grid``: row 0 is the bottom row, columns run
    west to east, and the kept cells are listed row by row (``cols`` varies fastest).

    Attributes
    ----------
    x0, y0 : float
        Lower-left corner of the full lattice (cell row 0, column 0).
    cell_size : float
        Side of each square cell, in the units of the coordinates.
    n_rows, n_cols : int
        Shape of the full lattice covering the buffered hull's bounding box.
    rows, cols : ndarray of int
        Lattice position of each kept cell.
    counts : ndarray of int
        Number of points in each kept cell.
    """

    x0: float
    y0: float
    cell_size: float
    n_rows: int
    n_cols: int
    rows: np.ndarray
    cols: np.ndarray
    counts: np.ndarray

    @property
    def n_cells(self) -> int:
        """Number of kept cells."""
        return int(self.rows.size)

    @property
    def centres(self) -> tuple[np.ndarray, np.ndarray]:
        """Cell centres ``(x, y)`` of the kept cells."""
        half = self.cell_size / 2
        return self.x0 + self.cols * self.cell_size + half, self.y0 + self.rows * self.cell_size + half

    @property
    def mask(self) -> np.ndarray:
        """Boolean ``(n_rows, n_cols)`` lattice, True where a cell is kept."""
        out = np.zeros((self.n_rows, self.n_cols), dtype=bool)
        out[self.rows, self.cols] = True
        return out

    def bounds(self) -> np.ndarray:
        """``(n_cells, 4)`` array of ``xmin, ymin, xmax, ymax`` per kept cell."""
        xmin = self.x0 + self.cols * self.cell_size
        ymin = self.y0 + self.rows * self.cell_size
        return np.column_stack([xmin, ymin, xmin + self.cell_size, ymin + self.cell_size])

    def polygons(self) -> list[list[list[list[float]]]]:
        """GeoJSON ``Polygon`` coordinates per cell (closed, counter-clockwise rings)."""
        return [[[[x1, y1], [x2, y1], [x2, y2], [x1, y2], [x1, y1]]] for x1, y1, x2, y2 in self.bounds().tolist()]

    def to_geojson(self, **values: npt.ArrayLike) -> dict[str, Any]:
        """A GeoJSON FeatureCollection of the cells with ``row``, ``col``, ``count`` and ``values``.

        Coordinates stay in the grid's own CRS: reproject before writing RFC 7946 files
        that must be WGS 84.
        """
        columns = {"row": self.rows, "col": self.cols, "count": self.counts}
        columns.update({name: np.asarray(v) for name, v in values.items()})
        for name, column in columns.items():
            if column.shape != (self.n_cells,):
                raise ValueError(f"values {name!r} must have one value per cell ({self.n_cells})")
        props = [dict(zip(columns, vals)) for vals in zip(*(c.tolist() for c in columns.values()))]
        features = [
            {"type": "Feature", "geometry": {"type": "Polygon", "coordinates": ring}, "properties": p}
            for ring, p in zip(self.polygons(), props)
        ]
        return {"type": "FeatureCollection", "features": features}

    def locate(self, x: npt.ArrayLike, y: npt.ArrayLike) -> np.ndarray:
        """Index of the kept cell holding each point, or -1 when none does.

        Cells are half-open ``[xmin, xmax) x [ymin, ymax)``, so a point on a shared edge
        belongs to exactly one cell (sfhotspot's polygon intersection would count it twice).
        """
        col = np.floor((np.asarray(x, float) - self.x0) / self.cell_size).astype(np.int64)
        row = np.floor((np.asarray(y, float) - self.y0) / self.cell_size).astype(np.int64)
        inside = (row >= 0) & (row < self.n_rows) & (col >= 0) & (col < self.n_cols)
        lookup = np.full(self.n_rows * self.n_cols, -1, dtype=np.int64)
        lookup[self.rows * self.n_cols + self.cols] = np.arange(self.n_cells)
        return np.where(inside, lookup[np.where(inside, row * self.n_cols + col, 0)], -1)

    def count(self, x: npt.ArrayLike, y: npt.ArrayLike, weights: npt.ArrayLike | None = None) -> np.ndarray:
        """Number (or summed ``weights``) of the points falling in each kept cell."""
        cell = self.locate(x, y)
        w = None if weights is None else np.asarray(weights, float)[cell >= 0]
        counts = np.bincount(cell[cell >= 0], weights=w, minlength=self.n_cells)
        return counts if weights is not None else counts.astype(np.int64)

    def to_array(self, values: npt.ArrayLike, fill: float = np.nan) -> np.ndarray:
        """Spread per-cell ``values`` onto the ``(n_rows, n_cols)`` lattice, ``fill`` elsewhere."""
        values = np.asarray(values)
        out = np.full((self.n_rows, self.n_cols), fill, dtype=np.result_type(values, type(fill)))
        out[self.rows, self.cols] = values
        return out


def default_cell_size(x: npt.ArrayLike, y: npt.ArrayLike, *, projected: bool = True, round_size: bool = True) -> float:
    """sfhotspot's automatic cell size.

    One fiftieth of the shorter side of the points' bounding box; for projected data in
    metres or feet it is rounded *down* to a multiple of 100, unless that would give zero
    (sfhotspot ``set_cell_size``, issue #26).

    Parameters
    ----------
    x, y : array_like
        Point coordinates.
    projected : bool
        True when the units are metres or feet (the rounding applies only then).
    round_size : bool
        sfhotspot's ``round`` argument.

    Returns
    -------
    float
        The cell size, in the units of ``x`` and ``y``.
    """
    x, y = _as_points(x, y)
    side = min(float(np.ptp(x)), float(np.ptp(y)))
    if side <= 0:
        raise ValueError("cannot choose a cell size: the points lie on a horizontal or vertical line")
    hundreds = math.floor(side / CELLS_ON_SHORT_SIDE / ROUNDING_UNIT)
    if projected and round_size and hundreds > 0:
        return hundreds * ROUNDING_UNIT
    return side / CELLS_ON_SHORT_SIDE


def make_grid(
    x: npt.ArrayLike,
    y: npt.ArrayLike,
    cell_size: float | None = None,
    *,
    projected: bool = True,
    round_size: bool = True,
    quad_segs: int = BUFFER_QUAD_SEGS,
) -> Grid:
    """Square grid over a point pattern, as sfhotspot's ``create_grid`` builds it.

    The lattice starts at the lower-left corner of the bounding box of the points' convex
    hull buffered by ``cell_size / 2`` (``sf::st_make_grid`` over that hull) and keeps the
    cells that intersect the buffered hull (touching counts, as in ``sf::st_intersects``).

    Parameters
    ----------
    x, y : array_like
        Projected point coordinates (metres or feet).
    cell_size : float, optional
        Side of the cells; by default :func:`default_cell_size`.
    projected, round_size : bool
        Passed to :func:`default_cell_size` when ``cell_size`` is None.
    quad_segs : int
        Segments per quarter circle of the buffer (sf's default is 30).

    Returns
    -------
    Grid
        The kept cells with their point counts.

    References
    ----------
    M. P. J. Ashby, sfhotspot 1.0.0 (2025), R/set_cell_size.R and R/create_grid.R.
    """
    x, y = _as_points(x, y)
    size = (
        float(cell_size)
        if cell_size is not None
        else default_cell_size(x, y, projected=projected, round_size=round_size)
    )
    if not size > 0:
        raise ValueError(f"cell_size must be greater than zero, got {size}")
    hull = shapely.buffer(
        shapely.convex_hull(shapely.multipoints(np.column_stack([x, y]))), size / 2, quad_segs=quad_segs
    )
    xmin, ymin, xmax, ymax = hull.bounds
    n_cols, n_rows = _n_cells(xmax - xmin, size), _n_cells(ymax - ymin, size)
    rows, cols = _cells_touching(hull, xmin, ymin, size, n_rows, n_cols)
    empty = Grid(xmin, ymin, size, n_rows, n_cols, rows, cols, np.zeros(rows.size, dtype=np.int64))
    return dataclasses.replace(empty, counts=empty.count(x, y))


def _as_points(x: npt.ArrayLike, y: npt.ArrayLike) -> tuple[np.ndarray, np.ndarray]:
    x, y = np.asarray(x, dtype=float).ravel(), np.asarray(y, dtype=float).ravel()
    if x.shape != y.shape:
        raise ValueError(f"x and y must have the same length, got {x.size} and {y.size}")
    if x.size == 0:
        raise ValueError("no points given")
    if not (np.isfinite(x).all() and np.isfinite(y).all()):
        raise ValueError("coordinates must be finite (drop rows without a location first)")
    return x, y


def _n_cells(extent: float, size: float) -> int:
    # st_make_grid uses ceiling(extent / cellsize); round first so that an extent that is an
    # exact multiple of the cell size does not gain a cell from floating-point noise.
    return max(1, math.ceil(round(extent / size, 8)))


def _cells_touching(
    hull: shapely.Geometry, xmin: float, ymin: float, size: float, n_rows: int, n_cols: int
) -> tuple[np.ndarray, np.ndarray]:
    rows, cols = np.divmod(np.arange(n_rows * n_cols), n_cols)
    x1, y1 = xmin + cols * size, ymin + rows * size
    shapely.prepare(hull)  # prepared geometry makes the many-box predicate fast
    keep = shapely.intersects(hull, shapely.box(x1, y1, x1 + size, y1 + size))
    return rows[keep], cols[keep]
