"""Who sees what, the audit of each access, the banner, and the DASH form leading to a MARAC referral."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest
from django.utils import timezone

from beatbook.core.models import AuditAction, AuditEvent
from beatbook.safeguarding.models import CaseReview, DashAssessment, Incident, MaracReferral
from beatbook.safeguarding.services import incidents_needing_school_notification
from tests.personas import PERSONAS
from tests.safeguarding.conftest import PERSON, incident, repeat_person, stored_log

pytestmark = pytest.mark.django_db
SECRET = "PRIVATE-LOCATION-91ab"


@pytest.fixture
def person(personas):
    return repeat_person(personas.cluster_a.wards.first(), SECRET)


def dash_answers(yes: int) -> dict[str, str]:
    return {f"q{n}": "yes" if n <= yes else "no" for n in range(1, 28)}


def test_visible_to_only_the_safeguarding_role(personas, person):
    for name in PERSONAS:
        seen = Incident.objects.visible_to(personas.users.get(name)).count()
        assert seen == (3 if name == "safeguarding" else 0), name


def test_the_register_lists_the_repeat_person_with_the_banner(personas, person):
    page = personas.client("safeguarding").get("/safeguarding/").text
    assert PERSON in page and "Synthetic records" in page
    assert AuditEvent.objects.filter(action=AuditAction.VIEW, object_type="safeguarding.register").exists()


def test_others_see_counts_by_ward_and_nothing_personal(personas, person):
    for name in PERSONAS:
        client = personas.client(name)
        for url in ("/safeguarding/", f"/safeguarding/person/{PERSON}/", "/safeguarding/counts/"):
            page = client.get(url).content.decode()
            if name != "safeguarding":
                assert SECRET not in page and PERSON not in page, (name, url)
    counts = personas.client("analyst").get("/safeguarding/counts/").text
    ward = personas.cluster_a.wards.first().name
    assert f"<td>{ward}</td><td>1</td><td>1</td>" in counts and "Synthetic records" in counts


def test_a_person_unknown_to_the_log_is_404(personas, person):
    assert personas.client("safeguarding").get("/safeguarding/person/SYN-V999/").status_code == 404
    page = personas.client("safeguarding").get(f"/safeguarding/person/{PERSON}/")
    assert page.status_code == 200 and SECRET in page.text
    event = AuditEvent.objects.get(object_type="safeguarding.person")
    assert event.object_id == PERSON and event.username == "safeguarding"


def test_a_high_dash_score_is_referred_to_the_marac_and_audited(personas, person):
    client = personas.client("safeguarding")
    response = client.post("/safeguarding/dash/new/", {"victim": PERSON, "incident": "INC-0000", **dash_answers(14)})
    assessment = DashAssessment.objects.get()
    assert response.status_code == 302 and (assessment.score, assessment.level) == (14, "high")
    assert assessment.synthetic and assessment.incident_ref == "INC-0000"
    assert MaracReferral.objects.get().reason == "high risk: DASH score 14"
    page = client.get(response["Location"]).text
    assert "Referred to the MARAC" in page and "Synthetic records" in page
    actions = set(
        AuditEvent.objects.filter(object_type__startswith="safeguarding.").values_list("object_type", "action")
    )
    assert {("safeguarding.dashassessment", "create"), ("safeguarding.maracreferral", "create")} <= actions
    assert ("safeguarding.dashassessment", "view") in actions


def test_medium_is_not_referred_unless_judgement_raises_it_with_a_reason(personas, person):
    client = personas.client("safeguarding")
    client.post("/safeguarding/dash/new/", {"victim": PERSON, **dash_answers(13)})
    assert DashAssessment.objects.get().level == "medium" and not MaracReferral.objects.exists()
    no_reason = client.post("/safeguarding/dash/new/", {"victim": PERSON, "override_level": "high", **dash_answers(3)})
    assert no_reason.status_code == 400 and "Give the reason" in no_reason.text
    client.post(
        "/safeguarding/dash/new/",
        {"victim": PERSON, "override_level": "high", "override_reason": "Threats to kill", **dash_answers(3)},
    )
    referral = MaracReferral.objects.get()
    assert referral.reason == "professional judgement (override)" and referral.assessment.final_level == "high"


def test_a_dash_form_with_a_wrong_incident_names_the_field(personas, person):
    response = personas.client("safeguarding").post(
        "/safeguarding/dash/new/", {"victim": PERSON, "incident": "NOPE", **dash_answers(0)}
    )
    assert response.status_code == 400 and "No incident &#x27;NOPE&#x27; is in the imported log." in response.text


def test_someone_elses_assessment_is_404(personas, person):
    assessment = DashAssessment.objects.create(
        victim=PERSON, answers={}, score=0, level="standard", review_date=timezone.localdate()
    )
    for name in ("officer_a", "supervisor", "analyst"):
        assert personas.client(name).get(f"/safeguarding/dash/{assessment.pk}/").status_code == 403
    assert DashAssessment.objects.visible_to(personas.users.get("supervisor")).count() == 0


def test_a_case_review_application_judges_the_threshold_and_records_the_meeting(personas, person):
    client = personas.client("safeguarding")
    response = client.post("/safeguarding/case-reviews/new/", {"person": PERSON, "applied_on": "2025-07-01"})
    review = CaseReview.objects.get()
    assert response.status_code == 302 and review.threshold_met and review.synthetic
    bad = client.post(f"/safeguarding/case-reviews/{review.pk}/", {"meeting_on": "20/07/2025"})
    assert bad.status_code == 400 and "field-error" in bad.text and "This field is required" in bad.text
    meeting = {"meeting_on": "2025-07-20", "partners_present": "Council, housing", "outcome": "Mediation offered"}
    client.post(f"/safeguarding/case-reviews/{review.pk}/", meeting)
    review.refresh_from_db()
    assert review.status == "closed" and review.outcome == "Mediation offered"


def test_retention_removes_the_personal_data_of_an_assessment(personas, person):
    from beatbook.core.retention import remove_personal_data

    assessment = DashAssessment.objects.create(
        victim=PERSON, answers={}, score=0, level="standard", notes=SECRET, review_date=timezone.localdate()
    )
    remove_personal_data(assessment, None, reason="MoPI review", user=personas.users.get("safeguarding"))
    assessment.refresh_from_db()
    assert assessment.victim == assessment.notes == "" and assessment.personal_data_removed
    assert AuditEvent.objects.get(action=AuditAction.DELETE).detail["fields"] == ["victim", "notes"]


def test_the_school_notification_hook_gives_domestic_abuse_with_children(personas, person):
    log = person[0].log
    later = person[-1].occurred_at + timedelta(days=1)
    from tests.safeguarding.conftest import incident

    wanted = incident(log, 50, later, domestic_abuse=True, children_present=True, asb=False)
    incident(log, 51, later, domestic_abuse=True, children_present=False, asb=False)
    assert list(incidents_needing_school_notification()) == [wanted]


def test_every_record_kind_decides_synthetic_by_the_one_rule(personas):
    """A DASH assessment of someone in a synthetic incident, and a case review of a synthetic pseudonym with
    no incident yet, are synthetic, as support plans and MARAC cases already were."""
    log = stored_log(synthetic=True)
    incident(log, 1, timezone.now() - timedelta(days=3), victim="V-PSEUDO-7", caller="V-PSEUDO-7")
    incident(log, 2, timezone.now() - timedelta(days=3), victim="SYN-V999", caller="", synthetic=False)
    incident(log, 3, timezone.now() - timedelta(days=3), victim="V-REAL-1", caller="", synthetic=False)
    client = personas.client("safeguarding")
    client.post("/safeguarding/dash/new/", {"victim": "V-PSEUDO-7", **dash_answers(0)})
    client.post("/safeguarding/case-reviews/new/", {"person": "SYN-V999", "applied_on": "2025-07-01"})
    assert DashAssessment.objects.get(victim="V-PSEUDO-7").synthetic
    assert CaseReview.objects.get(person="SYN-V999").synthetic
    client.post("/safeguarding/dash/new/", {"victim": "V-REAL-1", **dash_answers(0)})
    assert not DashAssessment.objects.get(victim="V-REAL-1").synthetic


def test_a_case_review_is_judged_on_the_complaints_before_its_date(personas, person):
    """PERSON's complaints are of 1 March, 31 March and 30 April 2025: six months before 1 October 2025
    holds only the last; before 1 September 2025 all three."""
    client = personas.client("safeguarding")
    client.post("/safeguarding/case-reviews/new/", {"person": PERSON, "applied_on": "2025-10-01"})
    late = CaseReview.objects.get()
    assert (
        not late.threshold_met and "1 ASB complaint(s) in the 6 months before the application" in late.threshold_reason
    )
    assert "2 outside that window not counted" in late.threshold_reason
    CaseReview.objects.filter(pk=late.pk).update(status="closed")
    client.post("/safeguarding/case-reviews/new/", {"person": PERSON, "applied_on": "2025-09-01"})
    assert CaseReview.objects.get(applied_on="2025-09-01").threshold_met


def test_the_application_window_is_counted_in_local_days(personas):
    """00:30 on 10 June 2025 in London is 23:30 on 9 June in UTC: it is a complaint of 10 June."""
    log = stored_log()
    for n, day in enumerate((10, 11, 12)):
        when = timezone.make_aware(datetime(2025, 6, day, 0, 30))
        incident(log, n, when)
    client = personas.client("safeguarding")
    client.post("/safeguarding/case-reviews/new/", {"person": PERSON, "applied_on": "2025-12-10"})
    assert CaseReview.objects.get().threshold_met


def test_a_closed_case_review_shows_no_meeting_form_and_refuses_a_second_recording(personas, person):
    client = personas.client("safeguarding")
    client.post("/safeguarding/case-reviews/new/", {"person": PERSON, "applied_on": "2025-07-01"})
    review = CaseReview.objects.get()
    url = f"/safeguarding/case-reviews/{review.pk}/"
    client.post(url, {"meeting_on": "2025-07-20", "partners_present": "Council, housing", "outcome": ""})
    continuing = client.get(url).text
    assert "Record the outcome" in continuing and 'value="Council, housing"' in continuing
    client.post(url, {"meeting_on": "2025-07-20", "partners_present": "Council, housing", "outcome": "Mediation"})
    review.refresh_from_db()
    assert review.status == "closed" and review.outcome == "Mediation"
    page = client.get(url).text
    assert "Record the" not in page and '<form method="post"' not in page.split("<h1>", 1)[1]
    again = client.post(url, {"meeting_on": "2025-08-01", "partners_present": "Nobody", "outcome": "Overwritten"})
    review.refresh_from_db()
    assert again.status_code == 400 and "is recorded and the review is closed" in again.text
    assert (review.outcome, review.partners_present) == ("Mediation", "Council, housing")


def test_the_register_is_paged_keeping_the_other_lists_pages(personas):
    """30 repeat victims and callers: 25 a page, each list paged by its own parameter."""
    log = stored_log()
    start = timezone.make_aware(datetime(2025, 3, 1, 20, 0))
    for person_number in range(30):
        for n in range(3):
            who = f"SYN-V{person_number:03d}"
            incident(log, person_number * 3 + n, start + timedelta(days=n), victim=who, caller=who)
    client = personas.client("safeguarding")
    first = client.get("/safeguarding/").text
    assert "Repeat victims (30)" in first and first.count('<td class="pseudonym">') == 75
    assert 'href="?victims=2#victims"' in first and "Page 1 of 2" in first
    second = client.get("/safeguarding/?callers=2&victims=2").text
    assert 'href="?callers=2&amp;victims=1#victims"' in second and 'href="?victims=2&amp;callers=1#callers"' in second
    assert second.count('<td class="pseudonym">') == 5 + 5 + 25
    assert client.get("/safeguarding/?victims=nonsense").status_code == 200
    assert AuditEvent.objects.filter(object_type="safeguarding.register", action=AuditAction.VIEW).count() == 3
