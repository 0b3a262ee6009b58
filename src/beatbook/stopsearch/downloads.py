"""Every table of the stop-and-search page as a public download (CSV with its metadata), on the
same URL query as the page. A registry of its own: the Hub's downloads need a Hub role."""

from __future__ import annotations

from typing import Any

from beatbook.crime.police_uk.ethnicity import ETHNIC_GROUPS
from beatbook.hub.downloads import Download
from beatbook.hub.forms import HubFilterForm
from beatbook.hub.selection import Selection
from beatbook.stopsearch.figures import REFERENCE_GROUP, Breakdown, stop_search_figures
from beatbook.stopsearch.forms import StopSearchFilterForm

PUBLIC_DOWNLOADS: dict[str, Download] = {}
BREAKDOWNS = ("object", "legislation", "outcome", "age", "gender", "ethnicity", "ethnic-group", "type")


def _register(name: str, analysis: str, compute) -> None:
    PUBLIC_DOWNLOADS[name] = Download(name, analysis, compute, StopSearchFilterForm, False)


def breakdown_records(breakdown: Breakdown) -> list[dict[str, Any]]:
    return [
        {
            "value": r.label,
            "searches": r.searches,
            "share_of_searches": r.share,
            "fewer_than_5": r.small,
            "found_object": r.find.part,
            "outcome_link_recorded": r.find.base,
            "find_rate": r.find.value,
            "find_rate_lower_95": r.find.lower,
            "find_rate_upper_95": r.find.upper,
            "find_rate_not_computed": r.find.reason,
        }
        for r in breakdown.rows
    ]


def _breakdown_compute(key: str):
    def compute(selection: Selection, form: HubFilterForm):
        figures = stop_search_figures(selection)
        found = next(b for b in [*figures.breakdowns, figures.ethnic_groups] if b.key == key)
        return breakdown_records(found), None

    return compute


def _months(selection: Selection, form: HubFilterForm):
    months = stop_search_figures(selection).months
    return [{"month": f"{m:%Y-%m}", "searches": n, "published": n is not None} for m, n in months], None


def _disproportionality(selection: Selection, form: HubFilterForm):
    figures = stop_search_figures(selection)
    records = [
        {
            "group": ETHNIC_GROUPS[g.group],
            "searches": g.searches,
            "residents": g.residents,
            "residents_as_of": figures.residents[g.group].as_of if g.group in figures.residents else "",
            "residents_source": figures.residents[g.group].source if g.group in figures.residents else "",
            "searches_per_1000_residents": g.per_1000,
            f"ratio_to_{REFERENCE_GROUP}": g.ratio,
            "ratio_lower_95": g.lower,
            "ratio_upper_95": g.upper,
            "not_computed": g.reason,
        }
        for g in figures.disproportionality
    ]
    return records, None


for _key in BREAKDOWNS:
    _register(f"stop-and-search-{_key}", f"stop and search by {_key}, with the find rate", _breakdown_compute(_key))
_register("stop-and-search-months", "stop and search per month (empty: no data published)", _months)
_register(
    "stop-and-search-disproportionality",
    "searches per 1,000 residents of each ethnic group and the ratio to the White group "
    "(residents, not the people present)",
    _disproportionality,
)
