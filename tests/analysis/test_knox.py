"""Knox test against NearRepeat (R), the Near Repeat Calculator and Davies' Python tables."""

from __future__ import annotations

import itertools

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from beatbook.analysis.knox import knox_test

from .reference_data import chicago_month1, davies_burglary, load_json

# Davies' interval_side names the side that is *open* at the lower end of each band
DAVIES_SIDE_TO_CLOSED = {"left": "right", "right": "left"}


@pytest.fixture(scope="module")
def nearrepeat(reference_dir):
    expected = load_json(reference_dir / "nearrepeat" / "expected_knox.json")
    return {c["id"]: c for c in expected["cases"]}


@pytest.fixture(scope="module")
def month1(reference_dir):
    return chicago_month1(reference_dir / "nearrepeat" / "chicago_be_month1.csv")


@pytest.fixture(scope="module")
def vignette(nearrepeat, month1):
    case = nearrepeat["nearrepeat_vignette_chicago_be_month1"]
    result = knox_test(*month1, case["sds"], case["tds"], metric="manhattan", n_permutations=case["nrep"], seed=9489)
    return case, result


def test_vignette_observed_table(vignette, month1):
    case, result = vignette
    assert len(month1[0]) == case["n"]
    np.testing.assert_array_equal(result.observed, case["observed"])
    assert result.space_labels == ("[0, 0.1)", "[0.1, 200)", "[200, 400)", "[400, 600)")
    assert result.time_labels == ("[0, 7)", "[7, 14)", "[14, 21)")


def test_vignette_exact_expectation_matches_the_published_analytic_ratios(vignette):
    case, result = vignette
    # printed to four decimals
    ratio_exact = result.observed / result.expected_exact
    np.testing.assert_allclose(ratio_exact, case["knox_ratio_analytic_expectation"], atol=6e-5)


def test_vignette_monte_carlo_ratios_within_monte_carlo_error(vignette):
    case, result = vignette
    published = np.array(case["knox_ratio_mean_published"])
    # two independent means of 999 permutations; counts vary about as a Poisson around E
    se_ratio = result.observed / result.expected_exact * np.sqrt(2 / (result.expected_exact * case["nrep"]))
    assert (np.abs(result.ratio - published) <= 4 * se_ratio).all()
    assert (np.abs(published / (result.observed / result.expected_exact) - 1) < 0.03).all()


def test_vignette_p_values_within_monte_carlo_error(vignette):
    case, result = vignette
    published = np.array(case["pvalues_published"])
    se = np.sqrt(2 * np.clip(published * (1 - published), 1e-3, None) / case["nrep"])
    assert (np.abs(result.p_value - published) <= 4 * se + 1e-9).all()
    assert result.p_value[0, 0] == result.p_value[1, 0] == pytest.approx(1 / 1000)


def test_near_repeat_calculator_contents(nearrepeat, month1):
    case = nearrepeat["nearrepeat_NRC_mimic_contents"]
    result = knox_test(
        *month1, [0, 100, 200, 300], [0, 7, 14, 21], metric="manhattan", convention="nrc", n_permutations=19, seed=1
    )
    np.testing.assert_array_equal(result.observed, case["observed"])
    assert result.observed.sum() == result.n_pairs == 469_965
    assert result.space_labels == ("0", "(0, 100)", "[100, 200)", "[200, 300)", ">= 300")
    assert result.time_labels == ("[0, 7)", "[7, 14)", "[14, 21)", ">= 21")


def test_bands_as_the_nrc_labels_read_give_a_different_table(nearrepeat, month1):
    # NRC labels its rows "1 to 100", "101 to 200", ... and columns "0 to 7", "8 to 14", ...
    case = nearrepeat["nearrepeat_NRC_mimic_labels"]
    result = knox_test(
        *month1, [0, 101, 201, 301], [0, 8, 15, 22], metric="manhattan", convention="nrc", n_permutations=0
    )
    np.testing.assert_array_equal(result.observed, case["observed"])
    assert np.isnan(result.expected).all() and np.isnan(result.p_value).all()


