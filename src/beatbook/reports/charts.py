"""The profile's charts as inline SVG (matplotlib, core/charts.py's figure): crime and ASB by ward,
residents by age, and a map of the wards shaded by crime per km² with the year's hotspots. The map
is drawn from the ward boundaries stored in the database, so it needs no map tiles from another host.
Colours are Okabe-Ito and every series also differs in shape or hatching."""

from __future__ import annotations

import json
import math
from collections.abc import Sequence

from shapely.geometry import shape

from beatbook.core.charts import _svg_figure
from beatbook.core.charts import unique_ids as unique_ids  # the profile's pages import it from here
from beatbook.geography.models import Ward
from beatbook.reports.crime import WardRow
from beatbook.reports.places import Hotspot

BLUE, VERMILION, ORANGE, SKY = "#0072b2", "#d55e00", "#e69f00", "#56b4e9"
#: Shades of the map, lightest for the least crime per km² (a single hue reads in greyscale too).
SHADES = ("#eff3ff", "#bdd7e7", "#6baed6", "#2171b5")


def ward_bars(rows: Sequence[WardRow], title: str) -> str:
    """Crimes and ASB of each ward, horizontal bars (crimes solid, ASB hatched)."""
    rows = sorted(rows, key=lambda r: (r.crimes + r.asb, r.ward))
    height = 1.0 + 0.22 * len(rows)
    with _svg_figure(title, size=(8, height), margins=(0.24, 0.5 / height, 0.97, 1 - 0.4 / height)) as (axes, out):
        ys = range(len(rows))
        axes.barh(ys, [r.crimes for r in rows], color=BLUE, label="Crimes")
        axes.barh(ys, [r.asb for r in rows], left=[r.crimes for r in rows], color=ORANGE, hatch="//",
                  edgecolor="#5c4400", linewidth=0, label="Anti-social behaviour")  # fmt: skip
        axes.set_yticks(list(ys), [r.ward for r in rows], fontsize=7)
        axes.set_xlabel("Crimes and ASB incidents in the year's published months", fontsize=8)
        axes.legend(fontsize=7, loc="lower right", frameon=False)
    return out[0]


def age_bars(ages: Sequence[tuple[str, int]], title: str) -> str:
    with _svg_figure(title, size=(8, 2.8), margins=(0.08, 0.3, 0.98, 0.88)) as (axes, out):
        axes.bar(range(len(ages)), [n for _, n in ages], color=BLUE)
        labels = [a.replace("Aged ", "").replace(" years", "") for a, _ in ages]
        axes.set_xticks(range(len(ages)), labels, fontsize=7, rotation=20, ha="right")
        axes.set_ylabel("Usual residents", fontsize=8)
    return out[0]


def _shade(value: float | None, breaks: list[float]) -> str:
    if value is None:
        return "#ffffff"
    return SHADES[sum(value > b for b in breaks)]


def _breaks(values: list[float]) -> list[float]:
    """Quartile breaks of the values (three), so that each shade holds about a quarter of the wards."""
    ordered = sorted(values)
    return [ordered[min(len(ordered) - 1, int(len(ordered) * q))] for q in (0.25, 0.5, 0.75)] if ordered else []


def ward_map(force_slug: str, rows: Sequence[WardRow], hotspots: Sequence[Hotspot], title: str) -> str:
    """Wards shaded by crimes per km² (quartiles), persistent hotspots as vermilion circles, new ones
    as sky-blue diamonds."""
    per_km2 = {r.ward: r.crimes_per_km2 for r in rows}
    breaks = _breaks([v for v in per_km2.values() if v is not None])
    wards = list(Ward.objects.of_force(force_slug).order_by("name"))
    with _svg_figure(title, size=(8, 4.6), margins=(0.0, 0.0, 0.76, 0.93)) as (axes, out):
        for ward in wards:
            for polygon in _polygons(ward.boundary):
                xs, ys = polygon.exterior.xy
                axes.fill(xs, ys, facecolor=_shade(per_km2.get(ward.name), breaks), edgecolor="#505a5f", linewidth=0.6)
        for kind, colour, marker, label in (
            ("persistent", VERMILION, "o", "Persistent hotspot"),
            ("new", SKY, "D", "New hotspot"),
        ):
            spots = [h for h in hotspots if h.kind == kind]
            axes.scatter([h.lng for h in spots], [h.lat for h in spots], s=36, c=colour, marker=marker,
                         edgecolors="black", linewidths=0.6, label=label, zorder=3)  # fmt: skip
        _legend(axes, breaks)
        mean_lat = sum(w.centroid_lat for w in wards) / len(wards) if wards else 51.5
        axes.set_aspect(1 / math.cos(math.radians(mean_lat)))
        axes.set_axis_off()
    return out[0]


def _legend(axes, breaks: list[float]) -> None:
    from matplotlib.patches import Patch

    edges = [0.0, *breaks]
    labels = [f"{lo:,.0f}–{hi:,.0f}" for lo, hi in zip(edges, breaks)] + ([f"over {breaks[-1]:,.0f}"] if breaks else [])
    patches = [Patch(facecolor=s, edgecolor="#505a5f", label=text) for s, text in zip(SHADES, labels)]
    handles, _ = axes.get_legend_handles_labels()
    axes.legend(handles=[*patches, *handles], fontsize=8, loc="center left", bbox_to_anchor=(1.0, 0.5), frameon=False,
                title="Crimes per km²", title_fontsize=8)  # fmt: skip


def _polygons(geojson: str) -> list:
    geometry = shape(json.loads(geojson))
    return list(geometry.geoms) if hasattr(geometry, "geoms") else [geometry]
