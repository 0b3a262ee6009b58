"""Who lives, works and visits: residents by LSOA and age (Census 2021), deprivation (English
Indices of Deprivation 2019) and the worker and visitor populations the force loaded as denominators,
each with its source and date."""

from __future__ import annotations

import csv
from collections import defaultdict
from dataclasses import dataclass, replace
from pathlib import Path

from beatbook.geography.models import Denominator, DenominatorArea, DenominatorKind
from beatbook.geography.populations import Population, latest_populations
from beatbook.paths import CITY_DATA_DIR

POPULATION_DIR = CITY_DATA_DIR / "population"
CENSUS_AGES = POPULATION_DIR / "city-of-london-lsoa-census21-pop.csv"
DEPRIVATION = POPULATION_DIR / "city-of-london-lsoa-iod2019-eng.csv"
CENSUS_SOURCE = "ONS Census 2021, usual residents by LSOA 2021 and age (census day 21 March 2021)"
DEPRIVATION_SOURCE = "MHCLG, English Indices of Deprivation 2019 (LSOA 2011), published 26 September 2019"
#: England's LSOAs in the Indices of Deprivation 2019: rank 1 is the most deprived.
LSOAS_IN_ENGLAND = 32_844
WHAT_EACH_MEANS: dict[str, str] = {
    DenominatorKind.RESIDENTS: "people whose usual home is here: the base of most published crime rates",
    DenominatorKind.WORKERS: "people who come here to work on a typical weekday",
    DenominatorKind.WORKDAY_POPULATION: "people here during the working day (workers, and residents who stay)",
    DenominatorKind.VISITORS: "visits a year, a flow rather than a head count",
}


@dataclass(frozen=True)
class LsoaResidents:
    code: str
    name: str
    by_age: dict[str, int]  # age band -> usual residents
    imd_rank: int | None  # 1 = the most deprived LSOA of England
    imd_decile: int | None  # 1 = the most deprived tenth

    @property
    def total(self) -> int:
        return sum(self.by_age.values())


@dataclass(frozen=True)
class Communities:
    lsoas: list[LsoaResidents]
    ages: list[str]  # the Census age bands, youngest first
    populations: list[Population]  # the force's own denominators, residents first
    note: str  # why there is no LSOA table, when there is none

    @property
    def residents(self) -> int:
        return sum(r.total for r in self.lsoas)

    def age_totals(self) -> list[tuple[str, int]]:
        return [(age, sum(r.by_age.get(age, 0) for r in self.lsoas)) for age in self.ages]

    @property
    def workers_per_resident(self) -> float | None:
        """Workers on a weekday per resident, from the latest figure of each kind."""
        latest = {p.kind: p.value for p in self.populations}
        workers, residents = latest.get(DenominatorKind.WORKERS), latest.get(DenominatorKind.RESIDENTS)
        return workers / residents if workers and residents else None


def _read_ages(path: Path) -> tuple[dict[str, tuple[str, dict[str, int]]], list[str]]:
    by_lsoa: dict[str, tuple[str, dict[str, int]]] = {}
    ages: list[str] = []
    with path.open(newline="", encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            code, age = row["lsoa21_code"], row["age_group"]
            by_lsoa.setdefault(code, (row["lsoa21_name"], defaultdict(int)))[1][age] += round(
                float(row["usual_residents"])
            )
            if age not in ages:
                ages.append(age)
    return {code: (name, dict(counts)) for code, (name, counts) in by_lsoa.items()}, ages


def _read_deprivation(path: Path) -> dict[str, tuple[int, int]]:
    with path.open(newline="", encoding="utf-8") as handle:
        return {
            row["lsoa11_code"]: (
                round(float(row["index_of_multiple_deprivation_imd_rank"])),
                round(float(row["index_of_multiple_deprivation_imd_decile"])),
            )
            for row in csv.DictReader(handle)
        }


def force_lsoa_codes(force_slug: str) -> set[str]:
    rows = Denominator.objects.filter(force__slug=force_slug, area_kind=DenominatorArea.LSOA)
    return set(rows.values_list("area_code", flat=True))


def populations(force_slug: str) -> list[Population]:
    """The latest figure of each kind the force loaded for its whole area, residents first."""
    order = list(WHAT_EACH_MEANS)
    return [
        replace(p, means=WHAT_EACH_MEANS.get(p.kind, ""))
        for p in sorted(
            latest_populations(force_slug).values(),
            key=lambda p: order.index(p.kind) if p.kind in order else len(order),
        )
    ]


def communities(force_slug: str, ages_file: Path = CENSUS_AGES, deprivation_file: Path = DEPRIVATION) -> Communities:
    """The Census table of the LSOAs the force loaded residents for; none when the shipped Census
    file holds none of them (another force loads its own denominators but no age table)."""
    by_lsoa, ages = _read_ages(ages_file)
    codes = force_lsoa_codes(force_slug)
    deprivation = _read_deprivation(deprivation_file)
    lsoas = [
        LsoaResidents(code, name, counts, *deprivation.get(code, (None, None)))
        for code, (name, counts) in sorted(by_lsoa.items())
        if code in codes
    ]
    note = "" if lsoas else "No Census 2021 age table is shipped for the LSOAs of this force's denominators."
    return Communities(lsoas, ages if lsoas else [], populations(force_slug), note)
