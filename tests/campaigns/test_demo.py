"""The demonstration campaigns and bikes: made once, labelled, with pubs of the shipped register signed up."""

from __future__ import annotations

import pytest

from beatbook.bikes.models import MarkedBike
from beatbook.campaigns.models import Campaign
from beatbook.campaigns.services import reach
from beatbook.demo.campaigns import ensure_demo_campaigns
from tests.engagement.factories import event_type

pytestmark = pytest.mark.django_db


def test_the_demo_records_are_made_once_and_labelled(city):
    event_type("bike-marking")
    first = ensure_demo_campaigns(city)
    again = ensure_demo_campaigns(city)

    angela = Campaign.objects.get(slug="ask-for-angela")
    cycle = Campaign.objects.get(slug="cycle-theft")
    assert first == again and Campaign.objects.count() == 2
    assert angela.demonstration and cycle.demonstration and angela.published
    assert reach(angela).premises_signed_up == 8
    assert all(s.premises and s.premises.premises_type == "Pub/bar/nightclub" for s in angela.sign_ups.all())
    bikes = MarkedBike.objects.all()
    assert bikes.count() == 4 and all(b.demonstration and b.event == cycle.events.get() for b in bikes)
    assert cycle.cluster == cycle.events.get().cluster
    assert all(b.owner_email.endswith("@example.org") for b in bikes)
    assert reach(cycle).people_attended == cycle.events.get().attendance
