"""Appointments whose doctor can be written to: a practice address and a phone for SMS."""

import factory

from appointments.tests import factories as appointment_factories
from doctors.tests import factories as doctor_factories


class DoctorFactory(doctor_factories.DoctorFactory):
    specialty = factory.SubFactory(doctor_factories.SpecialtyFactory, name="Cardiology")
    address = "Invalidenstraße 1"
    phone = factory.Sequence(lambda n: f"+4930123{n:05d}")


class AppointmentFactory(appointment_factories.AppointmentFactory):
    doctor = factory.SubFactory(DoctorFactory)
