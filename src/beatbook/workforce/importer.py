"""Importing roster exports (CSV): abstractions of DWOs and deployments of volunteers.

All or nothing: every row is checked first, and a file with any bad row stores nothing; the report
names each bad row by its line (the header is line 1) and field. Rows are keyed by their natural key,
(collar number, date, reason) for an abstraction and (collar number, date, activity) for a deployment:
importing the same file again updates those rows and adds none. The formats are in the README.
"""

from __future__ import annotations

import csv
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal, InvalidOperation
from typing import IO, Any

from django.conf import settings
from django.db import transaction
from django.db.models import Model

from beatbook.geography.models import Cluster
from beatbook.workforce.models import Officer
from beatbook.workforce.records import Abstraction, AbstractionReason, Deployment, Source

MAX_ROWS = 50_000
ABSTRACTION_COLUMNS = ("collar_number", "date", "hours", "reason", "note")
DEPLOYMENT_COLUMNS = ("collar_number", "date", "hours", "activity", "cluster")
OPTIONAL = {"note", "cluster"}


class BadValue(ValueError):
    """A value that cannot be stored, with the field it was in."""

    def __init__(self, column: str, reason: str) -> None:
        super().__init__(reason)
        self.column = column


@dataclass
class ImportReport:
    kind: str
    errors: list[str] = field(default_factory=list)
    added: int = 0
    updated: int = 0
    unchanged: int = 0

    @property
    def refused(self) -> bool:
        return bool(self.errors)

    def summary(self) -> str:
        if self.refused:
            return f"Nothing was imported: {len(self.errors)} problem(s) in the file."
        return f"Imported {self.kind}: {self.added} added, {self.updated} updated, {self.unchanged} unchanged."


@dataclass
class _Lookups:
    officers: dict[str, Officer]
    reasons: dict[str, AbstractionReason]
    clusters: dict[str, Cluster]

    @classmethod
    def of_force(cls, force_slug: str) -> _Lookups:
        officers = Officer.objects.of_force(force_slug).exclude(collar_number="")
        reasons = AbstractionReason.objects.filter(active=True)
        clusters = Cluster.objects.filter(sector__force__slug=force_slug)
        return cls(
            {o.collar_number.strip().upper(): o for o in officers},
            {key.lower(): r for r in reasons for key in (r.code, r.name)},
            {key.lower(): c for c in clusters for key in (c.code, c.name)},
        )


def _officer(values: dict[str, str], lookups: _Lookups, volunteer: bool) -> Officer:
    collar = values["collar_number"].strip().upper()
    if not collar:
        raise BadValue("collar_number", "is empty")
    officer = lookups.officers.get(collar)
    if officer is None:
        raise BadValue("collar_number", f"no officer has the collar number {collar!r}")
    if volunteer and not officer.is_volunteer:
        raise BadValue("collar_number", f"{officer} is not a Special Constable or a Police Cadet")
    return officer


def _date(text: str) -> date:
    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        raise BadValue("date", f"{text!r} is not a date written YYYY-MM-DD") from None


def _hours(text: str) -> Decimal:
    try:
        hours = Decimal(text.strip())
    except InvalidOperation:
        raise BadValue("hours", f"{text!r} is not a number of hours") from None
    if not Decimal("0.25") <= hours <= 24 or hours != hours.quantize(Decimal("0.01")):
        raise BadValue("hours", f"{text!r} must be from 0.25 to 24, to two decimal places")
    return hours


def _text(values: dict[str, str], column: str, limit: int, required: bool = True) -> str:
    text = values.get(column, "").strip()
    if required and not text:
        raise BadValue(column, "is empty")
    if len(text) > limit:
        raise BadValue(column, f"is longer than {limit} characters")
    return text


def _abstraction(values: dict[str, str], lookups: _Lookups) -> tuple[tuple, dict[str, Any]]:
    officer = _officer(values, lookups, volunteer=False)
    day = _date(values["date"])
    reason_text = values["reason"].strip()
    reason = lookups.reasons.get(reason_text.lower())
    if reason is None:
        raise BadValue("reason", f"{reason_text!r} is not a reason: use one of {', '.join(_codes(lookups))}")
    fields = {"hours": _hours(values["hours"]), "note": _text(values, "note", 300, required=False)}
    return (officer.pk, day, reason.pk), {"officer": officer, "date": day, "reason": reason, **fields}


