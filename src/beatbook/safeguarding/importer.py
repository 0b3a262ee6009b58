"""Importing the force's incident log from CSV, under the rules of the crime ingest (README: Safeguarding):

- a file replaces the stored log as a whole, in one transaction; a failure keeps the stored log;
- an identical file (same SHA-256) changes nothing;
- a bad row is quarantined with its line, column and reason, and the rest of the file is stored;
  an incident id given twice quarantines the later row;
- a file unusable as a whole (empty, not UTF-8, not CSV, missing columns, no row to store) is refused;
- a file mixing synthetic and real rows is refused: the two are never mixed silently;
- a file that would empty or shrink the stored log is refused (crime.shrink_guard) unless allowed.
"""

from __future__ import annotations

import csv
import hashlib
import io
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.db import DataError, IntegrityError, transaction

from beatbook.crime.ingest import width_reason
from beatbook.crime.police_uk.rows import RowError
from beatbook.crime.shrink_guard import ShrinkGuard
from beatbook.geography.models import Ward
from beatbook.safeguarding.models import Incident, IncidentLog, QuarantinedIncidentRow
from beatbook.safeguarding.rows import HeaderError, RowReader, read_header
from beatbook.safeguarding.signals import incident_log_imported

SAMPLE_ROWS = 20


class LogRefused(Exception):
    """A file that must not be applied; whatever it wrote is rolled back."""


@dataclass
class LogReport:
    file: str
    status: str = "stored"  # stored | replaced | identical | refused
    reason: str = ""
    synthetic: bool | None = None
    rows_read: int = 0
    rows_stored: int = 0
    rows_replaced: int = 0
    quarantined: int = 0
    sample: list[tuple[int, str, str]] = field(default_factory=list)  # (line, column, reason)
    notes: list[str] = field(default_factory=list)


@dataclass
class _Parsed:
    good: list[tuple[int, dict[str, Any]]] = field(default_factory=list)
    bad: list[tuple[int, str, str, str]] = field(default_factory=list)  # line, column, reason, raw


def import_log(path: Path, force_slug: str, guard: ShrinkGuard | None = None) -> LogReport:
    """Import `path` as the incident log of `force_slug`; never raises for a bad file."""
    report = LogReport(file=str(path))
    try:
        digest, size = _fingerprint(path)
        current = IncidentLog.objects.filter(force_slug=force_slug).first()
        if current is not None and current.sha256 == digest:
            report.status, report.synthetic = "identical", current.synthetic
            return report
        parsed = _parse(path, _ward_keys(force_slug), report)
        report.synthetic = _synthetic(parsed)
        with transaction.atomic():
            _store(path, force_slug, (digest, size), parsed, report, guard or ShrinkGuard())
    except LogRefused as exc:
        report.status, report.reason, report.rows_stored = "refused", str(exc), 0
    except (DataError, IntegrityError) as exc:
        report.status, report.reason, report.rows_stored = "refused", f"the database refused a row ({exc})", 0
    if report.status != "refused":  # also when identical: the receivers are idempotent
        incident_log_imported.send(sender=IncidentLog, force_slug=force_slug, status=report.status)
    return report


def _fingerprint(path: Path) -> tuple[str, int]:
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise LogRefused(f"it cannot be read ({exc.strerror or exc})") from None
    return hashlib.sha256(data).hexdigest(), len(data)


def _ward_keys(force_slug: str) -> dict[str, int]:
    keys: dict[str, int] = {}
    for ward in Ward.objects.of_force(force_slug):
        keys[ward.name.lower()] = keys[ward.code.lower()] = ward.pk
    if not keys:
        raise LogRefused(f"no geography is loaded for force {force_slug!r}: run `beatbook geography load` first")
    return keys


