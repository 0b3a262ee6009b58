"""Writing analysis results to CSV (one row per record) or GeoJSON (WGS84, RFC 7946).

Undefined numbers (a z-score of a cell without variance, a ratio over nothing) are written
as empty CSV cells and JSON nulls, never as NaN.
"""

from __future__ import annotations

import csv
import io
import json
import math
from functools import lru_cache
from pathlib import Path
from typing import Any

import numpy as np
from pyproj import Transformer

from beatbook import __version__
from beatbook.hub.analyses import CLASS_NAMES, HotspotCells, NearRepeat, PlaceConcentration, PremisesRisk, Trends
from beatbook.hub.selection import Selection

Record = dict[str, Any]
COORDINATE_DECIMALS = 7  # about a centimetre


class ExportError(ValueError):
    """The output file cannot be written."""


@lru_cache(maxsize=1)
def _to_wgs84() -> Transformer:
    return Transformer.from_crs("EPSG:27700", "EPSG:4326", always_xy=True)


def from_bng(eastings, northings) -> tuple[np.ndarray, np.ndarray]:
    """WGS84 longitudes and latitudes of British National Grid eastings and northings."""
    lngs, lats = _to_wgs84().transform(np.asarray(eastings, dtype=float), np.asarray(northings, dtype=float))
    return np.round(np.asarray(lngs, dtype=float), COORDINATE_DECIMALS), np.round(
        np.asarray(lats, dtype=float), COORDINATE_DECIMALS
    )


def plain(value: Any) -> Any:
    """A JSON- and CSV-ready value: numpy scalars unwrapped, NaN and infinities as None."""
    if isinstance(value, np.generic):
        value = value.item()
    if isinstance(value, float) and not math.isfinite(value):
        return None
    return value


def csv_text(records: list[Record]) -> str:
    """Records as CSV text: a header of the first record's keys, undefined numbers as empty cells."""
    handle = io.StringIO(newline="")
    writer = csv.DictWriter(handle, fieldnames=list(records[0]) if records else [])
    writer.writeheader()
    writer.writerows({k: "" if (v := plain(value)) is None else v for k, value in r.items()} for r in records)
    return handle.getvalue()


def metadata_text(name: str, metadata: Record) -> str:
    """A CSV file's metadata (CSV on the Web: ``url`` names the file it describes)."""
    return json.dumps({"url": name, **metadata}, indent=2, default=str, allow_nan=False) + "\n"


def write_csv(path: Path, records: list[Record], metadata: Record | None = None) -> None:
    with path.open("w", newline="", encoding="utf-8") as handle:
        handle.write(csv_text(records))
    if metadata is not None:
        # The CSV stays plain; its metadata sits beside it where CSV on the Web (W3C, "Locating
        # metadata") looks for it: FILE.csv-metadata.json.
        metadata_path(path).write_text(metadata_text(path.name, metadata), encoding="utf-8")


def metadata_path(path: Path) -> Path:
    """Where a CSV file's metadata is written."""
    return path.with_name(path.name + "-metadata.json")


def geojson_collection(records: list[Record], geometries: list[dict], metadata: Record | None = None) -> Record:
    """A GeoJSON FeatureCollection of ``records`` at ``geometries``, with ``metadata`` when given."""
    features = [
        {"type": "Feature", "geometry": g, "properties": {k: plain(v) for k, v in r.items()}}
        for r, g in zip(records, geometries, strict=True)
    ]
    # A foreign member (RFC 7946 section 6.1): readers that do not know it ignore it.
    head = {"type": "FeatureCollection", **({"metadata": metadata} if metadata is not None else {})}
    return {**head, "features": features}


def geojson_text(records: list[Record], geometries: list[dict], metadata: Record | None = None) -> str:
    return json.dumps(geojson_collection(records, geometries, metadata), allow_nan=False, default=str) + "\n"


def write_geojson(path: Path, records: list[Record], geometries: list[dict], metadata: Record | None = None) -> None:
    path.write_text(geojson_text(records, geometries, metadata), encoding="utf-8")


