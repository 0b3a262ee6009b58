"""WGS84 longitude/latitude to British National Grid (EPSG:27700) metres, for metric analysis."""

from __future__ import annotations

from functools import lru_cache

import numpy as np
import shapely
from pyproj import Transformer


@lru_cache(maxsize=1)
def _to_bng() -> Transformer:
    return Transformer.from_crs("EPSG:4326", "EPSG:27700", always_xy=True)


def to_bng(lngs, lats) -> tuple[np.ndarray, np.ndarray]:
    """Eastings and northings in metres; NaN in gives NaN out."""
    eastings, northings = _to_bng().transform(np.asarray(lngs, dtype=float), np.asarray(lats, dtype=float))
    return np.asarray(eastings, dtype=float), np.asarray(northings, dtype=float)


def geometry_to_bng(geom):
    """A shapely geometry reprojected to British National Grid (for areas in m2)."""
    return shapely.transform(geom, lambda xy: np.column_stack(to_bng(xy[:, 0], xy[:, 1])))
