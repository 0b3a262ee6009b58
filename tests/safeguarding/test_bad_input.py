"""Bad input is refused with a message under the field it is about, and nothing is stored: a name or an
unknown pseudonym for a person of the log, dates out of place, a second open application."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from beatbook.safeguarding.models import CaseReview, DashAssessment, MaracCase, SupportPlan
from tests.safeguarding.conftest import PERSON, marac_case, repeat_person, support_plan
from tests.safeguarding.test_pages import dash_answers

pytestmark = pytest.mark.django_db
NOT_A_PSEUDONYM = "is not a pseudonym: give the one the incident log uses"
NOT_IN_THE_LOG = "No incident of the imported log involves"


@pytest.fixture
def client(personas):
    repeat_person(personas.cluster_a.wards.first())
    return personas.client("safeguarding")


def _day(days: int) -> str:
    return (timezone.localdate() + timedelta(days=days)).isoformat()


def _field_error(response, label: str, message: str) -> bool:
    """Whether `message` is the error of the field labelled `label` (the field's block holds both)."""
    blocks = response.text.split('<div class="field">')
    return any(f">{label}</label>" in block and message in block for block in blocks)


@pytest.mark.parametrize(("victim", "message"), [("Jane Smith", NOT_A_PSEUDONYM), ("NOBODY-XYZ", NOT_IN_THE_LOG)])
def test_a_dash_assessment_of_someone_not_in_the_log_is_refused(client, victim, message):
    response = client.post("/safeguarding/dash/new/", {"victim": victim, **dash_answers(3)})
    assert response.status_code == 400 and _field_error(response, "Victim", message)
    assert not DashAssessment.objects.exists()


def test_a_case_review_for_someone_not_in_the_log_is_refused(client):
    response = client.post("/safeguarding/case-reviews/new/", {"person": "NOBODY-XYZ", "applied_on": _day(0)})
    assert response.status_code == 400 and _field_error(response, "Person", NOT_IN_THE_LOG)
    assert not CaseReview.objects.exists()


@pytest.mark.parametrize(
    ("applied_on", "message"),
    [
        ("0001-01-01", "before the ASB Case Review began (20 October 2014)"),
        ("2014-10-19", "before the ASB Case Review began"),
        ("2031-01-01", "The application date is in the future"),
    ],
)
def test_a_case_review_dated_out_of_range_is_refused(client, applied_on, message):
    response = client.post("/safeguarding/case-reviews/new/", {"person": PERSON, "applied_on": applied_on})
    assert response.status_code == 400 and _field_error(response, "Applied on", message)
    assert not CaseReview.objects.exists()


def test_the_first_and_last_days_an_application_may_be_dated(client):
    assert (
        client.post("/safeguarding/case-reviews/new/", {"person": PERSON, "applied_on": "2014-10-20"}).status_code
        == 302
    )
    CaseReview.objects.update(status="closed")
    assert client.post("/safeguarding/case-reviews/new/", {"person": PERSON, "applied_on": _day(0)}).status_code == 302


def test_a_second_application_while_one_is_open_is_refused(client):
    client.post("/safeguarding/case-reviews/new/", {"person": PERSON, "applied_on": "2025-07-01"})
    first = CaseReview.objects.get()
    again = client.post("/safeguarding/case-reviews/new/", {"person": PERSON, "applied_on": "2025-07-02"})
    message = f"{PERSON} already has an open application (ASB Case Review {first.pk}, applied on 1 July 2025)"
    assert again.status_code == 400 and _field_error(again, "Person", message)
    CaseReview.objects.update(status="meeting")
    assert (
        client.post("/safeguarding/case-reviews/new/", {"person": PERSON, "applied_on": "2025-07-02"}).status_code
        == 400
    )
    CaseReview.objects.update(status="closed")
    assert (
        client.post("/safeguarding/case-reviews/new/", {"person": PERSON, "applied_on": "2025-07-02"}).status_code
        == 302
    )


@pytest.mark.parametrize(
    ("meeting_on", "message"),
    [
        ("2025-06-30", "The meeting date is before the application (1 July 2025)"),
        (_day(1), "The meeting date is in the future"),
    ],
)
def test_a_review_meeting_dated_before_its_application_or_in_the_future_is_refused(client, meeting_on, message):
    client.post("/safeguarding/case-reviews/new/", {"person": PERSON, "applied_on": "2025-07-01"})
    review = CaseReview.objects.get()
    meeting = {"meeting_on": meeting_on, "partners_present": "Council", "outcome": "Mediation"}
    response = client.post(f"/safeguarding/case-reviews/{review.pk}/", meeting)
    review.refresh_from_db()
    assert response.status_code == 400 and _field_error(response, "Meeting on", message)
    assert review.status == "applied" and review.meeting_on is None
    on_the_day = {**meeting, "meeting_on": "2025-07-01"}
    assert client.post(f"/safeguarding/case-reviews/{review.pk}/", on_the_day).status_code == 302


def test_a_plan_for_someone_not_in_the_log_or_reviewed_in_the_past_is_refused(personas, client):
    owner = personas["safeguarding"].pk
    form = {"victim": "Jane Smith", "summary": "Feel safe", "owner": owner, "next_review_on": "2019-05-01"}
    response = client.post("/safeguarding/plans/new/", form)
    assert response.status_code == 400 and _field_error(response, "Victim", NOT_A_PSEUDONYM)
    assert _field_error(response, "Next review", "The next review is in the past (1 May 2019)")
    assert not SupportPlan.objects.exists()
    assert (
        client.post("/safeguarding/plans/new/", {**form, "victim": PERSON, "next_review_on": _day(0)}).status_code
        == 302
    )


def test_an_action_due_in_the_past_is_refused_on_a_plan_and_a_case(personas, client):
    plan, case = support_plan(personas), marac_case(personas)
    action = {"form": "action", "text": "Fit a doorbell", "owner_name": "Housing", "due_on": "2019-03-01"}
    for url, record in ((f"/safeguarding/plans/{plan.pk}/", plan), (f"/safeguarding/marac/cases/{case.pk}/", case)):
        before = record.actions.count()
        response = client.post(url, action)
        assert response.status_code == 400 and _field_error(
            response, "Due", "The due date is in the past (1 March 2019)"
        )
        assert record.actions.count() == before
        assert client.post(url, {**action, "due_on": _day(0)}).status_code == 302
        assert record.actions.count() == before + 1


def test_an_open_plan_reviewed_to_a_past_date_is_refused(personas, client):
    plan = support_plan(personas)
    review = {"form": "review", "next_review_on": "2019-01-01", "status": "open"}
    response = client.post(f"/safeguarding/plans/{plan.pk}/", review)
    assert response.status_code == 400 and _field_error(
        response, "Next review", "The next review of an open plan is in the past"
    )
    closing = client.post(f"/safeguarding/plans/{plan.pk}/", {**review, "status": "closed"})
    plan.refresh_from_db()
    assert closing.status_code == 302 and plan.status == "closed"


def test_a_marac_case_for_someone_not_in_the_log_is_refused(personas, client):
    form = {"victim": "NOBODY-XYZ", "meeting_on": _day(7), "shared_summary": "Threats at the entrance"}
    response = client.post("/safeguarding/marac/cases/new/", form)
    assert response.status_code == 400 and _field_error(response, "Victim", NOT_IN_THE_LOG)
    assert not MaracCase.objects.exists()
