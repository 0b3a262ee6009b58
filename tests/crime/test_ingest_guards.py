"""Inputs that once lost a stored month or aborted a run, on the test database (PostgreSQL or SQLite).

Each test states what is stored afterwards and what the report says.
"""

from __future__ import annotations

import zipfile

import pytest
from django.db import connection

from beatbook.crime.ingest import IngestOptions, ingest_paths
from beatbook.crime.limits import LengthLimits
from beatbook.crime.models import Crime, QuarantinedRow, SourceFile, StopSearch
from beatbook.crime.shrink_guard import ShrinkGuard
from tests.crime.csvs import crime_id, street_row, write_csv
from tests.crime.zips import spoil_member

pytestmark = pytest.mark.django_db

STORED = 10


@pytest.fixture
def stored_month(city, tmp_path):
    """A stored month of ten crimes (one of them quarantined on the way), and a folder for its next download."""
    (tmp_path / "old").mkdir()
    rows = [street_row(n) for n in range(STORED)] + [street_row(99, month="2024-02")]
    ingest_paths([write_csv(tmp_path / "old", "2024-03", "street", rows)])
    (tmp_path / "new").mkdir()
    return tmp_path / "new"


def _stored_ids() -> list[str]:
    return sorted(Crime.objects.values_list("crime_id", flat=True))


def _month_is_as_before() -> bool:
    source = SourceFile.objects.get()
    return (
        _stored_ids() == [crime_id(n) for n in range(STORED)]
        and source.vintage == 1
        and QuarantinedRow.objects.filter(source_file=source).count() == 1
    )


SHRINKING = [
    ("header only", lambda folder: write_csv(folder, "2024-03", "street", []), "no row to store"),
    (
        "header and blank lines",
        lambda folder: write_csv(folder, "2024-03", "street", [[], [], []]),
        "no row to store",
    ),
    (
        "every row of another month",
        lambda folder: write_csv(folder, "2024-03", "street", [street_row(n, month="2024-04") for n in range(20)]),
        "no row to store (20 read)",
    ),
    (
        "under half the stored rows",
        lambda folder: write_csv(folder, "2024-03", "street", [street_row(n) for n in range(4)]),
        "4 good rows against the 10 stored",
    ),
    (
        "more than half quarantined",
        lambda folder: write_csv(
            folder, "2024-03", "street", [street_row(n) for n in range(10)] + [street_row(0, month="x")] * 11
        ),
        "11 of its 21 rows are quarantined",
    ),
]


@pytest.mark.parametrize(("case", "make", "reason"), SHRINKING, ids=[s[0] for s in SHRINKING])
def test_a_download_that_would_empty_or_shrink_a_month_is_refused(stored_month, case, make, reason):
    report = ingest_paths([make(stored_month)]).files[0]
    assert report.status == "refused"
    assert reason in report.reason and "the stored month is kept as it was" in report.reason
    assert (report.rows_stored, report.rows_replaced, report.quarantined) == (0, 0, 0)
    assert _month_is_as_before()


def test_allow_shrink_applies_it_and_says_so(stored_month):
    options = IngestOptions(guard=ShrinkGuard(allow=True))
    path = write_csv(stored_month, "2024-03", "street", [street_row(n) for n in range(3)])
    report = ingest_paths([path], options=options).files[0]
    assert (report.status, report.rows_replaced, report.rows_stored) == ("replaced", STORED, 3)
    assert report.notes == [
        f"{path} was applied with --allow-shrink although it has 3 good rows against the 10 stored: "
        "fewer than 50% of them, so it looks truncated"
    ]
    assert _stored_ids() == [crime_id(n) for n in range(3)]
    assert QuarantinedRow.objects.count() == 0 and SourceFile.objects.get().vintage == 2


def test_the_share_is_configurable(stored_month):
    path = write_csv(stored_month, "2024-03", "street", [street_row(n) for n in range(8)])
    strict = ingest_paths([path], options=IngestOptions(guard=ShrinkGuard(min_share=0.9))).files[0]
    assert strict.status == "refused" and "fewer than 90% of them" in strict.reason
    assert _month_is_as_before()
    assert ingest_paths([path]).files[0].status == "replaced"  # 8 of 10 is more than the default half
    assert _stored_ids() == [crime_id(n) for n in range(8)]


def test_a_new_month_may_be_empty(city, tmp_path):
    report = ingest_paths([write_csv(tmp_path, "2024-03", "street", [])]).files[0]
    assert (report.status, report.rows_stored) == ("stored", 0)


