"""The ingest rules of data.police.uk files, on the test database (PostgreSQL or SQLite)."""

from __future__ import annotations

import csv
import zipfile
from collections import Counter
from datetime import date

import pytest

from beatbook.crime.ingest import ingest_paths
from beatbook.crime.models import Crime, Outcome, QuarantinedRow, SourceFile, StopSearch
from beatbook.crime.police_uk.rows import OUTCOMES_HEADER
from beatbook.geography.projection import to_bng
from tests.conftest import STREET_DIR, shipped_street_file
from tests.crime.csvs import IN_CITY, OUTSIDE_CITY, crime_id, street_row, write_csv

pytestmark = pytest.mark.django_db


def _rows_in(path) -> list[list[str]]:
    with path.open(newline="", encoding="utf-8-sig") as handle:
        return list(csv.reader(handle))[1:]


def test_every_shipped_street_file_is_stored_row_for_row(city):
    report = ingest_paths([STREET_DIR])
    assert not report.refused and report.count("quarantined") == 0
    assert Crime.objects.count() == 57_452
    for path in sorted(STREET_DIR.glob("*.csv")):
        month = date(int(path.name[:4]), int(path.name[5:7]), 1)
        assert Crime.objects.filter(month=month).count() == len(_rows_in(path)), path.name
    # Located rows outside the City are kept, with no ward, and counted.
    outside = Crime.objects.filter(ward__isnull=True, lat__isnull=False).count()
    assert outside == report.count("outside_force_area") > 0
    assert Crime.objects.filter(lat__isnull=True).count() == report.count("without_location") > 0


def test_identical_file_again_changes_nothing(city):
    path = shipped_street_file("2019-06")
    first = ingest_paths([path])
    ids_before = list(Crime.objects.order_by("id").values_list("id", flat=True))
    second = ingest_paths([path])
    assert first.files[0].status == "stored"
    assert second.files[0].status == "identical" and second.count("rows_stored") == 0
    assert list(Crime.objects.order_by("id").values_list("id", flat=True)) == ids_before
    assert SourceFile.objects.get().vintage == 1


def test_newer_download_replaces_the_month_and_counts_changes(city, tmp_path):
    rows = [street_row(n) for n in range(10)] + [street_row(99, category="Anti-social behaviour")] * 2
    (tmp_path / "old").mkdir()
    ingest_paths([write_csv(tmp_path / "old", "2024-03", "street", rows)])
    rows[3] = street_row(3, outcome="Offender given a caution")
    rows[4] = street_row(4, outcome="Awaiting court outcome")
    (tmp_path / "new").mkdir()
    new = write_csv(tmp_path / "new", "2024-03", "street", rows)
    report = ingest_paths([new]).files[0]
    assert (report.status, report.rows_replaced, report.rows_stored, report.rows_changed) == ("replaced", 12, 12, 2)
    assert Crime.objects.count() == 12
    assert Crime.objects.get(crime_id=crime_id(3)).last_outcome_category == "Offender given a caution"
    source = SourceFile.objects.get()
    assert (source.vintage, source.sha256 != "") == (2, True)
    assert set(Crime.objects.values_list("source_file", flat=True)) == {source.pk}


def test_identical_asb_rows_are_two_incidents(city, tmp_path):
    asb = street_row(0, category="Anti-social behaviour")
    path = write_csv(tmp_path, "2024-03", "street", [asb, asb])
    ingest_paths([path])
    ingest_paths([path])  # and again: still two
    assert Crime.objects.filter(category="anti-social-behaviour", crime_id__isnull=True).count() == 2


def test_crime_id_repeated_in_a_file_is_kept_and_reported(city, tmp_path):
    rows = [street_row(1), street_row(1, outcome="Local resolution"), street_row(1), street_row(2)]
    report = ingest_paths([write_csv(tmp_path, "2024-03", "street", rows)]).files[0]
    assert Crime.objects.filter(crime_id=crime_id(1)).count() == 3
    assert (report.repeated_crime_ids, report.rows_with_repeated_crime_ids) == (1, 3)


