"""The premises page (/hub/premises/), its downloads and /api/hub/premises, on two years of the
shipped City data (2024-2025) and the FSA register shipped with it."""

from __future__ import annotations

import csv
import io
import json
import re
from html import unescape
from pathlib import Path

import pytest

from beatbook.premises.importer import import_register
from tests.hub.conftest import UNDEFINED

SYNTHETIC = Path(__file__).parents[1] / "premises" / "synthetic-licensing-register.csv"
LICENSING = "register=licensing%3Asynthetic"


@pytest.fixture
def synthetic(data):
    report = import_register(SYNTHETIC, "synthetic", "city-of-london")
    assert report.status == "stored"
    return report


def page(client, query: str = "", status: int = 200) -> str:
    response = client.get(f"/hub/premises/?{query}")
    html = response.content.decode()
    assert response.status_code == status, html[:3000]
    assert not UNDEFINED.search(re.sub(r"<svg.*?</svg>|<script.*?</script>", "", html, flags=re.S))
    return html


def text(html: str) -> str:
    return re.sub(r"\s+", " ", unescape(re.sub(r"<[^>]+>", " ", html)))


def ranked(html: str) -> list[str]:
    """The premises of the ranked list, in order."""
    table = html[html.index('class="counts premises-ranked"') :]
    return re.findall(r'<th scope="row">([^<]+)<span', table[: table.index("</table>")])


def download(client, table: str, query: str = "") -> list[dict[str, str]]:
    response = client.get(f"/hub/export/{table}.csv?{query}")
    assert response.status_code == 200, response.content.decode()[:500]
    return list(csv.DictReader(io.StringIO(response.content.decode())))


def test_the_default_is_pubs_bars_and_nightclubs_of_the_fsa_register_and_the_night_time_economy(analyst):
    words = text(page(analyst))
    assert "2025-01..2025-12: 12 months (default: the latest 12 published months)" in words
    assert "Violence and sexual offences (violent-crime), Public order (public-order)" in words
    assert "extract of 2020-11-10: premises opened since then are missing" in words
    assert (
        "Analysed: 223 Pub/bar/nightclub premises in the area (2 outside it, 4 without coordinates left out)" in words
    )
    assert "Radius 51 m (the spacing of police.uk map points)" in words
    assert "the Home Office counted 1,016 premises licences in the City at 31 March 2022" in words


def test_the_page_says_first_that_a_count_is_where_police_uk_placed_crimes(analyst):
    html = page(analyst)
    words = text(html)
    assert html.index("Read this first") < html.index("Premises with most crimes counted")
    assert "a count is where police.uk placed crimes, not what a premises caused" in words
    assert re.search(r"\d+ of the map points with crimes counted here lie within 51 m of two or more", words)
    assert re.search(r"73 of the 223 premises share their nearest map point with another premises \(up to 6 at", words)
    # The share near these premises is read against the share near any premises of the register.
    near_these, near_any = map(int, re.search(r"(\d+)% of the crimes located.*?and (\d+)% within", words).groups())
    assert near_these < near_any and near_any > 85


def test_each_count_names_its_map_points_and_the_premises_near_them(analyst):
    html = page(analyst)
    assert ranked(html)[0] == "Dirty Dicks Public House"
    table = html[html.index('class="counts premises-ranked"') :]
    first_row = text(table[table.index("Dirty Dicks Public House") : table.index("</tr>", table.index("Dirty Dicks"))])
    assert "Victoria Avenue: 155 crimes" in first_row
    assert "Within 51 m: no other Pub/bar/nightclub premises; 12 premises of any type" in first_row
    assert "a shared point" in text(html)  # some counts come from points shared by several premises
    assert 'class="shared"' in html
    assert (
        '<svg class="sparkline"' in html
        and 'aria-label="Crimes per month at Dirty Dicks Public House: Jan 2025' in html
    )


def test_the_ranked_list_compares_each_premises_with_a_year_earlier(analyst):
    words = text(page(analyst))
    assert "195 a year earlier: down 40 (21%), not significant (adjusted p = " in words
    assert "Against 2024-01..2024-12, counted the same way" in words
    assert "Benjamini-Hochberg" in words
    # Without 2023 in the database, 2024 has nothing to be compared with.
    assert "No comparison with a year earlier: no data are published for 2023-01..2023-12" in text(
        page(analyst, "from=2024-01&to=2024-12")
    )


