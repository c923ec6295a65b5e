"""The cast of the access-control tests: two patients, a doctor treating A, one who doesn't, an admin.

    patient_a ── appointment_a_x (completed) ── doctor_x ── record_a (by X)
    patient_b ── appointment_b_y (completed) ── doctor_y ── record_b (by Y)
    patient_a ── cancelled_a_x (cancelled)   ── doctor_x
    patient_a ── upcoming_a_x  (pending, in ten days) ── doctor_x
    patient_a ── today_a_x     (pending, today)       ── doctor_x

    front_desk: books, moves, cancels and checks in for anyone; reads no clinical data
    patient_a ── waitlist_a_x  (waiting, in a week)   ── doctor_x
    patient_a ── series_a_x    (a weekly series, no visits left) ── doctor_x

    doctor_y ── hours_y (Sundays 13-15), leave_y (in three weeks)

Doctor X treats A, not B; doctor Y treats B, not A.
"""

from dataclasses import dataclass
from datetime import time, timedelta

from django.utils import timezone

from accounts.tests.factories import AdminUserFactory, FrontDeskUserFactory
from appointments.models import AppointmentSeries, AppointmentStatus
from doctors.tests.factories import LeaveDayFactory, VisitTypeFactory, WorkingHoursFactory
from healthcare_system.dates import clinic_day_start
from patients.tests.factories import PatientFactory
from records.models import AccessLog
from records.services import access_log_write
from waitlist.models import WaitlistEntry

from .factories import AppointmentFactory, DoctorFactory, MedicalRecordFactory

ROLES = ("anonymous", "patient_a", "patient_b", "doctor_x", "doctor_y", "admin", "front_desk")


@dataclass
class Scene:
    patient_a: object
    patient_b: object
    doctor_x: object
    doctor_y: object
    admin: object
    front_desk: object
    appointment_a_x: object
    appointment_b_y: object
    cancelled_a_x: object
    upcoming_a_x: object
    today_a_x: object
    record_a: object
    record_b: object
    log_entry: AccessLog
    hours_y: object
    leave_y: object
    visit_type_y: object
    waitlist_a_x: object
    series_a_x: object

    def user(self, role: str):
        """The account acting as ``role`` (None for anonymous)."""
        return {
            "anonymous": None,
            "patient_a": self.patient_a.user,
            "patient_b": self.patient_b.user,
            "doctor_x": self.doctor_x.user,
            "doctor_y": self.doctor_y.user,
            "admin": self.admin,
            "front_desk": self.front_desk,
        }[role]

    def ids(self) -> dict:
        """Ids to fill path templates like ``/api/patients/{patient_a}/``."""
        return {
            "patient_a": self.patient_a.pk,
            "patient_b": self.patient_b.pk,
            "doctor_x": self.doctor_x.pk,
            "doctor_y": self.doctor_y.pk,
            "appointment_a_x": self.appointment_a_x.pk,
            "appointment_b_y": self.appointment_b_y.pk,
            "cancelled_a_x": self.cancelled_a_x.pk,
            "upcoming_a_x": self.upcoming_a_x.pk,
            "today_a_x": self.today_a_x.pk,
            "doctor_x_free_time": (self.upcoming_a_x.start + timedelta(days=1)).isoformat(),
            "record_a": self.record_a.pk,
            "record_b": self.record_b.pk,
            "log_entry": self.log_entry.pk,
            "user_a": self.patient_a.user_id,
            "hours_y": self.hours_y.pk,
            "leave_y": self.leave_y.pk,
            "visit_type_y": self.visit_type_y.pk,
            "slots_start": self.upcoming_a_x.start.date().isoformat(),
            "slots_end": (self.upcoming_a_x.start + timedelta(days=6)).date().isoformat(),
            "waitlist_a_x": self.waitlist_a_x.pk,
            "series_a_x": self.series_a_x.pk,
            "in_a_week": (timezone.localdate() + timedelta(days=7)).isoformat(),
        }


def build_scene() -> Scene:
    patient_a, patient_b = PatientFactory(), PatientFactory()
    doctor_x, doctor_y = DoctorFactory(), DoctorFactory()
    admin = AdminUserFactory()
    appointment_a_x = AppointmentFactory(patient=patient_a, doctor=doctor_x)
    appointment_b_y = AppointmentFactory(patient=patient_b, doctor=doctor_y)
    cancelled_a_x = AppointmentFactory(patient=patient_a, doctor=doctor_x, status=AppointmentStatus.CANCELLED)
    # Far outside the cancellation cutoff, so a patient may still cancel it.
    in_ten_days = (timezone.now() + timedelta(days=10)).replace(hour=9, minute=0, second=0, microsecond=0)
    upcoming_a_x = AppointmentFactory(
        patient=patient_a, doctor=doctor_x, status=AppointmentStatus.PENDING, start=in_ten_days
    )
    return Scene(
        patient_a=patient_a,
        patient_b=patient_b,
        doctor_x=doctor_x,
        doctor_y=doctor_y,
        admin=admin,
        front_desk=FrontDeskUserFactory(),
        appointment_a_x=appointment_a_x,
        appointment_b_y=appointment_b_y,
        cancelled_a_x=cancelled_a_x,
        upcoming_a_x=upcoming_a_x,
        # A minute after the clinic's midnight: today whenever the test runs (check-in).
        today_a_x=AppointmentFactory(
            patient=patient_a,
            doctor=doctor_x,
            status=AppointmentStatus.PENDING,
            start=clinic_day_start(timezone.localdate()) + timedelta(minutes=1),
        ),
        record_a=MedicalRecordFactory(appointment=appointment_a_x),
        record_b=MedicalRecordFactory(appointment=appointment_b_y),
        log_entry=access_log_write(user=admin, action="read", model_name="records.MedicalRecord", object_id="0"),
        hours_y=WorkingHoursFactory(doctor=doctor_y, weekday=6, start_time=time(13), end_time=time(15)),
        leave_y=LeaveDayFactory(doctor=doctor_y, start_date=timezone.localdate() + timedelta(days=21)),
        visit_type_y=VisitTypeFactory(doctor=doctor_y),
        series_a_x=AppointmentSeries.objects.create(patient=patient_a, doctor=doctor_x, interval_days=7),
        waitlist_a_x=WaitlistEntry.objects.create(
            patient=patient_a, doctor=doctor_x, date_from=in_ten_days.date(), date_to=in_ten_days.date()
        ),
    )
