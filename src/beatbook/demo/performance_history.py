"""A year of demonstration activity behind the performance framework's default quarter.

The shipped crime data end months before today, so the dashboard opens on the latest quarter with
published crime data; the other demo records are dated around today (the public pages need upcoming
events) and would leave that quarter's activity figures empty. This module adds a modest history in
the four quarters to that quarter: past engagement events with their attendance, a closed confidence
survey wave of synthetic responses, SARA problems opened and closed with an assessment computed from
the real crime data (demo/problem_history.py) and intelligence received, graded and shared
(demo/intel_history.py). Every record says it is a demonstration; running it again adds nothing.
"""

from __future__ import annotations

from datetime import datetime, timedelta

import numpy as np

from beatbook.demo.history_time import history_quarter, moment, year_to
from beatbook.demo.intel_history import ensure_intel_history
from beatbook.demo.problem_history import ensure_problem_history
from beatbook.demo.surveys import GROUP_SIZES, _responses, _survey
from beatbook.engagement.models import Event, EventType
from beatbook.geography.models import Cluster, Force, Ward
from beatbook.performance.registry import Period
from beatbook.surveys.models import Access, Survey, SurveyKind, Wave
from beatbook.workforce.models import Officer

EVENT_NOTE = "Demonstration record: a past event made by `beatbook demo` for the performance history; not a real one."
#: Each cluster's round of events: (type, title, months of the quarter held in, hour, attendance range).
ROUND = [
    ("neighbourhood-surgery", "neighbourhood surgery", (0, 1, 2), 12, (3, 14)),
    ("cluster-panel-meeting", "cluster panel meeting", (1,), 18, (14, 42)),
    ("crime-reduction-roadshow", "crime-reduction roadshow", (2,), 11, (20, 65)),
    ("security-forum-briefing", "security forum briefing", (0,), 8, (10, 30)),
]


def ensure_performance_history(force: Force) -> list[str]:
    """Add the history once; return lines to print."""
    quarter = history_quarter(force)
    if quarter is None:
        return ["Performance history: no published crime data, so no quarter to fill."]
    events = ensure_event_history(force, quarter)
    responses = ensure_survey_history(force, quarter)
    problems = ensure_problem_history(quarter)
    items = ensure_intel_history(force, quarter)
    return [
        f"Performance history in the four quarters to {quarter.label} (all labelled as demonstration): "
        f"{events} past events, {responses} survey responses, {problems} problems, {items} intelligence items added."
    ]


def ensure_event_history(force: Force, quarter: Period) -> int:
    """Each cluster's round of surgeries, panels, roadshows and briefings, with the attendance recorded."""
    rng = np.random.default_rng(quarter.first.year)
    made = 0
    for cluster in Cluster.objects.filter(sector__force=force).order_by("name"):
        for n, period in enumerate(year_to(quarter)):
            for slug, name, months, hour, (low, high) in ROUND:
                for index in months:
                    day = 4 + 7 * ((n + index + cluster.pk) % 3)
                    start = moment(period.months[index], day, hour)
                    made += _past_event(cluster, slug, f"{cluster.name} {name}, {start:%B %Y}", start,
                                        int(rng.integers(low, high + 1)))  # fmt: skip
    return made


def _past_event(cluster: Cluster, type_slug: str, title: str, start: datetime, attendance: int) -> bool:
    kind = EventType.objects.filter(slug=type_slug).first()
    if kind is None or Event.objects.filter(cluster=cluster, title=title).exists():
        return False
    ward = cluster.wards.order_by("name").first()
    end = start + timedelta(hours=1, minutes=30)
    Event.objects.create(
        event_type=kind,
        title=title,
        description=EVENT_NOTE,
        address=f"Community room, {ward.name if ward else cluster.name}, London",
        start=start,
        end=end,
        cluster=cluster,
        organiser=Officer.objects.filter(cluster=cluster).order_by("name").first(),
        audiences=["residents", "workers", "businesses"],
        attendance=attendance,
        outcome_recorded_at=end + timedelta(days=1),
    )
    return True


def ensure_survey_history(force: Force, quarter: Period) -> int:
    """A confidence survey whose one wave opened and closed in ``quarter``, with synthetic responses
    submitted through the wave."""
    title = f"City confidence survey {quarter.label} (demonstration)"
    if Survey.objects.filter(title=title, demonstration=True).exists():
        return 0
    wards = list(Ward.objects.of_force(force.slug).order_by("name"))
    if not wards:
        return 0
    survey = _survey(title, SurveyKind.CONFIDENCE, Access.OPEN)
    opens, closes = quarter.first + timedelta(days=6), quarter.last + timedelta(days=19)
    wave = Wave.objects.create(survey=survey, name=f"{quarter.label} wave", opens=opens, closes=closes)
    rng = np.random.default_rng(quarter.first.year + 1)
    return _responses(wave, wards, rng, lift=0.1, sizes=GROUP_SIZES)  # each submitted within the wave
