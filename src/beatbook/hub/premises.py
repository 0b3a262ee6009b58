"""Premises from a Food Standards Agency food-hygiene (FHRS) register flattened to CSV.

The columns are those of the shipped extract (FHRSID, BusinessName, BusinessType,
AddressLine1..3, PostCode, RatingValue, RatingDate, Longitude, Latitude); only the first
three and the coordinates are required. Rows of the wanted business type without
coordinates are counted, not used.
"""

from __future__ import annotations

import csv
import dataclasses
from dataclasses import dataclass
from pathlib import Path

import numpy as np

PUBS_BARS_NIGHTCLUBS = "Pub/bar/nightclub"
REQUIRED_COLUMNS = ("FHRSID", "BusinessName", "BusinessType", "Longitude", "Latitude")
ADDRESS_COLUMNS = ("AddressLine1", "AddressLine2", "AddressLine3")
UK_BOUNDS = {"Latitude": (49.0, 61.5), "Longitude": (-9.0, 2.5)}


class PremisesFileError(ValueError):
    """A premises file that cannot be used, with the file, line and field at fault."""


@dataclass(frozen=True)
class Premises:
    """Located premises of one business type; ``without_location`` more had no coordinates."""

    source: str
    business_type: str
    ids: np.ndarray
    names: np.ndarray
    addresses: np.ndarray
    postcodes: np.ndarray
    lat: np.ndarray
    lng: np.ndarray
    without_location: int

    @property
    def n(self) -> int:
        return int(self.ids.size)

    def subset(self, keep: np.ndarray) -> Premises:
        arrays = ("ids", "names", "addresses", "postcodes", "lat", "lng")
        return dataclasses.replace(self, **{name: getattr(self, name)[keep] for name in arrays})


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


def _rows(path: Path, business_type: str):
    """(line, row, lat, lng) of each row of ``business_type``; lat and lng may be None."""
    wanted = business_type.casefold()
    with path.open(encoding="utf-8-sig", newline="") as handle:
        reader = csv.DictReader(handle)
        _check_header(reader, path)
        for row in reader:
            if (row.get("BusinessType") or "").strip().casefold() == wanted:
                line = reader.line_num
                yield row, _coordinate(row, "Latitude", path, line), _coordinate(row, "Longitude", path, line)


def read_premises(path: Path, business_type: str = PUBS_BARS_NIGHTCLUBS) -> Premises:
    """The premises of ``business_type`` in an FSA CSV file, with their WGS84 coordinates."""
    try:
        rows = list(_rows(Path(path), business_type))
    except (OSError, UnicodeDecodeError, csv.Error) as exc:
        raise PremisesFileError(f"{path}: cannot be read as a CSV file ({exc})") from None
    located = [(row, lat, lng) for row, lat, lng in rows if lat is not None and lng is not None]
    if not located:
        raise PremisesFileError(f"{path}: no located premises of business type {business_type!r}")

    def column(get) -> np.ndarray:
        return np.array([get(row) for row, _, _ in located], dtype=str)

    return Premises(
        source=Path(path).name,
        business_type=business_type,
        ids=column(lambda r: r["FHRSID"].strip()),
        names=column(lambda r: r["BusinessName"].strip()),
        addresses=column(_address),
        postcodes=column(lambda r: (r.get("PostCode") or "").strip()),
        lat=np.array([lat for _, lat, _ in located]),
        lng=np.array([lng for _, _, lng in located]),
        without_location=len(rows) - len(located),
    )
