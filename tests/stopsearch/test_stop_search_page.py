"""The public stop-and-search page, its downloads and its API, on every shipped stop-and-search
file of the City; each figure checked against the files read straight from the CSVs."""

from __future__ import annotations

import csv
import io

import pytest
from django.core.cache import cache

from beatbook.geography.commands import DEFAULT_DENOMINATORS
from beatbook.geography.denominators import load_denominators
from beatbook.geography.models import Denominator, Force
from tests.stopsearch.conftest import counted

DEFAULT_MONTHS = [f"2020-{m:02d}" for m in range(1, 12)] + ["2023-01"]
YEAR_2019 = [f"2019-{m:02d}" for m in range(1, 13)]


@pytest.fixture
def public(searches, personas):
    cache.clear()
    return personas.client("public")


def page(client, url: str, status: int = 200) -> str:
    response = client.get(url)
    assert response.status_code == status, response.content.decode()[:2000]
    return response.content.decode()


def table(client, name: str, query: str = "") -> list[dict[str, str]]:
    response = client.get(f"/stop-and-search/export/{name}.csv?{query}")
    assert response.status_code == 200 and response["Content-Type"].startswith("text/csv")
    return list(csv.DictReader(io.StringIO(response.content.decode())))


def test_the_default_is_the_latest_12_published_stop_and_search_months_with_the_gap_shown(public):
    html = page(public, "/stop-and-search/")
    assert "2020-01..2023-01: 37 months (default: the latest 12 published months)" in html
    assert "no data published for 2020-12..2022-12 (25 months)" in html
    assert "missing from every figure below, not months without searches" in html
    total = sum(counted(DEFAULT_MONTHS, "Type").values())
    assert total == 2_989 and f"<dd>{total:,}</dd>" in html
    months = {r["month"]: r for r in table(public, "stop-and-search-months")}
    assert len(months) == 37 and months["2021-06"]["searches"] == "" and months["2021-06"]["published"] == "False"
    assert months["2023-01"]["searches"] == "165"
    assert '<td class="num">no data published</td>' in html and "<svg" in html


def test_the_find_rate_is_stated_and_matches_the_files(public):
    html = page(public, "/stop-and-search/")
    linked = counted(DEFAULT_MONTHS, "Outcome linked to object of search")
    found, known = linked["True"], linked["True"] + linked["False"]
    assert f"{round(100 * found / known)}%" in html and f"{found:,} of {known:,}" in html
    assert "outcome linked to object of search" in html  # the definition, in words, on the page


@pytest.mark.parametrize(
    ("name", "column"),
    [
        ("legislation", "Legislation"),
        ("object", "Object of search"),
        ("outcome", "Outcome"),
        ("age", "Age range"),
        ("gender", "Gender"),
        ("ethnicity", "Self-defined ethnicity"),
        ("type", "Type"),
    ],
)
def test_every_breakdown_counts_as_the_files_do(public, name, column):
    expected = {(k or "Not recorded"): n for k, n in counted(DEFAULT_MONTHS, column).items()}
    rows = table(public, f"stop-and-search-{name}")
    assert {r["value"]: int(r["searches"]) for r in rows} == expected
    for r in rows:
        assert (r["fewer_than_5"] == "True") == (int(r["searches"]) < 5)
        assert (r["find_rate"] == "") == (int(r["outcome_link_recorded"]) < 20)


def test_small_numbers_are_flagged_and_no_percentage_on_few(public):
    html = page(public, "/stop-and-search/")
    crossbows = html.split('<th scope="row">Crossbows</th>')[1].split("</tr>")[0]
    assert "†" in crossbows and "not computed: under 20 searches" in crossbows
    assert "fewer than 5 searches: treat with caution" in html


def test_ethnicity_by_census_group(public):
    rows = {r["value"]: r for r in table(public, "stop-and-search-ethnic-group")}
    assert list(rows)[:5] == [
        "Asian or Asian British",
        "Black, Black British, Caribbean or African",
        "Mixed or multiple ethnic groups",
        "White",
        "Other ethnic group",
    ]
    by_text = counted(DEFAULT_MONTHS, "Self-defined ethnicity")
    assert int(rows["White"]["searches"]) == sum(n for k, n in by_text.items() if k.startswith("White - "))
    assert int(rows["Not stated"]["searches"]) == by_text["Other ethnic group - Not stated"]


