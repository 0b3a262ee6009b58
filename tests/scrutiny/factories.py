"""Scrutiny meetings for tests, named by their state (a draft, a published one)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from beatbook.scrutiny.models import Meeting


def meeting_fields(**fields: Any) -> dict[str, Any]:
    """The fields of a draft meeting of January 2023's searches (``create_meeting`` draws its sample)."""
    return {
        "group": "Stop and Search Scrutiny Group",
        "held_on": dt.date(2023, 3, 14),
        "force_slug": "city-of-london",
        "first_month": dt.date(2023, 1, 1),
        "last_month": dt.date(2023, 1, 1),
        "sample_size": 10,
        "seed": 20230314,
        **fields,
    }


def draft_meeting(**fields: Any) -> Meeting:
    return Meeting.objects.create(**meeting_fields(**fields))


def published_meeting(**fields: Any) -> Meeting:
    return draft_meeting(published=True, **fields)


def scrutiny_samples(marker: str) -> dict[str, dict]:
    """A draft meeting holding ``marker``: the public must not find it."""
    pk = {"pk": draft_meeting(findings=marker, force_response=marker).pk}
    return {"scrutiny:summary": pk, "scrutiny:record": pk, "scrutiny:case_add": pk}
