"""The row rules of street and outcomes files checked a column at a time, for quote-free files.

Checking a million rows one by one in Python costs several times PostgreSQL's own COPY. A
quote-free file (crime.plain_lines) splits into columns with a few C-level string operations,
and each rule then runs over a whole column: the month is one `count`, the categories one
`map` over a dict, the Crime IDs one byte translation, the lengths one `max`, the locations
one lookup per distinct map point (crime.map_points). The rows that pass are written as CSV
lines for PostgreSQL's COPY into the partition being loaded (crime.partitions); the others are
handed back, for the Python rules (crime.police_uk.rows) to quarantine with their field and
reason, or to store when these checks were only stricter. Nothing here decides differently
from the Python rules: a row passes only when every rule is sure to accept it, as is.
"""

from __future__ import annotations

import gc
from collections import Counter
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date
from itertools import compress, repeat
from operator import methodcaller

from django.db import models

from beatbook.crime.map_points import NOWHERE, OUTSIDE, MapPoints
from beatbook.crime.plain_lines import longest_field, starts_with
from beatbook.crime.police_uk.categories import ASB, CATEGORY_SLUGS
from beatbook.crime.police_uk.files import InputFile
from beatbook.crime.police_uk.rows import Schema

HEX = b"0123456789abcdef"


@dataclass(frozen=True)
class Layout:
    """Where a kind's fields are: (model column, field index) of the text stored as read."""

    width: int
    plain: tuple[tuple[str, int], ...]
    category: int | None = None  # street: the crime type, stored as its slug
    required: int | None = None  # outcomes: the outcome type, never empty
    crime_id, month, lng, lat = 0, 1, 4, 5


LAYOUTS = {
    "street": Layout(
        width=12,
        plain=(
            ("reported_by", 2),
            ("falls_within", 3),
            ("location", 6),
            ("lsoa_code", 7),
            ("lsoa_name", 8),
            ("last_outcome_category", 10),
            ("context", 11),
        ),
        category=9,
    ),
    "outcomes": Layout(
        width=10,
        plain=(
            ("reported_by", 2),
            ("falls_within", 3),
            ("location", 6),
            ("lsoa_code", 7),
            ("lsoa_name", 8),
            ("outcome_type", 9),
        ),
        required=9,
    ),
}
POINT_COLUMNS = ("lat", "lng", "easting", "northing", "ward_id")


@dataclass
class Taken:
    """A chunk's rows: CSV lines of those that passed, and the (line, fields) of the others."""

    csv: str
    rows: int
    without_location: int
    outside_force_area: int
    others: list[tuple[int, list[str]]]


