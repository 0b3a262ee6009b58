"""The options every `beatbook analyse` command shares: areas, categories, months and --out."""

from __future__ import annotations

import re

import pytest

from beatbook.crime.models import Crime
from beatbook.crime.police_uk.categories import CATEGORY_NAMES
from beatbook.geography.models import Ward
from tests.hub.conftest import analyse, ok

COMMANDS = ["hotspots", "near-repeat", "concentration", "trends", "premises"]
BAD_OPTIONS = [
    ("--category", "burglary,nonsense", "unknown category nonsense; valid police.uk slugs: anti-social-behaviour"),
    ("--from", "2024-13", "'2024-13' is not a month in YYYY-MM form"),
    ("--to", "2024/01", "'2024/01' is not a month in YYYY-MM form"),
    ("--ward", "Atlantis", "no ward 'Atlantis' in City of London Police; choose one of: Aldersgate"),
    ("--cluster", "Atlantis", "no cluster 'Atlantis' in City of London Police; choose one of: Bank"),
    ("--sector", "North", "no sector 'North' in City of London Police; choose one of: East, West"),
    ("--out", "result.txt", "'result.txt' must end in .csv"),
]


def crimes_reported(output: str) -> int:
    return int(re.search(r"crimes\s+([\d,]+) located", output).group(1).replace(",", ""))


@pytest.mark.parametrize("command", COMMANDS)
@pytest.mark.parametrize(("option", "value", "message"), BAD_OPTIONS, ids=[o for o, _, _ in BAD_OPTIONS])
def test_a_bad_option_is_named(data, command, option, value, message):
    result = analyse(command, option, value)
    assert result.exit_code == 2
    assert f"Invalid value for '{option}'" in result.output and message in result.output


@pytest.mark.parametrize("command", ["near-repeat", "trends"])
def test_tables_without_places_are_written_as_csv_only(data, command):
    result = analyse(command, "--out", "result.geojson")
    assert result.exit_code == 2 and "'result.geojson' must end in .csv" in result.output


def test_to_before_from_is_refused(data):
    result = analyse("hotspots", "--from", "2025-06", "--to", "2025-01")
    assert result.exit_code == 2 and "Invalid value for '--to': 2025-01 is before --from 2025-06" in result.output


def test_only_one_area(data):
    result = analyse("concentration", "--ward", "Tower", "--sector", "East")
    assert result.exit_code == 2 and "give at most one of --ward, --cluster and --sector" in result.output


def test_a_ward_by_name_slug_or_code_in_any_case(data):
    ward = Ward.objects.get(slug="farringdon-without")
    expected = Crime.objects.filter(ward=ward, easting__isnull=False).count()
    for name in ("Farringdon Without", "FARRINGDON-WITHOUT", ward.code.lower(), " farringdon without "):
        output = ok("concentration", "--ward", name)
        assert crimes_reported(output) == expected > 0
        assert "Farringdon Without ward (" in output and "not analysed" not in output


@pytest.mark.parametrize(
    ("option", "value", "wards"),
    [
        ("--cluster", "liverpool street", {"bishopsgate", "broad-street", "coleman-street", "cornhill"}),
        ("--cluster", "FENCHURCH-STREET", {"aldgate", "lime-street", "portsoken", "tower"}),
        ("--sector", "east", None),
    ],
)
def test_clusters_and_sectors(data, option, value, wards):
    area = Ward.objects.filter(cluster__sector__code="east") if wards is None else Ward.objects.filter(slug__in=wards)
    expected = Crime.objects.filter(ward__in=area, easting__isnull=False).count()
    output = ok("hotspots", option, value, "--top", 1)
    assert crimes_reported(output) == expected > 0
    assert f"{len(area)} wards" in output


def test_categories_repeated_or_comma_separated(data):
    expected = Crime.objects.filter(ward__isnull=False, category__in=["burglary", "robbery"]).count()
    for args in (["--category", "burglary,robbery"], ["--category", "Burglary", "--category", "robbery,burglary"]):
        output = ok("concentration", *args)
        assert crimes_reported(output) == expected
        assert "Burglary (burglary), Robbery (robbery)" in output


def test_every_valid_slug_is_listed_when_one_is_wrong(data):
    result = analyse("trends", "--category", "violence")
    assert result.exit_code == 2
    assert all(slug in result.output for slug in CATEGORY_NAMES)


def test_months_outside_the_data(data):
    result = analyse("hotspots", "--from", "2030-01", "--to", "2030-03")
    assert result.exit_code == 1 and "no located crime matches the selection" in result.output
    output = ok("trends", "--from", "2030-01", "--to", "2030-03")
    assert "no data published for 2030-01..2030-03 (3 months)" in output
    assert "Year on year: no published month in the range" in output


def test_a_premises_file_with_a_bad_coordinate_is_named(data, tmp_path):
    path = tmp_path / "fsa.csv"
    path.write_text("FHRSID,BusinessName,BusinessType,Longitude,Latitude\n1,A Pub,Pub/bar/nightclub,-0.08,north\n")
    result = analyse("premises", "--premises", path)
    assert result.exit_code == 2
    assert f"Invalid value for '--premises': {path}, line 2, Latitude: 'north' is not a number" in result.output
