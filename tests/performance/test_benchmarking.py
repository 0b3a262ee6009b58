"""Benchmarking with other forces, on the real files of British Transport Police (2020-01) and
Cumbria (2016-03) ingested beside the City's 2019-12..2020-02, with the shipped denominators."""

from __future__ import annotations

import csv
import hashlib
import io
from collections import Counter
from collections.abc import Iterator
from datetime import date
from html import unescape
from pathlib import Path

import pytest
from django.db import transaction

from beatbook.crime.ingest import IngestOptions, ingest_paths
from beatbook.crime.models import Crime, QuarantinedRow, SourceFile
from beatbook.crime.police_uk.rows import RowContext, RowError, parse_street
from beatbook.geography.commands import DEFAULT_DENOMINATORS
from beatbook.geography.denominators import load_denominators
from beatbook.geography.models import Force
from beatbook.performance.benchmarking import ACQUISITIVE, forces_with_data, shared_months
from tests.conftest import PROJECT_DIR, city_config, shipped_street_file
from tests.hub.conftest import page

OTHER = PROJECT_DIR / "data" / "other-forces"
BTP, CUMBRIA = OTHER / "2020-01-btp-street.csv", OTHER / "2016-03-cumbria-street.csv"
CITY_MONTHS = ("2019-12", "2020-01", "2020-02")


def _rows(path: Path) -> list[dict[str, str]]:
    with path.open(newline="", encoding="utf-8-sig") as handle:
        return list(csv.DictReader(handle))


def _by_measure(path: Path) -> dict[str, int]:
    """The four measures counted by hand from a file's "Crime type" column."""
    types = Counter(r["Crime type"] for r in _rows(path))
    names = {"burglary": "Burglary", "robbery": "Robbery", "vehicle-crime": "Vehicle crime"}
    names |= {"theft-from-the-person": "Theft from the person", "bicycle-theft": "Bicycle theft"}
    names |= {"shoplifting": "Shoplifting", "other-theft": "Other theft"}
    return {
        "total": sum(n for t, n in types.items() if t != "Anti-social behaviour"),
        "asb": types["Anti-social behaviour"],
        "acquisitive": sum(types[names[slug]] for slug in ACQUISITIVE),
        "violence": types["Violence and sexual offences"],
    }


@pytest.fixture(scope="module")
def forces(django_db_setup, django_db_blocker) -> Iterator[dict]:
    """The three forces' files, stored once for the module and rolled back after it."""
    from beatbook.geography.services import load_geography

    with django_db_blocker.unblock():
        outer = transaction.atomic()
        outer.__enter__()
        try:
            load_geography(city_config())
            load_denominators(DEFAULT_DENOMINATORS, Force.objects.get(slug="city-of-london"))
            city = ingest_paths([shipped_street_file(m) for m in CITY_MONTHS])
            others = ingest_paths([BTP, CUMBRIA], options=IngestOptions(new_force=True))
            yield {"city": city, "others": others}
        finally:
            transaction.set_rollback(True)
            outer.__exit__(None, None, None)


@pytest.fixture
def analyst(forces, db, personas):
    return personas.client("analyst")


def _download(client, query: str) -> list[dict[str, str]]:
    response = client.get(f"/performance/benchmarking/comparison.csv?{query}")
    assert response.status_code == 200, response.content.decode()[:500]
    assert response["Content-Disposition"].startswith("attachment")
    return list(csv.DictReader(io.StringIO(response.content.decode())))


def test_the_copied_files_are_those_of_the_provenance():
    lines = [line for line in (OTHER / "PROVENANCE.txt").read_text().splitlines() if not line.startswith("#")]
    assert len(lines) == 2
    for line in lines:
        name, _, _, _, rows, size, sha256, licence, _ = (part.strip() for part in line.split("|"))
        path = OTHER / name
        assert hashlib.sha256(path.read_bytes()).hexdigest() == sha256, name
        assert (len(_rows(path)), path.stat().st_size) == (int(rows), int(size))
        assert licence.startswith("Open Government Licence v3.0")


def test_both_forces_are_ingested_as_they_are_without_wards(forces, db):
    reports = {Path(f.name).name: f for f in forces["others"].files}
    for path, slug in ((BTP, "btp"), (CUMBRIA, "cumbria")):
        report = reports[path.name]
        assert (report.status, report.quarantined) == ("stored", 0), report.reason
        assert report.rows_stored == len(_rows(path)) == Crime.objects.filter(source_file__force_slug=slug).count()
        assert f"no wards are loaded for force {slug!r}" in report.notes[0]
        assert not Crime.objects.filter(source_file__force_slug=slug, ward__isnull=False).exists()
    assert QuarantinedRow.objects.count() == 0
    # British Transport Police's rows in City LSOAs are the railway stations: none is a City crime.
    in_city = Crime.objects.filter(source_file__force_slug="btp", lsoa_name__startswith="City of London")
    assert in_city.count() == 145
    assert set(in_city.values_list("location", flat=True)) == {
        r["Location"] for r in _rows(BTP) if r["LSOA name"].startswith("City of London")
    }
    assert all("Station" in location for location in in_city.values_list("location", flat=True))
    assert {o.slug: o.name for o in forces_with_data()} == {
        "city-of-london": "City of London Police",
        "btp": "British Transport Police",
        "cumbria": "Cumbria Constabulary",
    }


def test_a_crime_without_an_outcome_may_have_no_crime_id_but_one_with_an_outcome_must():
    row = next(csv.reader(io.StringIO(BTP.read_text().splitlines()[1])))
    context = RowContext(month=date(2020, 1, 1))
    assert row[0] == row[10] == "" and parse_street(row, context)[0] is None
    with pytest.raises(RowError, match="Crime ID"):
        parse_street([*row[:10], "Under investigation", row[11]], context)


