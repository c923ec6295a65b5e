from healthcare_system.exceptions import DomainError


class AppointmentCancelled(DomainError):
    """Records document visits; a cancelled appointment had none."""


class NotTheAppointmentsDoctor(DomainError):
    """Only the doctor of an appointment writes records for it."""
