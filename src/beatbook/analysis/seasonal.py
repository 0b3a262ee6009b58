"""Anomalous months of a seasonal, overdispersed crime series, at a stated false-alarm rate.

Monthly crime counts vary with the season and vary more than a Poisson count would, so a
c-chart (mean +/- 3 sqrt(mean)) flags a large share of ordinary months. Here each month of
the assessed period is compared with the months before it: a negative binomial (NB2)
regression with a linear trend (dropped when it would predict beyond the largest baseline
count, as Farrington et al. do) and annual harmonics is fitted to the baseline,
and a month is flagged when its count is so far in either tail of its predictive
distribution that, were nothing to change, flags would come at ``false_alarms_per_year``
a year.

The approach is that of outbreak detection in public-health surveillance: Farrington,
C. P., Andrews, N. J., Beale, A. D. & Catchpole, M. A. (1996). A statistical algorithm for
the early detection of outbreaks of infectious disease. *JRSS A* 159(3), 547-563, and its
negative binomial thresholds in Noufaily, A. et al. (2013). An improved algorithm for
outbreak detection in multiple surveillance systems. *Statistics in Medicine* 32(7),
1206-1222. As in Farrington et al., the threshold includes the uncertainty of the fitted
mean: the variance of the prediction, ``mu + alpha mu^2 + mu^2 x' V x`` (delta method on
the log link, V the covariance of the coefficients), is matched by a negative binomial of
dispersion ``alpha + x' V x``.
"""

from __future__ import annotations

import warnings
from dataclasses import dataclass

import numpy as np
from numpy.typing import ArrayLike
from scipy.stats import nbinom, norm
from scipy.stats import t as t_dist
from statsmodels.genmod.families import Poisson
from statsmodels.genmod.generalized_linear_model import GLM

from beatbook.analysis.results import Result

#: Published months before the assessed period that the model learns from, at most.
BASELINE_MONTHS = 36
#: A factor per calendar month needs at least two of each.
SEASONAL_MONTHS = 24
HARMONICS = 2
#: Fewer baseline months than this: no trend either, only a mean.
TREND_MONTHS = 12


@dataclass(frozen=True)
class SeasonalAnomalies(Result):
    """Flags of the assessed months and the model behind them.

    ``expected``, ``lower`` and ``upper`` are per assessed month: counts outside
    ``[lower, upper]`` are flagged. ``model`` says which terms were fitted on which
    ``baseline`` months; ``retrospective`` is True when there were too few months before the
    period, so the period itself was the baseline.
    """

    months: np.ndarray  # month indices (year * 12 + month - 1) of the assessed months
    counts: np.ndarray
    expected: np.ndarray
    lower: np.ndarray
    upper: np.ndarray
    high: np.ndarray
    low: np.ndarray
    false_alarms_per_year: float
    tail_probability: float  # per month and per tail
    scale: float  # quasi-Poisson scale of the baseline: variance = scale * mean
    baseline: np.ndarray  # month indices the model was fitted on
    model: str
    retrospective: bool
    warnings: tuple[str, ...] = ()


def _design(months: np.ndarray, seasonal: bool, trend: bool, origin: int) -> np.ndarray:
    """Intercept, trend per year, and HARMONICS annual sine-cosine pairs."""
    columns = [np.ones(months.size)]
    if trend:
        columns.append((months - origin) / 12.0)
    if seasonal:
        angle = 2 * np.pi * (months % 12) / 12.0
        for k in range(1, HARMONICS + 1):
            columns += [np.sin(k * angle), np.cos(k * angle)]
    return np.column_stack(columns)


def _terms(n: int) -> tuple[bool, bool, str]:
    seasonal, trend = n >= SEASONAL_MONTHS, n >= TREND_MONTHS
    names = (
        ["mean"]
        + (["linear trend"] if trend else [])
        + ([f"season ({HARMONICS} annual harmonics)"] if seasonal else [])
    )
    return seasonal, trend, " + ".join(names)


@dataclass(frozen=True)
class _Fit:
    beta: np.ndarray
    cov: np.ndarray  # already scaled by phi
    phi: float  # quasi-Poisson scale: variance phi * mu
    df: int  # residual degrees of freedom of phi
    warnings: tuple[str, ...]

    def dispersion(self, mu: np.ndarray, x: np.ndarray) -> np.ndarray:
        """NB2 dispersion whose variance, mu + alpha mu^2, is that of the prediction:
        phi mu for the count, plus mu^2 x' V x for the uncertainty of the fitted mean."""
        return np.maximum(self.phi - 1.0, 0.0) / mu + np.einsum("ij,jk,ik->i", x, self.cov, x)


def _fit(y: np.ndarray, x: np.ndarray) -> _Fit:
    """Quasi-Poisson regression, the scale from the Pearson statistic (McCullagh & Nelder 1989)."""
    with warnings.catch_warnings(record=True) as caught:
        # Recorded, not raised: the result reports them (a perfect fit, for instance).
        warnings.simplefilter("always")
        glm = GLM(y, x, family=Poisson()).fit(scale="X2")
    messages = tuple(f"{w.category.__name__}: {w.message}" for w in caught)
    scale = float(glm.scale) if np.isfinite(glm.scale) else 1.0
    return _Fit(np.asarray(glm.params), np.asarray(glm.cov_params()), scale, int(glm.df_resid), messages)


def _tail(probability: float, df: int) -> float:
    """The tail probability to use with an estimated scale: that of the normal deviate
    equal to Student's t quantile on ``df`` degrees of freedom, so that the uncertainty of
    phi widens the limits as a t interval does."""
    return float(norm.sf(t_dist.isf(probability, df))) if df > 0 else probability


