"""Premises registers as arrays: a Food Standards Agency food-hygiene (FHRS) register flattened
to CSV, read from its file; an imported licensing register (beatbook.premises) gives the same shape.

The FSA columns are those of the shipped extract (FHRSID, BusinessName, BusinessType,
AddressLine1..3, PostCode, RatingValue, RatingDate, Longitude, Latitude); only the first
three and the coordinates are required. Premises without coordinates are counted, not used.
"""

from __future__ import annotations

import csv
import dataclasses
from collections.abc import Collection
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import numpy as np

PUBS_BARS_NIGHTCLUBS = "Pub/bar/nightclub"
REQUIRED_COLUMNS = ("FHRSID", "BusinessName", "BusinessType", "Longitude", "Latitude")
ADDRESS_COLUMNS = ("AddressLine1", "AddressLine2", "AddressLine3")
UK_BOUNDS = {"Latitude": (49.0, 61.5), "Longitude": (-9.0, 2.5)}
ARRAYS = ("ids", "names", "addresses", "postcodes", "types", "lat", "lng")


class PremisesFileError(ValueError):
    """A premises file that cannot be used, with the file, line and field at fault."""


@dataclass(frozen=True)
class Premises:
    """Located premises (one row per premises in each array); ``unlocated_types`` holds the
    type of each premises of the same choice that had no coordinates."""

    source: str
    business_type: str  # what was chosen, in words: "Pub/bar/nightclub", "all types"
    ids: np.ndarray
    names: np.ndarray
    addresses: np.ndarray
    postcodes: np.ndarray
    types: np.ndarray
    lat: np.ndarray
    lng: np.ndarray
    unlocated_types: tuple[str, ...] = ()
    id_name: str = "fhrsid"  # what the register calls its identifier
    details: dict[str, np.ndarray] = field(default_factory=dict)  # a licensing register's licence fields

    @property
    def n(self) -> int:
        return int(self.ids.size)

    @property
    def without_location(self) -> int:
        return len(self.unlocated_types)

    def subset(self, keep: np.ndarray) -> Premises:
        arrays = {name: getattr(self, name)[keep] for name in ARRAYS}
        return dataclasses.replace(self, **arrays, details={k: v[keep] for k, v in self.details.items()})

    def of_types(self, types: Collection[str], label: str) -> Premises:
        """The premises of ``types`` (ignoring case); all of them when ``types`` is empty."""
        if not types:
            return dataclasses.replace(self, business_type=label)
        wanted = {t.casefold() for t in types}
        keep = np.array([t.casefold() in wanted for t in self.types.tolist()], dtype=bool)
        unlocated = tuple(t for t in self.unlocated_types if t.casefold() in wanted)
        return dataclasses.replace(self.subset(keep), business_type=label, unlocated_types=unlocated)

    def type_counts(self) -> dict[str, int]:
        """Premises of each type, located or not, most first."""
        every = self.types.tolist() + list(self.unlocated_types)
        names, counts = np.unique(np.array(every, dtype=str), return_counts=True)
        return dict(sorted(zip(names.tolist(), counts.tolist()), key=lambda nc: (-nc[1], nc[0])))


def _coordinate(row: dict[str, str], column: str, path: Path, line: int) -> float | None:
    text = (row.get(column) or "").strip()
    if not text:
        return None
    try:
        value = float(text)
    except ValueError:
        raise PremisesFileError(f"{path}, line {line}, {column}: {text!r} is not a number") from None
    low, high = UK_BOUNDS[column]
    if not low <= value <= high:
        raise PremisesFileError(f"{path}, line {line}, {column}: {value} is outside the United Kingdom")
    return value


def _address(row: dict[str, str]) -> str:
    return ", ".join(part for c in ADDRESS_COLUMNS if (part := (row.get(c) or "").strip()))


def _check_header(reader: csv.DictReader, path: Path) -> None:
    missing = [c for c in REQUIRED_COLUMNS if c not in (reader.fieldnames or ())]
    if missing:
        raise PremisesFileError(
            f"{path}: not an FSA premises CSV, missing column(s) {', '.join(missing)} "
            f"(needs {', '.join(REQUIRED_COLUMNS)})"
        )


def _rows(path: Path):
    """(row, lat, lng) of each row; lat and lng may be None."""
    with path.open(encoding="utf-8-sig", newline="") as handle:
        reader = csv.DictReader(handle)
        _check_header(reader, path)
        for row in reader:
            line = reader.line_num
            yield row, _coordinate(row, "Latitude", path, line), _coordinate(row, "Longitude", path, line)


def read_register(path: Path) -> Premises:
    """Every premises of an FSA CSV file, of any business type, with WGS84 coordinates."""
    try:
        rows = list(_rows(Path(path)))
    except (OSError, UnicodeDecodeError, csv.Error) as exc:
        raise PremisesFileError(f"{path}: cannot be read as a CSV file ({exc})") from None
    located = [(row, lat, lng) for row, lat, lng in rows if lat is not None and lng is not None]

    def column(get) -> np.ndarray:
        return np.array([get(row) for row, _, _ in located], dtype=str).reshape(-1)

    return Premises(
        source=Path(path).name,
        business_type="all types",
        ids=column(lambda r: r["FHRSID"].strip()),
        names=column(lambda r: r["BusinessName"].strip()),
        addresses=column(_address),
        postcodes=column(lambda r: (r.get("PostCode") or "").strip()),
        types=column(lambda r: (r.get("BusinessType") or "").strip()),
        lat=np.array([lat for _, lat, _ in located], dtype=float),
        lng=np.array([lng for _, _, lng in located], dtype=float),
        unlocated_types=tuple(
            (row.get("BusinessType") or "").strip() for row, lat, lng in rows if lat is None or lng is None
        ),
    )


@lru_cache(maxsize=4)
def _cached_register(path: str, modified: float, size: int) -> Premises:
    return read_register(Path(path))


def cached_register(path: Path) -> Premises:
    """``read_register``, read again only when the file changes (pages read it on every request)."""
    stat = Path(path).stat()
    return _cached_register(str(path), stat.st_mtime, stat.st_size)


def read_premises(path: Path, business_type: str = PUBS_BARS_NIGHTCLUBS) -> Premises:
    """The premises of ``business_type`` in an FSA CSV file, with their WGS84 coordinates."""
    premises = read_register(path).of_types([business_type], business_type)
    if premises.n == 0:
        raise PremisesFileError(f"{path}: no located premises of business type {business_type!r}")
    return premises
