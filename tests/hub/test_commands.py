"""`beatbook analyse ...` on two years of the shipped City data: outputs agree with the database."""

from __future__ import annotations

import json
import re
from collections import Counter
from datetime import date

from beatbook.crime.ingest import ingest_paths
from beatbook.crime.models import Crime
from beatbook.hub import analyses
from tests.conftest import shipped_street_file
from tests.hub.conftest import analyse, ok, read_csv, read_geojson

FIRST, LAST = date(2025, 1, 1), date(2025, 12, 1)  # the default period: the latest 12 published months
DEFAULT_PERIOD = "2025-01..2025-12: 12 months (default: the latest 12 published months), data published for all"
CITY_LNG, CITY_LAT = (-0.125, -0.07), (51.50, 51.53)  # a box around the City and its edges


def in_wards(category: str | None = None, first: date = FIRST, last: date = LAST):
    crimes = Crime.objects.filter(ward__isnull=False, month__range=(first, last))
    return crimes.filter(category=category) if category else crimes


def located(category: str | None = None, first: date = FIRST, last: date = LAST) -> int:
    return in_wards(category, first, last).filter(easting__isnull=False).count()


def categories() -> list[str]:
    return sorted(set(Crime.objects.values_list("category", flat=True)))


def number_after(pattern: str, text: str) -> int:
    return int(re.search(pattern + r"\s+([\d,]+)", text).group(1).replace(",", ""))


def in_city(lng: float, lat: float) -> bool:
    return CITY_LNG[0] < lng < CITY_LNG[1] and CITY_LAT[0] < lat < CITY_LAT[1]


def test_hotspots_for_every_category_count_every_located_crime(data, tmp_path):
    assert len(categories()) >= 12
    for category in categories():
        out = tmp_path / f"{category}.csv"
        output = ok("hotspots", "--category", category, "--out", out)
        rows = read_csv(out)
        assert sum(int(r["count"]) for r in rows) == located(category) > 0, category
        assert f"crimes        {located(category):,} located in the area" in output
        assert DEFAULT_PERIOD in output
        hot = sum(r["class"] == "hot" for r in rows)
        assert f"{hot:,} hot cells, {sum(r['class'] == 'cold' for r in rows):,} cold cells" in output
        assert f"Wrote {len(rows):,} grid cells" in output
        assert all(float(r["p"]) <= 1 and float(r["p_fdr"]) >= float(r["p"]) for r in rows if r["p"])


def test_hotspots_geojson_has_one_wgs84_square_per_cell(data, tmp_path):
    out = tmp_path / "cells.geojson"
    output = ok("hotspots", "--out", out, "--top", 5)
    features = read_geojson(out)["features"]
    assert len(features) == number_after(r"grid", output) > 100
    assert sum(f["properties"]["count"] for f in features) == located()
    for feature in features:
        ring = feature["geometry"]["coordinates"][0]
        assert feature["geometry"]["type"] == "Polygon" and len(ring) == 5 and ring[0] == ring[-1]
        assert all(in_city(lng, lat) for lng, lat in ring)
        assert feature["properties"]["class"] in {"hot", "cold", "neither"}
    hot = [f for f in features if f["properties"]["class"] == "hot"]
    assert hot and all(f["properties"]["z"] > 0 and f["properties"]["p_fdr"] < 0.05 for f in hot)
    assert "Benjamini-Hochberg" in output and "rank" in output


def test_hotspots_without_fdr_and_with_a_chosen_cell_size(data, tmp_path):
    out = tmp_path / "cells.csv"
    output = ok("hotspots", "--no-fdr", "--cell-size", 100, "--alpha", 0.01, "--out", out)
    rows = read_csv(out)
    assert "cells of 100 m (--cell-size)" in output and "without correction" in output
    assert "p_fdr" not in rows[0] and sum(int(r["count"]) for r in rows) == located()
    assert all(float(r["p"]) < 0.01 for r in rows if r["class"] != "neither")


def test_near_repeat_for_every_category_defaults_to_the_latest_12_months(data, tmp_path):
    for category in categories():
        out = tmp_path / f"{category}.csv"
        output = ok("near-repeat", "--category", category, "--permutations", 19, "--out", out)
        rows = read_csv(out)
        n = located(category)
        assert DEFAULT_PERIOD in output and f"{n:,} located in the area" in output, category
        assert "months only" in output and "first day of its month" in output
        assert len(rows) == 3 * 4
        assert sum(int(r["observed_pairs"]) for r in rows) <= n * (n - 1) // 2
        assert all(0 < float(r["p_value"]) <= 1 for r in rows)
        assert [r["time_band_meaning"] for r in rows[:4]] == [
            "same month",
            "1 month apart",
            "2 months apart",
            "3 months apart",
        ]


