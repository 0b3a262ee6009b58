"""Showing an ingest's progress and its report on the terminal."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from beatbook.crime.ingest import IngestOptions, IngestReport, ingest_items, ingest_paths
from beatbook.crime.police_uk.files import discover

QUARANTINE_SHOWN = 20


def run_with_progress(
    paths: tuple[Path, ...], mode: str, chunk_rows: int, options: IngestOptions | None = None
) -> IngestReport:
    if mode == "auto":
        mode = "bar" if sys.stderr.isatty() else "lines"
    if mode == "bar":
        return _with_bar(paths, chunk_rows, options)
    if mode == "lines":

        def progress(name: str, rows: int) -> None:
            click.echo(f"{name}: {rows:,} rows read", err=True)

        return ingest_paths(paths, progress=progress, chunk_rows=chunk_rows, options=options)
    return ingest_paths(paths, chunk_rows=chunk_rows, options=options)


def _with_bar(paths, chunk_rows: int, options: IngestOptions | None) -> IngestReport:
    """A bar over the files (their number is known once found), naming the file and its rows."""
    items = list(discover(list(paths)))
    done: set[str] = set()
    with click.progressbar(
        length=len(items), label="Ingesting", file=sys.stderr, show_pos=True, item_show_func=lambda text: text
    ) as bar:

        def progress(name: str, rows: int) -> None:
            if name not in done:
                done.add(name)
                bar.update(1)
            bar.current_item = f"{Path(name).name}: {rows:,} rows"
            bar.render_progress()

        report = ingest_items(items, progress=progress, chunk_rows=chunk_rows, options=options)
        bar.update(len(items) - bar.pos)
    return report


def summary_lines(report: IngestReport) -> list[str]:
    c = report.count
    lines = [
        f"Files read: {len(report.files)} (stored {len(report.files_with('stored'))}, "
        f"replaced {len(report.files_with('replaced'))}, identical and skipped {len(report.files_with('identical'))}, "
        f"refused {len(report.refused)})",
        f"Rows read: {c('rows_read'):,}; stored: {c('rows_stored'):,}; quarantined: {c('quarantined'):,}",
        f"Rows replaced: {c('rows_replaced'):,} (rows new or changed in the newer download: {c('rows_changed'):,})",
        f"Outside the force's wards (kept, ward empty): {c('outside_force_area'):,}; "
        f"without location: {c('without_location'):,}",
        f"Repeated Crime IDs within a file: {c('repeated_crime_ids'):,} IDs on {c('rows_with_repeated_crime_ids'):,} "
        "rows (kept as separate rows, as police.uk counts them)",
    ]
    notes = sorted({note for f in report.files for note in f.notes})
    return lines + [f"Note: {note}" for note in notes]


def echo_report(report: IngestReport) -> None:
    for line in summary_lines(report):
        click.echo(line)
    for file_report in report.refused:
        click.echo(f"Refused {file_report.name}: {file_report.reason}", err=True)
    _echo_quarantine(report)


def _echo_quarantine(report: IngestReport) -> None:
    from beatbook.crime.models import QuarantinedRow

    names = [f.name for f in report.files if f.quarantined]
    if not names:
        return
    rows = QuarantinedRow.objects.filter(source_file__name__in=names).select_related("source_file")
    click.echo(f"Quarantined rows (first {QUARANTINE_SHOWN}; all are in the quarantine table):")
    for row in rows[:QUARANTINE_SHOWN]:
        click.echo(f"  {row.source_file.name}:{row.line} {row.field}: {row.reason}")
