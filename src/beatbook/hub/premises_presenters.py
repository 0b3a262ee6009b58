"""What the premises page shows: the ranked list with where each count was placed, the months,
the concentration curve and its table, and the map's features. Drawn once per data version."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

import numpy as np
from django.utils.html import format_html, json_script
from django.utils.safestring import SafeString

from beatbook.core.charts import lorenz_chart
from beatbook.core.sparkline import sparkline
from beatbook.geography.models import Ward
from beatbook.hub.analyses import street_name
from beatbook.hub.cache import cached
from beatbook.hub.export import from_bng
from beatbook.hub.premises_page import PremisesChange, PremisesPage, page_options

LISTED = 20  # premises in the ranked list (the CSV has them all)
ON_MAP_NUMBERED = 10
#: Other premises are drawn up to this many (a cluster's or ward's); a force's would weigh the page down.
OTHERS_DRAWN = 600
CURVE_STEPS = (1, 5, 10, 20, 30, 50, 100)
DETAIL_LABELS = {
    "licence_number": "Licence",
    "licence_type": "Licence type",
    "hours": "Hours",
    "terminal_hour": "Terminal hour",
    "status": "Status",
}


def change_text(change: PremisesChange | None) -> SafeString:
    """ "195 a year earlier: down 40 (21%), not significant (adjusted p = 0.18)"."""
    if change is None:
        return format_html("{}", "not comparable")
    if change.change == 0:
        words = "no change"
    else:
        percent = f" ({abs(change.change) / change.previous:.0%})" if change.previous else ""
        words = f"{'up' if change.change > 0 else 'down'} {abs(change.change):,}{percent}"
    verdict = f"adjusted p = {change.p_adjusted:.2f}"
    if change.significant:
        return format_html(
            '{} a year earlier: {}, <strong class="significant">significant ({})</strong>',
            change.previous,
            words,
            verdict,
        )
    return format_html("{} a year earlier: {}, not significant ({})", change.previous, words, verdict)


def _month_values(page: PremisesPage, i: int) -> list[int | None]:
    return [int(v) if p else None for v, p in zip(page.monthly[i].tolist(), page.published.tolist())]


def _month_words(page: PremisesPage, i: int) -> str:
    values = _month_values(page, i)
    return ", ".join(f"{m:%b %Y} {'not published' if v is None else v}" for m, v in zip(page.months, values))


def _sources(page: PremisesPage, i: int) -> list[dict[str, Any]]:
    return [
        {
            "street": street_name(s.name) if s.name else "(unnamed map point)",
            "crimes": s.crimes,
            "premises_near": s.premises_near,
            "any_near": s.any_near,
            "place_type": s.place_type,
        }
        for s in page.sources[i]
    ]


def _details(page: PremisesPage, i: int) -> list[tuple[str, str]]:
    details = page.premises.details
    return [(DETAIL_LABELS[k], str(details[k][i])) for k in DETAIL_LABELS if k in details and str(details[k][i])]


def ranked_rows(page: PremisesPage, sparklines: dict[int, str], n: int = LISTED) -> list[dict[str, Any]]:
    """The ``n`` premises with most crimes counted, each with where its crimes were placed."""
    p, counts = page.premises, page.risk.result.counts
    total = int(counts.sum())
    rows = []
    for rank, i in enumerate(page.ranked_with_crime()[:n], 1):
        sources = _sources(page, i)
        rows.append(
            {
                "rank": rank,
                "name": str(p.names[i]),
                "type": str(p.types[i]),
                "address": ", ".join(part for part in (str(p.addresses[i]), str(p.postcodes[i])) if part),
                "details": _details(page, i),
                "crimes": int(counts[i]),
                "share": counts[i] / total if total else 0.0,
                "sources": sources,
                "shared": any(s["premises_near"] > 1 for s in sources),
                "sparkline": SafeString(sparklines.get(i, "")),
                "peak": int(page.monthly[i].max()) if page.monthly.shape[1] else 0,
                "change": change_text(page.changes[i] if page.changes else None),
            }
        )
    return rows


def month_rows(page: PremisesPage, n: int = LISTED) -> list[dict[str, Any]]:
    """Crimes per month at the listed premises: the numbers of the sparklines."""
    return [
        {"name": str(page.premises.names[i]), "values": _month_values(page, i), "total": int(page.monthly[i].sum())}
        for i in page.ranked_with_crime()[:n]
    ]


def curve_rows(page: PremisesPage) -> list[dict[str, Any]]:
    """Share of the counted crimes at the busiest ``k``% of premises, read off the curve."""
    n = page.premises.n
    return [{"percent": k, "premises": max(1, round(n * k / 100)), "share": page.risk.curve_at(k)} for k in CURVE_STEPS]


def charts(page: PremisesPage) -> dict[str, Any]:
    """The concentration curve and the listed premises' sparklines, drawn once per data version."""
    options = page_options(page.register, page.types, page.risk.result.radius)

    def draw() -> dict[str, Any]:
        r = page.risk.result
        title = f"Concentration curve, {page.selection.area.name}"
        lines = {
            i: sparkline(
                _month_values(page, i), f"Crimes per month at {page.premises.names[i]}: {_month_words(page, i)}"
            )
            for i in page.ranked_with_crime()[:LISTED]
        }
        curve = lorenz_chart(r.facility_share.tolist(), r.crime_share.tolist(), title, places="Premises")
        return {"curve": curve, "sparklines": lines}

    return cached("premises-charts", page.selection, options, draw)


