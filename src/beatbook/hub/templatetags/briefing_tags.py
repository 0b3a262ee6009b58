"""Plain words for the tasking briefing: a change a DWO can read without a statistics course."""

from __future__ import annotations

from datetime import date

from django import template
from django.utils.html import format_html

from beatbook.analysis.trends import YearOnYear
from beatbook.hub.patrols import a_year_earlier, months_text, police_uk_text

register = template.Library()


@register.simple_tag
def plain_change(result: YearOnYear) -> str:
    """ "down 17 (8%): within normal variation (E-test, p = 0.39)"."""
    if result.change == 0:
        return "no change"
    direction = "up" if result.change > 0 else "down"
    percent = "" if result.percent_change is None else f" ({abs(result.percent_change):.0f}%)"
    if result.significant:
        verdict = format_html(
            "<strong>{}</strong> (E-test, p = {})", "larger than chance would explain", f"{result.p_value:.3f}"
        )
    else:
        verdict = format_html("within normal variation (E-test, p = {})", f"{result.p_value:.2f}")
    return format_html("{} {}{}: {}", direction, f"{abs(result.change):,}", percent, verdict)


@register.filter
def months(values) -> str:
    return months_text(list(values))


@register.filter
def year_before(month: date) -> date:
    return a_year_earlier(month)


@register.filter
def as_published(location: str) -> str:
    """The police.uk text of a map point named here ("On or near Supermarket")."""
    return police_uk_text(location)


@register.filter
def whole(value: float) -> str:
    return f"{value:,.0f}"
