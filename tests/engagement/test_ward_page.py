"""The public ward page: the cluster's named team, next events and "you said, we did", in a page
cached whole for the public, whose key changes when any of them change."""

from __future__ import annotations

import pytest

from beatbook.engagement.services import publish_priority
from tests.engagement.factories import make_event, make_officer, make_priority, make_team

pytestmark = pytest.mark.django_db


@pytest.fixture
def ward(personas):
    return personas.cluster_a.wards.first()


def _page(personas, ward) -> str:
    return personas.client("public").get(f"/wards/{ward.slug}/").content.decode()


def test_the_ward_page_shows_team_events_and_published_priorities(personas, ward):
    make_officer(ward.cluster, name="PC Robin Example", bio="Walks the ward daily.", phone="0700", publish_phone=False)
    make_team(ward.cluster.sector.force)
    make_event(ward.cluster, title="Panel meeting at the library")
    published = make_priority(ward, issue="Bikes stolen at the station", action="Bike marking held")
    publish_priority(published, personas["supervisor"])
    make_priority(ward, issue="A draft nobody should read")
    page = _page(personas, ward)
    assert "PC Robin Example" in page and "Walks the ward daily." in page and "team@example.org" in page
    assert "0700" not in page  # the officer did not agree to publish a phone
    assert "Panel meeting at the library" in page and f"/events/ward/{ward.slug}/calendar.ics" in page
    assert "You said: Bikes stolen at the station" in page and "Bike marking held" in page
    assert "A draft nobody should read" not in page


def test_an_empty_ward_says_so(personas, ward):
    page = _page(personas, ward)
    assert "The cluster's named officers are not listed yet." in page
    assert "No events are planned in this ward yet." in page and "No priorities are published" in page


def test_the_cached_page_changes_when_teams_events_or_priorities_change(personas, ward):
    assert "PC Late Arrival" not in _page(personas, ward)  # now cached for the public
    officer = make_officer(ward.cluster, name="PC Late Arrival")
    assert "PC Late Arrival" in _page(personas, ward)

    event = make_event(ward.cluster, title="Surgery at the market")
    assert "Surgery at the market" in _page(personas, ward)
    event.cancelled = True
    event.save()
    assert "Surgery at the market" not in _page(personas, ward)

    priority = make_priority(ward, issue="Noise from the late bar")
    assert "Noise from the late bar" not in _page(personas, ward)
    publish_priority(priority, personas["supervisor"])
    assert "Noise from the late bar" in _page(personas, ward)

    officer.delete()
    assert "PC Late Arrival" not in _page(personas, ward)


def _rendered(client, url: str) -> bool:
    """Whether the page was drawn for this request (not served from the cache)."""
    return client.get(url).context is not None


def test_internal_events_leave_the_cached_pages_alone(personas, ward):
    public = personas.client("public")
    for url in ("/", f"/wards/{ward.slug}/"):
        _rendered(public, url)
        assert not _rendered(public, url)
    make_event(ward.cluster, title="Internal briefing", is_public=False)
    assert not _rendered(public, "/") and not _rendered(public, f"/wards/{ward.slug}/")
    make_event(ward.cluster, title="Street surgery")
    assert not _rendered(public, "/")  # the home page shows no events: it never pays for their stamp
    assert _rendered(public, f"/wards/{ward.slug}/")


def test_the_cached_ward_page_is_drawn_again_on_a_new_day(personas, ward, monkeypatch):
    import datetime as dt

    from django.utils import timezone

    public = personas.client("public")
    monkeypatch.setattr(timezone, "localdate", lambda *a, **k: dt.date(2025, 6, 1))
    _rendered(public, f"/wards/{ward.slug}/")
    assert not _rendered(public, f"/wards/{ward.slug}/")
    monkeypatch.setattr(timezone, "localdate", lambda *a, **k: dt.date(2025, 6, 2))
    assert _rendered(public, f"/wards/{ward.slug}/")
