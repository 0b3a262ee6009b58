"""Benchmarking with other forces: the same street-crime figures for the user's force and a
comparison group of forces whose data.police.uk files are ingested, over the same months only.

Counts come from performance.crime (a force with wards loaded counts the crimes placed in its
wards; a force without counts every row of its files). Rates divide by the populations each force
configured (geography.Denominator); a force without one of a kind says so, never a guessed rate.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

from django.conf import settings
from django.db.models import Count

from beatbook.analysis.rates import BASES, Denominators, rate, readable
from beatbook.crime.models import Crime, DataKind, SourceFile
from beatbook.crime.police_uk.categories import ASB, CATEGORY_NAMES
from beatbook.geography.models import DenominatorKind, Force
from beatbook.geography.populations import Population, latest_populations
from beatbook.hub.rates import people
from beatbook.hub.selection import runs_text
from beatbook.performance.crime import monthly_crimes
from beatbook.performance.registry import Period, Scope
from beatbook.performance.scopes import force_scope


@dataclass(frozen=True)
class Measure:
    code: str
    name: str
    categories: tuple[str, ...]
    definition: str


# Acquisitive crime: the police.uk categories of theft, burglary and robbery (the Home Office's
# "theft offences" plus robbery, as police.uk groups them).
ACQUISITIVE = (
    "burglary",
    "robbery",
    "vehicle-crime",
    "theft-from-the-person",
    "bicycle-theft",
    "shoplifting",
    "other-theft",
)
CRIMES = tuple(sorted({slug for slug in CATEGORY_NAMES if slug != ASB}))
MEASURES = (
    Measure("total", "Total crime", CRIMES, "every police.uk street-level crime category except anti-social behaviour"),
    Measure("asb", "Anti-social behaviour", (ASB,), "police.uk's anti-social behaviour incidents"),
    Measure("acquisitive", "Acquisitive crime", ACQUISITIVE, "burglary, robbery, vehicle crime and every theft"),
    Measure("violence", "Violence and sexual offences", ("violent-crime",), "police.uk's violent crime category"),
)
#: Denominator kind -> analysis.rates basis, in the order the page shows them.
BASIS = {
    DenominatorKind.RESIDENTS: "residents",
    DenominatorKind.WORKERS: "workers",
    DenominatorKind.WORKDAY_POPULATION: "workday",
    DenominatorKind.VISITORS: "visitors",
}
#: What a reader must know before comparing with a force, by its data.police.uk name.
CAVEATS = {
    "btp": (
        "British Transport Police polices the railways, not an area where people live: it has no resident "
        "population, so no rate per resident means anything for it. Its rows in other forces' areas are railway "
        "stations (in the City of London's LSOAs in January 2020: 145 rows at Bank, Liverpool Street and ten "
        "other stations)."
    ),
}
MONTH = re.compile(r"(\d{4})-(0[1-9]|1[0-2])")


@dataclass(frozen=True)
class ForceOption:
    """A force with street-level crime stored: its id, name and published months."""

    slug: str
    name: str
    has_wards: bool
    months: tuple[date, ...]

    @property
    def span(self) -> str:
        first, last = self.months[0], self.months[-1]
        return f"{first:%Y-%m}" if first == last else f"{first:%Y-%m} to {last:%Y-%m} ({len(self.months)} months)"


@dataclass(frozen=True)
class Cell:
    """One rate: its value and unit, or why there is none."""

    value: float | None
    unit: str = ""
    reason: str = ""

    @property
    def text(self) -> str:
        return f"{readable(self.value)} {self.unit}" if self.value is not None else self.reason

    @property
    def number(self) -> str:
        """The value alone, for a table whose column names the unit."""
        return readable(self.value) if self.value is not None else self.reason


@dataclass
class ForceFigures:
    force: ForceOption
    missing: list[date]  # the period's months it did not publish
    crimes: dict[str, int | None] = field(default_factory=dict)  # measure code -> count
    rates: dict[str, dict[str, Cell]] = field(default_factory=dict)  # measure code -> denominator kind -> rate
    populations: dict[str, Population] = field(default_factory=dict)
    caveats: list[str] = field(default_factory=list)
    how_to_load: str = ""  # the commands that give it a denominator, when it has none

    @property
    def has_data(self) -> bool:
        return not self.missing


@dataclass(frozen=True)
class Comparison:
    period: Period
    forces: list[ForceFigures]
    kinds: list[tuple[str, str]]  # (denominator kind, label) shown as rate columns

    @property
    def without_data(self) -> list[ForceFigures]:
        return [f for f in self.forces if not f.has_data]

    @property
    def compared(self) -> bool:
        """Whether any force published every month of the period: only those are compared."""
        return any(f.has_data for f in self.forces)

    @property
    def why_none_compared(self) -> str:
        """Why no month is compared, and which months could be."""
        label = self.period.label
        shared = [m for m in self.period.months if all(m in f.force.months for f in self.forces)]
        if not shared:
            return f"No month of {label} was published by every chosen force, so none can be compared."
        return (
            f"No chosen force published every month of {label}, so its figures cannot be compared. The months "
            f"they all published ({runs_text(shared)}) can be: give them as the months."
        )

    @property
    def tables(self) -> list[tuple[Measure, list[tuple[ForceOption, int | None, list[Cell]]]]]:
        """Per measure, each force's count and its rates in the order of ``kinds``: the page's tables."""
        return [
            (m, [(f.force, f.crimes[m.code], [f.rates[m.code][k] for k, _ in self.kinds]) for f in self.forces])
            for m in MEASURES
        ]


def forces_with_data() -> list[ForceOption]:
    """Every force with street-level crime stored, the user's own first."""
    files = SourceFile.objects.filter(kind=DataKind.STREET)
    months: dict[str, list[date]] = {}
    for slug, month in files.order_by("force_slug", "month").values_list("force_slug", "month"):
        months.setdefault(slug, []).append(month)
    forces = Force.objects.filter(slug__in=months).annotate(wards=Count("sectors__clusters__wards"))
    loaded = {f.slug: (f.name, f.wards > 0) for f in forces}
    options = [
        ForceOption(slug, name, has_wards, tuple(ms))
        for slug, ms in months.items()
        for name, has_wards in [loaded.get(slug) or (_name_in_files(slug), False)]
    ]
    return sorted(options, key=lambda o: (o.slug != settings.BEATBOOK_FORCE, o.name))


