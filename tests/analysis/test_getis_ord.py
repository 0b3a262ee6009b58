"""Getis-Ord G/G* against esda's published values, grid hotspots and sfhotspot's classification."""

from __future__ import annotations

import numpy as np
import pytest
import scipy.sparse as sp
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays
from scipy.spatial import cKDTree
from scipy.stats import norm

from beatbook.analysis.getis_ord import classify_hotspots, hotspots, local_g, queen_weights

from .reference_data import load_json


@pytest.fixture(scope="module")
def esda(reference_dir):
    return load_json(reference_dir / "esda" / "expected_getisord.json")


def _distance_band(points, threshold):
    # libpysal DistanceBand(points, threshold) with binary weights: neighbours within threshold, inclusive
    p = np.asarray(points, dtype=float)
    d = np.hypot(*(p[:, None, :] - p[None, :, :]).transpose(2, 0, 1))
    return sp.csr_array(((d <= threshold) & (d > 0)).astype(float))


@pytest.fixture(scope="module")
def esda_case(esda):
    return np.array(esda["inputs"]["y"], dtype=float), _distance_band(esda["inputs"]["points"], 15)


def test_gi_star_binary_matches_esda(esda, esda_case):
    y, w = esda_case
    result = local_g(y, w, star=True, transform="B")
    np.testing.assert_allclose(result.z, esda["G_Local"]["star_binary_Zs"], rtol=1e-7)
    np.testing.assert_allclose(result.p_one_sided, esda["G_Local"]["star_binary_p_norm_one_sided"], atol=5e-7)
    np.testing.assert_allclose(result.p_two_sided, 2 * result.p_one_sided, rtol=1e-15)


def test_gi_binary_without_self_matches_esda(esda, esda_case):
    y, w = esda_case
    result = local_g(y, w, star=False, transform="B")
    np.testing.assert_allclose(result.z, esda["G_Local"]["nostar_binary_Zs"], rtol=1e-7)


def _ord_getis_loop(x, w_dense):
    """Textbook Gi* (Ord & Getis 1995) one cell at a time, for any weights with a diagonal."""
    n, mean, s = x.size, x.mean(), x.std()
    z = []
    for i in range(n):
        wi = w_dense[i]
        num = wi @ x - mean * wi.sum()
        den = s * np.sqrt((n * (wi**2).sum() - wi.sum() ** 2) / (n - 1))
        z.append(num / den)
    return np.array(z)


def _esda_moments_loop(x, w_dense):
    """esda's G_Local moments (star): E[G] = W_i / n, V[G] = W_i (n - W_i) / (n - 1) / n^2 * s^2 / mean^2."""
    n, mean, s2 = x.size, x.mean(), x.var()
    z = []
    for i in range(n):
        w_i = w_dense[i].sum()
        g = w_dense[i] @ x / x.sum()
        var = w_i * (n - w_i) / (n - 1) / n**2 * s2 / mean**2
        z.append((g - w_i / n) / np.sqrt(var))
    return np.array(z)


def test_row_standardised_gi_star_follows_either_variance_convention(esda_case):
    y, w = esda_case
    dense = w.toarray() + np.eye(y.size)
    dense /= dense.sum(axis=1, keepdims=True)
    general = local_g(y, w, star=True, transform="R")
    esda_like = local_g(y, w, star=True, transform="R", variance="esda")
    np.testing.assert_allclose(general.z, _ord_getis_loop(y, dense), rtol=1e-12)
    np.testing.assert_allclose(esda_like.z, _esda_moments_loop(y, dense), rtol=1e-12)
    assert not np.allclose(general.z, esda_like.z)  # the conventions do differ for "R"


def test_binary_variance_conventions_agree(esda_case):
    y, w = esda_case
    np.testing.assert_allclose(local_g(y, w).z, local_g(y, w, variance="esda").z, rtol=1e-13)


def test_constant_values_give_nan_not_an_error(esda_case):
    _, w = esda_case
    result = local_g(np.full(6, 3.0), w)
    assert np.isnan(result.z).all() and np.isnan(result.p_two_sided).all()


def test_weights_of_the_wrong_shape_are_refused(esda_case):
    y, w = esda_case
    with pytest.raises(ValueError, match="weights must be 5 x 5"):
        local_g(y[:5], w)


@settings(max_examples=40, deadline=None)
@given(
    arrays(np.float64, 12, elements=st.floats(0, 100, allow_nan=False)),
    st.floats(-1e3, 1e3),
    st.floats(0.01, 100),
    st.booleans(),
)
def test_z_is_invariant_to_shifting_and_scaling_the_values(values, shift, scale, star):
    if np.ptp(values) < 1e-3:
        values = values + np.arange(12)
    w = queen_weights(np.ones((3, 4), dtype=bool))
    base = local_g(values, w, star=star).z
    assert np.isfinite(base).any()
    np.testing.assert_allclose(local_g(values + shift, w, star=star).z, base, rtol=1e-6, atol=1e-6)
    np.testing.assert_allclose(local_g(values * scale, w, star=star).z, base, rtol=1e-6, atol=1e-6)


def _dnearneigh_weights(mask, include_self):
    # sfhotspot's neighbours: spdep::dnearneigh(centroids, 0, cell_size * sqrt(2)), cell size 1
    rows, cols = np.nonzero(mask)
    centres = np.column_stack([cols + 0.5, rows + 0.5])
    w = cKDTree(centres).sparse_distance_matrix(cKDTree(centres), np.sqrt(2) + 1e-9, output_type="coo_matrix")
    dense = (w.toarray() > 0).astype(float)
    if include_self:
        dense += np.eye(rows.size)
    return dense


