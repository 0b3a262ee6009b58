"""A notification from entry to sent: the form, the fixed email, marking sent, timeliness, access and audit."""

from __future__ import annotations

import smtplib
from datetime import date, datetime, timedelta

import pytest
from django.core import mail
from django.utils import timezone

from beatbook.core.models import AuditEvent
from beatbook.schools import services
from beatbook.schools.models import NotificationStatus, SchoolNotification
from tests.schools.conftest import CHILD, LONDON, notification_for

pytestmark = pytest.mark.django_db


def test_the_form_opens_a_notification_due_before_the_next_school_day(personas, school):
    client = personas.client("safeguarding")
    form = {
        "incident_ref": "INC-77",
        "incident_date": "2025-03-14",
        "incident_time": "19:30",
        "school": school.pk,
        "child_name": CHILD,
        "year_group": "Year 2",
    }
    response = client.post("/schools/notifications/new/", form)
    notification = SchoolNotification.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/schools/notifications/{notification.pk}/"
    assert notification.due_at == datetime(2025, 3, 17, 9, 0, tzinfo=LONDON)
    assert notification.status == NotificationStatus.DUE and notification.review_date > timezone.localdate()
    assert AuditEvent.objects.filter(action="create", object_id=str(notification.pk)).exists()


def test_bad_entries_are_named(personas, school):
    future = (timezone.localdate() + timedelta(days=2)).isoformat()
    response = personas.client("safeguarding").post(
        "/schools/notifications/new/", {"incident_date": future, "incident_time": "25:00", "school": school.pk}
    )
    page = response.content.decode()
    assert response.status_code == 400 and "Enter a valid time." in page and "This field is required." in page
    response = personas.client("safeguarding").post(
        "/schools/notifications/new/",
        {
            "incident_ref": "X",
            "incident_date": future,
            "incident_time": "10:00",
            "school": school.pk,
            "child_name": "C",
        },
    )
    assert response.status_code == 400 and "is in the future" in response.content.decode()
    assert not SchoolNotification.objects.exists()


def test_the_email_says_only_what_the_school_needs(personas, school):
    notification = notification_for(school, personas)
    subject, text = services.message_of(notification)
    assert CHILD in text and "Friday 14 March 2025" in text and "19:30" in text and notification.reference in text
    assert "INC-2025-0314-001" not in text + subject  # the force's incident number stays with the force
    assert "No further details of the incident are shared." in text


def test_sending_emails_the_team_and_marks_it_sent_with_the_time(personas, school):
    notification = notification_for(school, personas, occurred_at=timezone.now() - timedelta(hours=1))
    # Due tomorrow whatever the clock says: the deadline's own rules are tested at their boundaries above.
    SchoolNotification.objects.filter(pk=notification.pk).update(due_at=timezone.now() + timedelta(days=1))
    response = personas.client("safeguarding").post(f"/schools/notifications/{notification.pk}/send/")
    notification.refresh_from_db()
    assert response.status_code == 302
    assert [m.to for m in mail.outbox] == [[school.team_email]] and CHILD in mail.outbox[0].body
    assert notification.status == NotificationStatus.SENT and notification.sent_at is not None
    assert notification.sent_by == personas["safeguarding"] and notification.sent_to == school.team_email
    event = AuditEvent.objects.get(action="share", object_id=str(notification.pk))
    assert event.detail["in_time"] is True and CHILD not in str(event.detail)
    again = personas.client("safeguarding").post(f"/schools/notifications/{notification.pk}/send/")
    assert again.status_code == 400 and "already sent" in again.content.decode() and len(mail.outbox) == 1


def test_a_mail_server_failure_sends_nothing_and_says_so(personas, school, monkeypatch):
    notification = notification_for(school, personas)

    def refuse(*args, **kwargs):
        raise smtplib.SMTPServerDisconnected("connection closed")

    monkeypatch.setattr(services, "send_mail", refuse)
    response = personas.client("safeguarding").post(f"/schools/notifications/{notification.pk}/send/")
    notification.refresh_from_db()
    assert response.status_code == 400 and "Nothing was marked sent" in response.content.decode()
    assert notification.status == NotificationStatus.DUE and notification.sent_at is None


