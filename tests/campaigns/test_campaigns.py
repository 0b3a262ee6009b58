"""Campaigns: reach computed from events, messages and sign-ups; the public page only when published
and without personal data; officers' forms with clear errors; premises signed up once."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from beatbook.campaigns.models import Campaign, PremisesSignUp
from beatbook.campaigns.services import reach
from beatbook.core.models import AuditEvent
from beatbook.messaging.models import OutboxEmail, OutboxStatus
from beatbook.messaging.services import send_message
from tests.campaigns.factories import draft_campaign, published_campaign, register_with_premises
from tests.engagement.factories import event_type, make_event

pytestmark = pytest.mark.django_db


def _email(message, status) -> None:
    OutboxEmail.objects.create(
        message=message, purpose="message", to="x@example.org", subject="s", body="b", status=status
    )


def test_reach_counts_attendance_delivered_emails_and_sign_ups(personas, city):
    campaign = published_campaign()
    held = make_event(personas.cluster_a, days=-3, attendance=40)
    planned = make_event(personas.cluster_a, days=5)
    cancelled = make_event(personas.cluster_a, days=-10, attendance=99, cancelled=True)
    campaign.events.add(held, planned, cancelled)
    message = send_message("Ask for Angela", "Text", None, personas.cluster_a, "", personas["officer_a"])
    campaign.messages.add(message)
    OutboxEmail.objects.filter(message=message).delete()
    _email(message, OutboxStatus.SENT)
    _email(message, OutboxStatus.SENT)
    _email(message, OutboxStatus.PENDING)
    _email(message, OutboxStatus.FAILED)
    PremisesSignUp.objects.create(campaign=campaign, name="The Example Arms", signed_up="2025-10-01")

    got = reach(campaign)

    assert (got.events, got.people_attended, got.events_without_attendance) == (2, 40, 1)
    assert (got.messages, got.messages_delivered, got.premises_signed_up) == (1, 2, 1)


def test_the_public_page_shows_a_published_campaign_without_personal_data(personas, city):
    campaign = published_campaign(public_summary="Ask at the bar.")
    public_event = make_event(personas.cluster_a, title="Angela training night", days=4)
    internal = make_event(personas.cluster_a, title="Internal briefing", days=4, is_public=False)
    campaign.events.add(public_event, internal)
    campaign.materials.create(title="Poster", url="https://example.org/poster.pdf")
    campaign.materials.create(title="Staff notes", url="https://example.org/notes.pdf", public=False)

    page = personas.client("public").get("/campaigns/ask-for-angela/").content.decode()

    assert "Ask at the bar." in page and "Angela training night" in page and "Poster" in page
    assert "Internal briefing" not in page and "Staff notes" not in page
    assert "officer_a" not in page and "@" not in page.split("<main", 1)[-1].split("Get emails")[0]


def test_a_draft_is_hidden_from_the_public_and_previewed_by_officers(personas, city):
    draft_campaign(slug="secret-plan")
    assert personas.client("public").get("/campaigns/secret-plan/").status_code == 404
    assert personas.client("partner_x").get("/campaigns/secret-plan/").status_code == 404
    preview = personas.client("officer_a").get("/campaigns/secret-plan/")
    assert preview.status_code == 200 and "not published" in preview.content.decode()
    assert "secret-plan" not in personas.client("public").get("/campaigns/").content.decode()


def test_someone_without_the_role_cannot_open_a_campaign(personas, city):
    campaign = draft_campaign()
    assert personas.client("partner_x").get(f"/campaigns/manage/{campaign.pk}/").status_code == 403
    assert personas.client("officer_a").get("/campaigns/manage/99999/").status_code == 404


def test_an_officer_starts_a_campaign_and_the_change_is_audited(personas, city):
    event = make_event(personas.cluster_a, title="Bike marking at Guildhall")
    data = {
        "title": "Cycle theft",
        "slug": "cycle-theft",
        "aim": "Fewer bikes stolen",
        "starts": "2025-09-01",
        "audiences": ["workers", "residents"],
        "events": [event.pk],
    }
    response = personas.client("officer_b").post("/campaigns/manage/new/", data)
    campaign = Campaign.objects.get(slug="cycle-theft")
    assert response.status_code == 302 and list(campaign.events.all()) == [event]
    assert campaign.created_by == personas["officer_b"] and campaign.audiences == ["workers", "residents"]
    assert AuditEvent.objects.filter(action="create", object_type="campaigns.campaign").count() == 1
    created = AuditEvent.objects.get(action="create", object_type="campaigns.campaign")
    assert created.changes["events"] == [None, [event.pk]] and created.changes["title"] == [None, "Cycle theft"]
    edited = personas.client("officer_b").post(f"/campaigns/manage/{campaign.pk}/edit/", {**data, "title": "Bikes"})
    assert edited.status_code == 302
    changed = AuditEvent.objects.get(action="change", object_type="campaigns.campaign")
    assert changed.changes == {"title": ["Cycle theft", "Bikes"]}  # the old value too, and events as ids


def test_bad_campaign_input_names_the_field(personas, city):
    data = {"title": "X", "slug": "manage", "aim": "A", "starts": "2025-09-01", "ends": "2025-01-01"}
    response = personas.client("supervisor").post("/campaigns/manage/new/", data)
    page = response.content.decode()
    assert response.status_code == 400
    assert "address of the officers" in page and "cannot end before it starts" in page


def test_a_targeted_premises_signs_up_once(personas, city):
    ward = personas.cluster_a.wards.first()
    arms, _ = register_with_premises(city.slug, ward, "The Example Arms", "The Other Tap")
    campaign = published_campaign(cluster=personas.cluster_a)
    client = personas.client("officer_a")
    url = f"/campaigns/manage/{campaign.pk}/sign-ups/"

    assert client.post(url, {"premises": arms.pk, "signed_up": "2025-10-01"}).status_code == 302
    again = client.post(url, {"premises": arms.pk, "signed_up": "2025-10-02"})

    assert again.status_code == 400 and "signed up already" in again.content.decode()
    row = campaign.sign_ups.get()
    assert (row.name, row.ward, str(row.signed_up)) == ("The Example Arms", ward, "2025-10-01")


def test_a_sign_up_outlives_the_register_being_imported_again(personas, city):
    ward = personas.cluster_a.wards.first()
    (arms,) = register_with_premises(city.slug, ward, "The Example Arms")
    campaign = published_campaign(cluster=personas.cluster_a)
    personas.client("officer_a").post(
        f"/campaigns/manage/{campaign.pk}/sign-ups/", {"premises": arms.pk, "signed_up": "2025-10-01"}
    )
    arms.delete()  # what a new import of the register does to the old premises
    assert campaign.sign_ups.get().name == "The Example Arms" and reach(campaign).premises_signed_up == 1


def test_a_material_needs_a_link_or_a_file(personas, city):
    campaign = published_campaign(cluster=personas.cluster_a)
    client = personas.client("officer_a")
    bad = client.post(f"/campaigns/manage/{campaign.pk}/materials/", {"title": "Poster"})
    assert bad.status_code == 400 and "Give a link" in bad.content.decode()
    good = client.post(
        f"/campaigns/manage/{campaign.pk}/materials/", {"title": "Poster", "url": "https://example.org/p"}
    )
    assert good.status_code == 302 and campaign.materials.get().href == "https://example.org/p"


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def _downloaded(response) -> bytes:
    return response.content


def test_an_uploaded_material_is_served_to_those_who_may_see_it(personas, city, media):
    campaign = draft_campaign(cluster=personas.cluster_a)
    client = personas.client("officer_a")
    for title, public in (("Poster", True), ("Staff notes", False)):
        upload = SimpleUploadedFile(f"{title.lower().replace(' ', '-')}.pdf", f"%PDF-1.4 {title}".encode())
        data = {"title": title, "file": upload, **({"public": "on"} if public else {})}
        assert client.post(f"/campaigns/manage/{campaign.pk}/materials/", data).status_code == 302
    poster, notes = campaign.materials.order_by("title")
    assert poster.href == f"/campaigns/materials/{poster.pk}/file/"
    detail = client.get(f"/campaigns/manage/{campaign.pk}/").content.decode()
    assert poster.href in detail and notes.href in detail
    got = client.get(notes.href)
    assert got.status_code == 200 and got["Content-Type"] == "application/pdf"
    assert _downloaded(got) == b"%PDF-1.4 Staff notes"
    public = personas.client("public")
    assert public.get(poster.href).status_code == 404  # the campaign is a draft
    campaign.published = True
    campaign.save()
    assert _downloaded(public.get(poster.href)) == b"%PDF-1.4 Poster"
    assert poster.href in public.get(f"/campaigns/{campaign.slug}/").content.decode()
    assert public.get(notes.href).status_code == 404 and personas.client("partner_x").get(notes.href).status_code == 404


def test_an_uploaded_page_is_downloaded_never_shown_as_ours(personas, city, media):
    campaign = published_campaign(cluster=personas.cluster_a)
    upload = SimpleUploadedFile("leaflet.html", b"<script>alert(1)</script>")
    personas.client("officer_a").post(
        f"/campaigns/manage/{campaign.pk}/materials/", {"title": "L", "file": upload, "public": "on"}
    )
    got = personas.client("public").get(campaign.materials.get().href)
    assert got["Content-Type"] == "application/octet-stream" and got["Content-Disposition"].startswith("attachment")
    assert "sandbox" in got["Content-Security-Policy"]
    _downloaded(got)


def test_an_officer_changes_their_clusters_or_their_own_campaigns_only(personas, city):
    theirs = draft_campaign(slug="cluster-a", cluster=personas.cluster_a)
    force_wide = draft_campaign(slug="force-wide")
    own = draft_campaign(slug="own", cluster=personas.cluster_a, created_by=personas["officer_b"])
    officer_b = personas.client("officer_b")
    data = {"title": "Taken over", "slug": "cluster-a", "aim": "x", "starts": "2025-09-01"}

    assert officer_b.get(f"/campaigns/manage/{theirs.pk}/edit/").status_code == 403
    assert officer_b.post(f"/campaigns/manage/{theirs.pk}/edit/", data).status_code == 403
    assert officer_b.post(f"/campaigns/manage/{theirs.pk}/materials/", {"title": "x"}).status_code == 403
    assert officer_b.get(f"/campaigns/manage/{force_wide.pk}/edit/").status_code == 403
    assert officer_b.get(f"/campaigns/manage/{own.pk}/edit/").status_code == 200
    assert officer_b.get("/campaigns/manage/99999/edit/").status_code == 404
    assert "Change</a>" not in officer_b.get(f"/campaigns/manage/{theirs.pk}/").content.decode()
    assert personas.client("officer_a").get(f"/campaigns/manage/{theirs.pk}/edit/").status_code == 200
    assert personas.client("supervisor").get(f"/campaigns/manage/{force_wide.pk}/edit/").status_code == 200
    theirs.refresh_from_db()
    assert theirs.title == "Lock it or lose it"


def test_wards_outside_the_campaigns_cluster_are_refused(personas, city):
    campaign = draft_campaign(cluster=personas.cluster_a)
    other = personas.cluster_b.wards.first()
    data = {
        "title": "T",
        "slug": campaign.slug,
        "aim": "x",
        "starts": "2025-09-01",
        "cluster": personas.cluster_a.pk,
        "wards": [other.pk],
    }
    response = personas.client("officer_a").post(f"/campaigns/manage/{campaign.pk}/edit/", data)
    assert (
        response.status_code == 400 and f"Not wards of {personas.cluster_a}: {other.name}" in response.content.decode()
    )


def test_the_slugs_help_shows_an_address_not_an_empty_tag(personas):
    page = personas.client("officer_a").get("/campaigns/manage/new/").content.decode()
    assert "/campaigns/cycle-theft/" in page and "/campaigns//" not in page and "<slug>" not in page


def test_a_campaign_with_a_bike_marking_event_links_to_the_bike_register(personas, city):
    marking = published_campaign(slug="cycle-theft", title="Lock it or lose it")
    marking.events.add(make_event(personas.cluster_a, event_type=event_type("bike-marking")))
    other = published_campaign()
    assert 'href="/bikes/register/"' in personas.client("public").get("/campaigns/cycle-theft/").content.decode()
    assert 'href="/bikes/register/"' not in personas.client("public").get(f"/campaigns/{other.slug}/").content.decode()
