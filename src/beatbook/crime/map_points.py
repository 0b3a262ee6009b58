"""police.uk's anonymous map points of a run: checked, placed in a ward and projected once each.

Locations are snapped to a few thousand map points per force, the same month after month, so
the location rules (crime.police_uk.rows.parse_location), the ward search and the projection
run once per distinct (Longitude, Latitude) text pair of the run, not once per row.
"""

from __future__ import annotations

import threading
from collections.abc import Iterable

import numpy as np

from beatbook.crime.plain_lines import longest_field
from beatbook.crime.police_uk.rows import RowError, parse_location
from beatbook.geography.locate import WardLocator
from beatbook.geography.projection import to_bng

NOWHERE, OUTSIDE, IN_WARD = 0, 1, 2  # a point's kind: no location, outside every ward, in a ward
NO_LOCATION = ",,,,"  # lat, lng, easting, northing, ward: all empty, stored as NULL


class MapPoints:
    """(lng_text, lat_text) -> the CSV fields `lat,lng,easting,northing,ward` and the point's kind.

    A pair the location rules refuse is absent: its rows go to the Python rules, which say why.
    """

    def __init__(self, locator: WardLocator):
        self.locator = locator
        self.fields: dict[tuple[str, str], str] = {("", ""): NO_LOCATION}
        self.kinds: dict[tuple[str, str], int] = {("", ""): NOWHERE}
        self._refused: set[tuple[str, str]] = set()
        self._lock = threading.Lock()  # files of one force may be stored side by side (crime.workers)

    def learn(self, pairs: Iterable[tuple[str, str]]) -> None:
        """Check, place and project the pairs not seen before."""
        with self._lock:
            self._learn(set(pairs) - self.fields.keys() - self._refused)

    def _learn(self, new: set[tuple[str, str]]) -> None:
        good = []
        for pair in new:
            if max(map(len, pair)) > longest_field():
                self._refused.add(pair)  # Python's csv module cannot read its file: the ingest refuses it
                continue
            try:
                lat, lng = parse_location(*pair)
            except RowError:
                self._refused.add(pair)
                continue
            good.append((pair, float(lat or 0), float(lng or 0)))  # never None: ("", "") is known
        if good:
            self._place(good)

    def _place(self, good: list[tuple[tuple[str, str], float, float]]) -> None:
        lats = np.array([g[1] for g in good], dtype=float)
        lngs = np.array([g[2] for g in good], dtype=float)
        wards = self.locator.locate_many(lats, lngs).tolist()
        eastings, northings = (values.tolist() for values in to_bng(lngs, lats))
        for (pair, lat, lng), east, north, ward in zip(good, eastings, northings, wards):
            # repr gives the shortest text that reads back as the same double, as COPY reads it.
            self.fields[pair] = f"{lat!r},{lng!r},{east!r},{north!r},{ward if ward >= 0 else ''}"
            self.kinds[pair] = IN_WARD if ward >= 0 else OUTSIDE
