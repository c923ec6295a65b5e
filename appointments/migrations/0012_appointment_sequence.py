from django.db import migrations, models

# Until now SEQUENCE was the whole seconds between created_at and updated_at; start the counter
# there, so no calendar sees a visit's SEQUENCE go down.
FROM_TIMESTAMPS = {
    "postgresql": "UPDATE appointments_appointment SET sequence = GREATEST(0, "
    "FLOOR(EXTRACT(EPOCH FROM updated_at)) - FLOOR(EXTRACT(EPOCH FROM created_at)))::integer",
    "sqlite": "UPDATE appointments_appointment SET sequence = MAX(0, "
    "CAST(strftime('%s', updated_at) AS INTEGER) - CAST(strftime('%s', created_at) AS INTEGER))",
}


def sequence_from_timestamps(apps, schema_editor):
    sql = FROM_TIMESTAMPS.get(schema_editor.connection.vendor)
    if sql:
        with schema_editor.connection.cursor() as cursor:
            cursor.execute(sql)  # no parameters: '%s' stays strftime's, not a placeholder


class Migration(migrations.Migration):
    dependencies = [
        ("appointments", "0011_patient_confirmed_at"),
    ]

    operations = [
        migrations.AddField(
            model_name="appointment",
            name="sequence",
            field=models.PositiveIntegerField(default=0, editable=False),
        ),
        migrations.RunPython(sequence_from_timestamps, migrations.RunPython.noop),
    ]
