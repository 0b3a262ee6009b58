"""Roster exports of abstractions and deployments: all or nothing, bad rows named by line and field,
no duplicates when the same file comes again; the command and the supervisors' upload page."""

from __future__ import annotations

import io
from datetime import date
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from beatbook.core.models import AuditEvent
from beatbook.workforce import importer
from beatbook.workforce.models import Duty, Rank
from beatbook.workforce.records import Abstraction, Deployment, Source
from tests.engagement.factories import make_officer

pytestmark = pytest.mark.django_db
GOOD = (
    "collar_number,date,hours,reason,note\n"
    "D001,2025-03-01,8,response-cover,Cover for the late shift\n"
    "d001,2025-03-02,4.5,Court,\n"
    "D002,2025-03-01,6,events,Lord Mayor's Show\n"
)


@pytest.fixture
def officers(personas):
    return (
        make_officer(personas.cluster_a, name="PC One", collar_number="D001", user=personas["officer_a"]),
        make_officer(personas.cluster_b, name="PC Two", collar_number="D002", user=personas["officer_b"]),
        make_officer(personas.cluster_a, name="SC Vee", collar_number="V001", rank=Rank.SPECIAL_CONSTABLE,
                     duty=Duty.TEAM_OFFICER),
    )  # fmt: skip


def _import(text: str, fmt=importer.ABSTRACTIONS):
    return importer.import_csv(io.BytesIO(text.encode()), fmt)


def test_a_good_file_is_stored_and_a_second_import_adds_nothing(officers):
    report = _import(GOOD)
    assert (report.added, report.updated, report.refused) == (3, 0, False)
    stored = Abstraction.objects.get(officer=officers[0], date=date(2025, 3, 2))
    assert stored.hours == Decimal("4.5") and stored.reason.code == "court" and stored.source == Source.IMPORTED
    again = _import(GOOD.replace("Lord Mayor's Show", "Lord Mayor's Show and fireworks"))
    assert (again.added, again.updated, again.unchanged) == (0, 1, 2)
    assert Abstraction.objects.count() == 3
    assert Abstraction.objects.get(officer=officers[1]).note == "Lord Mayor's Show and fireworks"


def test_a_file_with_bad_rows_stores_nothing_and_names_each_line_and_field(officers):
    bad = GOOD + (
        "D999,2025-03-03,2,court,\n"  # line 5
        "D001,03/03/2025,2,court,\n"  # line 6
        "D001,2025-03-04,30,court,\n"  # line 7
        "D001,2025-03-05,2,lunch,\n"  # line 8
        "D001,2025-03-01,8,response-cover,again\n"  # line 9: the same as line 2
    )
    report = _import(bad)
    assert report.refused and Abstraction.objects.count() == 0
    assert report.errors == [
        "Line 5, collar_number: no officer has the collar number 'D999'.",
        "Line 6, date: '03/03/2025' is not a date written YYYY-MM-DD.",
        "Line 7, hours: '30' must be from 0.25 to 24, to two decimal places.",
        "Line 8, reason: 'lunch' is not a reason: use one of court, events, other, public-order, "
        "response-cover, training.",
        "Line 9: the same row as line 2 (officer, date, reason).",
    ]


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"collar_number,date,hours\nD001,2025-03-01,8\n", "Line 1: the header lacks the column(s) reason."),
        (b"collar_number,date,hours,reason\n", "The file has a header but no rows."),
        ("collar_number,date,hours,reason\nD001,2025-03-01,8,court\n".encode("utf-16"), "not text in UTF-8"),
    ],
)
def test_a_file_that_is_not_a_roster_is_refused(officers, content, message):
    report = importer.import_csv(io.BytesIO(content), importer.ABSTRACTIONS)
    assert report.refused and message in report.errors[0] and not Abstraction.objects.exists()


def test_deployments_are_of_volunteers_and_name_a_cluster_of_the_force(officers, personas):
    text = (
        "collar_number,date,hours,activity,cluster\n"
        f"V001,2025-03-01,5,Night-time economy patrol,{personas.cluster_a.name}\n"
        "V001,2025-03-02,4,Crime prevention stall,\n"
        "D001,2025-03-02,4,Patrol,\n"
        "V001,2025-03-03,4,Patrol,Atlantis\n"
    )
    report = _import(text, importer.DEPLOYMENTS)
    assert report.errors == [
        "Line 4, collar_number: PC One is not a Special Constable or a Police Cadet.",
        "Line 5, cluster: 'Atlantis' is not a cluster of the force.",
    ]
    good = "\n".join(text.splitlines()[:3]) + "\n"
    assert _import(good, importer.DEPLOYMENTS).added == 2
    assert Deployment.objects.get(date=date(2025, 3, 1)).cluster == personas.cluster_a


def test_the_command_imports_and_a_refused_file_exits_with_an_error(officers, tmp_path, run_cli_inline):
    good, bad = tmp_path / "good.csv", tmp_path / "bad.csv"
    good.write_text(GOOD)
    bad.write_text(GOOD + "D001,2025-13-01,2,court,\n")
    refused = run_cli_inline("workforce", "import-abstractions", str(bad))
    assert refused.exit_code == 1 and "Line 5, date: '2025-13-01'" in refused.output
    assert not Abstraction.objects.exists()
    done = run_cli_inline("workforce", "import-abstractions", str(good))
    assert done.exit_code == 0 and "Imported abstractions: 3 added, 0 updated, 0 unchanged." in done.output
    assert AuditEvent.objects.filter(command="beatbook workforce import-abstractions", action="import").exists()


def test_a_supervisor_uploads_a_roster_with_a_bad_row_and_sees_the_line(officers, personas):
    client = personas.client("supervisor")
    upload = SimpleUploadedFile("roster.csv", (GOOD + "D001,2025-03-09,2,lunch,\n").encode(), "text/csv")
    response = client.post("/workforce/import/abstractions/", {"file": upload})
    page = response.content.decode()
    assert response.status_code == 400 and "Nothing was imported: 1 problem(s) in the file." in page
    assert "Line 5, reason: &#x27;lunch&#x27; is not a reason" in page and not Abstraction.objects.exists()
    assert AuditEvent.objects.filter(action="refused", object_type="workforce.abstractions").exists()
    upload = SimpleUploadedFile("roster.csv", GOOD.encode(), "text/csv")
    response = client.post("/workforce/import/abstractions/", {"file": upload}, follow=True)
    assert "Imported abstractions: 3 added" in response.content.decode() and Abstraction.objects.count() == 3


def test_the_import_page_of_an_unknown_kind_is_not_found(personas):
    assert personas.client("supervisor").get("/workforce/import/payroll/").status_code == 404
