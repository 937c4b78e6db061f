"""The database itself refuses to rewrite the audit trail, whatever code or SQL tries.

PostgreSQL refuses UPDATE and DELETE of an event row. SQLite refuses UPDATE only: Django's test
runner empties SQLite tables with DELETE between tests (PostgreSQL's TRUNCATE fires no row
trigger), and deleting a case's events is already refused by the model, its queryset and the
PROTECT foreign key from the case.
"""

from django.db import migrations

TABLE = "complaints_complaintevent"
MESSAGE = "complaint events are append-only"


def create_triggers(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "postgresql":
        schema_editor.execute(
            "CREATE FUNCTION complaints_event_append_only() RETURNS trigger LANGUAGE plpgsql AS "
            f"$$ BEGIN RAISE EXCEPTION '{MESSAGE}' USING ERRCODE = 'restrict_violation'; END $$"
        )
        schema_editor.execute(
            f"CREATE TRIGGER complaints_event_append_only BEFORE UPDATE OR DELETE ON {TABLE} "
            "FOR EACH ROW EXECUTE FUNCTION complaints_event_append_only()"
        )
    elif vendor == "sqlite":
        schema_editor.execute(
            f"CREATE TRIGGER complaints_event_append_only BEFORE UPDATE ON {TABLE} "
            f"BEGIN SELECT RAISE(ABORT, '{MESSAGE}'); END"
        )


def drop_triggers(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "postgresql":
        schema_editor.execute(f"DROP TRIGGER IF EXISTS complaints_event_append_only ON {TABLE}")
        schema_editor.execute("DROP FUNCTION IF EXISTS complaints_event_append_only()")
    elif vendor == "sqlite":
        schema_editor.execute("DROP TRIGGER IF EXISTS complaints_event_append_only")


class Migration(migrations.Migration):
    dependencies = [("complaints", "0001_complaint_register")]

    operations = [migrations.RunPython(create_triggers, drop_triggers, elidable=False)]
