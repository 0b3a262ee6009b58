"""Census 2021 LSOA boundaries shipped with the project, for the Hub's maps.

The shipped file holds the City of London's LSOAs (ONS, Open Government Licence; see
data/city-of-london/PROVENANCE.txt). An area is given the LSOAs that overlap it; a force
whose LSOAs are not in the file gets none, and its maps simply have no LSOA layer.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

import shapely
from shapely.geometry import shape

from beatbook.paths import CITY_DATA_DIR

LSOA_FILE = CITY_DATA_DIR / "boundaries" / "derived" / "city-of-london-lsoa21.geojson"
#: An LSOA belongs to an area's map when at least this share of it lies in the area (not one that only touches it).
OVERLAP = 0.05


@dataclass(frozen=True)
class Lsoa:
    code: str
    name: str
    geometry: dict[str, Any]  # GeoJSON, WGS84


@lru_cache(maxsize=1)
def _lsoas() -> tuple[tuple[Lsoa, shapely.Geometry], ...]:
    if not LSOA_FILE.exists():
        return ()
    features = json.loads(LSOA_FILE.read_text(encoding="utf-8"))["features"]
    return tuple(
        (Lsoa(f["properties"]["LSOA21CD"], f["properties"]["LSOA21NM"], f["geometry"]), shape(f["geometry"]))
        for f in features
    )


def lsoas_in(area: shapely.Geometry) -> list[Lsoa]:
    """The LSOAs of which at least ``OVERLAP`` lies in ``area`` (WGS84), by code."""
    kept = [lsoa for lsoa, geom in _lsoas() if shapely.intersection(geom, area).area >= OVERLAP * geom.area]
    return sorted(kept, key=lambda lsoa: lsoa.code)
