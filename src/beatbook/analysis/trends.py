"""Monthly crime trends: series, year-on-year change, anomaly flags and short forecasts.

Months are integers, the *month index* ``year * 12 + (month - 1)``: 2024-01 is 24288 and
consecutive months differ by one, so "the same month a year earlier" is ``m - 12`` and
gaps are easy to see. police.uk publishes months as ``'YYYY-MM'`` strings; every function
here accepts either form, :func:`month_index` converts strings and :func:`month_label`
converts back.

police.uk data have gaps (no City of London street-level data for 2020-12..2022-06): a
month without published data is *unknown*, not zero. :class:`MonthlyCounts` keeps a
``published`` mask so that such months are not read as months without crime.
"""

from __future__ import annotations

import re
import warnings
from collections.abc import Callable
from dataclasses import dataclass, field

import numpy as np
import pandas as pd
from numpy.typing import ArrayLike
from scipy.stats import poisson
from statsmodels.tsa.exponential_smoothing.ets import ETSModel

from beatbook.analysis.assessment import e_test
from beatbook.analysis.results import Result

_MONTH = re.compile(r"^(\d{4})-(\d{2})$")


def _parse_month(text: str) -> int:
    """Month index of one ``'YYYY-MM'`` string."""
    match = _MONTH.match(str(text).strip())
    if not match or not 1 <= int(match.group(2)) <= 12:
        raise ValueError(f"month {text!r} is not of the form YYYY-MM")
    return int(match.group(1)) * 12 + int(match.group(2)) - 1


def month_index(months: ArrayLike | str | int) -> np.ndarray:
    """Month indices (``year * 12 + month - 1``) of ints or ``'YYYY-MM'`` strings."""
    a = np.atleast_1d(np.asarray(months))
    if a.dtype.kind in "iu":
        return a.astype(np.int64)
    # Parse each distinct string once: a year of crimes has only twelve.
    distinct, inverse = np.unique(a.astype(str), return_inverse=True)
    return np.array([_parse_month(m) for m in distinct], dtype=np.int64)[inverse.ravel()]


def month_label(index: int) -> str:
    """``'YYYY-MM'`` of a month index."""
    year, month0 = divmod(int(index), 12)
    return f"{year:04d}-{month0 + 1:02d}"


def _labels(indices: ArrayLike) -> tuple[str, ...]:
    return tuple(month_label(i) for i in np.atleast_1d(indices))


@dataclass(frozen=True)
class MonthlyCounts(Result):
    """Crimes per month for each (area, category) that had any crime.

    ``counts[i, j]`` is crimes of ``keys[i]`` in month ``months[j]``. Months run without
    gaps from first to last; where ``published[j]`` is False no data were published and
    the zero in ``counts`` means *unknown*.
    """

    months: np.ndarray
    labels: tuple[str, ...]
    keys: tuple[tuple[str, str], ...]
    counts: np.ndarray
    published: np.ndarray

    def series(self, area: str | None = None, category: str | None = None) -> np.ndarray:
        """Counts per month summed over rows matching ``area`` and ``category`` (None: all)."""
        rows = [
            i
            for i, (a, c) in enumerate(self.keys)
            if (area is None or a == area) and (category is None or c == category)
        ]
        return self.counts[rows].sum(axis=0)


def _labels_or_all(values: ArrayLike | None, n: int) -> np.ndarray:
    """String labels per crime, or 'all' for every crime when not given."""
    if values is None:
        return np.full(n, "all")
    return np.asarray(values).astype(str)


