"""`beatbook premises import FILE`: a licensing register in CSV, for the Hub's premises page."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from beatbook.django_setup import setup_django


@click.group()
def premises() -> None:
    """Premises registers: licensing registers imported from CSV (the FSA register is shipped)."""


@premises.command("import")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--name", help="The register's name on the page; default: the file's name without its extension.")
@click.option(
    "--allow-shrink",
    is_flag=True,
    help="Replace a stored register even when the file would empty or shrink it (the report says so).",
)
@click.option(
    "--min-share",
    type=click.FloatRange(0, 1),
    default=0.5,
    show_default=True,
    help="A replacement is refused when its good rows are fewer than this share of the stored premises "
    "or of its own rows.",
)
def import_(file: Path, name: str | None, allow_shrink: bool, min_share: float) -> None:
    """Import FILE, a licensing register in CSV (columns name, type, lat, lng; and address,
    postcode, licence_number, licence_type, hours, terminal_hour, status when known).

    Importing under the same --name again replaces that register as a whole.
    """
    register_name = _register_name(name, file)
    setup_django()
    from django.conf import settings
    from django.db import DatabaseError

    from beatbook.crime.shrink_guard import ShrinkGuard
    from beatbook.premises.importer import import_register
    from beatbook.premises.report import audit_import, quarantine_lines, summary_lines

    guard = ShrinkGuard(min_share=min_share, allow=allow_shrink)
    try:
        report = import_register(file, register_name, settings.BEATBOOK_FORCE, guard)
    except DatabaseError as exc:
        raise click.ClickException(
            f"the database failed ({exc}); the import was rolled back as a whole: run `beatbook migrate` "
            "if the message names a missing table, then the same command again"
        ) from None
    audit_import(report, "beatbook premises import", allow_shrink=allow_shrink, min_share=min_share)
    for line in summary_lines(report):
        click.echo(line, err=report.status == "refused")
    for line in quarantine_lines(report):
        click.echo(line)
    if report.status == "refused":
        sys.exit(1)


def _register_name(name: str | None, file: Path) -> str:
    """A slug for the page's address: the given --name, or the file's stem."""
    from django.utils.text import slugify

    slug = slugify(name if name is not None else file.stem)
    if not slug:
        raise click.BadParameter(
            "give a name with letters or digits, e.g. --name city-licensing-2025",
            param_hint="'--name'" if name is not None else "'FILE'",
        )
    return slug


@premises.command("list")
def list_() -> None:
    """List the imported registers of the force: name, file, date, premises and quarantined rows."""
    setup_django()
    from django.conf import settings

    from beatbook.premises.models import PremisesRegister

    stored = PremisesRegister.objects.filter(force_slug=settings.BEATBOOK_FORCE).order_by("name")
    if not stored:
        click.echo("No licensing register is imported; the pages use the shipped FSA register.")
    for r in stored:
        click.echo(
            f"{r.name}: {r.file_name}, imported {r.imported_at:%Y-%m-%d %H:%M} (vintage {r.vintage}); "
            f"{r.rows_stored:,} premises, {r.rows_quarantined:,} rows quarantined"
        )


@premises.command("remove")
@click.argument("name")
def remove(name: str) -> None:
    """Remove the imported register NAME and its premises (the import can be run again)."""
    setup_django()
    from django.conf import settings
    from django.db import transaction

    from beatbook.core.audit import record_command
    from beatbook.core.models import AuditAction
    from beatbook.premises.models import PremisesRegister

    register = PremisesRegister.objects.filter(force_slug=settings.BEATBOOK_FORCE, name=name).first()
    if register is None:
        known = ", ".join(
            PremisesRegister.objects.filter(force_slug=settings.BEATBOOK_FORCE).values_list("name", flat=True)
        )
        raise click.BadParameter(f"no register {name!r} is imported (imported: {known or 'none'})", param_hint="'NAME'")
    with transaction.atomic():
        record_command("beatbook premises remove", AuditAction.DELETE, register, premises=register.rows_stored)
        register.delete()
    click.echo(f"Removed the register {name!r} and its {register.rows_stored:,} premises.")
