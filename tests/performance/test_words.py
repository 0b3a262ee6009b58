"""How figures are worded: a unit not repeated after a value, a noun in the singular for one, months
named in full, a change on a small base headed by its counts."""

from __future__ import annotations

from datetime import date

import pytest

from beatbook.performance.figures import months_words, plural
from beatbook.performance.registry import Aim, Figure, Good, Indicator, Status
from beatbook.performance.services import Row


def _row(unit: str, figure: Figure) -> Row:
    item = Indicator("x", "X", Aim.PREVENT, unit, Good.DOWN, "Hub", "a test", lambda s, p: figure, None)
    return Row(item, figure, Status.NONE)


@pytest.mark.parametrize(
    ("unit", "value", "shown"),
    [
        ("%", 6.5, ("6.5%", "")),  # not "6.5% %"
        ("% change on a year before", -3.1, ("-3.1%", "change on a year before")),  # not "-3.1% % change"
        ("% of victims", 20.0, ("20.0%", "of victims")),
        ("problems", 1.0, ("1", "problem")),  # not "1 problems"
        ("items", 1.0, ("1", "item")),
        ("people", 1.0, ("1", "person")),
        ("events per cluster", 1.0, ("1", "event per cluster")),
        ("events per cluster", 6.2, ("6.2", "events per cluster")),
        ("items", 0.0, ("0", "items")),
    ],
)
def test_the_value_and_its_unit_say_each_thing_once(unit: str, value: float, shown: tuple[str, str]) -> None:
    row = _row(unit, Figure(value))
    assert (row.value_text, row.unit_text) == shown


def test_a_headline_replaces_the_value_and_its_unit() -> None:
    row = _row("% change on a year before", Figure(300.0, headline="2 → 8", headline_unit="ASB incidents"))
    assert (row.value_text, row.unit_text) == ("2 → 8", "ASB incidents")


def test_counts_take_the_singular_for_one() -> None:
    assert (plural(1, "item"), plural(2, "item"), plural(0, "item")) == ("1 item", "2 items", "0 items")
    assert plural(1, "closed problem") == "1 closed problem" and plural(1_200, "crime") == "1,200 crimes"


def test_months_are_named_in_full_and_long_runs_shortened() -> None:
    assert months_words([date(2025, 10, 1)]) == "October 2025"
    assert months_words([date(2025, 11, 1), date(2025, 10, 1)]) == "October 2025 or November 2025"
    assert months_words([date(2025, 1, 1), date(2025, 3, 1), date(2025, 5, 1)]) == (
        "January 2025, March 2025 or May 2025"
    )
    assert months_words([date(2017, m, 1) for m in (1, 2, 3)] + [date(2017, 6, 1)]) == (
        "any month from January 2017 to March 2017 or June 2017"
    )


@pytest.mark.parametrize("label", ["2017Q1", "2025Q4", "2025"])
def test_no_reason_ends_in_a_full_stop_the_pages_would_double(city, label) -> None:
    from beatbook.performance.registry import Period, indicators
    from beatbook.performance.scopes import cluster_scope, force_scope

    cluster = city.sectors.first().clusters.first()
    for item in indicators():
        for scope in (force_scope(city), cluster_scope(cluster)):
            figure = item.compute(scope, Period.parse(label))
            assert figure.missing or figure.has_data, item.code
            assert not figure.missing.endswith("."), (item.code, figure.missing)
            assert ".." not in figure.detail, (item.code, figure.detail)
