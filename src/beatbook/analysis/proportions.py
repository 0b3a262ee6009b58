"""Proportions: a share with its 95% Wilson score interval (survey answers, stop and search find
rates), and the change between two waves of a survey.

Both come from statsmodels (`proportion_confint(method="wilson")`, `proportions_ztest`): the Wilson
interval (Wilson 1927) keeps its coverage near 95% for small samples and shares near 0 or 1, where
the normal ("Wald") interval fails; the change is the pooled two-proportion z-test.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from statsmodels.stats.proportion import proportion_confint, proportions_ztest

from beatbook.analysis.results import Result

#: Smallest group shown on its own: fewer responses are too few to report and could identify people.
MIN_GROUP_RESPONSES = 10
ALPHA = 0.05


@dataclass(frozen=True)
class Share(Result):
    """``part`` of ``base`` as a proportion with its interval; ``value`` is None (and ``reason``
    says why) when ``base`` is under the minimum."""

    part: int
    base: int
    value: float | None
    lower: float | None
    upper: float | None
    reason: str = ""

    @property
    def interval(self) -> tuple[float, float, float] | None:
        """(value, lower, upper), or None when the share was not computed."""
        if self.value is None or self.lower is None or self.upper is None:
            return None
        return self.value, self.lower, self.upper


@dataclass(frozen=True)
class Change:
    """The change in share from an earlier wave to a later one; `p_value` of the two-proportion z-test."""

    difference: float
    z: float
    p_value: float

    def significant(self, alpha: float = 0.05) -> bool:
        return self.p_value < alpha


def share(part: int, base: int, min_base: int = 1, alpha: float = ALPHA, unit: str = "cases") -> Share:
    """``part / base`` with a Wilson interval at level 1 - ``alpha``, or no value when ``base < min_base``
    (``unit`` names what is counted in the reason, e.g. "searches")."""
    if part < 0 or base < part:
        raise ValueError(f"a share needs 0 <= part <= base, got {part} of {base}")
    if base < max(min_base, 1):
        reason = f"not computed: under {min_base} {unit}" if min_base > 1 else f"not computed: no {unit}"
        return Share(part, base, None, None, None, reason)
    lower, upper = proportion_confint(part, base, alpha=alpha, method="wilson")
    value = part / base
    # Rounding can leave the bound a hair inside the share at 0% or 100%: keep the share inside.
    return Share(part, base, value, min(float(lower), value), max(float(upper), value))


def change(earlier: Share, later: Share) -> Change | None:
    """The two-proportion z-test of `later` against `earlier`; None when it is undefined (both 0% or
    both 100%, or a share not computed)."""
    if earlier.value is None or later.value is None:
        return None
    pooled = (earlier.part + later.part) / (earlier.base + later.base)
    if pooled in (0.0, 1.0):
        return None
    z, p = proportions_ztest([later.part, earlier.part], [later.base, earlier.base])
    if not math.isfinite(z):
        return None
    return Change(later.value - earlier.value, float(z), float(p))
