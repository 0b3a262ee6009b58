"""Bike marking: normalised frame numbers, the owner's public form (honeypot, limit per address),
the officers' audited search and bike page, and who may see owners."""

from __future__ import annotations

import pytest

from beatbook.bikes.keys import normalise
from beatbook.bikes.models import MarkedBike, Source
from beatbook.bikes.services import REGISTRATIONS_PER_ADDRESS
from beatbook.core.models import AuditEvent
from tests.bikes.factories import marked_bike
from tests.engagement.factories import event_type, make_event

pytestmark = pytest.mark.django_db


def _form(**overrides) -> dict:
    data = {
        "owner_name": "Robin Rider",
        "owner_email": "robin@example.org",
        "make": "Brompton",
        "model": "C Line",
        "colour": "Red",
        "frame_number": "wtu 123-4567 c",
        "marking_code": "bb-00 42",
        "marked_on": "2025-10-04",
    }
    return {**data, **overrides}


@pytest.mark.parametrize("text", ["WTU1234567C", "wtu 123-4567 c", " W-T-U 1234567c ", "wtu.123/4567_c"])
def test_frame_numbers_are_normalised(text):
    assert normalise(text) == "WTU1234567C"


def test_an_owner_registers_a_bike(personas):
    response = personas.client("public").post("/bikes/register/", _form())
    bike = MarkedBike.objects.get()
    assert response.status_code == 302 and response["Location"] == "/bikes/register/done/"
    assert (bike.frame_key, bike.marking_code, bike.source) == ("WTU1234567C", "BB0042", Source.OWNER)
    assert bike.frame_number == "wtu 123-4567 c"  # kept as written


def test_the_public_form_names_the_fields_in_error(personas):
    marked_bike(code="BB0042")
    response = personas.client("public").post(
        "/bikes/register/", _form(owner_email="", frame_number="1-2", marked_on="2999-01-01")
    )
    page = response.content.decode()
    assert response.status_code == 400 and MarkedBike.objects.count() == 1
    assert "already registered" in page and "at least 4 letters" in page
    assert "email address or a telephone" in page and "cannot be in the future" in page


def test_a_robot_filling_the_honeypot_stores_nothing(personas):
    response = personas.client("public").post("/bikes/register/", _form(website="http://spam.example"))
    assert response.status_code == 302 and MarkedBike.objects.count() == 0


def test_the_public_form_is_limited_per_address(personas):
    client = personas.client("public")
    for i in range(REGISTRATIONS_PER_ADDRESS):
        assert client.post("/bikes/register/", _form(marking_code=f"CODE{i:03}")).status_code == 302
    refused = client.post("/bikes/register/", _form(marking_code="CODE999"))
    assert refused.status_code == 429 and "Too many bikes" in refused.content.decode()
    assert MarkedBike.objects.count() == REGISTRATIONS_PER_ADDRESS


def test_an_officer_finds_the_owner_by_frame_number_and_the_search_is_audited(personas):
    bike = marked_bike(frame="WTU1234567C")
    marked_bike(code="OTHER01", frame="ZZZ999", owner_name="Someone Else")
    response = personas.client("officer_b").get("/bikes/", {"q": "wtu-123 4567c"})
    page = response.content.decode()
    assert response.status_code == 200 and "Robin Rider" in page and "Someone Else" not in page
    event = AuditEvent.objects.get(action="search", object_type="bikes.markedbike")
    assert event.user == personas["officer_b"] and event.detail["found"] == [bike.pk]


def test_an_officer_finds_a_bike_by_marking_code(personas):
    marked_bike(code="BB0042")
    page = personas.client("supervisor").get("/bikes/", {"q": "bb 0042"}).content.decode()
    assert "Robin Rider" in page


def test_a_search_for_nothing_useful_is_refused_with_a_message(personas):
    response = personas.client("officer_a").get("/bikes/", {"q": "--"})
    assert response.status_code == 400 and "at least 4 letters" in response.content.decode()
    assert not AuditEvent.objects.filter(action="search").exists()


def test_opening_a_bike_is_audited(personas):
    bike = marked_bike()
    response = personas.client("officer_a").get(f"/bikes/{bike.pk}/")
    assert response.status_code == 200 and "robin@example.org" in response.content.decode()
    assert AuditEvent.objects.filter(action="view", object_type="bikes.markedbike", object_id=str(bike.pk)).exists()
    assert "Robin" not in AuditEvent.objects.get(action="view").object_repr


@pytest.mark.parametrize("persona", ["analyst", "partner_x", "intelligence", "safeguarding"])
def test_owners_are_for_officers_and_supervisors_only(personas, persona):
    bike = marked_bike()
    client = personas.client(persona)
    assert client.get(f"/bikes/{bike.pk}/").status_code == 403
    assert client.get("/bikes/", {"q": "WTU1234567C"}).status_code == 403
    assert not AuditEvent.objects.filter(action__in=["view", "search"]).exists()


def test_an_unknown_bike_is_not_found(personas):
    assert personas.client("officer_a").get("/bikes/99999/").status_code == 404


def test_an_officer_records_a_bike_at_a_marking_event(personas):
    event = make_event(personas.cluster_b, title="Bike marking", days=-1, event_type=event_type("bike-marking"))
    response = personas.client("officer_a").post(
        "/bikes/new/", {**_form(marked_on=""), "marked_on": "2025-10-04", "event": event.pk}
    )
    bike = MarkedBike.objects.get()
    assert response.status_code == 302 and bike.cluster == personas.cluster_b and bike.source == Source.OFFICER
    assert bike.created_by == personas["officer_a"]


def test_the_owners_form_summarises_its_errors_at_the_top(personas):
    page = personas.client("public").post("/bikes/register/", _form(marking_code="x")).content.decode()
    start = page.index('<div class="error-summary" role="alert">')
    assert start < page.index('class="field"')
    assert '<a href="#id_marking_code">' in page[start : page.index("</div>", start)]


def test_the_thank_you_page_repeats_the_codes_and_the_form_says_how_to_be_removed(personas):
    client = personas.client("public")
    form = client.get("/bikes/register/").content.decode()
    thanks = client.post("/bikes/register/", _form(), follow=True).content.decode()
    assert "Only police officers can see them" in form and "ask for them to be removed" in form
    assert "<dd>BB0042</dd>" in thanks and "<dd>wtu 123-4567 c</dd>" in thanks
    assert "<dd>BB0042</dd>" not in client.get("/bikes/register/done/").content.decode()  # shown once
