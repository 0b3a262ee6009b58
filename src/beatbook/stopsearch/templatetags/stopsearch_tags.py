"""Pieces of the stop-and-search page: a share with its interval, public download links."""

from __future__ import annotations

from django import template
from django.urls import reverse
from django.utils.html import format_html

from beatbook.analysis.stop_search import Share

register = template.Library()


def _percent(value: float) -> str:
    return f"{100 * value:.0f}%"


@register.simple_tag
def share_cell(share: Share) -> str:
    """ "32%" with "395 of 1,234; 95% interval 29%–35%" under it, or why it is not computed."""
    if share.value is None or share.lower is None or share.upper is None:
        return format_html('<span class="not-computed">{}</span>', share.reason)
    return format_html(
        '<strong>{}</strong> <span class="interval">{} of {}; 95% interval {}–{}</span>',
        _percent(share.value),
        f"{share.part:,}",
        f"{share.base:,}",
        _percent(share.lower),
        _percent(share.upper),
    )


@register.filter
def percent(value: float | None) -> str:
    """Whole percentages; one decimal under 1%; "under 0.1%" rather than a misleading 0.0%."""
    if value is None:
        return "–"
    if 0 < value < 0.001:
        return "under 0.1%"
    return f"{100 * value:.1f}%" if value < 0.01 else _percent(value)


@register.simple_tag
def public_export_links(table: str, query: str) -> str:
    base = reverse("stopsearch:export", kwargs={"table": table, "fmt": "csv"})
    meta = reverse("stopsearch:export", kwargs={"table": table, "fmt": "csv-metadata.json"})
    return format_html(
        '<p class="exports">Download: <a href="{}?{}" download>CSV</a> · <a href="{}?{}" download>its metadata</a></p>',
        base,
        query,
        meta,
        query,
    )
