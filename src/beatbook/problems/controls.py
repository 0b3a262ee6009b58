"""Suggesting control wards: those whose monthly crime series best followed the response
area's before the response began.

A control area stands for what would have happened without the response, so the best
candidates moved with the response area beforehand. Wards are ranked by the Pearson
correlation of their monthly counts with the response area's over the before period's
published months; the ratio of their mean to the response area's is shown beside it, since a
control of similar size gives steadier estimates.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from shapely import intersects

from beatbook.geography.models import Ward
from beatbook.geography.projection import geometry_to_bng
from beatbook.problems import counting
from beatbook.problems.spec import AssessmentSpec

SUGGESTIONS = 5


@dataclass(frozen=True)
class ControlMatch:
    code: str
    name: str
    correlation: float
    mean_per_month: float
    size_ratio: float  # the ward's mean over the response area's

    def as_dict(self) -> dict[str, object]:
        return {
            "code": self.code,
            "name": self.name,
            "correlation": round(self.correlation, 3),
            "mean_per_month": round(self.mean_per_month, 2),
            "size_ratio": round(self.size_ratio, 2),
        }


def rank_controls(target: np.ndarray, candidates: dict[tuple[str, str], np.ndarray]) -> list[ControlMatch]:
    """Candidates (code, name) -> series, best correlated with ``target`` first; a flat series
    (no correlation defined) is left out."""
    target = np.asarray(target, dtype=float)
    matches = []
    if target.size < 3 or np.std(target) == 0:
        return []
    for (code, name), series in candidates.items():
        values = np.asarray(series, dtype=float)
        if np.std(values) == 0:
            continue
        r = float(np.corrcoef(target, values)[0, 1])
        mean = float(values.mean())
        matches.append(ControlMatch(code, name, r, mean, mean / max(float(target.mean()), 1e-9)))
    return sorted(matches, key=lambda m: (-m.correlation, abs(np.log(max(m.size_ratio, 1e-9))), m.name))


def suggest_controls(spec: AssessmentSpec, published: list, n: int = SUGGESTIONS) -> list[ControlMatch]:
    """The ``n`` wards of the force, clear of the response area and its ring, that best matched
    it over the before period's ``published`` months."""
    crimes = counting.stored_crimes(spec)
    geometry = counting.response_geometry(spec)
    reach = geometry.buffer(spec.buffer_m) if spec.buffer_m > 0 else geometry
    months = [m for m in spec.before.months if m in set(published)]
    spec_masks = counting.masks(spec, crimes)
    target = counting.monthly(crimes, spec_masks.response, months)
    candidates = {}
    for ward in Ward.objects.of_force(spec.force_slug):
        if intersects(geometry_to_bng(ward.geometry).buffer(-1), reach):
            continue
        candidates[(ward.code, ward.name)] = counting.monthly(crimes, crimes.ward_id == ward.pk, months)
    return rank_controls(target, candidates)[:n]
