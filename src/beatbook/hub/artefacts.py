"""Known artefacts of police.uk locations, and notes on what the data cannot show.

police.uk names most map points after a street ("On or near Bishopsgate"), but some after a
type of place: "On or near Supermarket", "On or near Parking Area", "On or near Police
Station". Those crimes are real, but the name does not say where; and crimes at a police
station are often crimes *recorded* there (reported at the front counter, or found on
arrest), not committed there. They are flagged, with their counts, not hidden.

No Django here: services.py queries the counts and builds the notes.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

#: police.uk map points named after a type of place rather than a street.
PLACE_TYPES = (
    "Airport/Airfield",
    "Bus/Coach Station",
    "Conference/Exhibition Centre",
    "Further/Higher Educational Building",
    "Hospital",
    "Nightclub",
    "Park/Open Space",
    "Parking Area",
    "Pedestrian Subway",
    "Petrol Station",
    "Police Station",
    "Prison",
    "Shopping Area",
    "Sports/Recreation Area",
    "Supermarket",
    "Theatre/Concert Hall",
)
PREFIX = "On or near "
WHY = {
    "Police Station": "recorded at a police station (reported there or found on arrest), "
    "not necessarily committed there",
}


def place_type(location: str) -> str | None:
    """The place type a police.uk location is named after, or None for a street."""
    name = location.removeprefix(PREFIX).strip()
    return next((t for t in PLACE_TYPES if t.casefold() == name.casefold()), None)


@dataclass(frozen=True)
class LocationArtefact:
    """Crimes of a selection at map points named after one type of place."""

    place_type: str
    crimes: int
    map_points: int

    def describe(self) -> str:
        points = f"{self.map_points} map point{'s' if self.map_points != 1 else ''}"
        why = f": {WHY[self.place_type]}" if self.place_type in WHY else ""
        return f'"{PREFIX}{self.place_type}" {self.crimes:,} crimes at {points}{why}'


@dataclass(frozen=True)
class CoverageNote:
    """A ward where the data place no crime of the period, and since when."""

    ward: str
    last_month: date | None  # the last month with a crime placed inside the ward, if any

    def describe(self) -> str:
        since = (
            f"no police.uk map point inside it has a crime since {self.last_month:%Y-%m}"
            if self.last_month
            else "no police.uk map point inside it has any stored crime"
        )
        return (
            f"{self.ward}: {since}; police.uk places its crimes at map points in neighbouring wards, "
            "so its zero is a data effect, not an absence of crime"
        )
