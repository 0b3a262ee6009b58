"""Every indicator of the performance framework, each defined once.

An indicator is its definition (code, name, aim, unit, direction of good, target, owner, how it
is computed) and one function from a scope and a period to a figure. Adding one is one
``@indicator(...)`` definition in a module of ``beatbook.performance.indicators`` and its test.
A figure without the data it needs says so (``Figure.missing``) and is never shown as zero; a
figure shown but not fit to be judged against its target says why (``Figure.not_rated``).
"""

from __future__ import annotations

import calendar
import dataclasses
import functools
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date

from django.db import models
from django.utils import timezone

from beatbook.core.months import add_months, month_range


class Aim(models.TextChoices):
    """The four aims of the Neighbourhood Policing and Engagement Strategy, in its order."""

    PREVENT = "prevent", "Prevent crime, disorder and anti-social behaviour"
    PROTECT = "protect", "Protect the vulnerable and reduce repeat victimisation"
    INTELLIGENCE = "intelligence", "Provide a flow of community intelligence"
    TRUST = "trust", "Promote trust and confidence"


class Good(models.TextChoices):
    """Which way an indicator moves when things get better."""

    UP = "up", "Higher is better"
    DOWN = "down", "Lower is better"


class Status(models.TextChoices):
    """Red, amber or green against the target; 'none' when there is no target or no data; 'unrated'
    when the figure is shown but cannot fairly be judged (a period not over, a look-back the records
    do not cover)."""

    GREEN = "green", "On target"
    AMBER = "amber", "Near target"
    RED = "red", "Off target"
    NONE = "none", "No target or no data"
    UNRATED = "unrated", "Not rated"


def day_text(day: date) -> str:
    """``1 January 2025``: a date as the pages write it."""
    return f"{day.day} {day:%B %Y}"


@dataclass(frozen=True)
class Scope:
    """The force, or one sector or cluster of it, that a figure describes."""

    force_slug: str
    kind: str  # force | sector | cluster
    name: str
    ward_ids: tuple[int, ...]
    sector_id: int | None = None
    cluster_id: int | None = None

    @property
    def key(self) -> str:
        """Stable text for cache keys and URLs: ``city-of-london``, ``...:sector:3``, ``...:cluster:5``."""
        if self.kind == "force":
            return self.force_slug
        return f"{self.force_slug}:{self.kind}:{self.cluster_id if self.kind == 'cluster' else self.sector_id}"


PERIOD = re.compile(r"(\d{4})(?:Q([1-4]))?")


@dataclass(frozen=True)
class Period:
    """Calendar months a figure covers: a quarter (``2025Q4``) or a year (``2025``)."""

    first: date
    last: date
    label: str

    @classmethod
    def parse(cls, text: str) -> Period:
        """``2025`` or ``2025Q4``; ValueError naming the text otherwise."""
        match = PERIOD.fullmatch(text.strip().upper())
        if not match or int(match[1]) < 1:
            raise ValueError(f"{text!r} is not a year (2025) or a quarter (2025Q4)")
        year = int(match[1])
        if match[2] is None:
            return cls(date(year, 1, 1), date(year, 12, 1), str(year))
        first = date(year, 3 * int(match[2]) - 2, 1)
        return cls(first, add_months(first, 2), f"{year}Q{match[2]}")

    @property
    def months(self) -> list[date]:
        return month_range(self.first, self.last)

    @property
    def last_day(self) -> date:
        return self.last.replace(day=calendar.monthrange(self.last.year, self.last.month)[1])

    def unfinished(self, today: date) -> bool:
        """Whether ``today`` falls within the period: its figures are to date."""
        return self.first <= today <= self.last_day

    @property
    def title(self) -> str:
        """The label, with "to date" while the period is not over (the site's clock)."""
        today = timezone.localdate()
        return f"{self.label} to date (to {day_text(today)})" if self.unfinished(today) else self.label

    def previous_year(self) -> Period:
        """The same months a year earlier: what a figure is compared with."""
        return Period(add_months(self.first, -12), add_months(self.last, -12), f"{self.label} a year before")


