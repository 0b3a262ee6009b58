"""Assessing a crime-reduction intervention: did crime fall, and did it move next door?

The functions take crime counts before and after an intervention in a treated area, a
control area and (optionally) a displacement buffer around each. Pairs are always
``(before, after)``.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from scipy.stats import norm, poisson
from statsmodels.stats.rates import test_poisson_2indep

from beatbook.analysis.results import Result

Pair = tuple[float, float]


def _z_level(alpha: float) -> float:
    """Two-sided normal quantile for a (1 - alpha) confidence interval."""
    if not 0.0 < alpha < 1.0:
        raise ValueError(f"alpha must be between 0 and 1, got {alpha}")
    return float(norm.ppf(1.0 - alpha / 2.0))


def _pair(value: Sequence[float], name: str) -> Pair:
    """A (before, after) pair of non-negative numbers."""
    if len(value) != 2:
        raise ValueError(f"{name} must be a (before, after) pair, got {value!r}")
    before, after = float(value[0]), float(value[1])
    if before < 0 or after < 0:
        raise ValueError(f"{name} counts must not be negative, got {value!r}")
    return before, after


@dataclass(frozen=True)
class WDDResult(Result):
    """Weighted displacement difference: estimates, standard errors and the test.

    Negative estimates are reductions in crime. ``z`` and ``p_value`` (two-sided) test
    ``est_total``; ``low_ci``/``high_ci`` bound it at confidence ``1 - alpha``.
    """

    est_local: float
    se_local: float
    est_displace: float
    se_displace: float
    est_total: float
    se_total: float
    z: float
    p_value: float
    low_ci: float
    high_ci: float
    alpha: float


def _difference(treated: Pair, control: Pair, w_treated: Pair, w_control: Pair) -> tuple[float, float]:
    """Difference in differences of weighted counts and its Poisson variance.

    A count divided by its weight (period length, area size) is a rate; a Poisson count's
    variance divided by the squared weight is that rate's variance.
    """
    est = (treated[1] / w_treated[1] - treated[0] / w_treated[0]) - (
        control[1] / w_control[1] - control[0] / w_control[0]
    )
    var = sum(c / w**2 for c, w in zip(treated + control, w_treated + w_control))
    return est, var


def _weights(time_weights: Pair, area_weight: float) -> Pair:
    """(before, after) divisors of one area: its period lengths times its area weight."""
    return time_weights[0] * area_weight, time_weights[1] * area_weight


def wdd(
    control: Sequence[float],
    treated: Sequence[float],
    disp_control: Sequence[float] = (0, 0),
    disp_treated: Sequence[float] = (0, 0),
    time_weights: Sequence[float] = (1, 1),
    area_weights: Sequence[float] = (1, 1, 1, 1),
    alpha: float = 0.1,
) -> WDDResult:
    """Weighted displacement difference test of a place-based intervention.

    Parameters
    ----------
    control, treated : (before, after)
        Crime counts in the control and treated areas.
    disp_control, disp_treated : (before, after)
        Crime counts in the displacement buffers around the control and treated areas;
        leave at (0, 0) when there are none.
    time_weights : (before, after)
        Lengths of the two periods (e.g. (2, 1) for two years before and one after);
        counts are divided by them to compare like with like.
    area_weights : (control, treated, disp_control, disp_treated)
        Divisors for areas of different size.
    alpha : float
        1 - confidence level of the interval (0.1 gives a 90% interval, as in ptools).

    Returns
    -------
    WDDResult
        Local, displacement and total estimates with standard errors, z, two-sided
        p-value and confidence interval of the total.

    Notes
    -----
    Wheeler, A. P. & Ratcliffe, J. H. (2018). A simple weighted displacement difference
    test to evaluate place based crime interventions. *Crime Science* 7, 7.
    doi:10.1186/s40163-018-0085-5. Field names and defaults follow ``ptools::wdd``
    (github.com/apwheele/ptools, MIT).
    """
    tw, aw = _pair(time_weights, "time_weights"), tuple(float(w) for w in area_weights)
    if len(aw) != 4 or min(aw + tw) <= 0:
        raise ValueError("time_weights need 2 and area_weights 4 positive values")
    est_l, var_l = _difference(
        _pair(treated, "treated"),
        _pair(control, "control"),
        _weights(tw, aw[1]),
        _weights(tw, aw[0]),
    )
    est_d, var_d = _difference(
        _pair(disp_treated, "disp_treated"),
        _pair(disp_control, "disp_control"),
        _weights(tw, aw[3]),
        _weights(tw, aw[2]),
    )
    return _wdd_result(est_l, var_l, est_d, var_d, alpha)


def _z_and_p(est: float, se: float) -> tuple[float, float]:
    """z statistic and two-sided p-value; with no variance (no crime) z is 0 and p is 1."""
    if se == 0:
        return 0.0, 1.0
    z = est / se
    return z, float(2.0 * norm.sf(abs(z)))


def _wdd_result(est_l: float, var_l: float, est_d: float, var_d: float, alpha: float) -> WDDResult:
    """Assemble a WDDResult from local and displacement estimates and variances."""
    level = _z_level(alpha)
    est_t, se_t = est_l + est_d, math.sqrt(var_l + var_d)
    z, p = _z_and_p(est_t, se_t)
    return WDDResult(
        est_local=est_l,
        se_local=math.sqrt(var_l),
        est_displace=est_d,
        se_displace=math.sqrt(var_d),
        est_total=est_t,
        se_total=se_t,
        z=z,
        p_value=p,
        low_ci=est_t - level * se_t,
        high_ci=est_t + level * se_t,
        alpha=alpha,
    )


@dataclass(frozen=True)
class HarmWDDResult(Result):
    """Harm-weighted combination of several WDD estimates (one per crime type)."""

    est: float
    se: float
    z: float
    p_value: float
    low_ci: float
    high_ci: float
    alpha: float
    component: str
    weights: tuple[float, ...]


def wdd_harm(
    results: Sequence[WDDResult],
    weights: Sequence[float],
    alpha: float = 0.1,
    component: str = "total",
) -> HarmWDDResult:
    """Combine WDD estimates of several crime types with harm weights.

    Parameters
    ----------
    results : sequence of WDDResult
        One WDD per crime type.
    weights : sequence of float
        Harm weight per crime type (e.g. Cambridge Crime Harm Index days of imprisonment).
    alpha : float
        1 - confidence level of the interval.
    component : {"total", "local", "displace"}
        Which estimate of each WDD to combine.

    Notes
    -----
    The harm-weighted estimate is ``sum(w * est)`` with variance ``sum(w**2 * se**2)``, the
    crime types being independent Poisson counts. As ``ptools::wdd_harm`` (Wheeler, A. P.,
    "Amending the WDD test to incorporate Harm Weights", andrewpwheeler.com, 2020-11-19).
    """
    if len(results) != len(weights) or not results:
        raise ValueError("wdd_harm needs one weight per WDD result, and at least one")
    if component not in ("total", "local", "displace"):
        raise ValueError(f"component must be total, local or displace, got {component!r}")
    w = np.asarray(weights, dtype=float)
    est = np.array([getattr(r, f"est_{component}") for r in results])
    se = np.array([getattr(r, f"se_{component}") for r in results])
    harm_est, harm_se = float(np.sum(w * est)), float(np.sqrt(np.sum(w**2 * se**2)))
    level = _z_level(alpha)
    z, p = _z_and_p(harm_est, harm_se)
    return HarmWDDResult(
        est=harm_est,
        se=harm_se,
        z=z,
        p_value=p,
        low_ci=harm_est - level * harm_se,
        high_ci=harm_est + level * harm_se,
        alpha=alpha,
        component=component,
        weights=tuple(float(v) for v in w),
    )


@dataclass(frozen=True)
class WDQResult(Result):
    """Weighted displacement quotient with the measures it is built from.

    ``success_measure`` below 0 means crime fell in the treated area relative to control.
    ``quotient`` is None when there was no relative change in the treated area to divide by.
    """

    success_measure: float
    buffer_displacement_measure: float
    quotient: float | None
    interpretation: str


def _wdq_interpretation(success: float, quotient: float | None) -> str:
    """Plain-English reading of a WDQ, following Bowers & Johnson's (2003) table."""
    if quotient is None or success >= 0:
        return (
            "no success measured: crime did not fall in the treated area relative to "
            "control, so the quotient is not interpreted"
        )
    if quotient > 1:
        return "diffusion of benefits: the buffer improved by more than the treated area"
    if quotient > 0:
        return "diffusion of benefits: the buffer also improved, by up to as much as the treated area"
    if quotient == 0:
        return "no displacement and no diffusion of benefits"
    if quotient >= -1:
        return "some displacement to the buffer, smaller than the reduction in the treated area: a net benefit"
    return "displacement to the buffer exceeded the reduction in the treated area: the scheme was counterproductive"


