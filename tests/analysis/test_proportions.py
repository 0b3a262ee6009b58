"""Wilson intervals and the two-proportion test against values computed by hand from their formulas."""

from __future__ import annotations

import math

import pytest

from beatbook.analysis.proportions import change, share

Z = 1.959963984540054  # the 97.5% point of the standard normal


def _wilson_by_hand(x: int, n: int) -> tuple[float, float]:
    """Wilson (1927): (p + z²/2n ± z √(p(1-p)/n + z²/4n²)) / (1 + z²/n)."""
    p = x / n
    centre = (p + Z**2 / (2 * n)) / (1 + Z**2 / n)
    half = Z * math.sqrt(p * (1 - p) / n + Z**2 / (4 * n**2)) / (1 + Z**2 / n)
    return centre - half, centre + half


@pytest.mark.parametrize(
    ("x", "n", "low", "high"),
    [
        (7, 10, 0.3968, 0.8922),  # worked by hand: centre 0.6445, half-width 0.2477
        (0, 10, 0.0, 0.2775),  # z²/n / (1 + z²/n) = 0.3841 / 1.3841
        (10, 10, 0.7225, 1.0),
        (81, 263, 0.2553, 0.3662),  # Newcombe (1998), Statistics in Medicine 17:857, table I, method 3
    ],
)
def test_wilson_interval_matches_the_hand_computed_values(x, n, low, high):
    result = share(x, n)
    assert result.lower == pytest.approx(low, abs=5e-5)
    assert result.upper == pytest.approx(high, abs=5e-5)
    assert (result.lower, result.upper) == pytest.approx(_wilson_by_hand(x, n), abs=1e-12)
    assert result.value == x / n and result.part == x and result.base == n
    assert result.interval == (result.value, result.lower, result.upper)


def test_a_proportion_needs_a_count_within_its_total():
    with pytest.raises(ValueError, match="got 11 of 10"):
        share(11, 10)
    with pytest.raises(ValueError, match="got -1 of 10"):
        share(-1, 10)
    empty = share(0, 0)
    assert empty.value is None and empty.lower is None and empty.reason == "not computed: no cases"


def test_a_share_under_the_minimum_is_not_computed_and_has_no_change():
    few = share(3, 9, min_base=10, unit="responses")
    assert few.value is None and few.interval is None and few.reason == "not computed: under 10 responses"
    assert change(few, share(5, 10, min_base=10)) is None


def test_the_change_between_waves_is_the_pooled_two_proportion_z_test():
    # 45/100 then 60/100: pooled 0.525, se = √(0.525 × 0.475 × (1/100 + 1/100)) = 0.070622, z = 0.15 / se
    result = change(share(45, 100), share(60, 100))
    assert result is not None
    assert result.difference == pytest.approx(0.15)
    assert result.z == pytest.approx(0.15 / math.sqrt(0.525 * 0.475 * 0.02), rel=1e-9)
    assert result.p_value == pytest.approx(math.erfc(result.z / math.sqrt(2)), rel=1e-9)  # two-sided
    assert result.p_value == pytest.approx(0.03367, abs=5e-5) and result.significant()


def test_a_small_change_is_not_significant_and_an_undefined_one_is_none():
    small = change(share(50, 100), share(53, 100))
    assert small is not None and not small.significant() and small.difference == pytest.approx(0.03)
    assert change(share(0, 20), share(0, 30)) is None  # both 0%: no variance to test against
