"""What the Hub's templates show: analysis results turned into rows, charts and map features.

Charts are drawn once per data version (cached with the result they draw)."""

from __future__ import annotations

import json
from typing import Any

import numpy as np
from django.db.models import Count

from beatbook.analysis.concentration import concentration_curve
from beatbook.core.charts import lorenz_chart, trend_chart
from beatbook.geography.models import Ward
from beatbook.hub.analyses import Trends
from beatbook.hub.cache import cached
from beatbook.hub.dashboard import Dashboard, top_places
from beatbook.hub.export import from_bng
from beatbook.hub.selection import Selection


def month_labels(months) -> list[str]:
    return [f"{m:%b %Y}" for m in months]


def trend_rows(trend: Trends) -> list[dict[str, Any]]:
    """One row per month of the period: count (None when unpublished), expected range, flag."""
    flags = trend.anomalies
    flagged = {m: i for i, m in enumerate(flags.months)} if flags else {}
    rows = []
    for month, count, published in zip(trend.months, trend.counts.tolist(), trend.published.tolist()):
        i = flagged.get(month)
        row: dict[str, Any] = {"month": month, "count": count if published else None, "flag": ""}
        if flags is not None and i is not None:
            row["lower"], row["upper"] = float(flags.lower[i]), float(flags.upper[i])
            row["flag"] = "higher than expected" if flags.high[i] else ("lower than expected" if flags.low[i] else "")
        rows.append(row)
    return rows


def forecast_rows(trend: Trends) -> list[dict[str, Any]]:
    f = trend.forecast
    if f is None:
        return []
    return [
        {"month": m, "mean": float(a), "lower": float(lo), "upper": float(hi)}
        for m, a, lo, hi in zip(trend.forecast_months, f.mean, f.lower, f.upper)
    ]


def _trend_svg(trend: Trends, title: str) -> str:
    rows = trend_rows(trend)
    ahead = forecast_rows(trend)
    forecast = (
        (
            month_labels(r["month"] for r in ahead),
            [r["mean"] for r in ahead],
            [r["lower"] for r in ahead],
            [r["upper"] for r in ahead],
        )
        if ahead
        else None
    )
    return trend_chart(
        month_labels(trend.months),
        [r["count"] for r in rows],
        [r["flag"] == "higher than expected" for r in rows],
        [r["flag"] == "lower than expected" for r in rows],
        forecast,
        title,
    )


def charts(result: Dashboard) -> dict[str, str]:
    """The dashboard's SVG charts, drawn once per data version."""

    def draw() -> dict[str, str]:
        place = result.selection.area.name
        out = {"trend": "", "lorenz": ""}
        if result.trend is not None:
            out["trend"] = _trend_svg(result.trend, f"Crimes per month in {place}, with anomalies and forecast")
        if result.places is not None:
            x, y = concentration_curve(result.places.counts)
            out["lorenz"] = lorenz_chart(x.tolist(), y.tolist(), f"Concentration of crime at places, {place}")
        return out

    return cached("dashboard-charts", result.selection, {}, draw)


def ward_counts(selection: Selection) -> dict[int, int]:
    """Crimes of the selection per ward, cached: on a national database this is the page's largest query."""
    from beatbook.hub.services import crimes

    def count() -> dict[int, int]:
        rows = crimes(selection).values("ward").annotate(n=Count("pk")).order_by()
        return {row["ward"]: row["n"] for row in rows}

    return cached("ward-counts", selection, {}, count)


def map_features(selection: Selection, result: Dashboard, link) -> dict[str, Any]:
    """Ward boundaries (with their crimes and a link to their dashboard) and the top places."""
    counts = ward_counts(selection)
    wards = Ward.objects.filter(pk__in=selection.area.ward_ids).order_by("name")
    features = [
        {
            "type": "Feature",
            "geometry": json.loads(w.boundary),
            "properties": {"layer": "ward", "name": w.name, "count": counts.get(w.pk, 0), "url": link(w)},
        }
        for w in wards
    ]
    places = top_places(result.places) if result.places is not None else []
    if places:
        xy = np.array([p[2] for p in places])
        lngs, lats = from_bng(xy[:, 0], xy[:, 1])
        for rank, ((name, n, _), lng, lat) in enumerate(zip(places, lngs.tolist(), lats.tolist()), start=1):
            features.append(
                {
                    "type": "Feature",
                    "geometry": {"type": "Point", "coordinates": [lng, lat]},
                    "properties": {"layer": "place", "name": name, "count": n, "rank": rank},
                }
            )
    return {"type": "FeatureCollection", "features": features}
