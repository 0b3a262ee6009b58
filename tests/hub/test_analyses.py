"""The Hub's glue without the shipped data: month lags, pair counts, writers, readers, empty databases."""

from __future__ import annotations

import json
from datetime import date
from itertools import combinations

import numpy as np
import pytest

from beatbook.core.months import add_months, month_range
from beatbook.hub import analyses, export
from beatbook.hub.premises import PremisesFileError, read_premises
from beatbook.hub.selection import runs_text
from tests.hub.conftest import analyse, read_csv


def test_month_lags_in_days():
    assert analyses.month_lag_days(0) == (0, 0)
    assert analyses.month_lag_days(1) == (28, 31)
    assert analyses.month_lag_days(2) == (59, 62)
    assert analyses.month_lag_days(12) == (365, 366)


@pytest.mark.parametrize(
    ("lo", "hi", "meaning", "split"),
    [
        (0, 15, "same month", False),
        (15, 45, "1 month apart", False),
        (45, 105, "2-3 months apart", False),
        (0, 31, "same month", True),  # 31 days: Jan to Feb is in the next band, Feb to Mar is not
        (1, 20, "no whole-month lag", False),
    ],
)
def test_what_a_time_band_holds(lo, hi, meaning, split):
    assert analyses.time_band_meaning(lo, hi) == (meaning, split)


def test_close_pairs_are_counted_over_map_points():
    rng = np.random.default_rng(7)
    xy = rng.integers(0, 30, size=(200, 2)).astype(float) * 10  # many crimes at each map point
    brute = sum(1 for a, b in combinations(xy.tolist(), 2) if np.hypot(a[0] - b[0], a[1] - b[1]) <= 50)
    assert analyses.close_pair_count(xy, 50) == brute
    assert analyses.close_pair_count(xy[:1], 50) == 0


def test_months():
    assert add_months(date(2024, 11, 1), 3) == date(2025, 2, 1)
    assert len(month_range(date(2020, 12, 1), date(2022, 6, 1))) == 19
    assert runs_text([date(2021, 1, 1), date(2020, 12, 1), date(2021, 5, 1)]) == "2020-12..2021-01, 2021-05"


def test_undefined_numbers_are_written_as_null_and_empty(tmp_path):
    records = [{"z": float("nan"), "p": np.float64(0.5), "n": np.int64(3)}, {"z": float("inf"), "p": 1.0, "n": 0}]
    geometries = [{"type": "Point", "coordinates": [-0.09, 51.51]}] * 2
    export.write(tmp_path / "a.geojson", records, geometries)
    export.write(tmp_path / "a.csv", records)
    features = json.loads((tmp_path / "a.geojson").read_text())["features"]
    assert [f["properties"] for f in features] == [{"z": None, "p": 0.5, "n": 3}, {"z": None, "p": 1.0, "n": 0}]
    assert read_csv(tmp_path / "a.csv") == [{"z": "", "p": "0.5", "n": "3"}, {"z": "", "p": "1.0", "n": "0"}]


def test_bng_to_wgs84():
    lng, lat = export.from_bng([533241.0], [181517.0])  # Bishopsgate, by Liverpool Street
    assert lng[0] == pytest.approx(-0.0797, abs=2e-3) and lat[0] == pytest.approx(51.5175, abs=2e-3)


def test_an_unwritable_output_is_a_clear_error(tmp_path):
    with pytest.raises(export.ExportError, match="cannot write"):
        export.write(tmp_path / "no-such-folder" / "a.csv", [{"a": 1}])


def test_premises_file_problems_are_named(tmp_path):
    path = tmp_path / "fsa.csv"
    path.write_text("FHRSID,BusinessName,Latitude\n")
    with pytest.raises(PremisesFileError, match="missing column.*BusinessType, Longitude"):
        read_premises(path)
    path.write_text(
        "FHRSID,BusinessName,BusinessType,Longitude,Latitude\n1,Pub,Pub/bar/nightclub,-0.08,60.0\n"
        "2,Far,Pub/bar/nightclub,40.0,51.5\n"
    )
    with pytest.raises(PremisesFileError, match=r"fsa.csv, line 3, Longitude: 40.0 is outside the United Kingdom"):
        read_premises(path)
    path.write_bytes(b"FHRSID,BusinessName,BusinessType,Longitude,Latitude\n1,\xff\xfe,x,1,2\n")
    with pytest.raises(PremisesFileError, match="cannot be read as a CSV file"):
        read_premises(path)


def test_without_geography(db):
    result = analyse("hotspots")
    assert result.exit_code == 1
    assert "no geography is loaded for force 'city-of-london'" in result.output


def test_without_crime_data(city):
    result = analyse("trends")
    assert result.exit_code == 1
    assert "no street-level crime data are stored for City of London Police: run `beatbook ingest`" in result.output
