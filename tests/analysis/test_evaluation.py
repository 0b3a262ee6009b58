"""Hit rate, PAI, PEI and RRI against ptools' and open_cp's published test cases."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from beatbook.analysis.evaluation import hit_rate, hit_rates, pai, pai_score, pei_score, top_slice

from .reference_data import load_json


@pytest.fixture(scope="module")
def open_cp(reference_dir):
    return load_json(reference_dir / "open_cp" / "expected_open_cp.json")


@pytest.fixture(scope="module")
def ptools(reference_dir):
    return load_json(reference_dir / "ptools" / "expected_ptools.json")


def _expected_selection(case):
    x = np.array(case["x"])
    rules = {"x>2": x > 2, "x>3": x > 3}
    return rules[case["selected"]] if isinstance(case["selected"], str) else np.array(case["selected"])


def test_open_cp_top_slice_cases(open_cp):
    for case in open_cp["top_slice"]["cases"]:
        np.testing.assert_array_equal(top_slice(case["x"], case["fraction"]), _expected_selection(case))


def test_top_slice_keeps_the_shape_and_skips_cells_outside_the_area():
    risk = np.array([[1.0, np.nan, 3.0], [np.nan, 5.0, 2.0]])
    selected = top_slice(risk, 0.5)  # 4 finite cells -> 2 selected
    np.testing.assert_array_equal(selected, [[False, False, True], [False, True, False]])
    with pytest.raises(ValueError, match="between 0 and 1"):
        top_slice(risk, 1.5)


def test_open_cp_hit_rates_on_a_two_by_four_grid(open_cp):
    # 2x4 grid, cells 10 wide and 20 high from (2, 3), one event at each cell centre
    risk = np.array([[1, 2, 3, 4], [5, 6, 7, 8]], dtype=float)
    cols, rows = np.meshgrid(np.arange(4), np.arange(2))
    ex, ey = 2 + 10 * (cols.ravel() + 0.5), 3 + 20 * (rows.ravel() + 0.5)
    observed = np.zeros((2, 4))
    np.add.at(observed, (((ey - 3) // 20).astype(int), ((ex - 2) // 10).astype(int)), 1)
    for case in open_cp["hit_rate"]["cases"]:
        coverages = case["coverage_pct"] if isinstance(case["coverage_pct"], list) else [case["coverage_pct"]]
        rates = hit_rates(risk, observed, coverages)
        assert list(rates.values()) == pytest.approx([case["hit_rate"]] * len(coverages), abs=1e-15)


def _check_table(table, expect):
    for key, name in (
        ("PAI", "pai"),
        ("PEI", "pei"),
        ("RRI", "rri"),
        ("Count", "count"),
        ("CumCount", "cum_count"),
        ("Pred", "pred"),
    ):
        if key in expect:
            np.testing.assert_allclose(getattr(table, name), expect[key], rtol=1e-12, err_msg=key)


def test_ptools_pai_cases(ptools):
    first, second = ptools["pai"]["cases"]
    _check_table(pai(first["obs"], first["pred"], first["area"]), first["expect"])
    _check_table(pai(second["obs"], second["pred"], second["area"]), second["expect_recomputed_port"])


def test_pai_ranks_ties_by_observed_count_ascending():
    table = pai([6, 7, 3, 2, 1, 0], [8, 4, 4, 2, 1, 0])
    np.testing.assert_array_equal(table.order, [0, 2, 1, 3, 4, 5])  # pred 4 tie: obs 3 before obs 7


def test_pai_with_unequal_areas_uses_densities():
    table = pai(obs=[4, 4], pred=[2, 2], area=[1, 4])  # predicted densities 2 and 0.5
    np.testing.assert_array_equal(table.order, [0, 1])
    np.testing.assert_allclose(table.pai, [(4 / 8) / (1 / 5), 1.0], rtol=1e-15)
    with pytest.raises(ValueError, match="greater than zero"):
        pai([1], [1], [0])


def test_scalar_pai_and_pei_agree_with_the_ptools_table(ptools):
    case = ptools["pai"]["cases"][1]
    obs, pred = np.array(case["obs"], dtype=float), np.array(case["pred"], dtype=float)
    table = pai(obs, pred)
    for k in range(1, obs.size + 1):
        selected = np.zeros(obs.size, dtype=bool)
        selected[table.order[:k]] = True
        assert pai_score(obs, selected) == pytest.approx(table.pai[k - 1], rel=1e-12)
        assert pei_score(obs, selected) == pytest.approx(table.pei[k - 1], rel=1e-12)
        assert hit_rate(obs, selected) == pytest.approx(table.cum_count[k - 1] / obs.sum(), rel=1e-12)


def test_empty_observations_give_nan():
    assert np.isnan(hit_rate([0, 0], [True, False]))
    assert np.isnan(pai_score([0, 0], [True, False]))


@settings(max_examples=60, deadline=None)
@given(st.lists(st.integers(0, 20), min_size=2, max_size=30), st.integers(0, 2**32 - 1))
def test_pei_is_at_most_one_and_one_for_the_best_cells(counts, seed):
    obs = np.array(counts, dtype=float)
    rng = np.random.default_rng(seed)
    selected = rng.random(obs.size) < 0.5
    if obs.sum() == 0 or not selected.any():
        selected[0] = True
        obs[0] += 1
    assert pei_score(obs, selected) <= 1 + 1e-12
    best = np.zeros(obs.size, dtype=bool)
    best[np.argsort(-obs, kind="stable")[: selected.sum()]] = True
    assert pei_score(obs, best) == pytest.approx(1.0)
    assert 0 <= hit_rate(obs, selected) <= 1
