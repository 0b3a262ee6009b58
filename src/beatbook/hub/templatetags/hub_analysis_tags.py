"""Pieces of the hotspot and near-repeat pages: legend swatches (the colours and outlines of
hotspot-layers.js and hub-map.js, drawn as small SVGs), p-values and shares."""

from __future__ import annotations

import math

from django import template
from django.utils.html import format_html
from django.utils.safestring import mark_safe

register = template.Library()

#: The same colours and dashes as static/beatbook/hotspot-layers.js.
DENSITY = ("#dadaeb", "#bcbddc", "#9e9ac8", "#6a51a3")
CLASS_STYLE = {
    "persistent hotspot": ("#D55E00", ""),
    "emerging hotspot": ("#E69F00", "6 3"),
    "former hotspot": ("#56B4E9", "2 3"),
    "intermittent hotspot": ("#F0E442", "8 3 2 3"),
    "persistent coldspot": ("#0072B2", ""),
    "emerging coldspot": ("#0072B2", "6 3"),
    "former coldspot": ("#0072B2", "2 3"),
    "intermittent coldspot": ("#0072B2", "8 3 2 3"),
    "mixed hot/coldspot": ("#999999", "1 2"),
}
SVG_OPEN = '<svg class="swatch-svg" width="22" height="16" viewBox="0 0 22 16" aria-hidden="true" focusable="false">'
CELL_STYLE = {"hot": ("#0b0c0c", ""), "hot-empty": ("#0b0c0c", "2 4"), "cold": ("#0072B2", "8 4")}


def _rect(fill: str, stroke: str, width: float, dash: str) -> str:
    return format_html(
        SVG_OPEN + '<rect x="2" y="2" width="18" height="12" fill="{}" stroke="{}" stroke-width="{}" '
        'stroke-dasharray="{}"/></svg>',
        fill,
        stroke,
        width,
        dash or "none",
    )


@register.simple_tag
def density_swatch(band: int) -> str:
    return _rect(DENSITY[min(band, len(DENSITY) - 1)], "#6a51a3", 0.5, "")


@register.simple_tag
def cell_swatch(kind: str) -> str:
    stroke, dash = CELL_STYLE[kind]
    return _rect("#ffffff", stroke, 3, dash)


@register.simple_tag
def class_swatch(name: str) -> str:
    fill, dash = CLASS_STYLE.get(name, ("#999999", ""))
    return _rect(fill, "#0b0c0c", 1.5, dash)


@register.simple_tag
def shade_swatch(fill: str, opacity: float) -> str:
    """A ward's shade on the Hub map's layers of counts (hub-map.js): the kind's fill at its class's opacity."""
    return format_html(
        SVG_OPEN + '<rect x="2" y="2" width="18" height="12" fill="{}" fill-opacity="{}" stroke="#0b0c0c" '
        'stroke-width="1"/></svg>',
        fill,
        opacity,
    )


@register.simple_tag
def point_swatch() -> str:
    circle = '<circle cx="11" cy="8" r="4" fill="#0b0c0c" stroke="#ffffff" stroke-width="1"/>'
    return mark_safe(f"{SVG_OPEN}{circle}</svg>")  # constant markup, no data in it


@register.filter
def pvalue(p: float | None) -> str:
    if p is None or not math.isfinite(p):
        return "–"
    return "< 0.0001" if p < 0.0001 else f"{p:.4f}"


@register.filter
def share_of(part: float, whole: float) -> str:
    if not whole:
        return "–"
    share = 100 * part / whole
    return f"{share:.0f}%" if share >= 1 or share == 0 else f"{share:.1f}%"


@register.filter
def smallest_p(outcomes: int) -> str:
    """The smallest permutation p-value, 1 / (permutations + 1), given permutations + 1."""
    return f"1/{outcomes} = {1 / outcomes:.3g}" if outcomes else "–"