def test_rows_outside_the_wards_are_kept_without_a_ward(city, tmp_path):
    rows = [street_row(1, lng_lat=IN_CITY), street_row(2, lng_lat=OUTSIDE_CITY), street_row(3, lng_lat=("", ""))]
    report = ingest_paths([write_csv(tmp_path, "2024-03", "street", rows)]).files[0]
    assert Crime.objects.get(crime_id=crime_id(1)).ward.name == "Cornhill"
    outside = Crime.objects.get(crime_id=crime_id(2))
    easting, northing = to_bng([float(OUTSIDE_CITY[0])], [float(OUTSIDE_CITY[1])])
    assert outside.ward is None
    assert (outside.easting, outside.northing) == pytest.approx((easting[0], northing[0]))
    assert (report.outside_force_area, report.without_location) == (1, 1)
    assert Crime.objects.get(crime_id=crime_id(3)).easting is None


BAD_ROWS = [
    ("wrong column count", lambda r: r[:-1], "(row)", "has 11 columns"),
    ("unparsable month", lambda r: [r[0], "March 2024", *r[2:]], "Month", "not a month"),
    ("month of another file", lambda r: [r[0], "2024-02", *r[2:]], "Month", "differs from the file's month"),
    (
        "outside the UK",
        lambda r: [*r[:4], "13.4050", "52.5200", *r[6:]],
        "Longitude/Latitude",
        "outside the United Kingdom",
    ),
    ("unparsable latitude", lambda r: [*r[:5], "north", *r[6:]], "Latitude", "not a number"),
    ("unknown category", lambda r: [*r[:9], "Jaywalking", *r[10:]], "Crime type", "not a data.police.uk crime type"),
    ("malformed Crime ID", lambda r: ["XYZ123", *r[1:]], "Crime ID", "not a 64-character"),
    ("missing Crime ID", lambda r: ["", *r[1:]], "Crime ID", "is empty"),
]


@pytest.mark.parametrize(("case", "spoil", "field", "reason"), BAD_ROWS, ids=[b[0] for b in BAD_ROWS])
def test_bad_row_is_quarantined_and_the_rest_stored(city, tmp_path, case, spoil, field, reason):
    rows = [street_row(1), spoil(street_row(2)), street_row(3)]
    report = ingest_paths([write_csv(tmp_path, "2024-03", "street", rows)]).files[0]
    assert report.status == "stored" and report.quarantined == 1
    assert sorted(Crime.objects.values_list("crime_id", flat=True)) == [crime_id(1), crime_id(3)]
    bad = QuarantinedRow.objects.get()
    assert (bad.line, bad.field) == (3, field)
    assert reason in bad.reason
    assert bad.source_file.name.endswith("2024-03-city-of-london-street.csv")


UNUSABLE = [
    ("empty", lambda p: p.write_bytes(b""), "it is empty"),
    ("binary", lambda p: p.write_bytes(b"PK\x03\x04\x00\x00binary"), "NUL bytes"),
    ("not UTF-8", lambda p: p.write_bytes("Crime ID,Month\n\xff\xfe".encode("latin-1")), "not UTF-8"),
    (
        "wrong header",
        lambda p: p.write_text("id,when,where\n1,2,3\n"),
        "header is not that of a data.police.uk street file",
    ),
    (
        "header of another kind",
        lambda p: p.write_text(",".join(OUTCOMES_HEADER) + "\n"),
        "columns are those of a outcomes file",
    ),
]


@pytest.mark.parametrize(("case", "make", "reason"), UNUSABLE, ids=[u[0] for u in UNUSABLE])
def test_unusable_file_is_refused_and_the_others_stored(city, tmp_path, case, make, reason):
    good = write_csv(tmp_path, "2024-03", "street", [street_row(1)])
    make(tmp_path / "2024-04-city-of-london-street.csv")
    report = ingest_paths([tmp_path])
    refused = report.refused
    assert len(refused) == 1 and refused[0].name.endswith("2024-04-city-of-london-street.csv")
    assert reason in refused[0].reason
    assert list(Crime.objects.values_list("crime_id", flat=True)) == [crime_id(1)]
    assert SourceFile.objects.get().name == str(good)