def monthly_counts(
    months: ArrayLike,
    areas: ArrayLike | None = None,
    categories: ArrayLike | None = None,
    first: int | str | None = None,
    last: int | str | None = None,
    published: ArrayLike | None = None,
) -> MonthlyCounts:
    """Monthly series per area and category from one row per crime.

    Parameters
    ----------
    months : array_like of int or 'YYYY-MM'
        Month of each crime.
    areas, categories : array_like of str, optional
        Area (ward, sector) and police.uk category of each crime; None puts every crime
        in "all".
    first, last : int or 'YYYY-MM', optional
        Range of months (default: the first and last month with a crime). Crimes
        outside the range are left out.
    published : array_like of int or 'YYYY-MM', optional
        Months for which data were published (default: every month in the range).

    Notes
    -----
    Counting only; the series feed :func:`year_on_year`, the anomaly charts and
    :func:`forecast`.
    """
    m = month_index(months)
    if m.size == 0 and (first is None or last is None):
        raise ValueError("no crimes: give first and last to build empty series")
    lo = int(m.min()) if first is None else int(month_index(first)[0])
    hi = int(m.max()) if last is None else int(month_index(last)[0])
    keep = (m >= lo) & (m <= hi)
    area_of, category_of = (_labels_or_all(v, m.size)[keep] for v in (areas, categories))
    pairs, row = np.unique(np.stack([area_of, category_of], axis=1), axis=0, return_inverse=True)
    span = hi - lo + 1
    flat = np.bincount(row.ravel() * span + (m[keep] - lo), minlength=len(pairs) * span)
    grid = np.arange(lo, hi + 1)
    mask = np.ones(span, bool) if published is None else np.isin(grid, month_index(published))
    return MonthlyCounts(
        months=grid,
        labels=_labels(grid),
        keys=tuple((str(a), str(c)) for a, c in pairs),
        counts=flat.reshape(len(pairs), span),
        published=mask,
    )


@dataclass(frozen=True)
class YearOnYear(Result):
    """Crimes in a window of months against the same months a year earlier.

    ``percent_change`` is None when the earlier window had no crime. ``significant`` is
    ``p_value < alpha`` for the two-sided E-test.
    """

    months: tuple[str, ...]
    previous_months: tuple[str, ...]
    current: int
    previous: int
    change: int
    percent_change: float | None
    p_value: float
    significant: bool
    alpha: float
    test: str = "E-test of two Poisson counts (Krishnamoorthy & Thomson 2004)"


def _window_sum(counts: np.ndarray, m: np.ndarray, window: np.ndarray, ok: np.ndarray) -> int:
    """Sum of counts over ``window`` months, refusing months absent or unpublished."""
    present = np.isin(window, m[ok])
    if not present.all():
        missing = ", ".join(_labels(window[~present]))
        raise ValueError(f"no published data for {missing}")
    return int(counts[np.isin(m, window)].sum())


def year_on_year(
    counts: ArrayLike,
    months: ArrayLike,
    end: int | str | None = None,
    span: int = 1,
    published: ArrayLike | None = None,
    alpha: float = 0.05,
) -> YearOnYear:
    """Change in crime over ``span`` months to ``end`` against the same months a year before.

    Parameters
    ----------
    counts : array_like
        Crimes per month.
    months : array_like of int or 'YYYY-MM'
        The month of each count.
    end : int or 'YYYY-MM', optional
        Last month of the window (default: the last month given).
    span : int
        Months in the window (1 = one month; 3 = a quarter; 12 = a rolling year).
    published : array_like of bool, optional
        Whether each month's data were published; unpublished months cannot be compared.
    alpha : float
        Significance level.

    Notes
    -----
    Comparing with the same months a year earlier removes seasonality. The counts are
    compared with the E-test of Krishnamoorthy, K. & Thomson, J. (2004). *Journal of
    Statistical Planning and Inference* 119, 23-35 (statsmodels ``test_poisson_2indep``).
    """
    c, m = np.asarray(counts), month_index(months)
    ok = np.ones(m.size, bool) if published is None else np.asarray(published, bool)
    last = int(m.max()) if end is None else int(month_index(end)[0])
    window = np.arange(last - span + 1, last + 1)
    current, previous = _window_sum(c, m, window, ok), _window_sum(c, m, window - 12, ok)
    test = e_test(current, previous)
    return YearOnYear(
        months=_labels(window),
        previous_months=_labels(window - 12),
        current=current,
        previous=previous,
        change=current - previous,
        percent_change=100.0 * (current - previous) / previous if previous else None,
        p_value=test.p_value,
        significant=test.p_value < alpha,
        alpha=alpha,
        test=test.method,
    )


