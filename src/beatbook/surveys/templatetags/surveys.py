"""Formatting of survey figures: shares as whole percentages, changes as signed percentage points
between the percentages shown, p-values as a reader expects them."""

from __future__ import annotations

from typing import Any

from django import template

register = template.Library()


def _whole(share: float) -> int:
    return int(f"{100 * share:.0f}")


@register.filter
def percent(share: float) -> str:
    return str(_whole(share))


@register.filter
def shown_change(row: Any) -> str:
    """The change between a row's last two waves, from the whole percentages the table shows: 54% then
    54% reads "+0 pts", never the "-1 pts" of the unrounded 54.4% and 53.6%."""
    before, after = (cell.proportion.value for cell in row.cells[-2:])
    return f"{_whole(after) - _whole(before):+d} pts"


@register.filter
def p_value(p: float) -> str:
    """ "p<0.001" rather than a p rounded to "p=0.000" (which no test gives)."""
    return "p<0.001" if p < 0.001 else f"p={p:.3f}"


@register.filter
def index(items: list[Any], i: int) -> Any:
    return items[i]
