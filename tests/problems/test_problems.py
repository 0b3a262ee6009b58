"""A problem's stages, history, sharing with partners, and who may change it."""

from __future__ import annotations

import json

import pytest

from beatbook.core.models import AuditEvent
from beatbook.problems.models import ChangeKind, Problem, ProblemChange, Section, Stage
from tests.problems.conftest import make_problem

pytestmark = pytest.mark.django_db


def test_moving_through_every_stage_keeps_each_move_in_the_history(personas):
    officer = personas["officer_a"]
    problem = make_problem(officer)
    for stage in (Stage.ANALYSIS, Stage.RESPONSE, Stage.ASSESSMENT, Stage.CLOSED):
        problem.move_to(stage, by=officer, note=f"to {stage}")
    moves = [c for c in problem.history.all() if c.kind == ChangeKind.STAGE]
    assert [c.changes["stage"] for c in moves] == [
        ["scanning", "analysis"],
        ["analysis", "response"],
        ["response", "assessment"],
        ["assessment", "closed"],
    ]
    assert all(c.by == officer for c in moves) and moves[-1].note == "to closed"
    assert Problem.objects.get(pk=problem.pk).stage == Stage.CLOSED


def test_a_move_to_the_same_or_an_unknown_stage_is_refused_and_changes_nothing(personas):
    problem = make_problem(personas["officer_a"])
    with pytest.raises(ValueError, match="already"):
        problem.move_to(Stage.SCANNING, by=personas["officer_a"])
    with pytest.raises(ValueError, match="no stage"):
        problem.move_to("done", by=personas["officer_a"])
    assert problem.history.count() == 1  # only its creation


def test_the_history_cannot_be_changed_or_deleted(personas):
    change = make_problem(personas["officer_a"]).history.get()
    change.note = "rewritten"
    with pytest.raises(PermissionError):
        change.save()
    with pytest.raises(PermissionError):
        change.delete()
    assert ProblemChange.objects.get(pk=change.pk).note == ""


def test_an_edit_keeps_before_and_after_and_is_audited(personas):
    client = personas.client("officer_a")
    problem = make_problem(personas["officer_a"])
    page = client.get(f"/problems/{problem.pk}/change/")
    form = page.context["form"]
    data = {name: form[name].value() for name in form.fields if form[name].value() is not None}
    data.update(title="Pickpocketing at Liverpool Street", categories=["theft-from-the-person"], note="narrower")
    response = client.post(f"/problems/{problem.pk}/change/", data)
    assert response.status_code == 302, response.content.decode()[:2000]
    edit = problem.history.filter(kind=ChangeKind.EDIT).get()
    assert edit.changes["title"] == ["Theft from the person near Liverpool Street", "Pickpocketing at Liverpool Street"]
    assert edit.note == "narrower"
    assert AuditEvent.objects.filter(action="change", object_id=str(problem.pk)).exists()


def test_stage_moves_through_the_page(personas):
    problem = make_problem(personas["officer_a"])
    client = personas.client("supervisor")  # supervisors change any problem
    response = client.post(
        f"/problems/{problem.pk}/move", {"stage": "analysis", "note": "agreed at panel"}, follow=True
    )
    assert "Moved to Analysis" in response.content.decode()
    assert Problem.objects.get(pk=problem.pk).stage == "analysis"


def test_another_officer_sees_the_problem_but_cannot_change_it(personas):
    problem = make_problem(personas["officer_a"])
    client = personas.client("officer_b")
    assert client.get(f"/problems/{problem.pk}/").status_code == 200
    assert client.post(f"/problems/{problem.pk}/move", {"stage": "analysis"}).status_code == 403
    assert Problem.objects.get(pk=problem.pk).stage == "scanning"


def test_a_partner_sees_only_problems_naming_their_organisation_and_only_what_is_shared(personas):
    problem = make_problem(personas["officer_a"], partners=[personas.organisation_x], shared=[Section.ANALYSIS])
    page = personas.client("partner_x").get(f"/problems/{problem.pk}/").content.decode()
    assert "Pickpocketing at the station entrances." in page  # the summary for partners
    assert "Commuters with phones" in page  # the analysis, shared
    assert "POLICE-ONLY-DESCRIPTION" not in page and "History" not in page
    assert "Responses" not in page and "Area and crimes" not in page  # not shared
    assert personas.client("partner_y").get(f"/problems/{problem.pk}/").status_code == 404
    assert personas.client("partner_y").get("/problems/").context["page"].paginator.count == 0