@dataclass(frozen=True)
class Anomalies(Result):
    """Control-chart flags on a monthly series, with the rule that made them.

    ``statistic`` is what is charted (the counts, the EWMA or the CUSUM); ``high`` and
    ``low`` flag months above ``upper`` or below ``lower``. ``centre`` is the in-control
    mean estimated from the first ``baseline_months`` months.
    """

    rule: str
    counts: np.ndarray
    statistic: np.ndarray
    centre: float
    lower: np.ndarray
    upper: np.ndarray
    high: np.ndarray
    low: np.ndarray
    baseline_months: int
    parameters: dict[str, float] = field(default_factory=dict)


def _baseline(counts: ArrayLike, baseline: int | None) -> tuple[np.ndarray, float, int]:
    """Counts as floats, the in-control mean of the first ``baseline`` months, and their number."""
    x = np.asarray(counts, dtype=float)
    if x.size == 0 or np.any(x < 0) or not np.all(np.isfinite(x)):
        raise ValueError("counts must be a non-empty series of non-negative numbers")
    n = x.size if baseline is None else int(baseline)
    if not 1 <= n <= x.size:
        raise ValueError(f"baseline must be between 1 and {x.size} months, got {baseline}")
    return x, float(x[:n].mean()), n


def c_chart(counts: ArrayLike, baseline: int | None = None, sigmas: float = 3.0) -> Anomalies:
    """Shewhart c-chart: flag months outside mean +/- 3 sqrt(mean).

    Parameters
    ----------
    counts : array_like
        Crimes per month (published months only).
    baseline : int, optional
        Number of leading months that estimate the mean (default: all, a retrospective chart).
    sigmas : float
        Width of the limits in Poisson standard deviations.

    Notes
    -----
    Montgomery, D. C. (2009). *Introduction to Statistical Quality Control*, 6th ed.,
    section 7.3.1 (control charts for nonconformities): for Poisson counts the standard
    deviation is sqrt(mean). The lower limit is floored at 0.
    """
    x, mean, n = _baseline(counts, baseline)
    upper = np.full(x.size, mean + sigmas * np.sqrt(mean))
    lower = np.full(x.size, max(0.0, mean - sigmas * np.sqrt(mean)))
    return Anomalies(
        rule=f"c-chart: mean ± {sigmas:g}·sqrt(mean) (Shewhart)",
        counts=x,
        statistic=x,
        centre=mean,
        lower=lower,
        upper=upper,
        high=x > upper,
        low=x < lower,
        baseline_months=n,
        parameters={"sigmas": sigmas},
    )


def _ewma(x: np.ndarray, start: float, lam: float) -> np.ndarray:
    """z_t = lam * x_t + (1 - lam) * z_{t-1}, z_0 = start."""
    z, previous = np.empty_like(x), start
    for t, value in enumerate(x):
        previous = lam * value + (1.0 - lam) * previous
        z[t] = previous
    return z


def ewma_chart(counts: ArrayLike, baseline: int | None = None, lam: float = 0.2, width: float = 3.0) -> Anomalies:
    """Poisson EWMA chart: flag months where the smoothed count leaves its limits.

    Parameters
    ----------
    counts : array_like
        Crimes per month (published months only).
    baseline : int, optional
        Number of leading months that estimate the in-control mean (default: all).
    lam : float
        Smoothing weight of the newest month, in (0, 1].
    width : float
        Width of the limits in standard deviations of the EWMA.

    Notes
    -----
    Borror, C. M., Champ, C. W. & Rigdon, S. E. (1998). Poisson EWMA control charts.
    *Journal of Quality Technology* 30(4), 352-361. Exact time-varying limits
    ``mu0 +/- width * sqrt(mu0 * lam / (2 - lam) * (1 - (1 - lam)**(2t)))``, lower floored at 0.
    """
    if not 0.0 < lam <= 1.0:
        raise ValueError(f"lam must be in (0, 1], got {lam}")
    x, mean, n = _baseline(counts, baseline)
    z = _ewma(x, mean, lam)
    t = np.arange(1, x.size + 1)
    half = width * np.sqrt(mean * lam / (2.0 - lam) * (1.0 - (1.0 - lam) ** (2 * t)))
    upper, lower = mean + half, np.maximum(0.0, mean - half)
    return Anomalies(
        rule=f"EWMA chart (Poisson), lambda={lam:g}, limits ±{width:g} sd",
        counts=x,
        statistic=z,
        centre=mean,
        lower=lower,
        upper=upper,
        high=z > upper,
        low=z < lower,
        baseline_months=n,
        parameters={"lambda": lam, "width": width},
    )


