"""`beatbook incidents ...`: import the force's incident log (CSV), make a synthetic one, list or remove it."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from beatbook.django_setup import setup_django


@click.group()
def incidents() -> None:
    """The incident log of safeguarding: calls and incidents with pseudonymised victims and callers."""


@incidents.command("import")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--allow-shrink", is_flag=True, help="Replace the stored log even when the file would shrink it.")
@click.option(
    "--min-share",
    type=click.FloatRange(0, 1),
    default=0.5,
    show_default=True,
    help="A replacement is refused when its good rows are fewer than this share of the stored incidents "
    "or of its own rows.",
)
def import_(file: Path, allow_shrink: bool, min_share: float) -> None:
    """Import FILE, an incident log in CSV (README: Safeguarding); it replaces the stored log as a whole."""
    setup_django()
    from django.conf import settings

    from beatbook.crime.shrink_guard import ShrinkGuard
    from beatbook.safeguarding.importer import import_log
    from beatbook.safeguarding.report import audit_import, report_lines

    report = import_log(file, settings.BEATBOOK_FORCE, ShrinkGuard(min_share=min_share, allow=allow_shrink))
    audit_import(report, "beatbook incidents import", allow_shrink=allow_shrink, min_share=min_share)
    for line in report_lines(report):
        click.echo(line, err=report.status == "refused")
    if report.status == "refused":
        sys.exit(1)


@incidents.command("synthesise")
@click.option("--months", type=click.IntRange(1, 120), default=12, show_default=True, help="The last N months held.")
@click.option("--seed", type=int, default=1, show_default=True, help="The same seed gives the same file.")
@click.option("--out", type=click.Path(dir_okay=False, path_type=Path), required=True, help="The CSV to write.")
def synthesise_(months: int, seed: int, out: Path) -> None:
    """Write a synthetic incident log (every row synthetic=yes) on real map points and months of stored crimes."""
    setup_django()
    from beatbook.safeguarding.synthesise import NoMapPoints, map_points, synthesise, write_log

    try:
        rows = synthesise(map_points(months), seed)
    except NoMapPoints as exc:
        raise click.ClickException(str(exc)) from None
    write_log(rows, out)
    click.echo(f"Wrote {len(rows):,} synthetic incidents to {out} (seed {seed}, {months} months).")


@incidents.command("list")
def list_() -> None:
    """Say which log is stored: its file, whether synthetic, its incidents and quarantined rows."""
    setup_django()
    from beatbook.safeguarding.models import IncidentLog

    log = IncidentLog.objects.first()
    if log is None:
        click.echo("No incident log is imported.")
        return
    kind = "SYNTHETIC" if log.synthetic else "real"
    click.echo(
        f"{log.file_name} ({kind}), imported {log.imported_at:%Y-%m-%d %H:%M} (vintage {log.vintage}): "
        f"{log.rows_stored:,} incidents, {log.rows_quarantined:,} rows quarantined"
    )


@incidents.command("remove")
def remove() -> None:
    """Remove the stored incident log and its incidents (DASH assessments keep the incident's id)."""
    setup_django()
    from django.db import transaction

    from beatbook.core.audit import record_command
    from beatbook.core.models import AuditAction
    from beatbook.safeguarding.models import IncidentLog

    log = IncidentLog.objects.first()
    if log is None:
        raise click.ClickException("no incident log is imported")
    with transaction.atomic():
        record_command("beatbook incidents remove", AuditAction.DELETE, log, incidents=log.rows_stored)
        log.delete()
    click.echo(f"Removed the incident log {log.file_name} and its {log.rows_stored:,} incidents.")
