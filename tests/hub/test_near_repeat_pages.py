"""The near-repeat page, its download and its API, with two years of the shipped City data (2024-2025)."""

from __future__ import annotations

import csv
import io
import json
import re

import pytest

from beatbook.hub import near_repeat_page
from beatbook.hub.analysis_forms import month_band_problem
from tests.hub.conftest import page

#: Several busy categories over the whole force: millions of close pairs.
BUSY = "category=theft-from-the-person&category=other-theft&category=shoplifting&category=violent-crime"


def test_the_default_tests_burglary_and_reads_the_table_in_plain_english(analyst):
    html = page(analyst, "/hub/near-repeat/")
    assert "Burglary (burglary)" in html and "2025-01..2025-12: 12 months" in html
    assert (
        "Crimes within 100 m of each other and in the same month occur 1.29 times as often as expected by chance "
        "(p = 0.01)." in html
    )
    assert "Crimes 100–200 m apart and in the same month occur 1.14 times as often as expected by chance" in html
    assert "425 crimes, 90,100 pairs; 99 permutations of the months (seed 1)" in html


def test_the_knox_table_is_coloured_and_marked_by_significance(analyst):
    html = page(analyst, "/hub/near-repeat/")
    table = html[html.index('<table class="counts knox">') : html.index("</table>")]
    headers = re.findall(r"<th scope=\"col\">([^<]*)<br>", table)
    assert headers == ["same month", "1 month apart", "2 months apart", "3 months apart"]
    row = r'<th scope="row">under 100 m</th>\s*<td class="([\w-]*)"[^>]*>([^<]*)<span aria-hidden="true">(.*?)</span>'
    first = re.search(row, table)
    assert first.groups() == ("nr-more1", "1.29 ", "▲*")
    assert '<span class="visually-hidden"> (more than chance, p = 0.01)</span>' in table
    assert table.count('<td class="" title=') == 10  # the other cells: not significant, no colour, no symbol


def test_more_permutations_and_another_seed_are_used(analyst):
    html = page(analyst, "/hub/near-repeat/?permutations=199&seed=7")
    assert "199 permutations of the months (seed 7), so the smallest p-value possible is 1/200 = 0.005" in html


@pytest.mark.parametrize(
    ("query", "field", "message"),
    [
        ("time_bands=0,7,14,21", "Time bands (days)", "The band 7–14 days holds no pair of crimes"),
        ("time_bands=0,30,60,90", "Time bands (days)", "The edge 30 splits the pairs 1 month apart between two bands"),
        ("time_bands=0,15,45,75,105,60", "Time bands (days)", "non-negative and increasing"),
        ("space_bands=100,50", "Distance bands (metres)", "non-negative and increasing"),
        ("space_bands=-10,100", "Distance bands (metres)", "non-negative and increasing"),
        ("space_bands=near,far", "Distance bands (metres)", "is not a list of numbers"),
        ("space_bands=100", "Distance bands (metres)", "at least two edges"),
        ("permutations=1000", "Permutations", "less than or equal to 999"),
        ("permutations=0", "Permutations", "greater than or equal to 1"),
        ("seed=-1", "Seed", "greater than or equal to 0"),
        ("from=2025-06&to=2025-01", "To", "is before"),
    ],
)
def test_a_bad_option_is_named_on_the_page_with_400(analyst, query, field, message):
    html = page(analyst, f"/hub/near-repeat/?{query}", status=400)
    assert "The page cannot be shown with these choices" in html
    assert field in html and message in html


def test_day_bands_are_refused_with_the_months_they_would_split():
    assert month_band_problem([0, 15, 45, 75, 105]) == ""
    assert month_band_problem([0, 28, 59]) == ""  # edges at the shortest lags of 1 and 2 months hold them whole
    assert "splits the pairs 2 months apart" in month_band_problem([0, 15, 60])
    assert "0 days (same month), 28–31 days (1 month)" in month_band_problem([0, 7, 14])


def test_a_run_too_large_for_a_page_is_refused_with_what_would_fit(analyst):
    html = page(analyst, f"/hub/near-repeat/?{BUSY}&permutations=999", status=400)
    assert re.search(r"[\d,]+ pairs of crimes lie within 400 m of each other: 999 permutations", html)
    assert "choose at most 212 permutations, or narrow the selection" in html


def test_a_run_too_large_is_refused_as_a_download_too(analyst):
    response = analyst.get(f"/hub/export/near-repeat-knox.csv?{BUSY}&permutations=999")
    assert response.status_code == 400
    assert "choose at most 212 permutations, or narrow the selection" in response.content.decode()


def test_the_knox_run_is_cached(analyst, monkeypatch):
    calls = []
    original = near_repeat_page.analyses.near_repeat
    monkeypatch.setattr(near_repeat_page.analyses, "near_repeat", lambda *a: calls.append(a) or original(*a))
    page(analyst, "/hub/near-repeat/?area=cluster:liverpool-street")
    page(analyst, "/hub/near-repeat/?area=cluster:liverpool-street")
    analyst.get("/hub/export/near-repeat-knox.csv?area=cluster:liverpool-street")
    assert len(calls) == 1


def test_too_few_crimes_is_said_not_failed(analyst):
    html = page(analyst, "/hub/near-repeat/?area=ward:walbrook")
    assert "No located crime matches the selection" in html


def test_the_knox_table_downloads_with_its_metadata(analyst):
    response = analyst.get("/hub/export/near-repeat-knox.csv")
    rows = list(csv.DictReader(io.StringIO(response.content.decode())))
    assert len(rows) == 12 and rows[0]["time_band_meaning"] == "same month"
    assert rows[0]["observed_pairs"] == "286" and float(rows[0]["p_value"]) == pytest.approx(0.01)
    meta = json.loads(analyst.get("/hub/export/near-repeat-knox.csv-metadata.json").content)
    assert meta["categories"] == ["burglary"]
    assert meta["options"]["space_bands"] == [0.0, 100.0, 200.0, 400.0] and meta["options"]["permutations"] == 99


def test_the_api_serves_the_knox_table_and_refuses_bad_bands(analyst):
    body = analyst.get("/api/hub/near-repeat").json()
    assert body["readings"][0].startswith("Crimes within 100 m of each other and in the same month occur 1.29 times")
    assert len(body["knox"]["rows"]) == 12 and body["knox"]["metadata"]["categories"] == ["burglary"]
    bad = analyst.get("/api/hub/near-repeat?time_bands=0,30,60")
    assert bad.status_code == 400
    assert "splits the pairs 1 month apart" in bad.json()["error"]["parameters"]["time_bands"]
    large = analyst.get(f"/api/hub/near-repeat?{BUSY}&permutations=999")
    assert large.status_code == 400 and "choose at most 212 permutations" in large.json()["error"]["detail"]


def test_a_cell_without_pairs_is_read_as_too_few_not_as_nan():
    import numpy as np

    from beatbook.hub.analyses import near_repeat
    from beatbook.hub.selection import CrimePoints

    months = np.array(["2025-01-01", "2025-06-01", "2025-12-01"], dtype="datetime64[D]")
    far_apart = CrimePoints(np.array([0.0, 5000, 10000]), np.zeros(3), months, np.full(3, "burglary"), np.full(3, ""))
    result = near_repeat(far_apart, [0, 100], [0, 15], 9, 1)
    assert near_repeat_page.readings(result) == [
        "Too few pairs of crimes within 100 m of each other and in the same month to compare with chance."
    ]
