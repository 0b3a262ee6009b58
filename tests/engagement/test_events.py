"""Planning events, recording what was raised, and making an issue a ward priority in one step."""

from __future__ import annotations

import pytest

from beatbook.core.models import AuditEvent
from beatbook.engagement.models import Event, IssueRaised, Priority
from tests.engagement.factories import event_type, make_event

pytestmark = pytest.mark.django_db


def _event_post(cluster, **overrides) -> dict:
    data = {
        "title": "Bank cluster panel meeting",
        "event_type": str(event_type().pk),
        "description": "Tell us what matters.",
        "start": "2030-05-01T18:00",
        "end": "2030-05-01T19:30",
        "address": "Guildhall, London",
        "latitude": "51.5155",
        "longitude": "-0.0922",
        "cluster": str(cluster.pk),
        "audiences": ["residents", "workers"],
        "is_public": "on",
    }
    return {**data, **overrides}


def test_an_officer_plans_an_event_for_wards_of_their_cluster(personas):
    cluster = personas.cluster_a
    ward = cluster.wards.first()
    client = personas.client("officer_a")
    response = client.post("/engagement/events/new/", _event_post(cluster, wards=[ward.pk]), follow=True)
    event = Event.objects.get()
    assert response.status_code == 200 and "Planned: Bank cluster panel meeting." in response.content.decode()
    assert list(event.wards.all()) == [ward] and event.audiences == ["residents", "workers"]
    assert event.created_by == personas["officer_a"]
    assert AuditEvent.objects.filter(action="create", object_type="engagement.event").exists()


def test_bad_event_input_names_the_field(personas):
    other_ward = personas.cluster_b.wards.first()
    post = _event_post(personas.cluster_a, end="2030-05-01T17:00", latitude="95", wards=[other_ward.pk])
    response = personas.client("officer_a").post("/engagement/events/new/", post)
    page = response.content.decode()
    assert response.status_code == 400 and not Event.objects.exists()
    assert "The event ends before it starts." in page
    assert "A latitude lies between -90 and 90." in page
    assert f"Not in the {personas.cluster_a.name} cluster: {other_ward.name}." in page


def test_an_officer_of_another_cluster_cannot_change_the_event(personas):
    event = make_event(personas.cluster_a)
    assert personas.client("officer_b").get(f"/engagement/events/{event.pk}/edit/").status_code == 403
    assert personas.client("officer_b").post(f"/engagement/events/{event.pk}/outcome/", {}).status_code == 403
    assert personas.client("officer_a").get(f"/engagement/events/{event.pk}/edit/").status_code == 200


def test_an_internal_event_is_not_found_by_the_public(personas):
    event = make_event(personas.cluster_a, is_public=False)
    assert personas.client("public").get(f"/events/{event.pk}/").status_code == 404
    assert personas.client("partner_x").get(f"/events/{event.pk}/").status_code == 404
    assert personas.client("officer_b").get(f"/events/{event.pk}/").status_code == 200


def test_recording_the_outcome_and_making_an_issue_a_priority(personas):
    event = make_event(personas.cluster_a, days=-1)
    ward = personas.cluster_a.wards.first()
    client = personas.client("officer_a")
    post = {
        "attendance": "23",
        "actions_promised": "Patrols at school closing time.",
        "issue-TOTAL_FORMS": "3",
        "issue-INITIAL_FORMS": "0",
        "issue-0-ward": str(ward.pk),
        "issue-0-text": "Cyclists on the pavement by the school.",
        "issue-1-ward": "",
        "issue-1-text": "",
    }
    response = client.post(f"/engagement/events/{event.pk}/outcome/", post, follow=True)
    event.refresh_from_db()
    issue = IssueRaised.objects.get()
    assert "Outcome recorded: 1 issue(s) added." in response.content.decode()
    assert event.attendance == 23 and event.outcome_recorded_at is not None and issue.ward == ward

    client.post(f"/engagement/issues/{issue.pk}/priority/")
    client.post(f"/engagement/issues/{issue.pk}/priority/")  # twice: still one priority
    priority = Priority.objects.get()
    assert (priority.ward, priority.issue, priority.source, priority.event) == (ward, issue.text, "event", event)
    assert priority.published is False


def test_an_issue_without_its_ward_is_refused_by_name(personas):
    event = make_event(personas.cluster_a, days=-1)
    post = {"issue-TOTAL_FORMS": "1", "issue-INITIAL_FORMS": "0", "issue-0-ward": "", "issue-0-text": "Noise"}
    response = personas.client("officer_a").post(f"/engagement/events/{event.pk}/outcome/", post)
    assert response.status_code == 400 and "Choose the ward the issue is about." in response.content.decode()
    assert not IssueRaised.objects.exists()


def test_the_public_listing_shows_public_upcoming_events_of_the_ward(personas):
    cluster = personas.cluster_a
    ward = cluster.wards.first()
    make_event(cluster, title="Whole-cluster surgery")
    make_event(cluster, title="Internal briefing", is_public=False)
    make_event(cluster, title="Last year's meeting", days=-300)
    other = make_event(cluster, title="Another ward's drop-in")
    other.wards.set([cluster.wards.exclude(pk=ward.pk).first()])
    page = personas.client("public").get(f"/events/ward/{ward.slug}/").content.decode()
    assert "Whole-cluster surgery" in page
    assert not any(t in page for t in ("Internal briefing", "Last year's meeting", "Another ward's drop-in"))


@pytest.mark.parametrize(
    ("fields", "reason"),
    [({"days": 3}, "This event has not happened yet"), ({"days": -1, "cancelled": True}, "This event is cancelled")],
)
def test_no_outcome_is_recorded_for_an_event_still_to_come_or_cancelled(personas, fields, reason):
    event = make_event(personas.cluster_a, **fields)
    ward = personas.cluster_a.wards.first()
    client = personas.client("officer_a")
    post = {"attendance": "23", "issue-TOTAL_FORMS": "1", "issue-INITIAL_FORMS": "0"}
    post |= {"issue-0-ward": str(ward.pk), "issue-0-text": "Cyclists on the pavement."}

    asked = client.get(f"/engagement/events/{event.pk}/outcome/").content.decode()
    refused = client.post(f"/engagement/events/{event.pk}/outcome/", post)

    assert reason in asked and "Record the outcome</button>" not in asked
    assert refused.status_code == 400 and reason in refused.content.decode()
    event.refresh_from_db()
    assert event.attendance is None and event.outcome_recorded_at is None and not IssueRaised.objects.exists()
    assert "Record the outcome</a>" not in client.get(f"/events/{event.pk}/").content.decode()


def test_an_issue_of_an_event_later_cancelled_does_not_become_a_priority(personas):
    event = make_event(personas.cluster_a, days=-1, cancelled=True)
    issue = IssueRaised.objects.create(event=event, ward=personas.cluster_a.wards.first(), text="Noise")
    response = personas.client("officer_a").post(f"/engagement/issues/{issue.pk}/priority/", follow=True)
    assert "Not made a ward priority. This event is cancelled" in response.content.decode()
    assert not Priority.objects.exists()


def test_the_listings_are_headed_by_the_force_cluster_or_ward(personas):
    ward = personas.cluster_a.wards.first()
    client = personas.client("public")
    assert "<h1>City of London Police events</h1>" in client.get("/events/").content.decode()
    assert f"<h1>Police events in {ward.name} ward</h1>" in client.get(f"/events/ward/{ward.slug}/").content.decode()
    cluster = personas.cluster_a
    page = client.get(f"/events/cluster/{cluster.code}/").content.decode()
    assert f"<h1>Police events in {cluster.name} cluster</h1>" in page
