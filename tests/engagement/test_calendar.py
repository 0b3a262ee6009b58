"""iCalendar feeds: valid RFC 5545 for the `icalendar` library, and imported by a calendar program."""

from __future__ import annotations

import shutil
import subprocess
from datetime import timedelta

import pytest
from icalendar import Calendar

from tests.engagement.factories import make_event

pytestmark = pytest.mark.django_db


@pytest.fixture
def feed_events(personas):
    cluster = personas.cluster_a
    ward = cluster.wards.first()
    public = make_event(
        cluster, title="Panel meeting", description="Tell us, and we act.", latitude=51.5, longitude=-0.09
    )
    make_event(cluster, title="Internal briefing", is_public=False)
    make_event(personas.cluster_b, title="Other cluster's surgery")
    return ward, public


def _parse(response) -> Calendar:
    assert response.status_code == 200 and response["Content-Type"] == "text/calendar; charset=utf-8"
    return Calendar.from_ical(response.content)


def test_the_ward_feed_parses_back_with_its_fields(personas, feed_events):
    ward, event = feed_events
    cal = _parse(personas.client("public").get(f"/events/ward/{ward.slug}/calendar.ics"))
    entries = list(cal.walk("VEVENT"))
    assert [str(e["SUMMARY"]) for e in entries] == ["Panel meeting"]
    entry = entries[0]
    assert entry.decoded("DTSTART") == event.start and entry.decoded("DTEND") == event.start + timedelta(hours=1.5)
    assert str(entry["LOCATION"]) == event.address and str(entry["DESCRIPTION"]) == "Tell us, and we act."
    assert str(entry["UID"]) == f"event-{event.pk}@city-of-london.beatbook"
    assert entry["GEO"].latitude == 51.5 and str(entry["URL"]).endswith(f"/events/{event.pk}/")
    assert str(cal["VERSION"]) == "2.0" and cal["PRODID"]
    assert [str(tz["TZID"]) for tz in cal.walk("VTIMEZONE")] == ["Europe/London"]
    assert entry["DTSTART"].params["TZID"] == "Europe/London"


def test_the_cluster_and_force_feeds_hold_only_public_events(personas, feed_events):
    client = personas.client("public")
    cluster = _parse(client.get(f"/events/cluster/{personas.cluster_a.code}/calendar.ics"))
    force = _parse(client.get("/events/calendar.ics"))
    assert [str(e["SUMMARY"]) for e in cluster.walk("VEVENT")] == ["Panel meeting"]
    assert sorted(str(e["SUMMARY"]) for e in force.walk("VEVENT")) == ["Other cluster's surgery", "Panel meeting"]


@pytest.mark.skipif(shutil.which("calcurse") is None, reason="calcurse (a calendar program) is not installed")
def test_a_calendar_program_imports_the_feed(personas, feed_events, tmp_path):
    """calcurse, a terminal calendar program, imports the feed and lists the event on its day."""
    ward, event = feed_events
    ics = tmp_path / "ward.ics"
    ics.write_bytes(personas.client("public").get(f"/events/ward/{ward.slug}/calendar.ics").content)
    data = tmp_path / "calcurse"
    data.mkdir()
    run = subprocess.run(["calcurse", "-D", str(data), "-i", str(ics)], capture_output=True, text=True, timeout=30)
    assert run.returncode == 0, run.stderr
    day = f"{event.start.astimezone():%m/%d/%Y}"
    listed = subprocess.run(
        ["calcurse", "-D", str(data), "-Q", "--filter-type", "apt", "--from", day, "--days", "1"],
        capture_output=True, text=True, timeout=30,
    )  # fmt: skip
    assert "Panel meeting" in listed.stdout, listed.stdout + listed.stderr
    assert "1 app / 0 events / 0 todos / 0 skipped" in run.stdout  # one appointment, nothing refused
