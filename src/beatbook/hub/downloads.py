"""Every table and map of the Hub's pages as a download: CSV (with its CSV-on-the-Web metadata
file) or GeoJSON (metadata inside), on the same URL query as the page.

A page registers its tables with ``@download(name, ...)``; the export view looks them up here.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.conf import settings

from beatbook.hub import export, services
from beatbook.hub.dashboard import dashboard
from beatbook.hub.forms import HubFilterForm
from beatbook.hub.selection import Selection

Records = list[dict[str, Any]]
Compute = Callable[[Selection, HubFilterForm], tuple[Records, list[dict] | None]]


@dataclass(frozen=True)
class Download:
    name: str
    analysis: str  # what the metadata says was done
    compute: Compute
    form_class: type[HubFilterForm]
    geojson: bool


DOWNLOADS: dict[str, Download] = {}


class CannotExport(ValueError):
    """The selection is valid but its table cannot be made (a run too large, too few crimes):
    the download answers 400 with this message rather than an empty file."""


def download(name: str, analysis: str, form_class: type[HubFilterForm] = HubFilterForm, geojson: bool = False):
    """Register ``compute(selection, form) -> (records, geometries or None)`` as the table ``name``."""

    def register(compute: Compute) -> Compute:
        DOWNLOADS[name] = Download(name, analysis, compute, form_class, geojson)
        return compute

    return register


def metadata(item: Download, form: HubFilterForm) -> dict[str, Any]:
    assert form.selection is not None
    options = form.export_options()
    return export.metadata(
        form.selection,
        item.analysis,
        options,
        services.data_version(form.selection),
        settings.BEATBOOK_DATA_ATTRIBUTION,
    )


@download("dashboard-categories", "crimes by category against the same months a year earlier (E-test)")
def _categories(selection: Selection, form: HubFilterForm):
    rows = [
        {
            "category": r.slug,
            "name": r.name,
            "crimes": r.current,
            "previous_year": r.change.previous if r.change else None,
            "change": r.change.change if r.change else None,
            "percent_change": r.change.percent_change if r.change else None,
            "p_value": r.change.p_value if r.change else None,
            "significant": r.change.significant if r.change else None,
        }
        for r in dashboard(selection).categories
    ]
    return rows, None


@download("dashboard-trend", "crimes per month, anomalies (seasonal quasi-Poisson) and forecast")
def _trend(selection: Selection, form: HubFilterForm):
    trend = dashboard(selection).trend
    return (export.trend_records(trend) if trend else []), None


@download("dashboard-places", "crimes at police.uk map points (repeat locations)", geojson=True)
def _places(selection: Selection, form: HubFilterForm):
    places = dashboard(selection).places
    if places is None:
        return [], []
    order = places.ranked()
    records = export.place_records(places)
    return [records[i] for i in order], [export.points(places.xy)[i] for i in order]