LONG_VALUES = [
    ("Location", 6, 5_000, 200),
    ("Reported by", 2, 150, 100),
    ("Last outcome category", 10, 201, 200),
]


@pytest.mark.parametrize(("header", "index", "length", "most"), LONG_VALUES, ids=[v[0] for v in LONG_VALUES])
def test_over_long_text_is_quarantined_on_both_databases(city, tmp_path, header, index, length, most):
    long_row = street_row(2)
    long_row[index] = "x" * length
    report = ingest_paths([write_csv(tmp_path, "2024-03", "street", [street_row(1), long_row])]).files[0]
    assert (report.status, report.rows_stored, report.quarantined) == ("stored", 1, 1)
    bad = QuarantinedRow.objects.get()
    assert (bad.line, bad.field) == (3, header)
    assert bad.reason == f"is {length:,} characters long; at most {most} can be stored"
    assert _stored_ids() == [crime_id(1)]


@pytest.mark.parametrize("month", ["0000-03", "2024-00", "2024-13"])
def test_an_impossible_month_in_a_row_is_quarantined(city, tmp_path, month):
    rows = [street_row(1), street_row(2, month=month)]
    report = ingest_paths([write_csv(tmp_path, "2024-03", "street", rows)]).files[0]
    assert report.quarantined == 1 and _stored_ids() == [crime_id(1)]
    assert QuarantinedRow.objects.get().reason == f"{month!r} is not a month in YYYY-MM form"


@pytest.mark.parametrize("month", ["0000-03", "2024-00", "2024-13"])
def test_an_impossible_month_in_a_file_name_is_refused(city, tmp_path, month):
    good = write_csv(tmp_path, "2024-03", "street", [street_row(1)])
    bad = write_csv(tmp_path, month, "street", [street_row(2, month=month)])
    report = ingest_paths([good, bad])
    assert [f.status for f in report.files] == ["stored", "refused"]
    assert report.files[1].reason == f"the month {month!r} in the file name is not a month"
    assert _stored_ids() == [crime_id(1)]


@pytest.mark.parametrize("how", ["encrypted", "unsupported", "corrupt"])
def test_an_unreadable_zip_member_is_refused_by_name_and_the_others_stored(city, tmp_path, how):
    archive = tmp_path / "archive.zip"
    with zipfile.ZipFile(archive, "w") as zipped:
        for month, n in (("2024-02", 1), ("2024-03", 2), ("2024-04", 3)):
            path = write_csv(tmp_path, month, "street", [street_row(n, month=month)])
            zipped.write(path, f"{month}/{path.name}")
    spoil_member(archive, "2024-03/2024-03-city-of-london-street.csv", how)
    report = ingest_paths([archive])
    assert [f.status for f in report.files] == ["stored", "refused", "stored"]
    assert report.files[1].name == f"{archive}!2024-03/2024-03-city-of-london-street.csv"
    assert report.files[1].reason.startswith("it cannot be read (")
    assert _stored_ids() == [crime_id(1), crime_id(3)]


def test_an_unterminated_quote_is_reported_where_it_starts(city, tmp_path):
    path = tmp_path / "2024-03-city-of-london-street.csv"
    write_csv(tmp_path, "2024-03", "street", [street_row(n) for n in range(1, 6)])
    lines = path.read_text().splitlines(keepends=True)
    lines[2] = lines[2].replace("On or near", '"On or near')  # line 3 opens a quote that never closes
    path.write_text("".join(lines))
    report = ingest_paths([path]).files[0]
    assert (report.status, report.rows_stored, report.quarantined) == ("stored", 1, 1)
    bad = QuarantinedRow.objects.get()
    assert bad.line == 3
    assert "a quote opened on line 3 is not closed until line 6: lines 3-6 (4 lines) were read as this one row" in (
        bad.reason
    )


def test_two_files_for_one_month_in_a_run_are_both_refused(city, tmp_path):
    archive = tmp_path / "archive.zip"
    with zipfile.ZipFile(archive, "w") as zipped:
        zipped.write(write_csv(tmp_path, "2024-02", "street", [street_row(1, month="2024-02")]), "a/2024-02.csv")
        zipped.write(write_csv(tmp_path, "2024-03", "street", [street_row(2)]), "a/2024-03-city-of-london-street.csv")
        zipped.write(write_csv(tmp_path, "2024-03", "street", [street_row(3)]), "b/2024-03-city-of-london-street.csv")
    report = ingest_paths([archive])
    assert [f.status for f in report.files] == ["refused", "refused", "refused"]
    assert "does not follow data.police.uk's" in report.files[0].reason
    assert report.files[1].reason.startswith("ambiguous: 2 files of this run are for city-of-london 2024-03 street")
    assert report.files[1].reason == report.files[2].reason
    assert Crime.objects.count() == 0 and SourceFile.objects.count() == 0


