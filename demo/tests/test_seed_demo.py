"""seed_demo: the small idempotent demo, and the scale mode on small numbers."""

from collections import defaultdict
from datetime import date, timedelta
from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.core.management.base import CommandError

from appointments.models import ACTIVE_STATUSES, Appointment, AppointmentStatus
from appointments.slots import Leave, Schedule, WorkingInterval, day_slots
from doctors.models import Doctor, LeaveDay, WorkingHours
from patients.models import Patient
from waitlist.models import WaitlistEntry

pytestmark = pytest.mark.django_db

User = get_user_model()
TODAY = date(2027, 3, 1)
SMALL = {"doctors": 3, "patients": 20, "appointments": 200, "today": TODAY}


def seed(**options):
    out = StringIO()
    call_command("seed_demo", stdout=out, **options)
    return out.getvalue()


def fingerprint():
    """The generated data without database ids, which differ between runs."""
    return {
        "doctors": sorted(
            Doctor.objects.values_list(
                "user__username", "specialty__name", "city", "consultation_fee", "slot_minutes", "timezone", "is_active"
            )
        ),
        "hours": sorted(
            WorkingHours.objects.values_list("doctor__user__username", "weekday", "start_time", "end_time")
        ),
        "leave": sorted(LeaveDay.objects.values_list("doctor__user__username", "start_date", "end_date")),
        "appointments": sorted(
            Appointment.objects.values_list("doctor__user__username", "patient__user__username", "start", "status")
        ),
    }


def wipe_scale_data():
    Appointment.objects.all().delete()
    Patient.objects.filter(user__username__startswith="scale.").delete()
    Doctor.objects.filter(user__username__startswith="scale.").delete()
    User.objects.filter(username__startswith="scale.").delete()


def assert_patients_never_double_booked():
    active = Appointment.objects.filter(status__in=ACTIVE_STATUSES).order_by("patient_id", "start")
    last_end = {}
    for appointment in active:
        assert appointment.start >= last_end.get(appointment.patient_id, appointment.start), appointment
        last_end[appointment.patient_id] = appointment.end


class TestDemo:
    def test_demo_patients_are_in_one_place_at_a_time(self):
        seed()
        assert_patients_never_double_booked()

    def test_is_idempotent_and_keeps_the_demo_logins(self):
        seed()
        counts = (User.objects.count(), Doctor.objects.count(), Appointment.objects.count())
        seed()
        assert (User.objects.count(), Doctor.objects.count(), Appointment.objects.count()) == counts
        assert counts == (11, 6, 48)
        logins = [("admin", "Admin12345!"), ("dr.smith", "Demo12345!"), ("alice", "Demo12345!")]
        logins.append(("frontdesk", "Desk12345!"))
        for username, password in logins:
            assert User.objects.get(username=username).check_password(password)

    def test_one_patient_waits_for_a_kind_of_visit(self):
        seed()
        seed()  # idempotent: still one entry
        entry = WaitlistEntry.objects.select_related("visit_type").get()
        who = (entry.patient.user.username, entry.doctor.user.username, entry.status)
        assert who == ("carol", "dr.garcia", "waiting")
        assert entry.visit_type.doctor_id == entry.doctor_id and entry.visit_type.active

    def test_print_logins_only_prints(self):
        out = seed(print_logins=True)
        assert "admin / Admin12345!" in out and "dr.smith / Demo12345!" in out and "alice / Demo12345!" in out
        assert "frontdesk / Desk12345!" in out
        assert not User.objects.exists()


class TestScale:
    def test_counts(self):
        out = seed(**SMALL)
        assert "Scale data ready: 3 doctors, 20 patients, 200 appointments" in out
        assert Doctor.objects.filter(user__username__startswith="scale.dr").count() == 3
        assert Patient.objects.filter(user__username__startswith="scale.pt").count() == 20
        assert Appointment.objects.count() == 200
        assert User.objects.filter(username="admin", is_superuser=True).exists()
        assert WorkingHours.objects.count() > 0 and LeaveDay.objects.count() >= 6

    def test_one_password_hash_that_works(self):
        seed(**SMALL)
        hashes = set(User.objects.filter(username__startswith="scale.").values_list("password", flat=True))
        assert len(hashes) == 1
        assert User.objects.get(username="scale.pt000007").check_password("Demo12345!")

    def test_a_year_back_and_two_months_ahead_with_a_realistic_mix(self):
        seed(**SMALL)
        starts = Appointment.objects.values_list("start", flat=True)
        assert min(starts).date() >= TODAY - timedelta(days=366)
        assert max(starts).date() <= TODAY + timedelta(days=61)
        noon = Appointment.objects.order_by("start")  # history ends at noon of --today
        past = {a.status for a in noon if a.start.date() < TODAY}
        future = {a.status for a in noon if a.start.date() > TODAY}
        assert past <= {AppointmentStatus.COMPLETED, AppointmentStatus.CANCELLED, AppointmentStatus.NO_SHOW}
        assert AppointmentStatus.COMPLETED in past
        assert future <= {AppointmentStatus.PENDING, AppointmentStatus.CONFIRMED, AppointmentStatus.CANCELLED}
        assert future & {AppointmentStatus.PENDING, AppointmentStatus.CONFIRMED}
        cancelled = Appointment.objects.filter(status=AppointmentStatus.CANCELLED)
        assert all(a.cancelled_at and a.cancellation_reason for a in cancelled)

    def test_on_the_slot_grid_inside_hours_off_leave_and_never_overlapping(self):
        seed(**SMALL)
        for doctor in Doctor.objects.filter(user__username__startswith="scale."):
            schedule = Schedule(
                tz=doctor.tzinfo,
                slot_minutes=doctor.slot_minutes,
                hours=tuple(
                    WorkingInterval(weekday=h.weekday, start=h.start_time, end=h.end_time)
                    for h in doctor.working_hours.all()
                ),
                leaves=tuple(Leave(start_date=d.start_date, end_date=d.end_date) for d in doctor.leave_days.all()),
            )
            grid = defaultdict(set)
            previous_end = None
            for appointment in doctor.appointments.order_by("start"):
                day = appointment.start.astimezone(doctor.tzinfo).date()
                if day not in grid:
                    grid[day] = {(s.start, s.end) for s in day_slots(schedule, day)}
                assert (appointment.start, appointment.end) in grid[day]
                assert not schedule.on_leave(day)
                # No overlap at all, so certainly none between active ones.
                assert previous_end is None or appointment.start >= previous_end
                previous_end = appointment.end

    def test_active_appointments_never_overlap(self):
        seed(**SMALL)
        active = Appointment.objects.filter(status__in=ACTIVE_STATUSES).order_by("doctor_id", "start")
        last = {}
        for appointment in active:
            assert appointment.start >= last.get(appointment.doctor_id, appointment.start)
            last[appointment.doctor_id] = appointment.end

    def test_no_patient_holds_two_overlapping_active_visits(self):
        seed(**SMALL)
        assert_patients_never_double_booked()

    def test_deterministic(self):
        seed(**SMALL)
        first = fingerprint()
        wipe_scale_data()
        seed(**SMALL)
        assert fingerprint() == first
        wipe_scale_data()
        seed(**SMALL, seed=7)
        assert fingerprint()["appointments"] != first["appointments"]

    def test_refuses_to_run_twice_and_impossible_counts(self):
        seed(**SMALL)
        with pytest.raises(CommandError, match="already there"):
            seed(**SMALL)
        wipe_scale_data()
        with pytest.raises(CommandError, match="free slots"):
            seed(doctors=1, patients=1, appointments=100_000, today=TODAY)