def test_the_concentration_curve_has_its_table(analyst):
    html = page(analyst)
    curve = html[html.index('id="curve"') :]
    assert "<svg" in curve and "Premises, busiest first (%)" in curve
    rows = re.findall(r'<th scope="row">(\d+)%</th><td class="num">(\d+)</td><td class="num">(\d+)%</td>', curve)
    assert [r[0] for r in rows] == ["1", "5", "10", "20", "30", "50", "100"]
    assert rows[-1][2] == "100" and int(rows[0][2]) < int(rows[2][2])


def test_the_map_has_wards_premises_numbered_and_the_map_points(analyst):
    html = page(analyst, "area=cluster:liverpool-street")
    features = json.loads(re.search(r'<script id="map-features" type="application/json">(.*?)</script>', html, re.S)[1])
    layers = {f["properties"]["layer"] for f in features["features"]}
    assert layers == {"ward", "other", "premises", "top", "point"}
    tops = sorted(f["properties"]["rank"] for f in features["features"] if f["properties"]["layer"] == "top")
    assert tops == list(range(1, 11))
    assert "premises-map.js" in html and html.index("premises-map.js") < html.index("hub-map.js")
    # The whole force has too many other premises to draw: the page says so.
    assert "are not drawn at this scale: choose a cluster or a ward" in text(page(analyst))


def test_a_ward_narrows_everything(analyst):
    words = text(page(analyst, "area=ward:bishopsgate"))
    assert "Bishopsgate ward" in words and "Analysed: 26 Pub/bar/nightclub premises in the area" in words


def test_other_premises_types_and_radius_can_be_chosen(analyst):
    words = text(page(analyst, "premises_type=Takeaway%2Fsandwich+shop&radius=30"))
    assert "Takeaway/sandwich shop premises in the area" in words and "Radius 30 m" in words
    assert "(the spacing of police.uk map points)" not in words


@pytest.mark.parametrize(
    ("query", "field", "message"),
    [
        ("radius=0", "Radius (metres)", "greater than or equal to 1"),
        ("radius=5000", "Radius (metres)", "less than or equal to 500"),
        ("radius=wide", "Radius (metres)", "Enter a number"),
        ("register=licensing%3Anope", "Premises register", "Select a valid choice"),
        ("premises_type=Unicorns", "Premises types", "Select a valid choice"),
        ("area=ward:atlantis", "Area", "Select a valid choice"),
        ("from=2025-06&to=2025-01", "To", "is before"),
    ],
)
def test_a_bad_choice_is_named_on_the_page_with_400(analyst, query, field, message):
    words = text(page(analyst, query, status=400))
    assert "The page cannot be shown with these choices" in words and field in words and message in words


def test_a_licensing_register_shows_its_licence_fields(analyst, synthetic):
    html = page(analyst, LICENSING)
    words = text(html)
    assert "the licensing register 'synthetic', imported on" in words
    # Its pubs, bars, nightclubs and clubs by default; late-night refreshment and off licences left out.
    assert (
        "Analysed: 6 premises of the types Bar, Pub, Club and Nightclub in the area "
        "(1 outside it, 1 without coordinates left out)" in words
    )
    assert ranked(html)[0].startswith("SYNTHETIC")
    assert "Licence: SYN/" in words and "Terminal hour: " in words and "Status: Granted" in words
    assert "Late Kitchen" not in "".join(ranked(html))
    late = page(analyst, f"{LICENSING}&premises_type=Late+night+refreshment")
    assert all("Late Kitchen" in name for name in ranked(late)) and ranked(late)


def test_a_register_without_premises_in_the_area_says_so(analyst, synthetic):
    words = text(page(analyst, f"{LICENSING}&area=ward:walbrook"))
    assert "None of the 'Bar; Pub; Club; Nightclub' premises of synthetic lies in the area." in words


