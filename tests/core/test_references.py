"""One reference generator for every app, each keeping its own format."""

from __future__ import annotations

import re

import pytest

from beatbook.core import references
from beatbook.intel.models import Intel
from beatbook.intel.services import new_reference as intel_reference
from beatbook.missing.models import MissingBriefing
from beatbook.safeguarding.models import MaracCase
from beatbook.schools.models import SchoolNotification
from tests.intel.conftest import received_item

pytestmark = pytest.mark.django_db


def test_each_app_keeps_its_format():
    assert re.fullmatch(r"CI-[A-HJ-NP-Z2-9]{4}-[A-HJ-NP-Z2-9]{4}", intel_reference())
    for model, prefix in ((SchoolNotification, "SN"), (MissingBriefing, "MB"), (MaracCase, "MC")):
        assert re.fullmatch(rf"{prefix}-[0-9A-F]{{6}}", references.new_reference(model, prefix))


def test_a_reference_in_use_is_drawn_again(monkeypatch):
    received_item(reference="CI-A")
    drawn = iter("AAB")
    monkeypatch.setattr(references.secrets, "choice", lambda alphabet: next(drawn))
    assert references.new_reference(Intel, "CI", length=1) == "CI-B"