def write(
    path: Path, records: list[Record], geometries: list[dict] | None = None, metadata: Record | None = None
) -> None:
    """Write ``records`` as CSV, or as GeoJSON features with ``geometries``, by the file's extension,
    with ``metadata`` inside the GeoJSON or beside the CSV."""
    try:
        if path.suffix.lower() == ".geojson":
            write_geojson(path, records, geometries or [], metadata)
        else:
            write_csv(path, records, metadata)
    except OSError as exc:
        raise ExportError(f"cannot write {path}: {exc.strerror or exc}") from None


def metadata(selection: Selection, analysis: str, options: Record, version: Record, attribution: str) -> Record:
    """What an export holds: force, area, period, categories, options, data version, attribution."""
    return {
        "analysis": analysis,
        "force": {"slug": selection.force_slug, "name": selection.force_name},
        "area": {"kind": selection.area.kind, "name": selection.area.name, "wards": len(selection.area.ward_ids)},
        "period": {
            "first": f"{selection.first:%Y-%m}",
            "last": f"{selection.last:%Y-%m}",
            "description": selection.describe_months(),
            "published_months": len(selection.published),
            "default": selection.default_period,
        },
        "categories": list(selection.categories) or "all",
        "options": {k: _option(v) for k, v in sorted(options.items()) if k != "out"},
        "data_version": version,
        "attribution": attribution,
        "software": f"beatbook {__version__}",
    }


def _option(value: Any) -> Any:
    if isinstance(value, (list, tuple)):
        return [_option(v) for v in value]
    return value if isinstance(value, (int, float, str, bool)) or value is None else str(value)


def points(xy: np.ndarray) -> list[dict]:
    """GeoJSON points (WGS84) of British National Grid coordinates."""
    lngs, lats = from_bng(xy[:, 0], xy[:, 1])
    return [{"type": "Point", "coordinates": [lng, lat]} for lng, lat in zip(lngs.tolist(), lats.tolist())]


# Hotspots -------------------------------------------------------------------------------------


def cell_polygons(cells: HotspotCells) -> list[dict]:
    """Each cell's square, corners reprojected to WGS84 (a closed counter-clockwise ring)."""
    corners = np.array(cells.grid.polygons(), dtype=float).reshape(-1, 2)
    lngs, lats = from_bng(corners[:, 0], corners[:, 1])
    rings = np.column_stack([lngs, lats]).reshape(cells.grid.n_cells, 5, 2).tolist()
    return [{"type": "Polygon", "coordinates": [ring]} for ring in rings]


def hotspot_records(cells: HotspotCells) -> list[Record]:
    grid = cells.grid
    x, y = grid.centres
    lngs, lats = from_bng(x, y)
    p_adjusted = cells.p_adjusted if cells.p_adjusted is not None else np.full(grid.n_cells, np.nan)
    columns = zip(
        grid.rows.tolist(),
        grid.cols.tolist(),
        x.tolist(),
        y.tolist(),
        lats.tolist(),
        lngs.tolist(),
        grid.counts.tolist(),
        cells.z.tolist(),
        cells.p.tolist(),
        p_adjusted.tolist(),
        cells.classes.tolist(),
        cells.map_points.tolist(),
        cells.streets.tolist(),
    )
    names = (
        "row",
        "col",
        "centre_easting",
        "centre_northing",
        "centre_lat",
        "centre_lng",
        "count",
        "z",
        "p",
        "p_fdr",
        "class",
        "map_points",
        "streets",
    )
    records = [dict(zip(names, values)) for values in columns]
    for record in records:
        record["class"] = CLASS_NAMES[record["class"]]
        if not cells.fdr:
            del record["p_fdr"]
    return records


# Near repeats ---------------------------------------------------------------------------------


def knox_records(result: NearRepeat) -> list[Record]:
    knox = result.knox
    return [
        {
            "space_band_m": space,
            "time_band_days": time,
            "time_band_meaning": result.time_meanings[j],
            "observed_pairs": knox.observed[i, j],
            "expected_pairs": knox.expected[i, j],
            "expected_exact": knox.expected_exact[i, j],
            "knox_ratio": knox.ratio[i, j],
            "p_value": knox.p_value[i, j],
        }
        for i, space in enumerate(knox.space_labels)
        for j, time in enumerate(knox.time_labels)
    ]


