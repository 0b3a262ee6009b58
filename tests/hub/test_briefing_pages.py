"""The tasking briefing, its PDF, downloads and API, with two years of the shipped City data (2024-2025)."""

from __future__ import annotations

import csv
import io
import json
import re
import zlib

import pytest
from django.core.cache import cache

from beatbook.core.models import AuditAction, AuditEvent
from beatbook.hub import pdf as pdf_module
from beatbook.hub.pdf import OwnStaticFetcher, html_to_pdf
from tests.hub.conftest import page

LIVERPOOL_STREET = "/hub/briefing/?area=cluster:liverpool-street&month=2025-12"


def test_an_officer_gets_their_own_cluster_and_the_latest_month(data, personas):
    cache.clear()
    html = page(personas.client("officer_a"), "/hub/briefing/")
    assert f"Tasking briefing: {personas.cluster_a.name} cluster, December 2025" in html
    for heading in ("In short", "Suggested patrol areas", "Anomalies in December 2025", "New and persistent hotspots"):
        assert heading in html
    assert "Repeat locations in December 2025" in html and "Pubs and bars with rising crime" in html
    # The PDF link names the defaults, so the printout is the page the officer saw.
    assert f"/hub/briefing.pdf?area=cluster%3A{personas.cluster_a.code}&amp;month=2025-12" in html


def test_an_analyst_without_a_cluster_gets_the_force(analyst):
    html = page(analyst, "/hub/briefing/")
    assert "Tasking briefing: City of London Police, December 2025" in html


def test_from_a_page_with_a_period_the_briefing_is_of_its_last_month(analyst):
    html = page(analyst, "/hub/briefing/?area=ward:bishopsgate&from=2025-01&to=2025-06")
    assert "Tasking briefing: Bishopsgate ward, June 2025" in html


def test_the_patrol_areas_are_findable_places_with_their_evidence(analyst):
    html = page(analyst, LIVERPOOL_STREET)
    patrols = re.findall(r"<li>\s*<h3>(.*?)</h3>.*?<p>(.*?)</p>\s*</li>", html, re.DOTALL)
    assert 3 <= len(patrols) <= 5
    names = [name for name, _ in patrols]
    assert "Bishopsgate" in names  # the busiest street of the cluster, persistently hot
    for _, evidence in patrols:
        assert re.match(r"\d+ crimes? in December 2025 \(\d+ in December 2024\); ", evidence), evidence
    persistent = [e for _, e in patrols if "(persistent)" in e]
    assert persistent and "a hotspot in Oct–Dec 2025 and in the 12 months before" in persistent[0]
    assert "map point: “On or near Bishopsgate”" in html and 'href="geo:51.5' in html


def test_the_hotspots_are_compared_with_the_months_before(analyst):
    html = page(analyst, LIVERPOOL_STREET)
    assert "Hot places in Oct–Dec 2025, against the 12 published months before" in html
    assert "● persistent" in html
    assert "squares of 50 m" in html or "squares of 60 m" in html  # the map-point spacing, not 10 m
    one = page(analyst, LIVERPOOL_STREET + "&window=1")
    assert "Hot places in December 2025" in one or "No square holding a map point was a hotspot in December" in one


def test_anomalies_state_the_rule_and_its_false_alarms(analyst):
    html = page(analyst, LIVERPOOL_STREET)
    assert "Every category in December 2025" in html
    assert "one series is flagged about once every two years by chance" in html
    assert re.search(r"with 1\d categories expect about 0\.\d category flags a month", html)


def test_premises_name_the_test_and_the_chance_of_a_false_rise(analyst):
    html = page(analyst, "/hub/briefing/?month=2025-12")
    assert "Night-time crimes near pubs and bars, Oct–Dec 2025" in html
    assert "“Clearly up” means the E-test finds the rise larger than chance (p &lt; 0.05)" in html
    assert re.search(r"\d+ premises had a crime in either period, so about \d+\.\d could pass by chance", html)


def test_the_data_notes_are_shown(analyst):
    html = page(analyst, "/hub/briefing/?area=ward:bishopsgate&month=2025-12")
    assert "Notes on the data" in html and "police.uk publishes months, not dates" in html


def test_a_month_with_too_little_history_says_what_it_cannot_compare(analyst):
    html = page(analyst, "/hub/briefing/?area=cluster:liverpool-street&month=2024-01")
    assert "Tasking briefing: Liverpool Street cluster, January 2024" in html
    assert "No premises comparison" in html or "No comparison: a month of these" in html
    assert "no earlier month was published" in html or "No hotspots" in html


@pytest.mark.parametrize(
    ("query", "field", "message"),
    [
        ("month=2025-13", "Month", "is not a month"),
        ("month=2030-01", "Month", "is after the latest published month, 2025-12"),
        ("month=2023-06", "Month", "is before the first published month, 2024-01"),
        ("area=ward:atlantis", "Area", "Select a valid choice"),
        ("window=7", "Hotspots and premises over", "Select a valid choice"),
        ("category=unicorns", "Crime categories", "Select a valid choice"),
    ],
)
def test_a_bad_choice_is_named_on_the_page_with_400(analyst, query, field, message):
    html = page(analyst, f"/hub/briefing/?{query}", status=400)
    assert "The page cannot be shown with these choices" in html
    assert field in html and message in html


