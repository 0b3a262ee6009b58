"""The public home and ward pages, rendered by Django's test client."""

from __future__ import annotations

import re

import pytest

from beatbook.crime.ingest import ingest_paths
from beatbook.geography.models import Ward
from tests.conftest import shipped_street_file
from tests.crime.csvs import street_row, write_csv

pytestmark = pytest.mark.django_db
ATTRIBUTION = "Contains public sector information licensed under the Open Government Licence v3.0"


@pytest.fixture
def year_of_data(city):
    months = [f"2025-{m:02d}" for m in range(1, 13)]
    ingest_paths([shipped_street_file(m) for m in months])
    return months


def _no_other_host(html: str) -> None:
    """Every src and href is on this site: police networks block CDNs."""
    for url in re.findall(r'(?:src|href)="([^"]+)"', html):
        assert not re.match(r"(https?:)?//", url), url


def test_home_lists_sectors_clusters_and_25_wards_with_counts(client, year_of_data):
    response = client.get("/")
    html = response.content.decode()
    assert response.status_code == 200
    assert "January 2025 to December 2025" in html
    for name in ("East sector", "West sector", "Liverpool Street cluster", "Fleet Street cluster"):
        assert name in html
    rows = re.findall(r'<a href="/wards/([a-z-]+)/">[^<]+</a></th><td class="num">([\d,]+)</td>', html)
    assert len(rows) == 25
    assert sum(int(n.replace(",", "")) for _, n in rows) == response.context["total"] > 5000
    assert ATTRIBUTION in html and "drawn by geography" in html
    _no_other_host(html)


def test_ward_page_table_matches_the_database(client, year_of_data):
    ward = Ward.objects.get(slug="bishopsgate")
    response = client.get("/wards/bishopsgate/")
    html = response.content.decode()
    assert response.status_code == 200
    assert "<h1>Bishopsgate ward</h1>" in html and "Liverpool Street cluster" in html
    table = response.context["table"]
    from beatbook.crime.models import Crime

    assert sum(r.total for r in table) == Crime.objects.filter(ward=ward).count() == response.context["total"]
    assert len(response.context["period"].months) == 12
    assert '<svg role="img" aria-label="Crimes and anti-social behaviour in Bishopsgate, by month"' in html
    assert 'id="map-features"' in html and "/static/vendor/leaflet/leaflet.js" in html
    assert ATTRIBUTION in html
    _no_other_host(html)


def test_ward_without_crimes_says_so(client, city, tmp_path):
    ingest_paths([write_csv(tmp_path, "2024-03", "street", [street_row(1)])])  # one crime, in Cornhill
    html = client.get("/wards/tower/").content.decode()
    assert "No crimes are recorded in this ward from April 2023 to March 2024" in html


def test_pages_before_any_data(client, city):
    assert "No crime data has been loaded yet" in client.get("/").content.decode()
    assert "no crime data has been loaded yet" in client.get("/wards/tower/").content.decode()


def test_before_any_geography(client, db):
    assert "beatbook is not set up yet" in client.get("/").content.decode()


def test_the_ward_page_links_to_the_public_bike_register(client, city):
    assert 'href="/bikes/register/"' in client.get("/wards/tower/").content.decode()


def test_unknown_ward_is_404(client, city):
    assert client.get("/wards/atlantis/").status_code == 404


def test_the_public_get_the_stored_page_until_the_data_change(client, year_of_data, tmp_path):
    first = client.get("/wards/bishopsgate/")
    again = client.get("/wards/bishopsgate/")
    assert first.context is not None and again.context is None  # the second was not rendered again
    assert again.content == first.content
    lines = shipped_street_file("2025-12").read_text(encoding="utf-8").splitlines(keepends=True)
    kept = [line for line in lines if "On or near Bishopsgate," not in line]
    trimmed = tmp_path / "2025-12-city-of-london-street.csv"
    trimmed.write_text("".join(kept), encoding="utf-8")
    assert not ingest_paths([trimmed]).refused
    after = client.get("/wards/bishopsgate/")
    assert after.context is not None and after.content != first.content