def test_an_unknown_force_is_refused_unless_new(city, tmp_path):
    path = write_csv(tmp_path, "2024-03", "street", [street_row(1)], force="narnia")
    refused = ingest_paths([path]).files[0]
    assert refused.status == "refused" and refused.reason.startswith("the force 'narnia' is unknown")
    assert Crime.objects.count() == 0
    stored = ingest_paths([path], options=IngestOptions(new_force=True)).files[0]
    assert stored.status == "stored" and "no wards are loaded for force 'narnia'" in stored.notes[0]
    assert Crime.objects.get().ward is None
    # Once something is stored for it, the force is known.
    newer = write_csv(tmp_path, "2024-04", "street", [street_row(2, month="2024-04")], force="narnia")
    assert ingest_paths([newer]).files[0].status == "stored"


def _search(date: str) -> list[str]:
    return ["Person search", date, "", "", "51.514203", "-0.094628", "Male", "over 34", "", "White", "", "", "", "", ""]


SEARCH_DATES = [
    ("2019-06-15T10:00:00+00:00", "", ""),
    ("2019-05-31T23:30:00+00:00", "", ""),  # 00:30 on 1 June in UK time: police.uk files it in June
    ("2019-07-02T10:00:00+00:00", "Date", "is not in the file's month 2019-06 (UK time)"),
    ("0001-01-01T00:00:00+01:00", "Date", "is outside the dates that can be stored"),
    ("9999-12-31T23:59:59-01:00", "Date", "is outside the dates that can be stored"),
]


@pytest.mark.parametrize(("date", "field", "reason"), SEARCH_DATES, ids=[d[0] for d in SEARCH_DATES])
def test_stop_and_search_dates_must_fall_in_the_files_month(city, tmp_path, date, field, reason):
    report = ingest_paths([write_csv(tmp_path, "2019-06", "stop-and-search", [_search(date)])]).files[0]
    if not field:
        assert report.rows_stored == StopSearch.objects.count() == 1
        return
    assert report.quarantined == 1 and StopSearch.objects.count() == 0
    bad = QuarantinedRow.objects.get()
    assert bad.field == field and reason in bad.reason


def test_a_force_name_too_long_to_store_is_refused_alike_on_both_databases(city, tmp_path):
    path = write_csv(tmp_path, "2024-03", "street", [street_row(1)], force="n" * 65)
    report = ingest_paths([path], options=IngestOptions(new_force=True)).files[0]
    assert (report.status, report.reason) == ("refused", "its force is 65 characters long; at most 64 can be stored")
    assert SourceFile.objects.count() == 0


def test_a_row_the_database_refuses_refuses_its_file_not_the_run(city, tmp_path, monkeypatch):
    """Were a check missing, PostgreSQL's refusal from the COPY cursor is one refused file, not a traceback."""
    if connection.vendor != "postgresql":
        pytest.skip("SQLite does not enforce the length of a text column")
    monkeypatch.setattr(LengthLimits, "check", lambda self, values: None)
    long_row = street_row(2)
    long_row[6] = "x" * 5_000
    bad = write_csv(tmp_path, "2024-03", "street", [street_row(1), long_row])
    good = write_csv(tmp_path, "2024-04", "street", [street_row(3, month="2024-04")])
    report = ingest_paths([bad, good])
    assert [f.status for f in report.files] == ["refused", "stored"]
    assert report.files[0].reason.startswith("the database refused a row (value too long")
    assert _stored_ids() == [crime_id(3)]


def test_an_unclosed_quote_that_swallows_the_rest_of_a_big_file_refuses_it(stored_month):
    path = write_csv(stored_month, "2024-03", "street", [street_row(n) for n in range(1_000)])
    lines = path.read_text().splitlines(keepends=True)
    lines[5] = lines[5].replace("On or near", '"On or near')  # more than csv's 131,072-character field limit follows
    path.write_text("".join(lines))
    report = ingest_paths([path]).files[0]
    assert report.status == "refused"
    assert report.reason.startswith("it is not CSV from line 6 (field larger than field limit")
    assert report.reason.endswith("most often a quote opened on that line is never closed")
    assert _month_is_as_before()