def _pdf_titles(pdf: bytes) -> list[str]:
    """The document title and bookmarks (WeasyPrint makes one per heading) of a PDF."""
    streams = []
    for match in re.finditer(rb"stream\r?\n", pdf):
        try:
            streams.append(zlib.decompressobj().decompress(pdf[match.end() :]))
        except zlib.error:
            continue
    return [t.decode("latin-1") for t in re.findall(rb"/Title \((.*?)\)", pdf + b"".join(streams))]


def test_the_pdf_is_the_briefing_made_from_our_own_files_and_audited(analyst, personas, monkeypatch):
    fetchers: list[OwnStaticFetcher] = []

    class Recording(OwnStaticFetcher):
        def __init__(self) -> None:
            super().__init__()
            fetchers.append(self)

    monkeypatch.setattr("beatbook.hub.briefing_views.OwnStaticFetcher", Recording)
    response = analyst.get("/hub/briefing.pdf?area=cluster:liverpool-street&month=2025-12")
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert 'filename="briefing-liverpool-street-cluster-2025-12.pdf"' in response["Content-Disposition"]
    body = response.content
    assert body.startswith(b"%PDF-") and len(body) > 10_000
    titles = _pdf_titles(body)
    assert "Tasking briefing: Liverpool Street cluster, December 2025" in titles
    assert "Suggested patrol areas" in titles and "Bishopsgate" in titles
    (fetcher,) = fetchers
    assert fetcher.refused == []
    assert sorted(u.rsplit("/", 1)[-1] for u in fetcher.fetched) == ["briefing.css", "site.css"]
    assert all(u.startswith(pdf_module.BASE_URL + "static/") for u in fetcher.fetched)
    event = AuditEvent.objects.get(action=AuditAction.EXPORT, object_type="hub.briefing")
    assert event.user == personas["analyst"] and event.object_repr.endswith("Liverpool Street cluster, 2025-12")


def test_the_pdf_refuses_a_bad_query_with_400(analyst):
    response = analyst.get("/hub/briefing.pdf?month=2030-01")
    assert response.status_code == 400 and "is after the latest published month" in response.content.decode()
    assert not AuditEvent.objects.filter(action=AuditAction.EXPORT).exists()


def test_the_pdf_fetcher_refuses_other_hosts_and_paths_outside_the_static_files(settings):
    html = """<link rel="stylesheet" href="https://example.org/x.css">
      <link rel="stylesheet" href="/static/../settings.py"><link rel="stylesheet" href="/static/beatbook/site.css">
      <img src="http://198.51.100.7/tracker.png" alt=""><p>Hello</p>"""
    fetcher = OwnStaticFetcher()
    assert html_to_pdf(html, fetcher).startswith(b"%PDF-")
    assert fetcher.fetched == [pdf_module.BASE_URL + "static/beatbook/site.css"]
    assert set(fetcher.refused) == {
        "https://example.org/x.css",
        "http://198.51.100.7/tracker.png",
        pdf_module.BASE_URL + "settings.py",
    }


def test_the_tables_download_with_their_metadata(analyst):
    query = "area=cluster:liverpool-street&month=2025-12"
    response = analyst.get(f"/hub/export/briefing-patrols.csv?{query}")
    assert response.status_code == 200
    rows = list(csv.DictReader(io.StringIO(response.content.decode())))
    assert rows[0]["rank"] == "1" and rows[0]["evidence"].endswith(".") and rows[0]["ward"]
    meta = json.loads(analyst.get(f"/hub/export/briefing-patrols.csv-metadata.json?{query}").content)
    assert meta["options"]["window"] == 3 and meta["area"]["name"] == "Liverpool Street cluster"
    assert "Open Government Licence" in meta["attribution"]
    cells = json.loads(analyst.get(f"/hub/export/briefing-hotspots.geojson?{query}").content)
    assert cells["features"] and cells["features"][0]["geometry"]["type"] == "Polygon"
    assert cells["features"][0]["properties"]["kind"] in ("persistent", "new")
    for table in ("briefing-anomalies", "briefing-repeats", "briefing-premises"):
        assert analyst.get(f"/hub/export/{table}.csv?{query}").status_code == 200


def test_the_api_serves_the_briefing_and_names_a_bad_parameter(analyst):
    body = analyst.get("/api/hub/briefing?area=cluster:liverpool-street&month=2025-12").json()
    assert body["month"] == "2025-12" and body["recent_months"] == ["2025-10", "2025-11", "2025-12"]
    assert body["patrols"]["rows"][0]["rank"] == 1 and body["anomalies"]["rows"][0]["category"] == "all"
    bad = analyst.get("/api/hub/briefing?month=2030-01")
    assert bad.status_code == 400
    assert bad.json()["error"]["parameters"] == {"month": "2030-01 is after the latest published month, 2025-12."}
    assert "/api/hub/briefing" in json.dumps(analyst.get("/api/openapi.json").json()["paths"])


def test_the_briefing_is_cached_by_data_version(analyst, django_assert_max_num_queries):
    page(analyst, LIVERPOOL_STREET)
    with django_assert_max_num_queries(25):
        page(analyst, LIVERPOOL_STREET)
