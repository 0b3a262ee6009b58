"""iCalendar (RFC 5545) feeds of public events, written with the `icalendar` library."""

from __future__ import annotations

from collections.abc import Iterable

from django.conf import settings
from django.utils import timezone
from icalendar import Calendar, vGeo
from icalendar import Event as VEvent

from beatbook.engagement.models import Event

PRODUCT_ID = "-//beatbook//Neighbourhood engagement events//EN"


def calendar_of(events: Iterable[Event], name: str, base_url: str) -> bytes:
    """A VCALENDAR with one VEVENT per event; `base_url` makes each event's link absolute."""
    cal = Calendar()
    cal.add("prodid", PRODUCT_ID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    cal.add("x-wr-calname", name)
    cal.add("x-wr-timezone", settings.TIME_ZONE)
    for event in events:
        cal.add_component(_vevent(event, base_url))
    cal.add_missing_timezones()  # a VTIMEZONE for Europe/London, as RFC 5545 asks of a TZID
    return cal.to_ical()


def _vevent(event: Event, base_url: str) -> VEvent:
    entry = VEvent()
    entry.add("uid", f"event-{event.pk}@{settings.BEATBOOK_FORCE}.beatbook")
    entry.add("dtstamp", event.modified or timezone.now())
    entry.add("created", event.created)
    entry.add("last-modified", event.modified)
    entry.add("dtstart", timezone.localtime(event.start))
    entry.add("dtend", timezone.localtime(event.end))
    entry.add("summary", event.title)
    entry.add("description", event.description)
    entry.add("location", event.address)
    entry.add("categories", [event.event_type.name])
    entry.add("status", "CANCELLED" if event.cancelled else "CONFIRMED")
    entry.add("url", f"{base_url}/events/{event.pk}/")
    if event.latitude is not None and event.longitude is not None:
        entry.add("geo", vGeo((event.latitude, event.longitude)))
    return entry