@pytest.fixture(scope="module")
def davies(reference_dir):
    expected = load_json(reference_dir / "nearrepeat_davies" / "expected_knox.json")
    return {c["id"]: c for c in expected["cases"]}


@pytest.fixture(scope="module")
def burglary_2016(reference_dir):
    x, y, t, year = davies_burglary(reference_dir / "nearrepeat_davies" / "chicago_burglary_2014_2017.csv")
    keep = year == 2016
    return x[keep], y[keep], t[keep]


@pytest.mark.parametrize("case_id", ["usage_2016_euclid_left", "usage_2016_euclid_right", "usage_2016_manhattan_left"])
def test_davies_usage_observed_tables(davies, burglary_2016, case_id):
    case = davies[case_id]
    assert len(burglary_2016[0]) == 11_701
    result = knox_test(
        *burglary_2016,
        [0, *case["s_bands"]],
        [0, *case["t_bands"]],
        metric=case["metric"],
        closed=DAVIES_SIDE_TO_CLOSED[case["side"]],
        n_permutations=19,
        seed=123456,
    )
    np.testing.assert_array_equal(result.observed, case["observed"])
    np.testing.assert_array_equal(result.p_value[:, 0], 1 / 20)  # far more close repeats than chance


def test_pathological_pair_lands_in_the_bands_its_distances_say(reference_dir):
    x, y, t, _ = davies_burglary(reference_dir / "nearrepeat_davies" / "pathological_example.csv", date_column="t")
    assert (abs(y[1] - y[0]), abs(t[1] - t[0])) == (100.0, 3.0)
    nrc = knox_test(x, y, t, [0, 200, 400], [0, 3, 6, 9], convention="nrc", n_permutations=0)
    assert nrc.observed[1, 1] == nrc.observed.sum() == 1
    assert (nrc.space_labels[1], nrc.time_labels[1]) == ("(0, 200)", "[3, 6)")
    standard = knox_test(x, y, t, [0, 200, 400], [0, 3, 6, 9], n_permutations=0)
    assert standard.observed[0, 1] == standard.observed.sum() == 1
    davies_left = knox_test(x, y, t, [0, 200, 400], [0, 3, 6, 9], closed="right", n_permutations=0)
    assert davies_left.observed[0, 0] == 1  # (lo, hi] bands: 3 days is in [0, 3]


@pytest.mark.parametrize("convention", ["standard", "nrc"])
def test_exact_expectation_is_the_mean_over_all_permutations(convention):
    rng = np.random.default_rng(5)
    x, y = rng.uniform(0, 300, 6), rng.uniform(0, 300, 6)
    t = np.array([0.0, 1, 1, 4, 9, 15])
    edges = ([0, 100, 250], [0, 3, 8]) if convention == "standard" else ([0, 150], [0, 5])
    tables = [
        knox_test(x, y, t[list(p)], *edges, convention=convention, n_permutations=0).observed
        for p in itertools.permutations(range(6))
    ]
    exact = knox_test(x, y, t, *edges, convention=convention, n_permutations=0).expected_exact
    np.testing.assert_allclose(np.mean(tables, axis=0), exact, rtol=1e-12)


def test_monte_carlo_mean_approaches_the_exact_expectation(month1):
    result = knox_test(*month1, [0, 200, 400], [0, 7, 14], n_permutations=499, seed=2)
    se = np.sqrt(result.expected_exact / 499)
    assert (np.abs(result.expected - result.expected_exact) <= 4 * se).all()


