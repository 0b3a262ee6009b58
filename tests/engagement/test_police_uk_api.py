"""police.uk's people, events and priorities from beatbook: field names, JSON types and formats as
data.police.uk documents them (neighbourhood-team, neighbourhood-events, neighbourhood-priorities,
senior-officers), and unknown forces or neighbourhoods answer 404 with the canonical error body."""

from __future__ import annotations

import re
from datetime import date

import pytest

from beatbook.engagement.services import publish_priority
from beatbook.workforce.models import Rank
from tests.engagement.factories import make_event, make_officer, make_priority, make_team

pytestmark = pytest.mark.django_db
POLICE_UK_TIME = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d$")


@pytest.fixture
def ward(personas):
    return personas.cluster_a.wards.first()


def _get(personas, path: str):
    response = personas.client("public").get(f"/api/city-of-london/{path}")
    assert response.status_code == 200, response.content
    return response.json()


def test_neighbourhood_people(personas, ward):
    make_officer(ward.cluster, name="PC Robin Example", bio="Line one\n\nLine <two>", phone="0700", publish_phone=True)
    make_officer(personas.cluster_b, name="PC Other Cluster")
    people = _get(personas, f"{ward.code}/people")
    assert people == [
        {
            "name": "PC Robin Example",
            "rank": "Police Constable",
            "bio": "<p>Line one</p>\n\n<p>Line &lt;two&gt;</p>",
            "contact_details": {"email": "team@example.org", "telephone": "0700"},
            "photo": None,  # beatbook's one addition to police.uk's fields: no photo is published
        }
    ]


def test_force_people_are_the_senior_officers(personas):
    make_officer(personas.cluster_a, name="Chief Inspector Jo Lead", rank=Rank.CHIEF_INSPECTOR)
    make_officer(personas.cluster_a, name="PC Not Senior")
    response = personas.client("public").get("/api/forces/city-of-london/people")
    assert [p["name"] for p in response.json()] == ["Chief Inspector Jo Lead"]
    assert set(response.json()[0]) == {"name", "rank", "bio", "contact_details", "photo"}  # police.uk's + photo


def test_neighbourhood_events(personas, ward):
    event = make_event(ward.cluster, title="Panel meeting", description="")
    make_event(ward.cluster, title="Internal", is_public=False)
    make_event(ward.cluster, title="Past", days=-30)
    events = _get(personas, f"{ward.code}/events")
    assert [e["title"] for e in events] == ["Panel meeting"]
    entry = events[0]
    assert set(entry) == {"contact_details", "description", "title", "address", "type", "start_date", "end_date"}
    assert entry["type"] == "cluster-panel-meeting" and entry["address"] == event.address
    assert entry["description"] is None and entry["contact_details"] == {}
    assert POLICE_UK_TIME.match(entry["start_date"]) and entry["start_date"].endswith("T18:00:00")  # London time
    assert POLICE_UK_TIME.match(entry["end_date"])


def test_neighbourhood_priorities(personas, ward):
    done = make_priority(ward, issue="Bikes stolen", action="Bikes marked", action_date=date(2025, 4, 2))
    publish_priority(done, personas["supervisor"])
    make_priority(ward, issue="Unpublished")
    assert _get(personas, f"{ward.code}/priorities") == [
        {
            "issue": "<p>Bikes stolen</p>",
            "issue-date": "2025-03-01T00:00:00",
            "action": "<p>Bikes marked</p>",
            "action-date": "2025-04-02T00:00:00",
        }
    ]


@pytest.mark.parametrize(
    "path", ["/api/no-such-force/E05009288/people", "/api/city-of-london/E99999999/events", "/api/forces/nope/people"]
)
def test_unknown_force_or_neighbourhood_is_404_with_the_error_body(personas, path):
    response = personas.client("public").get(path)
    body = response.json()
    assert response.status_code == 404
    assert set(body) == {"error"} and body["error"]["status"] == 404 and body["error"]["title"] == "Not Found"
    assert body["error"]["detail"].startswith("No ")


def test_the_endpoints_are_in_the_openapi_schema(personas):
    paths = personas.client("public").get("/api/openapi.json").json()["paths"]
    for path in ("people", "events", "priorities"):
        assert f"/api/{{force_id}}/{{neighbourhood_id}}/{path}" in paths
    assert "/api/forces/{force_id}/people" in paths


def _queries_for(personas, path: str) -> tuple[int, list]:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as captured:
        body = _get(personas, path)
    return len(captured.captured_queries), body


def test_event_organisers_show_their_teams_inbox_in_a_fixed_number_of_queries(personas, ward):
    team = make_team(ward.cluster.sector.force, slug="ward-team", name="Ward team")

    def organised_event(n: int) -> None:
        organiser = make_officer(ward.cluster, name=f"PC Organiser {n}", contact_email="")
        organiser.teams.add(team)
        make_event(ward.cluster, title=f"Surgery {n}", days=7 + n, organiser=organiser)

    organised_event(1)
    one, body = _queries_for(personas, f"{ward.code}/events")
    assert [e["contact_details"] for e in body] == [{"email": "ward-team@example.org"}]
    for n in range(2, 5):
        organised_event(n)
    four, body = _queries_for(personas, f"{ward.code}/events")
    assert [e["contact_details"] for e in body] == [{"email": "ward-team@example.org"}] * 4
    assert four == one


def test_the_ward_page_and_the_api_name_the_same_team(personas, ward):
    from beatbook.engagement.public import ward_engagement, ward_officers

    make_officer(ward.cluster, name="PC Robin Example")
    make_officer(ward.cluster, name="PC Alex Example")
    make_officer(personas.cluster_b, name="PC Other Cluster")
    names = [o.name for o in ward_officers(ward)]
    assert names == ["PC Alex Example", "PC Robin Example"]
    assert [o.name for o in ward_engagement(ward).officers] == names
    assert [p["name"] for p in _get(personas, f"{ward.code}/people")] == names
