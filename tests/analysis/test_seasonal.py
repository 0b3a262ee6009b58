"""Anomalous months at a stated false-alarm rate, on simulated series with and without change."""

from __future__ import annotations

import numpy as np
import pytest

from beatbook.analysis.seasonal import seasonal_anomalies
from beatbook.analysis.trends import c_chart

MONTHS = np.arange(2022 * 12, 2022 * 12 + 48)  # 36 baseline months, then a year assessed
ASSESSED = np.arange(MONTHS.size) >= 36


def simulated(rng: np.random.Generator, level: float, alpha: float) -> np.ndarray:
    """Seasonal, overdispersed (negative binomial) monthly counts with a gentle trend and no change."""
    season = 1 + 0.15 * np.sin(2 * np.pi * (MONTHS % 12) / 12 + rng.uniform(0, 2 * np.pi))
    mu = level * season * np.exp(0.03 * (MONTHS - MONTHS[0]) / 12)
    return rng.negative_binomial(1 / alpha, 1 / (1 + alpha * mu))


@pytest.mark.parametrize("rate", [0.5, 2.0])
def test_without_change_the_false_alarm_rate_holds(rate):
    rng = np.random.default_rng(20250101)
    n, flags, chart_flags = 200, 0, 0
    for _ in range(n):
        counts = simulated(rng, rng.uniform(20, 600), rng.uniform(0.005, 0.05))
        result = seasonal_anomalies(counts, MONTHS, ASSESSED, false_alarms_per_year=rate)
        flags += int(result.high.sum() + result.low.sum())
        chart = c_chart(counts[ASSESSED])
        chart_flags += int(chart.high.sum() + chart.low.sum())
    # 200 simulated years: the observed rate is within sampling error of the stated one.
    assert 0.6 * rate <= flags / n <= 1.3 * rate
    assert chart_flags / n > 3  # what the c-chart did on such series


def test_a_jump_is_flagged_high_and_named_as_such():
    rng = np.random.default_rng(3)
    counts = simulated(rng, 300, 0.01)
    counts[40] = int(counts[40] * 1.6)
    result = seasonal_anomalies(counts, MONTHS, ASSESSED)
    assert result.high[40 - 36] and result.counts[40 - 36] > result.upper[40 - 36]
    assert result.expected[40 - 36] == pytest.approx(counts[40] / 1.6, rel=0.25)
    assert not result.retrospective and result.baseline.size == 36
    assert "quasi-Poisson regression: mean + linear trend + season" in result.model
    assert result.tail_probability == pytest.approx(0.5 / 24)


def test_the_baseline_starts_after_the_last_publication_gap():
    rng = np.random.default_rng(4)
    counts = simulated(rng, 100, 0.02)
    published = np.ones(MONTHS.size, bool)
    published[10:14] = False
    result = seasonal_anomalies(counts, MONTHS, ASSESSED, published)
    assert result.baseline[0] == MONTHS[14] and result.baseline.size == 22
    assert "season" not in result.model and "trend" in result.model  # 22 months: too few for a season


def test_without_history_the_period_is_its_own_baseline():
    counts = np.random.default_rng(5).poisson(50, size=12)
    result = seasonal_anomalies(counts, MONTHS[:12], np.ones(12, bool))
    assert result.retrospective and result.baseline.size == 12


def test_a_baseline_without_crime_flags_any_crime():
    counts = np.zeros(MONTHS.size)
    counts[-1] = 1
    result = seasonal_anomalies(counts, MONTHS, ASSESSED)
    assert result.high.tolist() == [False] * 11 + [True] and not result.low.any()


def test_refusals():
    counts = np.ones(MONTHS.size)
    with pytest.raises(ValueError, match="no published month to assess"):
        seasonal_anomalies(counts, MONTHS, ASSESSED, published=~ASSESSED)
    with pytest.raises(ValueError, match="false_alarms_per_year"):
        seasonal_anomalies(counts, MONTHS, ASSESSED, false_alarms_per_year=0)


def test_a_trend_is_not_projected_beyond_the_largest_baseline_count():
    """A steep recovery (counts doubling over the baseline) would predict more than ever seen:
    the trend is dropped, as in Farrington et al. (1996), and the model says so."""
    rng = np.random.default_rng(11)
    mu = 100 * np.exp(np.log(2) * np.arange(MONTHS.size) / 36)
    counts = rng.poisson(mu)
    counts[ASSESSED] = rng.poisson(mu[35], ASSESSED.sum())  # the recovery has ended
    result = seasonal_anomalies(counts, MONTHS, ASSESSED)
    assert "trend dropped: it would predict" in result.model and "linear trend" not in result.model
    assert result.expected.max() <= counts[~ASSESSED].max()