# Concentration --------------------------------------------------------------------------------


def place_records(result: PlaceConcentration) -> list[Record]:
    lngs, lats = from_bng(result.xy[:, 0], result.xy[:, 1])
    total = result.counts.sum()
    return [
        {"easting": e, "northing": n, "lat": lat, "lng": lng, "location": name, "crimes": count, "share": count / total}
        for e, n, lat, lng, name, count in zip(
            result.xy[:, 0].tolist(),
            result.xy[:, 1].tolist(),
            lats.tolist(),
            lngs.tolist(),
            result.names.tolist(),
            result.counts.tolist(),
        )
    ]


# Trends ---------------------------------------------------------------------------------------


def _chart_columns(result: Trends) -> dict:
    """Anomaly-rule values of each published month of the period."""
    flags = result.anomalies
    if flags is None:
        return {}
    marks = np.where(flags.high, "high", np.where(flags.low, "low", ""))
    expected = flags.expected if flags.expected is not None else np.full(flags.counts.size, np.nan)
    return {
        month: {"expected": e, "chart_statistic": s, "chart_lower": lo, "chart_upper": up, "anomaly": f}
        for month, e, s, lo, up, f in zip(
            flags.months,
            expected.tolist(),
            flags.statistic.tolist(),
            flags.lower.tolist(),
            flags.upper.tolist(),
            marks.tolist(),
        )
    }


_TREND_BLANK: Record = {
    "crimes": None,
    "expected": None,
    "chart_statistic": None,
    "chart_lower": None,
    "chart_upper": None,
    "anomaly": "",
    "forecast": None,
    "forecast_lower": None,
    "forecast_upper": None,
}


def _trend_record(month, status: str, **values: Any) -> Record:
    return {"month": f"{month:%Y-%m}", "status": status, **_TREND_BLANK, **values}


def trend_records(result: Trends) -> list[Record]:
    """One row per month (crimes empty where no data were published), then the forecast months."""
    chart = _chart_columns(result)
    records = [
        _trend_record(m, "published", crimes=c, **chart.get(m, {})) if p else _trend_record(m, "not published")
        for m, c, p in zip(result.months, result.counts.tolist(), result.published.tolist())
    ]
    f = result.forecast
    if f is not None:
        records += [
            _trend_record(m, "forecast", forecast=mean, forecast_lower=lo, forecast_upper=up)
            for m, mean, lo, up in zip(result.forecast_months, f.mean.tolist(), f.lower.tolist(), f.upper.tolist())
        ]
    return records


# Premises -------------------------------------------------------------------------------------


def premises_records(result: PremisesRisk) -> list[Record]:
    """One record per premises: the register's fields (and a licensing register's licence
    fields), its crimes, and its nearest map point with the premises that share it."""
    total = int(result.result.counts.sum())
    return [_premises_record(result, k, total) for k in range(result.premises.n)]


def _premises_record(result: PremisesRisk, k: int, total: int) -> Record:
    p, count = result.premises, int(result.result.counts[k])
    return {
        p.id_name: str(p.ids[k]),
        "name": str(p.names[k]),
        "type": str(p.types[k]),
        "address": str(p.addresses[k]),
        "postcode": str(p.postcodes[k]),
        **{name: plain(values[k]) for name, values in p.details.items()},
        "lat": float(p.lat[k]),
        "lng": float(p.lng[k]),
        "easting": float(result.xy[k, 0]),
        "northing": float(result.xy[k, 1]),
        "crimes": count,
        "share": count / total if total else 0.0,
        "map_point": str(result.map_point[k]),
        "map_point_easting": float(result.map_point_xy[k, 0]),
        "map_point_northing": float(result.map_point_xy[k, 1]),
        "premises_at_map_point": int(result.sharing[k]),
    }


def premises_points(result: PremisesRisk) -> list[dict]:
    p = result.premises
    return [{"type": "Point", "coordinates": [lng, lat]} for lng, lat in zip(p.lng.tolist(), p.lat.tolist())]
