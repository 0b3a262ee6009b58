"""Crime rates per resident, per workday population, per km2 and per visitor.

A rate per resident alone misleads where few people live but many work or visit. The
City of London has about 8,600 residents but about 587,000 workers and 21 million
visitors a year (City of London Police, *Neighbourhood Policing and Engagement Strategy
2023-2025*), so its crime "per 1,000 residents" is some seventy times its crime per
1,000 workers. Every :class:`Rate` therefore says which denominator and unit it used.

Residents, workers and workday population are head counts at a point in time; visitors
are a yearly flow, scaled to the length of the counting period (assuming visits spread evenly
over the year); area is in square kilometres.
"""

from __future__ import annotations

from dataclasses import dataclass, fields

from beatbook.analysis.results import Result


@dataclass(frozen=True)
class Denominators(Result):
    """Denominators for one area; leave unknown ones as None.

    ``source`` says where the numbers come from (e.g. "Census 2021 TS001").
    """

    residents: float | None = None
    workers: float | None = None
    workday_population: float | None = None
    area_km2: float | None = None
    visitors_per_year: float | None = None
    source: str = ""

    def __post_init__(self) -> None:
        # A zero or negative denominator would give a meaningless or infinite rate.
        for f in fields(self):
            value = getattr(self, f.name)
            if f.name != "source" and value is not None and not value > 0:
                raise ValueError(f"denominator {f.name} must be positive, got {value!r}")


#: Whole-City figures quoted in the City of London Police Neighbourhood Policing and
#: Engagement Strategy 2023-2025. The area is left out: take it from the ward boundaries.
CITY_OF_LONDON = Denominators(
    residents=8_600,
    workday_population=587_000,
    visitors_per_year=21_000_000,
    source="City of London Police, Neighbourhood Policing and Engagement Strategy 2023-2025",
)

#: basis -> (Denominators field, default multiplier, noun for the unit)
BASES: dict[str, tuple[str, float, str]] = {
    "residents": ("residents", 1_000, "residents"),
    "workers": ("workers", 1_000, "workers"),
    "workday": ("workday_population", 1_000, "workers (workday population)"),
    "area": ("area_km2", 1, "km²"),
    "visitors": ("visitors_per_year", 1_000_000, "visitors"),
}


@dataclass(frozen=True)
class Rate(Result):
    """One crime rate, with its denominator and unit spelled out.

    ``text`` reads e.g. "12.3 per 1,000 residents over 12 months".
    """

    count: float
    basis: str
    denominator: float
    per: float
    value: float
    unit: str
    period_months: float
    source: str
    text: str


def _unit(per: float, noun: str) -> str:
    """'per 1,000 residents', 'per km²' (no '1' before a unit of area)."""
    if per == 1:
        return f"per {noun}"
    return f"per {per:,.0f} {noun}" if float(per).is_integer() else f"per {per:,} {noun}"


def readable(value: float) -> str:
    """A rate for people: whole numbers from 100, one decimal from 1, else 3 significant digits."""
    if value >= 100:
        return f"{value:,.0f}"
    return f"{value:.1f}" if value >= 1 else f"{value:.3g}"


def _denominator(denominators: Denominators, basis: str, period_months: float) -> float:
    """The denominator for ``basis``, scaling yearly visitors to the period."""
    if basis not in BASES:
        raise ValueError(f"unknown rate basis {basis!r}; choose one of {', '.join(BASES)}")
    value = getattr(denominators, BASES[basis][0])
    if value is None:
        raise ValueError(f"no {BASES[basis][0]} given for a rate per {basis}")
    # Visitors are a flow per year; people and area are stocks.
    return value * period_months / 12.0 if basis == "visitors" else float(value)


def rate(
    count: float,
    denominators: Denominators,
    basis: str = "residents",
    period_months: float = 12,
    per: float | None = None,
) -> Rate:
    """Crime rate of an area on one basis.

    Parameters
    ----------
    count : float
        Crimes (or harm-weighted crimes) in the area over the period.
    denominators : Denominators
        The area's residents, workers, workday population, area and visitors.
    basis : {"residents", "workers", "workday", "area", "visitors"}
        Which denominator to use.
    period_months : float
        Length of the period the count covers; visitors per year are scaled to it.
    per : float, optional
        Multiplier: default 1,000 people, 1 km² or 1,000,000 visitors.

    Notes
    -----
    Rates for places with large non-resident populations: Boggs, S. L. (1965). Urban crime
    patterns. *American Sociological Review* 30(6), 899-908; Andresen, M. A. (2006).
    Crime measures and the spatial analysis of criminal activity. *British Journal of
    Criminology* 46(2), 258-285.
    """
    if count < 0 or period_months <= 0:
        raise ValueError("count must not be negative and period_months must be positive")
    denominator = _denominator(denominators, basis, period_months)
    per = BASES[basis][1] if per is None else per
    value, unit = count / denominator * per, _unit(per, BASES[basis][2])
    return Rate(
        count=count,
        basis=basis,
        denominator=denominator,
        per=per,
        value=value,
        unit=unit,
        period_months=period_months,
        source=denominators.source,
        text=f"{readable(value)} {unit} over {period_months:g} months",
    )


def rates(count: float, denominators: Denominators, period_months: float = 12) -> tuple[Rate, ...]:
    """Rates on every basis for which ``denominators`` has a value (see :func:`rate`)."""
    return tuple(
        rate(count, denominators, basis, period_months)
        for basis, (name, _, _) in BASES.items()
        if getattr(denominators, name) is not None
    )