def test_a_reimported_register_is_shown_at_once(analyst, synthetic, tmp_path):
    assert "SYNTHETIC Bishopsgate Tavern" in page(analyst, LICENSING)
    renamed = SYNTHETIC.read_text(encoding="utf-8").replace("SYNTHETIC Bishopsgate Tavern", "SYNTHETIC Renamed Tavern")
    path = tmp_path / "register.csv"
    path.write_text(renamed, encoding="utf-8")
    assert import_register(path, "synthetic", "city-of-london").status == "replaced"
    html = page(analyst, LICENSING)
    assert "SYNTHETIC Renamed Tavern" in html and "SYNTHETIC Bishopsgate Tavern" not in html


def test_the_downloads_carry_the_page_choice_and_agree_with_each_other(analyst):
    query = "area=ward%3Abishopsgate&radius=60"
    html = page(analyst, query)
    assert f"/hub/export/premises.geojson?{query}".replace("&", "&amp;") in html
    premises = download(analyst, "premises", query)
    assert premises[0]["name"] == ranked(html)[0] and premises[0]["register"] == "fsa"
    assert {"fhrsid", "type", "crimes", "map_point", "premises_at_map_point", "previous_year"} <= set(premises[0])
    points = download(analyst, "premises-map-points", query)
    by_premises: dict[str, int] = {}
    for row in points:
        by_premises[row["fhrsid"]] = by_premises.get(row["fhrsid"], 0) + int(row["crimes"])
    assert by_premises == {r["fhrsid"]: int(r["crimes"]) for r in premises if int(r["crimes"])}
    months = download(analyst, "premises-months", query)
    assert list(months[0])[2:] == [f"2025-{m:02d}" for m in range(1, 13)]
    assert sum(int(v) for v in list(months[0].values())[2:]) == int(premises[0]["crimes"])
    curve = download(analyst, "premises-curve", query)
    assert float(curve[0]["crime_share"]) == 0 and float(curve[-1]["crime_share"]) == pytest.approx(1)
    meta = json.loads(analyst.get(f"/hub/export/premises.csv-metadata.json?{query}").content)
    assert meta["options"]["radius"] == 60 and meta["options"]["register"] == "fsa"
    assert meta["options"]["premises_type"] == ["Pub/bar/nightclub"]
    assert "2020-11-10" in meta["options"]["register_description"]
    assert meta["area"]["name"] == "Bishopsgate ward" and "Open Government Licence" in meta["attribution"]
    geo = json.loads(analyst.get(f"/hub/export/premises.geojson?{query}").content)
    assert geo["features"][0]["properties"]["name"] == ranked(html)[0]
    assert geo["features"][0]["geometry"]["type"] == "Point"


def test_the_api_serves_the_page_and_names_a_bad_parameter(analyst, synthetic):
    body = analyst.get("/api/hub/premises?area=ward:bishopsgate").json()
    assert body["register"]["key"] == "fsa" and body["types"] == ["Pub/bar/nightclub"] and body["radius"] == 51
    assert body["premises"]["rows"][0]["name"] == "Dirty Dicks Public House"
    assert body["crimes_within_radius"] < body["crimes_within_radius_of_any_premises"] <= body["crimes_located"]
    assert body["map_points"]["rows"][0]["map_point"] == "On or near Victoria Avenue"
    licensing = analyst.get("/api/hub/premises?register=licensing:synthetic&premises_type=Bar").json()
    assert licensing["types"] == ["Bar"] and licensing["premises"]["rows"][0]["licence_number"].startswith("SYN/")
    empty = analyst.get("/api/hub/premises?register=licensing:synthetic&area=ward:walbrook").json()
    assert "lies in the area" in empty["message"]
    bad = analyst.get("/api/hub/premises?radius=0")
    assert bad.status_code == 400
    assert bad.json()["error"]["parameters"] == {"radius": "Ensure this value is greater than or equal to 1.0."}
    assert "/api/hub/premises" in analyst.get("/api/openapi.json").json()["paths"]


def test_the_public_and_partners_cannot_see_it(data, personas):
    assert personas.client("public").get("/hub/premises/").status_code == 302
    assert personas.client("partner_x").get("/hub/premises/").status_code == 403
    assert personas.client("officer_a").get("/hub/premises/").status_code == 200
