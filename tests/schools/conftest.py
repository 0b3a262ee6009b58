"""Schools and notifications made for tests."""

from __future__ import annotations

from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from beatbook.schools.models import School, SchoolNotification
from beatbook.schools.services import ChildAtSchool, open_school_notification

LONDON = ZoneInfo("Europe/London")
CHILD = "CHILD-NAME-91ac"


def school_in(ward: Any, **fields: Any) -> School:
    defaults: dict[str, Any] = {
        "name": "Example Primary School",
        "ward": ward,
        "phases": ["primary"],
        "key_adult": "A. Teacher, Designated Safeguarding Lead",
        "team_email": "safeguarding@example-school.invalid",
    }
    return School.objects.create(**{**defaults, **fields})


def notification_for(
    school: School, personas: Any, *, occurred_at: datetime | None = None, **child: Any
) -> SchoolNotification:
    when = occurred_at or datetime(2025, 3, 14, 19, 30, tzinfo=LONDON)  # a Friday evening in term
    return open_school_notification(
        "INC-2025-0314-001",
        when,
        ChildAtSchool(child.get("child_name", CHILD), school, "Year 4"),
        personas["safeguarding"],
    )


@pytest.fixture
def school(personas) -> School:
    return school_in(personas.cluster_a.wards.order_by("name").first())
