"""Every safeguarding page still opens once a record's personal data is deleted at its MoPI review: the
person's link is not built from the emptied pseudonym, and nothing more is recorded on the record."""

from __future__ import annotations

import pytest
from django.utils import timezone

from beatbook.safeguarding.models import CaseReview, DashAssessment, MaracReferral
from tests.safeguarding.conftest import PERSON, marac_case, repeat_person, support_plan

pytestmark = pytest.mark.django_db
SECRET = "PRIVATE-DELETED-77aa"


@pytest.fixture
def deleted(personas):
    """A record of every kind, each deleted at review through the review page."""
    repeat_person(personas.cluster_a.wards.first())
    today = timezone.localdate()
    assessment = DashAssessment.objects.create(
        victim=PERSON, answers={}, score=15, level="high", notes=SECRET, review_date=today
    )
    MaracReferral.objects.create(assessment=assessment, referred_on=today, reason="high risk: DASH score 15")
    review = CaseReview.objects.create(
        person=PERSON, applied_on=today, threshold_met=True, threshold_reason="t", outcome=SECRET, review_date=today
    )
    records = {
        "dash": assessment,
        "case-review": review,
        "plan": support_plan(personas, SECRET, review_date=today),
        "marac-case": marac_case(personas, SECRET, review_date=today),
    }
    client = personas.client("safeguarding")
    for kind, record in records.items():
        response = client.post(f"/safeguarding/reviews/{kind}/{record.pk}/", {"decision": "remove", "reason": "MoPI"})
        assert response.status_code == 302, kind
        record.refresh_from_db()
        assert record.personal_data_removed, kind
    return records


def test_every_detail_page_opens_and_says_the_person_was_removed(personas, deleted):
    client = personas.client("safeguarding")
    pages = {
        "dash": f"/safeguarding/dash/{deleted['dash'].pk}/",
        "case-review": f"/safeguarding/case-reviews/{deleted['case-review'].pk}/",
        "plan": f"/safeguarding/plans/{deleted['plan'].pk}/",
        "marac-case": f"/safeguarding/marac/cases/{deleted['marac-case'].pk}/",
    }
    for kind, url in pages.items():
        response = client.get(url)
        assert response.status_code == 200, kind
        assert "Removed at review" in response.text and SECRET not in response.text, kind
        review = client.get(f"/safeguarding/reviews/{kind}/{deleted[kind].pk}/")
        assert review.status_code == 200 and "deleted at review" in review.text, kind
    partner = personas.client("partner_x").get(pages["marac-case"])
    assert partner.status_code == 200 and "Removed at review" in partner.text


def test_every_list_opens_after_deletion(personas, deleted):
    client = personas.client("safeguarding")
    for url in (
        "/safeguarding/",
        f"/safeguarding/person/{PERSON}/",
        "/safeguarding/marac/",
        "/safeguarding/marac/cases/",
        "/safeguarding/plans/",
        "/safeguarding/reviews/",
    ):
        response = client.get(url)
        assert response.status_code == 200 and SECRET not in response.text, url
    assert "(removed at review)" in client.get("/safeguarding/marac/").text


def test_nothing_more_is_recorded_on_a_deleted_record(personas, deleted):
    client = personas.client("safeguarding")
    review: CaseReview = deleted["case-review"]
    meeting = {"meeting_on": timezone.localdate().isoformat(), "partners_present": "Council", "outcome": SECRET}
    refused = client.post(f"/safeguarding/case-reviews/{review.pk}/", meeting)
    review.refresh_from_db()
    assert refused.status_code == 400 and "was deleted at review" in refused.text and review.outcome == ""
    assert "Record the meeting" not in client.get(f"/safeguarding/case-reviews/{review.pk}/").text
    day = timezone.localdate().isoformat()
    plan, case = deleted["plan"], deleted["marac-case"]
    action = {"form": "action", "text": SECRET, "owner_name": "Housing", "due_on": day}
    assert "was deleted at review" in client.post(f"/safeguarding/plans/{plan.pk}/", action, follow=True).text
    client.post(f"/safeguarding/marac/cases/{case.pk}/", action)
    assert not plan.actions.filter(text=SECRET).exists() and not case.actions.filter(text=SECRET).exists()
