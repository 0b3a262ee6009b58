"""The rules that flag a person, as pure functions of their incidents (no Django): repeat victims and
callers, and the local ASB Case Review threshold (Anti-social Behaviour, Crime and Policing Act 2014,
ss.104-105; each relevant body publishes its own threshold, so every number is a setting).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from dateutil.relativedelta import relativedelta


@dataclass(frozen=True)
class Complaint:
    occurred_at: datetime
    reported_at: datetime
    asb: bool
    hate: bool


@dataclass(frozen=True)
class CaseReviewRule:
    complaints: int = 3  # ASB complaints ...
    window_months: int = 6  # ... within this many months (first report to last) ...
    reported_within_months: int = 1  # ... each made within this long of its incident
    hate_incidents: int = 0  # or this many hate-motivated incidents (0: not part of the local threshold)


@dataclass(frozen=True)
class Verdict:
    met: bool
    reason: str


def repeat_count(moments: Sequence[datetime], window_days: int) -> int:
    """The most incidents that fall within any `window_days` days (inclusive of both ends)."""
    times, best, start = sorted(moments), 0, 0
    for end, moment in enumerate(times):
        while moment - times[start] > timedelta(days=window_days):
            start += 1
        best = max(best, end - start + 1)
    return best


def case_review_verdict(
    complaints: Sequence[Complaint], rule: CaseReviewRule, applied_on: date | None = None
) -> Verdict:
    """Whether the complaints meet the threshold, and why (the reason names the numbers).

    With an application date, only the complaints reported in the window before it count (the window's
    first day and the application's day included): an application is judged on the complaints it follows.
    Without one (the register's candidates), the most complaints within any window count."""
    outside = 0
    if applied_on is not None:
        counted = [c for c in complaints if _in_window_before(c, applied_on, rule.window_months)]
        outside, complaints = len(complaints) - len(counted), counted
    timely = sorted(
        (c for c in complaints if c.reported_at <= c.occurred_at + relativedelta(months=rule.reported_within_months)),
        key=lambda c: c.reported_at,
    )
    late = len(complaints) - len(timely)
    notes = (f"; {late} reported later not counted" if late else "") + (
        f"; {outside} outside that window not counted" if outside else ""
    )
    before = "" if applied_on is None else " " + _window_before(applied_on, rule.window_months)
    hate = [c for c in timely if c.hate]
    if rule.hate_incidents and len(hate) >= rule.hate_incidents:
        return Verdict(
            True, f"{len(hate)} hate-motivated incident(s) reported in time{before} (threshold {rule.hate_incidents})"
        )
    asb = [c for c in timely if c.asb]
    most = len(asb) if applied_on is not None else _most_within(asb, rule.window_months)
    within = before or f" within {rule.window_months} months"
    reason = (
        f"{most} ASB complaint(s){within}, each reported within "
        f"{rule.reported_within_months} month(s) of the incident (threshold {rule.complaints})"
    )
    return Verdict(most >= rule.complaints, reason + notes)


def _window_before(applied_on: date, months: int) -> str:
    first = applied_on - relativedelta(months=months)
    return f"in the {months} months before the application ({first:%-d %b %Y} to {applied_on:%-d %b %Y})"


def _in_window_before(complaint: Complaint, applied_on: date, months: int) -> bool:
    """Reported on a day from `months` months before the application to the application's day (local dates)."""
    return applied_on - relativedelta(months=months) <= complaint.reported_at.date() <= applied_on


def _most_within(complaints: Sequence[Complaint], months: int) -> int:
    best, start = 0, 0
    for end, complaint in enumerate(complaints):
        while complaint.reported_at > complaints[start].reported_at + relativedelta(months=months):
            start += 1
        best = max(best, end - start + 1)
    return best
