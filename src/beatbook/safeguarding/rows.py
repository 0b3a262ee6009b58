"""The incident-log CSV format (README: Safeguarding, docs/incident-log-format.md) and one row to values.

A row that breaks a rule raises RowError naming the column; the importer quarantines it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.utils import timezone

from beatbook.crime.police_uk.rows import UK_LAT, UK_LNG, RowError

REQUIRED = (
    "incident_id",
    "occurred_at",
    "type",
    "asb",
    "hate",
    "domestic_abuse",
    "children_present",
    "location",
    "ward",
    "caller",
    "victim",
    "outcome",
    "synthetic",
)
OPTIONAL = ("reported_at", "lat", "lng")
COLUMNS = REQUIRED + OPTIONAL
TRUE, FALSE = {"yes", "y", "true", "1"}, {"no", "n", "false", "0", ""}
DATE_FORMATS = ("%Y-%m-%d %H:%M", "%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M:%S", "%Y-%m-%dT%H:%M:%S")
LIMITS = {"incident_id": 64, "type": 100, "location": 200, "caller": 64, "victim": 64, "outcome": 200}


class HeaderError(ValueError):
    """A header that is not an incident log's."""


@dataclass(frozen=True)
class Header:
    index: dict[str, int]
    width: int


def read_header(cells: list[str]) -> Header:
    index = {cell.strip().lower(): i for i, cell in enumerate(cells) if cell.strip().lower() in COLUMNS}
    missing = [c for c in REQUIRED if c not in index]
    if missing:
        raise HeaderError(
            f"its header has no {', '.join(missing)} column: an incident log needs {', '.join(REQUIRED)} "
            f"and may have {', '.join(OPTIONAL)}"
        )
    return Header(index, len(cells))


class RowReader:
    """Parses the rows of one file; `wards` maps a ward's lower-case name and code to its id."""

    def __init__(self, header: Header, wards: dict[str, int]):
        self.header, self.wards = header, wards

    def text(self, raw: list[str], column: str) -> str:
        i = self.header.index.get(column)
        value = raw[i].strip() if i is not None else ""
        most = LIMITS.get(column)
        if most is not None and len(value) > most:
            raise RowError(column, f"is {len(value):,} characters long; at most {most:,} can be stored")
        return value

    def parse(self, raw: list[str]) -> dict[str, Any]:
        values: dict[str, Any] = {"incident_id": self.text(raw, "incident_id"), "incident_type": self.text(raw, "type")}
        for column in ("incident_id", "type"):
            if not self.text(raw, column):
                raise RowError(column, "is empty")
        values["occurred_at"] = self._when(raw, "occurred_at")
        values["reported_at"] = self._when(raw, "reported_at") if self.text(raw, "reported_at") else None
        values["reported_at"] = values["reported_at"] or values["occurred_at"]
        if values["reported_at"] < values["occurred_at"]:
            raise RowError("reported_at", "is before occurred_at: an incident cannot be reported before it happened")
        for flag in ("asb", "hate", "domestic_abuse", "children_present", "synthetic"):
            values[flag] = self._flag(raw, flag)
        for column in ("location", "caller", "victim", "outcome"):
            values[column] = self.text(raw, column)
        if not values["caller"] and not values["victim"]:
            raise RowError("victim", "and caller are both empty: an incident needs at least one person")
        values["lat"], values["lng"] = self._point(raw)
        values["ward_id"] = self._ward(raw)
        return values

    def _when(self, raw: list[str], column: str) -> datetime:
        text = self.text(raw, column)
        for fmt in DATE_FORMATS:
            try:
                return timezone.make_aware(datetime.strptime(text, fmt))
            except ValueError:
                continue
        raise RowError(column, f"is {text!r}: write the date and time as YYYY-MM-DD HH:MM (e.g. 2025-03-14 21:05)")

    def _flag(self, raw: list[str], column: str) -> bool:
        text = self.text(raw, column).lower()
        if text in TRUE:
            return True
        if text in FALSE:
            return False
        raise RowError(column, f"is {text!r}: write yes or no")

    def _point(self, raw: list[str]) -> tuple[float | None, float | None]:
        lat, lng = self.text(raw, "lat"), self.text(raw, "lng")
        if not lat and not lng:
            return None, None
        return self._coordinate("lat", lat, UK_LAT), self._coordinate("lng", lng, UK_LNG)

    def _coordinate(self, column: str, text: str, bounds: tuple[float, float]) -> float:
        try:
            value = float(text)
        except ValueError:
            raise RowError(column, f"is {text!r}, not a number") from None
        if not bounds[0] <= value <= bounds[1]:
            raise RowError(column, f"is {value}, outside the United Kingdom ({bounds[0]} to {bounds[1]})")
        return value

    def _ward(self, raw: list[str]) -> int | None:
        text = self.text(raw, "ward")
        if not text:
            return None
        if text.lower() not in self.wards:
            raise RowError("ward", f"is {text!r}, not a ward of the force (give its name or ONS code)")
        return self.wards[text.lower()]
