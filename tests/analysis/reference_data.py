"""Readers for the published inputs in tests/reference/ used by the analysis tests."""

from __future__ import annotations

import csv
import datetime as dt
import functools
import json
from pathlib import Path
from typing import Any

import numpy as np

EPOCH = dt.date(1970, 1, 1)


def load_json(path: Path) -> dict[str, Any]:
    with path.open(encoding="utf-8") as fh:
        return json.load(fh)


def days(day: dt.date) -> int:
    """Whole days since 1970-01-01."""
    return (day - EPOCH).days


@functools.lru_cache(maxsize=4)
def memphis_lonlat(path: Path) -> tuple[np.ndarray, np.ndarray]:
    """sfhotspot's memphis_robberies: longitude, latitude (EPSG:4326)."""
    with path.open(encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    return (np.array([float(r["longitude"]) for r in rows]), np.array([float(r["latitude"]) for r in rows]))


@functools.lru_cache(maxsize=4)
def chicago_month1(path: Path) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """NearRepeat's chicago_be_month1.csv (no header: X, Y, ISO date) as x, y, days."""
    with path.open(encoding="utf-8") as fh:
        rows = list(csv.reader(fh))
    x = np.array([float(r[0]) for r in rows])
    y = np.array([float(r[1]) for r in rows])
    t = np.array([days(dt.date.fromisoformat(r[2])) for r in rows], dtype=float)
    return x, y, t


@functools.lru_cache(maxsize=4)
def davies_burglary(path: Path, date_column: str = "date_single") -> tuple[np.ndarray, ...]:
    """Davies' CSVs (x, y, DD/MM/YYYY date) as x, y, days, year."""
    with path.open(encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    dates = [dt.datetime.strptime(r[date_column], "%d/%m/%Y").date() for r in rows]
    x = np.array([float(r["x"]) for r in rows])
    y = np.array([float(r["y"]) for r in rows])
    t = np.array([days(d) for d in dates], dtype=float)
    return x, y, t, np.array([d.year for d in dates])
