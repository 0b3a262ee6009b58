"""Ward priorities: only supervisors publish; the service other apps call; "you said, we did"."""

from __future__ import annotations

from datetime import date

import pytest
from django.core.exceptions import PermissionDenied

from beatbook.engagement.services import propose_priority, publish_priority
from tests.engagement.factories import make_priority

pytestmark = pytest.mark.django_db


def test_a_supervisor_publishes_and_an_officer_cannot(personas):
    priority = make_priority(personas.cluster_a.wards.first())
    assert personas.client("officer_a").post(f"/engagement/priorities/{priority.pk}/publish/").status_code == 403
    response = personas.client("supervisor").post(f"/engagement/priorities/{priority.pk}/publish/", follow=True)
    priority.refresh_from_db()
    assert priority.published and priority.published_by == personas["supervisor"] and priority.published_at
    assert "Published on the public page" in response.content.decode()


def test_save_and_publish_keeps_what_was_just_typed(personas):
    priority = make_priority(personas.cluster_a.wards.first())
    url = f"/engagement/priorities/{priority.pk}/"
    typed = {"issue": priority.issue, "issue_date": "2025-03-01", "action": "Racks patrolled at peak hours."}
    supervisor = personas.client("supervisor")

    form = supervisor.get(url).content.decode()
    response = supervisor.post(url, {**typed, "publish": "1"}, follow=True)

    assert 'name="publish"' in form and "shows the issue and the action to the public" in form
    assert 'name="publish"' not in personas.client("officer_a").get(url).content.decode()
    priority.refresh_from_db()
    assert priority.published and priority.published_by == personas["supervisor"]
    assert priority.action == "Racks patrolled at peak hours."
    assert "Saved and published on the public page" in response.content.decode()


def test_an_officers_publish_button_press_is_refused_and_nothing_is_saved(personas):
    priority = make_priority(personas.cluster_a.wards.first())
    typed = {"issue": priority.issue, "issue_date": "2025-03-01", "action": "Patrols", "publish": "1"}
    response = personas.client("officer_a").post(f"/engagement/priorities/{priority.pk}/", typed)
    assert response.status_code == 403
    priority.refresh_from_db()
    assert not priority.published and priority.action == ""


def test_publishing_and_withdrawing_are_confirmed_first(personas):
    priority = make_priority(personas.cluster_a.wards.first(), action="Racks patrolled")
    url = f"/engagement/priorities/{priority.pk}/publish/"
    supervisor = personas.client("supervisor")

    asked = supervisor.get(url).content.decode()
    priority.refresh_from_db()
    assert not priority.published and "Publish this priority on the page of" in asked
    assert "You said: Bikes stolen near the station" in asked and "Racks patrolled" in asked
    listing = supervisor.get("/engagement/priorities/").content.decode()
    assert f'href="{url}"' in listing and "<button" not in listing.split("<table")[1]

    supervisor.post(url)
    withdraw = supervisor.get(url).content.decode()
    assert "Withdraw this priority from the page of" in withdraw and 'name="withdraw"' in withdraw
    supervisor.post(url, {"withdraw": "1"})
    priority.refresh_from_db()
    assert not priority.published
    assert personas.client("officer_a").get(url).status_code == 403


def test_the_service_refuses_a_publisher_without_the_role(personas):
    priority = propose_priority(
        ward=personas.cluster_a.wards.first(),
        issue="Begging at the station",
        issue_date=date(2025, 6, 1),
        by=personas["officer_a"],
        source="problem",
        reference="problem 12",
    )
    with pytest.raises(PermissionDenied):
        publish_priority(priority, personas["officer_a"])
    assert publish_priority(priority, personas["supervisor"]).published


def test_an_officer_records_what_was_done_and_a_bad_date_is_named(personas):
    priority = make_priority(personas.cluster_a.wards.first())
    url = f"/engagement/priorities/{priority.pk}/"
    bad = {"issue": priority.issue, "issue_date": "2025-03-01", "action": "Patrols", "action_date": "2025-02-01"}
    response = personas.client("officer_a").post(url, bad)
    assert (
        response.status_code == 400 and "The action is dated before the issue was raised." in response.content.decode()
    )
    good = {**bad, "action_date": "2025-04-01"}
    assert personas.client("officer_a").post(url, good).status_code == 302
    priority.refresh_from_db()
    assert priority.action == "Patrols" and priority.action_date == date(2025, 4, 1)
    assert personas.client("officer_b").get(url).status_code == 403  # another cluster's ward


def test_only_planners_see_the_list_of_priorities(personas):
    priority = make_priority(personas.cluster_a.wards.first(), issue="Draft issue text")
    assert personas.client("partner_x").get(f"/engagement/priorities/{priority.pk}/").status_code == 403
    assert personas.client("analyst").get("/engagement/priorities/").status_code == 403
    assert (
        "Draft issue text" in personas.client("officer_b").get("/engagement/priorities/?show=drafts").content.decode()
    )
