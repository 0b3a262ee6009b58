"""The workforce pages of abstractions, rates, volunteers and training; deleting officers and teams;
the admin's officer form checking photos as the page does."""

from __future__ import annotations

import io
from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.contrib import admin
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from PIL import Image

from beatbook.core.models import AuditEvent
from beatbook.workforce.forms import OfficerAdminForm
from beatbook.workforce.models import Duty, Officer, Rank, Team
from beatbook.workforce.records import Abstraction, AbstractionReason, Deployment, Qualification, QualificationType
from tests.engagement.factories import make_officer, make_team
from tests.workforce.factories import photo_bytes

pytestmark = pytest.mark.django_db


@pytest.fixture
def own(personas):
    """officer_a's own officer record, and officer_b's."""
    return (
        make_officer(personas.cluster_a, name="PC Ay", user=personas["officer_a"], start_date=date(2024, 1, 1)),
        make_officer(personas.cluster_b, name="PC Bee", user=personas["officer_b"], start_date=date(2024, 1, 1)),
    )


def _abstraction(officer, days_ago: int = 1, code: str = "court", hours: str = "4") -> Abstraction:
    day = timezone.localdate() - timedelta(days=days_ago)
    reason = AbstractionReason.objects.get(code=code)
    return Abstraction.objects.create(officer=officer, date=day, hours=Decimal(hours), reason=reason)


def test_an_officer_adds_their_own_abstraction(personas, own):
    client = personas.client("officer_a")
    court = AbstractionReason.objects.get(code="court")
    data = {"date": "2025-03-04", "hours": "6.5", "reason": court.pk, "note": "Crown court", "officer": own[1].pk}
    response = client.post("/workforce/my-abstractions/", data, follow=True)
    assert "Added: 6.5 hours of Court on 04 March 2025." in response.content.decode()
    stored = Abstraction.objects.get()
    assert stored.officer == own[0] and stored.entered_by == personas["officer_a"]  # never another's record
    assert AuditEvent.objects.filter(action="create", object_type="workforce.abstraction").exists()
    again = client.post("/workforce/my-abstractions/", data)
    assert (
        again.status_code == 400 and "already has an abstraction for this reason on this day" in again.content.decode()
    )


def test_an_officer_sees_only_their_own_abstractions(personas, own):
    mine, theirs = _abstraction(own[0], code="court"), _abstraction(own[1], code="events")
    page = personas.client("officer_a").get("/workforce/my-abstractions/").content.decode()
    assert f"/workforce/abstractions/{mine.pk}/" in page and f"/workforce/abstractions/{theirs.pk}/" not in page
    assert personas.client("officer_b").get(f"/workforce/abstractions/{mine.pk}/").status_code == 404
    assert personas.client("officer_a").get(f"/workforce/abstractions/{mine.pk}/").status_code == 200
    read = AuditEvent.objects.get(action="view", object_type="workforce.abstraction", object_id=str(mine.pk))
    assert read.user == personas["officer_a"]


def test_an_officer_without_an_officer_record_is_told_why(personas):
    response = personas.client("officer_a").get("/workforce/my-abstractions/")
    assert response.status_code == 200 and "not linked to an officer record" in response.content.decode()


def test_the_supervisors_list_is_an_audited_read(personas, own):
    _abstraction(own[0], hours="8")
    page = personas.client("supervisor").get("/workforce/abstractions/").content.decode()
    assert "PC Ay" in page and "Court" in page
    assert AuditEvent.objects.filter(action="view", object_type="workforce.abstraction", user=personas["supervisor"])


def test_rates_say_when_nothing_is_recorded_and_show_percentages_otherwise(personas, own):
    empty = personas.client("analyst").get("/workforce/rates/").content.decode()
    assert "No abstraction was recorded in the last 12 months" in empty
    _abstraction(own[0], days_ago=0, hours="8")
    page = personas.client("analyst").get("/workforce/rates/").content.decode()
    assert personas.cluster_a.name in page and "PC Ay" not in page  # rates only, no one's record
    # Only this month has a record: the eleven months before it are unrecorded in every row, not 0%
    assert page.count('<span class="hint">not recorded</span>') == 11 * page.count('<th scope="row">')


def test_the_volunteers_page_shows_the_specials_against_the_aim(personas):
    special = {"rank": Rank.SPECIAL_CONSTABLE, "duty": Duty.TEAM_OFFICER}
    make_officer(personas.cluster_a, name="SC One", start_date=date(2023, 1, 1), **special)
    make_officer(personas.cluster_a, name="SC Two", start_date=date(2024, 1, 1), **special)
    page = personas.client("officer_a").get("/workforce/volunteers/").content.decode()
    assert "that is <strong>2</strong> by 1 April 2026" in page  # 2 x 1 serving on 1 April 2023
    assert '<svg role="img"' in page and "<caption>Special Constables serving" in page
    assert "Add a deployment" not in page  # the deployments are the supervisors'


def test_the_training_page_shows_what_each_dwo_holds_and_lacks(personas, own):
    kinds = list(QualificationType.objects.filter(required_of_dwos=True))
    for kind in kinds[1:]:
        Qualification.objects.create(officer=own[0], kind=kind, achieved=date(2024, 6, 1))
    page = personas.client("supervisor").get("/workforce/training/").content.decode()
    assert "0%</strong> of serving DWOs (0 of 2)" in page and "Missing: due 1 Jan 2025 (late)" in page


