"""Who writes the board pack's commentary on an indicator: the role its owner is, or a supervisor.

An indicator names its owner as a post or a unit (``Indicator.owner``); this says which role of
beatbook that is. An owner that no role of beatbook stands for (an inspector, a coordinator) is one
supervisors answer for: only they write its commentary.
"""

from __future__ import annotations

from typing import Any

from beatbook.core.roles import Role, has_role
from beatbook.performance.registry import Indicator

#: Every owner the framework names, and the role that writes its commentary (None: supervisors only).
OWNER_ROLES: dict[str, Role | None] = {
    "Partnership & Prevention Hub": Role.ANALYST,
    "Safeguarding and Public Protection": Role.SAFEGUARDING,
    "Intelligence unit": Role.INTELLIGENCE,
    "Neighbourhood Policing inspector": None,
    "Neighbourhood policing lead": None,
    "Communications and Engagement": None,
    "Special Constabulary and Cadets coordinator": None,
}
#: Who writes the commentary on any indicator.
COMMENTARY_SUPERVISORS = (Role.SUPERVISOR,)


def owner_role(item: Indicator) -> Role | None:
    return OWNER_ROLES.get(item.owner)


def may_comment(user: Any, item: Indicator) -> bool:
    """Whether ``user`` writes the commentary on ``item``: its owner's role, or a supervisor."""
    role = owner_role(item)
    return has_role(user, *COMMENTARY_SUPERVISORS, *([role] if role else []))


def who_comments(item: Indicator) -> str:
    """In words, for a refusal: "the Intelligence unit (intelligence officers) or a supervisor"."""
    role = owner_role(item)
    if role is None:
        return f"a supervisor (for the {item.owner})"
    return f"its owner, the {item.owner} ({role.short_label.lower()}s), or a supervisor"