def _parse(path: Path, wards: dict[str, int], report: LogReport) -> _Parsed:
    parsed, seen = _Parsed(), dict[str, int]()
    with path.open("rb") as binary, io.TextIOWrapper(binary, encoding="utf-8-sig", newline="") as text:
        reader = csv.reader(text)
        try:
            rows = RowReader(_header(reader), wards)
            last = reader.line_num
            for raw in reader:
                line, last = last + 1, reader.line_num
                if any(cell.strip() for cell in raw):
                    report.rows_read += 1
                    _parse_row(rows, raw, (line, last), seen, parsed)
        except UnicodeDecodeError:
            raise LogRefused("it is not UTF-8 text: save the log as CSV UTF-8") from None
        except csv.Error as exc:
            raise LogRefused(f"it is not CSV ({exc})") from None
    return parsed


def _header(reader: Any) -> Any:
    try:
        return read_header(next(reader))
    except StopIteration:
        raise LogRefused("it is empty") from None
    except HeaderError as exc:
        raise LogRefused(str(exc)) from None


def _parse_row(rows: RowReader, raw: list[str], lines: tuple[int, int], seen: dict, parsed: _Parsed) -> None:
    line = lines[0]
    if len(raw) != rows.header.width:
        parsed.bad.append((line, "(row)", width_reason(raw, rows.header.width, lines), ",".join(raw)))
        return
    try:
        values = rows.parse(raw)
        if values["incident_id"] in seen:
            raise RowError("incident_id", f"repeats the incident id of line {seen[values['incident_id']]}")
    except RowError as exc:
        parsed.bad.append((line, exc.field, exc.reason, ",".join(raw)))
        return
    seen[values["incident_id"]] = line
    parsed.good.append((line, values))


def _synthetic(parsed: _Parsed) -> bool:
    kinds = {values["synthetic"] for _, values in parsed.good}
    if len(kinds) > 1:
        real = sum(1 for _, v in parsed.good if not v["synthetic"])
        raise LogRefused(
            f"it mixes synthetic and real incidents ({len(parsed.good) - real:,} synthetic, {real:,} real): "
            "synthetic records are never mixed with real ones; import them as separate files"
        )
    return kinds == {True}


def _store(
    path: Path, force_slug: str, fingerprint: tuple[str, int], parsed: _Parsed, report: LogReport, guard: ShrinkGuard
) -> None:
    good = len(parsed.good)
    report.quarantined = len(parsed.bad)
    report.sample = [(line, column, reason) for line, column, reason, _ in parsed.bad[:SAMPLE_ROWS]]
    if good == 0:
        raise LogRefused(f"it has no row to store ({report.rows_read:,} read, {report.quarantined:,} quarantined)")
    log = IncidentLog.objects.select_for_update().filter(force_slug=force_slug).first()
    if log is not None:
        _check_shrink(log, good, report, guard)
        report.status, report.rows_replaced = "replaced", log.incidents.count()
        log.incidents.all().delete()
        log.quarantined.all().delete()
        log.vintage += 1
    else:
        log = IncidentLog(force_slug=force_slug)
    log.file_name, (log.sha256, log.size), log.synthetic = str(path)[:500], fingerprint, bool(report.synthetic)
    log.rows_read, log.rows_stored, log.rows_quarantined = report.rows_read, good, report.quarantined
    log.save()
    Incident.objects.bulk_create(Incident(log=log, line=line, **values) for line, values in parsed.good)
    QuarantinedIncidentRow.objects.bulk_create(
        QuarantinedIncidentRow(log=log, line=line, field=column[:64], reason=reason[:300], raw=raw[:2000])
        for line, column, reason, raw in parsed.bad
    )
    report.rows_stored = good


def _check_shrink(log: IncidentLog, good: int, report: LogReport, guard: ShrinkGuard) -> None:
    objection = guard.objection(stored=log.incidents.count(), good=good, read=report.rows_read, unit="log")
    if objection and not guard.allow:
        raise LogRefused(f"{objection}; the stored log is kept as it was (--allow-shrink applies it anyway)")
    if objection:
        report.notes.append(f"applied with --allow-shrink although {objection}")
