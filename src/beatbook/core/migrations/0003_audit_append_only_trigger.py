"""On PostgreSQL the database itself refuses UPDATE and DELETE on the audit table.

The model refuses them too (on every database); the trigger also stops raw SQL and any
other program sharing the database. TRUNCATE is left to the table's owner (test databases
are emptied with it). SQLite has no such trigger: there the model's refusal is the guard.
"""

from django.db import migrations

CREATE = """
CREATE FUNCTION beatbook_audit_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'core_auditevent is append-only: % refused', TG_OP USING ERRCODE = 'insufficient_privilege';
END;
$$;
CREATE TRIGGER core_auditevent_append_only
    BEFORE UPDATE OR DELETE ON core_auditevent
    FOR EACH ROW EXECUTE FUNCTION beatbook_audit_append_only();
"""

DROP = """
DROP TRIGGER IF EXISTS core_auditevent_append_only ON core_auditevent;
DROP FUNCTION IF EXISTS beatbook_audit_append_only();
"""


def create_trigger(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(CREATE, params=None)  # no parameters: PL/pgSQL uses % itself


def drop_trigger(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(DROP, params=None)


class Migration(migrations.Migration):
    dependencies = [("core", "0002_audit_event_who_where_and_changes")]

    operations = [migrations.RunPython(create_trigger, drop_trigger)]
