"""/api/hub/hotspots and /api/hub/near-repeat: the hotspot map and the Knox test, on the same
query parameters as the pages."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from ninja import Query, Router
from ninja.errors import HttpError

from beatbook.api.auth import RoleSession
from beatbook.api.hub import Filters, table, valid_form
from beatbook.core.roles import HUB_READERS
from beatbook.hub import export, hotspot_features, near_repeat_page
from beatbook.hub.analysis_forms import HotspotForm, NearRepeatForm
from beatbook.hub.downloads import DOWNLOADS, metadata

router = Router(tags=["hub"], auth=RoleSession(*HUB_READERS))


class HotspotFilters(Filters):
    cell_size: float | None = Query(
        None, description="Cell side in metres; default automatic, never below the map-point spacing"
    )
    alpha: float | None = Query(None, description="Significance level, default 0.05")
    fdr: str | None = Query(None, description="bh (Benjamini-Hochberg, default) or none")
    slice: int | None = Query(None, description="Months per time slice of the classes over time: 1, 2, 3 or 6")


class NearRepeatFilters(Filters):
    space_bands: str | None = Query(None, description="Distance band edges in metres, default 0,100,200,400")
    time_bands: str | None = Query(
        None, description="Time band edges in days holding whole months, default 0,15,45,75,105"
    )
    permutations: int | None = Query(None, description="Monte Carlo permutations, default 99, at most 999")
    seed: int | None = Query(None, description="Seed of the permutations, default 1")


def _geojson(name: str, form: HotspotForm) -> dict[str, Any]:
    """A registered map download (hub.downloads) as a GeoJSON FeatureCollection with its metadata."""
    item = DOWNLOADS[name]
    assert form.selection is not None
    records, geometries = item.compute(form.selection, form)
    return export.geojson_collection(records, geometries or [], metadata(item, form))


@router.get(
    "/hotspots",
    url_name="hub-hotspots",
    summary="Hotspot map: Gi* cells with classes over time (GeoJSON), density bands (GeoJSON), hotspot places",
)
def hotspots(request: HttpRequest, filters: Query[HotspotFilters]) -> dict[str, Any]:
    form = valid_form(request, HotspotForm)
    assert isinstance(form, HotspotForm) and form.selection is not None
    result = hotspot_features.result_of(form)
    return {
        "area": form.selection.area.describe(),
        "period": form.selection.describe_months(),
        "crimes": result.n_crimes,
        "map_point_spacing_m": result.spacing,
        "cell_size_m": result.cells.grid.cell_size if result.cells else None,
        "kernel_radius_m": result.surface.bandwidth if result.surface else None,
        "places": hotspot_features.place_rows(result),
        "cells": _geojson("hotspot-cells", form),
        "density": _geojson("hotspot-density", form),
        "notes": [n for n in (result.cells_note, result.over_time_note, result.surface_note) if n],
    }


@router.get(
    "/near-repeat",
    url_name="hub-near-repeat",
    summary="Near repeats: the Knox table with its reading in plain English",
)
def near_repeat(request: HttpRequest, filters: Query[NearRepeatFilters]) -> dict[str, Any]:
    form = valid_form(request, NearRepeatForm)
    assert isinstance(form, NearRepeatForm) and form.selection is not None
    run = near_repeat_page.knox_run(form.selection, near_repeat_page.KnoxOptions.of(form))
    if run.too_large:
        raise HttpError(400, run.error)
    return {
        "area": form.selection.area.describe(),
        "period": form.selection.describe_months(),
        "crimes": run.n_crimes,
        "readings": near_repeat_page.readings(run.result) if run.result else [],
        "knox": table("near-repeat-knox", form) if run.result else None,
        "notes": [run.error] if run.error else [],
    }
