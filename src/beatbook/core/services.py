"""Reading the audit log: filters and the CSV export."""

from __future__ import annotations

import csv
from collections.abc import Iterable, Iterator
from datetime import date, datetime, time, timedelta
from typing import Any

from django.db.models import Q
from django.utils import timezone

from beatbook.core.models import AuditEvent, AuditEventQuerySet

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
CSV_COLUMNS = [
    "at",
    "username",
    "command",
    "action",
    "object_type",
    "object_id",
    "object_repr",
    "ip",
    "user_agent",
    "path",
    "changes",
    "detail",
]


def filter_events(events: AuditEventQuerySet, filters: dict[str, Any]) -> AuditEventQuerySet:
    if filters.get("user"):
        events = events.filter(Q(username__icontains=filters["user"]) | Q(command__icontains=filters["user"]))
    for name in ("action", "object_type", "object_id"):
        if filters.get(name):
            events = events.filter(**{name: filters[name]})
    if filters.get("date_from"):
        events = events.filter(at__gte=_start_of(filters["date_from"]))
    if filters.get("date_to"):
        events = events.filter(at__lt=_start_of(filters["date_to"] + timedelta(days=1)))
    return events


def csv_lines(events: Iterable[AuditEvent]) -> Iterator[str]:
    """The events as CSV text, a line at a time (streamed: the log can be long)."""
    buffer = _LineBuffer()
    writer = csv.writer(buffer)
    yield writer.writerow(CSV_COLUMNS)
    for event in events:
        yield writer.writerow([_cell(event, column) for column in CSV_COLUMNS])


def _cell(event: AuditEvent, column: str) -> Any:
    value = getattr(event, column)
    if isinstance(value, datetime):
        return timezone.localtime(value).isoformat(timespec="seconds")
    if value in (None, {}):
        return ""
    text = value if isinstance(value, str) else str(value)
    # A cell a spreadsheet would run as a formula (failed sign-ins record whatever name was typed).
    return "'" + text if text[:1] in FORMULA_STARTS else text


def _start_of(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time.min))


class _LineBuffer:
    """csv.writer's file: hands each written line back instead of storing it."""

    def write(self, text: str) -> str:
        return text
