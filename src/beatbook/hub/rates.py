"""Crime rates of an area on every denominator configured for it (geography.Denominator):
residents, workers, the workday population and visitors, each named with its source and date,
side by side; and resident rates by LSOA from the Census.

No rate is computed over fewer people than ``BEATBOOK_RATE_MIN_DENOMINATOR``: it says so
instead. Counts are the crimes placed in the area's wards in the published months of the
period; visitors, a yearly flow, are scaled to those months (analysis.rates).
"""

from __future__ import annotations

import hashlib
import json
from collections import defaultdict
from dataclasses import dataclass

from django.conf import settings
from django.db.models import Count, Sum

from beatbook.analysis.rates import BASES, Denominators, Rate, rate, readable
from beatbook.crime.models import Crime
from beatbook.geography.models import Denominator, DenominatorArea, DenominatorKind, Ward
from beatbook.hub import services
from beatbook.hub.cache import cached
from beatbook.hub.downloads import download
from beatbook.hub.forms import HubFilterForm
from beatbook.hub.selection import Selection

#: Denominator kind -> analysis.rates basis.
BASIS = {
    DenominatorKind.RESIDENTS: "residents",
    DenominatorKind.WORKERS: "workers",
    DenominatorKind.WORKDAY_POPULATION: "workday",
    DenominatorKind.VISITORS: "visitors",
}
#: A rate over fewer crimes than this is flagged: one crime more or less moves it by a tenth or more.
FEW_CRIMES = 10


@dataclass(frozen=True)
class Figure:
    """One denominator as configured: who it counts, how many, when and according to whom."""

    kind: str
    label: str
    value: float
    as_of: str
    source: str
    source_url: str = ""
    notes: str = ""


@dataclass(frozen=True)
class RateRow:
    figure: Figure
    rate: Rate | None
    reason: str  # why no rate, when rate is None

    @property
    def text(self) -> str:
        return f"{readable(self.rate.value)} {self.rate.unit}" if self.rate else self.reason


@dataclass(frozen=True)
class LsoaRow:
    code: str
    name: str
    in_area: int  # the selection's crimes placed in this LSOA
    crimes: int  # all the force's crimes of the months and categories placed in it
    residents: Figure | None
    rate: Rate | None
    reason: str


@dataclass(frozen=True)
class Rates:
    selection: Selection
    crimes: int
    months: int  # published months the crimes come from
    area_km2: float
    rows: list[RateRow]
    lsoas: list[LsoaRow]
    min_denominator: int
    comparison: str
    population: str  # the force's residents against its workers and visitors, in words

    @property
    def few_crimes(self) -> bool:
        return self.crimes < FEW_CRIMES


def _figure(d: Denominator) -> Figure:
    return Figure(d.kind, str(d.get_kind_display()), d.value, d.as_of, d.source, d.source_url, d.notes)


def area_figures(selection: Selection) -> list[Figure]:
    """The denominators of the selection's area: the force's own, a ward's, or for a cluster or
    sector the sum of its wards' figures where every ward has one from the same source and date."""
    rows = Denominator.objects.filter(force__slug=selection.force_slug, group="")
    if selection.area.kind == "force":
        return [_figure(d) for d in rows.filter(area_kind=DenominatorArea.FORCE)]
    codes = list(Ward.objects.filter(pk__in=selection.area.ward_ids).values_list("code", flat=True))
    by_key: dict[tuple[str, str, str], list[Denominator]] = defaultdict(list)
    for d in rows.filter(area_kind=DenominatorArea.WARD, area_code__in=codes):
        by_key[(d.kind, d.as_of, d.source)].append(d)
    return [
        Figure(kind, str(DenominatorKind(kind).label), sum(d.value for d in ds), as_of, source, ds[0].source_url)
        for (kind, as_of, source), ds in by_key.items()
        if len({d.area_code for d in ds}) == len(codes)
    ]


def _rate(count: int, figure: Figure, basis: str, months: int, minimum: int) -> RateRow:
    if not figure.value > 0:
        return RateRow(figure, None, "not computed: no denominator")
    field = BASES[basis][0]
    result = rate(count, Denominators(**{field: figure.value}, source=figure.source), basis, months)
    if basis != "area" and result.denominator < minimum:
        return RateRow(figure, None, f"not computed: denominator under {minimum:,}")
    return RateRow(figure, result, "")


