"""The `beatbook` command: one verb per chore, and every Django management command.

beatbook demo                 set up and serve the City of London demo
beatbook serve                serve with gunicorn
beatbook geography load FILE  load a force's sectors, clusters and wards
beatbook ingest PATH...       ingest data.police.uk CSV files, folders or zips
beatbook premises import FILE import a licensing register (CSV) for the Hub's premises page
beatbook denominators load F  load the populations of the Hub's rates
beatbook incidents import F   import the incident log of safeguarding (CSV); synthesise makes one
beatbook workforce import-abstractions F   import abstractions from a roster export (CSV)
beatbook report community-profile --year Y   write the annual Community Profile (PDF or HTML)
beatbook report board-pack --quarter Q       write the quarterly board pack (PDF or HTML)
beatbook migrate, createsuperuser, ...   Django's management commands
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import click

from beatbook.django_setup import setup_django
from beatbook.geography.commands import denominators
from beatbook.hub.commands import analyse
from beatbook.messaging.commands import outbox
from beatbook.paths import CITY_DATA_DIR, FORCES_DIR
from beatbook.premises.commands import premises
from beatbook.problems.commands import assess
from beatbook.reports.commands import report
from beatbook.safeguarding.commands import incidents
from beatbook.workforce.commands import workforce

DEFAULT_FORCE_CONFIG = FORCES_DIR / "city-of-london.toml"
DEFAULT_DATA = CITY_DATA_DIR / "police-uk"


class BeatbookGroup(click.Group):
    """Our commands first; any other name is handed to Django's management commands."""

    def get_command(self, ctx, cmd_name):
        command = super().get_command(ctx, cmd_name)
        return command if command is not None else _django_command(cmd_name)

    def format_epilog(self, ctx, formatter):
        formatter.write_paragraph()
        formatter.write_text(
            "Django's management commands also work: beatbook migrate, beatbook createsuperuser, "
            "beatbook changepassword, beatbook collectstatic, ... (beatbook help lists them)."
        )


def _django_command(name: str) -> click.Command:
    @click.command(
        name=name,
        context_settings={"ignore_unknown_options": True, "allow_extra_args": True, "help_option_names": []},
        add_help_option=False,
    )
    @click.pass_context
    def run(ctx):
        setup_django()
        from django.core.management import execute_from_command_line

        execute_from_command_line(["beatbook", name, *ctx.args])

    return run


@click.group(cls=BeatbookGroup)
@click.version_option(package_name="beatbook")
def main() -> None:
    """beatbook: neighbourhood policing software (see README.md)."""


@main.group()
def geography() -> None:
    """Force geography: sectors, clusters and wards."""


@geography.command("load")
@click.argument("force_config", type=click.Path(dir_okay=False, path_type=Path))
@click.option(
    "--boundaries",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Ward boundary GeoJSON; default: the file the configuration names.",
)
def geography_load(force_config: Path, boundaries: Path | None) -> None:
    """Load FORCE_CONFIG (TOML) and its ward boundaries; running it again updates in place."""
    setup_django()
    from beatbook.geography.config import ForceConfigError, read_force_config
    from beatbook.geography.services import load_geography

    try:
        report = load_geography(read_force_config(force_config, boundaries))
    except ForceConfigError as exc:
        raise click.ClickException(str(exc)) from None
    click.echo(
        f"{report.force}: {report.sectors} sectors, {report.clusters} clusters, "
        f"{report.wards_created} wards created, {report.wards_updated} updated."
    )


