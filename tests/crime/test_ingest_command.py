"""`beatbook ingest` as a user runs it: a subprocess against the test database."""

from __future__ import annotations

import signal
import subprocess
import sys
import zipfile

import pytest

from beatbook.core.models import AuditAction, AuditEvent
from beatbook.crime.models import Crime, QuarantinedRow, SourceFile
from tests.crime.csvs import crime_id, street_row, write_csv
from tests.crime.zips import spoil_member

KILL_ROWS = 150_000


def test_report_and_exit_status_with_a_bad_file_among_good_ones(city_committed, run_cli, tmp_path):
    write_csv(tmp_path, "2024-03", "street", [street_row(1), street_row(2, month="2024-13"), street_row(3)])
    (tmp_path / "2024-04-city-of-london-street.csv").write_text("not,a,police,file\n")
    result = run_cli("ingest", str(tmp_path), "--progress", "none")
    assert result.returncode == 1
    assert "Files read: 2 (stored 1, replaced 0, identical and skipped 0, refused 1)" in result.stdout
    assert "Rows read: 3; stored: 2; quarantined: 1" in result.stdout
    assert "2024-03-city-of-london-street.csv:3 Month: '2024-13' is not a month in YYYY-MM form" in result.stdout
    assert "Refused " + str(tmp_path / "2024-04-city-of-london-street.csv") + ": its header is not" in result.stderr
    assert Crime.objects.count() == 2 and QuarantinedRow.objects.count() == 1


def test_missing_path_is_named(city_committed, run_cli, tmp_path):
    result = run_cli("ingest", str(tmp_path / "nowhere"), "--progress", "none")
    assert result.returncode == 1
    assert f"Refused {tmp_path / 'nowhere'}: no such file or folder" in result.stderr


def test_killed_mid_file_leaves_the_database_as_before_and_a_rerun_completes(city_committed, run_cli, tmp_path):
    (tmp_path / "v1").mkdir()
    run_cli("ingest", str(write_csv(tmp_path / "v1", "2024-03", "street", [street_row(n) for n in range(5)])))
    big = write_csv(
        tmp_path, "2024-03", "street", [street_row(n, outcome="Local resolution") for n in range(KILL_ROWS)]
    )
    process = subprocess.Popen(
        [sys.executable, "-m", "beatbook", "ingest", str(big), "--progress", "lines", "--chunk-rows", "2000"],
        env=run_cli.env(),
        stderr=subprocess.PIPE,
        text=True,
    )
    # Kill as soon as the first chunk is written inside the file's transaction.
    first_line = process.stderr.readline()
    process.send_signal(signal.SIGKILL)
    process.wait(timeout=60)
    process.stderr.close()
    assert "2,000 rows read" in first_line and process.returncode == -signal.SIGKILL
    assert sorted(Crime.objects.values_list("crime_id", flat=True)) == [crime_id(n) for n in range(5)]
    assert SourceFile.objects.get().vintage == 1

    rerun = run_cli("ingest", str(big), "--progress", "none")
    assert rerun.returncode == 0, rerun.stderr
    assert Crime.objects.count() == KILL_ROWS
    assert set(Crime.objects.values_list("last_outcome_category", flat=True)) == {"Local resolution"}
    assert SourceFile.objects.get().vintage == 2


@pytest.mark.parametrize("bad", ["wards = 3", "[force]\nid = 'x'\nname = 'X'\nboundaries = 'missing.json'"])
def test_geography_load_names_what_is_wrong(run_cli, tmp_path, bad):
    config = tmp_path / "force.toml"
    config.write_text(bad)
    result = run_cli("geography", "load", str(config))
    assert result.returncode == 1
    assert str(config) in result.stderr or "missing.json" in result.stderr


def test_a_truncated_download_is_refused_with_status_1_and_allow_shrink_applies_it(city_committed, run_cli, tmp_path):
    (tmp_path / "v1").mkdir()
    run_cli("ingest", str(write_csv(tmp_path / "v1", "2024-03", "street", [street_row(n) for n in range(6)])))
    truncated = write_csv(tmp_path, "2024-03", "street", [[], []])  # a header and blank lines
    refused = run_cli("ingest", str(truncated), "--progress", "none")
    assert refused.returncode == 1
    assert f"Refused {truncated}: it has no row to store (0 read), and would empty a month that holds 6 rows" in (
        refused.stderr
    )
    assert "Traceback" not in refused.stderr and Crime.objects.count() == 6
    applied = run_cli("ingest", str(truncated), "--progress", "none", "--allow-shrink")
    assert applied.returncode == 0, applied.stderr
    assert f"Note: {truncated} was applied with --allow-shrink although it has no row to store" in applied.stdout
    assert Crime.objects.count() == 0 and SourceFile.objects.get().vintage == 2


