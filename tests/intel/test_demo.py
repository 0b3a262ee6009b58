"""The demo's intelligence: synthetic, labelled, one item per state, made once."""

from __future__ import annotations

import pytest

from beatbook.demo.accounts import ensure_demo_accounts
from beatbook.demo.intel import LABEL, ensure_demo_intelligence
from beatbook.intel.models import Intel, Status

pytestmark = pytest.mark.django_db


def test_demo_items_are_labelled_synthetic_and_made_once(city, settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    ensure_demo_accounts()
    assert ensure_demo_intelligence() == ["Intelligence: 3 synthetic demonstration items added (3 in all)."]
    assert ensure_demo_intelligence() == ["Intelligence: 0 synthetic demonstration items added (3 in all)."]
    items = {i.reference: i for i in Intel.objects.all()}
    assert all(i.original_text.startswith(LABEL) for i in items.values())
    assert items["CI-DEMO-RCVD"].status == Status.RECEIVED and items["CI-DEMO-RCVD"].follow_up_key
    assert items["CI-DEMO-GRDC"].status == Status.AWAITING_HANDLING
    shared = items["CI-DEMO-SHRD"]
    assert shared.status == Status.READY and shared.sanitised_text.startswith(LABEL)
    assert shared.sanitised_by.username == "demo-intelligence"
    assert shared.sanitisation_approved_by.username == "demo-intelligence-2"
    assert shared.shares.get().organisation.name.startswith("Demo:")
