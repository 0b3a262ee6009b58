"""The demo's schools, notifications and briefing: labelled demonstration, made once, one sent in time."""

from __future__ import annotations

import io
from datetime import timedelta

import pytest
from django.contrib.auth.models import User
from django.utils import timezone
from PIL import Image

from beatbook.demo.accounts import ensure_demo_accounts
from beatbook.demo.schools import BRIEFING_REFERENCE, ensure_demo_schools
from beatbook.missing.models import MissingBriefing
from beatbook.schools.models import School, SchoolNotification
from beatbook.schools.services import timeliness
from tests.personas import sign_in

pytestmark = pytest.mark.django_db


def test_demo_records_are_labelled_and_made_once(city, settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    ensure_demo_accounts()
    first = ensure_demo_schools()
    assert ensure_demo_schools() == first
    assert School.objects.count() == 3 and all(
        s.demonstration and s.name.startswith("Demonstration") for s in School.objects.all()
    )
    sent = SchoolNotification.objects.get(incident_ref="DEMO-INC-0001")
    assert sent.sent_in_time is True and sent.child_name.startswith("Demonstration")
    assert SchoolNotification.objects.get(incident_ref="DEMO-INC-0002").sent_at is None
    briefing = MissingBriefing.objects.get(reference=BRIEFING_REFERENCE)
    assert briefing.is_active and "Demonstration" in briefing.name
    assert briefing.clusters.get().pk == User.objects.get(username="demo-officer").profile.cluster_id
    with Image.open(io.BytesIO(bytes(briefing.photo))) as photo:
        assert photo.format == "JPEG" and photo.size == (300, 400)


def test_demo_notifications_and_briefing_are_synthetic_kept_apart_and_bannered(city, settings, client):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    ensure_demo_accounts()
    ensure_demo_schools()
    SchoolNotification.objects.update(synthetic=False)  # as an earlier demo made them
    MissingBriefing.objects.update(synthetic=False)
    ensure_demo_schools()
    demo = SchoolNotification.objects.filter(incident_ref__startswith="DEMO-INC-")
    assert demo.count() == 2 and all(n.synthetic for n in demo)
    week = (timezone.localdate() - timedelta(days=7), timezone.localdate())
    assert timeliness(*week).total == 0 and timeliness(*week, synthetic=True).total == 2  # not in real figures
    briefing = MissingBriefing.objects.get(reference=BRIEFING_REFERENCE)
    assert briefing.synthetic
    banner = 'class="synthetic-banner"'
    sign_in(client, User.objects.get(username="demo-safeguarding"))
    assert banner in client.get(f"/schools/notifications/{demo.first().pk}/").text
    assert banner in client.get("/schools/notifications/").text
    sign_in(client, User.objects.get(username="demo-officer"))
    assert banner in client.get(f"/missing/{briefing.pk}/").text and banner in client.get("/missing/").text
