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
    assert _post(intelligence, item, "share", {**share, "confirmed": "yes"}).status_code == 302
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


def test_an_ungraded_item_s_grade_form_starts_blank_and_each_field_is_required(personas, ward_a):
    item = received_item(ward_a)
    client = personas.client("intelligence")
    page = client.get(f"/intel/{item.pk}/").text
    for name in ("source_evaluation", "assessment", "handling_code"):
        assert f'<select name="{name}" required id="id_{name}">\n  <option value="" selected>Choose…</option>' in page
    response = _post(client, item, "grade", {"handling_conditions": ""})  # Save clicked on the form as it opened
    assert response.status_code == 400 and response.text.count("This field is required.") == 3
    item.refresh_from_db()
    assert item.graded_at is None and item.grade == ""


def test_sharing_shows_the_sanitised_text_and_records_nothing_until_confirmed(personas, ward_a):
    from tests.intel.conftest import ready_item

    item = ready_item(personas, ward_a)
    client = personas.client("intelligence")
    share = {"organisation": personas.organisation_x.pk, "reason": "Their wardens patrol the car park"}
    confirm = _post(client, item, "share", share)
    assert confirm.status_code == 200 and SANITISED in confirm.text and "Organisation X" in confirm.text
    assert 'name="confirmed" value="yes"' in confirm.text and "Their wardens patrol the car park" in confirm.text
    assert not IntelShare.objects.exists()
    assert _post(client, item, "share", {**share, "confirmed": "yes"}).status_code == 302
    assert IntelShare.objects.get().organisation == personas.organisation_x


def test_an_organisation_already_shared_with_is_not_offered_again(personas, ward_a):
    from tests.intel.conftest import ready_item, share_with

    item = ready_item(personas, ward_a)
    share_with(item, personas.organisation_x, personas["intelligence"])
    client = personas.client("intelligence")
    page = client.get(f"/intel/{item.pk}/").text
    share_form = page[page.index('id="share-h"') :]
    assert f'<option value="{personas.organisation_x.pk}"' not in share_form
    assert f'<option value="{personas.organisation_y.pk}"' in share_form
    again = {"organisation": personas.organisation_x.pk, "reason": "again", "confirmed": "yes"}
    refused = _post(client, item, "share", again)
    assert refused.status_code == 400 and "this item is already shared with it" in refused.text
    share_with(item, personas.organisation_y, personas["intelligence"])
    assert "Shared with every partner organisation." in client.get(f"/intel/{item.pk}/").text


def test_the_supervisor_s_page_of_an_item_awaiting_approval_does_not_call_it_shared(personas, ward_a):
    from tests.intel.conftest import ready_item, share_with

    waiting = ready_item(personas, ward_a, code="C")
    assert waiting.status == Status.AWAITING_HANDLING
    page = personas.client("supervisor").get(f"/intel/{waiting.pk}/").text
    assert "Not yet approved for sharing" in page and "approved for sharing." not in page
    assert "shared with you" not in page and "Sanitised intelligence" in page
    ready = ready_item(personas, ward_a)
    share_with(ready, personas.organisation_x, personas["intelligence"])
    partner = personas.client("partner_x").get(f"/intel/{ready.pk}/").text
    assert "The sanitised text, approved for sharing." in partner and "Intelligence shared with you" in partner
