"""The demo's schools, school notifications and a missing-person briefing: FICTIONAL records, invented
for the demonstration (no real school, child or person), labelled as such in every name and flagged
synthetic, so that their pages carry the banner and no real figure counts them.

Idempotent: schools are known by name, notifications by incident reference, the briefing by its
reference. The demo sends no email: the notification in time is marked sent as the page would.
"""

from __future__ import annotations

import io
from datetime import timedelta
from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.utils import timezone
from PIL import Image, ImageDraw

from beatbook.accounts.models import profile_of
from beatbook.core.audit import record_command
from beatbook.core.models import AuditAction
from beatbook.geography.models import Cluster, Ward
from beatbook.missing.models import MissingBriefing
from beatbook.schools.models import NotificationStatus, School, SchoolNotification
from beatbook.schools.services import ChildAtSchool, due_at, open_school_notification

LABEL = "Demonstration"
SCHOOLS = [
    ("Demonstration: Aldersgate Primary School", "Aldersgate", ["nursery", "primary"]),
    ("Demonstration: Portsoken Primary Academy", "Portsoken", ["primary"]),
    ("Demonstration: Farringdon Secondary School", "Farringdon Within", ["secondary", "sixth_form"]),
]
BRIEFING_REFERENCE = "MB-DEMO01"


def ensure_demo_schools() -> list[str]:
    safeguarding = get_user_model().objects.get(username="demo-safeguarding")
    schools = [_school(name, ward, phases) for name, ward, phases in SCHOOLS]
    sent = _notification(schools[1], safeguarding, "DEMO-INC-0001", "Demonstration Child A", days_ago=3, send=True)
    due = _notification(schools[0], safeguarding, "DEMO-INC-0002", "Demonstration Child B", days_ago=0, send=False)
    briefing = _briefing(safeguarding)
    from_log = _from_incident_log(schools[2], safeguarding)
    return from_log + [
        f"School notifications: {len(schools)} demonstration schools; {sent.reference} sent in time, "
        f"{due.reference} to send before {timezone.localtime(due.due_at):%a %d %b %H:%M}.",
        f"Missing-person briefing {briefing.reference} (a demonstration record) for {briefing.clusters.first()}.",
    ]


def _school(name: str, ward: str, phases: list[str]) -> School:
    school, _ = School.objects.get_or_create(
        name=name,
        defaults={
            "ward": Ward.objects.of_force(settings.BEATBOOK_FORCE).get(name=ward),
            "phases": phases,
            "address": f"{LABEL} address, {ward} ward",
            "key_adult": f"{LABEL} Designated Safeguarding Lead",
            "team_email": f"safeguarding@{name.split(': ')[1].lower().replace(' ', '-')}.invalid",
            "demonstration": True,
        },
    )
    return school


def _notification(school: School, by: Any, ref: str, child: str, *, days_ago: int, send: bool) -> SchoolNotification:
    existing = SchoolNotification.objects.filter(incident_ref=ref).first()
    if existing:
        if not existing.synthetic:  # made by a demo before notifications had the flag
            SchoolNotification.objects.filter(pk=existing.pk).update(synthetic=True)
            existing.synthetic = True
        return existing
    now = timezone.localtime()
    occurred = now - timedelta(days=days_ago, hours=1 if not days_ago else 0)
    if days_ago:
        occurred = occurred.replace(hour=19, minute=15, second=0, microsecond=0)
    child_school = ChildAtSchool(child, school, "Year 3")
    notification = open_school_notification(ref, occurred, child_school, by, ward=school.ward, synthetic=True)
    if send:
        _mark_sent(notification, by)
    return notification


def _from_incident_log(school: School, by: Any) -> list[str]:
    """The import opened tasks "to assign" from the synthetic log: assign the newest and send it in time."""
    tasks = SchoolNotification.objects.filter(from_incident_log=True)
    newest = tasks.order_by("-occurred_at").first()
    if newest is None:
        return ["School notifications: no domestic abuse incident with children in the synthetic log's last days."]
    if newest.status == NotificationStatus.TO_ASSIGN:
        newest.school, newest.child_name, newest.year_group = school, "Demonstration Child C (synthetic)", "Year 8"
        newest.status, newest.due_at = NotificationStatus.DUE, due_at(newest.occurred_at, school)
        newest.save()
        record_command("beatbook demo", AuditAction.CHANGE, newest, demonstration=True, assigned=school.pk)
        _mark_sent(newest, by)
    waiting = tasks.filter(status=NotificationStatus.TO_ASSIGN).count()
    return [
        f"School notifications from the synthetic incident log: {newest.reference} sent in time, {waiting} to assign."
    ]


def _mark_sent(notification: SchoolNotification, by: Any) -> None:
    sent_at = min(notification.occurred_at + timedelta(hours=13), notification.due_at - timedelta(minutes=30))
    notification.status, notification.sent_at, notification.sent_by = NotificationStatus.SENT, sent_at, by
    notification.sent_to = notification.school.team_email if notification.school else ""
    notification.save()
    record_command("beatbook demo", AuditAction.SHARE, notification, demonstration=True, email_sent=False)


def _briefing(by: Any) -> MissingBriefing:
    existing = MissingBriefing.objects.filter(reference=BRIEFING_REFERENCE).first()
    if existing:
        if not existing.synthetic:  # made by a demo before briefings had the flag
            MissingBriefing.objects.filter(pk=existing.pk).update(synthetic=True)
            existing.synthetic = True
        return existing
    officer = get_user_model().objects.get(username="demo-officer")
    profile = profile_of(officer)
    cluster = profile.cluster if profile and profile.cluster else Cluster.objects.order_by("name").first()
    if cluster is None:
        raise ValueError("The demo's briefing needs the geography loaded first.")
    now = timezone.now()
    briefing = MissingBriefing.objects.create(
        reference=BRIEFING_REFERENCE,
        name="Demonstration Person (not a real person)",
        age=15,
        description="Demonstration record. Slight build, about 160 cm, dark hair; navy school blazer, grey "
        "hoodie, black rucksack with a yellow tag.",
        photo=placeholder_photo(),
        photo_type="image/jpeg",
        last_seen_place="Demonstration: near the Barbican Centre, Silk Street entrance",
        last_seen_at=now - timedelta(hours=5),
        risk="high",
        if_found="Stay with the young person, keep them safe and call the control room quoting MB-DEMO01. "
        "Do not share this briefing.",
        review_at=now + timedelta(days=7),
        review_date=(now + timedelta(days=365)).date(),
        created_by=by,
        synthetic=True,
    )
    briefing.clusters.set([cluster])
    record_command("beatbook demo", AuditAction.CREATE, briefing, demonstration=True)
    return briefing


def placeholder_photo() -> bytes:
    """A drawn silhouette with the word DEMONSTRATION: no real person's photo."""
    image = Image.new("RGB", (300, 400), "#d9e6f2")
    draw = ImageDraw.Draw(image)
    draw.ellipse((95, 60, 205, 180), fill="#56677a")
    draw.rounded_rectangle((45, 190, 255, 420), radius=70, fill="#56677a")
    draw.rectangle((0, 352, 300, 384), fill="#ffffff")
    draw.text((150, 368), "DEMONSTRATION", fill="#0b0c0c", anchor="mm", font_size=24)
    out = io.BytesIO()
    image.save(out, format="JPEG", quality=85)
    return out.getvalue()
