"""`beatbook workforce ...`: import roster exports of abstractions and of volunteers' deployments (CSV)."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from beatbook.django_setup import setup_django

FILE = click.Path(exists=True, dir_okay=False, path_type=Path)


@click.group()
def workforce() -> None:
    """Officers' abstractions and volunteers' deployments from the roster."""


@workforce.command("import-abstractions")
@click.argument("file", type=FILE)
def import_abstractions(file: Path) -> None:
    """Import FILE, abstractions in CSV (README: Workforce); a file with any bad row stores nothing."""
    _import(file, "abstractions")


@workforce.command("import-deployments")
@click.argument("file", type=FILE)
def import_deployments(file: Path) -> None:
    """Import FILE, volunteers' deployments in CSV (README: Workforce); a file with any bad row stores nothing."""
    _import(file, "deployments")


def _import(file: Path, kind: str) -> None:
    setup_django()
    from beatbook.core.audit import record_command
    from beatbook.core.models import AuditAction
    from beatbook.workforce import importer

    fmt = importer.ABSTRACTIONS if kind == "abstractions" else importer.DEPLOYMENTS
    with file.open("rb") as handle:
        report = importer.import_csv(handle, fmt)
    action = AuditAction.REFUSED if report.refused else AuditAction.IMPORT
    record_command(f"beatbook workforce import-{kind}", action, file=file.name, added=report.added,
                   updated=report.updated, problems=len(report.errors))  # fmt: skip
    for error in report.errors:
        click.echo(f"{file.name}: {error}", err=True)
    click.echo(report.summary(), err=report.refused)
    if report.refused:
        sys.exit(1)
