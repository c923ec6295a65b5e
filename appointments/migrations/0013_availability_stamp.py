from django.db import migrations, models

from healthcare_system.db import postgres_sql

# One function for appointments and leave (working hours are read fresh every time): raise
# the doctor's counter (OLD's too when a row moves to another doctor). PostgreSQL only;
# elsewhere the schedule cache stays off.
BUMP = """
CREATE OR REPLACE FUNCTION appointments_bump_availability() RETURNS trigger AS $$
BEGIN
    IF TG_OP <> 'INSERT' THEN
        INSERT INTO appointments_availabilitystamp (doctor_id, version) VALUES (OLD.doctor_id, 1)
        ON CONFLICT (doctor_id) DO UPDATE SET version = appointments_availabilitystamp.version + 1;
    END IF;
    IF TG_OP <> 'DELETE' AND (TG_OP = 'INSERT' OR NEW.doctor_id IS DISTINCT FROM OLD.doctor_id) THEN
        INSERT INTO appointments_availabilitystamp (doctor_id, version) VALUES (NEW.doctor_id, 1)
        ON CONFLICT (doctor_id) DO UPDATE SET version = appointments_availabilitystamp.version + 1;
    END IF;
    RETURN NULL;
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER appointments_availability_insert_delete
AFTER INSERT OR DELETE ON appointments_appointment
FOR EACH ROW EXECUTE FUNCTION appointments_bump_availability();

CREATE TRIGGER appointments_availability_update
AFTER UPDATE ON appointments_appointment
FOR EACH ROW WHEN (
    OLD.status IS DISTINCT FROM NEW.status
    OR OLD.start IS DISTINCT FROM NEW.start
    OR OLD.blocked_until IS DISTINCT FROM NEW.blocked_until
    OR OLD.doctor_id IS DISTINCT FROM NEW.doctor_id
    OR OLD.hold_expires_at IS DISTINCT FROM NEW.hold_expires_at
) EXECUTE FUNCTION appointments_bump_availability();

CREATE TRIGGER appointments_availability_leave
AFTER INSERT OR UPDATE OR DELETE ON doctors_leaveday
FOR EACH ROW EXECUTE FUNCTION appointments_bump_availability();
"""

DROP = """
DROP TRIGGER IF EXISTS appointments_availability_insert_delete ON appointments_appointment;
DROP TRIGGER IF EXISTS appointments_availability_update ON appointments_appointment;
DROP TRIGGER IF EXISTS appointments_availability_leave ON doctors_leaveday;
DROP FUNCTION IF EXISTS appointments_bump_availability();
"""


class Migration(migrations.Migration):
    dependencies = [
        ("appointments", "0012_appointment_sequence"),
        ("doctors", "0004_fees_fit_appointment_fee"),
    ]

    operations = [
        migrations.CreateModel(
            name="AvailabilityStamp",
            fields=[
                ("doctor_id", models.BigIntegerField(primary_key=True, serialize=False)),
                ("version", models.BigIntegerField(default=0)),
            ],
        ),
        postgres_sql(BUMP, DROP),
    ]
