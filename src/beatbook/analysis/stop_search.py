"""Stop and search figures a scrutiny group reads: the find rate, and searches per head of a
resident group against a reference group (disproportionality), with the small-number rules
that keep a percentage or a ratio from being read into a handful of searches.

Find rate: the searches whose outcome was linked to the object of the search (police.uk's
"Outcome linked to object of search" is true: the officer found what the search was for), as
a share of the searches for which that field is recorded. A Wilson interval gives its
uncertainty (Wilson, E. B. (1927). *JASA* 22(158), 209-212), via statsmodels.

Disproportionality: searches per 1,000 residents of a group divided by the same rate of the
reference group (the rate ratio the Home Office's *Police powers and procedures* statistics
publish), with a score interval for the ratio of two Poisson rates (statsmodels
``confint_poisson_2indep``). A resident-based ratio assumes the people searched are the
residents; where most people present are workers and visitors, it is weak evidence.
"""

from __future__ import annotations

from dataclasses import dataclass

from statsmodels.stats.rates import confint_poisson_2indep

from beatbook.analysis import proportions
from beatbook.analysis.proportions import Share
from beatbook.analysis.results import Result

#: A count under this is shown with a caution: one search more or less changes it by 20% or more.
SMALL_COUNT = 5
#: No percentage or rate on fewer searches than this: one search would move it by 5 points or more.
MIN_BASE = 20
ALPHA = proportions.ALPHA


def share(part: int, base: int, min_base: int = MIN_BASE, alpha: float = ALPHA) -> Share:
    """``part / base`` of searches with a Wilson interval, or no value when ``base < min_base``."""
    return proportions.share(part, base, min_base, alpha, unit="searches")


def find_rate(linked: int, known: int, min_base: int = MIN_BASE) -> Share:
    """Searches that found their object (``linked``) among those where the field is known."""
    return share(linked, known, min_base)


@dataclass(frozen=True)
class GroupRate(Result):
    """Searches of one group per 1,000 residents of the group, and its ratio to the reference."""

    group: str
    searches: int
    residents: float | None
    per_1000: float | None
    ratio: float | None
    lower: float | None
    upper: float | None
    reason: str = ""


def _ratio(searches: int, residents: float, ref_searches: int, ref_residents: float) -> tuple[float, float, float]:
    ratio = (searches / residents) / (ref_searches / ref_residents)
    lower, upper = confint_poisson_2indep(
        searches, residents, ref_searches, ref_residents, method="score", compare="ratio", alpha=ALPHA
    )
    return ratio, float(lower), float(upper)


def _group_rate(
    group: str,
    searches: int,
    residents: float | None,
    reference: tuple[int, float] | None,
    min_base: int,
    min_residents: float,
) -> GroupRate:
    if residents is None or residents <= 0:
        return GroupRate(group, searches, None, None, None, None, None, "not computed: no resident count of this group")
    if residents < min_residents:
        reason = f"not computed: fewer than {min_residents:,.0f} residents"
        return GroupRate(group, searches, residents, None, None, None, None, reason)
    per_1000 = 1000 * searches / residents
    if searches < min_base:
        return GroupRate(
            group, searches, residents, per_1000, None, None, None, f"no ratio: fewer than {min_base} searches"
        )
    if reference is None:
        return GroupRate(
            group, searches, residents, per_1000, None, None, None, "no ratio: too few in the reference group"
        )
    return GroupRate(group, searches, residents, per_1000, *_ratio(searches, residents, *reference))


def disproportionality(
    searches: dict[str, int],
    residents: dict[str, float],
    reference: str,
    min_base: int = MIN_BASE,
    min_residents: float = 1,
) -> list[GroupRate]:
    """For each group of ``residents``: searches per 1,000 residents and the rate ratio against
    ``reference`` (1.0 for the reference itself), with a 95% interval.

    No rate where the group's resident count is missing or under ``min_residents``; no ratio
    where the group or the reference has fewer than ``min_base`` searches, or the reference has no
    rate. Searches of groups not in ``residents`` (ethnicity not stated) are left out: they
    belong to no resident group.
    """
    ref_searches, ref_residents = searches.get(reference, 0), residents.get(reference)
    usable = ref_residents is not None and ref_residents >= max(min_residents, 1e-9) and ref_searches >= min_base
    ref = (ref_searches, float(ref_residents)) if usable and ref_residents is not None else None
    return [_group_rate(g, searches.get(g, 0), residents.get(g), ref, min_base, min_residents) for g in residents]
