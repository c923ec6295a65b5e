"""On PostgreSQL the database itself refuses UPDATE and DELETE on the access log.

The model and queryset refuse them in Python; the trigger covers raw SQL and any
code path that bypasses the ORM. TRUNCATE (used to flush test databases) is not
a row-level operation and stays possible for the database owner.
"""

from django.db import migrations

CREATE = """
CREATE OR REPLACE FUNCTION records_accesslog_append_only() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION 'records_accesslog is append-only';
END;
$$ LANGUAGE plpgsql;
CREATE TRIGGER records_accesslog_append_only
    BEFORE UPDATE OR DELETE ON records_accesslog
    FOR EACH ROW EXECUTE FUNCTION records_accesslog_append_only();
"""

DROP = """
DROP TRIGGER IF EXISTS records_accesslog_append_only ON records_accesslog;
DROP FUNCTION IF EXISTS records_accesslog_append_only();
"""


def _run(sql):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            schema_editor.execute(sql)

    return run


class Migration(migrations.Migration):
    dependencies = [("records", "0001_initial")]

    operations = [migrations.RunPython(_run(CREATE), _run(DROP))]
