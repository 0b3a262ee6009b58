"""MoPI review: a review date on every item, a queue of those due, keeping with a reason, or deleting the
personal data while the skeleton and an audit entry remain."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from beatbook.core.models import AuditAction, AuditEvent
from beatbook.intel.models import Intel, IntelAddition, Status
from tests.intel.conftest import ready_item, received_item, share_with

pytestmark = pytest.mark.django_db


def _due(personas, ward_a) -> Intel:
    item = ready_item(personas, ward_a, review_date=timezone.localdate() - timedelta(days=1), lat=51.51, lng=-0.09)
    IntelAddition.objects.create(item=item, text="More from the source")
    return item


def test_the_review_queue_lists_items_due(personas, ward_a):
    due = _due(personas, ward_a)
    later = received_item(ward_a)
    page = personas.client("intelligence").get("/intel/review/").text
    assert due.reference in page and later.reference not in page


def test_deleting_after_review_removes_the_personal_data_and_is_audited(personas, ward_a):
    item = _due(personas, ward_a)
    share_with(item, personas.organisation_x, personas["intelligence"])
    response = personas.client("intelligence").post(
        f"/intel/{item.pk}/review/", {"decision": "remove", "reason": "No longer needed (MoPI review)"}
    )
    assert response.status_code == 302
    item.refresh_from_db()
    assert item.original_text == item.submitter_contact == item.place == item.sanitised_text == ""
    assert item.follow_up_key == "" and item.lat is None and not IntelAddition.objects.exists()
    assert item.status == Status.CLOSED and item.ward == ward_a and item.grade == "2B P"
    event = AuditEvent.objects.get(action=AuditAction.DELETE, object_id=str(item.pk))
    assert event.username == "intelligence" and "original_text" in event.detail["fields"]
    assert event.detail["removed"] == {"additions_removed": 1}
    # The partner it was shared with no longer sees it; the review queue no longer lists it.
    assert personas.client("partner_x").get(f"/intel/{item.pk}/").status_code == 404
    assert item.reference not in personas.client("intelligence").get("/intel/review/").text


def test_keeping_needs_a_future_date_and_a_reason(personas, ward_a):
    item = _due(personas, ward_a)
    client = personas.client("intelligence")
    refused = client.post(f"/intel/{item.pk}/review/", {"decision": "keep", "reason": "Ongoing"})
    assert refused.status_code == 400 and "Give the next review date" in refused.text
    next_year = timezone.localdate() + timedelta(days=365)
    kept = client.post(f"/intel/{item.pk}/review/", {"decision": "keep", "reason": "Ongoing", "next_review": next_year})
    assert kept.status_code == 302
    item.refresh_from_db()
    assert item.review_date == next_year and item.review_reason == "Ongoing" and item.original_text
    event = AuditEvent.objects.get(action=AuditAction.CHANGE, object_id=str(item.pk))
    assert event.changes["review_date"][1] == str(next_year)


def test_a_new_item_gets_its_review_date_from_the_setting(city, settings):
    from django.test import Client

    settings.BEATBOOK_INTEL_REVIEW_DAYS = 30
    Client().post("/tell-us/", {"original_text": "Something seen"})
    assert Intel.objects.get().review_date == timezone.localdate() + timedelta(days=30)


def test_a_second_deletion_is_refused_with_its_reason(personas, ward_a):
    item = _due(personas, ward_a)
    client = personas.client("intelligence")
    assert client.post(f"/intel/{item.pk}/review/", {"decision": "remove", "reason": "MoPI"}).status_code == 302
    for data in (
        {"decision": "remove", "reason": "Again"},
        {"decision": "keep", "reason": "x", "next_review": "2999-01-01"},
    ):
        again = client.post(f"/intel/{item.pk}/review/", data)
        assert again.status_code == 400 and "already deleted at review" in again.text
    assert AuditEvent.objects.filter(action=AuditAction.DELETE, object_id=str(item.pk)).count() == 1
