"""Intelligence items made in each state (as data-hub-api's factories are named by state)."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from django.utils import timezone

from beatbook.geography.models import Ward
from beatbook.intel.models import Intel, IntelShare
from beatbook.intel.services import new_reference

ORIGINAL = "ORIGINAL-SECRET-4b1d: my neighbour Jo Bloggs at 3 Example Court saw the van"
SANITISED = "A white van is said to visit the loading bay on weekday nights."


def ward_of(cluster: Any) -> Ward:
    return Ward.objects.filter(cluster=cluster).order_by("name").first()


def received_item(ward: Ward | None = None, **fields: Any) -> Intel:
    defaults: dict[str, Any] = {
        "reference": new_reference(),
        "source": "public",
        "original_text": ORIGINAL,
        "submitter_contact": "07700 900123",
        "place": "Example Court",
        "review_date": timezone.localdate() + timedelta(days=365),
        "ward": ward,
    }
    return Intel.objects.create(**{**defaults, **fields})


def ready_item(personas: Any, ward: Ward | None = None, *, code: str = "P", **fields: Any) -> Intel:
    """Graded, sanitised text written and approved by two intelligence officers (handling approved if C)."""
    now = timezone.now()
    graded = {
        "source_evaluation": "2",
        "assessment": "B",
        "handling_code": code,
        "handling_conditions": "Not to be passed on." if code == "C" else "",
        "graded_at": now,
        "grading_target_hours": 72,
        "sanitised_text": SANITISED,
        "sanitised_at": now,
        "sanitisation_approved_at": now,
    }
    return received_item(ward, **{**graded, **fields})


def share_with(item: Intel, organisation: Any, by: Any) -> IntelShare:
    return IntelShare.objects.create(item=item, organisation=organisation, shared_by=by, reason="tasking")


@pytest.fixture
def ward_a(personas) -> Ward:
    return ward_of(personas.cluster_a)
