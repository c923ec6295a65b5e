"""Stored rows as the reports read them: doctors without hours unless a test gives some, and
completed visits in March 2027 (rows, not bookings: no rules applied)."""

from datetime import UTC, datetime, timedelta
from decimal import Decimal

import factory

from appointments.models import AppointmentStatus
from appointments.tests import factories as appointment_factories
from doctors.tests import factories as doctor_factories


class SpecialtyFactory(doctor_factories.SpecialtyFactory):
    name = factory.Sequence(lambda n: f"Specialty {n}")


class DoctorFactory(doctor_factories.DoctorFactory):
    specialty = factory.SubFactory(SpecialtyFactory)
    clinic_name = "Mitte Clinic"
    consultation_fee = Decimal("50.00")
    # Working hours come from WorkingHoursFactory, so utilisation figures are the test's own.
    hours = factory.PostGeneration(lambda doctor, create, extracted, **kwargs: None)


class WorkingHoursFactory(doctor_factories.WorkingHoursFactory):
    doctor = factory.SubFactory(DoctorFactory)


class LeaveDayFactory(doctor_factories.LeaveDayFactory):
    doctor = factory.SubFactory(DoctorFactory)
    reason = "Holiday"


class AppointmentFactory(appointment_factories.AppointmentFactory):
    doctor = factory.SubFactory(DoctorFactory)
    start = factory.Sequence(lambda n: datetime(2027, 3, 1, 9, tzinfo=UTC) + timedelta(hours=n))
    end = factory.LazyAttribute(lambda a: a.start + timedelta(minutes=30))
    status = AppointmentStatus.COMPLETED
