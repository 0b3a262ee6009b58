"""``board-pack``: the quarterly board pack as a PDF or HTML file, the same figures as the dashboard."""

from __future__ import annotations

from pathlib import Path

import click


def write_board_pack(quarter: str, out: Path | None, force_slug: str | None = None) -> str:
    """Write the pack of ``quarter`` for the force to ``out`` (.pdf or .html; by default
    ``board-pack-<force>-<quarter>.pdf`` in the current folder); the line to print."""
    from django.utils import timezone

    from beatbook.core.audit import record_command
    from beatbook.core.models import AuditAction
    from beatbook.geography.models import Force
    from beatbook.performance.board_pack import board_pack, render_html, render_pdf
    from beatbook.performance.registry import Period
    from beatbook.reports.commands import output_format

    try:
        period = Period.parse(quarter)
    except ValueError as error:
        raise click.BadParameter(str(error), param_hint="--quarter") from None
    if "Q" not in period.label:
        raise click.BadParameter(f"{quarter!r} is a year: give a quarter, e.g. 2025Q4", param_hint="--quarter")
    if period.first > timezone.localdate():
        raise click.BadParameter(f"{period.label} has not begun", param_hint="--quarter")
    fmt = output_format(out) if out is not None else "pdf"
    force = Force.objects.filter(slug=force_slug).first() if force_slug else Force.objects.configured()
    if force is None:
        raise click.BadParameter(f"no force {force_slug or 'configured'!r} is loaded", param_hint="--force")
    out = out if out is not None else Path.cwd() / f"board-pack-{force.slug}-{period.label}.pdf"
    pack = board_pack(force, period)
    content = render_pdf(pack)[0] if fmt == "pdf" else render_html(pack).encode()
    out.write_bytes(content)
    record_command("beatbook report board-pack", AuditAction.EXPORT, None, quarter=period.label, out=out.name)
    return f"Board pack {force.name}, {period.label}: {out} ({len(content):,} bytes)"


@click.command("board-pack")
@click.option("--quarter", required=True, help="The quarter, e.g. 2025Q4")
@click.option("--force", "force_slug", default=None, help="The force's slug (default: BEATBOOK_FORCE)")
@click.option(
    "--out",
    type=click.Path(path_type=Path),
    default=None,
    help="FILE.pdf or FILE.html; default: board-pack-<force>-<quarter>.pdf in the current folder.",
)
def board_pack_command(quarter: str, force_slug: str | None, out: Path | None) -> None:
    """Write the quarterly board pack (the framework's figures for the force and each cluster, with commentary)."""
    from beatbook.django_setup import setup_django

    setup_django()
    click.echo(write_board_pack(quarter, out, force_slug))
