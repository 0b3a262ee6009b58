"""Briefings: officers of the clusters concerned see them until review time or until found; the photo
is checked and re-encoded; every view and change is audited; MoPI review removes the personal data."""

from __future__ import annotations

import io
from datetime import timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from PIL import Image

from beatbook.core.models import AuditEvent
from beatbook.missing.models import MissingBriefing
from tests.missing.conftest import NAME, active_briefing, placeholder_jpeg

pytestmark = pytest.mark.django_db
CONFIRM = {"confirm": "on"}


def test_officers_of_the_cluster_see_the_briefing_and_others_do_not(personas):
    briefing = active_briefing(personas.cluster_a)
    page = personas.client("officer_a").get("/missing/").content.decode()
    assert NAME in page and f"/missing/{briefing.pk}/photo/" in page
    assert NAME not in personas.client("officer_b").get("/missing/").content.decode()
    for persona, status in [("officer_b", 404), ("partner_x", 403), ("analyst", 403)]:
        response = personas.client(persona).get(f"/missing/{briefing.pk}/")
        assert response.status_code == status and NAME not in response.content.decode()
        assert personas.client(persona).get(f"/missing/{briefing.pk}/photo/").status_code == status


def test_a_briefing_expires_at_its_review_time_unless_renewed(personas):
    briefing = active_briefing(personas.cluster_a, review_at=timezone.now() - timedelta(minutes=1))
    assert personas.client("officer_a").get(f"/missing/{briefing.pk}/").status_code == 404
    assert NAME not in personas.client("officer_a").get("/missing/").content.decode()
    owner = personas.client("safeguarding")
    assert "Expired" in owner.get(f"/missing/{briefing.pk}/").content.decode()
    until = (timezone.localtime() + timedelta(hours=6)).strftime("%Y-%m-%dT%H:%M")
    assert owner.post(f"/missing/{briefing.pk}/renew/", {"review_at": until}).status_code == 302
    assert personas.client("officer_a").get(f"/missing/{briefing.pk}/").status_code == 200
    past = (timezone.localtime() - timedelta(hours=1)).strftime("%Y-%m-%dT%H:%M")
    refused = owner.post(f"/missing/{briefing.pk}/renew/", {"review_at": past})
    assert refused.status_code == 400 and "must be in the future" in refused.content.decode()


def test_supervisors_read_the_force_s_active_briefings_only(personas):
    briefing = active_briefing(personas.cluster_a)
    supervisor = personas.client("supervisor")
    assert NAME in supervisor.get("/missing/").content.decode()
    page = supervisor.get(f"/missing/{briefing.pk}/").content.decode()
    assert NAME in page and "The person is found" not in page and "Renew" not in page
    assert supervisor.post(f"/missing/{briefing.pk}/found/").status_code == 403
    expired = active_briefing(personas.cluster_b, review_at=timezone.now() - timedelta(minutes=1))
    assert supervisor.get(f"/missing/{expired.pk}/").status_code == 404


def test_a_patrol_officer_of_the_cluster_records_the_person_found_and_the_author_is_told(personas):
    from beatbook.messaging.models import OutboxEmail

    author = personas["safeguarding"]
    author.email = "safeguarding@example.org"
    author.save()
    briefing = active_briefing(personas.cluster_a, created_by=author)
    assert personas.client("officer_b").post(f"/missing/{briefing.pk}/found/", CONFIRM).status_code == 404
    officer = personas.client("officer_a")
    assert "I confirm the person is found" in officer.get(f"/missing/{briefing.pk}/").content.decode()
    response = officer.post(f"/missing/{briefing.pk}/found/", CONFIRM, follow=True)
    briefing.refresh_from_db()
    assert briefing.found_by == personas["officer_a"]
    # the officer no longer sees the briefing: they land on the list, told that its author knows
    assert response.redirect_chain == [("/missing/", 302)] and response.status_code == 200
    assert f"{author.get_full_name() or author.username}, who wrote it, has been told" in response.content.decode()
    email = OutboxEmail.objects.get(purpose="missing-found")
    assert email.to == "safeguarding@example.org" and briefing.reference in email.subject
    assert NAME not in email.body and "Bank station" not in email.body  # the reference only
    assert AuditEvent.objects.filter(action="change", object_id=str(briefing.pk)).exists()


