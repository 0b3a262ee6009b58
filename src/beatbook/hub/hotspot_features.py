"""What the hotspot page shows and exports: map features (one GeoJSON FeatureCollection, a
``layer`` property per feature, drawn by hub-map.js with the styles of hotspot-layers.js),
the table of hotspot places, and the downloads (cells as CSV and GeoJSON, the density bands)."""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Callable
from typing import Any

import numpy as np
import shapely

from beatbook.analysis.getis_ord import MIXED, NO_PATTERN
from beatbook.geography.models import Ward
from beatbook.hub import export
from beatbook.hub.analysis_forms import HotspotForm
from beatbook.hub.boundaries import lsoas_in
from beatbook.hub.cache import cached
from beatbook.hub.downloads import download
from beatbook.hub.hotspot_map import HotspotMap, HotspotOptions, class_name, hotspot_map
from beatbook.hub.hotspot_time import recent_prop
from beatbook.hub.selection import Selection, runs_text

#: The classes over time in the legend's order.
KINDS = ("persistent", "emerging", "former", "intermittent")
CLASS_ORDER = [f"{kind} {spot}" for spot in ("hotspot", "coldspot") for kind in KINDS] + [MIXED]
#: Map points labelled with their street when no tile server draws the streets.
LABELLED_POINTS = 8

Feature = dict[str, Any]


def options_of(form: HotspotForm) -> HotspotOptions:
    data = form.cleaned_data
    return HotspotOptions(data.get("cell_size"), data["alpha"], form.fdr_on, data["slice"])


def result_of(form: HotspotForm) -> HotspotMap:
    assert form.selection is not None
    return hotspot_map(form.selection, options_of(form), form.spacing)


def _feature(geometry: dict, **properties: Any) -> Feature:
    return {"type": "Feature", "geometry": geometry, "properties": {k: export.plain(v) for k, v in properties.items()}}


def _ward_features(result: HotspotMap, link: Callable[[Ward], str]) -> list[Feature]:
    wards = Ward.objects.filter(pk__in=result.selection.area.ward_ids).order_by("name")
    return [
        _feature(json.loads(w.boundary), layer="ward", name=w.name, count=result.ward_counts.get(w.pk, 0), url=link(w))
        for w in wards
    ]


def _lsoa_features(selection: Selection) -> list[Feature]:
    wards = Ward.objects.filter(pk__in=selection.area.ward_ids)
    area = shapely.union_all([w.geometry for w in wards])
    return [_feature(lsoa.geometry, layer="lsoa", name=lsoa.name, code=lsoa.code) for lsoa in lsoas_in(area)]


def _density_features(result: HotspotMap) -> list[Feature]:
    return [
        _feature(
            band.geometry,
            layer="kde",
            band=band.band.level,
            name=band.describe(),
            lower=round(band.lower, 1),
            upper=None if band.upper is None else round(band.upper, 1),
            hectares=round(band.hectares, 1),
            crimes=band.crimes,
        )
        for band in result.bands
    ]


def cell_properties(result: HotspotMap, i: int, rank: int | None) -> dict[str, Any]:
    cells = result.cells
    assert cells is not None
    over_time = result.over_time
    return {
        "cell": i,
        "rank": rank,
        "crimes": int(cells.grid.counts[i]),
        "z": round(float(cells.z[i]), 2) if np.isfinite(cells.z[i]) else None,
        "p": float(cells.p[i]),
        "p_fdr": float(cells.p_adjusted[i]) if cells.p_adjusted is not None else None,
        "class": class_name(int(cells.classes[i])),
        "over_time": result.class_over_time(i),
        "hot_slices": int(over_time.hot_periods[i]) if over_time is not None else None,
        "slices": len(over_time.slices) if over_time is not None else None,
        "map_points": int(cells.map_points[i]),
        "streets": str(cells.streets[i]),
    }


def _cell_feature(
    result: HotspotMap, polygons: list[dict], i: int, layer: str, ranks: dict[int, int], top: bool
) -> Feature:
    """A cell of a Gi* layer; the cell's topmost shape gets the id the table's "show on map" buttons use."""
    extra = {"id": f"cell-{i}"} if top else {}
    return _feature(polygons[i], layer=layer, **cell_properties(result, i, ranks.get(i)), **extra)


def _cell_features(result: HotspotMap) -> list[Feature]:
    cells = result.cells
    if cells is None:
        return []
    polygons = export.cell_polygons(cells)
    ranks = {i: rank for rank, i in enumerate(result.places(), 1)}
    features = []
    if result.over_time is not None:
        classed = np.flatnonzero((result.over_time.category != NO_PATTERN) & result.in_area)
        features += [_cell_feature(result, polygons, int(i), "gi-time", ranks, cells.classes[i] == 0) for i in classed]
    hot_or_cold = np.flatnonzero((cells.classes != 0) & result.in_area)
    features += [_cell_feature(result, polygons, int(i), "gi", ranks, True) for i in hot_or_cold]
    return features