def test_near_repeat_observed_pairs_match_a_direct_count(data):
    output = ok(
        "near-repeat",
        "--category",
        "robbery",
        "--from",
        "2025-10",
        "--space-bands",
        "0,50",
        "--time-bands",
        "0,15",
        "--permutations",
        9,
    )
    points = list(in_wards("robbery", first=date(2025, 10, 1)).values_list("easting", "northing", "month"))
    same = sum(
        1
        for i, a in enumerate(points)
        for b in points[i + 1 :]
        if a[2] == b[2] and (a[0] - b[0]) ** 2 + (a[1] - b[1]) ** 2 < 50**2
    )
    assert re.search(rf"\[0, 50\)\s+{same:,}\s*$", output, re.MULTILINE), output


def test_near_repeat_warns_when_bands_split_whole_months(data):
    output = ok("near-repeat", "--category", "burglary", "--time-bands", "0,31,62,93", "--permutations", 9)
    assert "warning: a time-band edge falls inside the lags of a whole number of months" in output


def test_concentration_for_every_category_counts_each_crime_at_its_place(data, tmp_path):
    places = (
        Crime.objects.filter(ward__isnull=False, easting__isnull=False, month__gte=date(2025, 1, 1))
        .values_list("easting", "northing")
        .distinct()
        .count()
    )
    for category in categories():
        out = tmp_path / f"{category}.csv"
        output = ok("concentration", "--category", category, "--out", out)
        rows = read_csv(out)
        assert len(rows) == places and sum(int(r["crimes"]) for r in rows) == located(category), category
        assert f"{places:,} police.uk map points" in output
        rule = "generalized Gini (Bernasco" if located(category) < places else "generalized Gini is the same"
        assert rule in output
        gini = float(re.search(r"gini\s+([\d.]+)", output).group(1))
        assert 0 < gini < 1


def test_concentration_geojson_has_a_point_per_place(data, tmp_path):
    out = tmp_path / "places.geojson"
    output = ok("concentration", "--cluster", "Bank", "--out", out)
    features = read_geojson(out)["features"]
    assert len(features) == number_after(r"places", output) > 10
    assert sum(f["properties"]["crimes"] for f in features) == number_after(r"crimes", output)
    assert all(f["geometry"]["type"] == "Point" and in_city(*f["geometry"]["coordinates"]) for f in features)
    assert "Bank cluster (West sector)" in output


def test_trends_for_every_category_add_up_to_the_database(data, tmp_path):
    for category in categories():
        out = tmp_path / f"{category}.csv"
        output = ok("trends", "--category", category, "--out", out)
        rows = read_csv(out)
        months = [r for r in rows if r["status"] == "published"]
        assert len(months) == 12 and [r["status"] for r in rows[12:]] == ["forecast"] * 3, category
        assert sum(int(r["crimes"]) for r in months) == in_wards(category).count()
        latest = in_wards(category).count()
        previous = in_wards(category, first=date(2024, 1, 1), last=date(2024, 12, 1)).count()
        assert f"Year on year: 2025-01..2025-12 {latest:,} crimes against {previous:,}" in output
        assert all(float(r["forecast_lower"]) <= float(r["forecast"]) <= float(r["forecast_upper"]) for r in rows[12:])


def test_trends_treat_unpublished_months_as_gaps(data, tmp_path):
    ingest_paths([shipped_street_file(m) for m in ("2020-10", "2020-11", "2022-07", "2022-08")])
    out = tmp_path / "trends.csv"
    output = ok("trends", "--from", "2020-10", "--to", "2022-08", "--rule", "cusum", "--out", out)
    rows = read_csv(out)
    gaps = [r for r in rows if r["status"] == "not published"]
    assert len(gaps) == 19 and {r["month"] for r in gaps} >= {"2020-12", "2022-06"}
    assert all(r["crimes"] == "" and r["anomaly"] == "" for r in gaps)
    assert "no data published for 2020-12..2022-06 (19 months)" in output
    assert "Year on year: not computed: no published data for" in output
    assert re.search(r"^2021(\s+-){12}$", output, re.MULTILINE)
    assert "from the 2 published months since the last gap" in output
    inside_the_gap = analyse("trends", "--from", "2021-01", "--to", "2021-06")
    assert inside_the_gap.exit_code == 2
    assert (
        "Invalid value for '--from': no data are published for 2021-01..2021-06 (data are published for "
        "2020-10..2020-11, 2022-07..2022-08, 2024-01..2025-12)" in inside_the_gap.output
    )