def wdq(treated: Sequence[float], buffer: Sequence[float], control: Sequence[float]) -> WDQResult:
    """Weighted displacement quotient of an intervention.

    Parameters
    ----------
    treated, buffer, control : (before, after)
        Crime counts in the treated (response) area, the buffer zone around it and a
        control area.

    Returns
    -------
    WDQResult
        ``success_measure = R1/C1 - R0/C0``, ``buffer_displacement_measure =
        B1/C1 - B0/C0``, their quotient and its interpretation.

    Notes
    -----
    Bowers, K. J. & Johnson, S. D. (2003). Measuring the geographical displacement and
    diffusion of benefit effects of crime prevention activity. *Journal of Quantitative
    Criminology* 19(3), 275-301. doi:10.1023/A:1024909009240.
    """
    r0, r1 = _pair(treated, "treated")
    b0, b1 = _pair(buffer, "buffer")
    c0, c1 = _pair(control, "control")
    if c0 == 0 or c1 == 0:
        raise ValueError("wdq needs crime in the control area in both periods")
    success, displacement = r1 / c1 - r0 / c0, b1 / c1 - b0 / c0
    quotient = displacement / success if success != 0 else None
    return WDQResult(
        success_measure=success,
        buffer_displacement_measure=displacement,
        quotient=quotient,
        interpretation=_wdq_interpretation(success, quotient),
    )