def test_a_ward_counts_only_the_searches_located_in_it(public):
    force = page(public, "/stop-and-search/")
    ward = page(public, "/stop-and-search/?area=ward:bishopsgate")
    assert "Bishopsgate ward" in ward and "Without a location" in force and "Without a location" not in ward
    assert "only searches published with a location in Bishopsgate ward are counted" in ward
    ward_total = sum(int(r["searches"]) for r in table(public, "stop-and-search-type", "area=ward:bishopsgate"))
    assert 0 < ward_total < 2_989


def test_a_chosen_year_counts_its_months(public):
    html = page(public, "/stop-and-search/?from=2019-01&to=2019-12")
    assert "2019-01..2019-12: 12 months, data published for all" in html
    assert f"<dd>{sum(counted(YEAR_2019, 'Type').values()):,}</dd>" in html


@pytest.mark.parametrize(
    ("query", "field", "message"),
    [
        ("from=2021-03&to=2021-05", "From", "No data are published for 2021-03..2021-05"),
        ("from=2030-01", "From", "is after the latest published month, 2023-01"),
        ("area=ward:atlantis", "Area", "Select a valid choice"),
        ("from=2020-13", "From", "is not a month"),
    ],
)
def test_a_bad_choice_is_named_on_the_page_with_400(public, query, field, message):
    html = page(public, f"/stop-and-search/?{query}", status=400)
    assert "The page cannot be shown with these choices" in html and field in html and message in html


def test_without_residents_by_ethnic_group_the_page_explains(public):
    load_denominators(DEFAULT_DENOMINATORS, Force.objects.get(slug="city-of-london"))
    html = page(public, "/stop-and-search/")
    assert "Not computed: no resident population by ethnic group is loaded" in html
    assert "A weak comparison in a city of commuters and visitors" in html
    assert "8,600 residents" in html and "587,000 workers on a weekday" in html and "21 million visits a year" in html


def test_with_residents_by_ethnic_group_the_ratio_is_shown_beside_its_caveat(public):
    # Made-up resident counts for the test: the project ships no Census ethnic-group table.
    force = Force.objects.get(slug="city-of-london")
    made_up = {"white": 6_000, "asian": 1_500, "black": 1_200, "mixed": 500, "other": 1_000}
    for group, value in made_up.items():
        Denominator.objects.create(
            force=force,
            kind="residents",
            group=f"ethnic-group:{group}",
            value=value,
            as_of="2021",
            source="test figures",
        )
    rows = {r["group"]: r for r in table(public, "stop-and-search-disproportionality")}
    groups = counted(DEFAULT_MONTHS, "Self-defined ethnicity")
    black = sum(n for k, n in groups.items() if k.startswith("Black/"))
    white = sum(n for k, n in groups.items() if k.startswith("White - "))
    assert float(rows["Black, Black British, Caribbean or African"]["ratio_to_white"]) == pytest.approx(
        (black / 1_200) / (white / 6_000)
    )
    assert rows["Mixed or multiple ethnic groups"]["not_computed"] == "not computed: fewer than 1,000 residents"
    html = page(public, "/stop-and-search/")
    assert f"<strong>{(black / 1_200) / (white / 6_000):.1f}</strong>" in html and "the comparison group" in html
    assert html.index("A weak comparison") < html.index("Ratio to White")


def test_downloads_and_api_are_public(public):
    meta = public.get("/stop-and-search/export/stop-and-search-outcome.csv-metadata.json").json()
    assert meta["data_version"]["source"] == "data.police.uk stop and search" and meta["data_version"]["files"] == 12
    assert "Open Government Licence" in meta["attribution"]
    body = public.get("/api/hub/stop-and-search?area=sector:east").json()
    assert body["area"].startswith("East sector") and body["searches"] > 0 and body["locations"] is None
    assert set(body["tables"]) >= {"legislation", "object", "outcome", "age", "gender", "ethnicity", "months"}
    assert body["find_rate"]["base"] >= body["find_rate"]["part"] > 0
    bad = public.get("/api/hub/stop-and-search?from=2021-03&to=2021-05")
    assert bad.status_code == 400 and bad.json()["error"]["parameters"]["from"].startswith("No data are published")
    assert public.get("/stop-and-search/export/stop-and-search-outcome.geojson").status_code == 404
    schema = public.get("/api/openapi.json").json()
    assert schema["paths"]["/api/hub/stop-and-search"]["get"].get("security") in (None, [])
