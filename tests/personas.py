"""The ten personas every app's tests use, and a test client signed in as any of them.

public        a member of the public (anonymous)
partner_x     a partner of organisation X         partner_y     a partner of organisation Y
officer_a     an officer of cluster A             officer_b     an officer of cluster B
analyst, supervisor, intelligence, safeguarding, admin: one account of each role
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.contrib.auth import get_user_model
from django.test import Client
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.plugins.otp_totp.models import TOTPDevice

from beatbook.accounts.models import OrganisationKind, PartnerOrganisation, Profile
from beatbook.accounts.two_factor import required_by_role
from beatbook.core.roles import Role, ensure_role_groups
from beatbook.geography.models import Cluster

PASSWORD = "correct horse battery staple"
PERSONA_ROLES: dict[str, Role | None] = {
    "public": None,
    "partner_x": Role.PARTNER,
    "partner_y": Role.PARTNER,
    "officer_a": Role.OFFICER,
    "officer_b": Role.OFFICER,
    "analyst": Role.ANALYST,
    "supervisor": Role.SUPERVISOR,
    "intelligence": Role.INTELLIGENCE,
    "safeguarding": Role.SAFEGUARDING,
    "admin": Role.ADMIN,
}
PERSONAS = tuple(PERSONA_ROLES)


@dataclass
class Personas:
    users: dict[str, Any]
    organisation_x: PartnerOrganisation
    organisation_y: PartnerOrganisation
    cluster_a: Cluster
    cluster_b: Cluster

    def __getitem__(self, name: str) -> Any:
        return self.users[name]

    def client(self, name: str) -> Client:
        """A client signed in as `name` (two-factor verified where the role needs it); public: anonymous."""
        client = Client()
        user = self.users.get(name)
        if user is not None:
            sign_in(client, user)
        return client


def make_personas() -> Personas:
    """Create the personas; needs the City geography (at least two clusters)."""
    groups = {g.name: g for g in ensure_role_groups()}
    cluster_a, cluster_b = Cluster.objects.order_by("sector__name", "name")[:2]
    org_x = PartnerOrganisation.objects.create(name="Organisation X", kind=OrganisationKind.BID)
    org_y = PartnerOrganisation.objects.create(name="Organisation Y", kind=OrganisationKind.HOUSING)
    memberships = {
        "partner_x": {"organisation": org_x},
        "partner_y": {"organisation": org_y},
        "officer_a": {"cluster": cluster_a},
        "officer_b": {"cluster": cluster_b},
    }
    users = {}
    for name, role in PERSONA_ROLES.items():
        if role is not None:
            users[name] = _make_user(name, role, groups[role.value], memberships.get(name, {}))
    return Personas(users, org_x, org_y, cluster_a, cluster_b)


def _make_user(name: str, role: Role, group: Any, membership: dict[str, Any]) -> Any:
    user = get_user_model().objects.create_user(
        name, email=f"{name}@example.invalid", password=PASSWORD, first_name=name.replace("_", " ").title()
    )
    user.is_staff = user.is_superuser = role == Role.ADMIN
    user.save()
    user.groups.add(group)
    Profile.objects.create(user=user, **membership)
    if required_by_role(user):
        TOTPDevice.objects.create(user=user, name="Authenticator app", confirmed=True)
    return user


def sign_in(client: Client, user: Any) -> None:
    """Sign in without the form, and pass the second factor when the account has one."""
    client.force_login(user)
    device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
    if device is not None:
        session = client.session
        session[DEVICE_ID_SESSION_KEY] = device.persistent_id
        session.save()
