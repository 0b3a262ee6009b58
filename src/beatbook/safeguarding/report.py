"""What an import of the incident log did: lines for the terminal, and its audit event."""

from __future__ import annotations

from beatbook.core.audit import record_command
from beatbook.core.models import AuditAction, AuditEvent
from beatbook.safeguarding.importer import LogReport
from beatbook.safeguarding.models import IncidentLog

AUDITED = ("file", "status", "reason", "synthetic", "rows_read", "rows_stored", "rows_replaced", "quarantined")


def report_lines(report: LogReport) -> list[str]:
    if report.status == "refused":
        return [f"Refused {report.file}: {report.reason}. Nothing was stored; any stored log is kept."]
    if report.status == "identical":
        return [f"{report.file} is identical to the stored incident log: nothing changed."]
    kind = "synthetic (demonstration) " if report.synthetic else ""
    lines = [
        f"{report.file} {'replaced the' if report.status == 'replaced' else 'stored as the'} {kind}incident log.",
        f"Rows read: {report.rows_read:,}; stored: {report.rows_stored:,}; quarantined: {report.quarantined:,}"
        + (f"; incidents replaced: {report.rows_replaced:,}" if report.status == "replaced" else ""),
    ]
    lines += [f"Note: {note}" for note in report.notes]
    if report.sample:
        lines.append(f"Quarantined rows (the first {len(report.sample)}; all are in the quarantine table):")
        lines += [f"  {report.file}:{line} {column}: {reason}" for line, column, reason in report.sample]
    return lines


def audit_import(report: LogReport, command: str, **options: object) -> AuditEvent:
    log = IncidentLog.objects.first() if report.status != "refused" else None
    detail = {name: getattr(report, name) for name in AUDITED if getattr(report, name) not in ("", None)}
    return record_command(command, AuditAction.IMPORT, log, **detail, options=options)
