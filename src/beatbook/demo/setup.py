"""`beatbook demo`: the City of London on real published data, one account per role.

Every step is idempotent: a second run migrates nothing new, skips identical files and
keeps existing accounts and their passwords.
"""

from __future__ import annotations

import secrets
from collections.abc import Callable
from pathlib import Path

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management import call_command

from beatbook.core.roles import Role, ensure_role_groups
from beatbook.crime.ingest import ingest_paths
from beatbook.crime.ingest_report import summary_lines
from beatbook.geography.config import read_force_config
from beatbook.geography.services import load_geography

ACCOUNTS_FILE_NAME = "demo-accounts.txt"


def set_up_demo(force_config: Path, data: Path, echo: Callable[[str], None]) -> None:
    echo("Migrating the database ...")
    call_command("migrate", interactive=False, verbosity=0)
    geography = load_geography(read_force_config(force_config))
    echo(
        f"Geography: {geography.force}, {geography.sectors} sectors, {geography.clusters} clusters, "
        f"{geography.wards_created + geography.wards_updated} wards."
    )
    echo(f"Ingesting {data} ...")
    for line in summary_lines(ingest_paths([data])):
        echo("  " + line)
    for line in ensure_demo_accounts():
        echo(line)


def ensure_demo_accounts() -> list[str]:
    """One account per role, `demo-<role>`; passwords are made once and kept in ./var/."""
    groups = {g.name: g for g in ensure_role_groups()}
    accounts_file = Path(settings.VAR_DIR) / ACCOUNTS_FILE_NAME
    known = _read_accounts(accounts_file)
    User = get_user_model()
    for role in Role:
        username = f"demo-{role.value}"
        if not User.objects.filter(username=username).exists():
            known[username] = secrets.token_urlsafe(12)
            user = User.objects.create_user(
                username, password=known[username], first_name="Demo", last_name=role.label.split(" (")[0]
            )
            user.is_staff = user.is_superuser = role == Role.ADMIN
            user.save()
            user.groups.add(groups[role.value])
    _write_accounts(accounts_file, known)
    lines = ["Demo accounts (user / password, unless changed since):"]
    lines += [f"  {name:<18} {password}" for name, password in sorted(known.items())]
    return lines


def _read_accounts(path: Path) -> dict[str, str]:
    if not path.exists():
        return {}
    pairs = (line.split(" ", 1) for line in path.read_text().splitlines() if " " in line)
    return dict(pairs)


def _write_accounts(path: Path, accounts: dict[str, str]) -> None:
    path.write_text("".join(f"{name} {password}\n" for name, password in sorted(accounts.items())))
    path.chmod(0o600)
