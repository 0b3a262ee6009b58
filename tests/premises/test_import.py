"""Importing a licensing register (`beatbook premises import`), on the test database (PostgreSQL or SQLite)."""

from __future__ import annotations

from datetime import time
from pathlib import Path

import pytest
from click.testing import CliRunner
from django.db import IntegrityError

from beatbook.cli import main
from beatbook.core.models import AuditAction, AuditEvent
from beatbook.crime.shrink_guard import ShrinkGuard
from beatbook.premises import importer
from beatbook.premises.importer import import_register
from beatbook.premises.models import LicensedPremises, PremisesRegister, QuarantinedPremisesRow

pytestmark = pytest.mark.django_db
SYNTHETIC = Path(__file__).parent / "synthetic-licensing-register.csv"
HEADER = "Name,Type,Address,Postcode,Latitude,Longitude,Licence number,Licence type,Hours,Terminal hour,Status\n"
GOOD = "SYNTHETIC Bar {n},Bar,{n} Synthetic Row,EC2M 4NR,51.5177,-0.0789,SYN/{n:04d},Premises licence,,23:00,Granted\n"
FORCE = "city-of-london"


def good_rows(n: int, start: int = 1) -> str:
    return "".join(GOOD.format(n=k) for k in range(start, start + n))


def write(tmp_path: Path, text: str | bytes, name: str = "register.csv") -> Path:
    path = tmp_path / name
    path.write_bytes(text if isinstance(text, bytes) else text.encode("utf-8"))
    return path


def stored_ids(name: str = "register") -> list[int]:
    return list(LicensedPremises.objects.filter(register__name=name).order_by("pk").values_list("pk", flat=True))


def run(*args) -> tuple[int, str]:
    result = CliRunner().invoke(main, ["premises", *map(str, args)], catch_exceptions=False)
    return result.exit_code, result.output


def test_the_synthetic_register_is_stored_located_and_in_wards(city):
    report = import_register(SYNTHETIC, "synthetic", FORCE)
    assert (report.status, report.rows_read, report.rows_stored, report.quarantined) == ("stored", 10, 10, 0)
    assert (report.outside_force_area, report.without_location) == (1, 1)
    tavern = LicensedPremises.objects.get(licence_number="SYN/0001")
    assert (tavern.ward.name, tavern.postcode, tavern.terminal_hour) == ("Bishopsgate", "EC2M 4NR", time(23, 0))
    assert tavern.easting == pytest.approx(533392, abs=5) and tavern.northing == pytest.approx(181613, abs=5)
    assert LicensedPremises.objects.get(name__contains="Westminster").ward is None
    unmapped = LicensedPremises.objects.get(name="SYNTHETIC Unmapped Bar")
    assert (unmapped.lat, unmapped.easting, unmapped.ward) == (None, None, None)
    register = PremisesRegister.objects.get()
    assert (register.rows_read, register.rows_stored, register.rows_quarantined, register.vintage) == (10, 10, 0, 1)


@pytest.mark.parametrize(
    ("row", "column", "reason"),
    [
        (",Bar,,,51.5,-0.08,,,,,", "Name", "is empty"),
        ("A,,,,51.5,-0.08,,,,,", "Type", "is empty"),
        ("A,Bar,,,north,-0.08,,,,,", "Latitude", "'north' is not a number"),
        ("A,Bar,,,51.5,,,,,,", "Longitude", "is empty while Latitude is given"),
        ("A,Bar,,,48.0,-0.08,,,,,", "Latitude", "48.0 is outside the United Kingdom"),
        ("A,Bar,,,51.5,nan,,,,,", "Longitude", "nan is outside the United Kingdom"),
        ("A,Bar,,NOT A POSTCODE,51.5,-0.08,,,,,", "Postcode", "'NOT A POSTCODE' is not a UK postcode"),
        ("A,Bar,,,51.5,-0.08,,,,25:00,", "Terminal hour", "'25:00' is not a time of day as HH:MM"),
        ("A,Bar,,,51.5,-0.08,,,,11pm,", "Terminal hour", "'11pm' is not a time of day"),
        ("A," + "B" * 101 + ",,,51.5,-0.08,,,,,", "Type", "is 101 characters long; at most 100 can be stored"),
        ("A,Bar,,,51.5,-0.08,SYN/0001,,,,", "Licence number", "repeats the licence number of line 2"),
        ("A,Bar,,,51.5,-0.08", "(row)", "has 6 columns, expected 11"),
    ],
)
def test_a_bad_row_is_quarantined_with_its_line_and_column(city, tmp_path, row, column, reason):
    path = write(tmp_path, HEADER + good_rows(1) + row + "\n" + good_rows(1, start=2))
    report = import_register(path, "register", FORCE)
    assert (report.status, report.rows_read, report.rows_stored, report.quarantined) == ("stored", 3, 2, 1)
    bad = QuarantinedPremisesRow.objects.get()
    assert (bad.line, bad.field) == (3, column) and reason in bad.reason
    assert bad.raw.startswith(row[:20])
    assert report.sample == [(3, column, bad.reason)]


