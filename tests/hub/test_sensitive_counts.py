"""Repeat victims and callers and intelligence counts by ward on the Hub dashboard: numbers only, for
the roles that may see them, and nothing at all in the HTML of anyone else."""

from __future__ import annotations

from datetime import date, datetime

import pytest
from django.contrib.auth.models import AnonymousUser
from django.utils import timezone

from beatbook.core.models import AuditEvent
from beatbook.crime.ingest import ingest_paths
from beatbook.hub.sensitive import sensitive_counts
from tests.conftest import shipped_street_file
from tests.intel.conftest import received_item
from tests.safeguarding.conftest import PERSON, repeat_person

pytestmark = pytest.mark.django_db
SECRET = "PRIVATE-HUB-7d21"
HEADING = "Repeat victims, callers and intelligence by ward"
#: The months of 2025 (the street crimes stored are December's): the repeat person's incidents and the item.
YEAR = (date(2025, 1, 1), date(2025, 12, 1))
IN_2025 = "from=2025-01&to=2025-12"
JUNE_2025 = timezone.make_aware(datetime(2025, 6, 10, 12, 0))


@pytest.fixture
def ward(personas):
    assert not ingest_paths([shipped_street_file("2025-12")]).refused
    ward = personas.cluster_a.wards.order_by("name").first()
    repeat_person(ward, SECRET)
    received_item(ward, original_text=SECRET, received_at=JUNE_2025)
    return ward


def test_the_ward_dashboard_shows_the_counts_to_those_who_direct_patrols(personas, ward):
    html = personas.client("analyst").get(f"/hub/?area=ward:{ward.slug}&{IN_2025}").content.decode()
    row = f'<th scope="row">{ward.name}</th><td class="num">1</td><td class="num">1</td><td class="num">1</td>'
    assert HEADING in html and row in html and "synthetic incident log" in html
    assert SECRET not in html and PERSON not in html


def test_showing_the_counts_is_audited_as_the_counts_pages_are(personas, ward):
    html = personas.client("analyst").get(f"/hub/?area=ward:{ward.slug}&{IN_2025}").text
    assert 'class="synthetic-banner"' in html and "Synthetic records: the repeat counts come from a synthetic" in html
    events = AuditEvent.objects.filter(action="view", user=personas["analyst"])
    assert set(events.values_list("object_type", flat=True)) >= {"safeguarding.counts", "intel.counts"}
    detail = {"page": "hub", "wards": [ward.pk], "months": "2025-01..2025-12"}
    assert events.get(object_type="safeguarding.counts").detail == detail
    personas.client("partner_x").get(f"/hub/?area=ward:{ward.slug}")  # refused: nothing shown, nothing audited
    assert not AuditEvent.objects.filter(user=personas["partner_x"], object_type__endswith=".counts").exists()


@pytest.mark.parametrize("name", ["public", "partner_x", "intelligence", "safeguarding"])
def test_a_refused_role_sees_none_of_it(personas, ward, name):
    response = personas.client(name).get(f"/hub/?area=ward:{ward.slug}")
    html = response.content.decode()
    assert response.status_code in (302, 403)
    assert HEADING not in html and "Repeat victims" not in html and SECRET not in html and PERSON not in html


def test_each_role_gets_only_the_columns_it_may_see(personas, ward):
    intel_only = sensitive_counts(personas["intelligence"], (ward.pk,), *YEAR)
    assert intel_only is not None and (intel_only.repeats, intel_only.intel) == (False, True)
    assert intel_only.rows == [{"ward": ward.name, "intel": 1}]
    safeguarding_only = sensitive_counts(personas["safeguarding"], (ward.pk,), *YEAR)
    assert safeguarding_only is not None and (safeguarding_only.repeats, safeguarding_only.intel) == (True, False)
    assert safeguarding_only.rows == [{"ward": ward.name, "victims": 1, "callers": 1}]
    assert sensitive_counts(personas["partner_x"], (ward.pk,), *YEAR) is None
    assert sensitive_counts(AnonymousUser(), (ward.pk,), *YEAR) is None


def _row(html: str, ward) -> str:
    start = html.index(f'<th scope="row">{ward.name}</th>', html.index('id="sensitive"'))
    return html[start : html.index("</tr>", start)]


def test_the_counts_follow_the_page_s_months_as_its_crimes_do(personas, ward):
    received_item(ward, received_at=timezone.now())  # today: after every month of crimes stored
    analyst = personas.client("analyst")
    year = analyst.get(f"/hub/?area=ward:{ward.slug}&{IN_2025}").text
    assert _row(year, ward).endswith('<td class="num">1</td><td class="num">1</td><td class="num">1</td>')
    assert "Jan 2025 to Dec 2025" in year
    # the default months, December 2025 (the one published): no incident of the repeat person, no item
    december = analyst.get(f"/hub/?area=ward:{ward.slug}").text
    assert _row(december, ward).endswith('<td class="num">0</td><td class="num">0</td><td class="num">0</td>')
    # and the map's layer is asked for the page's months
    assert f"/hub/sensitive-counts.json?area=ward%3A{ward.slug}&amp;from=2025-01&amp;to=2025-12" in year


def test_a_legend_gives_the_classes_and_how_many_wards_fall_in_each(personas, ward):
    for _ in range(2):
        received_item(ward, received_at=JUNE_2025)  # 3 items in all: the class 3–5
    html = personas.client("analyst").get(f"/hub/?area=cluster:{personas.cluster_a.code}&{IN_2025}").text
    legend = html[html.index('class="sensitive-legend"') :]
    intel = legend[legend.index("Map layer: Intelligence received") : legend.index("</ul>")]
    wards = personas.cluster_a.wards.count()
    assert f"0: {wards - 1} wards" in intel and "1–2: 0 wards" in intel and "3–5: 1 ward<" in intel
    assert "11 or more: 0 wards" in intel and 'fill="#cc79a7" fill-opacity="0.4"' in intel
    assert "Map layer: Repeat victims and callers" in legend


def test_the_banner_says_when_the_intelligence_counts_include_synthetic_items(personas, ward):
    from beatbook.intel.models import Intel

    Intel.objects.update(synthetic=True)
    html = personas.client("officer_a").get(f"/hub/?area=ward:{ward.slug}&{IN_2025}").text
    assert "the intelligence counts include synthetic items" in html
