"""A partnership with a plan, a priority and an action, for tests and the permission matrix."""

from __future__ import annotations

import datetime as dt
from typing import Any

from beatbook.partnership.models import Action, Member, Partnership, Plan, Priority, ResponsibleAuthority


def partnership_of(organisation: Any, name: str = "Safer Example Partnership") -> Partnership:
    """A partnership whose members are the police (statutory) and ``organisation`` (by invitation)."""
    partnership = Partnership.objects.create(name=name, force_slug="city-of-london")
    Member.objects.create(partnership=partnership, name="Example Police", authority=ResponsibleAuthority.POLICE)
    Member.objects.create(partnership=partnership, name=organisation.name, organisation=organisation)
    return partnership


def plan_with_priority(partnership: Partnership, **priority: Any) -> Priority:
    plan = Plan.objects.create(
        partnership=partnership,
        title="Plan 2024-25",
        first_month=dt.date(2024, 4, 1),
        last_month=dt.date(2025, 3, 1),
    )
    return Priority.objects.create(plan=plan, title=priority.pop("title", "Anti-social behaviour"), **priority)


def action_for(priority: Priority, **fields: Any) -> Action:
    values = {
        "action": "Joint patrols of the estates on Friday evenings",
        "owner": priority.plan.partnership.members.get(authority=ResponsibleAuthority.POLICE),
        "lead": "Inspector, Neighbourhood Policing",
        "due": dt.date(2025, 3, 31),
        **fields,
    }
    return Action.objects.create(priority=priority, **values)


def partnership_samples(personas: Any, marker: str) -> dict[str, dict]:
    """partner_x's organisation is a member, partner_y's is not; the action holds ``marker``."""
    priority = plan_with_priority(partnership_of(personas.organisation_x), description=marker)
    action = action_for(priority, progress=marker)
    plan = {"pk": priority.plan.pk}
    return {
        "partnership:plan": plan,
        "partnership:review": plan,
        "partnership:review_pdf": plan,
        "partnership:priority_edit": {"pk": priority.pk},
        "partnership:action_new": {"pk": priority.pk},
        "partnership:action_edit": {"pk": action.pk},
    }
