"""The deadline of a school notification at its boundaries: before the start of the next school day."""

from __future__ import annotations

from datetime import UTC, date, datetime, time

import pytest

from beatbook.schools import deadline
from beatbook.schools.bank_holidays import ENGLAND_AND_WALES, parse
from beatbook.schools.models import SchoolClosure
from beatbook.schools.services import due_at
from tests.schools.conftest import LONDON

NINE = time(9, 0)
BANK_HOLIDAYS = parse(ENGLAND_AND_WALES)
SPRING_HALF_TERM = (date(2025, 2, 17), date(2025, 2, 21))
SUMMER = (date(2025, 7, 23), date(2025, 9, 2))
TERM = deadline.closed_days([SPRING_HALF_TERM, SUMMER], BANK_HOLIDAYS)


def due(*when: int) -> datetime:
    return deadline.next_school_day_start(datetime(*when, tzinfo=LONDON), TERM, NINE, LONDON)


def at_nine(y: int, m: int, d: int) -> datetime:
    return datetime(y, m, d, 9, 0, tzinfo=LONDON)


def test_before_the_school_day_starts_it_is_due_that_morning():
    assert due(2025, 3, 12, 8, 59) == at_nine(2025, 3, 12)  # Wednesday 08:59: one minute


def test_once_the_school_day_has_started_it_is_due_the_next_morning():
    assert due(2025, 3, 12, 9, 0) == at_nine(2025, 3, 13)
    assert due(2025, 3, 12, 9, 1) == at_nine(2025, 3, 13)


def test_a_friday_evening_incident_is_due_before_mondays_school_day():
    assert due(2025, 3, 14, 19, 30) == at_nine(2025, 3, 17)


def test_weekend_incidents_are_due_on_monday():
    assert due(2025, 3, 15, 2, 0) == at_nine(2025, 3, 17)
    assert due(2025, 3, 16, 23, 59) == at_nine(2025, 3, 17)


def test_bank_holidays_are_skipped():
    # Thursday before Easter 2025: Good Friday and Easter Monday are bank holidays.
    assert due(2025, 4, 17, 20, 0) == at_nine(2025, 4, 22)
    # Friday before the early May bank holiday.
    assert due(2025, 5, 2, 22, 0) == at_nine(2025, 5, 6)


def test_a_holiday_is_skipped_whole():
    assert due(2025, 2, 14, 18, 0) == at_nine(2025, 2, 24)  # Friday before half term
    assert due(2025, 2, 19, 10, 0) == at_nine(2025, 2, 24)  # during it


def test_at_the_end_of_term_it_is_due_on_the_first_day_of_the_next():
    assert due(2025, 7, 22, 8, 59) == at_nine(2025, 7, 22)  # the last day of term, before school
    assert due(2025, 7, 22, 15, 30) == at_nine(2025, 9, 3)  # after it: the first day of the autumn term


def test_the_start_is_configurable():
    closed = deadline.closed_days([], frozenset())
    assert deadline.next_school_day_start(
        datetime(2025, 3, 12, 8, 40, tzinfo=LONDON), closed, time(8, 45), LONDON
    ) == datetime(2025, 3, 12, 8, 45, tzinfo=LONDON)


def test_the_clock_change_keeps_the_local_start():
    # British Summer Time starts on Sunday 30 March 2025: Monday's 09:00 is 08:00 UTC.
    assert due(2025, 3, 28, 20, 0).astimezone(UTC).hour == 8


def test_a_calendar_without_school_days_is_refused():
    closed = deadline.closed_days([(date(2025, 1, 1), date(2026, 12, 31))], frozenset())
    with pytest.raises(ValueError, match="No school day"):
        deadline.next_school_day_start(datetime(2025, 3, 12, 10, tzinfo=LONDON), closed, NINE, LONDON)


def test_bad_settings_name_the_value():
    with pytest.raises(ValueError, match="BEATBOOK_SCHOOL_DAY_STARTS"):
        deadline.parse_start("nine")
    with pytest.raises(ValueError, match="'2025-13-01'"):
        parse(["2025-12-25", "2025-13-01"])


@pytest.mark.django_db
def test_closures_of_the_school_and_of_every_school_are_both_skipped(personas, school, settings):
    settings.BEATBOOK_SCHOOL_DAY_STARTS = "08:50"
    friday = datetime(2025, 3, 14, 19, 30, tzinfo=LONDON)
    assert due_at(friday, school) == datetime(2025, 3, 17, 8, 50, tzinfo=LONDON)
    SchoolClosure.objects.create(
        school=school, name="Staff training day", first_day=date(2025, 3, 17), last_day=date(2025, 3, 17)
    )
    SchoolClosure.objects.create(name="Borough closure", first_day=date(2025, 3, 18), last_day=date(2025, 3, 18))
    other = school.__class__.objects.create(
        name="Other School", ward=school.ward, phases=[], key_adult="K", team_email="k@example.invalid"
    )
    SchoolClosure.objects.create(
        school=other, name="Other's day", first_day=date(2025, 3, 19), last_day=date(2025, 3, 19)
    )
    assert due_at(friday, school) == datetime(2025, 3, 19, 8, 50, tzinfo=LONDON)
