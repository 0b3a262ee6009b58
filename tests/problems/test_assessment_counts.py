"""The assessment's counts against counts made independently from the police.uk CSV files, and
its statistics against WDD, WDQ, RES and the E-test computed by hand from those counts."""

from __future__ import annotations

import csv
import json
import math

import numpy as np
import pytest
from pyproj import Transformer
from scipy.stats import norm, poisson
from shapely.geometry import Point, shape
from shapely.ops import unary_union

from beatbook.problems.assessment import assess
from beatbook.problems.spec import AssessmentSpec, Period, SpecError
from tests.conftest import DATA_DIR, shipped_street_file
from tests.problems.conftest import LIVERPOOL_STREET, MONTHS

WARDS_FILE = DATA_DIR / "boundaries" / "martinjc-uk-geojson" / "wards_by_lad__E09000001.json"
CONTROL = ("E05009305", "E05009297")  # Farringdon Without, Castle Baynard
RADIUS, BUFFER = 200.0, 150.0
BEFORE, AFTER = MONTHS[:3], MONTHS[3:]
CATEGORY_NAMES = {"theft-from-the-person": "Theft from the person"}  # as the files write it


def _wards() -> dict[str, object]:
    features = json.loads(WARDS_FILE.read_text())["features"]
    return {f["properties"]["WD13CD"]: shape(f["geometry"]) for f in features}


def _rows(category: str | None):
    """(month, lng, lat) of every located row of the six months' files, read with the csv module."""
    for month in MONTHS:
        with open(shipped_street_file(month), newline="", encoding="utf-8") as f:
            for row in csv.DictReader(f):
                if row["Longitude"] and (category is None or row["Crime type"] == CATEGORY_NAMES[category]):
                    yield row["Month"], float(row["Longitude"]), float(row["Latitude"])


def independent_counts(category: str | None) -> dict[str, list[int]]:
    """Response (within RADIUS of the station), buffer (RADIUS..RADIUS+BUFFER) and control
    (in the control wards, outside both) counts, from the files, for crimes inside the City's wards."""
    wards = _wards()
    city, control = unary_union(list(wards.values())), unary_union([wards[c] for c in CONTROL])
    project = Transformer.from_crs("EPSG:4326", "EPSG:27700", always_xy=True)
    cx, cy = project.transform(LIVERPOOL_STREET[1], LIVERPOOL_STREET[0])
    counts = {"response": [0, 0], "buffer": [0, 0], "control": [0, 0]}
    for month, lng, lat in _rows(category):
        if not city.covers(Point(lng, lat)):
            continue
        x, y = project.transform(lng, lat)
        d = math.hypot(x - cx, y - cy)
        period = 0 if month in BEFORE else 1
        area = "response" if d <= RADIUS else "buffer" if d <= RADIUS + BUFFER else None
        if area is None and control.covers(Point(lng, lat)):
            area = "control"
        if area:
            counts[area][period] += 1
    return counts


def spec(category: str | None = None) -> AssessmentSpec:
    return AssessmentSpec(
        force_slug="city-of-london",
        before=Period.parse("2024-01:2024-03", "before"),
        after=Period.parse("2024-04:2024-06", "after"),
        buffer_m=BUFFER,
        radius=(*LIVERPOOL_STREET, RADIUS),
        control_wards=CONTROL,
        categories=(category,) if category else (),
    )


@pytest.mark.parametrize("category", [None, "theft-from-the-person"])
def test_counts_match_the_files(data, category):
    result = assess(spec(category))
    expected = independent_counts(category)
    got = {name: [pair["before"], pair["after"]] for name, pair in result["counts"].items()}
    assert got == expected
    assert expected["response"][0] > 0 and expected["control"][0] > 0  # the fixture area is not empty
    assert result["periods"]["before"]["published_months"] == 3


def _hand_e_test(k1: int, k2: int, n1: float, n2: float) -> float:
    """Krishnamoorthy & Thomson's (2004) E-test written out: the probability, under the pooled
    rate, of a statistic at least as extreme as the one observed."""
    d = n1 / n2

    def t(x1, x2):
        var = (x1 + d * d * x2) / 1.0
        return np.where(var > 0, (x1 - d * x2) / np.sqrt(np.maximum(var, 1e-300)), 0.0)

    lam = (k1 + k2) / (n1 + n2)
    grid = np.arange(0, 400)
    x1, x2 = np.meshgrid(grid, grid, indexing="ij")
    weight = poisson.pmf(x1, n1 * lam) * poisson.pmf(x2, n2 * lam)
    return float(np.sum(weight[np.abs(t(x1, x2)) >= abs(t(np.array(k1), np.array(k2))) - 1e-12]))