def test_a_file_whose_name_does_not_tell_its_month_is_refused(city, tmp_path):
    path = tmp_path / "crimes.csv"
    write_csv(tmp_path, "2024-03", "street", [street_row(1)]).rename(path)
    report = ingest_paths([path])
    assert "YYYY-MM-FORCE-KIND.csv" in report.refused[0].reason
    assert Crime.objects.count() == 0


def test_a_file_that_fails_midway_leaves_the_stored_month_as_it_was(city, tmp_path):
    (tmp_path / "old").mkdir()
    ingest_paths([write_csv(tmp_path / "old", "2024-03", "street", [street_row(n) for n in range(3)])])
    rows = [street_row(n, outcome="Local resolution") for n in range(10, 15)]
    rows.append(street_row(20, outcome="x" * 200_000))  # over csv's field size limit: unreadable
    report = ingest_paths([write_csv(tmp_path, "2024-03", "street", rows)], chunk_rows=2)
    assert report.files[0].status == "refused" and "not CSV from line 7" in report.files[0].reason
    assert sorted(Crime.objects.values_list("crime_id", flat=True)) == [crime_id(n) for n in range(3)]
    assert SourceFile.objects.get().vintage == 1


def test_archive_zip_layout(city, tmp_path):
    archive = tmp_path / "police-uk-archive.zip"
    with zipfile.ZipFile(archive, "w") as zipped:
        for month in ("2019-05", "2019-06"):
            zipped.write(shipped_street_file(month), f"{month}/{month}-city-of-london-street.csv")
        zipped.writestr("2019-06/2019-06-city-of-london-outcomes.csv", "Crime ID,Month\n")
    report = ingest_paths([archive])
    assert [f.status for f in report.files] == ["stored", "refused", "stored"]
    expected = len(_rows_in(shipped_street_file("2019-05"))) + len(_rows_in(shipped_street_file("2019-06")))
    assert Crime.objects.count() == expected


def test_outcomes_and_stop_and_search_files(city):
    data = STREET_DIR.parent
    report = ingest_paths([data / "outcomes", data / "stop-and-search" / "2019-06-city-of-london-stop-and-search.csv"])
    assert not report.refused and report.count("quarantined") == 0
    assert Outcome.objects.count() == len(_rows_in(data / "outcomes" / "2023-01-city-of-london-outcomes.csv"))
    searches = StopSearch.objects.all()
    assert searches.count() == len(_rows_in(data / "stop-and-search" / "2019-06-city-of-london-stop-and-search.csv"))
    first = searches.order_by("date").first()
    assert first.date.isoformat() == "2019-06-01T05:25:52+00:00" and first.month == date(2019, 6, 1)
    assert Counter(searches.values_list("outcome_linked_to_object_of_search", flat=True))[True] > 0


def test_stop_and_search_bad_boolean_is_quarantined(city, tmp_path):
    row = [
        "Person search",
        "2019-06-01T05:25:52+00:00",
        "",
        "",
        "51.514203",
        "-0.094628",
        "Male",
        "over 34",
        "",
        "White",
        "Misuse of Drugs Act 1971 (section 23)",
        "Controlled drugs",
        "Arrest",
        "maybe",
        "False",
    ]
    report = ingest_paths([write_csv(tmp_path, "2019-06", "stop-and-search", [row])]).files[0]
    bad = QuarantinedRow.objects.get()
    assert report.quarantined == 1 and bad.field == "Outcome linked to object of search"


@pytest.mark.parametrize("mode", ["bar", "lines", "none"])
def test_every_progress_mode_ingests_the_same(city, tmp_path, capsys, mode):
    from beatbook.crime.ingest_report import run_with_progress

    path = write_csv(tmp_path, "2024-03", "street", [street_row(n) for n in range(5)])
    report = run_with_progress((path,), mode, chunk_rows=2)
    assert report.count("rows_stored") == Crime.objects.count() == 5
    if mode == "lines":
        assert f"{path}: 4 rows read" in capsys.readouterr().err
