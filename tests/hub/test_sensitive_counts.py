"""Repeat victims and callers and intelligence counts by ward on the Hub dashboard: numbers only, for
the roles that may see them, and nothing at all in the HTML of anyone else."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import AnonymousUser

from beatbook.core.models import AuditEvent
from beatbook.crime.ingest import ingest_paths
from beatbook.hub.sensitive import sensitive_counts
from tests.conftest import shipped_street_file
from tests.intel.conftest import received_item
from tests.safeguarding.conftest import PERSON, repeat_person

pytestmark = pytest.mark.django_db
SECRET = "PRIVATE-HUB-7d21"
HEADING = "Repeat victims, callers and intelligence by ward"


@pytest.fixture
def ward(personas):
    assert not ingest_paths([shipped_street_file("2025-12")]).refused
    ward = personas.cluster_a.wards.order_by("name").first()
    repeat_person(ward, SECRET)
    received_item(ward, original_text=SECRET)
    return ward


def test_the_ward_dashboard_shows_the_counts_to_those_who_direct_patrols(personas, ward):
    html = personas.client("analyst").get(f"/hub/?area=ward:{ward.slug}").content.decode()
    row = f'<th scope="row">{ward.name}</th><td class="num">1</td><td class="num">1</td><td class="num">1</td>'
    assert HEADING in html and row in html and "synthetic incident log" in html
    assert SECRET not in html and PERSON not in html


def test_showing_the_counts_is_audited_as_the_counts_pages_are(personas, ward):
    html = personas.client("analyst").get(f"/hub/?area=ward:{ward.slug}").text
    assert 'class="synthetic-banner"' in html and "Synthetic records: the repeat counts come from a synthetic" in html
    events = AuditEvent.objects.filter(action="view", user=personas["analyst"])
    assert set(events.values_list("object_type", flat=True)) >= {"safeguarding.counts", "intel.counts"}
    assert events.get(object_type="safeguarding.counts").detail == {"page": "hub", "wards": [ward.pk]}
    personas.client("partner_x").get(f"/hub/?area=ward:{ward.slug}")  # refused: nothing shown, nothing audited
    assert not AuditEvent.objects.filter(user=personas["partner_x"], object_type__endswith=".counts").exists()


@pytest.mark.parametrize("name", ["public", "partner_x", "intelligence", "safeguarding"])
def test_a_refused_role_sees_none_of_it(personas, ward, name):
    response = personas.client(name).get(f"/hub/?area=ward:{ward.slug}")
    html = response.content.decode()
    assert response.status_code in (302, 403)
    assert HEADING not in html and "Repeat victims" not in html and SECRET not in html and PERSON not in html


def test_each_role_gets_only_the_columns_it_may_see(personas, ward):
    intel_only = sensitive_counts(personas["intelligence"], (ward.pk,))
    assert intel_only is not None and (intel_only.repeats, intel_only.intel) == (False, True)
    assert intel_only.rows == [{"ward": ward.name, "intel": 1}]
    safeguarding_only = sensitive_counts(personas["safeguarding"], (ward.pk,))
    assert safeguarding_only is not None and (safeguarding_only.repeats, safeguarding_only.intel) == (True, False)
    assert safeguarding_only.rows == [{"ward": ward.name, "victims": 1, "callers": 1}]
    assert sensitive_counts(personas["partner_x"], (ward.pk,)) is None
    assert sensitive_counts(AnonymousUser(), (ward.pk,)) is None
