"""Formatting of survey figures: shares as whole percentages, changes as signed percentage points."""

from __future__ import annotations

from typing import Any

from django import template

register = template.Library()


@register.filter
def percent(share: float) -> str:
    return f"{100 * share:.0f}"


@register.filter
def signed_points(difference: float) -> str:
    return f"{100 * difference:+.0f} pts"


@register.filter
def index(items: list[Any], i: int) -> Any:
    return items[i]