def _order(figure: Figure) -> tuple[int, str]:
    kinds = list(BASIS)
    return (kinds.index(DenominatorKind(figure.kind)) if figure.kind in BASIS else len(kinds), figure.as_of)


def _area_rows(selection: Selection, count: int, area_km2: float, minimum: int) -> list[RateRow]:
    months = len(selection.published)
    rows = [
        _rate(count, f, BASIS[DenominatorKind(f.kind)], months, minimum)
        for f in sorted(area_figures(selection), key=_order)
    ]
    ward_area = Figure("area", "Area", area_km2, "", "ward boundaries of the force's geography (km²)")
    return [*rows, _rate(count, ward_area, "area", months, minimum)]


def _lsoa_residents(selection: Selection) -> dict[str, Figure]:
    """The latest residents figure of each LSOA."""
    rows = Denominator.objects.filter(
        force__slug=selection.force_slug, area_kind=DenominatorArea.LSOA, kind=DenominatorKind.RESIDENTS, group=""
    ).order_by("area_code", "as_of")
    latest = {d.area_code: d for d in rows}  # ordered by date: the last one wins
    return {
        code: Figure(d.kind, d.area_name or code, d.value, d.as_of, d.source, d.source_url)
        for code, d in latest.items()
    }


def _lsoa_counts(selection: Selection, codes: list[str]) -> dict[str, int]:
    """All the force's crimes of the months and categories placed in each LSOA, in a ward or not."""
    queryset = Crime.objects.filter(
        source_file__force_slug=selection.force_slug,
        month__range=(selection.first, selection.last),
        lsoa_code__in=codes,
    )
    if selection.categories:
        queryset = queryset.filter(category__in=selection.categories)
    return dict(queryset.values_list("lsoa_code").annotate(n=Count("pk")).order_by())


def _lsoa_rows(selection: Selection, minimum: int) -> list[LsoaRow]:
    in_area = services.crimes(selection).exclude(lsoa_code="").values("lsoa_code", "lsoa_name")
    counts = {(r["lsoa_code"], r["lsoa_name"]): r["n"] for r in in_area.annotate(n=Count("pk")).order_by()}
    residents = _lsoa_residents(selection)
    names = dict(counts.keys()) | {code: f.label for code, f in residents.items()}
    area_counts: dict[str, int] = defaultdict(int)
    for (code, _), n in counts.items():
        area_counts[code] += n
    codes = [c for c in names if c in area_counts or (selection.area.kind == "force" and c in residents)]
    whole = _lsoa_counts(selection, codes)
    rows = [
        _lsoa_row(
            code, names[code], area_counts.get(code, 0), whole.get(code, 0), residents.get(code), selection, minimum
        )
        for code in codes
    ]
    return sorted(rows, key=lambda r: (-r.in_area, r.code))


def _lsoa_row(
    code: str, name: str, in_area: int, crimes: int, figure: Figure | None, selection: Selection, minimum: int
) -> LsoaRow:
    if figure is None:
        return LsoaRow(code, name, in_area, crimes, None, None, "not computed: no resident count for this LSOA")
    row = _rate(crimes, figure, "residents", len(selection.published), minimum)
    return LsoaRow(code, name, in_area, crimes, figure, row.rate, row.reason)


def _comparison(selection: Selection, rows: list[RateRow]) -> str:
    """A plain-English reading of the resident rate against the rate per worker, when both exist."""
    by_kind: dict[str, RateRow] = {}
    for row in sorted(rows, key=lambda r: r.figure.as_of):  # the latest figure of each kind, as population_note
        if row.rate is not None:
            by_kind[row.figure.kind] = row
    residents = by_kind.get(DenominatorKind.RESIDENTS)
    workers = by_kind.get(DenominatorKind.WORKERS) or by_kind.get(DenominatorKind.WORKDAY_POPULATION)
    if residents is None or workers is None or residents.rate is None or workers.rate is None:
        return ""
    ratio = residents.rate.value / workers.rate.value
    return (
        f"Per resident, crime in {selection.area.name} looks {ratio:,.0f} times as high as per worker: "
        f"{people(residents.figure.value)} residents against {people(workers.figure.value)} "
        f"{workers.figure.label.lower()} (sources and dates in the table)."
    )


