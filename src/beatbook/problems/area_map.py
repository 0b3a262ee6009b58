"""What the area-drawing map of a problem's form shows: the force's wards, to find one's way
without a tile server, and (on the assessment) the problem's own area for reference."""

from __future__ import annotations

import json
from typing import Any

from beatbook.geography.models import Force, Ward


def _ward_feature(ward: Ward, layer: str) -> dict[str, Any]:
    properties = {"layer": layer, "name": ward.name, "code": ward.code}
    return {"type": "Feature", "geometry": json.loads(ward.boundary), "properties": properties}


def ward_features() -> list[dict[str, Any]]:
    force = Force.objects.configured()
    wards = Ward.objects.of_force(force).order_by("name") if force is not None else Ward.objects.none()
    return [_ward_feature(w, "ward") for w in wards]


def response_features(problem: Any) -> list[dict[str, Any]]:
    """The problem's area as it is stored: its wards, its polygon, its radius (a point with its radius)."""
    features = [_ward_feature(w, "response") for w in problem.wards.all()]
    if problem.polygon:
        geometry = json.loads(problem.polygon)
        features.append({"type": "Feature", "geometry": geometry, "properties": {"layer": "response"}})
    if problem.radius_m and problem.centre_lat is not None and problem.centre_lng is not None:
        point = {"type": "Point", "coordinates": [problem.centre_lng, problem.centre_lat]}
        properties = {"layer": "response", "radius": problem.radius_m}
        features.append({"type": "Feature", "geometry": point, "properties": properties})
    return features


def area_map(problem: Any = None) -> dict[str, Any]:
    """The map's GeoJSON: wards, and the problem's area when it is the reference (assessment)."""
    features = ward_features() + (response_features(problem) if problem is not None else [])
    return {"type": "FeatureCollection", "features": features}
