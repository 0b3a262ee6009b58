"""The registry's periods and red/amber/green rule (indicators have tests of their own)."""

from datetime import date

import pytest

from beatbook.performance.registry import Aim, Figure, Good, Indicator, Period, Status


def _indicator(good: Good, target: float | None, tolerance: float = 0.0) -> Indicator:
    return Indicator("x", "X", Aim.PREVENT, "%", good, "Hub", "a test", lambda s, p: Figure(1.0), target, tolerance)


def test_a_quarter_is_its_three_months() -> None:
    period = Period.parse("2025q4")
    assert (period.first, period.last, period.label) == (date(2025, 10, 1), date(2025, 12, 1), "2025Q4")
    assert period.previous_year().months == [date(2024, 10, 1), date(2024, 11, 1), date(2024, 12, 1)]


def test_a_year_is_its_twelve_months() -> None:
    period = Period.parse(" 2024 ")
    assert len(period.months) == 12 and period.first == date(2024, 1, 1) and period.label == "2024"


@pytest.mark.parametrize("text", ["2025Q5", "25Q1", "2025-10", "", "0000"])
def test_a_period_that_is_not_one_is_refused_by_name(text: str) -> None:
    with pytest.raises(ValueError, match="is not a year"):
        Period.parse(text)


@pytest.mark.parametrize(
    ("good", "value", "expected"),
    [
        (Good.UP, 80.0, Status.GREEN),
        (Good.UP, 75.0, Status.AMBER),
        (Good.UP, 74.9, Status.RED),
        (Good.DOWN, 80.0, Status.GREEN),
        (Good.DOWN, 85.0, Status.AMBER),
        (Good.DOWN, 85.1, Status.RED),
    ],
)
def test_status_against_the_target_and_its_tolerance(good: Good, value: float, expected: Status) -> None:
    assert _indicator(good, 80.0, tolerance=5.0).status(Figure(value)) == expected


def test_no_target_or_no_data_has_no_status() -> None:
    assert _indicator(Good.UP, None).status(Figure(50.0)) == Status.NONE
    assert _indicator(Good.UP, 80.0).status(Figure.no_data("no surveys closed")) == Status.NONE