def poisson_cusum(
    counts: ArrayLike, baseline: int | None = None, shift_ratio: float = 1.5, h_sd: float = 4.0
) -> Anomalies:
    """Upper Poisson CUSUM: flag a sustained rise in crime.

    Parameters
    ----------
    counts : array_like
        Crimes per month (published months only).
    baseline : int, optional
        Number of leading months that estimate the in-control mean mu0 (default: all).
    shift_ratio : float
        The rise to detect, as a ratio mu1 / mu0 (> 1).
    h_sd : float
        Decision interval h in Poisson standard deviations sqrt(mu0).

    Notes
    -----
    Lucas, J. M. (1985). Counted data CUSUM's. *Technometrics* 27(2), 129-144:
    ``S_t = max(0, S_{t-1} + x_t - k)`` with reference value
    ``k = (mu1 - mu0) / (ln mu1 - ln mu0) = mu0 (r - 1) / ln r``; a month signals when
    ``S_t > h``. h = 4 standard deviations follows the tabular-CUSUM convention of
    Montgomery (2009) section 9.1; choose h from Lucas's run-length tables for a known
    false-alarm rate. The sum is not reset after a signal, so a sustained rise keeps
    signalling. With a zero baseline k and h are 0, so any crime signals.
    """
    if shift_ratio <= 1.0:
        raise ValueError(f"shift_ratio must exceed 1, got {shift_ratio}")
    x, mean, n = _baseline(counts, baseline)
    k, h = mean * (shift_ratio - 1.0) / np.log(shift_ratio), h_sd * np.sqrt(mean)
    s = np.empty_like(x)
    total = 0.0
    for t, value in enumerate(x):
        total = max(0.0, total + value - k)
        s[t] = total
    return Anomalies(
        rule=f"Poisson CUSUM (Lucas 1985), upper, shift ×{shift_ratio:g}, h={h_sd:g} sd",
        counts=x,
        statistic=s,
        centre=mean,
        lower=np.zeros(x.size),
        upper=np.full(x.size, h),
        high=s > h,
        low=np.zeros(x.size, bool),
        baseline_months=n,
        parameters={"k": float(k), "h": float(h), "shift_ratio": shift_ratio},
    )


_RULES: dict[str, Callable[..., Anomalies]] = {"c-chart": c_chart, "ewma": ewma_chart, "cusum": poisson_cusum}


def anomalies(counts: ArrayLike, rule: str = "c-chart", **options: float) -> Anomalies:
    """Flag anomalous months with ``rule`` ("c-chart", "ewma" or "cusum"); see each chart."""
    if rule not in _RULES:
        raise ValueError(f"unknown rule {rule!r}; choose one of {', '.join(_RULES)}")
    return _RULES[rule](counts, **options)


@dataclass(frozen=True)
class Forecast(Result):
    """A short forecast with a (1 - alpha) prediction interval, floored at 0.

    ``method`` names the model actually used; ``note`` says why a fallback was taken;
    ``warnings`` records what statsmodels warned about while fitting.
    """

    method: str
    horizon: int
    mean: np.ndarray
    lower: np.ndarray
    upper: np.ndarray
    alpha: float
    n_observations: int
    warnings: tuple[str, ...] = ()
    note: str = ""


def _trailing_published(x: np.ndarray, published: ArrayLike | None) -> np.ndarray:
    """The months after the last unpublished one: a forecast needs an unbroken series."""
    if published is None:
        return x
    gaps = np.flatnonzero(~np.asarray(published, bool))
    return x[gaps[-1] + 1 :] if gaps.size else x