def test_an_unclosed_quote_is_reported_at_the_line_where_it_opens(city, tmp_path):
    path = write(tmp_path, HEADER + good_rows(1) + 'A,"Bar,,,51.5,-0.08,,,,,\n' + good_rows(2, start=2))
    report = import_register(path, "register", FORCE)
    bad = QuarantinedPremisesRow.objects.get()
    assert bad.line == 3 and "a quote opened on line 3 is not closed until line 5" in bad.reason
    assert report.rows_stored == 1


def test_postcodes_and_hours_are_stored_in_one_form(city, tmp_path):
    row = "A,Bar,,ec2m4nr,51.5177,-0.0789,X1,,,24:00,\nB,Bar,,  EC2M   4NR ,51.5177,-0.0789,X2,,,7:05,\n"
    import_register(write(tmp_path, HEADER + row), "register", FORCE)
    stored = list(LicensedPremises.objects.order_by("line").values_list("postcode", "terminal_hour"))
    assert stored == [("EC2M 4NR", time(0, 0)), ("EC2M 4NR", time(7, 5))]


def test_columns_are_matched_by_name_and_others_ignored(city, tmp_path):
    text = "PREMISES NAME,premises-type,lat,LONGITUDE,Notes\nA,Bar,51.5177,-0.0789,anything\n"
    report = import_register(write(tmp_path, text), "register", FORCE)
    assert (report.status, report.rows_stored, report.ignored_columns) == ("stored", 1, ("Notes",))


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        (b"", "it is empty"),
        (HEADER.encode(), "it has no row to store (0 read, 0 quarantined)"),
        (b"Name,Type,Latitude\nA,Bar,51.5\n", "its header has no lng column"),
        (b"Name,Type,Lat,Latitude,Lng\n", "the columns 'Lat' and 'Latitude' both give the lat"),
        (HEADER.encode() + b"\xff\xfe caf\xe9,Bar,,,51.5,-0.08,,,,,\n", "it is not UTF-8 text"),
        (b"PK\x03\x04\x14\x00\x06\x00\x08\x00\x00\x00!\x00\xa1", "it is not UTF-8 text"),
        (HEADER.encode() + b",,,,north,,,,,,\n", "it has no row to store (1 read, 1 quarantined)"),
    ],
)
def test_a_bad_file_is_refused_and_the_stored_register_kept(city, tmp_path, content, reason):
    import_register(write(tmp_path, HEADER + good_rows(4), "first.csv"), "register", FORCE)
    before = stored_ids()
    report = import_register(write(tmp_path, content), "register", FORCE)
    assert report.status == "refused" and reason in report.reason, report.reason
    assert stored_ids() == before and PremisesRegister.objects.get().vintage == 1


def test_a_bad_first_file_stores_no_register(city, tmp_path):
    report = import_register(write(tmp_path, b"Name,Type\n"), "register", FORCE)
    assert report.status == "refused" and "its header has no lat, lng column" in report.reason
    assert not PremisesRegister.objects.exists() and not LicensedPremises.objects.exists()


def test_importing_the_same_name_again_replaces_the_register_as_a_whole(city, tmp_path):
    import_register(write(tmp_path, HEADER + good_rows(4) + ",Bar,,,51.5,-0.08,,,,,\n", "a.csv"), "register", FORCE)
    old = stored_ids()
    report = import_register(write(tmp_path, HEADER + good_rows(5, start=3), "b.csv"), "register", FORCE)
    assert (report.status, report.rows_stored, report.rows_replaced) == ("replaced", 5, 4)
    names = sorted(LicensedPremises.objects.values_list("name", flat=True))
    assert names == [f"SYNTHETIC Bar {k}" for k in range(3, 8)]  # no duplicate, nothing of the old left
    assert not set(old) & set(stored_ids())
    register = PremisesRegister.objects.get()
    assert (register.vintage, register.rows_stored, register.file_name.endswith("b.csv")) == (2, 5, True)
    assert not QuarantinedPremisesRow.objects.exists()  # the old file's quarantine went with it


def test_the_same_file_again_changes_nothing_and_another_name_is_another_register(city, tmp_path):
    path = write(tmp_path, HEADER + good_rows(3))
    import_register(path, "register", FORCE)
    before = stored_ids()
    assert import_register(path, "register", FORCE).status == "identical"
    assert stored_ids() == before and PremisesRegister.objects.get().vintage == 1
    assert import_register(path, "other", FORCE).status == "stored"
    assert LicensedPremises.objects.count() == 6