@dataclass(frozen=True)
class Figure:
    """An indicator's value for one scope and period.

    ``value`` is None when the inputs are missing; ``missing`` then says which, in words a
    reader understands ("no problems recorded", "no survey closed in the period").
    ``series`` is the monthly values behind the sparkline (None for a month without data).
    """

    value: float | None
    missing: str = ""
    detail: str = ""
    series: tuple[float | None, ...] = ()
    series_months: tuple[date, ...] = ()
    #: Whether a change is told apart from chance (None: the figure is not a tested change). A change
    #: off target that chance alone could give is amber, not red: small counts swing.
    significant: bool | None = None
    #: The 95% Wilson interval of a share, in the indicator's unit (None: not a share). A share off
    #: target is red only when the whole interval is on the wrong side of the target.
    interval: tuple[float, float] | None = None
    #: Why the figure is shown but not judged against its target ("" when it is judged).
    not_rated: str = ""
    #: Shown instead of the value, with its own unit, when the value alone would mislead (a change
    #: on a small base: "2 → 8" rather than "+300.0%").
    headline: str = ""
    headline_unit: str = ""

    @classmethod
    def no_data(cls, why: str) -> Figure:
        return cls(value=None, missing=why)

    @property
    def has_data(self) -> bool:
        return self.value is not None

    def unrated(self, why: str) -> Figure:
        """The figure, shown but not rated; the reason is added to its detail."""
        reasons = "; ".join(r for r in (self.not_rated, why) if r)
        detail = ". ".join(d for d in (self.detail, f"Not rated: {why}") if d)
        return dataclasses.replace(self, not_rated=reasons, detail=detail)


Compute = Callable[[Scope, Period], Figure]


@dataclass(frozen=True)
class Indicator:
    code: str
    name: str
    aim: Aim
    unit: str  # e.g. "crimes", "%", "hours", "per 1,000 residents"
    good: Good
    owner: str  # the role or post answerable for it, e.g. "Partnership & Prevention Hub"
    definition: str  # how it is computed from beatbook's data, in words
    compute: Compute = field(repr=False)
    target: float | None = None
    #: How far from the target (in the indicator's unit) is still amber rather than red.
    tolerance: float = 0.0

    def status(self, figure: Figure) -> Status:
        """Green when the target is met, amber when within the tolerance of it, red otherwise; but
        amber, not red, when chance could explain it: a change the E-test cannot tell apart from
        chance, a share whose 95% interval holds the target. Not rated when the figure says so."""
        if self.target is None or figure.value is None:
            return Status.NONE
        if figure.not_rated:
            return Status.UNRATED
        shortfall = self.target - figure.value if self.good == Good.UP else figure.value - self.target
        if shortfall <= 0:
            return Status.GREEN
        held = figure.interval is not None and figure.interval[0] <= self.target <= figure.interval[1]
        if shortfall <= self.tolerance or figure.significant is False or held:
            return Status.AMBER
        return Status.RED


REGISTRY: dict[str, Indicator] = {}


def indicator(
    code: str,
    name: str,
    aim: Aim,
    unit: str,
    good: Good,
    owner: str,
    definition: str,
    target: float | None = None,
    tolerance: float = 0.0,
) -> Callable[[Compute], Compute]:
    """Register the decorated function as the computation of the indicator ``code``."""

    def register(compute: Compute) -> Compute:
        if code in REGISTRY:
            raise ValueError(f"Indicator {code!r} is defined twice")
        judged = to_date(compute)
        REGISTRY[code] = Indicator(code, name, aim, unit, good, owner, definition, judged, target, tolerance)
        return compute

    return register


def to_date(compute: Compute) -> Compute:
    """``compute`` with the rules of time every indicator shares: a period not begun has no figure,
    and one not over is shown to date but not rated (a quarter's target read against part of it)."""

    @functools.wraps(compute)
    def judged(scope: Scope, period: Period) -> Figure:
        today = timezone.localdate()
        if period.first > today:
            return Figure.no_data(f"{period.label} has not begun")
        figure = compute(scope, period)
        if figure.has_data and period.unfinished(today):
            return figure.unrated(f"{period.label} is not over (figures to {day_text(today)})")
        return figure

    return judged


def indicators(aim: Aim | None = None) -> list[Indicator]:
    """Every registered indicator (of one aim), in the order of the aims and then of definition."""
    from beatbook.performance import indicators as _  # noqa: F401  (importing the package registers them)

    order = list(Aim)
    found = [i for i in REGISTRY.values() if aim is None or i.aim == aim]
    return sorted(found, key=lambda i: order.index(i.aim))


def get(code: str) -> Indicator:
    """The indicator ``code``; KeyError naming it otherwise."""
    indicators()
    try:
        return REGISTRY[code]
    except KeyError:
        raise KeyError(f"No indicator is called {code!r}") from None