def test_an_officer_with_records_is_not_deleted_and_the_page_says_end_them(personas, own):
    _abstraction(own[0])
    client = personas.client("supervisor")
    page = client.get(f"/workforce/officers/{own[0].pk}/delete/").content.decode()
    assert "cannot be deleted" in page and "1 abstractions" in page and "give the officer an end date" in page
    assert client.post(f"/workforce/officers/{own[0].pk}/delete/").status_code == 409
    assert Officer.objects.filter(pk=own[0].pk).exists()


def test_an_officer_without_records_and_a_team_are_deleted(personas, own):
    team = make_team(personas.cluster_a.sector.force)
    own[1].teams.add(team)
    client = personas.client("supervisor")
    assert "Its 1 member stays without this team" in client.get(f"/workforce/teams/{team.pk}/delete/").content.decode()
    response = client.post(f"/workforce/teams/{team.pk}/delete/", follow=True)
    assert "Deleted: Business team." in response.content.decode() and not Team.objects.exists()
    assert own[1].teams.count() == 0
    client.post(f"/workforce/officers/{own[1].pk}/delete/")
    assert not Officer.objects.filter(pk=own[1].pk).exists()
    assert AuditEvent.objects.filter(action="delete", object_type="workforce.officer").exists()


def test_the_admins_officer_form_checks_photos_as_the_page_does(personas):
    assert admin.site._registry[Officer].form is OfficerAdminForm
    exif = Image.Exif()
    exif[0x010F] = "ExampleCam"
    data = {"name": "PC Admin", "rank": "constable", "duty": "dwo", "force": personas.cluster_a.sector.force.pk,
            "working_pattern": "standard", "planned_hours_per_week": "40"}  # fmt: skip
    upload = SimpleUploadedFile("me.jpg", photo_bytes(exif=exif.tobytes()), "image/jpeg")
    form = OfficerAdminForm(data, {"photo": upload})
    assert form.is_valid(), form.errors
    stored = Image.open(io.BytesIO(form.cleaned_data["photo"].read()))
    assert not stored.getexif() and form.cleaned_data["photo"].name.endswith(".jpg")
    gif = SimpleUploadedFile("me.jpg", photo_bytes(fmt="GIF"), "image/jpeg")
    refused = OfficerAdminForm(data, {"photo": gif})
    assert not refused.is_valid() and refused.errors["photo"] == ["The photo must be one of: JPEG, PNG, WebP."]


def test_recording_a_qualification_held_already_renews_it(personas, own):
    kind = QualificationType.objects.get(name="Vulnerability")
    Qualification.objects.create(officer=own[0], kind=kind, achieved=date(2022, 1, 10))
    data = {"officer": own[0].pk, "kind": kind.pk, "achieved": "2025-02-01", "expires": ""}
    response = personas.client("supervisor").post("/workforce/training/new/", data, follow=True)
    renewed = Qualification.objects.get()
    assert "Recorded: PC Ay: Vulnerability." in response.content.decode()
    assert (renewed.achieved, renewed.expires) == (date(2025, 2, 1), date(2028, 1, 31))  # 36 months, from the type


def test_the_volunteers_page_shows_hours_by_month(personas):
    volunteer = make_officer(personas.cluster_a, name="Cadet One", rank=Rank.POLICE_CADET, duty=Duty.TEAM_OFFICER)
    Deployment.objects.create(officer=volunteer, date=timezone.localdate(), hours=Decimal("3.5"), activity="Stall")
    page = personas.client("analyst").get("/workforce/volunteers/").content.decode()
    assert "<td>3.5</td>" in page and "nothing recorded" in page  # this month, and earlier months unrecorded
    assert "Cadet One" not in page  # the deployments themselves are the supervisors'


def test_the_edit_page_links_to_delete_and_suggests_an_end_date(personas, own):
    page = personas.client("supervisor").get(f"/workforce/officers/{own[0].pk}/").content.decode()
    assert f'href="/workforce/officers/{own[0].pk}/delete/">Delete PC Ay</a>' in page and "Give an end date" in page


@pytest.mark.parametrize("hours", ["100", "0.1", "24.5"])
def test_hours_out_of_range_are_refused_with_the_range_allowed(personas, own, hours):
    volunteer = make_officer(personas.cluster_a, name="SC One", rank=Rank.SPECIAL_CONSTABLE, duty=Duty.TEAM_OFFICER)
    deployment = {"officer": volunteer.pk, "date": "2025-03-04", "hours": hours, "activity": "Patrol", "cluster": ""}
    court = AbstractionReason.objects.get(code="court")
    abstraction = {"officer": own[0].pk, "date": "2025-03-04", "hours": hours, "reason": court.pk, "note": ""}
    client = personas.client("supervisor")
    for url, data in (("/workforce/volunteers/new/", deployment), ("/workforce/abstractions/new/", abstraction)):
        response = client.post(url, data)
        page = response.content.decode()
        assert response.status_code == 400 and "Give between 0.25 and 24 hours." in page, url
        assert "digits" not in page
    assert not Deployment.objects.exists() and not Abstraction.objects.exists()


def test_a_qualification_achieved_in_the_future_is_refused(personas, own):
    kind = QualificationType.objects.get(name="Vulnerability")
    tomorrow = timezone.localdate() + timedelta(days=1)
    data = {"officer": own[0].pk, "kind": kind.pk, "achieved": tomorrow.isoformat(), "expires": ""}
    response = personas.client("supervisor").post("/workforce/training/new/", data)
    assert response.status_code == 400
    assert "Achieved is in the future: give the day it was passed or completed." in response.content.decode()
    assert not Qualification.objects.exists()
    today = {**data, "achieved": timezone.localdate().isoformat()}
    assert personas.client("supervisor").post("/workforce/training/new/", today).status_code == 302
