"""Demonstration engagement records: the City's functional teams, three fictional Dedicated Ward
Officers per cluster, upcoming events and a few published ward priorities.

Every record says it is a demonstration (in a biography, description or source reference), and
the names are invented. Idempotent: records are found by their names and titles, never duplicated.
"""

from __future__ import annotations

from datetime import datetime, time, timedelta
from typing import Any

from django.contrib.auth import get_user_model
from django.utils import timezone

from beatbook.engagement.models import Event, EventType, Priority, PrioritySource
from beatbook.engagement.services import publish_priority
from beatbook.geography.models import Force
from beatbook.workforce.models import Duty, Officer, Rank, Team

DEMO = "Demonstration record: a fictional person, not a real officer."
TEAMS = [
    ("residential", "Residential", "Works with the City's residents, estates and residents' associations."),
    ("business", "Business", "Works with businesses, security forums and the night-time economy."),
    (
        "street-intervention",
        "Street Intervention",
        "Works with rough sleepers and street anti-social behaviour.",
    ),
    ("schools", "Schools", "The schools officer: visits the City's schools and youth forums."),
]
# Invented surnames, three per cluster: they name no real officer.
SURNAMES = {
    "liverpool-street": ("Ashdown", "Brackley", "Corwen"),
    "monument": ("Dunmore", "Elstead", "Fernby"),
    "fenchurch-street": ("Garside", "Holloway-Pike", "Imber"),
    "bank": ("Jessop", "Kettleby", "Lanyon"),
    "barbican": ("Mardle", "Northam", "Oakridge"),
    "fleet-street": ("Penrose", "Quarley", "Rudston"),
}
FIRST_NAMES = ("Sam", "Alex", "Jo")
RANKS = (Rank.SERGEANT, Rank.CONSTABLE, Rank.PCSO)
TITLES = {Rank.SERGEANT: "PS", Rank.CONSTABLE: "PC", Rank.PCSO: "PCSO"}


def ensure_demo_engagement(force: Force) -> list[str]:
    teams = {slug: _team(force, slug, name, text) for slug, name, text in TEAMS}
    officers = [o for cluster in _clusters(force) for o in _cluster_officers(force, cluster, teams)]
    _schools_officer(force, teams["schools"])
    events = [e for cluster in _clusters(force) for e in _cluster_events(cluster, teams)]
    published = _priorities(force)
    return [
        f"Engagement demo: {len(teams)} teams, {len(officers)} ward officers, "
        f"{len(events)} events, {published} published ward priorities (all labelled as demonstration)."
    ]


def _clusters(force: Force) -> list[Any]:
    return [c for s in force.sectors.all() for c in s.clusters.order_by("name")]


def _team(force: Force, slug: str, name: str, text: str) -> Team:
    team, _ = Team.objects.get_or_create(
        force=force,
        slug=slug,
        defaults={"name": name, "description": text, "contact_email": f"{slug}.team@example.org"},
    )
    return team


def _cluster_officers(force: Force, cluster: Any, teams: dict[str, Team]) -> list[Officer]:
    officers = []
    surnames = SURNAMES.get(cluster.code, ("Ward", "Beat", "Patrol"))
    for first, surname, rank in zip(FIRST_NAMES, surnames, RANKS):
        officer, created = Officer.objects.get_or_create(
            force=force,
            name=f"{TITLES[rank]} {first} {surname}",
            defaults={
                "rank": rank,
                "duty": Duty.DWO,
                "cluster": cluster,
                "contact_email": f"{cluster.code}.dwo@example.org",
                "bio": f"Dedicated Ward Officer for the {cluster.name} cluster. {DEMO}",
            },
        )
        if created:
            officer.teams.add(teams["residential" if rank == Rank.PCSO else "business"])
        officers.append(officer)
    return officers


def _schools_officer(force: Force, team: Team) -> None:
    officer, created = Officer.objects.get_or_create(
        force=force,
        name="PC Morgan Tilsworth",
        defaults={"rank": Rank.CONSTABLE, "duty": Duty.SCHOOLS_OFFICER, "contact_email": "schools.team@example.org",
                  "bio": f"The City's schools officer. {DEMO}"},
    )  # fmt: skip
    if created:
        officer.teams.add(team)
    Officer.objects.get_or_create(
        force=force,
        name="Chief Inspector Jordan Wexcombe",
        defaults={"rank": Rank.CHIEF_INSPECTOR, "duty": Duty.LEAD, "contact_email": "neighbourhoods@example.org",
                  "bio": f"Leads neighbourhood policing and engagement. {DEMO}"},
    )  # fmt: skip


def _cluster_events(cluster: Any, teams: dict[str, Team]) -> list[Event]:
    plans: list[tuple[str, str, int, int, str]] = [
        ("cluster-panel-meeting", f"{cluster.name} cluster panel meeting", 14, 18, "residential"),
        ("neighbourhood-surgery", f"{cluster.name} neighbourhood surgery", 7, 12, "residential"),
        ("crime-reduction-roadshow", f"{cluster.name} crime-reduction roadshow", 21, 11, "business"),
    ]
    return [_event(cluster, teams[team], kind, title, days, hour) for kind, title, days, hour, team in plans]


def _event(cluster: Any, team: Team, type_slug: str, title: str, in_days: int, hour: int) -> Event:
    existing = Event.objects.filter(cluster=cluster, title=title).first()
    if existing is not None:
        return existing
    start = timezone.make_aware(datetime.combine(timezone.localdate() + timedelta(days=in_days), time(hour)))
    ward = cluster.wards.order_by("name").first()
    event = Event.objects.create(
        event_type=EventType.objects.get(slug=type_slug),
        title=title,
        description="Meet your ward officers and tell them what matters to you. (Demonstration event.)",
        address=f"Community room, {ward.name if ward else cluster.name}, London",
        latitude=ward.centroid_lat if ward else None,
        longitude=ward.centroid_lng if ward else None,
        start=start,
        end=start + timedelta(hours=1, minutes=30),
        cluster=cluster,
        team=team,
        organiser=Officer.objects.filter(cluster=cluster).order_by("name").first(),
        audiences=["residents", "workers", "businesses"],
    )
    return event


DEMO_PRIORITIES = [
    ("Cycle thefts from the racks near the station.", "Bike marking sessions held and racks patrolled at peak hours."),
    ("Anti-social behaviour in the evenings near the estate.", ""),
]


def _priorities(force: Force) -> int:
    supervisor = get_user_model().objects.filter(username="demo-supervisor").first()
    today = timezone.localdate()
    for cluster in _clusters(force):
        ward = cluster.wards.order_by("name").first()
        for n, (issue, action) in enumerate(DEMO_PRIORITIES):
            priority, _ = Priority.objects.get_or_create(
                ward=ward,
                issue=issue,
                defaults={"issue_date": today - timedelta(days=40 - 10 * n), "action": action,
                          "action_date": today - timedelta(days=5) if action else None,
                          "source": PrioritySource.EVENT, "source_reference": "demonstration"},
            )  # fmt: skip
            if supervisor is not None and not priority.published:
                publish_priority(priority, supervisor)
    return Priority.objects.of_force(force.slug).published().count()
