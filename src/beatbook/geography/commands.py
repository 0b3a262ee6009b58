"""`beatbook denominators load FILE`: the populations a force puts its crime rates over.

Django is imported only when the command runs, so that `beatbook --help` stays quick.
"""

from __future__ import annotations

from pathlib import Path

import click

from beatbook.django_setup import setup_django
from beatbook.paths import CITY_DATA_DIR

DEFAULT_DENOMINATORS = CITY_DATA_DIR / "population" / "city-of-london-denominators.csv"


@click.group()
def denominators() -> None:
    """Denominators of the Hub's rates: residents, workers, workday population, visitors."""


@denominators.command("load")
@click.argument("path", type=click.Path(dir_okay=False, exists=True, path_type=Path))
@click.option("--force", "force_slug", help="The force's id (as in data.police.uk file names); default BEATBOOK_FORCE.")
@click.option("--replace", is_flag=True, help="The file is the whole table: the force's rows not in it are deleted.")
def load(path: Path, force_slug: str | None, replace: bool) -> None:
    """Load PATH (CSV: area_kind, area_code, area_name, kind, group, value, as_of, source, source_url, notes).

    A file with any bad row is refused whole, naming each line and field; running it again
    updates the values of the rows it already stored.
    """
    setup_django()
    from django.conf import settings

    from beatbook.core.audit import record_command
    from beatbook.core.models import AuditAction
    from beatbook.geography.denominators import DenominatorFileError, load_denominators
    from beatbook.geography.models import Force

    slug = force_slug or settings.BEATBOOK_FORCE
    force = Force.objects.filter(slug=slug).first()
    if force is None:
        raise click.ClickException(f"no geography is loaded for force {slug!r}: run `beatbook geography load` first")
    try:
        report = load_denominators(path, force, replace=replace)
    except DenominatorFileError as exc:
        raise click.ClickException("\n".join([f"{path}: refused, nothing stored:", *exc.problems])) from None
    counts = {k: getattr(report, k) for k in ("created", "updated", "unchanged", "deleted")}
    record_command("beatbook denominators load", AuditAction.IMPORT, force, file=str(path), replace=replace, **counts)
    click.echo(
        f"{force.name}: {len(report.rows)} denominators read, " + ", ".join(f"{v} {k}" for k, v in counts.items())
    )
