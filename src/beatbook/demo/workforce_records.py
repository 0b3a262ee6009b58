"""Demonstration workforce records: the demo DWOs' abstractions and qualifications, and fictional
Special Constables and Police Cadets with their deployments, so that the performance framework shows
figures of a plausible size. The abstractions and deployments run from the first month of the year to
the dashboard's default quarter (demo/history_time.py) to today, so that every month the dashboard
opens on has them: a month without any is missing data, not a month without abstraction. Every record
is labelled as demonstration; a fixed seed makes the same records each time, and a second run adds
nothing.

Runs after the engagement demo, which makes the (fictional) ward officers.
"""

from __future__ import annotations

import random
from datetime import date, timedelta
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from beatbook.demo.engagement import DEMO
from beatbook.demo.history_time import history_quarter, year_to
from beatbook.geography.models import Cluster, Force
from beatbook.workforce.models import Duty, Officer, Rank, WorkingPattern
from beatbook.workforce.records import (
    Abstraction,
    AbstractionReason,
    Deployment,
    Qualification,
    QualificationType,
    Source,
)

NOTE = "Demonstration record"
SEED = 12
DAYS = 365  # without published crime (no default quarter), the records cover the year to today
# Specials serving on the strategy's start (1 April 2023) and those who joined since: fictional names.
SPECIALS_AT_START = ("Abney", "Birtle", "Cawston", "Dorney", "Eyam", "Fawley")
SPECIALS_JOINED = ("Gotham", "Hesket", "Ickham", "Jevington", "Kelvedon", "Lindale", "Mayfield")
CADETS = ("Nettleham", "Orwell", "Pattishall", "Quenington")
ACTIVITIES = (
    "Night-time economy patrol",
    "Crime prevention stall",
    "Cycle marking event",
    "Licensed premises visits",
    "Ward surgery support",
)
REASON_WEIGHTS = {"response-cover": 5, "public-order": 3, "events": 3, "court": 1, "training": 2, "other": 1}


def ensure_demo_workforce_records(force: Force) -> list[str]:
    if Abstraction.objects.filter(note=NOTE).exists():
        return ["Workforce records demo: already in place (labelled as demonstration)."]
    rng = random.Random(SEED)
    today = timezone.localdate()
    since = first_day(force, today)
    with transaction.atomic():
        dwos = _dwos(force, rng)
        volunteers = _volunteers(force, today)
        abstractions = _abstractions(dwos, since, today, rng)
        deployments = _deployments(volunteers, list(Cluster.objects.filter(sector__force=force)), since, today, rng)
        held = _qualifications(dwos, since, rng)
    return [
        f"Workforce records demo: {abstractions} abstractions of {len(dwos)} DWOs, {len(volunteers)} Specials and "
        f"Cadets with {deployments} deployments, {held} qualifications held (all labelled as demonstration)."
    ]


def first_day(force: Force, today: date) -> date:
    """The first day of the year to the dashboard's default quarter (a year before today without one)."""
    quarter = history_quarter(force)
    return min(year_to(quarter)[0].first, today) if quarter else today - timedelta(days=DAYS - 1)


