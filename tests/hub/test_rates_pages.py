"""The rates page: every rate names its denominator, none over a tiny one, on two years of the
shipped City data (2024-2025) and the shipped denominators."""

from __future__ import annotations

import csv
import io
import json

import pytest
from django.core.cache import cache

from beatbook.crime.models import Crime
from beatbook.geography.commands import DEFAULT_DENOMINATORS
from beatbook.geography.denominators import load_denominators
from beatbook.geography.models import Cluster, Denominator, Force
from tests.hub.conftest import page


@pytest.fixture
def analyst(data, personas):
    cache.clear()
    load_denominators(DEFAULT_DENOMINATORS, Force.objects.get(slug="city-of-london"))
    return personas.client("analyst")


def crimes_2025(**filters) -> int:
    return Crime.objects.filter(month__year=2025, **filters).count()


def test_the_force_rates_name_each_denominator_with_its_source_and_date(analyst):
    html = page(analyst, "/hub/rates/")
    in_wards = crimes_2025(ward__isnull=False)
    assert f"<dd>{in_wards:,}</dd>" in html
    assert f"{round(in_wards / 8_584 * 1000):,} per 1,000 residents" in html
    assert f"{in_wards / 587_000 * 1000:.1f} per 1,000 workers" in html
    assert f"{round(in_wards / 21_000_000 * 1e6):,} per 1,000,000 visitors" in html
    assert "ONS Census 2021, usual residents" in html and "2021-03-21" in html
    assert "ONS Census 2011, table WD606EW" in html
    # The reading in words: the resident rate against the worker rate, and the caveat.
    assert f"looks {round(587_000 / 8_584)} times as high as per worker" in html
    assert "Read resident rates with care" in html and "587,000 workers on a weekday" in html


def test_resident_rates_by_lsoa_come_from_the_census(analyst):
    html = page(analyst, "/hub/rates/")
    whole = crimes_2025(lsoa_code="E01032739")
    assert "City of London 001F" in html
    assert f"<strong>{round(whole / 1_619 * 1000):,}</strong>" in html  # offices with few homes: thousands
    assert "not computed: no resident count for this LSOA" in html  # crimes at points in a neighbouring borough's LSOA


def test_visitors_are_scaled_to_the_published_months(analyst):
    html = page(analyst, "/hub/rates/?from=2025-01&to=2025-06")
    half = Crime.objects.filter(month__range=("2025-01-01", "2025-06-01"), ward__isnull=False).count()
    assert f"{round(half / 10_500_000 * 1e6):,} per 1,000,000 visitors" in html


def test_no_rate_over_a_tiny_denominator(analyst, settings):
    settings.BEATBOOK_RATE_MIN_DENOMINATOR = 10_000
    html = page(analyst, "/hub/rates/")
    assert "not computed: denominator under 10,000" in html  # 8,584 and 8,600 residents
    assert "per 1,000 residents" not in html.split("Rates on each denominator")[1].split("Resident rates by LSOA")[0]
    assert "per 1,000 workers" in html


def test_a_ward_without_figures_says_so_and_a_cluster_sums_its_wards(analyst, tmp_path):
    html = page(analyst, "/hub/rates/?area=ward:bishopsgate")
    assert "No population is configured for Bishopsgate ward" in html
    assert "per km²" in html  # the area of its boundary is always known
    cluster = Cluster.objects.get(code="liverpool-street")
    wards = list(cluster.wards.order_by("code"))
    rows = "".join(f"ward,{w.code},{w.name},workers,,{10_000 + i},2024,A survey,,\n" for i, w in enumerate(wards))
    path = tmp_path / "wards.csv"
    path.write_text("area_kind,area_code,area_name,kind,group,value,as_of,source,source_url,notes\n" + rows)
    load_denominators(path, cluster.sector.force)
    total = sum(10_000 + i for i in range(len(wards)))
    html = page(analyst, "/hub/rates/?area=cluster:liverpool-street")
    assert f"{total:,}" in html and "A survey" in html
    # One ward without the figure: no sum for the cluster.
    Denominator.objects.filter(area_code=wards[0].code).delete()
    assert "A survey" not in page(analyst, "/hub/rates/?area=cluster:liverpool-street")


@pytest.mark.parametrize(
    ("query", "message"),
    [("area=ward:atlantis", "Select a valid choice"), ("from=2025-06&to=2025-01", "is before")],
)
def test_a_bad_choice_is_named_with_400(analyst, query, message):
    html = page(analyst, f"/hub/rates/?{query}", status=400)
    assert "The page cannot be shown with these choices" in html and message in html


def test_the_tables_download_with_their_metadata_and_as_json(analyst, personas):
    response = analyst.get("/hub/export/rates-area.csv")
    rows = list(csv.DictReader(io.StringIO(response.content.decode())))
    residents = next(r for r in rows if r["kind"] == "residents")
    assert residents["denominator_value"] == "8584.0" and residents["unit"] == "per 1,000 residents"
    lsoas = list(csv.DictReader(io.StringIO(analyst.get("/hub/export/rates-lsoa.csv").content.decode())))
    assert {"lsoa_code", "crimes_in_lsoa", "residents", "per_1000_residents"} <= set(lsoas[0])
    meta = json.loads(analyst.get("/hub/export/rates-area.csv-metadata.json").content)
    assert meta["analysis"].startswith("crimes per head") and "Open Government Licence" in meta["attribution"]
    body = json.loads(analyst.get("/api/hub/rates?area=ward:bishopsgate").content)
    assert body["area"].startswith("Bishopsgate ward") and body["denominators"]["rows"][-1]["kind"] == "area"
    bad = personas.client("analyst").get("/api/hub/rates?from=2030-01")
    assert bad.status_code == 400 and "from" in bad.json()["error"]["parameters"]
    assert personas.client("public").get("/api/hub/rates").status_code == 401
