"""The find rate and disproportionality: values by hand, the small-number rules, the intervals."""

from __future__ import annotations

import json
import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

from beatbook.analysis.stop_search import MIN_BASE, disproportionality, find_rate, share


def test_a_find_rate_is_the_share_with_a_wilson_interval():
    result = find_rate(30, 100)
    assert result.value == pytest.approx(0.30, rel=1e-12)
    # Wilson's interval for 30 of 100 at 95%, by its formula (Wilson 1927).
    z = 1.959963984540054
    centre = (0.3 + z * z / 200) / (1 + z * z / 100)
    half = z / (1 + z * z / 100) * math.sqrt(0.3 * 0.7 / 100 + z * z / 40_000)
    assert result.lower == pytest.approx(centre - half, rel=1e-9)
    assert result.upper == pytest.approx(centre + half, rel=1e-9)
    json.dumps(result.to_dict())


def test_no_percentage_on_fewer_than_the_minimum_of_searches():
    assert MIN_BASE == 20
    few = find_rate(3, 19)
    assert few.value is None and few.lower is None and few.reason == "not computed: under 20 searches"
    assert find_rate(3, 20).value == pytest.approx(0.15)


def test_an_impossible_share_is_refused():
    with pytest.raises(ValueError, match="0 <= part <= base"):
        share(5, 4)


@given(st.integers(0, 500), st.integers(20, 1000))
def test_the_interval_holds_the_share(part, base):
    part = min(part, base)
    result = share(part, base)
    assert result.lower is not None and result.upper is not None and result.value is not None
    assert 0 <= result.lower <= result.value <= result.upper <= 1


def test_disproportionality_is_the_ratio_of_rates_per_resident():
    searches = {"white": 100, "black": 60, "asian": 10}
    residents = {"white": 5_000.0, "black": 1_000.0, "asian": 2_000.0}
    by_group = {g.group: g for g in disproportionality(searches, residents, "white", min_residents=1_000)}
    assert by_group["white"].per_1000 == pytest.approx(20.0)
    assert by_group["black"].per_1000 == pytest.approx(60.0)
    assert by_group["black"].ratio == pytest.approx(3.0)
    assert by_group["black"].lower < 3.0 < by_group["black"].upper
    assert by_group["white"].ratio == pytest.approx(1.0)
    # 10 searches: a rate per resident, but no ratio on fewer than 20 searches.
    assert by_group["asian"].per_1000 == pytest.approx(5.0)
    assert by_group["asian"].ratio is None and by_group["asian"].reason == "no ratio: fewer than 20 searches"


def test_no_rate_on_a_small_or_missing_resident_group():
    searches = {"white": 100, "black": 60, "mixed": 30}
    residents = {"white": 5_000.0, "black": 400.0}
    by_group = {g.group: g for g in disproportionality(searches, residents, "white", min_residents=1_000)}
    assert by_group["black"].per_1000 is None
    assert by_group["black"].reason == "not computed: fewer than 1,000 residents"
    assert "mixed" not in by_group  # no resident count: not a row of the comparison


def test_no_ratio_without_a_usable_reference_group():
    result = disproportionality({"white": 5, "black": 60}, {"white": 5_000.0, "black": 2_000.0}, "white")
    black = next(g for g in result if g.group == "black")
    assert black.per_1000 == pytest.approx(30.0)
    assert black.ratio is None and black.reason == "no ratio: too few in the reference group"