@dataclass(frozen=True)
class RelativeEffectSize(Result):
    """Relative effect size with its log-normal confidence interval.

    ``res`` above 1 means crime fell in the treated area relative to control.
    ``continuity_correction`` is 0.5 if a zero count forced it onto all four counts.
    """

    res: float
    low_ci: float
    high_ci: float
    var_log: float
    alpha: float
    continuity_correction: float


def relative_effect_size(
    a: float, b: float, c: float, d: float, alpha: float = 0.05, dispersion: float = 1.0
) -> RelativeEffectSize:
    """Relative effect size ``RES = (a * d) / (b * c)`` of an area-based intervention.

    Parameters
    ----------
    a, b : float
        Crimes in the treated area before and after.
    c, d : float
        Crimes in the control area before and after.
    alpha : float
        1 - confidence level of the interval.
    dispersion : float
        Multiplier of the Poisson variance for over-dispersed counts (1 = Poisson).

    Notes
    -----
    Farrington, D. P., Gill, M., Waples, S. J. & Argomaniz, J. (2007). The effects of
    closed-circuit television on crime: meta-analysis of an English national
    quasi-experimental multi-site evaluation. *Journal of Experimental Criminology* 3,
    21-38. ``var(ln RES) = 1/a + 1/b + 1/c + 1/d``, times ``dispersion``; the interval is
    ``exp(ln RES +/- z * sqrt(var))``. A zero count makes the log undefined, so 0.5 is then
    added to every count (the Haldane-Anscombe correction) and recorded.
    """
    counts = np.array([a, b, c, d], dtype=float)
    if np.any(counts < 0) or dispersion <= 0:
        raise ValueError("counts must not be negative and dispersion must be positive")
    correction = 0.5 if np.any(counts == 0) else 0.0
    a_, b_, c_, d_ = counts + correction
    log_res = math.log(a_ * d_ / (b_ * c_))
    var = dispersion * float(np.sum(1.0 / (counts + correction)))
    half = _z_level(alpha) * math.sqrt(var)
    return RelativeEffectSize(
        res=math.exp(log_res),
        low_ci=math.exp(log_res - half),
        high_ci=math.exp(log_res + half),
        var_log=var,
        alpha=alpha,
        continuity_correction=correction,
    )


