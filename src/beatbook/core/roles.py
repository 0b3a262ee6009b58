"""The roles of beatbook, held as Django groups.

Anonymous visitors are the public. Each role is a group so that a force can grant finer
permissions per group in the admin without code changes. A superuser holds the admin role.
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth.models import Group
from django.db import models


class Role(models.TextChoices):
    PARTNER = "partner", "Partner (council, business, community organisation)"
    OFFICER = "officer", "Officer (Dedicated Ward Officer)"
    ANALYST = "analyst", "Analyst (Partnership & Prevention Hub)"
    SUPERVISOR = "supervisor", "Supervisor (sergeant, inspector)"
    INTELLIGENCE = "intelligence", "Intelligence officer"
    SAFEGUARDING = "safeguarding", "Safeguarding officer"
    ADMIN = "admin", "Administrator"

    @property
    def short_label(self) -> str:
        return str(self.label).split(" (")[0]


# Who may do what, named once: views and querysets use these, never role lists of their own.
AUDIT_READERS = (Role.SUPERVISOR, Role.ADMIN)
#: The Hub's analysis pages, My area and the tasking briefing: the people who direct patrols.
HUB_READERS = (Role.OFFICER, Role.ANALYST, Role.SUPERVISOR)
#: SARA problems: every officer, analyst and supervisor reads every plan (shared situational
#: awareness); partners read the plans naming their organisation, only the sections shared.
PROBLEM_READERS = (Role.OFFICER, Role.ANALYST, Role.SUPERVISOR)
PROBLEM_VIEWERS = (*PROBLEM_READERS, Role.PARTNER)
#: Who opens a problem (an officer owns what they open); a problem's owner and supervisors change it.
PROBLEM_EDITORS = (Role.OFFICER, Role.SUPERVISOR)
#: Who owns a problem, and so takes up a Hub suggestion as their own: Dedicated Ward Officers.
PROBLEM_OWNERS = (Role.OFFICER,)


def ensure_role_groups() -> list[Group]:
    """Create the group of every role; existing groups are kept as they are."""
    return [Group.objects.get_or_create(name=role.value)[0] for role in Role]


def roles_of(user: Any) -> set[str]:
    """The role names of `user` (none for the public), read once per request object."""
    if user is None or not user.is_authenticated:
        return set()
    cached = getattr(user, "_beatbook_roles", None)
    if cached is None:
        cached = set(user.groups.values_list("name", flat=True)) & set(Role.values)
        if user.is_superuser:
            cached.add(Role.ADMIN.value)
        user._beatbook_roles = cached
    return set(cached)


def has_role(user: Any, *roles: Role) -> bool:
    return bool(roles_of(user) & {r.value for r in roles})
