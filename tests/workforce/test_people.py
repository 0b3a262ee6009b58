"""Supervisors' officer and team pages: photos checked and re-encoded without metadata, served only
when published; every change audited; the ward page and the police.uk people API show them."""

from __future__ import annotations

import io
from datetime import timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from PIL import Image

from beatbook.core.models import AuditEvent
from beatbook.workforce import photos
from beatbook.workforce.models import Officer, Team
from tests.engagement.factories import make_officer, make_team
from tests.workforce.factories import photo_bytes, with_photo

pytestmark = pytest.mark.django_db


def _exif_with_gps() -> bytes:
    exif = Image.Exif()
    exif[0x010F] = "ExampleCam"  # Make
    exif[0x8825] = {1: "N", 2: (51.0, 30.0, 0.0)}  # GPS: where the photo was taken
    return exif.tobytes()


def _officer_form(personas, **overrides) -> dict:
    data = {
        "name": "PC Jo Example",
        "rank": "constable",
        "duty": "dwo",
        "working_pattern": "standard",
        "planned_hours_per_week": "40",
        "cluster": personas.cluster_a.pk,
        "contact_email": "",
        "bio": "Walks the ward.",
    }
    return {**data, **overrides}


def test_a_supervisor_adds_an_officer_with_a_photo_stripped_of_metadata(personas):
    upload = SimpleUploadedFile("me.jpg", photo_bytes(size=(1600, 1200), exif=_exif_with_gps()), "image/jpeg")
    assert Image.open(io.BytesIO(upload.read())).getexif().get(0x010F) == "ExampleCam"
    upload.seek(0)
    client = personas.client("supervisor")
    response = client.post(
        "/workforce/officers/new/", _officer_form(personas, photo=upload, publish_photo="on"), follow=True
    )
    officer = Officer.objects.get()
    with officer.photo.open("rb") as file:
        stored = Image.open(io.BytesIO(file.read()))
    assert response.status_code == 200 and "Added: PC Jo Example." in response.content.decode()
    assert stored.format == "JPEG" and max(stored.size) == photos.SIDE and not stored.getexif()
    assert officer.photo.name.endswith(".jpg") and "me.jpg" not in officer.photo.name
    event = AuditEvent.objects.get(action="create", object_type="workforce.officer")
    assert event.user == personas["supervisor"] and event.changes["photo"] == ["(changed)", "(changed)"]
    assert event.changes["name"] == ["", "PC Jo Example"]


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"<?php echo 'not a photo'; ?>", "This file is not a photo we can read"),
        (photo_bytes(fmt="GIF"), "The photo must be one of: JPEG, PNG, WebP."),
    ],
)
def test_a_file_that_is_not_an_accepted_photo_is_refused_by_name(personas, content, message):
    upload = SimpleUploadedFile("me.jpg", content, "image/jpeg")
    response = personas.client("supervisor").post("/workforce/officers/new/", _officer_form(personas, photo=upload))
    assert response.status_code == 400 and message in response.content.decode()
    assert not Officer.objects.exists()


def test_a_photo_too_large_is_refused_before_it_is_read(personas):
    upload = SimpleUploadedFile("me.png", b"\x89PNG" + b"\0" * photos.MAX_BYTES, "image/png")
    response = personas.client("supervisor").post("/workforce/officers/new/", _officer_form(personas, photo=upload))
    page = response.content.decode()
    assert response.status_code == 400 and "The photo is 5120 KB: at most 5 MB please." in page
    assert not Officer.objects.exists()


def test_publishing_needs_something_to_publish_and_dates_in_order(personas):
    form = _officer_form(
        personas, publish_photo="on", publish_phone="on", start_date="2025-05-01", end_date="2025-01-01"
    )
    page = personas.client("supervisor").post("/workforce/officers/new/", form).content.decode()
    assert "There is no photo to publish: upload one first." in page
    assert "There is no phone number to publish." in page and "The end date is before the start date." in page


def test_editing_an_officer_is_audited_with_old_and_new_teams(personas):
    officer = make_officer(personas.cluster_a, name="PC Sam Example")
    team = make_team(personas.cluster_a.sector.force)
    form = _officer_form(personas, name="PC Sam Example", teams=[team.pk], user=personas["officer_a"].pk)
    response = personas.client("supervisor").post(f"/workforce/officers/{officer.pk}/", form)
    assert response.status_code == 302 and list(officer.teams.all()) == [team]
    officer.refresh_from_db()
    change = AuditEvent.objects.get(action="change", object_type="workforce.officer")
    assert officer.user == personas["officer_a"] and change.changes["teams"] == [[], [team.pk]]