def _mean_forecast(x: np.ndarray, horizon: int, alpha: float, note: str, caught: tuple[str, ...] = ()) -> Forecast:
    """Fallback: the mean of the last 12 months with a Poisson prediction interval."""
    mean = float(x[-12:].mean()) if x.size else 0.0
    lower, upper = poisson.ppf([alpha / 2.0, 1.0 - alpha / 2.0], mean)
    return Forecast(
        method="mean of the last 12 months, Poisson interval",
        horizon=horizon,
        mean=np.full(horizon, mean),
        lower=np.full(horizon, float(lower)),
        upper=np.full(horizon, float(upper)),
        alpha=alpha,
        n_observations=int(x.size),
        warnings=caught,
        note=note,
    )


def _fit_ets(x: np.ndarray, horizon: int, alpha: float, trend: bool) -> tuple[pd.DataFrame, tuple[str, ...], bool]:
    """Fit ETS and predict: (prediction frame, warnings caught, whether the fit converged)."""
    with warnings.catch_warnings(record=True) as caught:
        # Record every warning instead of letting pytest's filterwarnings=error or a log
        # swallow it: the result reports them.
        warnings.simplefilter("always")
        # statsmodels 0.15 get_prediction needs a pandas index, not a bare ndarray.
        model = ETSModel(pd.Series(x), error="add", trend="add" if trend else None, damped_trend=trend)
        fit = model.fit(disp=False)
        prediction = fit.get_prediction(start=x.size, end=x.size + horizon - 1)
        frame = prediction.summary_frame(alpha=alpha)
    converged = bool((fit.mle_retvals or {}).get("converged", True))
    messages = tuple(f"{w.category.__name__}: {w.message}" for w in caught)
    return frame, messages, converged


def forecast(
    counts: ArrayLike,
    horizon: int = 3,
    alpha: float = 0.05,
    trend: bool = False,
    min_months: int = 12,
    published: ArrayLike | None = None,
) -> Forecast:
    """Forecast the next months by exponential smoothing, with a prediction interval.

    Parameters
    ----------
    counts : array_like
        Crimes per month, oldest first.
    horizon : int
        Months ahead to forecast.
    alpha : float
        1 - coverage of the prediction interval.
    trend : bool
        Add a damped additive trend (Holt); otherwise simple exponential smoothing.
    min_months : int
        Fewer months than this (after the last publication gap) use the fallback.
    published : array_like of bool, optional
        Whether each month was published; only the months after the last gap are used.

    Notes
    -----
    Hyndman, R. J., Koehler, A. B., Ord, J. K. & Snyder, R. D. (2008). *Forecasting with
    Exponential Smoothing: the State Space Approach*. Springer: ETS(A,N,N) or ETS(A,Ad,N)
    fitted by statsmodels ``ETSModel``. A series that is too short, constant (e.g. all
    zeros) or whose fit fails to converge falls back to the mean of the last 12 months
    with a Poisson interval; the reason is in ``note``. Counts cannot be negative, so the
    interval is floored at 0.
    """
    if horizon < 1:
        raise ValueError("horizon must be at least 1 month")
    x = _trailing_published(np.asarray(counts, dtype=float), published)
    if x.size < min_months:
        return _mean_forecast(x, horizon, alpha, f"only {x.size} months: too short to smooth")
    if np.ptp(x) == 0:
        return _mean_forecast(x, horizon, alpha, "constant series: nothing to smooth")
    frame, caught, converged = _fit_ets(x, horizon, alpha, trend)
    values = frame[["mean", "pi_lower", "pi_upper"]].to_numpy(dtype=float)
    if not converged or not np.all(np.isfinite(values)):
        return _mean_forecast(x, horizon, alpha, "exponential smoothing did not converge", caught)
    return Forecast(
        method="ETS(A,Ad,N) damped trend" if trend else "ETS(A,N,N) simple exponential smoothing",
        horizon=horizon,
        mean=np.maximum(values[:, 0], 0.0),
        lower=np.maximum(values[:, 1], 0.0),
        upper=np.maximum(values[:, 2], 0.0),
        alpha=alpha,
        n_observations=int(x.size),
        warnings=caught,
    )
