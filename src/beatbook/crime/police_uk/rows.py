"""The three data.police.uk CSV kinds: their headers, and turning one row into stored values.

A row that breaks a rule raises RowError naming the field; the ingest quarantines it and
goes on with the rest of the file.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

from beatbook.crime.police_uk.categories import ASB, CATEGORY_SLUGS

CRIME_ID = re.compile(r"[0-9a-f]{64}")
MONTH = re.compile(r"(\d{4})-(0[1-9]|1[0-2])")
# A generous box around the United Kingdom (Northern Ireland to Lowestoft, Scilly to Shetland).
UK_LAT = (49.8, 61.0)
UK_LNG = (-8.7, 2.0)
# data.police.uk files a stop and search under the month of its date in UK time.
UK_TIME = ZoneInfo("Europe/London")

STREET_HEADER = (
    "Crime ID",
    "Month",
    "Reported by",
    "Falls within",
    "Longitude",
    "Latitude",
    "Location",
    "LSOA code",
    "LSOA name",
    "Crime type",
    "Last outcome category",
    "Context",
)
OUTCOMES_HEADER = (
    "Crime ID",
    "Month",
    "Reported by",
    "Falls within",
    "Longitude",
    "Latitude",
    "Location",
    "LSOA code",
    "LSOA name",
    "Outcome type",
)
STOP_AND_SEARCH_HEADER = (
    "Type",
    "Date",
    "Part of a policing operation",
    "Policing operation",
    "Latitude",
    "Longitude",
    "Gender",
    "Age range",
    "Self-defined ethnicity",
    "Officer-defined ethnicity",
    "Legislation",
    "Object of search",
    "Outcome",
    "Outcome linked to object of search",
    "Removal of more than just outer clothing",
)


class RowError(ValueError):
    def __init__(self, field: str, reason: str):
        super().__init__(f"{field}: {reason}")
        self.field = field
        self.reason = reason


@dataclass(frozen=True)
class RowContext:
    """What a row is checked against: the month its file covers."""

    month: date


_months: dict[str, date] = {}


def parse_month(text: str, context: RowContext) -> date:
    month = _months.get(text)
    if month is None:
        match = MONTH.fullmatch(text)
        if not match or match[1] == "0000":
            raise RowError("Month", f"{text[:80]!r} is not a month in YYYY-MM form")
        month = _months.setdefault(text, date(int(match[1]), int(match[2]), 1))
    if month != context.month:
        raise RowError("Month", f"{text} differs from the file's month {context.month:%Y-%m}")
    return month


def parse_location(lng_text: str, lat_text: str) -> tuple[float | None, float | None]:
    """(lat, lng), both None for a row without a location."""
    if not lng_text and not lat_text:
        return None, None
    try:
        lat, lng = float(lat_text), float(lng_text)
    except ValueError:
        field = "Latitude" if not _is_float(lat_text) else "Longitude"
        raise RowError(field, f"{(lat_text if field == 'Latitude' else lng_text)!r} is not a number") from None
    if not (UK_LAT[0] <= lat <= UK_LAT[1] and UK_LNG[0] <= lng <= UK_LNG[1]):
        raise RowError("Longitude/Latitude", f"{lng}, {lat} is outside the United Kingdom")
    return lat, lng


def _is_float(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return False
    return True


def parse_crime_id(text: str, required: bool) -> str | None:
    if not text:
        if required:
            raise RowError(
                "Crime ID",
                "is empty (only anti-social behaviour rows, and crimes without a last outcome, may have no Crime ID)",
            )
        return None
    if not CRIME_ID.fullmatch(text):
        raise RowError("Crime ID", f"{text[:80]!r} is not a 64-character hexadecimal Crime ID")
    return text


def parse_street(row: list[str], context: RowContext) -> tuple:
    """Values in STREET_COLUMNS order."""
    category = CATEGORY_SLUGS.get(row[9])
    if category is None:
        raise RowError("Crime type", f"{row[9][:80]!r} is not a data.police.uk crime type")
    lat, lng = parse_location(row[4], row[5])
    return (
        # The Crime ID links a crime to its outcomes: a force that supplies no outcomes (British
        # Transport Police) publishes its crimes with neither, so only a crime with an outcome needs one.
        parse_crime_id(row[0], required=category != ASB and row[10] != ""),
        parse_month(row[1], context),
        row[2],
        row[3],
        lat,
        lng,
        row[6],
        row[7],
        row[8],
        category,
        row[10],
        row[11],
    )


STREET_COLUMNS = (
    "crime_id",
    "month",
    "reported_by",
    "falls_within",
    "lat",
    "lng",
    "location",
    "lsoa_code",
    "lsoa_name",
    "category",
    "last_outcome_category",
    "context",
)


def parse_outcome(row: list[str], context: RowContext) -> tuple:
    """Values in OUTCOMES_COLUMNS order."""
    if not row[9]:
        raise RowError("Outcome type", "is empty")
    lat, lng = parse_location(row[4], row[5])
    return (
        parse_crime_id(row[0], required=True),
        parse_month(row[1], context),
        row[2],
        row[3],
        lat,
        lng,
        row[6],
        row[7],
        row[8],
        row[9],
    )


OUTCOMES_COLUMNS = (
    "crime_id",
    "month",
    "reported_by",
    "falls_within",
    "lat",
    "lng",
    "location",
    "lsoa_code",
    "lsoa_name",
    "outcome_type",
)


def parse_bool(text: str, field: str) -> bool | None:
    if text == "":
        return None
    if text.lower() in ("true", "false"):
        return text.lower() == "true"
    raise RowError(field, f"{text[:80]!r} is not True, False or empty")


def parse_datetime(text: str, context: RowContext) -> datetime:
    """The date and time in UTC; it must fall in the file's month in UK time."""
    try:
        value = datetime.fromisoformat(text)
    except ValueError:
        raise RowError("Date", f"{text[:80]!r} is not a date and time (ISO 8601)") from None
    if value.tzinfo is None:
        raise RowError("Date", f"{text[:80]!r} has no time zone")
    try:
        # Both conversions fail near year 1 and 9999: such a date cannot be stored on either database.
        in_utc, in_uk = value.astimezone(UTC), value.astimezone(UK_TIME)
    except OverflowError:
        raise RowError("Date", f"{text[:80]!r} is outside the dates that can be stored") from None
    if (in_uk.year, in_uk.month) != (context.month.year, context.month.month):
        raise RowError("Date", f"{text[:80]} is not in the file's month {context.month:%Y-%m} (UK time)")
    return in_utc


