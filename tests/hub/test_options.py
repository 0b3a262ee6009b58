"""The options every `beatbook analyse` command shares: areas, categories, months and --out."""

from __future__ import annotations

import re
from datetime import date

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


def latest_12_months():
    """The crimes of the default period: the latest 12 published months of the test data."""
    return Crime.objects.filter(month__gte=date(2025, 1, 1), easting__isnull=False)


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
    expected = latest_12_months().filter(ward=ward).count()
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
    expected = latest_12_months().filter(ward__in=area).count()
    output = ok("hotspots", option, value, "--top", 1)
    assert crimes_reported(output) == expected > 0
    assert f"{len(area)} wards" in output


def test_categories_repeated_or_comma_separated(data):
    expected = latest_12_months().filter(ward__isnull=False, category__in=["burglary", "robbery"]).count()
    for args in (["--category", "burglary,robbery"], ["--category", "Burglary", "--category", "robbery,burglary"]):
        output = ok("concentration", *args)
        assert crimes_reported(output) == expected
        assert "Burglary (burglary), Robbery (robbery)" in output


def test_every_valid_slug_is_listed_when_one_is_wrong(data):
    result = analyse("trends", "--category", "violence")
    assert result.exit_code == 2
    assert all(slug in result.output for slug in CATEGORY_NAMES)


@pytest.mark.parametrize(
    ("args", "option", "message"),
    [
        (["--from", "2030-01"], "--from", "2030-01 is after the latest published month, 2025-12"),
        (["--from", "2030-01", "--to", "2030-03"], "--from", "2030-01 is after the latest published month"),
        (["--to", "2010-01"], "--to", "2010-01 is before the first published month, 2024-01"),
    ],
)
def test_months_outside_the_data_name_the_option_at_fault(data, args, option, message):
    for command in ("hotspots", "trends"):
        result = analyse(command, *args)
        assert result.exit_code == 2, result.output
        assert f"Invalid value for '{option}': {message}" in result.output
        assert "(data are published for 2024-01..2025-12)" in result.output


@pytest.mark.parametrize("option", ["--ward", "--cluster", "--sector"])
@pytest.mark.parametrize("value", ["", "  "])
def test_an_empty_area_is_refused_not_read_as_the_whole_force(data, option, value):
    result = analyse("concentration", option, value)
    assert result.exit_code == 2
    assert f"Invalid value for '{option}': the name is empty" in result.output


def test_out_to_a_missing_folder_is_refused_before_the_work(data, tmp_path, monkeypatch):
    from beatbook.hub import services

    def never(*args, **kwargs):
        raise AssertionError("the analysis ran")

    monkeypatch.setattr(services, "select", never)
    missing = tmp_path / "no-such-folder" / "cells.csv"
    for command in COMMANDS:
        result = analyse(command, "--out", missing)
        assert result.exit_code == 2 and "Invalid value for '--out'" in result.output
        assert "no-such-folder' does not exist; create it first" in result.output
        assert not missing.parent.exists()


def test_from_alone_runs_to_the_latest_month(data):
    output = ok("trends", "--from", "2025-07")
    assert "2025-07..2025-12: 6 months, data published for all" in output
    assert "Year on year: 2025-01..2025-12" in output  # the comparison uses the stored history


def test_to_alone_takes_the_12_months_before(data):
    output = ok("concentration", "--to", "2024-12")
    assert "2024-01..2024-12: 12 months (default: the latest 12 published months)" not in output
    assert "2024-01..2024-12: 12 months, data published for all" in output


def test_a_premises_file_with_a_bad_coordinate_is_named(data, tmp_path):
    path = tmp_path / "fsa.csv"
    path.write_text("FHRSID,BusinessName,BusinessType,Longitude,Latitude\n1,A Pub,Pub/bar/nightclub,-0.08,north\n")
    result = analyse("premises", "--premises", path)
    assert result.exit_code == 2
    assert f"Invalid value for '--premises': {path}, line 2, Latitude: 'north' is not a number" in result.output