def test_queen_weights_equal_sfhotspot_distance_neighbours():
    rng = np.random.default_rng(3)
    mask = rng.random((9, 11)) > 0.25
    for include_self in (False, True):
        expected = _dnearneigh_weights(mask, include_self)
        np.testing.assert_array_equal(queen_weights(mask, include_self).toarray(), expected)


def test_queen_weights_are_a_well_formed_csr_matrix():
    w = queen_weights(np.ones((4, 5), dtype=bool), include_self=True)
    assert w.has_sorted_indices
    assert w.sum(axis=1).tolist()[:6] == [4, 6, 6, 6, 4, 6]  # corner, edge, edge, edge, corner, edge


def _planted_grid():
    counts = np.full((15, 15), 2.0)
    counts[7, 7] = 30  # a hot cell
    counts[0:5, 0:5] = 6  # a busier ring ...
    counts[1:4, 1:4] = 0  # ... around a cold block
    return counts


def test_hotspots_find_a_planted_hot_cell_and_match_local_g():
    counts = _planted_grid()
    mask = np.ones(counts.shape, dtype=bool)
    mask[14, :] = False  # outside the study area
    counts[14, :] = np.nan
    result = hotspots(counts)
    assert result.classification[7, 7] == 1 and result.z[7, 7] > 3
    assert np.isnan(result.z[14]).all() and (result.classification[14] == 0).all()
    direct = local_g(counts[mask], sp.csr_array(_dnearneigh_weights(mask, True)), star=True)
    np.testing.assert_allclose(result.z[mask], direct.z, rtol=1e-12)
    np.testing.assert_allclose(result.p[mask], 2 * norm.sf(np.abs(direct.z)), rtol=1e-12)


def test_fdr_adjusted_hotspots_are_a_subset():
    counts = np.random.default_rng(11).poisson(5, (30, 30)).astype(float)  # no real clusters
    plain, adjusted = hotspots(counts), hotspots(counts, fdr=True)
    assert adjusted.p_adjusted is not None and plain.p_adjusted is None
    assert (adjusted.p_adjusted >= adjusted.p - 1e-15).all()
    assert (np.abs(adjusted.classification) <= np.abs(plain.classification)).all()
    # chance "hotspots" at 5% disappear once the false discovery rate is controlled
    assert np.abs(adjusted.classification).sum() < np.abs(plain.classification).sum()


def _periods(n=10):
    assert n >= 4
    stack = np.full((n, 16, 16), 3.0)
    stack[:, 0:5, 0:5] = 9.0  # a busier ring around a cold block, every period
    stack[:, 1:4, 1:4] = 0.0
    stack[:, 4, 12] = 40  # hot every period
    stack[-2:, 12, 12] = 40  # hot in the two most recent periods only
    stack[:5, 12, 4] = 40  # hot in the first half only
    stack[3, 8, 8] = 40  # hot once, in an older period
    return stack


def test_classification_follows_sfhotspot_rules():
    result = classify_hotspots(_periods())
    assert (result.n_periods, result.n_recent) == (10, 2)
    assert result.category[4, 12] == "persistent hotspot"
    assert result.category[12, 12] == "emerging hotspot"
    assert result.category[12, 4] == "former hotspot"
    assert result.category[8, 8] == "former hotspot"  # older 1/8 >= 0.1, recent 0/2 < 0.1
    assert result.category[2, 2] == "persistent coldspot"
    assert result.hot_periods[12, 12] == 2 and result.hot_periods[4, 12] == 10


def test_sfhotspot_recent_window_counts_one_period_more():
    stack = _periods()
    stack[7, 8, 8] = 40  # also hot in the last older period, just before the recent window
    default = classify_hotspots(stack)
    compat = classify_hotspots(stack, sfhotspot_recent_window=True)
    assert default.category[8, 8] == "former hotspot"
    # sfhotspot's R range (P - r):P takes periods 8..10: 1 hot / 2 recent = 0.5, not former
    assert compat.category[8, 8] == "intermittent hotspot"


def test_cells_both_hot_and_cold_are_mixed():
    stack = np.full((5, 9, 9), 3.0)
    stack[:3, 4, 4] = 30  # a former hotspot ...
    stack[3:, 3:6, 3:6] = 0  # ... that became an emerging coldspot
    result = classify_hotspots(stack, recent_prop=0.4)
    assert result.category[4, 4] == "mixed hot/coldspot"
    assert (result.hot_periods[4, 4], result.cold_periods[4, 4]) == (3, 2)


def test_period_rules_need_recent_and_older_periods():
    with pytest.raises(ValueError, match="at least one recent and one older period"):
        classify_hotspots(np.arange(25.0).reshape(1, 5, 5))
    with pytest.warns(UserWarning, match="final period is treated as recent"):
        result = classify_hotspots(_periods(4))  # floor(0.2 * 4) = 0 recent periods
    assert result.n_recent == 1


def test_p_adjustment_across_cells_and_periods_only_removes_significance():
    plain = classify_hotspots(_periods())
    adjusted = classify_hotspots(_periods(), p_adjust_method="fdr_bh")
    assert (adjusted.hot_periods <= plain.hot_periods).all()
    assert (adjusted.cold_periods <= plain.cold_periods).all()