def _name_in_files(slug: str) -> str:
    """A force without a geography is named as its files name it ("Reported by")."""
    name = Crime.objects.filter(source_file__force_slug=slug).values_list("reported_by", flat=True).first()
    return name or slug


def parse_period(text: str) -> Period:
    """A month (2020-01), a quarter (2025Q4) or a year (2025); ValueError naming the text otherwise."""
    text = text.strip()
    match = MONTH.fullmatch(text)
    if match:
        month = date(int(match[1]), int(match[2]), 1)
        return Period(month, month, text)
    try:
        return Period.parse(text)
    except ValueError:
        raise ValueError(f"{text[:40]!r} is not a month (2020-01), a quarter (2025Q4) or a year (2025)") from None


def shared_months(forces: list[ForceOption]) -> list[date]:
    """The months every one of the forces published, oldest first."""
    if not forces:
        return []
    common = set(forces[0].months).intersection(*(f.months for f in forces[1:]))
    return sorted(common)


def default_period(forces: list[ForceOption]) -> Period | None:
    """The latest month every force published; None when they share none."""
    common = shared_months(forces)
    return Period(common[-1], common[-1], f"{common[-1]:%Y-%m}") if common else None


def scope_of(option: ForceOption) -> Scope:
    """The force's scope: its wards when loaded, else every row of its files (no wards)."""
    force = Force.objects.filter(slug=option.slug).first()
    return force_scope(force) if force is not None else Scope(option.slug, "force", option.name, ())