def test_same_seed_same_result_and_fractional_times_same_tables(month1):
    x, y, t = month1
    a = knox_test(x, y, t, [0, 200, 400], [0, 7, 14], n_permutations=50, seed=42)
    b = knox_test(x, y, t + 0.25, [0, 200, 400], [0, 7, 14], n_permutations=50, seed=42)
    np.testing.assert_array_equal(a.observed, b.observed)
    np.testing.assert_array_equal(a.p_value, b.p_value)
    assert ((a.p_value >= 1 / 51) & (a.p_value <= 1)).all()


def test_bad_arguments_are_refused():
    with pytest.raises(ValueError, match="strictly increasing"):
        knox_test([0, 1], [0, 1], [0, 1], [0, 200, 100], [0, 7])
    with pytest.raises(ValueError, match="closed must be 'left'"):
        knox_test([0, 1], [0, 1], [0, 1], [0, 100], [0, 7], convention="nrc", closed="right")
    with pytest.raises(ValueError, match="must start at 0"):
        knox_test([0, 1], [0, 1], [0, 1], [50, 100], [0, 7], convention="nrc")
    with pytest.raises(ValueError, match="same length"):
        knox_test([0, 1], [0, 1], [0], [0, 100], [0, 7])
    with pytest.raises(ValueError, match="t must be finite"):
        knox_test([0, 1], [0, 1], [0, np.nan], [0, 100], [0, 7])
    with pytest.raises(ValueError, match="metric"):
        knox_test([0, 1], [0, 1], [0, 1], [0, 100], [0, 7], metric="chebyshev")


def _brute_force_table(x, y, t, s_edges, t_edges, metric, closed):
    i, j = np.triu_indices(len(x), 1)
    dx, dy = np.abs(x[i] - x[j]), np.abs(y[i] - y[j])
    d = np.hypot(dx, dy) if metric == "euclidean" else dx + dy
    lag = np.abs(t[i] - t[j])
    table = np.zeros((len(s_edges) - 1, len(t_edges) - 1), dtype=int)
    for a, b in itertools.product(range(len(s_edges) - 1), range(len(t_edges) - 1)):
        if closed == "left":
            in_s = (d >= s_edges[a]) & (d < s_edges[a + 1])
            in_t = (lag >= t_edges[b]) & (lag < t_edges[b + 1])
        else:
            in_s = ((d > s_edges[a]) | ((a == 0) & (d == s_edges[0]))) & (d <= s_edges[a + 1])
            in_t = ((lag > t_edges[b]) | ((b == 0) & (lag == t_edges[0]))) & (lag <= t_edges[b + 1])
        table[a, b] = np.sum(in_s & in_t)
    return table


events = st.integers(2, 40).flatmap(
    lambda n: st.tuples(
        st.lists(st.integers(0, 40).map(lambda v: v * 25.0), min_size=n, max_size=n),
        st.lists(st.integers(0, 40).map(lambda v: v * 25.0), min_size=n, max_size=n),
        st.lists(st.integers(0, 60).map(float), min_size=n, max_size=n),
    )
)


@settings(max_examples=60, deadline=None)
@given(events, st.sampled_from(["euclidean", "manhattan"]), st.sampled_from(["left", "right"]))
def test_observed_counts_equal_the_pairs_within_the_bands(data, metric, closed):
    x, y, t = (np.array(v) for v in data)
    s_edges, t_edges = [0, 50, 100, 300], [0, 7, 14, 30]  # grid-aligned data hits the edges exactly
    result = knox_test(x, y, t, s_edges, t_edges, metric=metric, closed=closed, n_permutations=3, seed=0)
    np.testing.assert_array_equal(result.observed, _brute_force_table(x, y, t, s_edges, t_edges, metric, closed))
    nrc = knox_test(x, y, t, s_edges, t_edges, metric=metric, convention="nrc", n_permutations=3, seed=0)
    assert nrc.observed.sum() == len(x) * (len(x) - 1) // 2
    np.testing.assert_allclose(nrc.expected.sum(axis=0), nrc.observed.sum(axis=0), rtol=1e-12)  # fixed margins
