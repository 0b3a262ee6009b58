"""`beatbook report ...`: the force's reports written as files.

The group holds one command per report; another report is one `report.add_command(...)` line.
Django is set up only when a command runs, so that `beatbook --help` stays quick."""

from __future__ import annotations

from pathlib import Path

import click

from beatbook.django_setup import setup_django

SUFFIXES = {".pdf": "pdf", ".html": "html", ".htm": "html"}


@click.group()
def report() -> None:
    """Write the force's reports as PDF or HTML files."""


def output_format(out: Path) -> str:
    """The format named by the file's extension, or a usage error naming --out."""
    fmt = SUFFIXES.get(out.suffix.lower())
    if fmt is None:
        raise click.BadParameter(
            f"{out} must end in .pdf or .html (the format follows the extension)", param_hint="'--out'"
        )
    if out.exists() and out.is_dir():
        raise click.BadParameter(f"{out} is a folder: give a file name", param_hint="'--out'")
    if not out.parent.exists():
        raise click.BadParameter(f"the folder {out.parent} does not exist", param_hint="'--out'")
    return fmt


@report.command("community-profile")
@click.option("--year", type=click.IntRange(min=2010), required=True, help="The calendar year, e.g. 2025.")
@click.option("--force", "force_slug", default=None, help="The force's slug; default: BEATBOOK_FORCE.")
@click.option(
    "--out",
    type=click.Path(dir_okay=True, path_type=Path),
    default=None,
    help="FILE.pdf or FILE.html; default: community-profile-<force>-<year>.pdf in the current folder.",
)
def community_profile(year: int, force_slug: str | None, out: Path | None) -> None:
    """Write the annual Community Profile of --year (PDF or HTML, from the extension of --out)."""
    setup_django()
    from django.conf import settings

    from beatbook.core import audit
    from beatbook.core.models import AuditAction
    from beatbook.reports import render
    from beatbook.reports.profile import NoPublishedData
    from beatbook.reports.profile import community_profile as build

    slug = force_slug or settings.BEATBOOK_FORCE
    fmt = output_format(out) if out is not None else "pdf"
    try:
        profile = build(slug, year)
    except NoPublishedData as exc:
        raise click.BadParameter(str(exc), param_hint="'--year'") from None
    path = out if out is not None else Path.cwd() / render.filename(profile, fmt)
    body = render.render(profile, fmt)
    path.write_bytes(body)
    audit.record_command(
        "beatbook report community-profile", AuditAction.EXPORT, year=year, force=slug, format=fmt, file=path.name
    )
    partial = "" if profile.year.complete else f" (partial year: {len(profile.year.published)} published months)"
    click.echo(f"Wrote {profile.title}{partial} to {path} ({len(body):,} bytes).")


def _attach_board_pack() -> None:
    """The quarterly board pack lives with the performance framework whose figures it prints."""
    from beatbook.performance.commands import board_pack_command

    report.add_command(board_pack_command)


_attach_board_pack()