def _baseline(published: np.ndarray, months: np.ndarray, start: int, most: int) -> np.ndarray:
    """Positions of the latest ``most`` published months before ``start``, after the last
    publication gap: a model across a gap of unknown months would mix two regimes."""
    before = np.flatnonzero(published & (months < start))
    if before.size == 0:
        return before
    breaks = np.flatnonzero(np.diff(months[before]) > 1)
    run = before[breaks[-1] + 1 :] if breaks.size else before
    return run[-most:]


def seasonal_anomalies(
    counts: ArrayLike,
    months: ArrayLike,
    assess: ArrayLike,
    published: ArrayLike | None = None,
    false_alarms_per_year: float = 0.5,
    baseline_months: int = BASELINE_MONTHS,
) -> SeasonalAnomalies:
    """Flag months of ``assess`` whose counts are extreme against the months before them.

    Parameters
    ----------
    counts : array_like of int
        Crimes per month.
    months : array_like of int
        Month index (``year * 12 + month - 1``) of each count, increasing.
    assess : array_like of bool
        The months to assess (the analysis period); the baseline is the published months
        before the first of them.
    published : array_like of bool, optional
        Whether each month was published; unpublished months are neither baseline nor
        assessed (default: all published).
    false_alarms_per_year : float
        Expected flags per year of a series in which nothing changes, high and low
        together: each month is flagged when its count lies in a tail of probability
        ``false_alarms_per_year / 24``.
    baseline_months : int
        The latest this many published months before the period are the baseline.

    Returns
    -------
    SeasonalAnomalies

    Notes
    -----
    With fewer than 12 published months before the period the period itself is the
    baseline (a retrospective chart, which flags fewer months than the rate states). With
    fewer than 24 baseline months no calendar-month factor is fitted, with fewer than 12 no
    trend. A baseline without any crime expects none, so any crime is flagged.
    """
    y, m = np.asarray(counts, dtype=float), np.asarray(months, dtype=np.int64)
    ok = np.ones(y.size, bool) if published is None else np.asarray(published, bool)
    target = np.asarray(assess, bool) & ok
    if not target.any():
        raise ValueError("no published month to assess")
    if not 0 < false_alarms_per_year < 12:
        raise ValueError(f"false_alarms_per_year must be between 0 and 12, got {false_alarms_per_year}")
    before = _baseline(ok, m, int(m[target].min()), baseline_months)
    retrospective = before.size < TREND_MONTHS
    base = np.flatnonzero(target) if retrospective else before
    seasonal, trend, terms = _terms(base.size)
    origin = int(m[base].max())
    tail = false_alarms_per_year / 24.0
    mu = alpha = np.zeros(int(target.sum()))
    fit = _Fit(np.zeros(1), np.zeros((1, 1)), 1.0, 0, ())
    if y[base].sum() > 0:
        fit, x, mu = _predict(y[base], m[base], m[target], seasonal, trend, origin)
        if trend and not _trend_kept(fit, mu, y[base]):
            trend, terms = (
                False,
                terms.replace(" + linear trend", "") + " (trend dropped: " + _why(fit, mu, y[base]) + ")",
            )
            fit, x, mu = _predict(y[base], m[base], m[target], seasonal, trend, origin)
        alpha = fit.dispersion(mu, x)
    lower, upper = _bounds(mu, alpha, _tail(tail, fit.df))
    observed = y[target]
    return SeasonalAnomalies(
        months=m[target],
        counts=observed,
        expected=mu,
        lower=lower,
        upper=upper,
        high=observed > upper,
        low=observed < lower,
        false_alarms_per_year=false_alarms_per_year,
        tail_probability=tail,
        scale=fit.phi,
        baseline=m[base],
        model=f"quasi-Poisson regression: {terms}",
        retrospective=retrospective,
        warnings=fit.warnings,
    )


def _predict(
    y: np.ndarray, base: np.ndarray, target: np.ndarray, seasonal: bool, trend: bool, origin: int
) -> tuple[_Fit, np.ndarray, np.ndarray]:
    """The model fitted on the baseline, the design of the assessed months and their expected counts."""
    fit = _fit(y, _design(base, seasonal, trend, origin))
    x = _design(target, seasonal, trend, origin)
    return fit, x, np.exp(x @ fit.beta)


def _trend_kept(fit: _Fit, mu: np.ndarray, baseline: np.ndarray) -> bool:
    """As in Farrington et al. (1996), section 3.3, a trend is not projected beyond the largest
    baseline count: a recovery (the City's workers returning after 2021) is not a trend to
    carry into the next year. (Their other condition, significance, is not applied: dropping a
    real but not significant trend raised the false alarms of simulated series by a third.)"""
    return float(mu.max()) <= float(baseline.max())


def _why(fit: _Fit, mu: np.ndarray, baseline: np.ndarray) -> str:
    return f"it would predict {mu.max():.0f}, above the largest baseline count, {baseline.max():.0f}"


def _bounds(mu: np.ndarray, alpha: np.ndarray, tail: float) -> tuple[np.ndarray, np.ndarray]:
    """``[lower, upper]``, the counts not flagged: P(Y < lower) and P(Y > upper) are at most
    ``tail`` under a negative binomial of mean ``mu`` and dispersion ``alpha``."""
    lower, upper = np.zeros(mu.size), np.zeros(mu.size)
    positive = mu > 0  # a mean of zero allows only zero
    size = 1.0 / np.maximum(alpha[positive], 1e-9)
    prob = size / (size + mu[positive])
    lower[positive] = nbinom.ppf(tail, size, prob)
    upper[positive] = nbinom.isf(tail, size, prob)
    return lower, upper
