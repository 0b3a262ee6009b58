"""The MoPI review queue: every kind the safeguarding role keeps, due records only; keep with a reason or
delete the personal data, leaving the record's skeleton and an audit entry."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from beatbook.core.models import AuditEvent
from beatbook.missing.models import MissingBriefing
from beatbook.safeguarding.models import DashAssessment, MaracCase, SupportPlan
from beatbook.schools.models import SchoolNotification
from tests.missing.conftest import active_briefing
from tests.safeguarding.conftest import PERSON, marac_case, support_plan
from tests.schools.conftest import notification_for, school_in

pytestmark = pytest.mark.django_db
SECRET = "PRIVATE-REVIEW-0c1f"


@pytest.fixture
def due(personas):
    today = timezone.localdate()
    plan = support_plan(personas, SECRET, review_date=today)
    case = marac_case(personas, SECRET, review_date=today - timedelta(days=1))
    notification = notification_for(school_in(personas.cluster_a.wards.first()), personas, child_name=SECRET)
    SchoolNotification.objects.filter(pk=notification.pk).update(review_date=today)
    briefing = active_briefing(personas.cluster_a, name=SECRET)
    MissingBriefing.objects.filter(pk=briefing.pk).update(review_date=today)
    later = DashAssessment.objects.create(
        victim=PERSON, answers={}, score=0, level="standard", review_date=today + timedelta(days=30)
    )
    return {"plan": plan, "case": case, "notification": notification, "briefing": briefing, "later": later}


def test_the_queue_lists_each_kind_due_and_nothing_else(personas, due):
    page = personas.client("safeguarding").get("/safeguarding/reviews/").text
    for label in ("Support plan", "Community MARAC case", "School notification", "Missing-person briefing"):
        assert label in page, label
    assert f"/safeguarding/reviews/plan/{due['plan'].pk}/" in page
    assert f"/safeguarding/reviews/dash/{due['later'].pk}/" not in page  # not due yet
    assert AuditEvent.objects.filter(object_type="safeguarding.review", action="view").exists()
    for name in ("officer_a", "supervisor", "partner_x", "intelligence"):
        assert personas.client(name).get("/safeguarding/reviews/").status_code == 403, name


def test_deleting_after_review_removes_personal_data_and_is_audited(personas, due):
    client = personas.client("safeguarding")
    case: MaracCase = due["case"]
    bad = client.post(f"/safeguarding/reviews/marac-case/{case.pk}/", {"decision": "keep", "reason": "x"})
    assert bad.status_code == 400 and "Give the next review date" in bad.text
    response = client.post(
        f"/safeguarding/reviews/marac-case/{case.pk}/", {"decision": "remove", "reason": "No longer needed"}
    )
    case.refresh_from_db()
    assert response.status_code == 302 and case.personal_data_removed
    assert case.victim == case.risk_notes == case.outcome == case.shared_summary == ""
    assert all(SECRET not in a.text for a in case.actions.all())
    event = AuditEvent.objects.get(action="delete", object_type="safeguarding.maraccase")
    assert event.username == "safeguarding" and SECRET not in str(event.detail) and "victim" in event.detail["fields"]
    assert f"/safeguarding/reviews/marac-case/{case.pk}/" not in client.get("/safeguarding/reviews/").text
    again = client.post(f"/safeguarding/reviews/marac-case/{case.pk}/", {"decision": "remove", "reason": "Again"})
    assert again.status_code == 400 and "already deleted at review" in again.text
    assert AuditEvent.objects.filter(action="delete", object_type="safeguarding.maraccase").count() == 1


def test_the_queue_refuses_to_delete_an_active_briefing_as_the_briefing_page_does(personas, due):
    client = personas.client("safeguarding")
    briefing: MissingBriefing = due["briefing"]
    url = f"/safeguarding/reviews/missing-briefing/{briefing.pk}/"
    refused = client.post(url, {"decision": "remove", "reason": "r"})
    briefing.refresh_from_db()
    assert refused.status_code == 400 and "The briefing is still active" in refused.text
    assert briefing.name == SECRET and not briefing.personal_data_removed
    MissingBriefing.objects.filter(pk=briefing.pk).update(found_at=timezone.now())
    assert client.post(url, {"decision": "remove", "reason": "Found safe"}).status_code == 302
    briefing.refresh_from_db()
    assert briefing.name == "" and bytes(briefing.photo) == b"" and briefing.personal_data_removed


def test_keeping_sets_a_new_review_date(personas, due):
    plan: SupportPlan = due["plan"]
    until = (timezone.localdate() + timedelta(days=180)).isoformat()
    personas.client("safeguarding").post(
        f"/safeguarding/reviews/plan/{plan.pk}/", {"decision": "keep", "next_review": until, "reason": "Still open"}
    )
    plan.refresh_from_db()
    assert plan.review_date.isoformat() == until and plan.review_reason == "Still open" and SECRET in plan.summary


def test_an_unknown_kind_or_record_is_404(personas, due):
    client = personas.client("safeguarding")
    assert client.get("/safeguarding/reviews/intel/1/").status_code == 404
    assert client.get("/safeguarding/reviews/plan/9999/").status_code == 404


def test_the_review_page_summarises_the_record_and_links_to_it(personas, due):
    client = personas.client("safeguarding")
    assessment = DashAssessment.objects.create(
        victim=PERSON, answers={}, score=12, level="medium", review_date=timezone.localdate()
    )
    page = client.get(f"/safeguarding/reviews/dash/{assessment.pk}/").text
    title = f"DASH assessment {assessment.pk}"
    assert f"<h1>Review: {title}</h1>" in page and f"DASH assessment {title}" not in page
    assert f'<a href="/safeguarding/dash/{assessment.pk}/">Open {title}</a>' in page
    assert PERSON in page and "score 12, Medium risk" in page and "Referred to the MARAC</dt><dd>No" in page
    event = AuditEvent.objects.get(object_type="safeguarding.dashassessment", object_id=str(assessment.pk))
    assert event.action == "view" and event.detail == {"view": "review"}
    expected = {
        "plan": (due["plan"], f"/safeguarding/plans/{due['plan'].pk}/", "Open actions"),
        "marac-case": (due["case"], f"/safeguarding/marac/cases/{due['case'].pk}/", "Meeting"),
        "school-notification": (
            due["notification"],
            f"/schools/notifications/{due['notification'].pk}/",
            "School",
        ),
        "missing-briefing": (due["briefing"], f"/missing/{due['briefing'].pk}/", "Last seen"),
    }
    for kind, (record, url, fact) in expected.items():
        page = client.get(f"/safeguarding/reviews/{kind}/{record.pk}/").text
        assert f'<a href="{url}">Open ' in page and f"<dt>{fact}</dt>" in page, kind
        assert client.get(url).status_code == 200, kind
    assert (
        "<h1>Review: Community MARAC case MC-" in client.get(f"/safeguarding/reviews/marac-case/{due['case'].pk}/").text
    )
