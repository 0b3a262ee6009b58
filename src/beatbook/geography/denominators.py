"""The denominators a force puts its crimes over (residents, workers, workday population,
visitors), read from a CSV file with each figure's source and date.

The file is checked as a whole first: one bad row refuses it, with the line and field of every
problem, and nothing is stored. A good file adds its rows and updates the value and notes of
rows already stored for the same force, area, kind, group, date and source; with ``replace``
the force's rows that are not in the file are deleted.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass, field
from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import transaction

from beatbook.geography.models import Denominator, DenominatorArea, DenominatorKind, Force, Ward

COLUMNS = ("area_kind", "area_code", "area_name", "kind", "group", "value", "as_of", "source", "source_url", "notes")
REQUIRED = ("kind", "value", "as_of", "source")
_LSOA = re.compile(r"[EWSN]\d{8}")
_AS_OF = re.compile(r"\d{4}(-\d{2}(-\d{2})?)?")
_KEY = ("area_kind", "area_code", "kind", "group", "as_of", "source")


class DenominatorFileError(ValueError):
    """The file cannot be loaded; ``problems`` lists each bad line and field."""

    def __init__(self, path: Path, problems: list[str]) -> None:
        super().__init__(f"{path}: nothing stored, " + "; ".join(problems[:20]))
        self.problems = problems


@dataclass
class LoadReport:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    deleted: int = 0
    rows: list[dict[str, str]] = field(default_factory=list)


def _max_length(name: str) -> int:
    return int(getattr(Denominator._meta.get_field(name), "max_length", 0) or 0)


def _row_problems(row: dict[str, str], ward_codes: set[str]) -> list[tuple[str, str]]:
    """(field, reason) for each problem of one row."""
    problems = [(name, "is empty") for name in REQUIRED if not row[name]]
    if row["kind"] and row["kind"] not in DenominatorKind.values:
        problems.append(("kind", f"{row['kind']!r} is not one of {', '.join(DenominatorKind.values)}"))
    problems += area_problems(row["area_kind"], row["area_code"], ward_codes)
    problems += _value_problems(row["value"])
    if row["as_of"] and not _AS_OF.fullmatch(row["as_of"]):
        problems.append(("as_of", f"{row['as_of']!r} is not a date or year (YYYY, YYYY-MM or YYYY-MM-DD)"))
    if row["source_url"]:
        try:
            URLValidator(schemes=["http", "https"])(row["source_url"])
        except ValidationError:
            problems.append(("source_url", f"{row['source_url']!r} is not a web address"))
    for name in ("area_name", "group", "source", "source_url"):
        if len(row[name]) > _max_length(name):
            problems.append((name, f"is longer than {_max_length(name)} characters"))
    return problems


def area_problems(kind: str, code: str, ward_codes: set[str]) -> list[tuple[str, str]]:
    """(field, reason) when ``code`` does not fit an area of ``kind``."""
    if kind not in DenominatorArea.values:
        return [("area_kind", f"{kind!r} is not one of {', '.join(DenominatorArea.values)}")]
    if kind == DenominatorArea.FORCE and code:
        return [("area_code", "must be empty for the whole force")]
    if kind == DenominatorArea.WARD and code not in ward_codes:
        return [("area_code", f"{code!r} is not the code of a ward of the force")]
    if kind == DenominatorArea.LSOA and not _LSOA.fullmatch(code):
        return [("area_code", f"{code!r} is not an LSOA code (a letter and 8 digits, e.g. E01000001)")]
    return []


def _value_problems(text: str) -> list[tuple[str, str]]:
    if not text:
        return []
    try:
        value = float(text.replace(",", ""))
    except ValueError:
        return [("value", f"{text!r} is not a number")]
    return [] if 1 <= value < float("inf") else [("value", f"{text!r} must be a number of at least 1")]


def read_rows(path: Path, force: Force) -> list[dict[str, str]]:
    """The file's rows, cleaned; DenominatorFileError naming every bad line and field."""
    try:
        with path.open(newline="", encoding="utf-8-sig") as handle:
            reader = csv.DictReader(handle)
            missing = [c for c in REQUIRED if c not in (reader.fieldnames or [])]
            if missing:
                raise DenominatorFileError(path, [f"the header has no column {', '.join(missing)}"])
            rows = [(reader.line_num, _clean(raw)) for raw in reader]
    except (OSError, UnicodeDecodeError, csv.Error) as exc:
        raise DenominatorFileError(path, [f"cannot be read as UTF-8 CSV ({exc})"]) from None
    ward_codes = set(Ward.objects.of_force(force).values_list("code", flat=True))
    problems: list[str] = []
    seen: dict[tuple[str, ...], int] = {}
    for line, row in rows:
        problems += [f"line {line} {name}: {reason}" for name, reason in _row_problems(row, ward_codes)]
        key = tuple(row[k] for k in _KEY)
        if key in seen:
            problems.append(f"line {line}: repeats line {seen[key]} (same area, kind, group, date and source)")
        seen.setdefault(key, line)
    if not rows:
        problems.append("the file has no rows")
    if problems:
        raise DenominatorFileError(path, problems)
    return [row for _, row in rows]


def _clean(raw: dict[str | None, str | list[str] | None]) -> dict[str, str]:
    row = {name: str(raw.get(name) or "").strip() for name in COLUMNS}
    row["area_kind"] = row["area_kind"] or DenominatorArea.FORCE
    return row


def load_denominators(path: Path, force: Force, replace: bool = False, update: bool = True) -> LoadReport:
    """Store the file's denominators for ``force`` in one transaction (see the module's rules);
    with ``update`` false, rows already stored keep their values (the demo keeps admin edits)."""
    rows = read_rows(path, force)
    report = LoadReport(rows=rows)
    with transaction.atomic():
        kept = []
        for row in rows:
            key = {k: row[k] for k in _KEY}
            values = {"area_name": row["area_name"], "value": float(row["value"].replace(",", ""))}
            values |= {"source_url": row["source_url"], "notes": row["notes"]}
            kept.append(_store(force, key, values, report, update).pk)
        if replace:
            report.deleted, _ = Denominator.objects.filter(force=force).exclude(pk__in=kept).delete()
    return report


def _store(force: Force, key: dict[str, str], values: dict[str, object], report: LoadReport, update: bool):
    existing = Denominator.objects.filter(force=force, **key).first()
    if existing is None:
        report.created += 1
        return Denominator.objects.create(force=force, **key, **values)
    if not update or all(getattr(existing, k) == v for k, v in values.items()):
        report.unchanged += 1
        return existing
    for name, value in values.items():
        setattr(existing, name, value)
    existing.save()
    report.updated += 1
    return existing
