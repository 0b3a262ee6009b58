"""The audit log page: filters, pages, the CSV export, and who may read it."""

from __future__ import annotations

import csv
import io
from datetime import timedelta

import pytest
from django.utils import timezone

from beatbook.core import audit
from beatbook.core.models import AuditAction, AuditEvent

pytestmark = pytest.mark.django_db


@pytest.fixture
def events(personas):
    now = timezone.now()
    AuditEvent.objects.create(action=AuditAction.LOGIN, username="officer_a", at=now - timedelta(days=3))
    AuditEvent.objects.create(action=AuditAction.LOGIN_FAILED, username='=HYPERLINK("x")', at=now - timedelta(days=1))
    audit.record_command("beatbook ingest", AuditAction.IMPORT, files=["2025-01-city-of-london-street.csv"])


def test_supervisor_filters_by_action_and_account(personas, events):
    client = personas.client("supervisor")
    page = client.get("/audit/", {"action": "login"}).content.decode()
    assert "officer_a" in page and "beatbook ingest" not in page
    page = client.get("/audit/", {"user": "ingest"}).content.decode()
    assert "beatbook ingest" in page and "officer_a" not in page


def test_filter_by_dates(personas, events):
    day = (timezone.localdate() - timedelta(days=3)).isoformat()
    page = personas.client("supervisor").get("/audit/", {"date_from": day, "date_to": day}).content.decode()
    assert "1 event," in page and "officer_a" in page


def test_an_impossible_date_range_is_explained_not_a_500(personas, events):
    response = personas.client("supervisor").get("/audit/", {"date_from": "2025-02-01", "date_to": "2025-01-01"})
    assert response.status_code == 200 and "The end date is before the start date." in response.content.decode()
    response = personas.client("supervisor").get("/audit/", {"date_from": "not a date"})
    assert response.status_code == 200 and "Enter a valid date." in response.content.decode()


def test_the_log_is_paged(personas):
    for n in range(60):
        audit.record_command(f"beatbook run {n}", AuditAction.IMPORT)
    client = personas.client("supervisor")
    first = client.get("/audit/").content.decode()
    assert "Page 1 of 2" in first and "beatbook run 59" in first and "beatbook run 0<" not in first
    assert "beatbook run 0" in client.get("/audit/", {"page": 2}).content.decode()
    assert client.get("/audit/", {"page": "lots"}).status_code == 200


def test_the_csv_export_is_filtered_audited_and_safe_in_a_spreadsheet(personas, events):
    response = personas.client("admin").get("/audit/export.csv", {"action": "login_failed"})
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(b"".join(response.streaming_content).decode())))
    assert [r["action"] for r in rows] == ["login_failed"]
    assert rows[0]["username"].startswith("'=")  # not run as a formula
    export = AuditEvent.objects.get(action=AuditAction.EXPORT)
    assert export.username == "admin" and export.detail == {"filters": {"action": "login_failed"}}


def test_who_may_read_the_log(personas, events):
    assert personas.client("officer_a").get("/audit/").status_code == 403
    assert personas.client("intelligence").get("/audit/export.csv").status_code == 403
    assert personas.client("supervisor").get("/audit/").status_code == 200
    assert AuditEvent.objects.visible_to(personas["analyst"]).count() == 0
    assert AuditEvent.objects.visible_to(personas["admin"]).count() == AuditEvent.objects.count()


def test_the_header_shows_the_audit_log_only_to_its_readers(personas):
    assert 'href="/audit/"' in personas.client("supervisor").get("/").content.decode()
    assert 'href="/audit/"' not in personas.client("officer_a").get("/").content.decode()


def test_a_date_at_the_end_of_the_calendar_is_refused_with_a_message(personas):
    response = personas.client("supervisor").get("/audit/", {"date_to": "9999-12-31"})
    assert response.status_code == 200 and "Enter a date between" in response.content.decode()
    assert personas.client("supervisor").get("/audit/export.csv", {"date_to": "9999-12-31"}).status_code == 400