@dataclass(frozen=True)
class ETestResult(Result):
    """E-test of two Poisson rates ``k1/n1`` and ``k2/n2`` (two-sided).

    ``defined`` is False when both counts are zero: the test then has nothing to compare,
    ``p_value`` is reported as 1 (ptools returns -1 there) and ``statistic`` as 0.
    """

    k1: float
    k2: float
    n1: float
    n2: float
    statistic: float
    p_value: float
    defined: bool
    method: str = "E-test (Krishnamoorthy & Thomson 2004) via statsmodels test_poisson_2indep"


#: Above this many grid counts (the square is held in memory) e_test uses the score test.
E_TEST_MAX_GRID = 5_000
SCORE_TEST = "score test of two Poisson rates (large counts), via statsmodels test_poisson_2indep"


def _e_test_grid(k1: float, k2: float, n1: float, n2: float) -> np.ndarray:
    """The counts the E-test sums over: where either null Poisson has mass above 1e-13.

    statsmodels' default grid starts at 0, so its square grows with the counts themselves
    (7,719 against 8,443 took 1.9 GB); trimming the lower tail, with the same 1e-13 cut-off
    statsmodels uses for the upper tail, keeps it near the means and gives the same p-value.
    """
    pooled = (k1 + k2) / (n1 + n2)
    low_mean, high_mean = sorted((n1 * pooled, n2 * pooled))
    low = poisson.ppf(1e-13, low_mean) if low_mean > 0 else 0
    high = max(poisson.isf(1e-13, high_mean), 100)
    return np.arange(max(0, low - 1), high + 1)


def e_test(k1: float, k2: float, n1: float = 1, n2: float = 1) -> ETestResult:
    """Two-sided E-test that two Poisson counts come from the same rate.

    Parameters
    ----------
    k1, k2 : float
        Counts (e.g. crimes this year and last year).
    n1, n2 : float
        Exposures (period lengths, populations) of the two counts.

    Notes
    -----
    Krishnamoorthy, K. & Thomson, J. (2004). A more powerful test for comparing two
    Poisson means. *Journal of Statistical Planning and Inference* 119, 23-35. Computed by
    ``statsmodels.stats.rates.test_poisson_2indep(method='etest')``; matches ``ptools::e_test``.
    """
    if min(k1, k2) < 0 or min(n1, n2) <= 0:
        raise ValueError("counts must not be negative and exposures must be positive")
    if k1 == 0 and k2 == 0:
        return ETestResult(k1, k2, n1, n2, statistic=0.0, p_value=1.0, defined=False)
    grid = _e_test_grid(k1, k2, n1, n2)
    # statsmodels also reports the rate ratio, which divides by zero when k2 == 0; the
    # p-value is unaffected, so silence only that numpy division warning.
    with np.errstate(divide="ignore", invalid="ignore"):
        if grid.size > E_TEST_MAX_GRID:
            # Counts this large: the E-test's grid would take gigabytes, and the score test it
            # improves on for small counts is as good here.
            test = test_poisson_2indep(k1, n1, k2, n2, method="score")
            return ETestResult(
                k1,
                k2,
                n1,
                n2,
                statistic=float(test.statistic),
                p_value=float(test.pvalue),
                defined=True,
                method=SCORE_TEST,
            )
        test = test_poisson_2indep(k1, n1, k2, n2, method="etest", etest_kwds={"y_grid": grid})
    # Summing the E-test's Poisson grid can overshoot 1 by rounding (k1 == k2 gives 1 + 2e-15).
    p_value = min(1.0, float(test.pvalue))
    return ETestResult(k1, k2, n1, n2, statistic=float(test.statistic), p_value=p_value, defined=True)