def test_an_unknown_force_exits_1_and_new_force_stores_it(city_committed, run_cli, tmp_path):
    path = write_csv(tmp_path, "2024-03", "street", [street_row(1)], force="narnia")
    refused = run_cli("ingest", str(path), "--progress", "none")
    assert refused.returncode == 1 and f"Refused {path}: the force 'narnia' is unknown" in refused.stderr
    assert Crime.objects.count() == 0
    stored = run_cli("ingest", str(path), "--progress", "none", "--new-force")
    assert stored.returncode == 0, stored.stderr
    assert Crime.objects.get().crime_id == crime_id(1)


def test_every_bad_input_of_a_run_is_named_and_the_good_files_stored(city_committed, run_cli, tmp_path):
    (tmp_path / "v1").mkdir()
    run_cli("ingest", str(write_csv(tmp_path / "v1", "2024-03", "street", [street_row(n) for n in range(4)])))
    run = tmp_path / "run"
    run.mkdir()
    write_csv(run, "2024-03", "street", [])  # would empty the stored month
    write_csv(run, "0000-01", "street", [street_row(10)])
    write_csv(run, "2024-05", "street", [street_row(11, month="2024-05")], force="narnia")
    long_location = street_row(12, month="2024-06")
    long_location[6] = "x" * 5_000
    write_csv(run, "2024-06", "street", [street_row(13, month="2024-06"), long_location])
    archive = run / "archive.zip"
    with zipfile.ZipFile(archive, "w") as zipped:
        for folder, month, n in (("a", "2024-07", 14), ("a", "2024-08", 15), ("b", "2024-08", 16)):
            path = write_csv(tmp_path, month, "street", [street_row(n, month=month)])
            zipped.write(path, f"{folder}/{path.name}")
    spoil_member(archive, "a/2024-07-city-of-london-street.csv", "encrypted")
    result = run_cli("ingest", str(run), "--progress", "none")
    assert result.returncode == 1 and "Traceback" not in result.stderr
    refused = {line.split(": ", 1)[0].removeprefix("Refused ") for line in result.stderr.splitlines()}
    assert refused == {
        f"{archive}!a/2024-07-city-of-london-street.csv",
        f"{archive}!a/2024-08-city-of-london-street.csv",
        f"{archive}!b/2024-08-city-of-london-street.csv",
        str(run / "0000-01-city-of-london-street.csv"),
        str(run / "2024-03-city-of-london-street.csv"),
        str(run / "2024-05-narnia-street.csv"),
    }
    assert "2024-06-city-of-london-street.csv:3 Location: is 5,000 characters long" in result.stdout
    assert sorted(Crime.objects.values_list("crime_id", flat=True)) == [crime_id(n) for n in (0, 1, 2, 3, 13)]


def test_files_stored_side_by_side_are_stored_as_one_by_one(city_committed, run_cli, tmp_path):
    months = [f"2024-{m:02d}" for m in range(1, 7)]
    for n, month in enumerate(months):
        write_csv(tmp_path, month, "street", [street_row(10 * n + i, month=month) for i in range(3)])
    write_csv(tmp_path, "2024-07", "street", [street_row(99, month="2024-06")])  # every row of another month
    result = run_cli("ingest", str(tmp_path), "--progress", "lines", "--jobs", "2")
    assert result.returncode == 0, result.stderr
    assert "Files read: 7 (stored 7, replaced 0, identical and skipped 0, refused 0)" in result.stdout
    assert sorted(Crime.objects.values_list("crime_id", flat=True)) == sorted(
        crime_id(10 * n + i) for n in range(6) for i in range(3)
    )
    assert QuarantinedRow.objects.get().line == 2
    event = AuditEvent.objects.filter(action=AuditAction.IMPORT).latest("pk")
    assert event.detail["options"]["jobs"] == 2
