"""Survey proportions: a share with its 95% Wilson score interval, and the change between two waves.

Both come from statsmodels (`proportion_confint(method="wilson")`, `proportions_ztest`): the Wilson
interval (Wilson 1927) keeps its coverage near 95% for small samples and shares near 0 or 1, where
the normal ("Wald") interval fails; the change is the pooled two-proportion z-test.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from statsmodels.stats.proportion import proportion_confint, proportions_ztest

#: Smallest group shown on its own: fewer responses are too few to report and could identify people.
MIN_GROUP_RESPONSES = 10


@dataclass(frozen=True)
class Proportion:
    """`count` of `n` answers, as a share with its 95% Wilson interval (shares from 0 to 1)."""

    count: int
    n: int
    share: float
    low: float
    high: float


@dataclass(frozen=True)
class Change:
    """The change in share from an earlier wave to a later one; `p_value` of the two-proportion z-test."""

    difference: float
    z: float
    p_value: float

    def significant(self, alpha: float = 0.05) -> bool:
        return self.p_value < alpha


def wilson(count: int, n: int, alpha: float = 0.05) -> Proportion:
    """The share `count / n` with its Wilson score interval at level 1 - `alpha`."""
    if n <= 0 or not 0 <= count <= n:
        raise ValueError(f"a proportion needs 0 <= count <= n and n > 0, not count={count}, n={n}")
    low, high = proportion_confint(count, n, alpha=alpha, method="wilson")
    return Proportion(count, n, count / n, float(low), float(high))


def change(earlier: Proportion, later: Proportion) -> Change | None:
    """The two-proportion z-test of `later` against `earlier`; None when it is undefined (both 0% or both 100%)."""
    pooled = (earlier.count + later.count) / (earlier.n + later.n)
    if pooled in (0.0, 1.0):
        return None
    z, p = proportions_ztest([later.count, earlier.count], [later.n, earlier.n])
    if not math.isfinite(z):
        return None
    return Change(later.share - earlier.share, float(z), float(p))