def test_statistics_are_the_hand_computed_ones(data):
    result = assess(spec("theft-from-the-person"))
    (r0, r1), (b0, b1), (c0, c1) = (
        independent_counts("theft-from-the-person")[a] for a in ("response", "buffer", "control")
    )
    t0 = t1 = 3.0
    s = result["statistics"]
    local = (r1 / t1 - r0 / t0) - (c1 / t1 - c0 / t0)
    displaced = b1 / t1 - b0 / t0
    se = math.sqrt((r0 + c0 + b0) / t0**2 + (r1 + c1 + b1) / t1**2)
    assert s["wdd"]["est_local"] == pytest.approx(local, rel=1e-5)
    assert s["wdd"]["est_total"] == pytest.approx(local + displaced, rel=1e-5)
    assert s["wdd"]["z"] == pytest.approx((local + displaced) / se, rel=1e-5)
    assert s["wdd"]["low_ci"] == pytest.approx(local + displaced - norm.ppf(0.95) * se, rel=1e-5)
    success, buffer_change = r1 / c1 - r0 / c0, b1 / c1 - b0 / c0
    assert s["wdq"]["quotient"] == pytest.approx(buffer_change / success, rel=1e-5)
    res = (r0 * c1) / (r1 * c0)
    half = norm.ppf(0.95) * math.sqrt(1 / r0 + 1 / r1 + 1 / c0 + 1 / c1)
    assert s["res"]["res"] == pytest.approx(res, rel=1e-5)
    assert s["res"]["low_ci"] == pytest.approx(res * math.exp(-half), rel=1e-5)
    assert s["e_test"]["p_value"] == pytest.approx(_hand_e_test(r0, r1, t0, t1), rel=1e-4, abs=1e-6)


def test_the_verdict_says_how_sure_and_what_the_data_cannot_show(data):
    verdict = assess(spec())["verdict"]
    assert verdict["headline"].startswith("Crime ")
    assert verdict["certainty"].split(":")[0] in {"not sure", "fairly sure", "some evidence"}
    assert any("months, not dates" in line for line in verdict["limits"])
    assert any("map point" in line for line in verdict["limits"])


def test_a_period_without_published_data_is_refused_by_name(data):
    bad = AssessmentSpec(
        force_slug="city-of-london",
        before=Period.parse("2019-01:2019-03", "before"),
        after=Period.parse("2024-04:2024-06", "after"),
        radius=(*LIVERPOOL_STREET, RADIUS),
        control_wards=CONTROL,
    )
    with pytest.raises(SpecError) as caught:
        assess(bad)
    assert caught.value.option == "before" and "2019-01:2019-03" in caught.value.message


def test_bad_inputs_name_their_option():
    with pytest.raises(SpecError, match="after"):
        AssessmentSpec(
            "x", Period.parse("2024-01:2024-06", "b"), Period.parse("2024-03:2024-09", "a"), radius=(51.5, -0.1, 100)
        )
    with pytest.raises(SpecError, match="area"):
        AssessmentSpec("x", Period.parse("2024-01:2024-03", "b"), Period.parse("2024-04:2024-06", "a"))
    with pytest.raises(SpecError, match="before"):
        Period.parse("2024-13:2024-14", "before")


def _weights_file(tmp_path, weights: dict[str, float]):
    from beatbook.analysis.harm import CATEGORIES

    path = tmp_path / "harm.csv"
    path.write_text("category,weight\n" + "".join(f"{c},{weights.get(c, 0)}\n" for c in CATEGORIES))
    return str(path)


def test_harm_weighting_with_a_weight_table(data, settings, tmp_path):
    settings.BEATBOOK_HARM_WEIGHTS = ""
    assert assess(spec())["statistics"]["harm"] is None
    from beatbook.analysis.harm import CATEGORIES

    settings.BEATBOOK_HARM_WEIGHTS = _weights_file(tmp_path, dict.fromkeys(CATEGORIES, 1.0))
    every = assess(spec())["statistics"]
    # Every weight 1: the harm-weighted WDD is the plain one (counts and variances add up by category).
    assert every["harm"]["est"] == pytest.approx(every["wdd"]["est_total"], rel=1e-5)
    assert every["harm"]["se"] == pytest.approx(every["wdd"]["se_total"], rel=1e-5)
    settings.BEATBOOK_HARM_WEIGHTS = _weights_file(tmp_path, {"theft-from-the-person": 2.0})
    doubled = assess(spec())["statistics"]["harm"]
    theft = assess(spec("theft-from-the-person"))["statistics"]["wdd"]
    assert doubled["est"] == pytest.approx(2 * theft["est_total"], rel=1e-5)


def test_a_polygon_and_a_ward_area_count_as_the_files(data):
    """A rectangle drawn around the station, and Bishopsgate ward, counted from the files."""
    west, south, east, north = -0.0850, 51.5160, -0.0790, 51.5195
    ring = [[west, south], [east, south], [east, north], [west, north], [west, south]]
    wards = _wards()
    city = unary_union(list(wards.values()))
    expected = {"polygon": [0, 0], "ward": [0, 0]}
    for month, lng, lat in _rows(None):
        if not city.covers(Point(lng, lat)):
            continue
        period = 0 if month in BEFORE else 1
        expected["polygon"][period] += west < lng < east and south < lat < north
        expected["ward"][period] += wards["E05009292"].covers(Point(lng, lat))
    base = {"force_slug": "city-of-london", "before": spec().before, "after": spec().after, "control_wards": CONTROL}
    polygon = assess(AssessmentSpec(**base, polygon={"type": "Polygon", "coordinates": [ring]}))
    ward = assess(AssessmentSpec(**base, area_wards=("E05009292",)))
    assert [polygon["counts"]["response"][k] for k in ("before", "after")] == expected["polygon"]
    assert [ward["counts"]["response"][k] for k in ("before", "after")] == expected["ward"]
    assert expected["polygon"][0] > 0 and expected["ward"][0] > 0
