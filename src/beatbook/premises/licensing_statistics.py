"""The Home Office's licensing statistics for the City (shipped with their provenance): how many
premises licences there are, for scale beside the FSA register. Counts only, not a list of
premises: no published licensing register of the City is available to import."""

from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from beatbook.paths import CITY_DATA_DIR

LICENSING_STATISTICS = CITY_DATA_DIR / "premises" / "city-of-london-home-office-licensing-statistics.csv"
TABLE = "Table_3"  # premises licences by alcohol and late-night refreshment permission, as at 31 March
COLUMNS = {
    "premises_licences": "Premises licences",
    "selling_alcohol": "Premises licences selling alcohol",
    "late_night_refreshment": "Premises licences with late night refreshment",
}


@dataclass(frozen=True)
class LicensingCounts:
    year: str  # "2021/22": as at 31 March 2022
    premises_licences: int
    selling_alcohol: int
    late_night_refreshment: int

    @property
    def as_at(self) -> str:
        return f"31 March 20{self.year[-2:]}"


def _number(text: str) -> int | None:
    """ "1,016" -> 1016; the tables' "x" (not available) and "z" (not applicable) -> None."""
    cleaned = text.replace(",", "").strip()
    return int(cleaned) if cleaned.isdigit() else None


@lru_cache(maxsize=1)
def latest_counts(path: Path = LICENSING_STATISTICS) -> LicensingCounts | None:
    """The latest year of the table with every count published, or None when the file is absent."""
    if not path.exists():
        return None
    with path.open(encoding="utf-8", newline="") as handle:
        rows = [row for row in csv.reader(handle) if row and row[0] == TABLE]
    header, found = rows[0], None
    at = {name: header.index(column) for name, column in COLUMNS.items()}
    for row in rows[1:]:
        counts = {name: _number(row[i]) for name, i in at.items()}
        if all(v is not None for v in counts.values()):
            found = LicensingCounts(row[1], **counts)  # type: ignore[arg-type]
    return found
