from django.db import migrations

from healthcare_system.db import postgres_sql

# The stamps of 0013 cover leave and busy time. The directory's whole answers (doctor search,
# slots: appointments.directory_cache) depend on more, so these raise them too: working
# hours and visit types (through 0013's function: both have doctor_id), the doctor's profile,
# the name or activity of the doctor's account, their specialty's name; and the clinic's
# booking rules raise stamp 0, which every answer's key includes. PostgreSQL only.
TRIGGERS = """
CREATE OR REPLACE FUNCTION appointments_bump_directory() RETURNS trigger AS $$
DECLARE
    ids bigint[];
BEGIN
    IF TG_TABLE_NAME = 'appointments_clinicsettings' THEN
        ids := ARRAY[0::bigint];
    ELSIF TG_TABLE_NAME = 'doctors_doctor' THEN
        ids := ARRAY[CASE WHEN TG_OP = 'DELETE' THEN OLD.id ELSE NEW.id END];
    ELSIF TG_TABLE_NAME = 'accounts_user' THEN
        ids := ARRAY(SELECT id FROM doctors_doctor WHERE user_id = NEW.id);
    ELSE  -- doctors_specialty
        ids := ARRAY(SELECT id FROM doctors_doctor WHERE specialty_id = NEW.id);
    END IF;
    INSERT INTO appointments_availabilitystamp (doctor_id, version)
    SELECT id, 1 FROM unnest(ids) AS id
    ON CONFLICT (doctor_id) DO UPDATE SET version = appointments_availabilitystamp.version + 1;
    RETURN NULL;
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER appointments_availability_hours
AFTER INSERT OR UPDATE OR DELETE ON doctors_workinghours
FOR EACH ROW EXECUTE FUNCTION appointments_bump_availability();

CREATE TRIGGER appointments_availability_visit_types
AFTER INSERT OR UPDATE OR DELETE ON doctors_visittype
FOR EACH ROW EXECUTE FUNCTION appointments_bump_availability();

CREATE TRIGGER appointments_availability_doctor
AFTER INSERT OR UPDATE OR DELETE ON doctors_doctor
FOR EACH ROW EXECUTE FUNCTION appointments_bump_directory();

CREATE TRIGGER appointments_availability_account
AFTER UPDATE ON accounts_user
FOR EACH ROW WHEN (
    OLD.first_name IS DISTINCT FROM NEW.first_name
    OR OLD.last_name IS DISTINCT FROM NEW.last_name
    OR OLD.email IS DISTINCT FROM NEW.email
    OR OLD.is_active IS DISTINCT FROM NEW.is_active
) EXECUTE FUNCTION appointments_bump_directory();

CREATE TRIGGER appointments_availability_specialty
AFTER UPDATE ON doctors_specialty
FOR EACH ROW EXECUTE FUNCTION appointments_bump_directory();

CREATE TRIGGER appointments_availability_clinic
AFTER INSERT OR UPDATE OR DELETE ON appointments_clinicsettings
FOR EACH STATEMENT EXECUTE FUNCTION appointments_bump_directory();
"""

DROP = """
DROP TRIGGER IF EXISTS appointments_availability_hours ON doctors_workinghours;
DROP TRIGGER IF EXISTS appointments_availability_visit_types ON doctors_visittype;
DROP TRIGGER IF EXISTS appointments_availability_doctor ON doctors_doctor;
DROP TRIGGER IF EXISTS appointments_availability_account ON accounts_user;
DROP TRIGGER IF EXISTS appointments_availability_specialty ON doctors_specialty;
DROP TRIGGER IF EXISTS appointments_availability_clinic ON appointments_clinicsettings;
DROP FUNCTION IF EXISTS appointments_bump_directory();
"""


class Migration(migrations.Migration):
    dependencies = [
        ("appointments", "0013_availability_stamp"),
        ("accounts", "0003_front_desk_role"),
        ("doctors", "0004_fees_fit_appointment_fee"),
    ]

    operations = [postgres_sql(TRIGGERS, DROP)]