def test_only_supervisors_manage_officers_and_teams(personas):
    officer = make_officer(personas.cluster_a)
    team = make_team(personas.cluster_a.sector.force)
    for persona in ("officer_a", "analyst", "partner_x", "admin"):
        client = personas.client(persona)
        assert client.get("/workforce/").status_code == 403
        assert client.post(f"/workforce/officers/{officer.pk}/", {"name": "Taken over"}).status_code == 403
        assert client.post(f"/workforce/teams/{team.pk}/", {"name": "Taken over"}).status_code == 403
    assert personas.client("supervisor").get("/workforce/officers/999999/").status_code == 404
    assert Officer.objects.get().name == officer.name and Team.objects.get().name == "Business"


def test_a_supervisor_adds_a_team_and_a_taken_short_name_is_refused(personas):
    make_team(personas.cluster_a.sector.force)
    client = personas.client("supervisor")
    data = {"name": "Business two", "slug": "business", "contact_email": "b2@example.org", "serves": "business"}
    response = client.post("/workforce/teams/new/", data)
    assert response.status_code == 400 and "Another team is called &#x27;business&#x27;" in response.content.decode()
    response = client.post("/workforce/teams/new/", {**data, "slug": "business-two"})
    assert response.status_code == 302 and Team.objects.get(slug="business-two").serves == "business"
    assert AuditEvent.objects.filter(action="create", object_type="workforce.team").count() == 1


def _photo(client, url: str) -> tuple[int, str, bytes]:
    """Status, type and body; a file is read to its end, which closes it."""
    response = client.get(url)
    body = b"".join(response.streaming_content) if response.streaming else response.content
    return response.status_code, response["Content-Type"], body


def test_a_photo_is_served_only_when_published_and_the_officer_serves(personas):
    officer = with_photo(make_officer(personas.cluster_a), published=False)
    url = f"/officers/{officer.pk}/photo.jpg"
    assert _photo(personas.client("public"), url)[0] == 404
    assert _photo(personas.client("officer_a"), url)[0] == 404
    assert _photo(personas.client("supervisor"), url)[0] == 200  # to check it before publishing
    officer.publish_photo = True
    officer.save()
    status, kind, body = _photo(personas.client("public"), url)
    assert status == 200 and kind == "image/jpeg" and Image.open(io.BytesIO(body)).format == "JPEG"
    officer.end_date = timezone.localdate() - timedelta(days=1)
    officer.save()
    assert _photo(personas.client("public"), url)[0] == 404


def test_the_ward_page_shows_the_photo_and_the_team_inbox_and_changes_with_them(personas):
    ward = personas.cluster_a.wards.first()
    officer = make_officer(personas.cluster_a, name="PC Robin Example", contact_email="")
    officer.teams.add(make_team(personas.cluster_a.sector.force))
    with_photo(officer, published=False)
    page = personas.client("public").get(f"/wards/{ward.slug}/").content.decode()
    assert "business@example.org" in page and f"/officers/{officer.pk}/photo.jpg" not in page
    form = _officer_form(personas, name="PC Robin Example", teams=[officer.teams.get().pk], publish_photo="on")
    assert personas.client("supervisor").post(f"/workforce/officers/{officer.pk}/", form).status_code == 302
    page = personas.client("public").get(f"/wards/{ward.slug}/").content.decode()  # the cached page is renewed
    assert f"/officers/{officer.pk}/photo.jpg" in page


def test_the_police_uk_people_api_gives_the_photo_and_the_team_inbox(personas):
    ward = personas.cluster_a.wards.first()
    force = personas.cluster_a.sector.force
    shown = with_photo(make_officer(personas.cluster_a, name="PC A", contact_email=""))
    shown.teams.add(make_team(force))
    with_photo(make_officer(personas.cluster_a, name="PC B"), published=False)
    people = personas.client("public").get(f"/api/{force.slug}/{ward.code}/people").json()
    by_name = {p["name"]: p for p in people}
    assert by_name["PC A"]["photo"] == f"http://testserver/officers/{shown.pk}/photo.jpg"
    assert by_name["PC A"]["contact_details"] == {"email": "business@example.org"}
    assert by_name["PC B"]["photo"] is None and by_name["PC B"]["contact_details"] == {"email": "team@example.org"}