def test_someone_elses_problem_is_404_in_the_plan_and_api(personas):
    problem = make_problem(personas["officer_a"], partners=[personas.organisation_x])
    client = personas.client("partner_y")
    for url in (
        f"/problems/{problem.pk}/plan/",
        f"/problems/{problem.pk}/plan.pdf",
        f"/api/problems/{problem.pk}/assessment",
    ):
        assert client.get(url).status_code == 404, url


def test_viewing_a_problem_is_audited(personas):
    problem = make_problem(personas["officer_a"])
    personas.client("analyst").get(f"/problems/{problem.pk}/")
    event = AuditEvent.objects.filter(action="view", object_type="problems.problem", object_id=str(problem.pk)).get()
    assert event.username == "analyst"


def test_a_problem_without_an_area_is_refused_naming_the_field(personas):
    client = personas.client("officer_a")
    response = client.post(
        "/problems/new/", {"title": "Somewhere", "owner": personas["officer_a"].pk, "source": "hub", "priority": "high"}
    )
    assert response.status_code == 400
    assert "Give the problem&#x27;s area" in response.content.decode()


def test_a_response_is_added_and_recorded(personas):
    from beatbook.problems.models import ResponseType

    problem = make_problem(personas["officer_a"])
    client = personas.client("officer_a")
    kind = ResponseType.objects.get(name="Situational prevention")
    bad = client.post(
        f"/problems/{problem.pk}/responses/new/",
        {"kind": kind.pk, "action": "x", "status": "planned", "start": "2025-03-01", "end": "2025-02-01"},
    )
    assert bad.status_code == 400 and "The end is before the start." in bad.content.decode()
    ok = client.post(
        f"/problems/{problem.pk}/responses/new/", {"kind": kind.pk, "action": "Bag-hook stickers", "status": "planned"}
    )
    assert ok.status_code == 302
    assert problem.responses.get().action == "Bag-hook stickers"
    assert problem.history.filter(kind=ChangeKind.RESPONSE, note__contains="Bag-hook").exists()


def test_a_partner_is_told_when_the_assessment_is_not_shared(personas):
    problem = make_problem(personas["officer_a"], partners=[personas.organisation_x])
    page = personas.client("partner_x").get(f"/problems/{problem.pk}/assessment/").content.decode()
    assert "The owner has not shared the assessment with partners." in page
    assert "Run the assessment" not in page
    assert "200 m around" not in page and "51.51780" not in page  # the area, not shared either
    problem.shared_sections = [Section.AREA]
    problem.save()
    shared = personas.client("partner_x").get(f"/problems/{problem.pk}/assessment/").content.decode()
    assert "200 m around 51.51780, -0.08230" in shared


def test_a_hub_page_is_attached_with_its_filters_and_data_version(personas):
    problem = make_problem(personas["officer_a"], partners=[personas.organisation_x])
    client = personas.client("officer_a")
    url = f"/problems/{problem.pk}/snapshots/new/"
    bad = client.post(url, {"address": "/audit/?user=x", "title": "Audit"})
    assert bad.status_code == 400 and "Give the address of a Hub page" in bad.content.decode()
    address = "http://beatbook.example/hub/hotspots/?area=ward%3Abishopsgate&category=theft-from-the-person"
    assert client.post(url, {"address": address, "title": "Theft hotspots, Bishopsgate"}).status_code == 302
    snapshot = problem.snapshots.get()
    assert snapshot.page == "hub:hotspots" and snapshot.address == address.removeprefix("http://beatbook.example")
    assert snapshot.data_version and problem.history.filter(kind=ChangeKind.SNAPSHOT).exists()
    page = client.get(f"/problems/{problem.pk}/").content.decode()
    assert 'href="/hub/hotspots/?area=ward%3Abishopsgate&amp;category=theft-from-the-person"' in page
    assert (
        "Theft hotspots, Bishopsgate"
        not in personas.client("partner_x").get(f"/problems/{problem.pk}/").content.decode()
    )


def test_a_problem_is_proposed_as_a_ward_priority_for_a_supervisor_to_publish(personas):
    from beatbook.engagement.models import Priority

    problem = make_problem(personas["officer_a"])
    client = personas.client("officer_a")
    form = client.get(f"/problems/{problem.pk}/ward-priority/").context["form"]
    ward = form.initial["ward"]
    assert ward is not None and ward.name == "Bishopsgate"  # the ward holding the problem's centre
    assert form.initial["issue"] == "Pickpocketing at the station entrances."
    data = {"ward": ward.pk, "issue": "Pickpocketing at the station", "issue_date": "2025-01-06", "action": "Bag hooks"}
    assert client.post(f"/problems/{problem.pk}/ward-priority/", data).status_code == 302
    priority = Priority.objects.get()
    assert priority.source == "problem" and priority.source_reference == f"problem {problem.pk}"
    assert not priority.published and priority.ward == ward


