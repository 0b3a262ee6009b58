"""Requests for police attendance: the public form (honeypot, limit per address), the queue's
accept / decline / assign, the requester's emails, and the event an accepted request becomes."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone

from beatbook.core.models import AuditEvent
from beatbook.engagement.attendance import REQUESTS_PER_ADDRESS
from beatbook.engagement.models import AttendanceRequest
from beatbook.messaging import outbox
from beatbook.messaging.models import OutboxEmail
from tests.engagement.factories import event_type, make_officer, make_request, make_team

pytestmark = pytest.mark.django_db


def _form(**overrides) -> dict:
    day = timezone.localdate() + timedelta(days=14)
    data = {
        "organisation": "Cheapside Business Forum",
        "contact_name": "Pat Requester",
        "contact_email": "pat@example.org",
        "date": f"{day:%Y-%m-%d}",
        "start_time": "09:00",
        "end_time": "10:00",
        "place": "1 Example Square",
        "topic": "Shoplifting",
    }
    return {**data, **overrides}


def test_the_public_sends_a_request(personas):
    response = personas.client("public").post("/request-attendance/", _form())
    assert response.status_code == 302 and response["Location"] == "/request-attendance/sent/"
    assert AttendanceRequest.objects.get().organisation == "Cheapside Business Forum"


def test_bad_input_names_the_field(personas):
    response = personas.client("public").post("/request-attendance/", _form(date="2001-01-01", end_time="08:00"))
    page = response.content.decode()
    assert response.status_code == 400 and not AttendanceRequest.objects.exists()
    assert "The date has passed" in page and "The meeting ends before it starts." in page


def _summary(page: str) -> str:
    """The error summary, which must come before the form's first field."""
    start = page.index('<div class="error-summary" role="alert">')
    assert start < page.index('class="field"')
    return page[start : page.index("</div>", start)]


def test_errors_are_summarised_at_the_top_linking_to_their_fields(personas):
    page = personas.client("public").post("/request-attendance/", _form(date="2001-01-01")).content.decode()
    assert '<a href="#id_date">Date: The date has passed' in _summary(page)


def test_a_refused_decision_is_summarised_at_the_top_of_the_request(personas):
    item = make_request()
    response = personas.client("supervisor").post(f"/engagement/requests/{item.pk}/decline/", {"decline-reason": ""})
    page = response.content.decode()
    summary = _summary(page)
    assert "The request was not declined:" in summary and '<a href="#id_decline-reason">' in summary
    assert page.index(summary) < page.index("<h2>Assign an officer</h2>")


def test_a_robot_filling_the_hidden_field_stores_nothing(personas):
    response = personas.client("public").post("/request-attendance/", _form(website="http://spam.example"))
    assert response.status_code == 302 and not AttendanceRequest.objects.exists()


def test_one_address_is_limited(personas):
    client = personas.client("public")
    for _ in range(REQUESTS_PER_ADDRESS):
        assert client.post("/request-attendance/", _form()).status_code == 302
    response = client.post("/request-attendance/", _form())
    assert response.status_code == 429 and "Too many requests from this address" in response.content.decode()
    assert AttendanceRequest.objects.count() == REQUESTS_PER_ADDRESS


def test_accepting_makes_an_event_and_emails_the_requester(personas, django_capture_on_commit_callbacks):
    officer = make_officer(personas.cluster_a, name="PC Alex Business", user=personas["officer_b"])
    force = personas.cluster_a.sector.force
    # The team working the queue is the one with the flag, whatever its slug (and whichever team comes first).
    officer.teams.add(make_team(force, slug="residential", name="Alpha residential"))
    licensing = make_team(force, slug="licensing", name="Zeta licensing")
    licensing.handles_attendance_requests = True
    licensing.save()
    officer.teams.add(licensing)
    item = make_request()
    post = {
        "accept-officer": officer.pk,
        "accept-event_type": event_type("security-forum-briefing").pk,
        "accept-cluster": personas.cluster_a.pk,
    }
    with django_capture_on_commit_callbacks(execute=True):
        response = personas.client("officer_b").post(f"/engagement/requests/{item.pk}/accept/", post)
    item.refresh_from_db()
    event = item.event
    assert item.status == "accepted" and item.assigned_to == officer and item.decided_by == personas["officer_b"]
    assert response.status_code == 302 and response["Location"] == f"/events/{event.pk}/"
    assert event.organiser == officer and event.is_public is False and event.team == licensing
    assert timezone.localtime(event.start).hour == 9 and event.address == item.place
    assert len(mail.outbox) == 1 and mail.outbox[0].to == ["pat@example.org"]
    assert "accepted" in mail.outbox[0].subject and "PC Alex Business will attend" in mail.outbox[0].body


