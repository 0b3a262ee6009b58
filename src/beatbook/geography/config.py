"""Reading a force configuration file (TOML) and its ward boundary file (GeoJSON).

Every problem is reported with the file and the field, before anything is stored.
"""

from __future__ import annotations

import json
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from shapely.geometry import shape


class ForceConfigError(ValueError):
    """A force configuration or boundary file that cannot be used; the message names the place."""


@dataclass(frozen=True)
class ClusterConfig:
    code: str
    name: str
    wards: tuple[str, ...]
    split_is_configurable: bool = False


@dataclass(frozen=True)
class SectorConfig:
    code: str
    name: str
    clusters: tuple[ClusterConfig, ...]


@dataclass(frozen=True)
class WardBoundary:
    code: str
    name: str
    geometry: dict


@dataclass(frozen=True)
class ForceConfig:
    slug: str
    name: str
    boundary_path: Path
    sectors: tuple[SectorConfig, ...]
    wards: dict[str, WardBoundary] = field(default_factory=dict)


def _require(table: dict, key: str, where: str, kind=str):
    value = table.get(key)
    if not isinstance(value, kind) or (kind is str and not value.strip()):
        raise ForceConfigError(f"{where}: `{key}` is missing or not a {kind.__name__}")
    return value


def _cluster(table: dict, where: str) -> ClusterConfig:
    wards = _require(table, "wards", where, list)
    if not wards or not all(isinstance(w, str) for w in wards):
        raise ForceConfigError(f"{where}: `wards` must be a non-empty list of ward names or codes")
    return ClusterConfig(
        code=_require(table, "code", where),
        name=_require(table, "name", where),
        wards=tuple(wards),
        split_is_configurable=bool(table.get("split_is_configurable", False)),
    )


def _sector(table: dict, where: str) -> SectorConfig:
    clusters = _require(table, "clusters", where, list)
    return SectorConfig(
        code=_require(table, "code", where),
        name=_require(table, "name", where),
        clusters=tuple(_cluster(c, f"{where} cluster {i + 1}") for i, c in enumerate(clusters)),
    )


def read_boundaries(path: Path, code_property: str, name_property: str) -> dict[str, WardBoundary]:
    """Ward polygons from a GeoJSON FeatureCollection, keyed by ward code."""
    try:
        features = json.loads(path.read_text(encoding="utf-8"))["features"]
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise ForceConfigError(f"{path}: not a readable GeoJSON FeatureCollection ({exc})") from None
    wards = {}
    for i, feature in enumerate(features):
        props = feature.get("properties") or {}
        code, name = props.get(code_property), props.get(name_property)
        if not code or not name:
            raise ForceConfigError(f"{path}: feature {i + 1} lacks `{code_property}` or `{name_property}`")
        geometry = feature.get("geometry") or {}
        if geometry.get("type") not in ("Polygon", "MultiPolygon") or not shape(geometry).is_valid:
            raise ForceConfigError(f"{path}: feature {i + 1} ({name}) is not a valid polygon")
        wards[code] = WardBoundary(code=code, name=name, geometry=geometry)
    return wards


def read_force_config(path: Path, boundaries: Path | None = None) -> ForceConfig:
    """Parse and check a force configuration; `boundaries` overrides the file it names."""
    path = Path(path)
    try:
        doc = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise ForceConfigError(f"{path}: cannot read the force configuration ({exc})") from None
    force = doc.get("force")
    if not isinstance(force, dict):
        raise ForceConfigError(f"{path}: the [force] table is missing")
    where = f"{path} [force]"
    boundary_path = Path(boundaries) if boundaries else path.parent / _require(force, "boundaries", where)
    sectors = _require(doc, "sectors", f"{path}", list)
    config = ForceConfig(
        slug=_require(force, "id", where),
        name=_require(force, "name", where),
        boundary_path=boundary_path,
        sectors=tuple(_sector(s, f"{path} sector {i + 1}") for i, s in enumerate(sectors)),
        wards=read_boundaries(
            boundary_path, force.get("ward_code_property", "code"), force.get("ward_name_property", "name")
        ),
    )
    check_every_ward_once(config, path)
    return config


def resolve_ward(config: ForceConfig, ward: str, where: str) -> WardBoundary:
    """A ward named in the configuration, by code or by name (case-insensitive)."""
    if ward in config.wards:
        return config.wards[ward]
    by_name = {w.name.casefold(): w for w in config.wards.values()}
    found = by_name.get(ward.casefold())
    if found is None:
        raise ForceConfigError(f"{where}: ward {ward!r} is not in the boundary file {config.boundary_path}")
    return found


def check_every_ward_once(config: ForceConfig, path: Path) -> None:
    seen: dict[str, str] = {}
    for sector in config.sectors:
        for cluster in sector.clusters:
            for ward in cluster.wards:
                code = resolve_ward(config, ward, f"{path} cluster {cluster.code!r}").code
                if code in seen:
                    raise ForceConfigError(
                        f"{path}: ward {ward!r} is in both cluster {seen[code]!r} and {cluster.code!r}"
                    )
                seen[code] = cluster.code
    missing = sorted(w.name for code, w in config.wards.items() if code not in seen)
    if missing:
        raise ForceConfigError(f"{path}: wards in the boundary file but in no cluster: {', '.join(missing)}")
