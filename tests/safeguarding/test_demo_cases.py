"""The demo's chain: the synthetic log opens school tasks (one assigned and sent in time), and the
demonstration victim gets a support plan and a Community MARAC case that the demo partner sees in part."""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model

from beatbook.crime.ingest import ingest_paths
from beatbook.demo.accounts import ensure_demo_accounts
from beatbook.demo.safeguarding import ensure_demo_safeguarding
from beatbook.demo.safeguarding_cases import ensure_demo_cases
from beatbook.demo.schools import ensure_demo_schools
from beatbook.safeguarding.models import MaracAction, MaracCase, SupportPlan
from beatbook.schools.models import SchoolNotification
from tests.conftest import shipped_street_file

pytestmark = pytest.mark.django_db


def test_the_demo_runs_end_to_end_and_twice(city, settings, tmp_path):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.VAR_DIR = tmp_path
    ingest_paths([shipped_street_file(m) for m in ("2025-10", "2025-11", "2025-12")])
    ensure_demo_accounts()
    for _ in range(2):
        ensure_demo_safeguarding()
        cases = ensure_demo_cases()
        schools = ensure_demo_schools()
    from_log = SchoolNotification.objects.filter(from_incident_log=True)
    assert from_log.exists() and from_log.filter(synthetic=False).count() == 0
    sent = from_log.get(status="sent")
    assert sent.sent_in_time is True and sent.school is not None and "sent in time" in schools[0]
    assert SupportPlan.objects.get().actions.count() == 2 and "support plan" in cases[0]
    case = MaracCase.objects.get()
    assert case.synthetic and case.referral is not None and case.actions.count() == 3
    demo_partner = get_user_model().objects.get(username="demo-partner")
    assert list(MaracCase.objects.visible_to(demo_partner)) == [case]
    assert MaracAction.objects.visible_to(demo_partner).count() == 1
