"""Telling us: the public form (honeypot, rate limit, reference, private follow-up link), partners and officers."""

from __future__ import annotations

import pytest
from django.test import Client

from beatbook.core.models import AuditAction, AuditEvent
from beatbook.intel.models import Intel, IntelAddition, Source, SubmissionAttempt

pytestmark = pytest.mark.django_db
TEXT = "Men are seen handing small packages to teenagers behind the car park every evening."


def _send(client: Client, **extra: str):
    return client.post("/tell-us/", {"original_text": TEXT, "place": "Behind the car park", **extra})


def test_an_anonymous_report_gets_a_reference_and_no_link(city):
    client = Client()
    response = _send(client)
    assert response.status_code == 302 and response["Location"] == "/tell-us/thanks/"
    page = client.get("/tell-us/thanks/").content.decode()
    item = Intel.objects.get()
    assert item.reference in page and "/tell-us/more/" not in page
    assert item.source == Source.PUBLIC and item.follow_up_key == "" and item.status == "received"
    # Shown once: the reference and link are not kept for a second look.
    assert client.get("/tell-us/thanks/").status_code == 302


def test_contact_details_give_a_private_link_to_add_more_that_never_shows_the_report(city):
    client = Client()
    _send(client, submitter_contact="07700 900456")
    page = client.get("/tell-us/thanks/").content.decode()
    link = page.split('href="http://testserver')[1].split('"')[0]
    assert link.startswith("/tell-us/more/")
    other = Client()
    shown = other.get(link).content.decode()
    assert Intel.objects.get().reference in shown and TEXT not in shown and "07700" not in shown
    response = other.post(link, {"text": "The van was back on Tuesday."})
    assert response.status_code == 302
    assert IntelAddition.objects.get().text == "The van was back on Tuesday."
    assert Client().get("/tell-us/more/not-a-real-token/").status_code == 404


def test_the_honeypot_stores_nothing_and_says_nothing(city):
    response = _send(Client(), website="http://spam.example")
    assert response.status_code == 200 and "Thank you" in response.content.decode()
    assert Intel.objects.count() == 0 and SubmissionAttempt.objects.count() == 0


def test_the_rate_limit_counts_a_hash_of_the_address_never_the_address(city, settings):
    settings.BEATBOOK_INTEL_SUBMISSIONS_PER_ADDRESS = 2
    client = Client(REMOTE_ADDR="198.51.100.7")
    assert [_send(client).status_code for _ in range(3)] == [302, 302, 429]
    assert "You have sent 2 reports in the last 60 minutes" in _send(client).content.decode()
    assert Intel.objects.count() == 2
    assert "198.51.100.7" not in str(list(SubmissionAttempt.objects.values_list("address_hash", flat=True)))
    assert _send(Client(REMOTE_ADDR="198.51.100.8")).status_code == 302  # another address has its own count


def test_a_public_report_is_audited_without_the_address_of_its_source(city):
    _send(Client(REMOTE_ADDR="198.51.100.9"))
    event = AuditEvent.objects.get(action=AuditAction.CREATE, object_type="intel.intel")
    assert event.ip is None and event.user_agent == "" and event.username == "public form"
    assert TEXT not in str(event.detail) and TEXT not in event.object_repr


def test_bad_input_names_the_field(city):
    response = Client().post("/tell-us/", {"original_text": "", "lat": "51.5", "lng": ""})
    page = response.content.decode()
    assert response.status_code == 400
    assert "This field is required." in page and "Give both the latitude and the longitude" in page
    outside = Client().post("/tell-us/", {"original_text": TEXT, "lat": "52.2", "lng": "0.12"})
    assert outside.status_code == 400 and "is outside the force" in outside.content.decode()


def test_a_point_is_located_in_its_ward(city):
    from beatbook.geography.models import Ward

    ward = Ward.objects.get(name="Bassishaw")
    inside = ward.geometry.representative_point()
    _send(Client(), lat=str(inside.y), lng=str(inside.x))
    assert Intel.objects.get().ward == ward


def test_a_partner_report_records_the_organisation(personas):
    client = personas.client("partner_x")
    response = client.post("/intel/new/", {"original_text": TEXT})
    assert response.status_code == 302
    item = Intel.objects.get()
    assert item.source == Source.PARTNER and item.organisation == personas.organisation_x
    assert item.created_by == personas["partner_x"]
    assert item.reference in client.get("/intel/new/").content.decode()  # the confirmation message
    assert AuditEvent.objects.filter(action=AuditAction.CREATE, username="partner_x").exists()


def test_an_officer_records_intelligence_with_themes(personas):
    from beatbook.intel.models import Theme

    county_lines = Theme.objects.get(name="County lines")
    personas.client("officer_a").post("/intel/new/", {"original_text": TEXT, "themes": [county_lines.pk]})
    item = Intel.objects.get()
    assert item.source == Source.OFFICER and item.organisation is None
    assert list(item.themes.all()) == [county_lines]
