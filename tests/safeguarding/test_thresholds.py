"""The rules at their boundaries: DASH levels, the repeat window, and the ASB Case Review threshold."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

import pytest

from beatbook.safeguarding import dash
from beatbook.safeguarding.thresholds import CaseReviewRule, Complaint, case_review_verdict, repeat_count

START = datetime(2025, 1, 10, 20, 0)


@pytest.mark.parametrize(
    ("points", "level"), [(0, "standard"), (9, "standard"), (10, "medium"), (13, "medium"), (14, "high"), (27, "high")]
)
def test_dash_levels_at_their_boundaries(points, level):
    answers = {str(n): "yes" if n <= points else "no" for n in range(1, 28)}
    assert dash.score(answers) == points
    assert dash.level_for(points) == level


def test_dash_has_the_27_questions_and_not_known_is_not_yes():
    assert len(dash.QUESTIONS) == 27
    assert dash.score({"1": "not_known", "2": "no", "3": "yes"}) == 1


def test_repeat_window_counts_both_ends():
    assert repeat_count([START, START + timedelta(days=200), START + timedelta(days=365)], 365) == 3
    assert repeat_count([START, START + timedelta(days=200), START + timedelta(days=366)], 365) == 2


def asb(months_after: int, reported_days: int = 0, *, hate: bool = False) -> Complaint:
    occurred = START.replace(month=1 + months_after)
    return Complaint(occurred, occurred + timedelta(days=reported_days), asb=True, hate=hate)


def test_three_complaints_within_six_months_meet_the_threshold():
    verdict = case_review_verdict([asb(0), asb(3), asb(6)], CaseReviewRule())
    assert verdict.met and "3 ASB complaint(s) within 6 months" in verdict.reason


def test_three_complaints_over_six_months_and_a_day_do_not():
    late_third = Complaint(START.replace(month=7, day=11), START.replace(month=7, day=11), asb=True, hate=False)
    assert not case_review_verdict([asb(0), asb(3), late_third], CaseReviewRule()).met


def test_two_complaints_do_not_meet_three():
    assert not case_review_verdict([asb(0), asb(1)], CaseReviewRule()).met


def test_a_complaint_made_over_a_month_after_the_incident_is_not_counted():
    on_time = case_review_verdict([asb(0), asb(1), asb(2, reported_days=31)], CaseReviewRule())
    assert on_time.met  # 10 Mar + 31 days = 10 Apr: exactly one month, counted
    late = case_review_verdict([asb(0), asb(1), asb(2, reported_days=32)], CaseReviewRule())
    assert not late.met and "1 reported later not counted" in late.reason


def test_one_hate_incident_meets_the_threshold_only_when_the_area_says_so():
    assert not case_review_verdict([asb(0, hate=True)], CaseReviewRule()).met
    assert case_review_verdict([asb(0, hate=True)], CaseReviewRule(hate_incidents=1)).met


def test_the_threshold_is_configurable():
    assert case_review_verdict([asb(0), asb(1)], CaseReviewRule(complaints=2)).met
    assert not case_review_verdict([asb(0), asb(4)], CaseReviewRule(complaints=2, window_months=3)).met


def on(day: date) -> Complaint:
    when = datetime.combine(day, time(21, 0))
    return Complaint(when, when, asb=True, hate=False)


SUMMER_2025 = [on(date(2025, 6, 10)), on(date(2025, 7, 10)), on(date(2025, 8, 10))]


def test_an_application_counts_only_the_complaints_in_the_window_before_it():
    met = case_review_verdict(SUMMER_2025, CaseReviewRule(), applied_on=date(2025, 9, 1))
    assert met.met and "in the 6 months before the application (1 Mar 2025 to 1 Sep 2025)" in met.reason
    years_later = case_review_verdict(SUMMER_2025, CaseReviewRule(), applied_on=date(2031, 1, 1))
    assert not years_later.met and "0 ASB complaint(s)" in years_later.reason
    assert "3 outside that window not counted" in years_later.reason


def test_the_application_window_counts_its_first_day_and_the_application_day():
    assert case_review_verdict(SUMMER_2025, CaseReviewRule(), applied_on=date(2025, 8, 10)).met
    assert not case_review_verdict(SUMMER_2025, CaseReviewRule(), applied_on=date(2025, 8, 9)).met
    assert case_review_verdict(SUMMER_2025, CaseReviewRule(), applied_on=date(2025, 12, 10)).met
    day_too_late = case_review_verdict(SUMMER_2025, CaseReviewRule(), applied_on=date(2025, 12, 11))
    assert not day_too_late.met and "1 outside that window not counted" in day_too_late.reason


def test_the_application_window_follows_the_setting():
    assert not case_review_verdict(SUMMER_2025, CaseReviewRule(window_months=3), applied_on=date(2025, 11, 1)).met
    assert case_review_verdict(SUMMER_2025, CaseReviewRule(window_months=3), applied_on=date(2025, 9, 10)).met
