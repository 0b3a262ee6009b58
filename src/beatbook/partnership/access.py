"""One access helper per object type of the partnership (see core.access)."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from beatbook.core.access import get_for_user
from beatbook.partnership.models import Action, Plan, Priority


def get_plan_for_user(request: HttpRequest, pk: Any) -> tuple[Plan, bool]:
    """The plan if the user may see it (else 404), and whether they may change its priorities and actions."""
    plan = get_for_user(request, Plan.objects.select_related("partnership"), pk)
    return plan, plan.can_be_changed_by(request.user)


def get_priority_for_user(request: HttpRequest, pk: Any) -> Priority:
    return get_for_user(request, Priority.objects.select_related("plan__partnership"), pk)


def get_action_for_user(request: HttpRequest, pk: Any) -> Action:
    return get_for_user(request, Action.objects.select_related("priority__plan__partnership"), pk)
