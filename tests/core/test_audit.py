"""The audit log: what an event records, and that nothing can change or delete one."""

from __future__ import annotations

import pytest
from django.db import DatabaseError, connection, transaction
from django.http import HttpResponse
from django.test import RequestFactory

from beatbook.core import audit
from beatbook.core.models import AuditAction, AuditEvent
from beatbook.crime.ingest import ingest_paths
from beatbook.crime.ingest_audit import audit_ingest_run
from tests.conftest import shipped_street_file

pytestmark = pytest.mark.django_db


def test_an_event_records_who_what_which_object_and_from_where(personas):
    request = RequestFactory().get("/somewhere/?q=1", REMOTE_ADDR="10.0.0.5", HTTP_USER_AGENT="TestBrowser/1.0")
    request.user = personas["supervisor"]
    event = audit.record(request, AuditAction.VIEW, personas.organisation_x, changes={"name": ["a", "b"]}, why="test")
    event.refresh_from_db()
    assert (event.user, event.username, event.action) == (personas["supervisor"], "supervisor", "view")
    assert (event.object_type, event.object_id, event.object_repr) == (
        "accounts.partnerorganisation",
        str(personas.organisation_x.pk),
        "Organisation X",
    )
    assert (event.ip, event.user_agent, event.path) == ("10.0.0.5", "TestBrowser/1.0", "/somewhere/?q=1")
    assert event.changes == {"name": ["a", "b"]} and event.detail == {"why": "test"}


def test_the_client_address_behind_a_trusted_proxy(settings):
    settings.BEATBOOK_TRUSTED_PROXY_HOPS = 1
    request = RequestFactory().get("/", REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR="1.2.3.4, 192.0.2.7")
    assert audit.client_ip(request) == "192.0.2.7"  # the address the proxy saw, not one the client wrote
    settings.BEATBOOK_TRUSTED_PROXY_HOPS = 0
    assert audit.client_ip(request) == "10.0.0.1"


def test_a_command_event_names_the_command_and_the_system_user():
    event = audit.record_command("beatbook test", AuditAction.IMPORT, files=["a.csv"])
    assert event.command == "beatbook test" and event.user is None and event.detail == {"files": ["a.csv"]}


def test_the_model_refuses_to_change_or_delete_an_event():
    event = audit.record_command("beatbook test", AuditAction.IMPORT)
    event.action = AuditAction.DELETE
    with pytest.raises(PermissionError):
        event.save()
    with pytest.raises(PermissionError):
        event.delete()
    with pytest.raises(PermissionError):
        AuditEvent.objects.filter(pk=event.pk).update(action="delete")
    with pytest.raises(PermissionError):
        AuditEvent.objects.all().delete()
    assert AuditEvent.objects.get(pk=event.pk).action == AuditAction.IMPORT


@pytest.mark.skipif(connection.vendor != "postgresql", reason="the trigger is PostgreSQL's; SQLite relies on the model")
@pytest.mark.parametrize("sql", ["UPDATE core_auditevent SET action = 'delete'", "DELETE FROM core_auditevent"])
def test_postgresql_refuses_update_and_delete_on_the_table_itself(sql):
    event = audit.record_command("beatbook test", AuditAction.IMPORT)
    with pytest.raises(DatabaseError, match="append-only"), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(sql)
    assert AuditEvent.objects.get(pk=event.pk).action == AuditAction.IMPORT


def test_audited_views_write_one_event_per_successful_request(personas):
    @audit.audited(AuditAction.VIEW, "safeguarding.case")
    def view(request, pk):
        return HttpResponse("ok" if pk != "404" else "missing", status=200 if pk != "404" else 404)

    request = RequestFactory().get("/cases/7/")
    request.user = personas["safeguarding"]
    view(request, pk="7")
    view(request, pk="404")
    events = AuditEvent.objects.filter(object_type="safeguarding.case")
    assert [(e.object_id, e.username) for e in events] == [("7", "safeguarding")]


def test_one_ingest_run_writes_one_event_naming_its_files_and_counts(city):
    report = ingest_paths([shipped_street_file("2025-01"), shipped_street_file("2025-02")])
    event = audit_ingest_run(report, "beatbook ingest")
    assert AuditEvent.objects.filter(action=AuditAction.IMPORT).count() == 1
    assert [f["name"] for f in event.detail["files"]] == [f.name for f in report.files]
    assert event.detail["file_counts"]["stored"] == 2
    assert event.detail["rows_stored"] == report.count("rows_stored") > 0


def test_an_address_that_is_not_one_is_not_stored(settings):
    request = RequestFactory().get("/", REMOTE_ADDR="10.0.0.1:5000")
    assert audit.client_ip(request) is None
    settings.BEATBOOK_TRUSTED_PROXY_HOPS = 1
    request = RequestFactory().get("/", REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR="not-an-address")
    assert audit.client_ip(request) == "10.0.0.1"


def test_changes_made_in_the_admin_are_audited(personas):
    client = personas.client("admin")
    officer = personas["officer_b"]
    response = client.post(
        f"/admin/auth/user/{officer.pk}/change/",
        {
            "username": officer.username,
            "first_name": "Renamed",
            "last_name": "",
            "email": officer.email,
            "is_active": "on",
            "date_joined_0": "2025-01-01",
            "date_joined_1": "00:00:00",
            "groups": [g.pk for g in officer.groups.all()],
            "profile-TOTAL_FORMS": "1",
            "profile-INITIAL_FORMS": "1",
            "profile-MIN_NUM_FORMS": "0",
            "profile-MAX_NUM_FORMS": "1",
            "profile-0-id": officer.profile.pk,
            "profile-0-user": officer.pk,
            "profile-0-cluster": personas.cluster_b.pk,
            "profile-0-organisation": "",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    event = AuditEvent.objects.get(action=AuditAction.CHANGE, object_type="auth.user", object_id=str(officer.pk))
    assert (
        event.username == "admin" and event.detail["via"] == "admin" and "first name" in event.detail["message"].lower()
    )


def test_a_refused_page_is_audited(personas):
    personas.client("officer_a").get("/audit/")
    assert AuditEvent.objects.filter(action=AuditAction.REFUSED, username="officer_a", path="/audit/").exists()


def test_reading_the_audit_log_is_itself_audited(personas):
    client = personas.client("supervisor")
    client.get("/audit/")
    client.get("/audit/", {"action": "login"})
    actions = list(
        AuditEvent.objects.filter(username="supervisor", object_type="core.auditevent").values_list("action", "detail")
    )
    assert (AuditAction.VIEW, {}) in actions and (AuditAction.SEARCH, {"filters": {"action": "login"}}) in actions