@main.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option(
    "--progress",
    type=click.Choice(["auto", "bar", "lines", "none"]),
    default="auto",
    help="auto: a bar on a terminal, a line per chunk otherwise.",
)
@click.option(
    "--chunk-rows",
    type=click.IntRange(min=1),
    default=20_000,
    show_default=True,
    help="Rows validated and written at a time.",
)
@click.option(
    "--allow-shrink",
    is_flag=True,
    help="Apply a newer download even when it would empty or shrink a stored month (the report says so).",
)
@click.option(
    "--min-share",
    type=click.FloatRange(0, 1),
    default=0.5,
    show_default=True,
    help="A replacement is refused when its good rows are fewer than this share of the stored rows or of its own rows.",
)
@click.option(
    "--new-force",
    is_flag=True,
    help="Store files of a force whose geography is not loaded (its rows get no ward).",
)
@click.option(
    "--jobs",
    type=click.IntRange(min=1),
    default=1,
    show_default=True,
    help="Files stored at once, each in its own transaction (PostgreSQL; SQLite stores one at a time).",
)
def ingest(
    paths: tuple[Path, ...],
    progress: str,
    chunk_rows: int,
    allow_shrink: bool,
    min_share: float,
    new_force: bool,
    jobs: int,
) -> None:
    """Ingest data.police.uk CSV files (street, outcomes, stop-and-search) from files, folders or zips."""
    setup_django()
    from django.db import DatabaseError

    from beatbook.crime.ingest import IngestOptions
    from beatbook.crime.ingest_audit import audit_ingest_run
    from beatbook.crime.ingest_report import echo_report, run_with_progress
    from beatbook.crime.shrink_guard import ShrinkGuard

    options = IngestOptions(guard=ShrinkGuard(min_share=min_share, allow=allow_shrink), new_force=new_force, jobs=jobs)
    try:
        report = run_with_progress(paths, progress, chunk_rows, options)
    except DatabaseError as exc:
        raise click.ClickException(
            f"the database failed ({exc}). Files finished before the failure are stored; the file in progress was "
            "rolled back as a whole. Run the same command again to finish: identical files are skipped."
        ) from None
    audit_ingest_run(
        report, "beatbook ingest", allow_shrink=allow_shrink, new_force=new_force, min_share=min_share, jobs=jobs
    )
    echo_report(report)
    if report.refused:
        sys.exit(1)


@main.command()
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", default=8000, show_default=True, type=click.IntRange(1, 65535))
@click.option("--workers", default=2, show_default=True, type=click.IntRange(min=1))
def serve(host: str, port: int, workers: int) -> None:
    """Serve beatbook with gunicorn."""
    setup_django()  # fail here, with a clear message, on a bad setting
    from django.core.management import call_command

    call_command("check", fail_level="ERROR")
    click.echo(f"beatbook is at http://{host}:{port}/  (Ctrl+C stops it)")
    os.execv(
        sys.executable,
        [
            sys.executable,
            "-m",
            "gunicorn",
            "beatbook.wsgi:application",
            "--bind",
            f"{host}:{port}",
            "--workers",
            str(workers),
            "--access-logfile",
            "-",
        ],
    )


@main.command()
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", default=8000, show_default=True, type=click.IntRange(1, 65535))
@click.option("--no-serve", is_flag=True, help="Set everything up, then stop instead of serving.")
def demo(host: str, port: int, no_serve: bool) -> None:
    """Set up the City of London demo under ./var/ (again: fast, loses nothing) and serve it."""
    from beatbook.demo.secret import ensure_secret_key

    ensure_secret_key()
    os.environ.setdefault("EMAIL_BACKEND", "console")  # password reset emails are printed, not sent
    setup_django()
    from beatbook.demo.setup import set_up_demo

    set_up_demo(DEFAULT_FORCE_CONFIG, DEFAULT_DATA, echo=click.echo)
    if not no_serve:
        click.get_current_context().invoke(serve, host=host, port=port, workers=2)


main.add_command(analyse)
main.add_command(premises)
main.add_command(outbox)
main.add_command(denominators)
main.add_command(incidents)
main.add_command(assess)
main.add_command(workforce)
main.add_command(report)


@main.command("demo-code")
@click.argument("username")
def demo_code(username: str) -> None:
    """Print the current two-factor code of a demo account (e.g. demo-admin), for trying the demo without a phone."""
    setup_django()
    from beatbook.demo.accounts import NotADemoAccount, current_code

    try:
        click.echo(current_code(username))
    except NotADemoAccount as exc:
        raise click.ClickException(str(exc)) from None
