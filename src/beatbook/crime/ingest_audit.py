"""One audit event per ingest run, naming its files and what happened to each."""

from __future__ import annotations

from beatbook.core.audit import record_command
from beatbook.core.models import AuditAction, AuditEvent
from beatbook.crime.ingest import FileReport, IngestReport

FILE_FIELDS = ("name", "status", "reason", "kind", "rows_read", "rows_stored", "rows_replaced", "quarantined")


def audit_ingest_run(report: IngestReport, command: str, **options: object) -> AuditEvent:
    """`options`: the run's choices (e.g. allow_shrink), recorded so that an overridden guard shows in the audit."""
    files = [_file_entry(f) for f in report.files]
    totals = {status: len(report.files_with(status)) for status in ("stored", "replaced", "identical", "refused")}
    return record_command(
        command,
        AuditAction.IMPORT,
        files=files,
        file_counts=totals,
        rows_stored=report.count("rows_stored"),
        options=options,
    )


def _file_entry(file_report: FileReport) -> dict:
    entry = {name: getattr(file_report, name) for name in FILE_FIELDS if getattr(file_report, name)}
    if file_report.month is not None:
        entry["month"] = f"{file_report.month:%Y-%m}"
    if file_report.notes:
        entry["notes"] = list(file_report.notes)
    return entry
