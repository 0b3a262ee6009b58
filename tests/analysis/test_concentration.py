"""Concentration: Gini against lorenzgini's published values; repeat places; risky facilities."""

from __future__ import annotations

import json
import re

import numpy as np
import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from beatbook.analysis.concentration import (
    counts_per_place,
    gini,
    repeat_locations,
    risky_facilities,
    share_in_top,
)

counts_lists = st.lists(st.integers(min_value=0, max_value=50), min_size=1, max_size=60)


def _expand(x: list[int] | str) -> list[int]:
    """The JSON writes long inputs as R-like '[10]+[0]*9'; expand without eval."""
    if isinstance(x, list):
        return x
    match = re.fullmatch(r"\[(\d+)\]\+\[(\d+)\]\*(\d+)", x.replace(" ", ""))
    assert match, f"unexpected input form {x!r}"
    head, fill, times = (int(g) for g in match.groups())
    return [head] + [fill] * times


def _gini_cases(reference_dir):
    return json.loads((reference_dir / "lorenzgini" / "expected_gini.json").read_text())["cases"]


def test_gini_matches_lorenzgini_examples(reference_dir):
    cases = _gini_cases(reference_dir)
    assert len(cases) == 8
    for case in cases:
        got = gini(_expand(case["x"]), generalized=case["generalized"], unbiased=case["unbiased"])
        np.testing.assert_allclose(got, case["expect"], rtol=1e-12, err_msg=str(case))


def test_generalized_gini_differs_only_when_crimes_are_fewer_than_places():
    # 8 crimes over 10 places: the most even spread leaves 2 places empty.
    assert gini([5, 2, 1] + [0] * 7, generalized=True) < gini([5, 2, 1] + [0] * 7)
    assert gini([5, 3, 2, 4], generalized=True) == pytest.approx(gini([5, 3, 2, 4]), rel=1e-12)


def test_generalized_gini_is_zero_for_one_crime_per_place_and_one_when_all_at_one():
    assert gini([1, 1, 1, 0, 0, 0, 0], generalized=True) == pytest.approx(0.0, abs=1e-12)
    assert gini([9, 0, 0, 0, 0], generalized=True, unbiased=True) == pytest.approx(1.0, rel=1e-12)


@given(counts_lists)
def test_gini_in_unit_interval_and_order_free(x):
    assume(sum(x) > 0)
    for generalized in (False, True):
        value = gini(x, generalized=generalized)
        assert 0.0 <= value <= 1.0
        assert gini(sorted(x), generalized=generalized) == pytest.approx(value, rel=1e-9, abs=1e-12)


@given(counts_lists)
def test_unbiased_gini_in_unit_interval(x):
    assume(len(x) >= 2 and sum(x) >= 2)
    assert 0.0 <= gini(x, unbiased=True) <= 1.0
    assert 0.0 <= gini(x, generalized=True, unbiased=True) <= 1.0


def test_gini_refuses_what_it_cannot_measure():
    with pytest.raises(ValueError, match="without any crime"):
        gini([0, 0, 0])
    with pytest.raises(ValueError, match="negative"):
        gini([3, -1])
    with pytest.raises(ValueError, match="whole-number"):
        gini([0.5, 2], generalized=True)
    with pytest.raises(ValueError, match="two places"):
        gini([4], unbiased=True)


def test_repeat_locations_worked_example():
    # 8 crimes at 3 of 10 places: 5, 2, 1.
    r = repeat_locations([5, 2, 1], n_places=10, top_percent=(5, 10, 20, 100))
    assert (r.n_places, r.places_with_crime, r.repeat_places, r.crimes) == (10, 3, 2, 8)
    np.testing.assert_allclose(r.repeat_rate, 2 / 3, rtol=1e-12)
    np.testing.assert_allclose(r.repeat_share, 7 / 8, rtol=1e-12)
    np.testing.assert_allclose(r.repeat_incident_share, 5 / 8, rtol=1e-12)
    # top 5% of 10 places is half a place: half of the top place's share.
    np.testing.assert_allclose(r.top_share, [5 / 16, 5 / 8, 7 / 8, 1.0], rtol=1e-12)


def test_top_share_counts_places_without_crime():
    # One crime at each of 10 places: the top 10% of 10 places hold 10%, of 100 places 100%.
    assert share_in_top([1] * 10, 10, 10) == pytest.approx(0.1, rel=1e-12)
    assert share_in_top([1] * 10, 100, 10) == pytest.approx(1.0, rel=1e-12)
    with pytest.raises(ValueError, match="smaller than the number of counts"):
        share_in_top([1, 2, 3], 2, 10)


@given(counts_lists, st.integers(min_value=0, max_value=40), st.floats(0, 100), st.floats(0, 100))
def test_top_share_grows_with_percent_and_lies_above_the_diagonal(x, extra, p, q):
    assume(sum(x) > 0)
    n = len(x) + extra
    lo, hi = sorted((p, q))
    a, b = share_in_top(x, n, lo), share_in_top(x, n, hi)
    assert 0.0 <= a <= b <= 1.0 + 1e-12
    assert a >= lo / 100 - 1e-12  # the busiest places hold at least their share


def test_repeat_locations_without_crime_reports_zero_shares():
    r = repeat_locations([], n_places=5)
    assert (r.repeat_rate, r.repeat_share, r.repeat_incident_share) == (0.0, 0.0, 0.0)
    assert set(r.top_share) == {0.0}


def test_counts_per_place():
    np.testing.assert_array_equal(np.sort(counts_per_place(["a", "b", "a", "c", "a"])), [1, 1, 3])


def test_risky_facilities_worked_example():
    facilities = [(0, 0), (100, 0), (200, 0)]
    crimes = [(0, 10), (0, -10), (40, 0), (100, 50), (300, 300)]
    r = risky_facilities(facilities, crimes, radius=50)
    # (40, 0) is within 50 m of facility 0 only; (100, 50) is exactly 50 m: inside.
    np.testing.assert_array_equal(r.counts, [3, 1, 0])
    assert (r.crimes_total, r.crimes_assigned) == (5, 4)
    np.testing.assert_allclose(r.facility_share, [0, 1 / 3, 2 / 3, 1], rtol=1e-12)
    np.testing.assert_allclose(r.crime_share, [0, 0.75, 1, 1], rtol=1e-12)


def test_risky_facilities_counts_each_crime_once_at_its_nearest_facility():
    r = risky_facilities([(0, 0), (100, 0)], [(40, 0), (60, 0)], radius=100)
    np.testing.assert_array_equal(r.counts, [1, 1])


def test_risky_facilities_matches_brute_force():
    rng = np.random.default_rng(20240501)
    facilities = rng.uniform(0, 2000, (80, 2))
    crimes = rng.uniform(0, 2000, (3000, 2))
    r = risky_facilities(facilities, crimes, radius=60)
    distance = np.linalg.norm(crimes[:, None, :] - facilities[None, :, :], axis=2)
    nearest = distance.argmin(axis=1)
    inside = distance.min(axis=1) <= 60
    np.testing.assert_array_equal(r.counts, np.bincount(nearest[inside], minlength=80))
    assert np.all(np.diff(r.crime_share) >= 0)
    json.dumps(r.to_dict())


def test_risky_facilities_rejects_bad_input():
    with pytest.raises(ValueError, match="at least one facility"):
        risky_facilities(np.empty((0, 2)), [(0, 0)], 10)
    with pytest.raises(ValueError, match=r"\(n, 2\)"):
        risky_facilities([1, 2, 3], [(0, 0)], 10)
