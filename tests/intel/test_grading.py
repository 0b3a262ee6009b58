"""3x5x2 grading, four-eyes sanitisation, a supervisor's approval of code C, and sharing only when allowed."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.contrib.auth.models import Group
from django.utils import timezone
from django_otp.plugins.otp_totp.models import TOTPDevice

from beatbook.accounts.models import Profile
from beatbook.core.models import AuditAction, AuditEvent
from beatbook.intel.models import Intel, IntelShare, Status
from tests.intel.conftest import SANITISED, received_item
from tests.personas import sign_in

pytestmark = pytest.mark.django_db
P_GRADE = {"source_evaluation": "2", "assessment": "B", "handling_code": "P"}


@pytest.fixture
def second_analyst(personas, django_user_model):
    """A second intelligence officer, to approve what the first wrote."""
    from django.test import Client

    user = django_user_model.objects.create_user("intelligence_2", password="x" * 20)
    user.groups.add(Group.objects.get(name="intelligence"))
    Profile.objects.create(user=user)
    TOTPDevice.objects.create(user=user, name="app", confirmed=True)
    client = Client()
    sign_in(client, user)
    return client


def _post(client, item, verb, data=None):
    return client.post(f"/intel/{item.pk}/{verb}/", data or {})


def test_handling_code_c_needs_written_conditions(personas, ward_a):
    item = received_item(ward_a)
    response = _post(personas.client("intelligence"), item, "grade", {**P_GRADE, "handling_code": "C"})
    assert response.status_code == 400 and "Handling code C needs its conditions written down." in response.text
    item.refresh_from_db()
    assert item.graded_at is None
    with_conditions = {**P_GRADE, "handling_code": "C", "handling_conditions": "Police use only"}
    assert _post(personas.client("intelligence"), item, "grade", with_conditions).status_code == 302
    item.refresh_from_db()
    assert item.grade == "2B C" and item.needs_handling_approval


def test_conditions_with_p_are_refused(personas, ward_a):
    item = received_item(ward_a)
    response = _post(personas.client("intelligence"), item, "grade", {**P_GRADE, "handling_conditions": "x"})
    assert response.status_code == 400 and "Conditions are for handling code C" in response.text


def test_time_to_grade_is_recorded_against_the_target(personas, ward_a, settings):
    settings.BEATBOOK_INTEL_GRADING_TARGET_HOURS = 24
    late = received_item(ward_a, received_at=timezone.now() - timedelta(hours=30))
    on_time = received_item(ward_a, received_at=timezone.now() - timedelta(hours=2))
    for item in (late, on_time):
        _post(personas.client("intelligence"), item, "grade", P_GRADE)
        item.refresh_from_db()
    assert late.grading_target_hours == 24 and late.graded_within_target is False and late.hours_to_grade > 29
    assert on_time.graded_within_target is True
    queue = personas.client("intelligence").get("/intel/queue/").text
    assert "(over target)" in queue and "(within target)" in queue


def test_the_writer_of_a_sanitised_text_cannot_approve_it(personas, ward_a, second_analyst):
    item = received_item(ward_a)
    writer = personas.client("intelligence")
    assert _post(writer, item, "sanitise", {"sanitised_text": SANITISED}).status_code == 400  # grade first
    _post(writer, item, "grade", P_GRADE)
    _post(writer, item, "sanitise", {"sanitised_text": SANITISED})
    refused = _post(writer, item, "approve-sanitised")
    assert refused.status_code == 400 and "Another intelligence officer must approve" in refused.text
    assert _post(second_analyst, item, "approve-sanitised").status_code == 302
    item.refresh_from_db()
    assert item.status == Status.READY
    # A changed text needs approving again.
    _post(writer, item, "sanitise", {"sanitised_text": SANITISED + " Again."})
    item.refresh_from_db()
    assert item.status == Status.GRADED and item.sanitisation_approved_at is None


def test_code_c_is_shared_only_after_a_supervisors_approval(personas, ward_a, second_analyst):
    item = received_item(ward_a)
    intelligence = personas.client("intelligence")
    _post(intelligence, item, "grade", {**P_GRADE, "handling_code": "C", "handling_conditions": "Not for press"})
    _post(intelligence, item, "sanitise", {"sanitised_text": SANITISED})
    _post(second_analyst, item, "approve-sanitised")
    item.refresh_from_db()
    assert item.status == Status.AWAITING_HANDLING
    share = {"organisation": personas.organisation_x.pk, "reason": "Their patrols cover the car park"}
    refused = _post(intelligence, item, "share", share)
    assert refused.status_code == 400 and "cannot be shared yet" in refused.text
    assert _post(personas.client("officer_a"), item, "approve-handling").status_code == 403
    supervisor = personas.client("supervisor")
    assert "Not for press" in supervisor.get(f"/intel/{item.pk}/").text
    assert _post(supervisor, item, "approve-handling").status_code == 302
    assert _post(intelligence, item, "share", share).status_code == 302
    shared = IntelShare.objects.get()
    assert (shared.organisation, shared.shared_by, shared.reason) == (
        personas.organisation_x,
        personas["intelligence"],
        "Their patrols cover the car park",
    )
    event = AuditEvent.objects.get(action=AuditAction.SHARE)
    assert event.detail["organisation"] == "Organisation X" and event.username == "intelligence"


def test_regrading_c_needs_approval_again(personas, ward_a):
    from tests.intel.conftest import ready_item

    item = ready_item(personas, ward_a, code="C", handling_approved_at=timezone.now())
    assert item.status == Status.READY
    new = {**P_GRADE, "handling_code": "C", "handling_conditions": "Other conditions"}
    _post(personas.client("intelligence"), item, "grade", new)
    item.refresh_from_db()
    assert item.status == Status.AWAITING_HANDLING


def test_links_to_ward_premises_themes_and_a_problem(personas, ward_a):
    from beatbook.intel.models import Theme
    from tests.problems.conftest import make_problem

    item = received_item(None)
    problem = make_problem(personas["officer_a"])
    hate = Theme.objects.get(name="Hate crime")
    data = {"ward": ward_a.pk, "themes": [hate.pk], "problem": f"sara-{problem.pk}"}
    assert _post(personas.client("intelligence"), item, "links", data).status_code == 302
    item = Intel.objects.get(pk=item.pk)
    assert (item.ward, list(item.themes.all()), item.problem) == (ward_a, [hate], problem)
    event = AuditEvent.objects.filter(action=AuditAction.CHANGE).latest("id")
    assert event.changes["ward"] == ["", ward_a.name] and event.detail["themes"] == ["Hate crime"]
    assert event.changes["problem"] == ["", f"SARA-{problem.pk}"]