def _sent(notification: SchoolNotification, at: datetime) -> None:
    SchoolNotification.objects.filter(pk=notification.pk).update(status="sent", sent_at=at)


def test_timeliness_counts_in_time_late_overdue_and_the_median(personas, school):
    friday = notification_for(school, personas)  # due Monday 17 March 09:00
    _sent(friday, datetime(2025, 3, 15, 10, 30, tzinfo=LONDON))  # 15 hours after the incident
    late = notification_for(school, personas, occurred_at=datetime(2025, 3, 18, 20, 0, tzinfo=LONDON))
    _sent(late, datetime(2025, 3, 19, 11, 0, tzinfo=LONDON))  # due 09:00 that day: 15 hours, late
    boundary = notification_for(school, personas, occurred_at=datetime(2025, 3, 20, 8, 0, tzinfo=LONDON))
    _sent(boundary, datetime(2025, 3, 20, 9, 0, tzinfo=LONDON))  # at 09:00: the day has started, late
    notification_for(school, personas, occurred_at=datetime(2025, 3, 21, 10, 0, tzinfo=LONDON))  # never sent
    result = services.timeliness(date(2025, 3, 1), date(2025, 3, 31))
    assert (result.total, result.sent_in_time, result.sent_late, result.overdue, result.waiting) == (4, 1, 2, 1, 0)
    assert result.share_in_time == pytest.approx(0.25) and result.median_hours == pytest.approx(15.0)


def test_supervisors_see_the_counts_and_no_names(personas, school):
    notification = notification_for(school, personas)
    _sent(notification, datetime(2025, 3, 15, 10, 30, tzinfo=LONDON))
    response = personas.client("supervisor").get("/schools/notifications/timeliness/?first=2025-03-01&last=2025-03-31")
    page = response.content.decode()
    assert response.status_code == 200 and "100%" in page and "15.0 hours" in page
    assert CHILD not in page and school.name not in page and school.team_email not in page
    assert AuditEvent.objects.filter(user=personas["supervisor"], detail__listing="timeliness").exists()
    bad = personas.client("supervisor").get("/schools/notifications/timeliness/?first=2025-04-01&last=2025-03-01")
    assert bad.status_code == 400 and "before its start" in bad.content.decode()


def test_timeliness_counts_real_notifications_only_and_synthetic_ones_apart_under_the_banner(personas, school):
    real = notification_for(school, personas)
    _sent(real, datetime(2025, 3, 15, 10, 30, tzinfo=LONDON))  # in time
    made_up = notification_for(school, personas, occurred_at=datetime(2025, 3, 18, 20, 0, tzinfo=LONDON))
    SchoolNotification.objects.filter(pk=made_up.pk).update(synthetic=True)  # as the synthetic log opens them
    _sent(made_up, datetime(2025, 3, 19, 11, 0, tzinfo=LONDON))  # late
    first, last = date(2025, 3, 1), date(2025, 3, 31)
    real_counts, synthetic = services.timeliness(first, last), services.timeliness(first, last, synthetic=True)
    assert (real_counts.total, real_counts.sent_in_time, real_counts.sent_late) == (1, 1, 0)
    assert (synthetic.total, synthetic.sent_in_time, synthetic.sent_late) == (1, 0, 1)
    page = personas.client("supervisor").get(f"/schools/notifications/timeliness/?first={first}&last={last}").text
    real_part, _, synthetic_part = page.partition("synthetic incident log")
    assert "100%" in real_part and "Synthetic records" not in real_part
    assert "Synthetic records" in synthetic_part and "Sent late</th><td>1<" in synthetic_part


def test_a_period_of_synthetic_notifications_only_shows_no_real_counts(personas, school):
    made_up = notification_for(school, personas)
    SchoolNotification.objects.filter(pk=made_up.pk).update(synthetic=True)
    page = personas.client("supervisor").get("/schools/notifications/timeliness/?first=2025-03-01&last=2025-03-31")
    assert "No notifications for incidents in this period." in page.text and "Synthetic records" in page.text