def test_found_removes_the_briefing_from_view_at_once(personas):
    briefing = active_briefing(personas.cluster_a)
    assert personas.client("supervisor").post(f"/missing/{briefing.pk}/found/", CONFIRM).status_code == 403
    response = personas.client("safeguarding").post(f"/missing/{briefing.pk}/found/", CONFIRM)
    assert response.status_code == 302 and response["Location"] == f"/missing/{briefing.pk}/"  # they still see it
    briefing.refresh_from_db()
    assert briefing.found_at is not None and briefing.found_by == personas["safeguarding"]
    assert personas.client("officer_a").get(f"/missing/{briefing.pk}/").status_code == 404
    again = personas.client("safeguarding").post(f"/missing/{briefing.pk}/found/", CONFIRM)
    assert again.status_code == 400 and "Already marked found" in again.content.decode()


def test_one_tap_does_not_record_the_person_found(personas):
    briefing = active_briefing(personas.cluster_a)
    response = personas.client("officer_a").post(f"/missing/{briefing.pk}/found/")
    assert response.status_code == 400 and "Tick “I confirm the person is found”" in response.content.decode()
    briefing.refresh_from_db()
    assert briefing.found_at is None


def test_the_author_without_an_email_address_is_not_said_to_be_told(personas):
    author = personas["safeguarding"]
    author.email = ""
    author.save()
    briefing = active_briefing(personas.cluster_a, created_by=author)
    response = personas.client("officer_a").post(f"/missing/{briefing.pk}/found/", CONFIRM, follow=True)
    page = response.content.decode()
    assert "has been told" not in page and "no email address on record: tell the safeguarding team" in page


def test_an_expired_briefing_offers_its_owner_to_mark_the_person_found(personas):
    briefing = active_briefing(personas.cluster_a, review_at=timezone.now() - timedelta(minutes=1))
    owner = personas.client("safeguarding")
    page = owner.get(f"/missing/{briefing.pk}/").content.decode()
    assert "mark the person found" in page and f'action="/missing/{briefing.pk}/found/"' in page
    assert owner.post(f"/missing/{briefing.pk}/found/", CONFIRM).status_code == 302
    briefing.refresh_from_db()
    assert briefing.found_by == personas["safeguarding"]


def test_the_list_puts_high_risk_first_then_medium_then_low(personas):
    for risk in ("low", "high", "medium"):
        active_briefing(personas.cluster_a, name=f"PERSON-{risk.upper()}", risk=risk)
    page = personas.client("officer_a").get("/missing/").content.decode()
    assert page.index("PERSON-HIGH") < page.index("PERSON-MEDIUM") < page.index("PERSON-LOW")


def test_a_found_briefing_says_who_found_the_person_and_when(personas):
    officer = personas["officer_a"]
    officer.first_name, officer.last_name = "Finder", "Example"
    officer.save()
    briefing = active_briefing(personas.cluster_a)
    personas.client("officer_a").post(f"/missing/{briefing.pk}/found/", CONFIRM)
    briefing.refresh_from_db()
    when = timezone.localtime(briefing.found_at)
    owner = personas.client("safeguarding")
    page = owner.get(f"/missing/{briefing.pk}/").content.decode()
    assert f"recorded {when:%A} {when.day} {when:%B %Y, %H:%M} by Finder Example" in page
    assert "I confirm the person is found" not in page  # already found: nothing to record
    assert "by Finder Example" in owner.get("/missing/").content.decode()


def test_every_view_of_a_briefing_and_its_photo_is_audited(personas):
    briefing = active_briefing(personas.cluster_a)
    client = personas.client("officer_a")
    client.get("/missing/")
    client.get(f"/missing/{briefing.pk}/")
    photo = client.get(f"/missing/{briefing.pk}/photo/")
    assert photo["Content-Type"] == "image/jpeg" and photo["Cache-Control"] == "private, no-store"
    events = AuditEvent.objects.filter(user=personas["officer_a"], action="view")
    assert events.filter(detail__listing="briefings").exists()
    assert events.filter(object_id=str(briefing.pk), detail={}).exists()
    assert events.filter(object_id=str(briefing.pk), detail__part="photo").exists()


