"""Benchmark of the slot engine (appointments/slots.py) on a busy doctor.

Run: .venv/bin/python bench/bench_slots.py [--runs 200]

The data is generated with a fixed seed so that figures are comparable between runs: one
doctor in Europe/Berlin, Monday to Friday 08:00-12:00 and 13:00-17:00, 15-minute slots, a
few leave days and about 300 booked appointments over the next four weeks. Reports p50 and
p95 of free_slots over four weeks, first_free_slot, and check_start; the target for
free_slots is well under 5 ms.
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import time as clock
from collections.abc import Callable
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

# Run as a plain script from anywhere: put the project root on the path before importing it.
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from appointments.slots import (
    BookingRules,
    Busy,
    Leave,
    Schedule,
    WorkingInterval,
    check_start,
    day_slots,
    first_free_slot,
    free_slots,
)

SEED = 20270301
TZ = ZoneInfo("Europe/Berlin")
NOW = datetime(2027, 3, 1, 7, 0, tzinfo=UTC)
FIRST_DAY = date(2027, 3, 1)
DAYS = 28
BUSY_COUNT = 300


def busy_doctor(rng: random.Random) -> Schedule:
    """A doctor whose week is mostly booked, so the busy index does real work."""
    hours = tuple(
        WorkingInterval(weekday=weekday, start=time(start), end=time(end))
        for weekday in range(5)
        for start, end in ((8, 12), (13, 17))
    )
    leaves = (Leave(start_date=date(2027, 3, 17), end_date=date(2027, 3, 18)),)
    grid = Schedule(tz=TZ, slot_minutes=15, hours=hours)
    every_slot = [slot for offset in range(DAYS) for slot in day_slots(grid, FIRST_DAY + timedelta(days=offset))]
    # Appointments of one or two slots on random grid starts; unsorted, as a query may be.
    busy = []
    for slot in rng.sample(every_slot, BUSY_COUNT):
        length = timedelta(minutes=15 * rng.choice((1, 1, 2)))
        busy.append(Busy(start=slot.start.astimezone(UTC), end=slot.start.astimezone(UTC) + length))
    return Schedule(tz=TZ, slot_minutes=15, hours=hours, leaves=leaves, busy=tuple(busy))


def measure(run: Callable[[], object], runs: int) -> tuple[float, float]:
    """p50 and p95 in milliseconds, after a short warm-up."""
    for _ in range(10):
        run()
    timings = []
    for _ in range(runs):
        started = clock.perf_counter()
        run()
        timings.append((clock.perf_counter() - started) * 1000)
    cuts = statistics.quantiles(timings, n=100)
    return cuts[49], cuts[94]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=200)
    runs = parser.parse_args().runs

    schedule = busy_doctor(random.Random(SEED))
    rules = BookingRules(min_notice=timedelta(hours=24), booking_window=timedelta(days=60))
    last_day = FIRST_DAY + timedelta(days=DAYS - 1)
    slots = free_slots(schedule, rules=rules, now=NOW, start_date=FIRST_DAY, end_date=last_day)
    bookable = slots[len(slots) // 2].start

    cases = {
        "free_slots, 4 weeks": lambda: free_slots(
            schedule, rules=rules, now=NOW, start_date=FIRST_DAY, end_date=last_day
        ),
        "first_free_slot": lambda: first_free_slot(schedule, rules=rules, now=NOW),
        "check_start": lambda: check_start(schedule, rules=rules, now=NOW, start=bookable),
    }
    print(
        f"{len(schedule.hours)} working intervals, {len(schedule.busy)} busy, "
        f"{len(slots)} free slots in {DAYS} days, {runs} runs"
    )
    for name, run in cases.items():
        p50, p95 = measure(run, runs)
        print(f"{name:<22} p50 {p50:7.3f} ms   p95 {p95:7.3f} ms")


if __name__ == "__main__":
    main()
