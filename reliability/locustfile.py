"""The load profile: patients search doctors, read free slots and book (a few popular doctors,
so bookings race for the same slots). Any 5xx is a failure; 400/409 are answers, not errors.

Tokens come from RELIABILITY_TOKENS (a JSON list written by reliability/load.py), so the run
measures the API, not password hashing.
"""

import json
import os
import random
from collections import Counter
from datetime import date, timedelta
from pathlib import Path

from locust import HttpUser, between, events, task

TOKENS = json.loads(Path(os.environ["RELIABILITY_TOKENS"]).read_text())
DOCTORS = json.loads(os.environ["RELIABILITY_DOCTORS"])
SEARCHES = ["", "Cardio", "Derm", "Berlin", "Smith", "a", "Practice"]
statuses: Counter = Counter()


@events.request.add_listener
def _count(response=None, exception=None, **kwargs):
    statuses[str(response.status_code) if response is not None else "error"] += 1


@events.quitting.add_listener
def _write(environment, **kwargs):
    with open(os.environ["RELIABILITY_STATUSES"], "w") as out:
        json.dump(dict(statuses), out)


class Patient(HttpUser):
    wait_time = between(0.5, 2)

    def on_start(self):
        self.client.headers["Authorization"] = f"Bearer {TOKENS.pop()}"
        self.booked = None

    def _check(self, response):
        if response.status_code >= 500:
            response.failure(f"{response.status_code}")
        else:
            response.success()

    def _slots(self, doctor):
        start = date.today() + timedelta(days=random.randint(1, 14))
        end = start + timedelta(days=6)
        with self.client.get(
            f"/api/doctors/{doctor}/slots/?start={start}&end={end}",
            name="/api/doctors/[id]/slots/",
            catch_response=True,
        ) as response:
            self._check(response)
            return response.json() if response.status_code == 200 else []

    @task(5)
    def search(self):
        query = random.choice(SEARCHES)
        with self.client.get(
            f"/api/doctors/?search={query}&page_size=10", name="/api/doctors/?search", catch_response=True
        ) as response:
            self._check(response)

    @task(3)
    def slots(self):
        self._slots(random.choice(DOCTORS))

    @task(2)
    def book(self):
        if self.booked:
            # One active appointment per patient: cancel the last one to book again.
            with self.client.post(
                f"/api/appointments/{self.booked}/cancel/",
                json={},
                name="/api/appointments/[id]/cancel/",
                catch_response=True,
            ) as response:
                self._check(response)
            self.booked = None
        doctor = random.choice(DOCTORS[:5])  # popular doctors: bookings race for the same slots
        slots = self._slots(doctor)
        if not slots:
            return
        when = slots[min(len(slots) - 1, random.randint(0, 3))]["start"]
        with self.client.post(
            "/api/book-appointment/", json={"doctor": doctor, "appointment_time": when}, catch_response=True
        ) as response:
            self._check(response)
            if response.status_code == 201:
                self.booked = response.json()["id"]
