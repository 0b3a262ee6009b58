"""The public stop-and-search page and its downloads: no sign-in, published data only."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from beatbook.core.charts import monthly_gaps_chart
from beatbook.crime.police_uk.ethnicity import ETHNIC_GROUPS
from beatbook.hub.cache import cached
from beatbook.hub.views import export_response, hub_form
from beatbook.stopsearch.downloads import PUBLIC_DOWNLOADS
from beatbook.stopsearch.figures import REFERENCE_GROUP, StopSearchFigures, stop_search_figures
from beatbook.stopsearch.forms import StopSearchFilterForm


def _chart(figures: StopSearchFigures) -> str:
    """The monthly chart, drawn once per data version."""
    selection = figures.selection

    def draw() -> str:
        labels = [f"{m:%b %Y}" for m, _ in figures.months]
        title = f"Stop and search per month, {selection.area.name}"
        return monthly_gaps_chart(labels, [n for _, n in figures.months], title, "Searches")

    return cached("stop-and-search-chart", selection, {}, draw)


def stop_and_search(request: HttpRequest) -> HttpResponse:
    form = hub_form(request, StopSearchFilterForm)
    context: dict = {"form": form, "query": form.query() if form is not None else ""}
    if form is not None and form.selection is not None:
        figures = stop_search_figures(form.selection)
        context |= {
            "figures": figures,
            "chart": _chart(figures) if figures.total else "",
            "group_labels": ETHNIC_GROUPS,
            "reference": REFERENCE_GROUP,
        }
    status = 400 if form is not None and form.errors else 200
    return render(request, "stopsearch/stop_and_search.html", context, status=status)


def export(request: HttpRequest, table: str, fmt: str) -> HttpResponse:
    """A table of the page as CSV or its metadata (public)."""
    return export_response(request, PUBLIC_DOWNLOADS.get(table), table, fmt)
