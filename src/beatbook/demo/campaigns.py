"""Demonstration campaigns and marked bikes: Ask for Angela with licensed premises of the shipped FSA
register signed up, and a cycle-theft campaign with a bike-marking event and a few marked bikes.

Every record says it is a demonstration (a flag, and the text); the bikes' owners are fictional.
Idempotent: campaigns are found by slug, events by title, bikes by marking code.
"""

from __future__ import annotations

import csv
import datetime as dt
from pathlib import Path
from typing import Any

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from beatbook.bikes.models import MarkedBike, Source
from beatbook.campaigns.models import Campaign, PremisesSignUp
from beatbook.core.audit import record_command
from beatbook.core.models import AuditAction
from beatbook.engagement.models import Event, EventType
from beatbook.geography.models import Force
from beatbook.paths import FSA_PREMISES
from beatbook.premises.models import LicensedPremises

LABEL = "(Demonstration record.)"
REGISTER = "fsa-food-hygiene-2020"
PUBS = "Pub/bar/nightclub"
SIGNED_UP = 8
MARKING_DAY = dt.date(2025, 10, 4)  # a month of the shipped police.uk data, so thefts show beside it
# Fictional owners: invented names, addresses on the reserved example.org domain.
OWNERS = [
    ("Alex Demo-Rider", "Brompton", "C Line", "Black", "WTU 104 882 C"),
    ("Jo Example", "Trek", "FX 2", "Blue", "WTU 339-201-D"),
    ("Sam Fictional", "Specialized", "Sirrus", "Grey", "SP 77 1205 K"),
    ("Pat Placeholder", "Raleigh", "Pioneer", "Green", "RA-0098-4471"),
]


def ensure_demo_campaigns(force: Force) -> list[str]:
    angela = _ask_for_angela(force)
    cycle = _cycle_theft(force)
    return [
        f"Campaigns demo: {angela.title} ({angela.sign_ups.count()} premises signed up), "
        f"{cycle.title} ({MarkedBike.objects.filter(demonstration=True).count()} marked bikes), "
        "all labelled as demonstration."
    ]


def _ask_for_angela(force: Force) -> Campaign:
    campaign, _ = Campaign.objects.get_or_create(
        slug="ask-for-angela",
        defaults={
            "title": "Ask for Angela",
            "aim": "Anyone who feels unsafe or vulnerable on a night out can ask the staff for 'Angela' "
            "and be helped discreetly: to a taxi, a safe place, or the police.",
            "public_summary": "Look for the Ask for Angela posters in pubs, bars and clubs taking part. " + LABEL,
            "starts": dt.date(2025, 6, 1),
            "audiences": ["visitors", "workers"],
            "target_premises_types": PUBS,
            "published": True,
            "demonstration": True,
        },
    )
    campaign.materials.get_or_create(
        title="Ask for Angela poster " + LABEL, defaults={"url": "https://example.org/angela"}
    )
    if not campaign.sign_ups.exists():
        _sign_up_pubs(force, campaign)
    return campaign


def _sign_up_pubs(force: Force, campaign: Campaign) -> None:
    pubs = _pubs(force)[:SIGNED_UP]
    PremisesSignUp.objects.bulk_create(
        PremisesSignUp(
            campaign=campaign,
            premises=p,
            name=p.name,
            address=p.address,
            ward=p.ward,
            signed_up=dt.date(2025, 6, 1) + dt.timedelta(days=7 * i),
        )
        for i, p in enumerate(pubs)
    )


def _pubs(force: Force) -> list[LicensedPremises]:
    """The located pubs of the force's registers; the shipped FSA register is imported when none is."""
    rows = LicensedPremises.objects.filter(register__force_slug=force.slug, premises_type=PUBS, ward__isnull=False)
    if not rows.exists():
        from beatbook.premises.importer import import_register

        path = _register_from_fsa(Path(settings.VAR_DIR) / f"{REGISTER}.csv")
        report = import_register(path, REGISTER, force.slug)
        record_command("beatbook demo", AuditAction.IMPORT, file=path.name, register=REGISTER, status=report.status)
    return list(rows.order_by("name"))


def _register_from_fsa(path: Path) -> Path:
    """The shipped FSA register's pubs, bars and nightclubs in the licensing-register columns."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with FSA_PREMISES.open(newline="", encoding="utf-8") as source, path.open("w", newline="", encoding="utf-8") as out:
        writer = csv.writer(out)
        writer.writerow(["name", "type", "lat", "lng", "address", "postcode"])
        for row in csv.DictReader(source):
            if row["BusinessType"] == PUBS and row["Latitude"] and row["Longitude"]:
                address = ", ".join(p for p in (row["AddressLine1"], row["AddressLine2"]) if p)
                writer.writerow(
                    [row["BusinessName"], PUBS, row["Latitude"], row["Longitude"], address, row["PostCode"]]
                )
    return path


@transaction.atomic
def _cycle_theft(force: Force) -> Campaign:
    campaign, _ = Campaign.objects.get_or_create(
        slug="cycle-theft",
        defaults={
            "title": "Lock it, mark it, keep it",
            "aim": "Fewer bikes stolen in the City, and more stolen bikes returned to their owners.",
            "public_summary": "Bring your bike to a marking event, or register a bike you marked yourself. " + LABEL,
            "starts": dt.date(2025, 9, 1),
            "audiences": ["workers", "residents"],
            "published": True,
            "demonstration": True,
        },
    )
    event = _marking_event(force)
    if event is not None:
        campaign.events.add(event)
        _bikes(event)
        if campaign.cluster_id is None:  # run by the marking event's cluster: its officers may change it
            campaign.cluster = event.cluster
            campaign.save(update_fields=["cluster"])
    return campaign


def _marking_event(force: Force) -> Event | None:
    cluster = next((c for s in force.sectors.order_by("name") for c in s.clusters.order_by("name")), None)
    if cluster is None:
        return None
    title = f"Bike marking at {cluster.name} {LABEL}"
    existing = Event.objects.filter(title=title).first()
    if existing is not None:
        return existing
    start = timezone.make_aware(dt.datetime.combine(MARKING_DAY, dt.time(8)))
    return Event.objects.create(
        event_type=EventType.objects.get(slug="bike-marking"),
        title=title,
        description="Free bike marking and lock advice for commuters. " + LABEL,
        address=f"Outside {cluster.name} station, London",
        start=start,
        end=start + dt.timedelta(hours=2),
        cluster=cluster,
        audiences=["workers"],
        attendance=len(OWNERS) + 11,
        outcome_recorded_at=start + dt.timedelta(hours=3),
    )


def _bikes(event: Event) -> None:
    for i, (owner, make, model, colour, frame) in enumerate(OWNERS):
        code = f"DEMO{i + 1:04}"
        if MarkedBike.objects.filter(marking_code=code).exists():
            continue
        values: dict[str, Any] = {"owner_name": owner, "owner_email": f"owner{i + 1}@example.org"}
        values |= {"make": make, "model": model, "colour": colour, "frame_number": frame, "marking_code": code}
        MarkedBike.objects.create(
            **values, marked_on=MARKING_DAY, event=event, source=Source.OFFICER, demonstration=True
        )
