"""The "Attach to a problem" control of every Hub page (hub/base_hub.html)."""

from __future__ import annotations

from typing import Any

from django import template

from beatbook.core.roles import PROBLEM_EDITORS, has_role
from beatbook.problems.models import Problem

register = template.Library()


@register.inclusion_tag("problems/_attach_control.html", takes_context=True)
def attach_to_problem(context: Any) -> dict[str, Any]:
    """The open problems the user may change, and this page's address with its filters; nothing
    for anyone who changes no problem."""
    request = context["request"]
    user = request.user
    problems = list(Problem.objects.extendable_by(user)[:50]) if has_role(user, *PROBLEM_EDITORS) else []
    return {
        "problems": problems,
        "address": request.get_full_path(),
        "title": _title(context),
        "csrf_token": context.get("csrf_token"),
    }


def _title(context: Any) -> str:
    """The page's name and what it shows, e.g. "Hotspot map: Bishopsgate, all crime, Jan 2025 to Dec 2025"."""
    label = next((p["label"] for p in context.get("hub_pages") or [] if p.get("current")), "Hub page")
    selection = getattr(context.get("form"), "selection", None)
    if selection is None:
        return str(label)
    months = selection.months
    period = f"{months[0]:%b %Y} to {months[-1]:%b %Y}" if months else ""
    return f"{label}: {selection.area.name}, {selection.describe_categories()}, {period}"[:200]
