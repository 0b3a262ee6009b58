"""The Hub map's layer of repeat victims and callers and of intelligence by ward: the table's numbers, served
by an endpoint that refuses every other role, audited as the table is, and named only on their pages."""

from __future__ import annotations

import pytest

from beatbook.core.models import AuditEvent
from tests.hub.test_sensitive_counts import SECRET, ward  # noqa: F401  (the fixture: one repeat person, one item)
from tests.safeguarding.conftest import PERSON

pytestmark = pytest.mark.django_db
URL = "/hub/sensitive-counts.json"
IN_2025 = {"from": "2025-01", "to": "2025-12"}  # the months of the repeat person's incidents and the item


def test_the_layer_has_the_tables_numbers_for_every_ward(personas, ward):  # noqa: F811
    response = personas.client("analyst").get(URL, IN_2025)
    assert response.status_code == 200 and response["Cache-Control"] == "private, no-store"
    body = response.json()
    assert (body["repeats"], body["intel"], body["synthetic"]) == (True, True, True)
    assert body["period"] == "Jan 2025 to Dec 2025"
    assert [c["label"] for c in body["classes"]] == ["0", "1–2", "3–5", "6–10", "11 or more"]
    rows = {row["ward"]: row for row in body["wards"]}
    assert rows[ward.name] == {"ward": ward.name, "victims": 1, "callers": 1, "intel": 1}
    assert len(rows) == 25  # every City ward; a ward with nothing has no count (the table shows 0)
    assert SECRET not in response.text and PERSON not in response.text


def test_the_layer_counts_the_months_of_the_page_that_asks(personas, ward):  # noqa: F811
    december = personas.client("analyst").get(URL).json()  # the default months: December 2025 alone
    rows = {row["ward"]: row for row in december["wards"]}
    assert december["period"] == "Dec 2025"
    assert rows[ward.name] == {"ward": ward.name, "intel": 0}  # no repeat: no repeat count
    refused = personas.client("analyst").get(URL, {"from": "March"})
    assert refused.status_code == 400 and "is not a month" in refused.json()["errors"]["from"][0]


def test_reading_the_layer_is_audited_per_kind(personas, ward):  # noqa: F811
    personas.client("officer_a").get(URL)
    events = AuditEvent.objects.filter(user=personas["officer_a"], action="view")
    assert {e.object_type: e.detail["page"] for e in events} == {
        "safeguarding.counts": "hub map",
        "intel.counts": "hub map",
    }


@pytest.mark.parametrize("name", ["partner_x", "intelligence", "safeguarding", "admin"])
def test_every_other_role_is_refused_and_nothing_is_audited(personas, ward, name):  # noqa: F811
    response = personas.client(name).get(URL)
    assert response.status_code == 403 and SECRET not in response.text
    assert not AuditEvent.objects.filter(user=personas[name], object_type__endswith=".counts").exists()


def test_the_public_is_sent_to_sign_in(personas, ward):  # noqa: F811
    assert personas.client("public").get(URL).status_code == 302


def test_the_dashboard_names_the_layer_only_for_those_who_may_read_it(personas, ward):  # noqa: F811
    html = personas.client("supervisor").get(f"/hub/?area=ward:{ward.slug}").text
    assert f'data-sensitive-counts="{URL}?area=ward%3A{ward.slug}"' in html and "same counts as layers" in html