def test_the_default_is_the_latest_month_every_chosen_force_published(analyst):
    html = page(analyst, "/performance/benchmarking/?compare=btp")
    assert "2020-01: 1 month compared" in html
    rows = _download(analyst, "compare=btp")
    btp = {r["measure"]: int(r["crimes"]) for r in rows if r["force"] == "btp"}
    assert btp == _by_measure(BTP)
    assert btp["total"] == 5_694 and btp["asb"] == 0
    city = {r["measure"]: int(r["crimes"]) for r in rows if r["force"] == "city-of-london"}
    in_wards = Crime.objects.filter(month=date(2020, 1, 1), ward__isnull=False)
    assert city["total"] == in_wards.exclude(category="anti-social-behaviour").count()
    assert city["violence"] == in_wards.filter(category="violent-crime").count()
    assert {r["period"] for r in rows} == {"2020-01"}
    assert all("Open Government Licence v3.0" in r["source"] for r in rows)


def test_cumbria_in_its_own_month_counts_its_files_rows(analyst):
    rows = _download(analyst, "compare=cumbria&period=2016-03")
    cumbria = {r["measure"]: int(r["crimes"]) for r in rows if r["force"] == "cumbria"}
    assert cumbria == _by_measure(CUMBRIA) and cumbria["asb"] == 1_099
    # The City published nothing in 2016-03: its figures are empty, never 0.
    assert {r["crimes"] for r in rows if r["force"] == "city-of-london"} == {""}
    html = page(analyst, "/performance/benchmarking/?compare=cumbria&period=2016-03")
    assert "City of London Police has no data for 2016-03" in html


def test_rates_divide_by_each_forces_own_denominators_and_none_is_guessed(analyst):
    rows = _download(analyst, "compare=btp")
    city = next(
        r
        for r in rows
        if r["force"] == "city-of-london" and r["measure"] == "total" and r["denominator"] == "Residents"
    )
    assert float(city["denominator_value"]) == 8_600  # the latest residents figure of the force (2023)
    assert float(city["rate"]) == pytest.approx(int(city["crimes"]) / 8_600 * 1000)
    workers = next(
        r for r in rows if r["force"] == "city-of-london" and r["measure"] == "total" and r["denominator"] == "Workers"
    )
    assert float(workers["rate"]) == pytest.approx(int(city["crimes"]) / 587_000 * 1000)
    btp = [r for r in rows if r["force"] == "btp"]
    assert {r["denominator"] for r in btp} == {"Residents", "Workers", "Workday population", "Visitors a year"}
    assert {(r["rate"], r["note"]) for r in btp} == {("", "no denominator loaded")}
    html = page(analyst, "/performance/benchmarking/?compare=btp")
    assert "no denominator loaded" in html
    assert "beatbook geography load FORCE_CONFIG; beatbook denominators load FILE --force btp" in html
    assert "British Transport Police polices the railways" in html
    assert "City of London Police has few residents (8,600, 2023) against 587,000 workers" in html


def test_forces_that_share_no_month_are_not_compared(analyst):
    html = page(analyst, "/performance/benchmarking/?compare=btp&compare=cumbria")
    assert "The chosen forces share no published month" in html
    assert "Cumbria Constabulary: 2016-03" in html and "British Transport Police: 2020-01" in html
    assert shared_months(forces_with_data()) == []
    response = analyst.get("/performance/benchmarking/comparison.csv?compare=btp&compare=cumbria")
    assert response.status_code == 400 and response.content.decode().startswith("period:")


def test_a_year_no_force_published_whole_is_not_said_to_compare_twelve_months(analyst):
    # The City published 2020-01 and 2020-02 of 2020, BTP 2020-01: no force has the whole year
    html = page(analyst, "/performance/benchmarking/?compare=btp&period=2020")
    assert "12 months compared" not in html and "2020: no month can be compared" in html
    assert "No chosen force published every month of 2020" in html and "(2020-01) can be" in html
    # Cumbria published 2016-03 only, the City nothing of 2016: no month is shared at all
    html = page(analyst, "/performance/benchmarking/?compare=cumbria&period=2016")
    assert "2016: no month can be compared" in html
    assert "No month of 2016 was published by every chosen force, so none can be compared." in html


def test_a_chosen_month_a_force_did_not_publish_is_said_plainly(analyst):
    html = page(analyst, "/performance/benchmarking/?compare=btp&compare=cumbria&period=2020-01")
    assert "Cumbria Constabulary has no data for 2020-01" in html and "2016-03" in html


@pytest.mark.parametrize(
    ("query", "parameter", "words"),
    [
        ("compare=narnia", "compare", "narnia"),
        ("compare=btp&period=2020-13", "period", "'2020-13' is not a month"),
        ("period=next+year", "period", "is not a month"),
    ],
)
def test_bad_parameters_are_a_400_naming_the_parameter(analyst, query, parameter, words):
    html = unescape(page(analyst, f"/performance/benchmarking/?{query}", status=400))
    assert f"{parameter}: " in html and words in html
    response = analyst.get(f"/performance/benchmarking/comparison.csv?{query}")
    assert response.status_code == 400
    assert response.content.decode().startswith(f"{parameter}: ") and words in response.content.decode()


def test_the_page_offers_every_force_with_data(analyst):
    html = page(analyst, "/performance/benchmarking/")
    assert 'value="btp"' in html and 'value="cumbria"' in html and 'value="city-of-london"' not in html
    assert "2025-12" not in html  # only 2019-12..2020-02 of the City are loaded here
    assert SourceFile.objects.filter(force_slug="city-of-london").count() == 3
