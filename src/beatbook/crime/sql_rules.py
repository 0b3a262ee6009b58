"""The row rules of street and outcomes files as SQL over raw text columns (crime.raw_load).

They must never accept a row that the Python rules (crime.police_uk.rows, crime.limits) refuse,
and must store exactly what Python would store; they may refuse more, because every row they
refuse is run through the Python rules, which quarantine it with its field and reason, or store
it. Locations are not checked here: Python checks, places and projects each distinct map point
once (crime.raw_load), and a row passes when its point is among the good ones.

In the statements: `s` is the raw row (text columns c0, c1, ... in the file's order, never
NULL, and its `line`); `p` its map point (lng_text, lat_text, lat, lng, easting, northing,
ward_id; NULL when the point is not a good one); `k` its category (name, slug; NULL when unknown).
"""

from __future__ import annotations

import csv
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from django.db import models

from beatbook.crime.police_uk.categories import ASB, CATEGORY_SLUGS

LNG, LAT = "c4", "c5"  # street and outcomes files: Longitude, then Latitude


def literal(text: str) -> str:
    """An SQL string literal (standard_conforming_strings, PostgreSQL's default since 9.1)."""
    return "'" + text.replace("'", "''") + "'"


def fits(column: str, most: int) -> str:
    """At most `most` characters; octet_length first, which needs no decoding."""
    return f"(octet_length({column}) <= {most} OR char_length({column}) <= {most})"


def longest_field() -> int:
    """The longest field Python's csv module reads; a longer one makes the file unreadable as CSV."""
    return csv.field_size_limit()


@dataclass(frozen=True)
class SqlRules:
    """Columns written, the SQL value of each, and the condition a row must meet."""

    columns: tuple[str, ...]
    values: tuple[str, ...]
    accept: str
    joins: str = ""

    def where(self) -> str:
        return f"COALESCE(({self.accept}), false)"


def _plain(model: type[models.Model], columns: dict[str, int]) -> tuple[list[str], list[str], list[str]]:
    """Text columns stored as read: (columns, values, conditions), each at most its column's length."""
    names, values, conditions = [], [], []
    for name, index in columns.items():
        field = model._meta.get_field(name)
        most = getattr(field, "max_length", None) or longest_field()
        names.append(name)
        values.append(f"s.c{index}")
        conditions.append(fits(f"s.c{index}", min(most, longest_field())))
    return names, values, conditions


def _month_text(month: date) -> str:
    return f"{month.year:04d}-{month.month:02d}"


def _located(source_id: int) -> tuple[list[str], list[str], list[str]]:
    names = ["lat", "lng", "easting", "northing", "ward_id", "source_file_id", "line"]
    values = ["p.lat", "p.lng", "p.easting", "p.northing", "p.ward_id", str(int(source_id)), "s.line"]
    condition = f"(p.lng_text IS NOT NULL OR (s.{LNG} = '' AND s.{LAT} = ''))"
    return names, values, [condition]


HEX_ID = "(s.c0 ~ '^[0-9a-f]+$' AND octet_length(s.c0) = 64)"


def _categories() -> str:
    rows = ", ".join(f"({literal(name)}, {literal(slug)})" for name, slug in CATEGORY_SLUGS.items())
    return f"LEFT JOIN (VALUES {rows}) k(name, slug) ON k.name = s.c9"


def street_rules(model: type[models.Model], month: date, source_id: int) -> SqlRules:
    plain = {"reported_by": 2, "falls_within": 3, "location": 6, "lsoa_code": 7, "lsoa_name": 8}
    names, values, conditions = _plain(model, {**plain, "last_outcome_category": 10, "context": 11})
    located = _located(source_id)
    return SqlRules(
        columns=("crime_id", "month", "category", *names, *located[0]),
        values=("NULLIF(s.c0, '')", f"DATE '{month.isoformat()}'", "k.slug", *values, *located[1]),
        accept=" AND ".join(
            [
                "k.slug IS NOT NULL",
                f"s.c1 = '{_month_text(month)}'",
                f"({HEX_ID} OR (s.c0 = '' AND k.slug = {literal(ASB)}))",
                *conditions,
                *located[2],
            ]
        ),
        joins=_categories(),
    )


def outcome_rules(model: type[models.Model], month: date, source_id: int) -> SqlRules:
    plain = {"reported_by": 2, "falls_within": 3, "location": 6, "lsoa_code": 7, "lsoa_name": 8}
    names, values, conditions = _plain(model, {**plain, "outcome_type": 9})
    located = _located(source_id)
    return SqlRules(
        columns=("crime_id", "month", *names, *located[0]),
        values=("s.c0", f"DATE '{month.isoformat()}'", *values, *located[1]),
        accept=" AND ".join([HEX_ID, f"s.c1 = '{_month_text(month)}'", "s.c9 <> ''", *conditions, *located[2]]),
    )


RULES: dict[str, Callable[[type[models.Model], date, int], SqlRules]] = {
    "street": street_rules,
    "outcomes": outcome_rules,
}
