"""A team's audience: subscribers who said they belong to the public group the team serves."""

from __future__ import annotations

import pytest
from django.core import mail

from beatbook.messaging import services
from beatbook.messaging.models import OutboxEmail, Subscriber
from tests.engagement.factories import make_team

pytestmark = pytest.mark.django_db


def _subscriber(email: str, group: str) -> Subscriber:
    return Subscriber.objects.create(email=email, group=group, confirmed="2025-01-01T00:00Z")


def test_a_message_to_the_business_teams_audience_reaches_businesses_only(personas, django_capture_on_commit_callbacks):
    team = make_team(personas.cluster_a.sector.force)
    _subscriber("shop@example.org", "business")
    _subscriber("resident@example.org", "resident")
    _subscriber("quiet@example.org", "")
    with django_capture_on_commit_callbacks(execute=True):
        message = services.send_message(
            "Shop theft", "Lock the till.", None, None, "", personas["officer_a"], team=team
        )
    assert message.recipients == 1 and [m.to for m in mail.outbox] == [["shop@example.org"]]
    assert "businesses (Business team)" in message.audience


def test_a_team_serving_no_group_has_no_audience(personas):
    team = make_team(personas.cluster_a.sector.force, slug="residential", name="Residential")
    _subscriber("resident@example.org", "resident")
    assert not services.audience(None, None, "", team).exists()


def test_the_group_given_when_subscribing_applies_once_confirmed(personas):
    ward = personas.cluster_a.wards.first()
    services.subscribe(None, "Shop@Example.org", [ward], [], group="business")
    assert not Subscriber.objects.exists()  # nothing is stored until the link in the email is used
    body = OutboxEmail.objects.get(purpose="confirmation").body
    token = body.split("confirm/")[1].split("/")[0]
    assert services.confirm(token).group == "business"


def test_the_compose_form_offers_teams_with_an_audience(personas):
    make_team(personas.cluster_a.sector.force)
    make_team(personas.cluster_a.sector.force, slug="residential", name="Residential")
    page = personas.client("officer_a").get("/messages/new/").content.decode()
    assert "Business team" in page and "Residential team" not in page
