"""Which ward a point falls in: one point, or millions at once through a shapely STRtree."""

from __future__ import annotations

import numpy as np
import shapely
from shapely.strtree import STRtree

from beatbook.geography.models import Ward


class WardLocator:
    """Point-in-polygon against a force's wards, vectorised.

    A point on a shared boundary goes to the ward with the lowest id, so results are stable.
    """

    def __init__(self, wards):
        self.wards = sorted(wards, key=lambda w: w.pk)
        self.ward_ids = np.array([w.pk for w in self.wards], dtype=np.int64)
        self._tree = STRtree([w.geometry for w in self.wards])

    def locate_many(self, lats, lngs) -> np.ndarray:
        """Ward ids for each point; -1 where a point is outside every ward or has no location."""
        lats = np.asarray(lats, dtype=float)
        lngs = np.asarray(lngs, dtype=float)
        result = np.full(lats.shape, -1, dtype=np.int64)
        valid = np.flatnonzero(~(np.isnan(lats) | np.isnan(lngs)))
        if valid.size == 0 or not self.wards:
            return result
        points = shapely.points(lngs[valid], lats[valid])
        point_idx, ward_idx = self._tree.query(points, predicate="intersects")
        if point_idx.size == 0:
            return result
        # Sorted by point then ward, the first row of each point is its lowest-id ward.
        order = np.lexsort((ward_idx, point_idx))
        point_idx, ward_idx = point_idx[order], ward_idx[order]
        first = np.r_[True, point_idx[1:] != point_idx[:-1]]
        result[valid[point_idx[first]]] = self.ward_ids[ward_idx[first]]
        return result

    def locate(self, lat: float, lng: float) -> Ward | None:
        ward_id = int(self.locate_many([lat], [lng])[0])
        return next((w for w in self.wards if w.pk == ward_id), None)


def locator_for_force(force_slug: str) -> WardLocator:
    return WardLocator(Ward.objects.of_force(force_slug))


def locate(lat: float, lng: float, force_slug: str) -> Ward | None:
    """The ward of `force_slug` containing the point, or None."""
    return locator_for_force(force_slug).locate(lat, lng)


def locate_many(lats, lngs, force_slug: str) -> np.ndarray:
    return locator_for_force(force_slug).locate_many(lats, lngs)
