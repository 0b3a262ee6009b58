"""The briefing's pieces on made-up crimes: new and persistent hotspots, the patrol ranking and its
evidence, and the names given to map points police.uk names badly."""

from __future__ import annotations

from datetime import date

import numpy as np
import pytest

from beatbook.core.months import add_months, month_range
from beatbook.hub.briefing import _Namer
from beatbook.hub.hot_change import HOT, NEW, PERSISTENT, hot_change
from beatbook.hub.patrols import REPEAT, Period, Place, PremisesChange, suggest
from beatbook.hub.selection import CrimePoints

MONTH = date(2025, 12, 1)
RECENT = month_range(date(2025, 10, 1), MONTH)
BEFORE = month_range(date(2024, 10, 1), date(2025, 9, 1))
SPACING = 50.0


def _points(rows: list[tuple[float, float, date, str, str]]) -> CrimePoints:
    x, y, month, category, location = zip(*rows)
    return CrimePoints(
        np.array(x, float),
        np.array(y, float),
        np.array(month, dtype="datetime64[D]"),
        np.array(category, dtype=str),
        np.array(location, dtype=str),
    )


def _crimes(x: float, y: float, months: list[date], per_month: int, street: str, category: str = "shoplifting"):
    return [(x, y, m, category, f"On or near {street}") for m in months for _ in range(per_month)]


@pytest.fixture
def town() -> CrimePoints:
    """A 1 km square of map points 50 m apart with a crime a month at every fourth point, and
    three busy places: Old Street busy throughout, New Street only in the recent months, and
    Gone Street only before."""
    rng = np.random.default_rng(7)
    rows = []
    for i, (gx, gy) in enumerate((gx, gy) for gx in range(0, 1000, 50) for gy in range(0, 1000, 50)):
        if i % 4 == 0:
            months = [m for m in RECENT + BEFORE if rng.random() < 0.3]
            rows += _crimes(530000 + gx, 180000 + gy, months, 1, f"Lane {i}", "other-theft")
    rows += _crimes(530200, 180200, RECENT + BEFORE, 12, "Old Street")
    rows += _crimes(530800, 180800, RECENT, 12, "New Street")
    rows += _crimes(530200, 180800, BEFORE, 12, "Gone Street")
    return _points(rows)


def test_a_place_hot_now_and_before_is_persistent_and_one_hot_only_now_is_new(town):
    change = hot_change(town, RECENT, BEFORE, SPACING)
    assert change.grid.cell_size >= SPACING  # never below the spacing of the map points
    old, new, gone = change.grid.locate([530200, 530800, 530200], [180200, 180800, 180800]).tolist()
    assert change.status(old) == PERSISTENT and change.status(new) == NEW and gone not in change.listed()
    assert change.n_former() >= 1  # Gone Street has cooled
    assert change.streets[old][0] == ("Old Street", 36) and change.hot_by_month[:, old].sum() == 3
    listed = change.listed()
    assert listed.index(old) < listed.index(new)  # persistent first
    assert all(change.map_points[c] > 0 for c in listed)  # only squares holding a map point


def test_without_published_months_before_nothing_is_called_new(town):
    change = hot_change(town, RECENT, [], SPACING)
    assert {change.status(c) for c in change.listed()} == {HOT} and not change.comparable


def _place(kind: str, name: str, crimes: int, xy=(0.0, 0.0), locations=None) -> Place:
    return Place(kind, (name,), locations or (f"On or near {name}",), "Ward", xy, 51.5, -0.1, crimes, 3, cell=-1)


def test_patrols_rank_by_crimes_in_the_month_then_persistent_new_repeat_and_leave_out_police_stations():
    places = [
        _place(REPEAT, "Busy Point", 40, (1.0, 1.0)),
        _place(REPEAT, "Quiet Point", 3, (5.0, 5.0)),
        _place(NEW, "New Street", 3, (2.0, 2.0)),
        _place(PERSISTENT, "Old Street", 3, (3.0, 3.0)),
        _place(PERSISTENT, "Cold Street", 0, (6.0, 6.0)),
        _place(REPEAT, "Police Station", 90, (4.0, 4.0), ("On or near Police Station",)),
    ]
    points = _points(_crimes(1.0, 1.0, [MONTH], 2, "Busy Point"))
    masks = [np.ones(points.n, bool)] + [np.zeros(points.n, bool)] * 5
    period = Period(MONTH, tuple(RECENT), True, True, 12)
    patrols = suggest(places, points, masks, period, [], [lambda xy: False] * 6)
    assert [p.place.streets[0] for p in patrols] == [
        "Busy Point",
        "Old Street",
        "New Street",
        "Quiet Point",
        "Cold Street",
    ]
    assert patrols[1].evidence.startswith("3 crimes in December 2025 (3 in December 2024); a hotspot in Oct–Dec 2025")


def test_the_evidence_names_a_category_up_on_a_year_earlier_and_a_premises_there():
    rows = _crimes(5.0, 5.0, RECENT, 3, "Pub Lane", "violent-crime") + _crimes(
        5.0, 5.0, [add_months(m, -12) for m in RECENT], 1, "Pub Lane", "violent-crime"
    )
    points = _points(rows)
    place = _place(REPEAT, "Pub Lane", 3, (5.0, 5.0))
    pub = PremisesChange("The Crown", "1 Pub Lane", "EC1 1AA", 6, 1, 0.03, True, "On or near Pub Lane", 2, (5.0, 5.0))
    (patrol,) = suggest(
        [place],
        points,
        [np.ones(points.n, bool)],
        Period(MONTH, tuple(RECENT), True, True, 12),
        [pub],
        [lambda xy: True],
    )
    assert "violence and sexual offences: 9 in Oct–Dec 2025 against 3 a year earlier" in patrol.evidence
    assert "The Crown (6 night-time crimes, 1 a year earlier, clearly up)" in patrol.evidence


def test_map_points_get_findable_names():
    names = {
        (0.0, 0.0): "On or near Cheapside",
        (30.0, 0.0): "On or near Supermarket",
        (90.0, 0.0): "On or near Wood St",
    }
    namer = _Namer(names)
    assert namer("On or near ", (0.0, 0.0)) == "On or near Cheapside"  # police.uk left it unnamed this month
    assert namer("On or near Supermarket", (30.0, 0.0)) == "On or near Supermarket (near Cheapside)"
    assert namer("On or near ", (500.0, 0.0)) == "Unnamed map point (near Wood St)"
    assert namer("On or near Milk Street", (60.0, 0.0)) == "On or near Milk Street"
