"""Demo data for `make run`: an admin, doctors with hours and leave, patients, bookings.

Idempotent: running it again leaves existing demo data alone. Each app makes its own part
(``accounts/demo.py``, ``doctors/demo.py``, ``patients/demo.py``, ``appointments/demo.py``,
``waitlist/demo.py``); this command, above them all, puts them together.

With ``--doctors``, ``--patients`` or ``--appointments`` it generates data at scale
instead, for the benchmarks (``bench/scale_data.py``, beside them; see its docstring).
"""

import time as clock
from datetime import date

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone

from accounts.demo import ADMIN, DEMO_PASSWORD, FRONT_DESK, demo_admin, demo_front_desk
from appointments.demo import demo_appointments
from appointments.models import Appointment, ClinicSettings
from doctors.demo import DOCTORS, demo_doctor
from healthcare_system.db import long_running
from patients.demo import PATIENTS, demo_patient
from waitlist.demo import demo_waitlist
from waitlist.models import WaitlistEntry

# bench/scale_data.py's default seed (bench/ is not in the image, so it is imported only in scale mode).
SCALE_SEED = 20270301


class Command(BaseCommand):
    help = "Create demo users, doctors, working hours and appointments (idempotent)."

    def add_arguments(self, parser):
        parser.add_argument("--print-logins", action="store_true", help="Only print the demo logins.")
        scale = parser.add_argument_group("scale mode (any of these switches it on)")
        scale.add_argument("--doctors", type=int, help="Doctors to generate (default 500 in scale mode).")
        scale.add_argument("--patients", type=int, help="Patients to generate (default 50000 in scale mode).")
        scale.add_argument("--appointments", type=int, help="Appointments to generate (default 1000000 in scale mode).")
        scale.add_argument("--seed", type=int, default=SCALE_SEED, help=f"Random seed (default {SCALE_SEED}).")
        scale.add_argument(
            "--today",
            type=date.fromisoformat,
            help="The date the year of history ends on (YYYY-MM-DD; default today, clinic zone).",
        )
        scale.add_argument("--batch-size", type=int, default=5000, help="Rows per INSERT (default 5000).")

    def handle(self, *args, print_logins=False, **options):
        if print_logins:
            self._print_logins()
            return
        if any(options.get(name) is not None for name in ("doctors", "patients", "appointments")):
            self._scale(options)
            return
        with transaction.atomic():
            ClinicSettings.load()
            demo_admin()
            demo_front_desk()
            doctors = [demo_doctor(*row) for row in DOCTORS]
            patients = [demo_patient(*row) for row in PATIENTS]
            if not Appointment.objects.exists():
                demo_appointments(doctors, patients)
            if not WaitlistEntry.objects.exists():
                demo_waitlist(doctors, patients)
        self.stdout.write(self.style.SUCCESS("Demo data ready."))

    def _scale(self, options):
        from bench.scale_data import ScaleSeeder

        doctors = options["doctors"] if options["doctors"] is not None else 500
        patients = options["patients"] if options["patients"] is not None else 50_000
        appointments = options["appointments"] if options["appointments"] is not None else 1_000_000
        if doctors < 1 or patients < 1 or appointments < 0:
            raise CommandError("Need at least one doctor and one patient, and no negative counts.")
        started = clock.monotonic()
        self.stdout.write(f"Generating {doctors} doctors, {patients} patients, {appointments} appointments ...")
        # A million rows and an ANALYZE take longer than a request may: no time bounds here.
        with long_running(), transaction.atomic():
            ClinicSettings.load()
            demo_admin()
            counts = ScaleSeeder(
                doctors=doctors,
                patients=patients,
                appointments=appointments,
                seed=options["seed"],
                today=options["today"] or timezone.localdate(),
                batch_size=options["batch_size"],
                log=self.stdout.write,
            ).run()
        with long_running():
            ScaleSeeder.compact_stamps()
        summary = ", ".join(f"{count} {name}" for name, count in counts.items())
        self.stdout.write(self.style.SUCCESS(f"Scale data ready: {summary} in {clock.monotonic() - started:.1f} s."))

    def _print_logins(self):
        self.stdout.write(f"    admin    {ADMIN[0]} / {ADMIN[1]}")
        self.stdout.write(f"    doctor   {DOCTORS[0][0]} / {DEMO_PASSWORD}  (also dr.jones, dr.garcia, ...)")
        self.stdout.write(f"    patient  {PATIENTS[0][0]} / {DEMO_PASSWORD}  (also bob, carol)")
        self.stdout.write(f"    desk     {FRONT_DESK[0]} / {FRONT_DESK[1]}  (front desk: books and checks in)")
