"""The demo's accounts: one per role, `demo-<role>`, ready to sign in.

Passwords are made once and kept in ./var/demo-accounts.txt. The officer serves a cluster,
the partner works for a (demo) organisation, and the roles that require two-factor
authentication get an authenticator already set up: `beatbook demo-code demo-admin` prints
its current code, so that the demo can be tried without a phone.
"""

from __future__ import annotations

import os
import secrets
from pathlib import Path
from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from beatbook.accounts.models import OrganisationKind, PartnerOrganisation, Profile
from beatbook.accounts.two_factor import DEVICE_NAME, required_by_role
from beatbook.core.roles import Role, ensure_role_groups
from beatbook.geography.models import Cluster, Force

ACCOUNTS_FILE_NAME = "demo-accounts.txt"
DEMO_ORGANISATION = "Demo: City of London Corporation Community Safety Team"


class NotADemoAccount(Exception):
    pass


def ensure_demo_accounts() -> list[str]:
    """Create what is missing; existing accounts and their passwords are kept."""
    groups = {g.name: g for g in ensure_role_groups()}
    accounts_file = Path(settings.VAR_DIR) / ACCOUNTS_FILE_NAME
    known = _read_accounts(accounts_file)
    for role in Role:
        user = _ensure_user(f"demo-{role.value}", role, known)
        user.groups.add(groups[role.value])
        _ensure_profile(user, role)
        if required_by_role(user):
            _ensure_authenticator(user)
    _write_accounts(accounts_file, known)
    lines = ["Demo accounts (user / password, unless changed since):"]
    lines += [f"  {name:<20} {password}" for name, password in sorted(known.items())]
    lines.append("Two-factor authentication is on for demo-intelligence, demo-safeguarding and demo-admin:")
    lines.append("  `beatbook demo-code demo-admin` prints the current code.")
    return lines


def ensure_extra_account(username: str, role: Role, last_name: str) -> Any:
    """One more demo account of `role` (e.g. a second intelligence officer, for four-eyes approval), named
    "Demo <last_name>" so that pages tell it from the role's first account. An account made by an earlier
    demo under the role's shared name is renamed."""
    accounts_file = Path(settings.VAR_DIR) / ACCOUNTS_FILE_NAME
    known = _read_accounts(accounts_file)
    user = _ensure_user(username, role, known, last_name)
    if (user.first_name, user.last_name) == ("Demo", role.short_label) and last_name != role.short_label:
        user.last_name = last_name
        user.save(update_fields=["last_name"])
    user.groups.add(ensure_role_groups()[list(Role).index(role)])
    _ensure_profile(user, role)
    if required_by_role(user):
        _ensure_authenticator(user)
    _write_accounts(accounts_file, known)
    return user


def current_code(username: str) -> str:
    """The code the demo account's authenticator shows now (demo accounts only)."""
    if username not in _read_accounts(Path(settings.VAR_DIR) / ACCOUNTS_FILE_NAME):
        raise NotADemoAccount(f"{username!r} is not a demo account: only accounts `beatbook demo` made have codes here")
    device = TOTPDevice.objects.filter(user__username=username, confirmed=True).first()
    if device is None:
        raise NotADemoAccount(f"{username!r} has no authenticator set up")
    return f"{TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift).token():0{device.digits}d}"


def _ensure_user(username: str, role: Role, known: dict[str, str], last_name: str = "") -> Any:
    User = get_user_model()
    user = User.objects.filter(username=username).first()
    if user is None:
        known[username] = secrets.token_urlsafe(12)
        user = User.objects.create_user(
            username,
            password=known[username],
            first_name="Demo",
            last_name=last_name or role.short_label,
            email=f"{username}@example.invalid",
        )
        user.is_staff = user.is_superuser = role == Role.ADMIN
        user.save()
    return user


def _ensure_profile(user: Any, role: Role) -> None:
    profile, _ = Profile.objects.get_or_create(user=user)
    if role == Role.OFFICER and profile.cluster is None:
        profile.cluster = _first_cluster()
    if role == Role.PARTNER and profile.organisation is None:
        profile.organisation, _ = PartnerOrganisation.objects.get_or_create(
            name=DEMO_ORGANISATION, defaults={"kind": OrganisationKind.CORPORATION}
        )
    profile.save()


def _first_cluster() -> Cluster | None:
    force = Force.objects.configured()
    return Cluster.objects.filter(sector__force=force).order_by("sector__name", "name").first() if force else None


def _ensure_authenticator(user: Any) -> None:
    if not TOTPDevice.objects.filter(user=user, confirmed=True).exists():
        TOTPDevice.objects.create(user=user, name=DEVICE_NAME, confirmed=True)


def _read_accounts(path: Path) -> dict[str, str]:
    if not path.exists():
        return {}
    pairs = (line.split(" ", 1) for line in path.read_text().splitlines() if " " in line)
    return dict(pairs)


def _write_accounts(path: Path, accounts: dict[str, str]) -> None:
    text = "".join(f"{name} {password}\n" for name, password in sorted(accounts.items()))
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)  # private from the first byte
    with os.fdopen(descriptor, "w") as handle:
        handle.write(text)
    path.chmod(0o600)
