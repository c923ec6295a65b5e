from django.db import migrations, models

from healthcare_system.db import postgres_sql

# A patient's own appointment list (appointments.list_cache) is cached under two stamps: the
# patient's (owner_id = their user id) and stamp 0. One function raises them, in the writer's
# transaction, for every column the list's rows show (appointments/api/rows.py COLUMNS):
# - any insert, update or delete of an appointment or hold row: its patient's (OLD's and
#   NEW's when it moves), since every column of the row shows;
# - the patient's account's names and username, and the account a patient row belongs to
#   (the list is the rows whose patient is the reader's): that patient's;
# - a doctor's timezone, account or specialty, a doctor's account's names and username, a
#   specialty's or visit type's name: stamp 0, which every list's key includes (rare writes,
#   and any patient's list may show that doctor).
# Inserts and deletes of doctors, specialties and visit types need nothing: no appointment
# points at a new one, and one that an appointment points at cannot be deleted (PROTECT).
# PostgreSQL only; elsewhere the list is not cached.
TRIGGERS = """
CREATE OR REPLACE FUNCTION appointments_bump_list() RETURNS trigger AS $$
DECLARE
    owners bigint[];
BEGIN
    IF TG_TABLE_NAME = 'appointments_appointment' THEN
        IF TG_OP = 'INSERT' THEN
            owners := ARRAY(SELECT user_id FROM patients_patient WHERE id = NEW.patient_id);
        ELSIF TG_OP = 'DELETE' THEN
            owners := ARRAY(SELECT user_id FROM patients_patient WHERE id = OLD.patient_id);
        ELSE
            owners := ARRAY(SELECT user_id FROM patients_patient WHERE id IN (OLD.patient_id, NEW.patient_id));
        END IF;
    ELSIF TG_TABLE_NAME = 'patients_patient' THEN
        owners := ARRAY[OLD.user_id, NEW.user_id];
    ELSIF TG_TABLE_NAME = 'accounts_user' THEN
        owners := ARRAY(
            SELECT user_id FROM patients_patient WHERE user_id = NEW.id
            UNION SELECT 0 FROM doctors_doctor WHERE user_id = NEW.id
        );
    ELSE  -- doctors_doctor, doctors_specialty, doctors_visittype
        owners := ARRAY[0::bigint];
    END IF;
    INSERT INTO appointments_liststamp (owner_id, version)
    SELECT DISTINCT owner, 1 FROM unnest(owners) AS owner
    ON CONFLICT (owner_id) DO UPDATE SET version = appointments_liststamp.version + 1;
    RETURN NULL;
END;
$$ LANGUAGE plpgsql;
"""

# Each trigger: its table and the columns whose change raises a stamp (None: any write).
FOLLOWED = {
    "appointments_list_appointment": ("appointments_appointment", None),
    "appointments_list_patient": ("patients_patient", ["user_id"]),
    "appointments_list_account": ("accounts_user", ["first_name", "last_name", "username"]),
    "appointments_list_doctor": ("doctors_doctor", ["timezone", "user_id", "specialty_id"]),
    "appointments_list_specialty": ("doctors_specialty", ["name"]),
    "appointments_list_visit_type": ("doctors_visittype", ["name"]),
}


def _trigger(name: str, table: str, columns: list[str] | None) -> str:
    if columns is None:
        event = "INSERT OR UPDATE OR DELETE"
        when = ""
    else:
        event = "UPDATE"
        when = "WHEN (" + " OR ".join(f"OLD.{c} IS DISTINCT FROM NEW.{c}" for c in columns) + ") "
    return (
        f"CREATE TRIGGER {name} AFTER {event} ON {table} FOR EACH ROW {when}EXECUTE FUNCTION appointments_bump_list();"
    )


TRIGGERS += "\n".join(_trigger(name, *followed) for name, followed in FOLLOWED.items())
DROP = "\n".join(f"DROP TRIGGER IF EXISTS {name} ON {table};" for name, (table, _) in FOLLOWED.items())
DROP += "\nDROP FUNCTION IF EXISTS appointments_bump_list();"


class Migration(migrations.Migration):
    dependencies = [
        ("appointments", "0014_directory_stamps"),
        ("accounts", "0003_front_desk_role"),
        ("doctors", "0004_fees_fit_appointment_fee"),
        ("patients", "0002_patient_language"),
    ]

    operations = [
        migrations.CreateModel(
            name="ListStamp",
            fields=[
                ("owner_id", models.BigIntegerField(primary_key=True, serialize=False)),
                ("version", models.BigIntegerField(default=0)),
            ],
        ),
        postgres_sql(TRIGGERS, DROP),
    ]