def _codes(lookups: _Lookups) -> list[str]:
    return sorted({r.code for r in lookups.reasons.values()})


def _deployment(values: dict[str, str], lookups: _Lookups) -> tuple[tuple, dict[str, Any]]:
    officer = _officer(values, lookups, volunteer=True)
    day = _date(values["date"])
    activity = _text(values, "activity", 100)
    cluster_text = values.get("cluster", "").strip()
    cluster = lookups.clusters.get(cluster_text.lower()) if cluster_text else None
    if cluster_text and cluster is None:
        raise BadValue("cluster", f"{cluster_text!r} is not a cluster of the force")
    fields = {"hours": _hours(values["hours"]), "cluster": cluster}
    return (officer.pk, day, activity), {"officer": officer, "date": day, "activity": activity, **fields}


@dataclass(frozen=True)
class _Format:
    kind: str
    model: type[Model]
    columns: tuple[str, ...]
    parse: Callable[[dict[str, str], _Lookups], tuple[tuple, dict[str, Any]]]
    key_fields: tuple[str, ...]


ABSTRACTIONS = _Format("abstractions", Abstraction, ABSTRACTION_COLUMNS, _abstraction, ("officer", "date", "reason"))
DEPLOYMENTS = _Format("deployments", Deployment, DEPLOYMENT_COLUMNS, _deployment, ("officer", "date", "activity"))


def import_csv(handle: IO[bytes], fmt: _Format, user: Any = None) -> ImportReport:
    """Check every row of the file, then store them all, or none if any row is bad."""
    report = ImportReport(fmt.kind)
    rows = _checked_rows(handle, fmt, report)
    if not report.refused:
        _store(rows, fmt, user, report)
    return report


def _checked_rows(handle: IO[bytes], fmt: _Format, report: ImportReport) -> list[dict[str, Any]]:
    try:
        lines = handle.read().decode("utf-8-sig").splitlines()  # small files: a roster month is a few thousand rows
    except UnicodeDecodeError:
        report.errors.append("The file is not text in UTF-8: save it from the roster as CSV UTF-8.")
        return []
    reader = csv.DictReader(lines)
    missing = [c for c in fmt.columns if c not in (reader.fieldnames or []) and c not in OPTIONAL]
    if missing:
        report.errors.append(f"Line 1: the header lacks the column(s) {', '.join(missing)}.")
        return []
    return _parsed(reader, fmt, report)


def _parsed(reader: csv.DictReader, fmt: _Format, report: ImportReport) -> list[dict[str, Any]]:
    lookups = _Lookups.of_force(settings.BEATBOOK_FORCE)
    rows: list[dict[str, Any]] = []
    seen: dict[tuple, int] = {}
    for line, values in enumerate(reader, start=2):
        if line > MAX_ROWS + 1:
            report.errors.append(f"The file has more than {MAX_ROWS:,} rows: split it.")
            break
        try:
            key, fields = fmt.parse({k: v or "" for k, v in values.items() if k}, lookups)
        except BadValue as exc:
            report.errors.append(f"Line {line}, {exc.column}: {exc}.")
            continue
        if key in seen:
            report.errors.append(f"Line {line}: the same row as line {seen[key]} ({', '.join(fmt.key_fields)}).")
            continue
        seen[key] = line
        rows.append(fields)
    if not rows and not report.errors:
        report.errors.append("The file has a header but no rows.")
    return rows


@transaction.atomic
def _store(rows: list[dict[str, Any]], fmt: _Format, user: Any, report: ImportReport) -> None:
    for fields in rows:
        key = {name: fields[name] for name in fmt.key_fields}
        existing = fmt.model.objects.filter(**key).first()  # type: ignore[attr-defined]
        if existing is None:
            fmt.model.objects.create(**fields, entered_by=user, source=Source.IMPORTED)  # type: ignore[attr-defined]
            report.added += 1
        elif _update(existing, fields):
            report.updated += 1
        else:
            report.unchanged += 1


def _update(record: Model, fields: dict[str, Any]) -> bool:
    changed = [name for name, value in fields.items() if getattr(record, name) != value]
    for name in changed:
        setattr(record, name, fields[name])
    if changed:
        record.save(update_fields=[*changed, "modified"])
    return bool(changed)