def test_a_closed_problem_is_reopened_by_its_owner_but_takes_nothing_new_while_closed(personas):
    officer = personas["officer_a"]
    problem = make_problem(officer)
    problem.move_to(Stage.CLOSED, by=officer)
    assert problem.can_change(officer) and problem.can_change(personas["supervisor"])
    assert not problem.can_change(personas["officer_b"]) and not problem.can_change(personas["partner_x"])
    assert not problem.can_extend(officer) and not problem.can_extend(personas["supervisor"])
    assert set(Problem.objects.changeable_by(officer)) == {problem}
    assert not Problem.objects.extendable_by(officer).exists()
    client = personas.client("officer_a")
    hub = "/hub/hotspots/?area=ward%3Abishopsgate"
    assert client.get(f"/problems/{problem.pk}/responses/new/").status_code == 403
    assert client.post(f"/problems/{problem.pk}/snapshots/new/", {"address": hub, "title": "x"}).status_code == 403
    attached = client.post("/problems/attach", {"problem": problem.pk, "address": hub, "title": "x"})
    assert attached.status_code == 400  # the same rule as the page: /attach offers open problems only
    assert not problem.snapshots.exists() and not problem.responses.exists()
    page = client.get(f"/problems/{problem.pk}/").content.decode()
    assert "Change the problem" in page and "Add a response" not in page and "Attach a Hub page" not in page
    assert client.post(f"/problems/{problem.pk}/move", {"stage": "response", "note": "it came back"}).status_code == 302
    assert client.get(f"/problems/{problem.pk}/responses/new/").status_code == 200  # reopened


def test_assessing_someone_elses_problem_is_refused_and_audited_through_the_403_page(personas):
    problem = make_problem(personas["officer_a"], partners=[personas.organisation_x], shared=[Section.ASSESSMENT])
    form = {"before": "2024-01:2024-03", "after": "2024-04:2024-06", "buffer": "150", "control": ["E05009305"]}
    for name in ("officer_b", "partner_x"):
        response = personas.client(name).post(f"/problems/{problem.pk}/assessment/", form)
        assert response.status_code == 403, name
        assert "Only the problem&#x27;s owner and supervisors assess it." in response.content.decode(), name
        assert AuditEvent.objects.filter(action="refused", username=name).exists(), name
    assert not problem.assessments.exists()


def test_a_problem_with_more_than_one_kind_of_area_is_refused_naming_the_field(personas):
    from beatbook.geography.models import Ward

    ward = Ward.objects.get(name="Bishopsgate")
    square = {
        "type": "Polygon",
        "coordinates": [[[-0.083, 51.517], [-0.082, 51.517], [-0.082, 51.518], [-0.083, 51.517]]],
    }
    base = {"title": "Two areas", "owner": personas["officer_a"].pk, "source": "hub", "priority": "high"}
    radius = {"centre_lat": "51.5178", "centre_lng": "-0.0823", "radius_m": "200"}
    client = personas.client("officer_a")
    for area, named in (
        ({"wards": [ward.pk], **radius}, "not wards and a radius"),
        ({**radius, "polygon": json.dumps(square)}, "not a radius and a polygon"),
    ):
        response = client.post("/problems/new/", {**base, **area})
        assert response.status_code == 400, named
        assert named in response.context["form"].errors["wards"][0]
    assert client.post("/problems/new/", {**base, **radius}).status_code == 302
    assert Problem.objects.get().area_text().startswith("200 m around")


def test_a_snapshot_comes_from_any_page_of_the_hubs_own_list_and_the_refusal_names_them():
    from django import forms as django_forms
    from django.urls import reverse

    from beatbook.hub.pages import HUB_PAGES
    from beatbook.problems.forms import hub_address

    for name, _ in HUB_PAGES:
        assert hub_address(reverse(name) + "?area=ward%3Abishopsgate")[0] == name
    with pytest.raises(django_forms.ValidationError) as refused:
        hub_address("/problems/")
    assert all(label in refused.value.messages[0] for _, label in HUB_PAGES)


def test_the_demo_adds_its_responses_once_with_their_history_and_audit(personas):
    from beatbook.demo.problems import ensure_demo_problems

    officer = personas["officer_a"]
    officer.username = "demo-officer"
    officer.save()
    ensure_demo_problems()
    ensure_demo_problems()  # again: nothing added twice
    station = Problem.objects.get(title__contains="Liverpool Street station")
    assert station.responses.count() == 2 and all(r.created_by == officer for r in station.responses.all())
    assert station.history.filter(kind=ChangeKind.RESPONSE, by=officer).count() == 2
    assert AuditEvent.objects.filter(action="create", object_type="problems.response").count() == 2
