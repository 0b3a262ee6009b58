"""The tasking briefing's tables as downloads (CSV, and GeoJSON for places), on the page's query."""

from __future__ import annotations

from typing import Any

import numpy as np

from beatbook.hub import export
from beatbook.hub.briefing import Briefing, briefing
from beatbook.hub.briefing_form import BriefingForm
from beatbook.hub.downloads import download
from beatbook.hub.patrols import Place
from beatbook.hub.selection import Selection


def _result(selection: Selection, form: Any) -> Briefing:
    return briefing(selection, form.window_months)


def _place(place: Place) -> dict[str, Any]:
    return {
        "place": place.name,
        "ward": place.ward,
        "map_points": "; ".join(place.locations),
        "kind": place.kind,
        "crimes_in_month": place.month_crimes,
        "same_month_a_year_earlier": place.year_earlier,
        "latitude": round(place.lat, 6),
        "longitude": round(place.lng, 6),
    }


def _points(places: list[Place]) -> list[dict]:
    return export.points(np.array([p.xy for p in places], dtype=float).reshape(-1, 2))


@download(
    "briefing-patrols",
    "suggested patrol areas: Gi* hot cells and repeat locations by crimes in the month (ties: persistent, new, repeat)",
    form_class=BriefingForm,
    geojson=True,
)
def _patrols(selection: Selection, form: Any):
    patrols = _result(selection, form).patrols
    rows = [{"rank": p.rank, **_place(p.place), "evidence": p.evidence} for p in patrols]
    return rows, _points([p.place for p in patrols])


@download(
    "briefing-anomalies",
    "crimes of the month against the seasonal rule (quasi-Poisson with trend and season), all crimes and by category",
    form_class=BriefingForm,
)
def _anomalies(selection: Selection, form: Any):
    anomalies = _result(selection, form).anomalies
    rows = ([anomalies.total] if anomalies.total else []) + anomalies.rows
    return [
        {
            "category": r.slug or "all",
            "name": r.name,
            "crimes": r.count,
            "expected": round(r.expected, 1),
            "expected_low": r.lower,
            "expected_high": r.upper,
            "flag": r.flag,
            "same_month_a_year_earlier": r.year_earlier,
        }
        for r in rows
    ], None


@download(
    "briefing-hotspots",
    "Gi* hot cells of the recent months with a map point, against the 12 months before (new or persistent)",
    form_class=BriefingForm,
    geojson=True,
)
def _hotspots(selection: Selection, form: Any):
    result = _result(selection, form)
    rows = [
        {
            **_place(p),
            "crimes_recent_months": p.recent,
            "crimes_12_months_before": p.before,
            "recent_months_hot_alone": p.hot_months,
            "cell_size_m": result.hot.grid.cell_size if result.hot else None,
        }
        for p in result.hot_places
    ]
    return rows, _cells(result)


def _cells(result: Briefing) -> list[dict]:
    if result.hot is None or not result.hot_places:
        return []
    corners = np.array(result.hot.grid.polygons(), dtype=float)[[p.cell for p in result.hot_places]].reshape(-1, 2)
    lngs, lats = export.from_bng(corners[:, 0], corners[:, 1])
    rings = np.column_stack([lngs, lats]).reshape(len(result.hot_places), 5, 2).tolist()
    return [{"type": "Polygon", "coordinates": [ring]} for ring in rings]


@download(
    "briefing-repeats", "repeat locations of the month: police.uk map points with 2 or more crimes", BriefingForm, True
)
def _repeats(selection: Selection, form: Any):
    repeats = _result(selection, form).repeats
    return [_place(p) for p in repeats], _points(repeats)


@download(
    "briefing-premises",
    "pubs, bars and nightclubs with more night-time-economy crime than the same months a year earlier (E-test)",
    form_class=BriefingForm,
)
def _premises(selection: Selection, form: Any):
    premises = _result(selection, form).premises
    return [
        {
            "premises": c.name,
            "address": c.address,
            "postcode": c.postcode,
            "crimes": c.crimes,
            "same_months_a_year_earlier": c.previous,
            "p_value": c.p_value,
            "clearly_up": c.clearly_up,
            "map_point": c.map_point,
            "premises_sharing_the_map_point": c.sharing,
        }
        for c in premises.changes
    ], None
