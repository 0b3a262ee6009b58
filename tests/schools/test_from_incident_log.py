"""The incident log opens a school-notification task "to assign" for each domestic-abuse incident with
children present: once per incident, whatever the re-imports; the officer assigns the school, then sends."""

from __future__ import annotations

from datetime import datetime

import pytest
from django.core import mail

from beatbook.core.models import AuditEvent
from beatbook.crime.shrink_guard import ShrinkGuard
from beatbook.safeguarding.importer import import_log
from beatbook.schools.models import NotificationStatus, SchoolNotification
from tests.safeguarding.conftest import row, write_csv
from tests.schools.conftest import CHILD, LONDON

pytestmark = pytest.mark.django_db


def _log(tmp_path, name: str, extra: int = 0):
    rows = [
        row(1, occurred_at="2025-03-14 19:30", domestic_abuse="yes", children_present="yes", asb="no"),
        row(2, occurred_at="2025-03-13 18:00", domestic_abuse="yes", children_present="no", asb="no"),
        row(3, occurred_at="2024-11-01 18:00", domestic_abuse="yes", children_present="yes", asb="no"),  # months old
        *[row(10 + n, occurred_at="2025-03-10 12:00") for n in range(extra)],
    ]
    return write_csv(tmp_path / name, rows)


def test_an_import_opens_one_task_to_assign_per_incident_even_after_a_re_import(city, tmp_path):
    import_log(_log(tmp_path, "first.csv"), "city-of-london", ShrinkGuard())
    task = SchoolNotification.objects.get()
    assert (task.incident_ref, task.status, task.school, task.child_name) == ("INC-0001", "assign", None, "")
    assert task.from_incident_log and task.synthetic
    assert task.due_at == datetime(2025, 3, 17, 9, 0, tzinfo=LONDON)  # Friday evening: Monday's school day
    assert AuditEvent.objects.filter(action="create", object_id=str(task.pk), detail__source="incident log").exists()
    report = import_log(_log(tmp_path, "second.csv", extra=2), "city-of-london", ShrinkGuard())
    assert report.status == "replaced" and SchoolNotification.objects.count() == 1


def test_a_refused_import_opens_nothing(city, tmp_path):
    bad = tmp_path / "bad.csv"
    bad.write_text("not,a,log\n1,2,3\n", encoding="utf-8")
    assert import_log(bad, "city-of-london", ShrinkGuard()).status == "refused"
    assert not SchoolNotification.objects.exists()


def test_the_officer_assigns_the_school_then_sends_it(personas, school, tmp_path):
    import_log(_log(tmp_path, "log.csv"), "city-of-london", ShrinkGuard())
    task = SchoolNotification.objects.get()
    client = personas.client("safeguarding")
    page = client.get(f"/schools/notifications/{task.pk}/").text
    assert "Assign the child" in page and "Synthetic records" in page and "Send to the key adult" not in page
    refused = client.post(f"/schools/notifications/{task.pk}/send/")
    assert refused.status_code == 400 and "assign the child" in refused.text and not mail.outbox
    missing = client.post(f"/schools/notifications/{task.pk}/assign/", {"school": school.pk})
    assert missing.status_code == 400 and "This field is required." in missing.text
    done = client.post(
        f"/schools/notifications/{task.pk}/assign/", {"school": school.pk, "child_name": CHILD, "year_group": "Year 1"}
    )
    task.refresh_from_db()
    assert done.status_code == 302 and (task.status, task.school, task.child_name) == ("due", school, CHILD)
    client.post(f"/schools/notifications/{task.pk}/send/")
    task.refresh_from_db()
    assert task.status == NotificationStatus.SENT and CHILD in mail.outbox[0].body
    again = client.post(f"/schools/notifications/{task.pk}/assign/", {"school": school.pk, "child_name": "Other"})
    assert again.status_code == 400 and "already has its school" in again.text


def test_nobody_else_assigns(personas, school, tmp_path):
    import_log(_log(tmp_path, "log.csv"), "city-of-london", ShrinkGuard())
    task = SchoolNotification.objects.get()
    for name in ("officer_a", "supervisor", "partner_x"):
        response = personas.client(name).post(
            f"/schools/notifications/{task.pk}/assign/", {"school": school.pk, "child_name": CHILD}
        )
        assert response.status_code == 403, name
    assert SchoolNotification.objects.get().status == "assign"


def test_removing_the_personal_data_of_two_logged_tasks_keeps_them_known_to_re_imports(personas, tmp_path):
    """The incident reference is not personal data here: blanking it on a second task broke the
    one-task-per-incident constraint (a 500), and a re-import re-opened the incidents."""
    rows = [
        row(n, occurred_at=f"2025-03-1{n} 19:30", domestic_abuse="yes", children_present="yes", asb="no")
        for n in (1, 2)
    ]
    import_log(write_csv(tmp_path / "log.csv", rows), "city-of-london", ShrinkGuard())
    tasks = list(SchoolNotification.objects.order_by("incident_ref"))
    assert [t.incident_ref for t in tasks] == ["INC-0001", "INC-0002"]
    client = personas.client("safeguarding")
    for task in tasks:
        response = client.post(
            f"/safeguarding/reviews/school-notification/{task.pk}/", {"decision": "remove", "reason": "Review"}
        )
        task.refresh_from_db()
        assert response.status_code == 302 and task.personal_data_removed and task.incident_ref
    import_log(write_csv(tmp_path / "again.csv", rows), "city-of-london", ShrinkGuard())
    assert SchoolNotification.objects.count() == 2
