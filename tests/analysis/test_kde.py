"""Quartic KDE against sfhotspot's published vignette numbers and open_cp's kernel cases."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pyproj import Transformer

from beatbook.analysis import kde as kde_module
from beatbook.analysis.grid import make_grid
from beatbook.analysis.kde import (
    bandwidth_nrd,
    default_bandwidth,
    kde,
    prospective_weight,
    quartic_kernel,
    quartic_weight,
)

from .reference_data import load_json, memphis_lonlat

# sfhotspot docs/articles/introduction (v1.0.0): hotspot_kde(memphis_robberies) transforms to
# EPSG:32616, reports "Bandwidth = 5,588 metres" and prints the first ten cells, whose lower-left
# corners are (-90.08418 + k * 0.00524, 34.99475) in degrees, with kde 15.7, 16.9, ...
VIGNETTE_KDE = [15.7, 16.9, 18.4, 20.1, 22.5, 26.3, 31.2, 36.6, 42.1, 47.1]
VIGNETTE_CELL = 0.00524


@pytest.fixture(scope="module")
def to_utm():
    return Transformer.from_crs(4326, 32616, always_xy=True)


@pytest.fixture(scope="module")
def memphis_utm(reference_dir, to_utm):
    return to_utm.transform(*memphis_lonlat(reference_dir / "sfhotspot" / "memphis_robberies.csv"))


def test_sfhotspot_bandwidth_of_memphis_robberies(memphis_utm):
    assert round(default_bandwidth(*memphis_utm, rule="sfhotspot")) == 5588


def test_sfhotspot_bandwidth_uses_only_the_x_coordinate(memphis_utm):
    x, y = memphis_utm
    assert default_bandwidth(x, y, rule="sfhotspot") == bandwidth_nrd(x)
    assert default_bandwidth(x, y) == pytest.approx((bandwidth_nrd(x) + bandwidth_nrd(y)) / 2, rel=1e-15)


def test_sfhotspot_kde_of_the_first_vignette_cells(memphis_utm, to_utm):
    centre_lon = -90.08418 + VIGNETTE_CELL * np.arange(10) + VIGNETTE_CELL / 2
    centre_lat = np.full(10, 34.99475 + VIGNETTE_CELL / 2)
    result = kde(*memphis_utm, to_utm.transform(centre_lon, centre_lat), rule="sfhotspot")
    assert not result.normalised
    # the vignette prints three significant figures
    np.testing.assert_allclose(result.values, VIGNETTE_KDE, atol=0.05, rtol=0)


def test_bandwidth_nrd_matches_the_mass_formula_by_hand():
    # 1..10: sd = 3.0277, IQR / 1.34 = 4.5 / 1.34 = 3.358, so 4 * 1.06 * sd * 10^(-1/5)
    expected = 4 * 1.06 * np.std(np.arange(1, 11), ddof=1) * 10 ** (-0.2)
    assert bandwidth_nrd(np.arange(1, 11)) == pytest.approx(expected, rel=1e-12)
    assert expected == pytest.approx(8.0997, abs=1e-4)


@pytest.fixture(scope="module")
def open_cp(reference_dir):
    return load_json(reference_dir / "open_cp" / "expected_open_cp.json")


def test_open_cp_retrospective_quartic_weights(open_cp):
    for case in open_cp["retro_quartic_weight"]["cases"]:
        assert quartic_weight(case["dx"], case["dy"]) == pytest.approx(case["w"], rel=1e-15, abs=1e-15)


def test_open_cp_prospective_classic_weights(open_cp):
    for case in open_cp["prospective_classic_weight"]["cases"]:
        kwargs = {"time_bandwidth": case["time_bw"]} if "time_bw" in case else {}
        assert prospective_weight(case["dt"], case["dd"], **kwargs) == pytest.approx(case["w"], rel=1e-15)


def _brute_force(px, py, cx, cy, h, w):
    d = np.hypot(cx[:, None] - px[None, :], cy[:, None] - py[None, :])
    return (np.where(d <= h, (1 - (d / h) ** 2) ** 2, 0.0) * w).sum(axis=1)


def test_kde_equals_a_dense_sum_over_all_points():
    rng = np.random.default_rng(7)
    px, py = rng.normal(0, 300, 400), rng.normal(0, 200, 400)
    w = rng.uniform(0.5, 3, 400)
    grid = make_grid(px, py, cell_size=50)
    cx, cy = grid.centres
    result = kde(px, py, grid, bandwidth=180.0, weights=w, rule="sfhotspot")
    np.testing.assert_allclose(result.values, _brute_force(px, py, cx, cy, 180.0, w), rtol=1e-12, atol=1e-12)


def test_chunked_sums_equal_the_dense_sum(monkeypatch):
    monkeypatch.setattr(kde_module, "PAIRS_PER_CHUNK", 37)  # many small chunks, some of one cell
    rng = np.random.default_rng(8)
    px, py = rng.normal(0, 100, 300), rng.normal(0, 100, 300)
    cx, cy = rng.uniform(-400, 400, 500), rng.uniform(-400, 400, 500)  # some cells reach no point
    result = kde(px, py, (cx, cy), bandwidth=90.0, rule="sfhotspot")
    np.testing.assert_allclose(result.values, _brute_force(px, py, cx, cy, 90.0, 1.0), rtol=1e-12, atol=1e-12)
    assert (result.values == 0).any()


def test_normalised_kernel_integrates_to_one():
    step = 2.0
    g = np.arange(-150, 150, step) + step / 2
    cx, cy = np.meshgrid(g, g)
    result = kde([0.0], [0.0], (cx.ravel(), cy.ravel()), bandwidth=100.0)
    assert result.normalised
    assert result.values.sum() * step * step == pytest.approx(1.0, rel=1e-3)


def test_coincident_points_are_merged_with_their_weights():
    cx, cy = np.array([0.0, 30.0, 90.0]), np.array([0.0, 10.0, -20.0])
    doubled = kde([5, 5, 40], [5, 5, 0], (cx, cy), bandwidth=100.0, rule="sfhotspot")
    weighted = kde([5, 40], [5, 0], (cx, cy), bandwidth=100.0, weights=[2, 1], rule="sfhotspot")
    np.testing.assert_allclose(doubled.values, weighted.values, rtol=1e-14)


def test_kernel_is_zero_at_and_beyond_the_bandwidth():
    np.testing.assert_array_equal(quartic_kernel([0, 100, 150], 100), [1.0, 0.0, 0.0])


def test_bad_arguments_are_refused():
    with pytest.raises(ValueError, match="rule must be one of"):
        kde([0, 1], [0, 1], ([0.0], [0.0]), rule="silverman")
    with pytest.raises(ValueError, match="bandwidth must be greater than zero"):
        kde([0, 1], [0, 1], ([0.0], [0.0]), bandwidth=0)
    with pytest.raises(ValueError, match="one value per point"):
        kde([0, 1], [0, 1], ([0.0], [0.0]), bandwidth=1, weights=[1])


@settings(max_examples=30, deadline=None)
@given(st.floats(0.1, 10), st.floats(-1e4, 1e4), st.floats(-1e4, 1e4), st.integers(0, 2**32 - 1))
def test_kde_scales_with_weights_and_ignores_translation(scale, dx, dy, seed):
    rng = np.random.default_rng(seed)
    px, py = rng.uniform(0, 500, 30), rng.uniform(0, 500, 30)
    cx, cy = rng.uniform(0, 500, 20), rng.uniform(0, 500, 20)
    base = kde(px, py, (cx, cy), bandwidth=120.0)
    scaled = kde(px, py, (cx, cy), bandwidth=120.0, weights=np.full(30, scale))
    moved = kde(px + dx, py + dy, (cx + dx, cy + dy), bandwidth=120.0)
    np.testing.assert_allclose(scaled.values, scale * base.values, rtol=1e-10, atol=1e-18)
    np.testing.assert_allclose(moved.values, base.values, rtol=1e-6, atol=1e-12)
