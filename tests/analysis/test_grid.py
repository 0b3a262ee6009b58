"""Grid construction against sfhotspot's published cell sizes and its hull rule."""

from __future__ import annotations

import json
import math

import numpy as np
import pytest
import shapely
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays
from pyproj import Transformer

from beatbook.analysis.grid import default_cell_size, make_grid

from .reference_data import load_json, memphis_lonlat


@pytest.fixture(scope="module")
def sfhotspot(reference_dir):
    return load_json(reference_dir / "sfhotspot" / "expected_sfhotspot.json")


@pytest.fixture(scope="module")
def memphis(reference_dir):
    return memphis_lonlat(reference_dir / "sfhotspot" / "memphis_robberies.csv")


def _case(expected, case_id):
    return next(c for c in expected["cases"] if c["id"] == case_id)


def test_cell_size_snapshot_first_ten_memphis_rows_in_tennessee_metres(sfhotspot, memphis):
    # sfhotspot tests/testthat/_snaps/set_cell_size.md: head(memphis_robberies, 10) in EPSG:2843
    case = _case(sfhotspot, "set_cell_size_snapshot")
    lon, lat = memphis
    x, y = Transformer.from_crs(4326, 2843, always_xy=True).transform(lon[:10], lat[:10])
    assert default_cell_size(x, y) == case["round_true"]
    assert default_cell_size(x, y, round_size=False) == pytest.approx(case["round_false"], rel=1e-12)


def test_cell_size_of_two_points_without_units(sfhotspot):
    expect = _case(sfhotspot, "set_cell_size_no_crs")["expect"]
    assert default_cell_size([1, 2], [1, 2], projected=False) == pytest.approx(expect, rel=1e-12)
    # metric data whose rounded size would be 0 keeps the unrounded size (sfhotspot #26)
    assert default_cell_size([1, 2], [1, 2], projected=True) == pytest.approx(expect, rel=1e-12)


def test_cell_size_of_memphis_in_degrees_matches_the_vignette(memphis):
    # docs/articles/introduction: "Cell size set to 0.00524 degrees automatically"
    assert default_cell_size(*memphis, projected=False) == pytest.approx(0.00524, rel=1e-9)


def test_cell_size_rounds_down_to_hundreds_for_metric_data():
    assert default_cell_size([0, 30_000], [0, 17_999]) == 300.0  # 17,999 / 50 = 359.98


def test_cell_size_refuses_points_on_a_line():
    with pytest.raises(ValueError, match="horizontal or vertical line"):
        default_cell_size([0, 1, 2], [5, 5, 5])


@pytest.fixture(scope="module")
def memphis_utm(memphis):
    return Transformer.from_crs(4326, 32616, always_xy=True).transform(*memphis)


def test_memphis_grid_counts_every_robbery_once(memphis_utm):
    x, y = memphis_utm
    grid = make_grid(x, y)
    assert grid.cell_size == 500.0  # shorter side 28.84 km / 50 = 577 m, rounded down to 500
    assert grid.counts.sum() == x.size
    assert (grid.locate(x, y) >= 0).all()


def test_kept_cells_are_those_within_half_a_cell_of_the_hull(memphis_utm):
    x, y = memphis_utm
    grid = make_grid(x, y)
    hull = shapely.convex_hull(shapely.multipoints(np.column_stack([x, y])))
    all_rows, all_cols = np.divmod(np.arange(grid.n_rows * grid.n_cols), grid.n_cols)
    x1, y1 = grid.x0 + all_cols * grid.cell_size, grid.y0 + all_rows * grid.cell_size
    distance = shapely.distance(shapely.box(x1, y1, x1 + grid.cell_size, y1 + grid.cell_size), hull)
    kept = grid.mask.ravel()
    half = grid.cell_size / 2
    # the buffer is a 30-segments-per-quadrant polygon inscribed in the true half-cell buffer
    assert (distance[kept] <= half + 1e-6).all()
    assert (distance[~kept] > half * math.cos(math.pi / 120) - 1e-6).all()