def _days(since: date, today: date, rng: random.Random, a_year: tuple[int, int]) -> list[date]:
    """Days from ``since`` to ``today``: between ``a_year`` records a year, spread evenly at random."""
    span = (today - since).days + 1
    return [since + timedelta(days=rng.randrange(span)) for _ in range(rng.randint(*a_year) * span // DAYS)]


def _dwos(force: Force, rng: random.Random) -> list[Officer]:
    """The demo's ward officers, given collar numbers, start dates and a working pattern (one in three
    flexed towards the night-time economy)."""
    dwos = list(Officer.objects.of_force(force.slug).dwos().order_by("cluster__name", "name"))
    for number, officer in enumerate(dwos, start=1):
        officer.collar_number = officer.collar_number or f"D{number:03d}"
        officer.start_date = officer.start_date or date(2021, 1, 4) + timedelta(days=rng.randrange(600))
        if number % 3 == 0:
            officer.working_pattern = WorkingPattern.NIGHT_TIME_ECONOMY
        officer.save(update_fields=["collar_number", "start_date", "working_pattern", "modified"])
    return dwos


def _volunteers(force: Force, today: date) -> list[Officer]:
    people = [(f"SC {n} (demo)", Rank.SPECIAL_CONSTABLE, date(2022, 9, 1)) for n in SPECIALS_AT_START]
    people += [
        (f"SC {n} (demo)", Rank.SPECIAL_CONSTABLE, date(2023, 7, 1) + timedelta(days=75 * i))
        for i, n in enumerate(SPECIALS_JOINED)
    ]
    people += [(f"Cadet {n} (demo)", Rank.POLICE_CADET, today - timedelta(days=500)) for n in CADETS]
    volunteers = []
    for number, (name, rank, start) in enumerate(people, start=1):
        officer, _ = Officer.objects.get_or_create(
            force=force,
            name=name,
            defaults={
                "rank": rank,
                "duty": Duty.TEAM_OFFICER,
                "collar_number": f"V{number:03d}",
                "start_date": start,
                "working_pattern": WorkingPattern.VOLUNTEER,
                "planned_hours_per_week": Decimal("4.0"),
                "bio": f"A volunteer. {DEMO}",
            },
        )
        volunteers.append(officer)
    return volunteers


def _abstractions(dwos: list[Officer], since: date, today: date, rng: random.Random) -> int:
    reasons = {r.code: r for r in AbstractionReason.objects.filter(code__in=REASON_WEIGHTS)}
    codes = [code for code in REASON_WEIGHTS if code in reasons]
    weights = [REASON_WEIGHTS[code] for code in codes]
    records, seen = [], set()
    for officer in dwos:
        for day in _days(since, today, rng, (40, 70)):  # about one abstraction a week
            code = rng.choices(codes, weights)[0]
            if (officer.pk, day, code) in seen or (officer.start_date and day < officer.start_date):
                continue
            seen.add((officer.pk, day, code))
            hours = Decimal(rng.choice((2, 4, 4, 6, 8, 8, 10)))
            records.append(Abstraction(officer=officer, date=day, hours=hours, reason=reasons[code], note=NOTE))
    Abstraction.objects.bulk_create(records)
    return len(records)


def _deployments(
    volunteers: list[Officer], clusters: list[Cluster], since: date, today: date, rng: random.Random
) -> int:
    records, seen = [], set()
    for officer in volunteers:
        for day in _days(since, today, rng, (24, 40)):
            activity = rng.choice(ACTIVITIES)
            if (officer.pk, day, activity) in seen or day < (officer.start_date or day):
                continue
            seen.add((officer.pk, day, activity))
            cluster = rng.choice(clusters) if clusters and rng.random() < 0.8 else None
            records.append(
                Deployment(officer=officer, date=day, hours=Decimal(rng.choice((4, 5, 6, 8))), activity=activity,
                           cluster=cluster, source=Source.IMPORTED)
            )  # fmt: skip
    Deployment.objects.bulk_create(records)
    return len(records)


def _qualifications(dwos: list[Officer], since: date, rng: random.Random) -> int:
    """Most DWOs hold most of what is required from before ``since``, so that the dashboard's year
    shows them held; a few lack one, a few are due to renew."""
    records = []
    for officer in dwos:
        for kind in QualificationType.objects.filter(active=True):
            if rng.random() < 0.15:
                continue
            achieved = since - timedelta(days=rng.randrange(30, 400))
            expires = achieved + timedelta(days=365 * 3) if kind.renewal_months else None
            records.append(Qualification(officer=officer, kind=kind, achieved=achieved, expires=expires))
    Qualification.objects.bulk_create(records, ignore_conflicts=True)
    return len(records)
