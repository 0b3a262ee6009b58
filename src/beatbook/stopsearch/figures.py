"""The stop-and-search figures of a selection, as a scrutiny group reads them: who was searched,
under which power, for what, with what outcome, how often the search found what it was for,
and searches per head of each resident ethnic group. Cached by data version.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.conf import settings

from beatbook.analysis.stop_search import SMALL_COUNT, GroupRate, Share, disproportionality, find_rate
from beatbook.crime.police_uk.ethnicity import ETHNIC_GROUPS, RESIDENT_GROUPS
from beatbook.hub.cache import cached
from beatbook.hub.rates import denominators_token, population_note
from beatbook.hub.selection import Selection
from beatbook.stopsearch import services
from beatbook.stopsearch.services import GroupResidents, Tally

NOT_RECORDED = "Not recorded"
#: Age ranges in police.uk's words, youngest first (the table keeps this order, not counts).
AGE_ORDER = ("under 10", "10-17", "18-24", "25-34", "over 34")
REFERENCE_GROUP = "white"  # the Home Office's comparison group for disproportionality


@dataclass(frozen=True)
class Row:
    label: str
    searches: int
    share: float  # of all the selection's searches
    find: Share  # the find rate among this row's searches

    @property
    def small(self) -> bool:
        return 0 < self.searches < SMALL_COUNT


@dataclass(frozen=True)
class Breakdown:
    key: str  # the download's name: stop-and-search-<key>
    title: str
    column: str  # the table's first column, short enough for a phone
    rows: list[Row]
    note: str = ""


@dataclass(frozen=True)
class StopSearchFigures:
    selection: Selection
    total: int
    find: Share
    unknown_link: int  # searches whose outcome-linked field is blank
    locations: dict[str, int]
    breakdowns: list[Breakdown]
    ethnic_groups: Breakdown
    months: list[tuple[date, int | None]]  # None: no data published for the month
    residents: dict[str, GroupResidents]
    disproportionality: list[GroupRate]
    min_denominator: int
    population: str  # the force's residents against its workers and visitors, in words

    @property
    def summary_breakdowns(self) -> list[Breakdown]:
        """The tables shown side by side: every breakdown but the detailed ethnicity, then the groups."""
        return [b for b in self.breakdowns if b.key != "ethnicity"] + [self.ethnic_groups]

    @property
    def ethnicity_detail(self) -> Breakdown:
        return next(b for b in self.breakdowns if b.key == "ethnicity")

    @property
    def has_small_counts(self) -> bool:
        return any(r.small for b in [*self.breakdowns, self.ethnic_groups] for r in b.rows)


def _row(label: str, tally: Tally, total: int) -> Row:
    return Row(label, tally.searches, tally.searches / total if total else 0.0, find_rate(tally.found, tally.known))


def _breakdown(key: str, title: str, column: str, tallies: list[Tally], total: int, note: str = "") -> Breakdown:
    return Breakdown(key, title, column, [_row(t.value or NOT_RECORDED, t, total) for t in tallies], note)


def _by_age(tallies: list[Tally]) -> list[Tally]:
    rank = {age: i for i, age in enumerate(AGE_ORDER)}
    return sorted(tallies, key=lambda t: rank.get(t.value, len(rank)))


def _breakdowns(queryset, total: int) -> list[Breakdown]:
    tally = services.tally
    return [
        _breakdown(
            "object", "What the search was for (object of search)", "Object", tally(queryset, "object_of_search"), total
        ),
        _breakdown("legislation", "The power used (legislation)", "Power", tally(queryset, "legislation"), total),
        _breakdown("outcome", "Outcome", "Outcome", tally(queryset, "outcome"), total),
        _breakdown("age", "Age range", "Age", _by_age(tally(queryset, "age_range")), total),
        _breakdown("gender", "Gender", "Gender", tally(queryset, "gender"), total),
        _breakdown(
            "ethnicity",
            "Self-defined ethnicity, as recorded",
            "Ethnicity",
            tally(queryset, "self_defined_ethnicity"),
            total,
            "The person's own description, in the 2011 Census categories police.uk publishes.",
        ),
        _breakdown("type", "Type of search", "Type", tally(queryset, "type"), total),
    ]


def _ethnic_groups(tallies: list[Tally], total: int) -> Breakdown:
    rows = [_row(ETHNIC_GROUPS[t.value], t, total) for t in tallies]
    note = "“Not stated” and “Not recorded” belong to no group: they are left out of the rates per resident."
    return Breakdown("ethnic-group", "Self-defined ethnicity, by Census group", "Group", rows, note)


def _months(selection: Selection, counts: dict[date, int]) -> list[tuple[date, int | None]]:
    published = set(selection.published)
    return [(m, counts.get(m, 0) if m in published else None) for m in selection.months]


def _disproportionality(tallies: list[Tally], residents: dict[str, GroupResidents], minimum: int) -> list[GroupRate]:
    if not residents:
        return []
    counts = {t.value: t.searches for t in tallies}
    usable = {k: residents[k].value for k in RESIDENT_GROUPS if k in residents}
    # No rate on fewer residents than the documented minimum (BEATBOOK_RATE_MIN_DENOMINATOR).
    return disproportionality(counts, usable, REFERENCE_GROUP, min_residents=minimum)


def _compute(selection: Selection, minimum: int) -> StopSearchFigures:
    queryset = services.searches(selection)
    overall = services.tally_all(queryset)
    tallies = services.tally_by_ethnic_group(queryset)
    residents = services.residents_by_ethnic_group(selection.force_slug)
    return StopSearchFigures(
        selection=selection,
        total=overall.searches,
        find=find_rate(overall.found, overall.known),
        unknown_link=overall.searches - overall.known,
        locations=services.locations(queryset),
        breakdowns=_breakdowns(queryset, overall.searches),
        ethnic_groups=_ethnic_groups(tallies, overall.searches),
        months=_months(selection, services.monthly(queryset)),
        residents=residents,
        disproportionality=_disproportionality(tallies, residents, minimum),
        min_denominator=minimum,
        population=population_note(selection),
    )


def stop_search_figures(selection: Selection) -> StopSearchFigures:
    """The figures of the selection, cached by data version and the force's denominators."""
    minimum = settings.BEATBOOK_RATE_MIN_DENOMINATOR
    options = {"min_denominator": minimum, "denominators": denominators_token(selection.force_slug)}
    return cached("stop-and-search", selection, options, lambda: _compute(selection, minimum))
