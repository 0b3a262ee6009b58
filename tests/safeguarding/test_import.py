"""The incident-log import: bad rows quarantined with line and column, whole-file replacement, identical
files, the shrink guard, mixed synthetic and real files refused, and the synthetic flag never lost."""

from __future__ import annotations

import pytest

from beatbook.core.models import AuditAction, AuditEvent
from beatbook.crime.shrink_guard import ShrinkGuard
from beatbook.safeguarding.importer import import_log
from beatbook.safeguarding.models import Incident, IncidentLog, QuarantinedIncidentRow
from beatbook.safeguarding.report import audit_import
from tests.safeguarding.conftest import row, write_csv

pytestmark = pytest.mark.django_db
FORCE = "city-of-london"


@pytest.fixture
def ward_name(city):
    return city.sectors.first().clusters.first().wards.first().name


def test_good_rows_are_stored_synthetic_with_their_ward(tmp_path, ward_name):
    path = write_csv(tmp_path / "log.csv", [row(n, ward=ward_name) for n in range(1, 6)])
    report = import_log(path, FORCE)
    assert (report.status, report.rows_stored, report.quarantined, report.synthetic) == ("stored", 5, 0, True)
    assert Incident.objects.filter(synthetic=True, ward__name=ward_name).count() == 5
    assert IncidentLog.objects.get().synthetic


def test_bad_rows_are_quarantined_with_line_column_and_reason(tmp_path, city):
    rows = [
        row(1),
        row(2, occurred_at="14/03/2025"),
        row(3, asb="maybe"),
        row(4, ward="Atlantis"),
        row(5, incident_id="INC-0001"),
        row(6, caller="", victim=""),
        row(7, reported_at="2024-01-01 10:00"),
    ]
    report = import_log(write_csv(tmp_path / "log.csv", rows), FORCE, ShrinkGuard(min_share=0.1))
    assert report.rows_stored == 1 and report.quarantined == 6
    found = {(q.line, q.field) for q in QuarantinedIncidentRow.objects.all()}
    assert found == {(3, "occurred_at"), (4, "asb"), (5, "ward"), (6, "incident_id"), (7, "victim"), (8, "reported_at")}
    reasons = " ".join(QuarantinedIncidentRow.objects.values_list("reason", flat=True))
    assert (
        "YYYY-MM-DD HH:MM" in reasons
        and "write yes or no" in reasons
        and "repeats the incident id of line 2" in reasons
    )


def test_a_file_mixing_synthetic_and_real_rows_is_refused(tmp_path, city):
    report = import_log(write_csv(tmp_path / "mixed.csv", [row(1), row(2, synthetic="no")]), FORCE)
    assert report.status == "refused" and "mixes synthetic and real" in report.reason
    assert not Incident.objects.exists()


def test_a_real_log_is_stored_as_real(tmp_path, city):
    import_log(write_csv(tmp_path / "real.csv", [row(1, synthetic="no")]), FORCE)
    assert Incident.objects.get().synthetic is False and IncidentLog.objects.get().synthetic is False


def test_a_new_file_replaces_the_log_and_an_identical_one_changes_nothing(tmp_path, city):
    first = write_csv(tmp_path / "a.csv", [row(n) for n in range(1, 5)])
    import_log(first, FORCE)
    assert import_log(first, FORCE).status == "identical"
    second = import_log(write_csv(tmp_path / "b.csv", [row(n) for n in range(3, 8)]), FORCE)
    assert (second.status, second.rows_replaced, second.rows_stored) == ("replaced", 4, 5)
    assert sorted(Incident.objects.values_list("incident_id", flat=True)) == [f"INC-{n:04d}" for n in range(3, 8)]
    assert IncidentLog.objects.get().vintage == 2


def test_a_file_that_would_shrink_the_log_is_refused_unless_allowed(tmp_path, city):
    import_log(write_csv(tmp_path / "a.csv", [row(n) for n in range(1, 11)]), FORCE)
    small = write_csv(tmp_path / "small.csv", [row(1)])
    refused = import_log(small, FORCE)
    assert refused.status == "refused" and "looks truncated" in refused.reason
    assert Incident.objects.count() == 10
    allowed = import_log(small, FORCE, ShrinkGuard(allow=True))
    assert allowed.status == "replaced" and Incident.objects.count() == 1 and allowed.notes


@pytest.mark.parametrize(
    ("content", "reason"),
    [(b"", "it is empty"), (b"incident_id,type\nX,Y\n", "its header has no occurred_at"), (b"\xff\xfe\x00", "UTF-8")],
)
def test_unusable_files_are_refused_and_audited(tmp_path, city, content, reason):
    path = tmp_path / "bad.csv"
    path.write_bytes(content)
    report = import_log(path, FORCE)
    assert report.status == "refused" and reason in report.reason
    audit_import(report, "beatbook incidents import")
    event = AuditEvent.objects.get(action=AuditAction.IMPORT)
    assert event.detail["status"] == "refused" and event.command == "beatbook incidents import"
