"""Small pieces of the Hub's pages: a change against a year earlier, export links, shares."""

from __future__ import annotations

from django import template
from django.urls import reverse
from django.utils.html import format_html

from beatbook.analysis.trends import YearOnYear

register = template.Library()


@register.simple_tag
def change(result: YearOnYear) -> str:
    """ "up 12 (8%), significant, p = 0.030": the direction in words, not only a sign."""
    percent = "" if result.percent_change is None else f" ({abs(result.percent_change):.0f}%)"
    if result.significant:
        verdict = format_html('<strong class="significant">{}</strong>', f"significant, p = {result.p_value:.3f}")
    else:
        verdict = format_html("{}", f"not significant, p = {result.p_value:.2f}")
    direction = "up" if result.change > 0 else ("down" if result.change < 0 else "no change")
    if result.change == 0:
        return format_html("no change, {}", verdict)
    return format_html("{} {}{}, {}", direction, f"{abs(result.change):,}", percent, verdict)


@register.simple_tag
def export_links(table: str, query: str, geojson: bool = False) -> str:
    """Download links of a table: CSV (with its CSV-on-the-Web metadata) and, for maps, GeoJSON."""
    base = reverse("hub:export", kwargs={"table": table, "fmt": "csv"})
    links = [format_html('<a href="{}?{}" download>CSV</a>', base, query)]
    meta = reverse("hub:export", kwargs={"table": table, "fmt": "csv-metadata.json"})
    links.append(format_html('<a href="{}?{}" download>its metadata</a>', meta, query))
    if geojson:
        url = reverse("hub:export", kwargs={"table": table, "fmt": "geojson"})
        links.append(format_html('<a href="{}?{}" download>GeoJSON</a>', url, query))
    return format_html('<p class="exports">Download: {}</p>', format_html(" · ".join(["{}"] * len(links)), *links))


@register.filter
def percent_of_one(share: float) -> str:
    return f"{100 * share:.0f}%" if share >= 0.01 or share == 0 else f"{100 * share:.1f}%"


@register.filter
def top_shares(repeats) -> list[tuple[float, float]]:
    return list(zip(repeats.top_percent, repeats.top_share))


@register.filter
def confidence(alpha: float) -> str:
    """The coverage of an interval at significance ``alpha``: 0.05 -> "95%"."""
    return f"{100 * (1 - alpha):g}%"