def _point_features(result: HotspotMap) -> list[Feature]:
    points = result.points
    geometries = export.points(points.xy) if len(points.xy) else []
    return [
        _feature(g, layer="point", name=str(name), count=int(n), label=k < LABELLED_POINTS)
        for k, (g, name, n) in enumerate(zip(geometries, points.names.tolist(), points.counts.tolist()))
    ]


def _analysis_features(result: HotspotMap) -> list[Feature]:
    """The layers drawn from the analysis, drawn once per data version (the cells' squares are reprojected)."""

    def draw() -> list[Feature]:
        return [
            *_lsoa_features(result.selection),
            *_density_features(result),
            *_cell_features(result),
            *_point_features(result),
        ]

    return cached("hotspot-features", result.selection, result.options.key(), draw)


def map_features(result: HotspotMap, link: Callable[[Ward], str]) -> dict[str, Any]:
    """Every layer of the map, bottom first: wards, LSOAs, density, Gi* over time, Gi*, map points."""
    return {"type": "FeatureCollection", "features": [*_ward_features(result, link), *_analysis_features(result)]}


def place_rows(result: HotspotMap) -> list[dict[str, Any]]:
    """The table beside the map: one row per hotspot place."""
    return [cell_properties(result, i, rank) for rank, i in enumerate(result.places(), 1)]


def legend_counts(result: HotspotMap) -> dict[str, Any]:
    """How many cells of each kind the map draws, for the legend, and the rule's figures in words."""
    cells, over_time = result.cells, result.over_time
    counts: dict[str, Any] = {"cell_counts": {}, "class_counts": [], "left_out": "", "recent_share": ""}
    if cells is not None:
        hot, area = cells.classes == 1, result.in_area
        counts["cell_counts"] = {
            "hot_places": int(np.sum(hot & (cells.map_points > 0) & area)),
            "hot_empty": int(np.sum(hot & (cells.map_points == 0) & area)),
            "cold": int(np.sum((cells.classes == -1) & area)),
        }
    if over_time is not None:
        named = Counter(str(c) for c in over_time.category[result.in_area].tolist() if c != NO_PATTERN)
        counts["class_counts"] = sorted(named.items(), key=lambda kv: CLASS_ORDER.index(kv[0]))
        counts["left_out"] = runs_text(list(over_time.left_out))
        counts["recent_share"] = f"{100 * recent_prop(len(over_time.slices)):.0f}%"
    return counts


# Downloads ----------------------------------------------------------------------------------------


def cell_records(result: HotspotMap) -> tuple[list[dict[str, Any]], list[dict]]:
    """The area's cells: export.hotspot_records with each cell's class over time, and their squares."""
    assert result.cells is not None
    records, polygons = export.hotspot_records(result.cells), export.cell_polygons(result.cells)
    over_time = result.over_time
    for i, record in enumerate(records):
        record["class_over_time"] = result.class_over_time(i) or None
        record["hot_slices"] = int(over_time.hot_periods[i]) if over_time is not None else None
        record["cold_slices"] = int(over_time.cold_periods[i]) if over_time is not None else None
        record["slices"] = len(over_time.slices) if over_time is not None else None
    kept = np.flatnonzero(result.in_area).tolist()
    return [records[i] for i in kept], [polygons[i] for i in kept]


@download(
    "hotspot-cells",
    "Getis-Ord Gi* hot and cold spots of the force's crimes on a grid at the map-point spacing, with classes "
    "over time slices; the cells of the area",
    form_class=HotspotForm,
    geojson=True,
)
def _cells_download(selection: Selection, form):
    result = result_of(form)
    return cell_records(result) if result.cells is not None else ([], [])


@download(
    "hotspot-density",
    "kernel density of the force's crimes (quartic kernel, radius twice the map-point spacing) in bands of "
    "the force's mean density, clipped to the area",
    form_class=HotspotForm,
    geojson=True,
)
def _density_download(selection: Selection, form):
    result = result_of(form)
    s = result.surface
    if s is None:
        return [], []
    records = [
        {
            "band": band.describe(),
            "lower_crimes_per_hectare": band.lower,
            "upper_crimes_per_hectare": band.upper,
            "lower_multiple_of_force_mean": band.band.multiples[0],
            "upper_multiple_of_force_mean": band.band.multiples[1],
            "hectares_in_area": band.hectares,
            "area_crimes_inside": band.crimes,
            "kernel_radius_m": s.bandwidth,
            "force_mean_crimes_per_hectare": s.mean,
        }
        for band in result.bands
    ]
    return records, [band.geometry for band in result.bands]