@pytest.mark.parametrize("query", ["last=0001-01-05", "first=0001-01-01&last=0001-01-05", "last=9999-12-31"])
def test_a_date_out_of_range_is_refused_with_a_message(personas, query):
    response = personas.client("supervisor").get(f"/schools/notifications/timeliness/?{query}")
    assert response.status_code == 400 and "Enter a date between 1 January 2000 and 31 December 2999" in response.text


@pytest.mark.parametrize("persona", ["officer_a", "supervisor", "intelligence", "admin", "partner_x"])
def test_someone_elses_notification_is_refused_without_the_child(personas, school, persona):
    notification = notification_for(school, personas)
    for url in (f"/schools/notifications/{notification.pk}/", f"/schools/{school.pk}/"):
        response = personas.client(persona).get(url)
        assert response.status_code == 403 and CHILD not in response.content.decode()
    assert SchoolNotification.objects.visible_to(personas[persona]).count() == 0


def test_a_notification_that_does_not_exist_is_404(personas):
    assert personas.client("safeguarding").get("/schools/notifications/999999/").status_code == 404


def test_every_view_and_change_of_the_register_is_audited(personas, school):
    client = personas.client("safeguarding")
    notification = notification_for(school, personas)
    client.get(f"/schools/notifications/{notification.pk}/")
    client.get("/schools/notifications/")
    client.get(f"/schools/{school.pk}/")
    data = {
        "name": school.name,
        "ward": school.ward.pk,
        "phases": ["primary", "nursery"],
        "key_adult": "B. Head",
        "team_email": "dsl@example-school.invalid",
        "active": "on",
    }
    assert client.post(f"/schools/{school.pk}/", data).status_code == 302
    school.refresh_from_db()
    assert school.key_adult == "B. Head" and school.phases == ["primary", "nursery"]
    events = AuditEvent.objects.filter(user=personas["safeguarding"])
    assert events.filter(action="view", object_id=str(notification.pk)).exists()
    assert events.filter(action="view", detail__listing="notifications").exists()
    assert events.filter(action="change", object_type="schools.school", changes__has_key="key_adult").exists()


def test_a_bad_urn_and_a_closure_ending_before_it_starts_are_named(personas, school):
    client = personas.client("safeguarding")
    response = client.post("/schools/", {"name": "New", "urn": "12ab", "ward": school.ward.pk, "phases": ["primary"]})
    assert response.status_code == 400 and "A URN is six or seven digits." in response.content.decode()
    response = client.post(
        "/schools/closures/", {"name": "Half term", "first_day": "2025-02-21", "last_day": "2025-02-17"}
    )
    assert response.status_code == 400 and "The last day is before the first." in response.content.decode()
    response = client.post(
        "/schools/closures/", {"name": "Half term", "first_day": "2025-02-17", "last_day": "2025-02-21"}
    )
    assert response.status_code == 302


def test_retention_removes_the_child_and_keeps_the_counts(personas, school, rf):
    from beatbook.core import retention

    notification = notification_for(school, personas)
    request = rf.post("/")
    request.user = personas["safeguarding"]
    retention.remove_personal_data(notification, request, reason="Review: no longer needed")
    notification.refresh_from_db()
    assert notification.child_name == "" and notification.personal_data_removed
    assert services.timeliness(date(2025, 3, 1), date(2025, 3, 31)).total == 1
    event = AuditEvent.objects.get(action="delete", object_id=str(notification.pk))
    assert "child_name" in event.detail["fields"] and CHILD not in str(event.detail)


def test_editing_a_school_audits_each_change_with_its_value_before(personas, school):
    other_ward = personas.cluster_a.wards.order_by("name").last()
    fields = {"name": "Renamed Primary", "ward": other_ward.pk, "phases": ["primary"], "key_adult": school.key_adult}
    response = personas.client("safeguarding").post(
        f"/schools/{school.pk}/", {**fields, "team_email": school.team_email, "active": "on"}
    )
    assert response.status_code == 302
    event = AuditEvent.objects.get(action="change", object_type="schools.school")
    assert event.changes["name"] == ["Example Primary School", "Renamed Primary"]
    assert event.changes["ward"] == [str(school.ward), str(other_ward)]
