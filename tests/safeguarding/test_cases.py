"""Support plans and Community MARAC cases: the pages, what a partner sees (shared fields, their own
actions), someone else's case or action is 404, and every access and change audited."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from beatbook.core.models import AuditEvent
from beatbook.safeguarding.models import MaracAction, MaracCase, SupportPlan
from tests.safeguarding.conftest import PERSON, incident, marac_case, repeat_person, support_plan

pytestmark = pytest.mark.django_db
SECRET = "PRIVATE-CASE-52de"


def _day(days: int) -> str:
    return (timezone.localdate() + timedelta(days=days)).isoformat()


def test_a_support_plan_with_actions_owner_and_review(personas):
    repeat_person(personas.cluster_a.wards.first())
    client = personas.client("safeguarding")
    owner = personas["safeguarding"]
    bad = client.post("/safeguarding/plans/new/", {"victim": PERSON, "owner": owner.pk, "next_review_on": "soon"})
    assert bad.status_code == 400 and "Enter a valid date." in bad.text and "This field is required." in bad.text
    form = {"victim": PERSON, "summary": "Wants to feel safe", "owner": owner.pk, "next_review_on": _day(28)}
    response = client.post("/safeguarding/plans/new/", form)
    plan = SupportPlan.objects.get()
    assert response.status_code == 302 and plan.synthetic and plan.owner == owner
    client.post(
        f"/safeguarding/plans/{plan.pk}/", {"form": "action", "text": "Fit a doorbell", "owner_name": "Housing"}
    )
    assert not plan.actions.exists()  # the due date is missing
    client.post(
        f"/safeguarding/plans/{plan.pk}/",
        {"form": "action", "text": "Fit a doorbell", "owner_name": "Housing", "due_on": _day(7)},
    )
    action = plan.actions.get()
    client.post(f"/safeguarding/plans/{plan.pk}/", {"done": action.pk})
    client.post(f"/safeguarding/plans/{plan.pk}/", {"form": "review", "next_review_on": _day(56), "status": "closed"})
    action.refresh_from_db()
    plan.refresh_from_db()
    assert action.done_on == timezone.localdate() and plan.status == "closed"
    page = client.get(f"/safeguarding/plans/{plan.pk}/").text
    assert "Fit a doorbell" in page and "Synthetic records" in page
    kinds = set(
        AuditEvent.objects.filter(
            object_type__in=["safeguarding.supportplan", "safeguarding.supportaction"]
        ).values_list("object_type", "action")
    )
    assert kinds == {
        ("safeguarding.supportplan", "create"),
        ("safeguarding.supportplan", "change"),
        ("safeguarding.supportplan", "view"),
        ("safeguarding.supportaction", "create"),
        ("safeguarding.supportaction", "change"),
    }


def test_plans_are_the_safeguarding_roles_only(personas):
    plan = support_plan(personas, SECRET)
    for name in ("officer_a", "supervisor", "partner_x", "analyst"):
        response = personas.client(name).get(f"/safeguarding/plans/{plan.pk}/")
        assert response.status_code == 403 and SECRET not in response.text, name
    assert personas.client("safeguarding").get("/safeguarding/plans/999/").status_code == 404


def test_a_marac_case_opened_with_partners_and_actions(personas):
    repeat_person(personas.cluster_a.wards.first())
    client = personas.client("safeguarding")
    form = {
        "victim": PERSON,
        "meeting_on": _day(7),
        "shared_summary": "Threats at a shared entrance",
        "risk_notes": SECRET,
        "organisations": [personas.organisation_x.pk],
    }
    response = client.post("/safeguarding/marac/cases/new/", form)
    case = MaracCase.objects.get()
    assert response.status_code == 302 and list(case.organisations.all()) == [personas.organisation_x]
    action = {"form": "action", "text": "Patrol the entrance", "owner_name": "Y lead", "due_on": _day(14)}
    client.post(f"/safeguarding/marac/cases/{case.pk}/", {**action, "organisation": personas.organisation_y.pk})
    assert case.attendances.count() == 2  # Y is invited by its action
    meeting = {"form": "meeting", "attended": [personas.organisation_x.pk], "outcome": SECRET, "status": "open"}
    client.post(f"/safeguarding/marac/cases/{case.pk}/", meeting)
    attended = {a.organisation.name: a.attended for a in case.attendances.select_related("organisation")}
    assert attended == {personas.organisation_x.name: True, personas.organisation_y.name: False}
    assert client.post(f"/safeguarding/marac/cases/{case.pk}/", {"form": "meeting"}).status_code == 400


def test_a_partner_sees_the_shared_fields_and_only_their_own_actions(personas):
    case = marac_case(personas, SECRET)
    y_action = case.actions.create(
        text="Y-ONLY-ACTION", organisation=personas.organisation_y, owner_name="Y lead", due_on=case.meeting_on
    )
    x_page = personas.client("partner_x").get(f"/safeguarding/marac/cases/{case.pk}/").text
    assert case.shared_summary in x_page and "Visit the block with the caretaker" in x_page
    for private in (SECRET, PERSON, "Y-ONLY-ACTION", "PC Example"):
        assert private not in x_page, private
    y_page = personas.client("partner_y").get(f"/safeguarding/marac/cases/{case.pk}/").text
    assert "Y-ONLY-ACTION" in y_page and "Visit the block" not in y_page and SECRET not in y_page
    listing = personas.client("partner_x").get("/safeguarding/marac/cases/").text
    assert case.reference in listing and PERSON not in listing
    assert AuditEvent.objects.filter(object_type="safeguarding.maraccase", detail__view="partner").count() == 2
    # X may not mark Y's action done: it is not X's to know of
    assert personas.client("partner_x").post(f"/safeguarding/marac/actions/{y_action.pk}/done/").status_code == 404
    done = personas.client("partner_y").post(f"/safeguarding/marac/actions/{y_action.pk}/done/")
    y_action.refresh_from_db()
    assert done.status_code == 302 and y_action.done_on == timezone.localdate()
    assert AuditEvent.objects.filter(object_type="safeguarding.maracaction", action="change", username="partner_y")


def test_a_partner_not_named_on_a_case_gets_404(personas):
    case = marac_case(personas, SECRET)
    response = personas.client("partner_y").get(f"/safeguarding/marac/cases/{case.pk}/")
    assert response.status_code == 404 and SECRET not in response.text
    assert MaracCase.objects.visible_to(personas["partner_y"]).count() == 0
    assert MaracAction.objects.visible_to(personas["partner_y"]).count() == 0
    for name in ("officer_a", "supervisor", "intelligence"):
        assert MaracCase.objects.visible_to(personas[name]).count() == 0, name
        assert personas.client(name).get(f"/safeguarding/marac/cases/{case.pk}/").status_code == 403, name


def test_a_marac_case_closes_only_when_no_action_remains_open(personas):
    case = marac_case(personas, SECRET)
    client = personas.client("safeguarding")
    closing = {"form": "meeting", "outcome": "Actions agreed", "status": "closed"}
    refused = client.post(f"/safeguarding/marac/cases/{case.pk}/", closing)
    case.refresh_from_db()
    assert refused.status_code == 400 and case.status == "open"
    assert "The case cannot close while an action remains open" in refused.text
    assert f"Visit the block with the caretaker ({personas.organisation_x.name}" in refused.text
    assert f"Police action {SECRET} (the police" in refused.text
    assert client.post(f"/safeguarding/marac/cases/{case.pk}/", {**closing, "status": "open"}).status_code == 302
    case.actions.update(done_on=timezone.localdate())
    assert client.post(f"/safeguarding/marac/cases/{case.pk}/", closing).status_code == 302
    case.refresh_from_db()
    assert case.status == "closed"


def test_a_marac_case_is_linked_to_its_dash_referral(personas):
    from beatbook.safeguarding.models import DashAssessment, MaracReferral

    log = repeat_person(personas.cluster_a.wards.first())[0].log
    incident(log, 40, timezone.now(), victim="SYN-V002", caller="")
    today = timezone.localdate()
    assessment = DashAssessment.objects.create(victim=PERSON, answers={}, score=15, level="high", review_date=today)
    referral = MaracReferral.objects.create(assessment=assessment, referred_on=today, reason="high risk: DASH score 15")
    client = personas.client("safeguarding")
    listing = client.get("/safeguarding/marac/").text
    new_case = f"/safeguarding/marac/cases/new/?victim={PERSON}&amp;referral={referral.pk}"
    assert "Community MARAC case</th>" in listing and new_case in listing
    form_page = client.get(new_case.replace("&amp;", "&")).text
    assert f'<option value="{referral.pk}" selected>DASH {assessment.pk}: {PERSON}' in form_page
    form = {"victim": PERSON, "meeting_on": _day(7), "shared_summary": "Threats", "referral": referral.pk}
    wrong = client.post("/safeguarding/marac/cases/new/", {**form, "victim": "SYN-V002"})
    assert wrong.status_code == 400 and f"about {PERSON}, not SYN-V002" in wrong.text
    assert client.post("/safeguarding/marac/cases/new/", form).status_code == 302
    case = MaracCase.objects.get()
    assert case.referral == referral
    assert (
        f'<a href="/safeguarding/marac/cases/{case.pk}/">{case.reference}</a>'
        in client.get("/safeguarding/marac/").text
    )
    assert f'<option value="{referral.pk}"' not in client.get("/safeguarding/marac/cases/new/").text