def test_lattice_starts_half_a_cell_beyond_the_points(memphis_utm):
    x, y = memphis_utm
    grid = make_grid(x, y)
    half = grid.cell_size / 2
    assert x.min() - half - 1e-6 <= grid.x0 <= x.min() - half * math.cos(math.pi / 60)
    assert y.min() - half - 1e-6 <= grid.y0 <= y.min() - half * math.cos(math.pi / 60)
    assert grid.x0 + grid.n_cols * grid.cell_size >= x.max() + half * math.cos(math.pi / 60)


def test_cells_are_listed_row_by_row_from_the_bottom_like_st_make_grid():
    grid = make_grid([0, 1000, 0, 1000], [0, 0, 1000, 1000], cell_size=250)
    keys = grid.rows * grid.n_cols + grid.cols
    assert (np.diff(keys) > 0).all()
    assert grid.n_rows == grid.n_cols == 5  # 1000 + 2 * 125 = 1250 = 5 cells


def test_geojson_has_closed_counter_clockwise_squares_and_properties():
    grid = make_grid([0, 1000, 0, 1000, 500], [0, 0, 1000, 1000, 500], cell_size=250)
    fc = grid.to_geojson(density=np.arange(grid.n_cells, dtype=float))
    json.dumps(fc)  # plain JSON types only
    assert fc["type"] == "FeatureCollection" and len(fc["features"]) == grid.n_cells
    feature = fc["features"][0]
    ring = np.array(feature["geometry"]["coordinates"][0])
    assert ring.shape == (5, 2) and (ring[0] == ring[-1]).all()
    signed_area = 0.5 * np.sum(ring[:-1, 0] * ring[1:, 1] - ring[1:, 0] * ring[:-1, 1])
    assert signed_area == pytest.approx(250 * 250)
    assert set(feature["properties"]) == {"row", "col", "count", "density"}
    assert sum(f["properties"]["count"] for f in fc["features"]) == 5
    assert json.loads(json.dumps(grid.to_dict()))["cell_size"] == 250


def test_geojson_rejects_values_of_the_wrong_length():
    grid = make_grid([0, 1000, 0], [0, 0, 1000], cell_size=250)
    with pytest.raises(ValueError, match="one value per cell"):
        grid.to_geojson(density=[1.0, 2.0])


def test_to_array_and_locate_outside():
    grid = make_grid([0, 1000, 0], [0, 0, 1000], cell_size=250)
    lattice = grid.to_array(grid.counts, fill=-1)
    assert lattice.shape == (grid.n_rows, grid.n_cols)
    assert (lattice[grid.mask] == grid.counts).all() and (lattice[~grid.mask] == -1).all()
    assert grid.locate([1e6], [1e6])[0] == -1


def test_weighted_count():
    grid = make_grid([0, 1000, 0], [0, 0, 1000], cell_size=250)
    weighted = grid.count([0, 0, 1000], [0, 0, 0], weights=[2.5, 1.0, 4.0])
    assert weighted.sum() == pytest.approx(7.5)
    assert weighted[grid.locate([0], [0])[0]] == pytest.approx(3.5)


coords = arrays(np.float64, st.integers(3, 60), elements=st.floats(0, 5_000, allow_nan=False))


@settings(max_examples=40, deadline=None)
@given(coords, coords, st.floats(20, 500))
def test_every_point_is_counted_in_a_kept_cell(xs, ys, size):
    n = min(xs.size, ys.size)
    x, y = xs[:n], ys[:n]
    if np.ptp(x) == 0 and np.ptp(y) == 0:
        x = np.append(x, x[0] + 1)
        y = np.append(y, y[0] + 1)
    grid = make_grid(x, y, cell_size=size)
    assert grid.counts.sum() == x.size
    assert (grid.locate(x, y) >= 0).all()
