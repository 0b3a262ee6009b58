"""Rates: every denominator, its unit, and the City of London's lopsided populations."""

from __future__ import annotations

import json

import pytest
from hypothesis import given
from hypothesis import strategies as st

from beatbook.analysis.rates import CITY_OF_LONDON, Denominators, rate, rates


def test_city_of_london_rates_say_what_they_are_per():
    per_resident = rate(8_600, CITY_OF_LONDON, "residents")
    per_worker = rate(8_600, CITY_OF_LONDON, "workday")
    per_visitor = rate(21_000, CITY_OF_LONDON, "visitors")
    assert per_resident.value == pytest.approx(1_000.0, rel=1e-12)
    assert per_resident.unit == "per 1,000 residents"
    assert per_worker.value == pytest.approx(8_600 / 587, rel=1e-12)
    assert per_worker.unit == "per 1,000 workers (workday population)"
    assert per_visitor.value == pytest.approx(1_000.0, rel=1e-12)
    assert per_visitor.unit == "per 1,000,000 visitors"
    assert per_resident.text == "1,000 per 1,000 residents over 12 months"
    assert "Engagement Strategy 2023-2025" in per_resident.source


def test_visitors_are_scaled_to_the_period_but_people_are_not():
    half_year = rates(100, CITY_OF_LONDON, period_months=6)
    by_basis = {r.basis: r for r in half_year}
    assert set(by_basis) == {"residents", "workday", "visitors"}  # no area given
    assert by_basis["visitors"].denominator == pytest.approx(10_500_000, rel=1e-12)
    assert by_basis["residents"].denominator == 8_600
    assert by_basis["residents"].text.endswith("over 6 months")


def test_rate_per_km2():
    ward = Denominators(residents=1_200, area_km2=0.25, source="test ward")
    result = rate(50, ward, "area")
    assert result.value == pytest.approx(200.0, rel=1e-12)
    assert result.unit == "per km²"
    assert result.text == "200 per km² over 12 months"
    json.dumps(result.to_dict())


def test_missing_zero_or_unknown_denominators_are_refused():
    with pytest.raises(ValueError, match="no area_km2 given"):
        rate(5, CITY_OF_LONDON, "area")
    with pytest.raises(ValueError, match="residents must be positive"):
        Denominators(residents=0)
    with pytest.raises(ValueError, match="unknown rate basis"):
        rate(5, CITY_OF_LONDON, "households")


@given(
    st.floats(0, 1e6),
    st.floats(1, 1e7),
    st.sampled_from(["residents", "workday", "area", "visitors"]),
    st.floats(1, 36),
)
def test_rate_times_denominator_gives_back_the_count(count, size, basis, months):
    areas = Denominators(residents=size, workday_population=size, area_km2=size, visitors_per_year=size)
    result = rate(count, areas, basis, period_months=months)
    back = result.value * result.denominator / result.per
    assert back == pytest.approx(count, rel=1e-9, abs=1e-9)


def test_a_rate_per_worker_names_workers():
    city = Denominators(residents=8_584, workers=587_000, source="test")
    per_worker = rate(5_870, city, "workers")
    assert per_worker.value == pytest.approx(10.0, rel=1e-12)
    assert per_worker.unit == "per 1,000 workers"
    assert {r.basis for r in rates(100, city)} == {"residents", "workers"}
