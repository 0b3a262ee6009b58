"""Crime and anti-social behaviour of the year: by ward (with crimes per km² and per any ward
denominator the force loaded), by category, and for the whole force per resident, per worker, per
workday population and per visitor (hub.rates), with what each denominator means.

Crime here is every police.uk category but anti-social behaviour, which is counted apart: ASB is
recorded as incidents, not crimes."""

from __future__ import annotations

import dataclasses
from collections import Counter
from dataclasses import dataclass

from django.db.models import Count

from beatbook.crime.models import Crime
from beatbook.crime.police_uk.categories import ASB, CATEGORY_NAMES, category_name
from beatbook.geography.models import DenominatorKind, Ward
from beatbook.hub.rates import Rates, rates
from beatbook.reports.year import ReportYear

CRIME_CATEGORIES = tuple(slug for slug in dict.fromkeys(CATEGORY_NAMES) if slug != ASB)
POLICE_SOURCE = "data.police.uk street-level crime"
#: Why a rate per resident misleads here, shown whenever workers far outnumber residents.
RESIDENTS_MISLEAD = (
    "A rate per resident divides the crime against everyone who is here by the few who live here: "
    "where workers outnumber residents about {ratio:,.0f} to 1, as in {force}, it makes the area look "
    "about {ratio:,.0f} times as dangerous as a rate per worker does. Read the rates per worker, per "
    "workday population and per visitor beside it."
)
#: Workers per resident above which the warning is given.
MISLEADING_RATIO = 5


@dataclass(frozen=True)
class WardRow:
    ward: str
    cluster: str
    crimes: int
    asb: int
    area_km2: float

    @property
    def crimes_per_km2(self) -> float | None:
        return self.crimes / self.area_km2 if self.area_km2 > 0 else None

    @property
    def asb_per_km2(self) -> float | None:
        return self.asb / self.area_km2 if self.area_km2 > 0 else None


@dataclass(frozen=True)
class CrimeSection:
    year: ReportYear
    wards: list[WardRow]
    categories: list[tuple[str, int]]  # (name, crimes), most first; ASB among them
    crime_rates: Rates
    asb_rates: Rates
    outside_wards: int  # crimes of the force's files placed in no ward (recorded elsewhere or unlocated)
    warning: str  # residents-based rates mislead, when they do

    @property
    def crimes(self) -> int:
        return sum(r.crimes for r in self.wards)

    @property
    def asb(self) -> int:
        return sum(r.asb for r in self.wards)


def _year_crimes(year: ReportYear):
    s = year.selection
    return Crime.objects.filter(source_file__force_slug=year.force_slug, month__range=(s.first, s.last))


def ward_rows(year: ReportYear) -> list[WardRow]:
    """Every ward of the force, with its crimes and ASB of the year's published months (zero is a count)."""
    counts: Counter[tuple[int, bool]] = Counter()
    rows = _year_crimes(year).filter(ward__isnull=False).values_list("ward", "category").annotate(n=Count("pk"))
    for ward, category, n in rows.order_by():
        counts[(ward, category == ASB)] += n
    wards = Ward.objects.of_force(year.force_slug).select_related("cluster").order_by("name")
    return [
        WardRow(w.name, w.cluster.name, counts[(w.pk, False)], counts[(w.pk, True)], w.area_m2 / 1e6) for w in wards
    ]


def category_rows(year: ReportYear) -> list[tuple[str, int]]:
    rows = _year_crimes(year).filter(ward__isnull=False).values_list("category").annotate(n=Count("pk"))
    return sorted(((category_name(c), n) for c, n in rows.order_by()), key=lambda r: (-r[1], r[0]))


def warning(force_name: str, result: Rates) -> str:
    latest = {r.figure.kind: r.figure.value for r in sorted(result.rows, key=lambda r: r.figure.as_of)}
    residents = latest.get(DenominatorKind.RESIDENTS)
    workers = latest.get(DenominatorKind.WORKERS) or latest.get(DenominatorKind.WORKDAY_POPULATION)
    if not residents or not workers or workers / residents < MISLEADING_RATIO:
        return ""
    return RESIDENTS_MISLEAD.format(ratio=workers / residents, force=force_name)


def crime_section(year: ReportYear) -> CrimeSection:
    selection = year.selection
    crime_rates = rates(dataclasses.replace(selection, categories=CRIME_CATEGORIES))
    asb_rates = rates(dataclasses.replace(selection, categories=(ASB,)))
    return CrimeSection(
        year=year,
        wards=ward_rows(year),
        categories=category_rows(year),
        crime_rates=crime_rates,
        asb_rates=asb_rates,
        outside_wards=_year_crimes(year).filter(ward__isnull=True).count(),
        warning=warning(year.force_name, crime_rates),
    )