def parse_stop_and_search(row: list[str], context: RowContext) -> tuple:
    """Values in STOP_AND_SEARCH_COLUMNS order; the month is the file's."""
    if not row[0]:
        raise RowError("Type", "is empty")
    lat, lng = parse_location(row[5], row[4])
    return (
        context.month,
        row[0],
        parse_datetime(row[1], context),
        parse_bool(row[2], STOP_AND_SEARCH_HEADER[2]),
        row[3],
        lat,
        lng,
        row[6],
        row[7],
        row[8],
        row[9],
        row[10],
        row[11],
        row[12],
        parse_bool(row[13], STOP_AND_SEARCH_HEADER[13]),
        parse_bool(row[14], STOP_AND_SEARCH_HEADER[14]),
    )


STOP_AND_SEARCH_COLUMNS = (
    "month",
    "type",
    "date",
    "part_of_policing_operation",
    "policing_operation",
    "lat",
    "lng",
    "gender",
    "age_range",
    "self_defined_ethnicity",
    "officer_defined_ethnicity",
    "legislation",
    "object_of_search",
    "outcome",
    "outcome_linked_to_object_of_search",
    "removal_of_more_than_outer_clothing",
)


@dataclass(frozen=True)
class Schema:
    kind: str
    header: tuple[str, ...]
    columns: tuple[str, ...]
    parse: Callable[[list[str], RowContext], tuple]

    @property
    def lat_index(self) -> int:
        return self.columns.index("lat")

    @property
    def lng_index(self) -> int:
        return self.columns.index("lng")


SCHEMAS = {
    "street": Schema("street", STREET_HEADER, STREET_COLUMNS, parse_street),
    "outcomes": Schema("outcomes", OUTCOMES_HEADER, OUTCOMES_COLUMNS, parse_outcome),
    "stop-and-search": Schema(
        "stop-and-search", STOP_AND_SEARCH_HEADER, STOP_AND_SEARCH_COLUMNS, parse_stop_and_search
    ),
}