def test_trends_flag_months_at_a_stated_false_alarm_rate(data, tmp_path):
    out = tmp_path / "trends.csv"
    output = ok("trends", "--from", "2025-01", "--out", out)
    assert "quasi-Poisson regression: mean + linear trend (scale" in output  # 12 months: no season
    assert "fitted on 12 published months 2024-01..2024-12" in output
    assert "0.5 false alarms a year expected when nothing changes" in output
    rows = [r for r in read_csv(out) if r["status"] == "published"]
    flagged = re.search(r"Anomalies: (\d+) of 12 published months flagged", output)
    assert int(flagged.group(1)) == sum(r["anomaly"] != "" for r in rows)
    for r in rows:
        inside = float(r["chart_lower"]) <= int(r["crimes"]) <= float(r["chart_upper"])
        assert inside == (r["anomaly"] == "") and float(r["expected"]) > 0
    chart = ok("trends", "--rule", "c-chart")
    assert "false alarms not controlled" in chart
    refused = analyse("trends", "--false-alarms", 0)
    assert refused.exit_code == 2 and "Invalid value for '--false-alarms'" in refused.output


def test_trends_over_everything_stored(data):
    output = ok("trends", "--horizon", 1, "--from", "2024-01")
    everything = in_wards(first=date(2024, 1, 1)).count()
    assert "2024-01..2025-12: 24 months, data" in output and f"crimes        {everything:,} in the area" in output
    assert re.search(r"Forecast \(.*\n.*\n.*\n2026-01 ", output)


def test_premises_for_every_category(data, tmp_path):
    for category in categories():
        out = tmp_path / f"{category}.csv"
        output = ok("premises", "--category", category, "--out", out)
        rows = read_csv(out)
        assigned = sum(int(r["crimes"]) for r in rows)
        assert f"{assigned:,} of {located(category):,} located crimes" in output, category
        assert len(rows) == number_after("premises", output) > 200
        assert "Pub/bar/nightclub premises of city-of-london-fhrs-establishments-2020-11-10.csv" in output
        assert "radius        51 m (automatic: the median distance between neighbouring police.uk map points" in output


def test_premises_geojson_and_radius(data, tmp_path):
    out = tmp_path / "pubs.geojson"
    wide = ok("premises", "--radius", 100, "--ward", "Bishopsgate", "--out", out)
    narrow = ok("premises", "--radius", 10, "--ward", "Bishopsgate")
    features = read_geojson(out)["features"]
    assert len(features) == number_after("premises", wide) > 5
    assert all(in_city(*f["geometry"]["coordinates"]) for f in features)
    assert number_after("assigned", narrow) < number_after("assigned", wide)


def test_premises_default_to_the_night_time_economy_and_say_who_shares_a_map_point(data, tmp_path):
    out = tmp_path / "pubs.csv"
    output = ok("premises", "--out", out)
    night = in_wards().filter(category__in=analyses.NIGHT_TIME_ECONOMY, easting__isnull=False).count()
    assert f"of {night:,} located crimes" in output and "Drugs (drugs)" in output and "Burglary" not in output
    rows = read_csv(out)
    shared = [r for r in rows if int(r["premises_at_map_point"]) > 1]
    assert f"{len(shared):,} of {len(rows):,} premises share their nearest map point" in output
    at = Counter((r["map_point_easting"], r["map_point_northing"]) for r in rows if r["map_point"])
    assert all(int(r["premises_at_map_point"]) == at[(r["map_point_easting"], r["map_point_northing"])] for r in rows)
    assert "premises there" in output


FSA_HEADER = "FHRSID,BusinessName,BusinessType,AddressLine1,AddressLine2,AddressLine3,PostCode,Longitude,Latitude\n"


