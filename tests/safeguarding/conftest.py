"""Incident logs written as CSV for the importer, and records made directly for the pages."""

from __future__ import annotations

import csv
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

from django.utils import timezone

from beatbook.geography.models import Ward
from beatbook.safeguarding.models import (
    CaseReview,
    DashAssessment,
    Incident,
    IncidentLog,
    MaracAttendance,
    MaracCase,
    SupportPlan,
)
from beatbook.safeguarding.rows import COLUMNS

PERSON = "SYN-V001"


def row(n: int, **fields: str) -> dict[str, str]:
    """A good synthetic row; `fields` override its columns."""
    base = {
        "incident_id": f"INC-{n:04d}",
        "occurred_at": f"2025-0{1 + n % 9}-{1 + n % 27:02d} 21:{n % 60:02d}",
        "type": "Noise nuisance",
        "asb": "yes",
        "hate": "no",
        "domestic_abuse": "no",
        "children_present": "no",
        "location": "On or near Example Street",
        "ward": "",
        "caller": f"SYN-C{n:03d}",
        "victim": f"SYN-V{n % 5:03d}",
        "outcome": "Advice given",
        "synthetic": "yes",
        "reported_at": "",
        "lat": "",
        "lng": "",
    }
    return {**base, **fields}


def write_csv(path: Path, rows: list[dict[str, str]], columns: tuple[str, ...] = COLUMNS) -> Path:
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(columns), extrasaction="ignore")
        writer.writeheader()
        writer.writerows(rows)
    return path


def stored_log(synthetic: bool = True) -> IncidentLog:
    return IncidentLog.objects.create(
        force_slug="city-of-london", file_name="made-in-test.csv", sha256="0" * 64, size=1, synthetic=synthetic
    )


def incident(log: IncidentLog, n: int, when: datetime, **fields: Any) -> Incident:
    base: dict[str, Any] = {
        "line": n + 1,
        "incident_id": f"INC-{n:04d}",
        "occurred_at": when,
        "reported_at": when,
        "incident_type": "Noise nuisance",
        "asb": True,
        "hate": False,
        "domestic_abuse": False,
        "children_present": False,
        "caller": PERSON,
        "victim": PERSON,
        "synthetic": log.synthetic,
    }
    return Incident.objects.create(log=log, **{**base, **fields})


def repeat_person(ward: Ward | None, marker: str = "", count: int = 3) -> list[Incident]:
    """PERSON with `count` ASB incidents (a month apart) in `ward`: a repeat victim and caller."""
    log = IncidentLog.objects.first() or stored_log()
    start = timezone.make_aware(datetime(2025, 3, 1, 20, 0))
    return [
        incident(log, n, start + timedelta(days=30 * n), ward=ward, location=marker, outcome=marker)
        for n in range(count)
    ]


def matrix_samples(personas: Any, marker: str) -> dict[str, dict]:
    """A repeat person in a ward of officer_a's cluster, an assessment and a case review, all holding `marker`."""
    repeat_person(personas.cluster_a.wards.first(), marker)
    review_date = timezone.localdate() + timedelta(days=365)
    assessment = DashAssessment.objects.create(
        victim=PERSON, answers={}, score=0, level="standard", notes=marker, review_date=review_date
    )
    review = CaseReview.objects.create(
        person=PERSON,
        applied_on=review_date,
        threshold_met=True,
        threshold_reason="test",
        outcome=marker,
        review_date=review_date,
    )
    plan, case = support_plan(personas, marker), marac_case(personas, marker)
    return {
        "safeguarding:person": {"pseudonym": PERSON},
        "safeguarding:dash": {"pk": assessment.pk},
        "safeguarding:case_review": {"pk": review.pk},
        "safeguarding:plan": {"pk": plan.pk},
        "safeguarding:marac_case": {"pk": case.pk},
        "safeguarding:marac_action_done": {"pk": case.actions.first().pk},
        "safeguarding:review": {"kind": "dash", "pk": assessment.pk},
    }


def support_plan(personas: Any, marker: str = "", **fields: Any) -> SupportPlan:
    base: dict[str, Any] = {
        "victim": PERSON,
        "summary": f"Feel safe at home {marker}",
        "owner": personas["safeguarding"],
        "next_review_on": timezone.localdate() + timedelta(days=28),
        "review_date": timezone.localdate() + timedelta(days=365),
    }
    plan = SupportPlan.objects.create(**{**base, **fields})
    plan.actions.create(
        text=f"Fit a video doorbell {marker}", owner_name="Housing officer", due_on=base["next_review_on"]
    )
    return plan


def marac_case(personas: Any, marker: str = "", **fields: Any) -> MaracCase:
    """A case inviting organisation X (with an action of its own), and a police action holding `marker`."""
    base: dict[str, Any] = {
        "reference": f"MC-T{MaracCase.objects.count():04d}",
        "victim": PERSON,
        "meeting_on": timezone.localdate() + timedelta(days=7),
        "shared_summary": "Repeated noise and threats at a shared entrance; patrols and a housing visit asked for.",
        "risk_notes": f"Risk notes {marker}",
        "outcome": f"Outcome {marker}",
        "review_date": timezone.localdate() + timedelta(days=365),
    }
    case = MaracCase.objects.create(**{**base, **fields})
    MaracAttendance.objects.create(case=case, organisation=personas.organisation_x)
    due = base["meeting_on"] + timedelta(days=14)
    case.actions.create(
        text="Visit the block with the caretaker", organisation=personas.organisation_x, owner_name="X lead", due_on=due
    )
    case.actions.create(text=f"Police action {marker}", owner_name="PC Example", due_on=due)
    return case