def compare(forces: list[ForceOption], period: Period) -> Comparison:
    figures = [_figures(option, period) for option in forces]
    configured = {k for f in figures for k in f.populations}
    kinds = [(str(k), str(k.label)) for k in BASIS if k == DenominatorKind.RESIDENTS or k in configured]
    for f in figures:
        f.rates = {m.code: {k: _cell(f, m.code, k, period) for k, _ in kinds} for m in MEASURES}
    return Comparison(period, figures, kinds)


def _figures(option: ForceOption, period: Period) -> ForceFigures:
    missing = [m for m in period.months if m not in option.months]
    result = ForceFigures(option, missing, populations=latest_populations(option.slug))
    scope = scope_of(option)
    for measure in MEASURES:
        by_month = monthly_crimes(scope, period.months, measure.categories)
        values = list(by_month.values())
        result.crimes[measure.code] = None if None in values else sum(v for v in values if v is not None)
    result.caveats = caveats(option, result.populations)
    result.how_to_load = "" if result.populations else how_to_load(option.slug)
    return result


def _cell(figures: ForceFigures, code: str, kind: str, period: Period) -> Cell:
    count = figures.crimes[code]
    if count is None:
        return Cell(None, reason="no data")
    population = figures.populations.get(kind)
    if population is None:
        return Cell(None, reason="no denominator loaded")
    minimum = settings.BEATBOOK_RATE_MIN_DENOMINATOR
    if population.value < minimum:
        return Cell(None, reason=f"not computed: denominator under {minimum:,}")
    basis = BASIS[DenominatorKind(kind)]
    denominators = Denominators(**{BASES[basis][0]: population.value}, source=population.source)
    found = rate(count, denominators, basis, len(period.months))
    return Cell(found.value, found.unit)


def caveats(option: ForceOption, figures: dict[str, Population]) -> list[str]:
    """What to know before comparing with the force: its kind of policing, and a population of workers
    many times its residents."""
    notes = [CAVEATS[option.slug]] if option.slug in CAVEATS else []
    residents, workers = figures.get(DenominatorKind.RESIDENTS), figures.get(DenominatorKind.WORKERS)
    if residents and workers and workers.value >= 10 * residents.value:
        notes.append(
            f"{option.name} has few residents ({people(residents.value)}, {residents.as_of}) against "
            f"{people(workers.value)} workers ({workers.as_of}): per resident its crime looks "
            f"{workers.value / residents.value:,.0f} times as high as per worker. Compare it per worker too."
        )
    if not option.has_wards:
        notes.append(
            f"No wards are loaded for {option.name}: its figures count every row of its police.uk files, "
            "also crimes it recorded outside its own area."
        )
    return notes


def how_to_load(slug: str) -> str:
    """The commands that give a force a denominator."""
    load = f"beatbook denominators load FILE --force {slug}"
    if Force.objects.filter(slug=slug).exists():
        return load
    return f"beatbook geography load FORCE_CONFIG; {load}"  # a denominator belongs to a loaded force


def records(comparison: Comparison) -> list[dict[str, object]]:
    """The comparison as rows for a CSV file: one per force, measure and denominator."""
    rows: list[dict[str, object]] = []
    for f in comparison.forces:
        for m in MEASURES:
            for kind, label in comparison.kinds:
                cell, population = f.rates[m.code][kind], f.populations.get(kind)
                rows.append(
                    {
                        "force": f.force.slug,
                        "force_name": f.force.name,
                        "period": comparison.period.label,
                        "measure": m.code,
                        "measure_name": m.name,
                        "crimes": f.crimes[m.code],
                        "denominator": label,
                        "denominator_value": population.value if population else None,
                        "denominator_as_of": population.as_of if population else "",
                        "denominator_source": population.source if population else "",
                        "rate": cell.value,
                        "rate_unit": cell.unit,
                        "note": cell.reason,
                        "source": f"data.police.uk street-level crime. {settings.BEATBOOK_DATA_ATTRIBUTION}",
                    }
                )
    return rows