def _point(lng: float, lat: float, **properties: Any) -> dict[str, Any]:
    return {
        "type": "Feature",
        "geometry": {"type": "Point", "coordinates": [round(lng, 6), round(lat, 6)]},
        "properties": properties,
    }


def _premises_features(page: PremisesPage) -> list[dict[str, Any]]:
    p, counts = page.premises, page.risk.result.counts
    numbered = {i: rank for rank, i in enumerate(page.ranked_with_crime()[:ON_MAP_NUMBERED], 1)}
    return [
        _point(
            float(p.lng[i]),
            float(p.lat[i]),
            layer="top" if i in numbered else "premises",
            name=str(p.names[i]),
            type=str(p.types[i]),
            count=int(counts[i]),
            rank=numbered.get(i),
        )
        for i in range(p.n)
    ]


def _map_point_features(page: PremisesPage) -> list[dict[str, Any]]:
    points: dict[tuple[float, float], dict[str, Any]] = {}
    for i, sources in enumerate(page.sources):
        for s in sources:
            points[(s.easting, s.northing)] = {
                "name": s.name or "(unnamed map point)",
                "count": s.crimes,
                "counted_at": str(page.premises.names[i]),
                "premises_near": s.premises_near,
                "any_near": s.any_near,
            }
    if not points:
        return []
    xy = np.array(list(points), dtype=float)
    lngs, lats = from_bng(xy[:, 0], xy[:, 1])
    return [
        _point(lng, lat, layer="point", **props)
        for lng, lat, props in zip(lngs.tolist(), lats.tolist(), points.values())
    ]


def map_script(page: PremisesPage, ward_link: Callable[[Ward], str], query: str) -> SafeString:
    """The map's features as the page's JSON script element, built once per data version and query."""
    options = {**page_options(page.register, page.types, page.risk.result.radius), "query": query}
    return cached(
        "premises-map", page.selection, options, lambda: json_script(map_features(page, ward_link), "map-features")
    )


def others_drawn(page: PremisesPage) -> bool:
    return page.others.n <= OTHERS_DRAWN


def map_features(page: PremisesPage, ward_link: Callable[[Ward], str]) -> dict[str, Any]:
    """Wards, the register's other premises, the premises analysed (the busiest numbered) and the
    police.uk map points whose crimes were counted at them."""
    wards = Ward.objects.filter(pk__in=page.selection.area.ward_ids).order_by("name")
    features = [
        {
            "type": "Feature",
            "geometry": json.loads(w.boundary),
            "properties": {"layer": "ward", "name": w.name, "url": ward_link(w)},
        }
        for w in wards
    ]
    others = page.others if others_drawn(page) else page.others.subset(np.zeros(page.others.n, dtype=bool))
    features += [
        _point(lng, lat, layer="other", name=name, type=kind)
        for lng, lat, name, kind in zip(
            others.lng.tolist(), others.lat.tolist(), others.names.tolist(), others.types.tolist()
        )
    ]
    # Drawn in this order: the premises above the map points they are counted from.
    return {"type": "FeatureCollection", "features": features + _map_point_features(page) + _premises_features(page)}