class FastRows:
    def __init__(self, kind: str, model: type[models.Model], month: date, source_id: int, points: MapPoints):
        self.layout, self.points = LAYOUTS[kind], points
        self.month_text, self.month_value = f"{month.year:04d}-{month.month:02d}", month.isoformat()
        self.source = str(int(source_id))
        self.limits = [_most(model, name) for name, _ in self.layout.plain]

    @property
    def columns(self) -> tuple[str, ...]:
        """The COPY columns, in the order of the CSV fields written."""
        category = ("category",) if self.layout.category is not None else ()
        return (
            "crime_id",
            "month",
            *(n for n, _ in self.layout.plain),
            *category,
            *POINT_COLUMNS,
            "source_file_id",
            "line",
        )

    @property
    def not_null(self) -> tuple[str, ...]:
        """Columns whose empty field is an empty text, not NULL (all text but the Crime ID)."""
        category = ("category",) if self.layout.category is not None else ()
        return ("month", *(n for n, _ in self.layout.plain), *category, "source_file_id", "line")

    def take(self, first: int, lines: list[str]) -> Taken:
        """Split a chunk of lines numbered from `first` into rows that pass and rows for Python."""
        with _without_cycle_collection():
            return self._take(first, lines)

    def _take(self, first: int, lines: list[str]) -> Taken:
        width = self.layout.width
        if "" in lines or set(map(methodcaller("count", ","), lines)) != {width - 1}:
            return Taken("", 0, 0, 0, [(first + i, line.split(",")) for i, line in enumerate(lines) if line])
        fields = ",".join(lines).split(",")
        columns = [fields[i::width] for i in range(width)]
        slugs, pairs = self._slugs(columns), list(zip(columns[self.layout.lng], columns[self.layout.lat]))
        self.points.learn(pairs)
        point_fields = list(map(self.points.fields.get, pairs))
        bad = self._bad(columns, slugs, point_fields)
        keep = [i not in bad for i in range(len(lines))] if bad else None
        kinds = _kind_counts(pairs, keep, self.points.kinds)
        return Taken(
            csv=self._csv(first, columns, slugs, point_fields, keep),
            rows=len(lines) - len(bad),
            without_location=kinds[NOWHERE],
            outside_force_area=kinds[OUTSIDE],
            others=[(first + i, lines[i].split(",")) for i in sorted(bad)],
        )

    def _slugs(self, columns: list[list[str]]) -> list[str | None] | None:
        if self.layout.category is None:
            return None
        return list(map(CATEGORY_SLUGS.get, columns[self.layout.category]))

    def _bad(self, columns: list[list[str]], slugs: list | None, point_fields: list[str | None]) -> set[int]:
        """Indices of the rows some rule might refuse."""
        bad: set[int] = set()
        months = columns[self.layout.month]
        if months.count(self.month_text) != len(months):
            bad.update(i for i, m in enumerate(months) if m != self.month_text)
        if slugs is not None and None in slugs:
            bad.update(i for i, s in enumerate(slugs) if s is None)
        if self.layout.required is not None and "" in columns[self.layout.required]:
            bad.update(i for i, v in enumerate(columns[self.layout.required]) if not v)
        if None in point_fields:
            bad.update(i for i, p in enumerate(point_fields) if p is None)
        for (_, index), most in zip(self.layout.plain, self.limits):
            if max(map(len, columns[index])) > most:
                bad.update(i for i, v in enumerate(columns[index]) if len(v) > most)
        return bad | _bad_crime_ids(columns[self.layout.crime_id], slugs)

    def _csv(self, first: int, columns, slugs, point_fields, keep: Sequence[bool] | None) -> str:
        layout, n = self.layout, len(point_fields)
        parts = [columns[layout.crime_id], repeat(self.month_value, n), *(columns[i] for _, i in layout.plain)]
        if slugs is not None:
            parts.append(slugs)
        parts += [point_fields, repeat(self.source, n), map(str, range(first, first + n))]
        rows = zip(*parts)
        text = "\n".join(map(",".join, compress(rows, keep) if keep is not None else rows))
        return text + "\n" if text else ""


@contextmanager
def _without_cycle_collection() -> Iterator[None]:
    """A chunk makes a million short-lived lists, tuples and strings, none in a reference cycle:
    the collections their allocation would set off cost a sixth of the work, and find nothing."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def eligible(item: InputFile, schema: Schema, simple: bool) -> bool:
    """Whether a file can be checked here: a kind with a layout, no quote in it, the header as its first line."""
    return schema.kind in LAYOUTS and simple and starts_with(item, schema.header)


def _most(model: type[models.Model], name: str) -> int:
    """The longest text a column stores, and never more than Python's csv module reads."""
    most = getattr(model._meta.get_field(name), "max_length", None) or longest_field()
    return min(most, longest_field())


def _bad_crime_ids(ids: list[str], slugs: list | None) -> set[int]:
    """Rows whose Crime ID is not 64 hexadecimal digits (empty is allowed on anti-social behaviour)."""
    lengths = set(map(len, ids))
    blob = "".join(ids)
    if lengths <= {0, 64} and blob.isascii() and not blob.encode().translate(None, HEX):
        if 0 not in lengths:
            return set()
        if slugs is not None and all(slugs[i] == ASB for i, c in enumerate(ids) if not c):
            return set()
    return {i for i, c in enumerate(ids) if not _is_crime_id(c, slugs[i] if slugs is not None else None)}


def _is_crime_id(text: str, slug: str | None) -> bool:
    if not text:
        return slug == ASB
    return len(text) == 64 and text.isascii() and not text.encode().translate(None, HEX)


def _kind_counts(pairs: list, keep: Sequence[bool] | None, kinds: dict) -> Counter:
    """Rows per kind of map point (crime.map_points), among the rows kept."""
    per_pair = Counter(compress(pairs, keep) if keep is not None else pairs)
    counts: Counter = Counter()
    for pair, n in per_pair.items():
        counts[kinds.get(pair)] += n
    return counts
