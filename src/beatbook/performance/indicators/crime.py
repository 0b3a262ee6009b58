"""Indicators from police.uk street-level crime: crime, ASB and acquisitive crime against a year before."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from beatbook.crime.models import CATEGORY_NAMES
from beatbook.performance.crime import monthly_crimes
from beatbook.performance.figures import change_on_a_year_before
from beatbook.performance.registry import Aim, Figure, Good, Period, Scope, indicator

ASB = ("anti-social-behaviour",)
CRIME = tuple(sorted(set(CATEGORY_NAMES) - set(ASB)))
#: The force's "acquisitive crime" priority in police.uk's categories: property taken or sought.
ACQUISITIVE = (
    "bicycle-theft",
    "burglary",
    "other-theft",
    "robbery",
    "shoplifting",
    "theft-from-the-person",
    "vehicle-crime",
)
OWNER = "Partnership & Prevention Hub"
CHANGE = "% change on a year before"
COMPARED = (
    "Compared with the same months a year before (which removes the seasons) by the E-test of two "
    "Poisson counts (Krishnamoorthy & Thomson 2004); the detail says whether the change is told "
    "apart from chance. A period with a month police.uk did not publish has no figure. Green when "
    "the count did not rise, amber when it rose by up to 5% or by more that chance alone could give, red "
    "when it rose by more than 5% and the E-test tells the rise apart from chance. Under 10 a year before, "
    "the counts head the figure (2 → 8) and the percentage is in its detail."
)


def _change(scope: Scope, period: Period, categories: Sequence[str], what: tuple[str, str]) -> Figure:
    def monthly(months: Sequence[date]) -> dict[date, int | None]:
        return monthly_crimes(scope, sorted(set(months)), categories)

    return change_on_a_year_before(monthly, period, what, "police.uk published no street-level data for")


@indicator(
    code="crime",
    name="Crime against a year before",
    aim=Aim.PREVENT,
    unit=CHANGE,
    good=Good.DOWN,
    owner=OWNER,
    definition="Street-level crimes of every police.uk category but anti-social behaviour, in the scope's wards. "
    + COMPARED,
    target=0.0,
    tolerance=5.0,
)
def crime(scope: Scope, period: Period) -> Figure:
    return _change(scope, period, CRIME, ("crime", "crimes"))


@indicator(
    code="asb",
    name="Anti-social behaviour against a year before",
    aim=Aim.PREVENT,
    unit=CHANGE,
    good=Good.DOWN,
    owner=OWNER,
    definition="Anti-social behaviour incidents published by police.uk, in the scope's wards. " + COMPARED,
    target=0.0,
    tolerance=5.0,
)
def asb(scope: Scope, period: Period) -> Figure:
    return _change(scope, period, ASB, ("ASB incident", "ASB incidents"))


@indicator(
    code="acquisitive-crime",
    name="Acquisitive crime (force priority)",
    aim=Aim.PREVENT,
    unit=CHANGE,
    good=Good.DOWN,
    owner=OWNER,
    definition="The force's acquisitive-crime priority as police.uk categories: "
    + ", ".join(CATEGORY_NAMES[c].lower() for c in ACQUISITIVE)
    + ". "
    + COMPARED,
    target=0.0,
    tolerance=5.0,
)
def acquisitive_crime(scope: Scope, period: Period) -> Figure:
    return _change(scope, period, ACQUISITIVE, ("acquisitive crime", "acquisitive crimes"))