def _form(personas, photo: SimpleUploadedFile | None = None) -> dict:
    now = timezone.localtime()
    data = {
        "kind": "missing",
        "name": NAME,
        "description": "Tall, red coat.",
        "last_seen_place": "Leadenhall Market",
        "last_seen_at": (now - timedelta(hours=2)).strftime("%Y-%m-%dT%H:%M"),
        "risk": "medium",
        "if_found": "Call the control room.",
        "clusters": [personas.cluster_a.pk],
        "review_at": (now + timedelta(hours=8)).strftime("%Y-%m-%dT%H:%M"),
    }
    return {**data, "photo": photo} if photo else data


def _png_with_metadata() -> bytes:
    image = Image.new("RGB", (1600, 1200), "#009e73")
    exif = Image.Exif()
    exif[0x010E] = "secret description"  # ImageDescription
    out = io.BytesIO()
    image.save(out, format="PNG", exif=exif)
    return out.getvalue()


def test_a_new_briefing_reencodes_its_photo_without_metadata(personas):
    upload = SimpleUploadedFile("photo.png", _png_with_metadata(), content_type="image/png")
    response = personas.client("safeguarding").post("/missing/new/", _form(personas, upload))
    briefing = MissingBriefing.objects.get()
    assert response.status_code == 302 and briefing.photo_type == "image/jpeg"
    with Image.open(io.BytesIO(bytes(briefing.photo))) as image:
        assert image.format == "JPEG" and max(image.size) == 800 and not image.getexif()
    assert list(briefing.clusters.all()) == [personas.cluster_a]
    assert AuditEvent.objects.filter(action="create", object_id=str(briefing.pk), detail__photo=True).exists()


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"%PDF-1.4 not an image", "is not a photo that can be read"),
        (b"GIF89a" + b"\x00" * 40, "is not a photo that can be read"),
    ],
)
def test_a_file_that_is_not_a_photo_is_refused(personas, content, message):
    upload = SimpleUploadedFile("photo.jpg", content, content_type="image/jpeg")
    response = personas.client("safeguarding").post("/missing/new/", _form(personas, upload))
    assert response.status_code == 400 and message in response.content.decode()
    assert not MissingBriefing.objects.exists()


def test_a_gif_and_a_photo_too_large_are_refused_by_name(personas, settings):
    gif = io.BytesIO()
    Image.new("RGB", (10, 10)).save(gif, format="GIF")
    upload = SimpleUploadedFile("photo.gif", gif.getvalue(), content_type="image/gif")
    response = personas.client("safeguarding").post("/missing/new/", _form(personas, upload))
    assert response.status_code == 400 and "must be a JPEG, PNG or WebP image, not GIF" in response.content.decode()
    settings.BEATBOOK_MISSING_PHOTO_MAX_KB = 1
    big = SimpleUploadedFile("photo.jpg", placeholder_jpeg((400, 400), "#cc79a7") * 4, content_type="image/jpeg")
    response = personas.client("safeguarding").post("/missing/new/", _form(personas, big))
    assert response.status_code == 400 and "larger than 1 KB" in response.content.decode()


def test_missing_fields_and_a_past_review_time_are_named(personas):
    data = {**_form(personas), "review_at": "2020-01-01T10:00", "clusters": []}
    del data["if_found"]
    page = personas.client("safeguarding").post("/missing/new/", data).content.decode()
    assert "This must be in the future." in page and page.count("This field is required.") == 2


def test_review_removes_the_personal_data_and_photo_of_a_found_person(personas):
    briefing = active_briefing(personas.cluster_a)
    client = personas.client("safeguarding")
    refused = client.post(f"/missing/{briefing.pk}/remove/", {"reason": "Found"})
    assert refused.status_code == 400 and "still active" in refused.content.decode()
    client.post(f"/missing/{briefing.pk}/found/", CONFIRM)
    assert client.post(f"/missing/{briefing.pk}/remove/", {"reason": "Found safe; review"}).status_code == 302
    briefing.refresh_from_db()
    assert briefing.name == briefing.description == "" and bytes(briefing.photo) == b""
    assert briefing.personal_data_removed
    event = AuditEvent.objects.get(action="delete", object_id=str(briefing.pk))
    assert event.detail["removed"] == {"photo": 1} and "name" in event.detail["fields"]
    assert client.get(f"/missing/{briefing.pk}/photo/").status_code == 404
