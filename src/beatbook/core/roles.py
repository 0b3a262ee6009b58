"""The roles of beatbook, held as Django groups.

Anonymous visitors are the public. Each role is a group so that a force can grant
finer permissions per group in the admin without code changes.
"""

from __future__ import annotations

from django.contrib.auth.models import Group
from django.db import models


class Role(models.TextChoices):
    PARTNER = "partner", "Partner (council, business, community organisation)"
    OFFICER = "officer", "Officer (Dedicated Ward Officer)"
    ANALYST = "analyst", "Analyst (Partnership & Prevention Hub)"
    SUPERVISOR = "supervisor", "Supervisor (sergeant, inspector)"
    ADMIN = "admin", "Administrator"


def ensure_role_groups() -> list[Group]:
    """Create the group of every role; existing groups are kept as they are."""
    return [Group.objects.get_or_create(name=role.value)[0] for role in Role]


def roles_of(user) -> set[str]:
    if not user.is_authenticated:
        return set()
    names = set(user.groups.values_list("name", flat=True))
    if user.is_superuser:
        names.add(Role.ADMIN.value)
    return names & set(Role.values)


def has_role(user, *roles: Role) -> bool:
    return bool(roles_of(user) & {r.value for r in roles})
