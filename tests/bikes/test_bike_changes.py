"""Correcting and deleting a bike's record: officers only, audited without the owner's details, and a
deletion that takes the owner's personal data with it after a confirmation page."""

from __future__ import annotations

import json

import pytest

from beatbook.bikes.models import MarkedBike
from beatbook.core.models import AuditAction, AuditEvent
from tests.bikes.factories import marked_bike

pytestmark = pytest.mark.django_db


def _data(bike: MarkedBike, **overrides) -> dict:
    fields = ["owner_name", "owner_email", "owner_phone", "make", "model", "colour", "frame_number", "marking_code"]
    return {**{f: getattr(bike, f) for f in fields}, "marked_on": bike.marked_on.isoformat(), **overrides}


def test_an_officer_corrects_a_bike_and_the_audit_log_keeps_no_personal_data(personas):
    bike = marked_bike(owner_name="Robin Rider")
    client = personas.client("officer_b")

    form = client.get(f"/bikes/{bike.pk}/edit/")
    saved = client.post(f"/bikes/{bike.pk}/edit/", _data(bike, owner_name="Robin Rider-Smith", colour="Blue"))

    bike.refresh_from_db()
    assert form.status_code == 200 and saved.status_code == 302 and saved["Location"] == f"/bikes/{bike.pk}/"
    assert (bike.owner_name, bike.colour) == ("Robin Rider-Smith", "Blue")
    change = AuditEvent.objects.get(action=AuditAction.CHANGE, object_id=str(bike.pk))
    assert change.changes == {"owner_name": ["(changed)", "(changed)"], "colour": ["Red", "Blue"]}
    assert "Robin" not in json.dumps([change.changes, change.detail, change.object_repr])


def test_bad_changes_name_the_field_and_keep_the_record(personas):
    marked_bike(code="TAKEN01")
    bike = marked_bike(code="BB0001", frame="ABCD 1234")
    response = personas.client("officer_a").post(
        f"/bikes/{bike.pk}/edit/", _data(bike, marking_code="taken-01", owner_email="", owner_phone="")
    )
    page = response.content.decode()
    assert response.status_code == 400 and "already registered" in page and "email address or a telephone" in page
    bike.refresh_from_db()
    assert bike.marking_code == "BB0001" and bike.owner_email == "robin@example.org"


def test_deleting_asks_first_then_removes_the_owners_data_with_an_audit_entry(personas):
    bike = marked_bike(code="BB0007", owner_name="Robin Rider", owner_phone="07700 900123")
    client = personas.client("officer_a")

    confirm = client.get(f"/bikes/{bike.pk}/delete/")
    no_reason = client.post(f"/bikes/{bike.pk}/delete/", {})
    assert confirm.status_code == 200 and "cannot be undone" in confirm.content.decode()
    assert no_reason.status_code == 400 and MarkedBike.objects.filter(pk=bike.pk).exists()

    deleted = client.post(f"/bikes/{bike.pk}/delete/", {"reason": "owner-asked"})

    assert deleted.status_code == 302 and not MarkedBike.objects.filter(pk=bike.pk).exists()
    entry = AuditEvent.objects.get(action=AuditAction.DELETE)
    assert (entry.object_id, entry.object_repr, entry.detail) == (
        str(bike.pk),
        "bike BB0007",
        {"reason": "owner-asked"},
    )
    assert entry.username == personas["officer_a"].username
    rows = json.dumps(list(AuditEvent.objects.values("object_repr", "changes", "detail")))
    assert "Robin" not in rows and "07700" not in rows and "robin@example.org" not in rows
    assert client.get(f"/bikes/{bike.pk}/").status_code == 404


@pytest.mark.parametrize("persona", ["public", "partner_x", "analyst", "intelligence", "admin"])
def test_only_officers_and_supervisors_change_or_delete(personas, persona):
    bike = marked_bike()
    client = personas.client(persona)
    for url in (f"/bikes/{bike.pk}/edit/", f"/bikes/{bike.pk}/delete/"):
        response = client.post(url, {"reason": "mistake"})
        assert response.status_code in (302, 403) and (persona == "public") == (response.status_code == 302)
    bike.refresh_from_db()
    assert bike.owner_name == "Robin Rider"


def test_a_missing_bike_is_not_found(personas):
    assert personas.client("officer_a").get("/bikes/99999/edit/").status_code == 404
    assert personas.client("officer_a").post("/bikes/99999/delete/", {"reason": "mistake"}).status_code == 404