def test_premises_from_another_fsa_file(data, tmp_path):
    path = tmp_path / "fsa.csv"
    path.write_text(
        FSA_HEADER
        + "1,Dirty Dicks,Pub/bar/nightclub,202 Bishopsgate,London,,EC2M 4NR,-0.0789,51.5177\n"
        + "2,No Coordinates Bar,Pub/bar/nightclub,1 Nowhere,London,,EC1 1AA,,\n"
        + "3,Westminster Arms,Pub/bar/nightclub,9 Storey's Gate,London,,SW1P 3AT,-0.1300,51.4990\n"
        + "4,A Cafe,Restaurant/Cafe/Canteen,1 Bishopsgate,London,,EC2M 4NR,-0.0789,51.5177\n"
    )
    out = tmp_path / "one.csv"
    output = ok("premises", "--premises", path, "--out", out)
    assert "1 Pub/bar/nightclub premises of fsa.csv in the area (1 outside it and 1 without coordinates" in output
    assert [r["name"] for r in read_csv(out)] == ["Dirty Dicks"]


def test_a_category_without_crimes(data, tmp_path):
    result = analyse("hotspots", "--category", "public-disorder-weapons")
    assert result.exit_code == 1 and "no located crime matches the selection" in result.output
    output = ok("trends", "--category", "public-disorder-weapons")
    assert "Year on year: 2025-01..2025-12 0 crimes against 0" in output


def test_too_many_pairs_for_the_knox_permutations(data, monkeypatch):
    monkeypatch.setattr(analyses, "MAX_CLOSE_PAIRS", 1_000)
    result = analyse("near-repeat", "--category", "burglary")
    assert result.exit_code == 1
    assert "pairs of crimes lie within 400 m of each other, more than the 1,000" in result.output


def test_year_on_year_of_the_whole_area_names_its_test(data):
    output = ok("trends")
    latest = in_wards(None).count()
    assert f"2025-01..2025-12 {latest:,} crimes against" in output and "; E-test p" in output


def test_cells_below_the_map_point_spacing_are_refused(data):
    for size in (0.5, 30):
        result = analyse("hotspots", "--cell-size", size)
        assert result.exit_code == 2
        assert f"Invalid value for '--cell-size': {size:g} m is below the floor of 51 m" in result.output
        assert "a median 51 m from their nearest neighbour" in result.output


def test_hotspots_of_a_ward_are_map_points_with_their_streets(data, tmp_path):
    out = tmp_path / "cells.csv"
    output = ok("hotspots", "--ward", "Bishopsgate", "--out", out)
    assert "cells of 60 m (automatic: sfhotspot's rule gives" in output
    rows = read_csv(out)
    points = set(in_wards().filter(ward__slug="bishopsgate").values_list("easting", "northing"))
    assert sum(int(r["map_points"]) for r in rows) == len(points) > 5
    assert all((r["streets"] == "") == (r["map_points"] == "0") for r in rows)
    listed = re.findall(r"^\s+\d+\s+\d+\s+\d+\s+([\d,]+)\s.*?\s(\d+)  (\S.*)$", output, re.MULTILINE)
    assert len(listed) == 10
    assert all(int(n) > 0 and int(count.replace(",", "")) > 0 and "(" in streets for count, n, streets in listed)
    table = output[output.index("Top 10 cells") :]
    assert "Liverpool Street (" in table and "On or near" not in table


def test_exports_carry_their_metadata(data, tmp_path, settings):
    geojson, table = tmp_path / "cells.geojson", tmp_path / "months.csv"
    ok("hotspots", "--ward", "Bishopsgate", "--category", "theft-from-the-person", "--out", geojson)
    output = ok("trends", "--from", "2025-06", "--out", table)
    assert f"its metadata to {table}-metadata.json" in output
    beside = json.loads((tmp_path / "months.csv-metadata.json").read_text())
    inside = read_geojson(geojson)["metadata"]
    assert beside["url"] == "months.csv" and read_csv(table)[0]["month"] == "2025-06"
    assert inside["analysis"] == "analyse hotspots" and beside["analysis"] == "analyse trends"
    assert inside["force"] == beside["force"] == {"slug": "city-of-london", "name": "City of London Police"}
    assert inside["area"] == {"kind": "ward", "name": "Bishopsgate ward", "wards": 1}
    assert inside["period"]["first"] == "2025-01" and inside["period"]["default"] is True
    assert beside["period"]["first"] == "2025-06" and beside["period"]["default"] is False
    assert inside["categories"] == ["theft-from-the-person"] and beside["categories"] == "all"
    assert inside["options"]["alpha"] == 0.05 and beside["options"]["rule"] == "seasonal"
    assert "out" not in inside["options"]
    assert inside["data_version"]["files"] == 12 and beside["data_version"]["files"] == 7
    assert len(inside["data_version"]["sha256_of_files"]) == 64
    assert inside["attribution"] == beside["attribution"] == settings.BEATBOOK_DATA_ATTRIBUTION
