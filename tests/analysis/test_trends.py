"""Trends: monthly series, year-on-year e-test, control charts and forecasts."""

from __future__ import annotations

import json

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from beatbook.analysis.trends import (
    anomalies,
    c_chart,
    ewma_chart,
    forecast,
    month_index,
    month_label,
    monthly_counts,
    poisson_cusum,
    year_on_year,
)


@given(st.integers(1900, 2200), st.integers(1, 12))
def test_month_index_round_trips(year, month):
    label = f"{year:04d}-{month:02d}"
    index = int(month_index(label)[0])
    assert index == year * 12 + month - 1
    assert month_label(index) == label
    assert int(month_index(label)[0]) - int(month_index(f"{year - 1:04d}-{month:02d}")[0]) == 12


def test_month_index_accepts_ints_and_refuses_bad_strings():
    np.testing.assert_array_equal(month_index(["2024-01", "2023-12"]), [24288, 24287])
    np.testing.assert_array_equal(month_index(np.array([24288, 24287])), [24288, 24287])
    for bad in ("2024-13", "2024-1", "Jan 2024"):
        with pytest.raises(ValueError, match="YYYY-MM"):
            month_index(bad)


def test_monthly_counts_fills_months_and_keeps_the_publication_gap():
    months = ["2020-10", "2020-10", "2020-11", "2022-08", "2022-08", "2022-08"]
    areas = ["Bishopsgate", "Cheap", "Cheap", "Cheap", "Bishopsgate", "Cheap"]
    kinds = ["theft-from-the-person", "burglary", "burglary", "burglary", "robbery", "burglary"]
    published = [m for m in range(24249, 24274) if not 24251 <= m <= 24269]  # gap 2020-12..2022-06
    table = monthly_counts(months, areas, kinds, published=published)
    assert table.labels[0] == "2020-10" and table.labels[-1] == "2022-08"
    assert len(table.months) == 23 and table.counts.sum() == 6
    np.testing.assert_array_equal(table.series("Cheap", "burglary")[[0, 1, -1]], [1, 1, 2])
    assert table.series(category="burglary").sum() == 4 and table.series().sum() == 6
    assert table.published.sum() == 4 and not table.published[table.labels.index("2021-06")]
    json.dumps(table.to_dict())


def test_monthly_counts_range_leaves_out_crimes_outside_it():
    table = monthly_counts(["2024-01", "2024-02", "2024-05"], first="2024-02", last="2024-04")
    assert table.labels == ("2024-02", "2024-03", "2024-04")
    np.testing.assert_array_equal(table.series(), [1, 0, 0])
    empty = monthly_counts([], first="2024-01", last="2024-03")
    assert empty.keys == () and empty.counts.shape == (0, 3)
    np.testing.assert_array_equal(empty.series(), [0, 0, 0])


def test_year_on_year_uses_the_same_months_a_year_earlier(reference_dir):
    ptools = json.loads((reference_dir / "ptools" / "expected_ptools.json").read_text())
    cases = ptools["e_test"]["cases"]
    case = next(c for c in cases if (c["k1"], c["k2"]) == (20, 10))
    months = np.arange(24276, 24300)  # 2023-01 .. 2024-12
    counts = np.zeros(24, int)
    counts[[12 + 9, 12 + 10, 12 + 11]] = [7, 7, 6]  # 2024-10..12: 20
    counts[[9, 10, 11]] = [3, 3, 4]  # 2023-10..12: 10
    result = year_on_year(counts, months, span=3)
    assert result.months == ("2024-10", "2024-11", "2024-12")
    assert result.previous_months == ("2023-10", "2023-11", "2023-12")
    assert (result.current, result.previous, result.change) == (20, 10, 10)
    assert result.percent_change == pytest.approx(100.0, rel=1e-12)
    np.testing.assert_allclose(result.p_value, case["p_statsmodels"], atol=1e-6)
    assert not result.significant


def test_year_on_year_refuses_unpublished_or_missing_months():
    months = np.arange(24276, 24300)
    published = np.ones(24, bool)
    published[2] = False
    with pytest.raises(ValueError, match="no published data for 2023-03"):
        year_on_year(np.ones(24), months, end="2024-03", published=published)
    with pytest.raises(ValueError, match="2022-12"):
        year_on_year(np.ones(24), months, end="2023-12", span=13)


def test_year_on_year_from_zero_reports_no_percentage():
    result = year_on_year([0, 4], ["2023-05", "2024-05"])
    assert result.percent_change is None and result.change == 4


def test_c_chart_limits_and_flags():
    counts = np.array([9.0] * 12 + [30.0, 0.0])
    result = c_chart(counts, baseline=12)
    assert result.centre == 9.0 and result.upper[0] == 18.0 and result.lower[0] == 0.0
    np.testing.assert_array_equal(np.flatnonzero(result.high), [12])
    assert not result.low.any()  # the lower limit is 0: a month cannot fall below it
    assert result.rule.startswith("c-chart: mean ± 3·sqrt(mean)")


