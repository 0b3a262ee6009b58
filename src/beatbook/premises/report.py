"""What an import of a licensing register did: lines for the terminal, and its audit event."""

from __future__ import annotations

from beatbook.core.audit import record_command
from beatbook.core.models import AuditAction, AuditEvent
from beatbook.premises.importer import RegisterReport
from beatbook.premises.models import PremisesRegister

AUDITED = ("file", "name", "status", "reason", "rows_read", "rows_stored", "rows_replaced", "quarantined")


def summary_lines(report: RegisterReport) -> list[str]:
    if report.status == "refused":
        return [
            f"Refused {report.file}: {report.reason}. Nothing was stored; any stored register {report.name!r} is kept."
        ]
    if report.status == "identical":
        return [f"{report.file} is identical to the stored register {report.name!r}: nothing changed."]
    verb = "replaced the" if report.status == "replaced" else "stored as the new"
    lines = [
        f"{report.file} {verb} register {report.name!r}.",
        f"Rows read: {report.rows_read:,}; stored: {report.rows_stored:,}; quarantined: {report.quarantined:,}"
        + (f"; premises replaced: {report.rows_replaced:,}" if report.status == "replaced" else ""),
        f"Outside the force's wards (kept, ward empty): {report.outside_force_area:,}; "
        f"without coordinates (kept, not on the map or in analyses): {report.without_location:,}",
    ]
    if report.ignored_columns:
        lines.append(f"Columns not used: {', '.join(report.ignored_columns)}")
    return lines + [f"Note: {note}" for note in report.notes]


def quarantine_lines(report: RegisterReport) -> list[str]:
    """The first quarantined rows (file, line, column, reason); all are in the quarantine table when stored."""
    if not report.sample:
        return []
    where = "" if report.status == "refused" else f" of {report.quarantined:,}; all are in the quarantine table"
    lines = [f"Quarantined rows (the first {len(report.sample)}{where}):"]
    return lines + [f"  {report.file}:{line} {column}: {reason}" for line, column, reason in report.sample]


def audit_import(report: RegisterReport, command: str, **options: object) -> AuditEvent:
    """One event per import, on the register when one is stored; `options` as the user gave them."""
    register = None
    if report.status != "refused" and report.register_id is not None:
        register = PremisesRegister.objects.filter(pk=report.register_id).first()
    detail = {name: getattr(report, name) for name in AUDITED if getattr(report, name) not in ("", None)}
    return record_command(command, AuditAction.IMPORT, register, **detail, options=options)
