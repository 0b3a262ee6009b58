"""The demo's intelligence: synthetic, labelled, one item per state, made once."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import User

from beatbook.demo.accounts import ensure_demo_accounts
from beatbook.demo.intel import LABEL, ensure_demo_intelligence
from beatbook.intel.models import Intel, Status
from tests.intel.conftest import received_item
from tests.personas import sign_in

pytestmark = pytest.mark.django_db


def test_demo_items_are_labelled_synthetic_and_made_once(city, settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    ensure_demo_accounts()
    assert ensure_demo_intelligence() == ["Intelligence: 3 synthetic demonstration items added (3 in all)."]
    assert ensure_demo_intelligence() == ["Intelligence: 0 synthetic demonstration items added (3 in all)."]
    items = {i.reference: i for i in Intel.objects.all()}
    assert all(i.original_text.startswith(LABEL) and i.synthetic for i in items.values())
    assert items["CI-DEMO-RCVD"].status == Status.RECEIVED and items["CI-DEMO-RCVD"].follow_up_key
    assert items["CI-DEMO-GRDC"].status == Status.AWAITING_HANDLING
    shared = items["CI-DEMO-SHRD"]
    assert shared.status == Status.READY and shared.sanitised_text.startswith(LABEL)
    assert shared.sanitised_by.username == "demo-intelligence"
    assert shared.sanitisation_approved_by.username == "demo-intelligence-2"
    assert shared.shares.get().organisation.name.startswith("Demo:")


def test_the_two_intelligence_officers_of_the_demo_have_different_names(city, settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    ensure_demo_accounts()
    ensure_demo_intelligence()
    writer, approver = (User.objects.get(username=f"demo-intelligence{n}") for n in ("", "-2"))
    assert writer.get_full_name() == "Demo Intelligence officer" != approver.get_full_name()
    approver.last_name = "Intelligence officer"  # as an earlier demo named it
    approver.save()
    ensure_demo_intelligence()
    approver.refresh_from_db()
    assert approver.get_full_name() == "Demo Second intelligence officer"


def test_a_rerun_flags_an_earlier_demo_s_items_and_their_pages_carry_the_banner(city, settings, client):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    ensure_demo_accounts()
    ensure_demo_intelligence()
    Intel.objects.update(synthetic=False)  # made before the flag existed
    real = received_item(None)
    ensure_demo_intelligence()
    assert set(Intel.objects.filter(synthetic=True).values_list("reference", flat=True)) == {
        "CI-DEMO-RCVD",
        "CI-DEMO-GRDC",
        "CI-DEMO-SHRD",
    }
    sign_in(client, User.objects.get(username="demo-intelligence"))
    banner = 'class="synthetic-banner"'
    assert banner in client.get(f"/intel/{Intel.objects.get(reference='CI-DEMO-RCVD').pk}/").text
    assert banner not in client.get(f"/intel/{real.pk}/").text
    sign_in(client, User.objects.get(username="demo-partner"))
    shared = Intel.objects.get(reference="CI-DEMO-SHRD")
    assert banner in client.get(f"/intel/{shared.pk}/").text and banner in client.get("/intel/shared/").text
