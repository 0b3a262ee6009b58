"""The demo's schools, notifications and briefing: labelled demonstration, made once, one sent in time."""

from __future__ import annotations

import io

import pytest
from django.contrib.auth.models import User
from PIL import Image

from beatbook.demo.accounts import ensure_demo_accounts
from beatbook.demo.schools import BRIEFING_REFERENCE, ensure_demo_schools
from beatbook.missing.models import MissingBriefing
from beatbook.schools.models import School, SchoolNotification

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