def test_declining_needs_a_reason_and_emails_it(personas, django_capture_on_commit_callbacks):
    item = make_request()
    url = f"/engagement/requests/{item.pk}/decline/"
    response = personas.client("supervisor").post(url, {"decline-reason": ""})
    assert response.status_code == 400 and "This field is required." in response.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        personas.client("supervisor").post(url, {"decline-reason": "No officer is free that morning."})
    item.refresh_from_db()
    assert item.status == "declined" and mail.outbox[0].body.count("No officer is free that morning.") == 1
    again = personas.client("supervisor").post(url, {"decline-reason": "Twice"}, follow=True)
    assert "This request was already declined." in again.content.decode() and len(mail.outbox) == 1


def test_assigning_an_officer(personas):
    officer = make_officer(personas.cluster_a, user=personas["officer_a"])
    officer.teams.add(make_team(personas.cluster_a.sector.force))
    item = make_request()
    personas.client("officer_a").post(f"/engagement/requests/{item.pk}/assign/", {"assign-officer": officer.pk})
    item.refresh_from_db()
    assert item.status == "assigned" and item.assigned_to == officer and not mail.outbox


def test_the_queue_is_for_handlers_and_reading_a_request_is_audited(personas):
    make_officer(personas.cluster_a, user=personas["officer_a"]).teams.add(make_team(personas.cluster_a.sector.force))
    item = make_request(organisation="Private Forum Ltd")
    assert personas.client("partner_x").get(f"/engagement/requests/{item.pk}/").status_code == 403
    assert personas.client("analyst").get("/engagement/requests/").status_code == 403
    assert "Private Forum Ltd" in personas.client("officer_a").get("/engagement/requests/").content.decode()
    assert personas.client("officer_a").get(f"/engagement/requests/{item.pk}/").status_code == 200
    assert AuditEvent.objects.filter(action="view", object_type="engagement.attendancerequest").count() == 1


def test_officers_outside_the_business_team_neither_see_nor_work_the_queue(personas):
    business = make_team(personas.cluster_a.sector.force)
    residential = make_team(personas.cluster_a.sector.force, slug="residential", name="Residential")
    make_officer(personas.cluster_a, user=personas["officer_b"]).teams.add(residential)
    item = make_request(organisation="Private Forum Ltd")
    client = personas.client("officer_b")
    assert client.get("/engagement/requests/").status_code == 403
    assert client.get(f"/engagement/requests/{item.pk}/").status_code == 403
    assert client.post(f"/engagement/requests/{item.pk}/decline/", {"decline-reason": "No"}).status_code == 403
    assert "Requests for attendance" not in client.get("/engagement/").content.decode()
    personas["officer_b"].officer.teams.add(business)
    assert "Private Forum Ltd" in client.get("/engagement/requests/").content.decode()
    assert "Requests for attendance" in client.get("/engagement/").content.decode()


def test_a_failing_mail_server_loses_no_decision_email(personas, settings, django_capture_on_commit_callbacks):
    """The decision stands and its email waits in the outbox; it is sent once the server is back."""
    item = make_request()
    settings.EMAIL_BACKEND = "tests.workforce.failing_mail.FailingBackend"
    with django_capture_on_commit_callbacks(execute=True):
        response = personas.client("supervisor").post(
            f"/engagement/requests/{item.pk}/decline/", {"decline-reason": "No officer is free."}
        )
    item.refresh_from_db()
    email = OutboxEmail.objects.get(purpose="attendance")
    assert response.status_code == 302 and item.status == "declined"
    assert email.status == "pending" and email.attempts == 1 and "refused" in email.last_error and not mail.outbox
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    report = outbox.deliver_due(now=timezone.now() + timedelta(minutes=5))
    email.refresh_from_db()
    assert report.sent == 1 and email.status == "sent" and mail.outbox[0].to == ["pat@example.org"]
    assert "No officer is free." in mail.outbox[0].body


def test_the_admin_has_no_requests_for_attendance(personas):
    """Their personal data is read on the audited queue pages and their status changes through the verbs."""
    from django.contrib import admin

    from beatbook.engagement.models import AttendanceRequest

    assert not admin.site.is_registered(AttendanceRequest)
    assert personas.client("admin").get("/admin/engagement/attendancerequest/").status_code == 404
