"""Demonstration records of the Safer City Partnership and of independent scrutiny.

The partnership, its statutory members and the six priorities of its 2016-17 plan are the City's own;
the actions, their owners and progress are made up, and every record says it is a demonstration.
The scrutiny meeting reviews a sample drawn by beatbook from the City's real published stop and searches
of January 2023; the group's findings and the force's response are made up.
Idempotent: the partnership, plan and meeting are found by name, title and group.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from django.db import transaction

from beatbook.accounts.models import PartnerOrganisation
from beatbook.campaigns.models import Campaign
from beatbook.core.audit import record_command
from beatbook.core.models import AuditAction
from beatbook.demo.accounts import DEMO_ORGANISATION
from beatbook.geography.models import Force
from beatbook.partnership.models import Action, ActionStatus, Member, Partnership, Plan, Priority
from beatbook.partnership.models import ResponsibleAuthority as RA
from beatbook.problems.models import Problem
from beatbook.scrutiny.models import Meeting
from beatbook.scrutiny.sampling import EmptyPeriod
from beatbook.scrutiny.services import create_meeting

LABEL = "(Demonstration record.)"
MEMBERS = [
    ("City of London Police", RA.POLICE),
    ("City of London Corporation", RA.LOCAL_AUTHORITY),
    ("London Fire Brigade", RA.FIRE_RESCUE),
    ("London Probation Service", RA.PROBATION),
    ("NHS North East London Integrated Care Board", RA.HEALTH),
    ("City of London Business Improvement Districts", RA.NONE),
]
# The priorities of the City's 2016-17 plan, measured by the framework's indicators. The demonstration
# plan covers 2025 (the latest year of published crime data), so that its review pack has figures:
# a 2016-17 plan would say "no data" throughout, since the shipped crime data begin in 2017-12.
PRIORITIES = [
    (
        "Violence against the person",
        ["vawg-domestic-abuse", "repeat-victimisation"],
        ["Violence near late-night premises"],
        ["ask-for-angela"],
    ),
    ("Night-time economy crime and nuisance", ["crime", "asb"], ["Violence near late-night premises"], []),
    (
        "Acquisitive crime, with cyber-crime",
        ["acquisitive-crime"],
        ["Theft from the person", "Shoplifting"],
        ["cycle-theft"],
    ),
    ("Anti-social behaviour", ["asb", "asb-residents"], [], []),
    ("Prevent", [], [], []),
    ("Reducing bicycle accidents", [], [], []),
]
ACTIONS = [
    (0, "Late-night patrols with street pastors on Friday and Saturday nights", 0, ActionStatus.DONE, 10),
    (1, "Train the door staff of licensed premises in Ask for Angela", 1, ActionStatus.IN_PROGRESS, 12),
    (2, "Cyber-crime awareness sessions for City businesses", 0, ActionStatus.IN_PROGRESS, 9),
    (2, "Bike-marking events at the main stations", 0, ActionStatus.NOT_STARTED, 11),
    (3, "Joint visits to residents reporting repeated anti-social behaviour", 1, ActionStatus.DONE, 6),
    (4, "Prevent awareness training for front-line Corporation staff", 1, ActionStatus.IN_PROGRESS, 12),
    (5, "Cycle safety checks at junctions with the most collisions", 2, ActionStatus.NOT_STARTED, 8),
]


def ensure_demo_partnership(force: Force) -> Iterator[str]:
    partnership = _partnership(force)
    plan = _plan(partnership)
    yield f"Partnership: {partnership.name}, {partnership.members.count()} members, plan {plan.title}."
    yield _scrutiny(force)


@transaction.atomic
def _partnership(force: Force) -> Partnership:
    partnership, created = Partnership.objects.get_or_create(
        name="Safer City Partnership",
        defaults={
            "force_slug": force.slug,
            "about": f"The City of London's community safety partnership. {LABEL}",
            "demonstration": True,
        },
    )
    if not created:
        return partnership
    council = PartnerOrganisation.objects.filter(name=DEMO_ORGANISATION).first()
    for name, authority in MEMBERS:
        organisation = council if authority == RA.LOCAL_AUTHORITY else None
        Member.objects.create(partnership=partnership, name=name, authority=authority, organisation=organisation)
    record_command("beatbook demo", AuditAction.CREATE, partnership)
    return partnership


@transaction.atomic
def _plan(partnership: Partnership) -> Plan:
    plan, created = Plan.objects.get_or_create(
        partnership=partnership,
        title="Safer City Partnership Plan 2025",
        defaults={
            "first_month": dt.date(2025, 1, 1),
            "last_month": dt.date(2025, 12, 1),
            "summary": (
                "The priorities of the partnership's 2016-17 plan, set here for 2025 so that the framework's "
                f"figures can measure them. Actions are made up. {LABEL}"
            ),
            "demonstration": True,
        },
    )
    if created:
        priorities = [_priority(plan, order, *row) for order, row in enumerate(PRIORITIES, start=1)]
        members = list(partnership.members.order_by("pk"))
        for index, text, owner, status, month in ACTIONS:
            due = dt.date(2025, month, 28)
            Action.objects.create(
                priority=priorities[index], action=text, owner=members[owner], due=due, status=status, progress=LABEL
            )
        record_command("beatbook demo", AuditAction.CREATE, plan)
    return plan


def _priority(plan: Plan, order: int, title: str, codes: list[str], problems: list[str], slugs: list[str]) -> Priority:
    priority = Priority.objects.create(plan=plan, order=order, title=title, indicator_codes=codes)
    for words in problems:
        priority.problems.add(*Problem.objects.filter(title__contains=words))
    priority.campaigns.add(*Campaign.objects.filter(slug__in=slugs))
    return priority


def _scrutiny(force: Force) -> str:
    group = "Stop and Search Independent Scrutiny Group (demonstration)"
    meeting = Meeting.objects.filter(group=group).first()
    if meeting is None:
        january = dt.date(2023, 1, 1)
        meeting = Meeting(
            group=group,
            held_on=dt.date(2023, 3, 15),
            force_slug=force.slug,
            first_month=january,
            last_month=january,
            sample_size=10,
            seed=20230315,
            findings=f"Grounds were recorded clearly in most searches; two records did not say what was looked for "
            f"in enough detail. {LABEL}",
            force_response=f"Supervisors will review the written grounds of every search for three months. {LABEL}",
            published=True,
            demonstration=True,
        )
        try:
            create_meeting(meeting, by=None)
        except EmptyPeriod:
            return "Scrutiny: no stop and search of January 2023 loaded, no demonstration meeting."
    return f"Scrutiny: {meeting}, {meeting.sampled.count()} searches of {meeting.period_label}."
