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


@pytest.mark.parametrize(
    ("good", "value", "interval", "expected"),
    [
        # Feeling safe in Fenchurch Street: 18 of 26 = 69.2%, interval 50% to 83%: the target of 80% lies within
        (Good.UP, 69.2, (50.0, 83.0), Status.AMBER),
        (Good.UP, 60.0, (52.0, 68.0), Status.RED),  # the whole interval under the target
        (Good.UP, 80.0, (60.0, 92.0), Status.GREEN),  # the target met: green, whatever the interval
        (Good.DOWN, 40.0, (15.0, 70.0), Status.AMBER),  # lower is better: the target of 20% lies within
        (Good.DOWN, 40.0, (30.0, 51.0), Status.RED),  # the whole interval above it
    ],
)
def test_a_share_is_red_only_when_its_whole_interval_misses_the_target(good, value, interval, expected) -> None:
    target = 80.0 if good == Good.UP else 20.0
    figure = Figure(value, interval=interval)
    assert _indicator(good, target, tolerance=5.0).status(figure) == expected


def test_a_figure_not_fit_to_judge_is_not_rated_and_says_why() -> None:
    figure = Figure(4.5, detail="3 of 67").unrated("the log starts on 1 January 2025")
    assert _indicator(Good.DOWN, 20.0).status(figure) == Status.UNRATED
    assert figure.detail == "3 of 67. Not rated: the log starts on 1 January 2025"
    assert _indicator(Good.DOWN, None).status(figure) == Status.NONE  # no target: nothing to rate


def test_a_period_not_over_is_unfinished_and_titled_to_date(monkeypatch) -> None:
    from django.utils import timezone

    quarter = Period.parse("2026Q4")
    assert quarter.last_day == date(2026, 12, 31)
    assert quarter.unfinished(date(2026, 10, 1)) and quarter.unfinished(date(2026, 12, 31))
    assert not quarter.unfinished(date(2027, 1, 1)) and not quarter.unfinished(date(2026, 9, 30))
    monkeypatch.setattr(timezone, "localdate", lambda: date(2026, 11, 23))
    assert quarter.title == "2026Q4 to date (to 23 November 2026)"
    assert Period.parse("2026Q3").title == "2026Q3"


def test_every_indicator_shows_a_period_not_over_to_date_unrated_and_one_not_begun_not_at_all(monkeypatch) -> None:
    from django.utils import timezone

    from beatbook.performance.registry import to_date

    monkeypatch.setattr(timezone, "localdate", lambda: date(2026, 11, 23))
    judged = to_date(lambda scope, period: Figure(3.0, detail="3 events"))
    partial = judged(None, Period.parse("2026Q4"))  # type: ignore[arg-type]
    assert partial.value == 3.0 and partial.not_rated == "2026Q4 is not over (figures to 23 November 2026)"
    assert partial.detail == "3 events. Not rated: 2026Q4 is not over (figures to 23 November 2026)"
    assert _indicator(Good.UP, 6.0).status(partial) == Status.UNRATED
    assert judged(None, Period.parse("2027Q1")).missing == "2027Q1 has not begun"  # type: ignore[arg-type]
    assert judged(None, Period.parse("2026Q3")).not_rated == ""  # type: ignore[arg-type]
