"""The columns of a licensing register in CSV, and turning one row into stored values.

Column names are matched ignoring case, spaces, hyphens and underscores ("Licence number",
"licence_number" and "LICENCE-NUMBER" are one column), with a few common alternatives
(latitude, longitude, premises name, ...). Other columns are ignored, and the report names them.
A row that breaks a rule raises RowError naming the column as the file writes it.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from datetime import time

from django.db import models

from beatbook.crime.police_uk.rows import UK_LAT, UK_LNG, RowError
from beatbook.premises.models import LicensedPremises

#: The columns a register may have, in this order in messages; the model's field of each.
COLUMNS = {
    "name": "name",
    "type": "premises_type",
    "address": "address",
    "postcode": "postcode",
    "lat": "lat",
    "lng": "lng",
    "licence_number": "licence_number",
    "licence_type": "licence_type",
    "hours": "hours",
    "terminal_hour": "terminal_hour",
    "status": "status",
}
REQUIRED = ("name", "type", "lat", "lng")
#: Columns parsed from text into other values.
_PARSED = ("lat", "lng", "postcode", "terminal_hour")
_ALIASES = {
    "premisesname": "name",
    "premisestype": "type",
    "latitude": "lat",
    "longitude": "lng",
    "lon": "lng",
    "long": "lng",
    "licensenumber": "licence_number",
    "licenseno": "licence_number",
    "licenceno": "licence_number",
    "licensetype": "licence_type",
    "openinghours": "hours",
    "licensedhours": "hours",
    "licencestatus": "status",
    "licensestatus": "status",
}
_KEYS = {column.replace("_", ""): column for column in COLUMNS} | _ALIASES
_POSTCODE = re.compile(r"([A-Z]{1,2}[0-9][A-Z0-9]?) ?([0-9][A-Z]{2})")
_TIME = re.compile(r"(\d{1,2}):(\d{2})")


class HeaderError(ValueError):
    """A header that is not a licensing register's."""


def _key(cell: str) -> str:
    return re.sub(r"[^a-z0-9]", "", cell.strip().lower())


@dataclass(frozen=True)
class Header:
    """Where each known column is, the names the file gives them, and the columns ignored."""

    index: dict[str, int]
    written: dict[str, str]
    ignored: tuple[str, ...]
    width: int


def read_header(cells: list[str]) -> Header:
    """The header's columns, or HeaderError naming what is missing or given twice."""
    index: dict[str, int] = {}
    written: dict[str, str] = {}
    ignored = []
    for i, cell in enumerate(cells):
        column = _KEYS.get(_key(cell))
        if column is None:
            ignored.append(cell.strip())
        elif column in index:
            raise HeaderError(f"the columns {written[column]!r} and {cell.strip()!r} both give the {column}")
        else:
            index[column], written[column] = i, cell.strip()
    missing = [c for c in REQUIRED if c not in index]
    if missing:
        raise HeaderError(
            f"its header has no {', '.join(missing)} column: a licensing register needs "
            f"{', '.join(REQUIRED)}, and may have {', '.join(c for c in COLUMNS if c not in REQUIRED)} "
            f"(the header read: {', '.join(c.strip() for c in cells) or 'empty'})"
        )
    return Header(index, written, tuple(c for c in ignored if c), len(cells))


def _limits() -> dict[str, int]:
    fields = {f.name: f for f in LicensedPremises._meta.concrete_fields}
    return {
        column: most
        for column, name in COLUMNS.items()
        if isinstance(fields[name], models.CharField) and (most := fields[name].max_length)
    }


LIMITS = _limits()


class RowReader:
    """Parses the rows of one file against its header."""

    def __init__(self, header: Header):
        self.header = header

    def text(self, raw: list[str], column: str, limited: bool = True) -> str:
        """The column's text, refused when longer than its field (``limited``: not yet parsed)."""
        i = self.header.index.get(column)
        value = raw[i].strip() if i is not None else ""
        most = LIMITS.get(column) if limited else None
        if most is not None and len(value) > most:
            raise RowError(self.written(column), f"is {len(value):,} characters long; at most {most:,} can be stored")
        return value

    def written(self, column: str) -> str:
        return self.header.written.get(column, column)

    def parse(self, raw: list[str]) -> dict[str, object]:
        """The model's field values of one row (width already checked), or RowError."""
        values: dict[str, object] = {COLUMNS[c]: self.text(raw, c) for c in COLUMNS if c not in _PARSED}
        for column in ("name", "type"):
            if not values[COLUMNS[column]]:
                raise RowError(self.written(column), "is empty")
        values["lat"], values["lng"] = self._location(raw)
        values["postcode"] = self._postcode(raw)
        values["terminal_hour"] = self._time(raw)
        return values

    def _location(self, raw: list[str]) -> tuple[float | None, float | None]:
        lat, lng = self.text(raw, "lat"), self.text(raw, "lng")
        if not lat and not lng:
            return None, None  # kept, without a location, and counted
        for column, text, other in (("lat", lat, "lng"), ("lng", lng, "lat")):
            if not text:
                raise RowError(self.written(column), f"is empty while {self.written(other)} is given")
        return self._coordinate("lat", lat, UK_LAT), self._coordinate("lng", lng, UK_LNG)

    def _coordinate(self, column: str, text: str, bounds: tuple[float, float]) -> float:
        try:
            value = float(text)
        except ValueError:
            raise RowError(self.written(column), f"{text!r} is not a number") from None
        if not math.isfinite(value) or not bounds[0] <= value <= bounds[1]:
            raise RowError(self.written(column), f"{text} is outside the United Kingdom ({bounds[0]}..{bounds[1]})")
        return value

    def _postcode(self, raw: list[str]) -> str:
        text = " ".join(self.text(raw, "postcode", limited=False).upper().split())
        if not text:
            return ""
        match = _POSTCODE.fullmatch(text)
        if match is None:
            raise RowError(self.written("postcode"), f"{text[:40]!r} is not a UK postcode")
        return f"{match.group(1)} {match.group(2)}"

    def _time(self, raw: list[str]) -> time | None:
        text = self.text(raw, "terminal_hour", limited=False)
        if not text:
            return None
        match = _TIME.fullmatch(text)
        hour, minute = (int(match.group(1)), int(match.group(2))) if match else (-1, -1)
        if not (0 <= hour <= 23 and 0 <= minute <= 59) and (hour, minute) != (24, 0):
            raise RowError(
                self.written("terminal_hour"), f"{text[:40]!r} is not a time of day as HH:MM (24-hour clock)"
            )
        return time(hour % 24, minute)
