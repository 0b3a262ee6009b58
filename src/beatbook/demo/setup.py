"""`beatbook demo`: the City of London on real published data, one account per role (demo/accounts.py).

Every step is idempotent: a second run migrates nothing new, skips identical files and
keeps existing accounts and their passwords.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterable
from pathlib import Path

from django.core.management import call_command

from beatbook.core.audit import record_command
from beatbook.core.models import AuditAction
from beatbook.crime.ingest import ingest_paths
from beatbook.crime.ingest_audit import audit_ingest_run
from beatbook.crime.ingest_report import summary_lines
from beatbook.demo.accounts import ensure_demo_accounts
from beatbook.demo.campaigns import ensure_demo_campaigns
from beatbook.demo.engagement import ensure_demo_engagement
from beatbook.demo.intel import ensure_demo_intelligence
from beatbook.demo.partnership import ensure_demo_partnership
from beatbook.demo.performance_history import ensure_performance_history
from beatbook.demo.problems import ensure_demo_problems
from beatbook.demo.safeguarding import ensure_demo_safeguarding
from beatbook.demo.safeguarding_cases import ensure_demo_cases
from beatbook.demo.schools import ensure_demo_schools
from beatbook.demo.surveys import ensure_demo_surveys
from beatbook.demo.workforce import ensure_demo_workforce
from beatbook.demo.workforce_records import ensure_demo_workforce_records
from beatbook.geography.commands import DEFAULT_DENOMINATORS
from beatbook.geography.config import read_force_config
from beatbook.geography.denominators import load_denominators
from beatbook.geography.models import Force
from beatbook.geography.services import load_geography


def set_up_demo(force_config: Path, data: Path, echo: Callable[[str], None]) -> None:
    echo("Migrating the database ...")
    call_command("migrate", interactive=False, verbosity=0)
    geography = load_geography(read_force_config(force_config))
    echo(
        f"Geography: {geography.force}, {geography.sectors} sectors, {geography.clusters} clusters, "
        f"{geography.wards_created + geography.wards_updated} wards."
    )
    _load_denominators(Force.objects.get(slug=geography.force), echo)
    echo(f"Ingesting {data} ...")
    report = ingest_paths([data])
    audit_ingest_run(report, "beatbook demo")
    for line in summary_lines(report):
        echo("  " + line)
    _ingest_other_forces(echo)
    for make_records in _demo_records(Force.objects.get(slug=geography.force)):
        for line in make_records():
            echo(line)


def _ingest_other_forces(echo: Callable[[str], None]) -> None:
    """Two other forces' real files, for benchmarking (an identical file again changes nothing)."""
    from beatbook.crime.ingest import IngestOptions
    from beatbook.paths import OTHER_FORCES_DIR

    report = ingest_paths([OTHER_FORCES_DIR], options=IngestOptions(new_force=True))
    audit_ingest_run(report, "beatbook demo")
    echo(f"Other forces for benchmarking: {report.count('rows_stored'):,} rows stored from {OTHER_FORCES_DIR.name}/.")


def _demo_records(force: Force) -> list[Callable[[], Iterable[str]]]:
    """Each capability's demonstration records, accounts first: the others name them."""
    return [
        ensure_demo_accounts,
        ensure_demo_intelligence,
        ensure_demo_surveys,
        functools.partial(ensure_demo_engagement, force),
        functools.partial(ensure_demo_workforce, force),
        functools.partial(ensure_demo_workforce_records, force),  # after engagement: its ward officers
        ensure_demo_safeguarding,
        ensure_demo_cases,  # after the safeguarding log: the plan and case are its demonstration victim's
        ensure_demo_schools,
        ensure_demo_problems,  # after the accounts: the demo officer owns them
        functools.partial(ensure_demo_campaigns, force),  # after engagement: the event types
        functools.partial(ensure_demo_partnership, force),  # after problems and campaigns: its priorities name them
        functools.partial(ensure_performance_history, force),  # after accounts, intelligence, engagement, problems
    ]


def _load_denominators(force: Force, echo: Callable[[str], None]) -> None:
    """The shipped residents, workers and visitors of the rates; figures edited in the admin are kept."""
    report = load_denominators(DEFAULT_DENOMINATORS, force, update=False)
    if report.created:
        record_command(
            "beatbook demo", AuditAction.IMPORT, force, file=DEFAULT_DENOMINATORS.name, created=report.created
        )
    echo(f"Denominators of the rates: {len(report.rows)} in {DEFAULT_DENOMINATORS.name}, {report.created} new.")