WORDS = {
    DenominatorKind.RESIDENTS: "residents",
    DenominatorKind.WORKERS: "workers on a weekday",
    DenominatorKind.VISITORS: "visits a year",
}


def people(value: float) -> str:
    """8,600; 587,000; 21 million."""
    return f"{value / 1e6:,.3g} million" if value >= 1e6 else f"{value:,.0f}"


def population_note(selection: Selection) -> str:
    """ "<force>'s area has 8,600 residents, but 587,000 workers on a weekday and 21 million visits a
    year (source, date)": the force's own figures, the latest of each kind, so that another force
    reads its own; each source named once."""
    rows = Denominator.objects.filter(force__slug=selection.force_slug, area_kind=DenominatorArea.FORCE, group="")
    latest = {d.kind: d for d in rows.order_by("as_of")}
    residents = latest.get(DenominatorKind.RESIDENTS)
    others = [latest[k] for k in (DenominatorKind.WORKERS, DenominatorKind.VISITORS) if k in latest]
    if residents is None or not others:
        return ""
    cited = [residents, *others]
    one_source = len({(d.source, d.as_of) for d in cited}) == 1

    def said(d: Denominator) -> str:
        text = f"{people(d.value)} {WORDS[DenominatorKind(d.kind)]}"
        return text if one_source else f"{text} ({d.source}, {d.as_of})"

    ending = f" ({residents.source}, {residents.as_of})" if one_source else ""
    return f"{selection.force_name}'s area has {said(residents)}, but {' and '.join(map(said, others))}{ending}."


def _compute(selection: Selection, minimum: int) -> Rates:
    count = services.crimes(selection).count()
    wards = Ward.objects.filter(pk__in=selection.area.ward_ids)
    area_km2 = (wards.aggregate(m2=Sum("area_m2"))["m2"] or 0) / 1e6
    rows = _area_rows(selection, count, area_km2, minimum)
    return Rates(
        selection=selection,
        crimes=count,
        months=len(selection.published),
        area_km2=area_km2,
        rows=rows,
        lsoas=_lsoa_rows(selection, minimum),
        min_denominator=minimum,
        comparison=_comparison(selection, rows),
        population=population_note(selection),
    )


def denominators_token(force_slug: str) -> str:
    """Changes whenever a denominator of the force is added, edited or deleted (in the admin too)."""
    rows = Denominator.objects.filter(force__slug=force_slug).order_by("pk").values_list("pk", "value", "modified")
    return hashlib.sha256(json.dumps(list(rows), default=str).encode()).hexdigest()[:16]


def rates(selection: Selection) -> Rates:
    """The rates of the selection, cached by data version and denominators."""
    minimum = settings.BEATBOOK_RATE_MIN_DENOMINATOR
    options = {"min_denominator": minimum, "denominators": denominators_token(selection.force_slug)}
    return cached("rates", selection, options, lambda: _compute(selection, minimum))


@download("rates-area", "crimes per head on each denominator configured for the area (residents, workers, visitors)")
def _area_records(selection: Selection, form: HubFilterForm):
    result = rates(selection)
    records = [
        {
            "denominator": r.figure.label,
            "kind": r.figure.kind,
            "denominator_value": r.figure.value,
            "as_of": r.figure.as_of,
            "source": r.figure.source,
            "source_url": r.figure.source_url,
            "crimes": result.crimes,
            "published_months": result.months,
            "rate": r.rate.value if r.rate else None,
            "unit": r.rate.unit if r.rate else "",
            "not_computed": r.reason,
        }
        for r in result.rows
    ]
    return records, None


@download("rates-lsoa", "crimes per 1,000 residents of each LSOA (Census), whole LSOAs")
def _lsoa_records(selection: Selection, form: HubFilterForm):
    records = [
        {
            "lsoa_code": r.code,
            "lsoa_name": r.name,
            "crimes_in_area": r.in_area,
            "crimes_in_lsoa": r.crimes,
            "residents": r.residents.value if r.residents else None,
            "residents_as_of": r.residents.as_of if r.residents else "",
            "residents_source": r.residents.source if r.residents else "",
            "per_1000_residents": r.rate.value if r.rate else None,
            "not_computed": r.reason,
        }
        for r in rates(selection).lsoas
    ]
    return records, None