def test_ewma_chart_follows_its_recursion_and_catches_a_step():
    rng = np.random.default_rng(7)
    counts = np.concatenate([rng.poisson(20, 24), rng.poisson(32, 12)]).astype(float)
    result = ewma_chart(counts, baseline=24, lam=0.2)
    mean = counts[:24].mean()
    np.testing.assert_allclose(result.statistic[0], 0.2 * counts[0] + 0.8 * mean, rtol=1e-12)
    first_half_width = 3 * np.sqrt(mean * 0.2 / 1.8 * (1 - 0.8**2))
    np.testing.assert_allclose(result.upper[0] - mean, first_half_width, rtol=1e-12)
    np.testing.assert_allclose(result.upper[-1] - mean, 3 * np.sqrt(mean * 0.2 / 1.8), rtol=1e-6)
    assert result.high[24:].any() and not result.high[:24].any()
    assert "EWMA" in result.rule


def test_poisson_cusum_reference_value_and_sustained_rise():
    counts = np.array([10.0] * 12 + [16.0] * 6)
    result = poisson_cusum(counts, baseline=12, shift_ratio=1.5, h_sd=4.0)
    k = 10 * 0.5 / np.log(1.5)
    np.testing.assert_allclose(result.parameters["k"], k, rtol=1e-12)
    np.testing.assert_allclose(result.statistic[12:], np.cumsum(np.full(6, 16 - k)), rtol=1e-12)
    assert not result.high[:12].any()
    # S after six months of 16 is 6 * 3.67 = 22 > h = 4 sqrt(10) = 12.6; it signals from month 4.
    np.testing.assert_array_equal(np.flatnonzero(result.high), [15, 16, 17])
    assert "CUSUM" in result.rule


def test_charts_on_a_zero_series_give_no_nan_and_flag_the_first_crime():
    zero = np.zeros(12)
    for rule in ("c-chart", "ewma", "cusum"):
        quiet = anomalies(zero, rule=rule)
        assert np.all(np.isfinite(quiet.upper)) and not quiet.high.any()
        loud = anomalies(np.r_[zero, 1.0], rule=rule, baseline=12)
        assert loud.high[-1], rule
    with pytest.raises(ValueError, match="unknown rule"):
        anomalies(zero, rule="shewhart")


@given(
    st.lists(st.integers(0, 200), min_size=1, max_size=48),
    st.sampled_from(["c-chart", "ewma", "cusum"]),
)
def test_charts_are_finite_and_ordered(counts, rule):
    result = anomalies(counts, rule=rule)
    assert np.all(np.isfinite(result.statistic)) and np.all(result.lower <= result.upper)
    assert not (result.high & result.low).any()


def test_forecast_smooths_a_seeded_series():
    rng = np.random.default_rng(2024)
    counts = rng.poisson(25, 48)
    result = forecast(counts, horizon=3, alpha=0.05)
    assert result.method.startswith("ETS(A,N,N)") and result.warnings == () and result.note == ""
    assert np.all(result.lower <= result.mean) and np.all(result.mean <= result.upper)
    assert abs(result.mean[0] - counts.mean()) < 3 * np.sqrt(counts.mean())
    trended = forecast(counts, trend=True)
    assert trended.method.startswith("ETS(A,Ad,N)") and np.all(np.isfinite(trended.upper))


def test_forecast_of_a_zero_series_is_zero_without_warnings():
    result = forecast(np.zeros(24))
    np.testing.assert_array_equal(np.r_[result.mean, result.lower, result.upper], np.zeros(9))
    assert result.note == "constant series: nothing to smooth" and result.warnings == ()


def test_forecast_of_a_short_series_falls_back_to_the_mean():
    result = forecast([3, 5, 4], horizon=2)
    np.testing.assert_allclose(result.mean, [4.0, 4.0], rtol=1e-12)
    # The 2.5% and 97.5% quantiles of Poisson(4).
    np.testing.assert_array_equal([result.lower[0], result.upper[0]], [1.0, 8.0])
    assert "too short" in result.note


def test_forecast_records_convergence_warnings_instead_of_raising():
    # statsmodels cannot fit this nearly constant series; its warnings must not escape
    # (pytest turns escaping warnings into errors) but be reported in the result.
    counts = np.r_[np.full(20, 1e9), 1e9 + 1, 1e9, 1e9, 1e9]
    result = forecast(counts)
    assert result.note == "exponential smoothing did not converge"
    assert any("ConvergenceWarning" in w for w in result.warnings)
    assert np.all(np.isfinite(result.mean))


def test_forecast_uses_only_months_after_the_last_publication_gap():
    counts = np.r_[np.full(20, 100.0), np.zeros(5), np.arange(14.0) % 3 + 10]
    published = np.r_[np.ones(20, bool), np.zeros(5, bool), np.ones(14, bool)]
    result = forecast(counts, published=published)
    assert result.n_observations == 14
    assert 9 <= result.mean[0] <= 13
    json.dumps(result.to_dict())
