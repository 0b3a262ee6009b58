"""An issue raised at an event opens a SARA problem in one step: owned by the officer, once, of its ward."""

from __future__ import annotations

import pytest

from beatbook.core.models import AuditEvent
from beatbook.engagement.models import IssueRaised
from beatbook.problems.models import Problem, Source
from tests.engagement.factories import event_type, make_event

pytestmark = pytest.mark.django_db


@pytest.fixture
def issue(personas) -> IssueRaised:
    event = make_event(personas.cluster_a, title="Barbican panel", days=-1)
    return IssueRaised.objects.create(event=event, ward=personas.cluster_a.wards.first(), text="Cycling on the podium")


def test_an_officer_of_the_cluster_opens_one_problem_of_the_issue_s_ward(personas, issue) -> None:
    client = personas.client("officer_a")
    response = client.post(f"/engagement/issues/{issue.pk}/problem/", follow=True)
    client.post(f"/engagement/issues/{issue.pk}/problem/")  # twice: still one problem
    problem = Problem.objects.get()
    issue.refresh_from_db()
    assert issue.problem == problem and problem.owner == personas["officer_a"] and problem.stage == "scanning"
    assert list(problem.wards.all()) == [issue.ward] and problem.source == Source.PANEL
    assert "Cycling on the podium" in problem.title and "Barbican panel" in problem.description
    assert "opened at Scanning" in response.content.decode()
    assert AuditEvent.objects.filter(action="create", object_type="problems.problem").count() == 1
    event_page = client.get(f"/events/{issue.event_id}/").content.decode()
    assert problem.reference in event_page and "Open a SARA problem" not in event_page


def test_a_non_panel_event_is_recorded_as_other_engagement(personas, issue) -> None:
    issue.event.event_type = event_type("neighbourhood-surgery")
    issue.event.save()
    personas.client("officer_a").post(f"/engagement/issues/{issue.pk}/problem/")
    assert Problem.objects.get().source == Source.ENGAGEMENT


def test_others_cannot_open_it(personas, issue) -> None:
    assert personas.client("officer_b").post(f"/engagement/issues/{issue.pk}/problem/").status_code == 403
    assert personas.client("supervisor").post(f"/engagement/issues/{issue.pk}/problem/").status_code == 403
    assert personas.client("analyst").post(f"/engagement/issues/{issue.pk}/problem/").status_code == 403
    assert personas.client("officer_a").get(f"/engagement/issues/{issue.pk}/problem/").status_code == 405
    assert not Problem.objects.exists()


def test_the_button_shows_only_to_who_may_use_it(personas, issue) -> None:
    url = f"/events/{issue.event_id}/"
    assert "Open a SARA problem" in personas.client("officer_a").get(url).content.decode()
    assert "Open a SARA problem" not in personas.client("supervisor").get(url).content.decode()