def test_a_file_that_would_shrink_the_register_is_refused_unless_allowed(city, tmp_path):
    import_register(write(tmp_path, HEADER + good_rows(10), "full.csv"), "register", FORCE)
    small = write(tmp_path, HEADER + good_rows(3), "small.csv")
    refused = import_register(small, "register", FORCE)
    assert refused.status == "refused"
    assert "3 good rows against the 10 stored" in refused.reason and "--allow-shrink" in refused.reason
    assert LicensedPremises.objects.count() == 10
    allowed = import_register(small, "register", FORCE, ShrinkGuard(allow=True))
    assert allowed.status == "replaced" and "applied with --allow-shrink" in allowed.notes[0]
    assert LicensedPremises.objects.count() == 3


def test_a_database_failure_mid_file_leaves_the_register_as_it_was(city, tmp_path, monkeypatch):
    import_register(write(tmp_path, HEADER + good_rows(4), "a.csv"), "register", FORCE)
    before = stored_ids()
    calls = []
    real = LicensedPremises.objects.bulk_create

    def fail_second(objs, *args, **kwargs):
        calls.append(len(objs))
        if len(calls) == 2:
            raise IntegrityError("simulated failure")
        return real(objs, *args, **kwargs)

    monkeypatch.setattr(LicensedPremises.objects, "bulk_create", fail_second)
    report = import_register(write(tmp_path, HEADER + good_rows(6, start=10), "b.csv"), "register", FORCE, chunk_rows=3)
    assert report.status == "refused" and "simulated failure" in report.reason
    assert stored_ids() == before and PremisesRegister.objects.get().vintage == 1


def test_without_geography_the_file_is_refused(db, tmp_path):
    report = import_register(write(tmp_path, HEADER + good_rows(1)), "register", FORCE)
    assert report.status == "refused" and "beatbook geography load" in report.reason


def test_the_command_reports_quarantined_rows_and_audits_the_run(city, tmp_path):
    path = write(tmp_path, HEADER + good_rows(2) + "A,Bar,,,north,-0.08,,,,,\n", "City Register 2025.csv")
    code, output = run("import", path)
    assert code == 0, output
    assert "stored as the new register 'city-register-2025'" in output
    assert "Rows read: 3; stored: 2; quarantined: 1" in output
    assert f"{path}:4 Latitude: 'north' is not a number" in output
    event = AuditEvent.objects.get(command="beatbook premises import")
    assert event.action == AuditAction.IMPORT and event.object_type == "premises.premisesregister"
    assert (event.detail["status"], event.detail["rows_stored"], event.detail["quarantined"]) == ("stored", 2, 1)
    assert event.detail["options"] == {"allow_shrink": False, "min_share": 0.5}


def test_the_command_refuses_a_bad_file_with_status_1_and_no_traceback(city, tmp_path):
    code, output = run("import", write(tmp_path, "a,b\n1,2\n"), "--name", "city")
    assert code == 1 and "Refused" in output and "its header has no name, type, lat, lng column" in output
    assert "Traceback" not in output
    assert AuditEvent.objects.get(command="beatbook premises import").detail["status"] == "refused"
    code, output = run("import", write(tmp_path, HEADER + good_rows(1)), "--name", "!!!")
    assert code == 2 and "give a name with letters or digits" in output


def test_list_and_remove(city, tmp_path):
    assert "No licensing register is imported" in run("list")[1]
    run("import", write(tmp_path, HEADER + good_rows(2)), "--name", "city")
    assert "city: " in run("list")[1] and "2 premises" in run("list")[1]
    code, output = run("remove", "nope")
    assert code == 2 and "no register 'nope' is imported (imported: city)" in output
    code, output = run("remove", "city")
    assert code == 0 and not LicensedPremises.objects.exists()
    assert AuditEvent.objects.filter(command="beatbook premises remove", action=AuditAction.DELETE).count() == 1


def test_chunks_keep_memory_bounded_and_lines_right(city, tmp_path):
    report = import_register(
        write(tmp_path, HEADER + good_rows(7) + "A,Bar,,,north,-0.08,,,,,\n"), "register", FORCE, chunk_rows=2
    )
    assert (report.rows_stored, report.quarantined) == (7, 1)
    assert list(LicensedPremises.objects.order_by("line").values_list("line", flat=True)) == list(range(2, 9))
    assert QuarantinedPremisesRow.objects.get().line == 9
    assert importer.CHUNK_ROWS > 2
