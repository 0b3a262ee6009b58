"""Writing small data.police.uk files for tests."""

from __future__ import annotations

import csv
from pathlib import Path

from beatbook.crime.police_uk.rows import OUTCOMES_HEADER, STOP_AND_SEARCH_HEADER, STREET_HEADER

HEADERS = {"street": STREET_HEADER, "outcomes": OUTCOMES_HEADER, "stop-and-search": STOP_AND_SEARCH_HEADER}
# Bank junction, inside the City (Cornhill/Cheap); Camden, outside it.
IN_CITY = ("-0.088400", "51.513500")
OUTSIDE_CITY = ("-0.119224", "51.529042")


def crime_id(n: int) -> str:
    return f"{n:064x}"


def street_row(
    n: int,
    month: str = "2024-03",
    category: str = "Other theft",
    lng_lat=IN_CITY,
    outcome: str = "Under investigation",
    crime: str | None = None,
) -> list[str]:
    cid = "" if category == "Anti-social behaviour" else (crime if crime is not None else crime_id(n))
    return [
        cid,
        month,
        "City of London Police",
        "City of London Police",
        lng_lat[0],
        lng_lat[1],
        "On or near Threadneedle Street",
        "E01032739",
        "City of London 001F",
        category,
        "" if category == "Anti-social behaviour" else outcome,
        "",
    ]


def write_csv(
    folder: Path, month: str, kind: str, rows: list[list[str]], force: str = "city-of-london", header=None
) -> Path:
    path = folder / f"{month}-{force}-{kind}.csv"
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(header or HEADERS[kind])
        writer.writerows(rows)
    return path
