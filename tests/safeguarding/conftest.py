"""Incident logs written as CSV for the importer, and records made directly for the pages."""

from __future__ import annotations

import csv
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

from django.utils import timezone

from beatbook.geography.models import Ward
from beatbook.safeguarding.models import CaseReview, DashAssessment, Incident, IncidentLog
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
    return {
        "safeguarding:person": {"pseudonym": PERSON},
        "safeguarding:dash": {"pk": assessment.pk},
        "safeguarding:case_review": {"pk": review.pk},
    }
