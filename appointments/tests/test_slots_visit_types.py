"""The slot engine with visit types: visits of their own length, followed by a buffer.

Pure like ``test_slots``: no database. The properties book one offered start after another
with random visit types, as patients would, and check that the blocked intervals never meet.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta
from itertools import combinations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from appointments.slots import Busy, RejectReason, Schedule, SlotRejected, check_start, free_slots

from .test_slots import (
    BERLIN_AUTUMN,
    BERLIN_SPRING,
    LONG_AGO,
    MONDAY,
    OPEN_RULES,
    PROPERTIES,
    at,
    busy,
    cases,
    clock,
    doctor,
    free_on,
    isoformat,
    rejection,
    utc,
    working,
)


def visit(schedule: Schedule, minutes: int, buffer: int = 0) -> Schedule:
    return replace(schedule, visit_minutes=minutes, buffer_minutes=buffer)


# --- Examples ------------------------------------------------------------------------------


def test_a_long_visit_starts_on_the_grid_and_fits_the_hours():
    schedule = visit(doctor(slot_minutes=15, hours=working(range(5), "09:00-10:30")), 45)

    slots = free_on(schedule, MONDAY)

    assert clock(slots) == ["09:00", "09:15", "09:30", "09:45"]
    assert all(utc(s.end) - utc(s.start) == timedelta(minutes=45) for s in slots)


def test_a_short_visit_still_steps_by_the_grid():
    schedule = visit(doctor(slot_minutes=30, hours=working(range(5), "09:00-10:00")), 10)

    assert clock(free_on(schedule, MONDAY)) == ["09:00", "09:30"]


def test_the_buffer_must_be_free_but_may_run_past_closing_time():
    hours = working(range(5), "09:00-11:00")
    schedule = visit(doctor(slot_minutes=15, hours=hours, busy=(busy(MONDAY, "10:00-10:30"),)), 30, 15)

    # 09:15 + 30 min visit + 15 min buffer = 10:00, touching the busy time: fine.
    # 10:30 is free again; 10:30 + 30 = 11:00 closes, its buffer runs past closing: fine.
    assert clock(free_on(schedule, MONDAY)) == ["09:00", "09:15", "10:30"]


def test_another_visits_buffer_is_busy_time():
    # A visit 09:00-09:30 with a 10-minute buffer blocks until 09:40.
    schedule = doctor(slot_minutes=10, hours=working(range(5), "09:00-10:00"), busy=(busy(MONDAY, "09:00-09:40"),))

    assert clock(free_on(schedule, MONDAY)) == ["09:40", "09:50"]
    assert rejection(schedule, at(MONDAY, "09:30")).reason == RejectReason.BUSY


def test_check_start_names_the_visit_length_when_it_does_not_fit():
    schedule = visit(doctor(slot_minutes=15, hours=working(range(5), "09:00-10:00")), 45)

    refused = rejection(schedule, at(MONDAY, "09:30"))

    assert refused.reason == RejectReason.OUTSIDE_HOURS
    assert "45-minute appointment" in refused.message


def test_check_start_returns_the_whole_visit():
    schedule = visit(doctor(slot_minutes=15), 40, 5)

    slot = check_start(schedule, rules=OPEN_RULES, now=LONG_AGO, start=at(MONDAY, "09:15"))

    assert slot.start.isoformat() == "2027-03-01T09:15:00+01:00"
    assert slot.end.isoformat() == "2027-03-01T09:55:00+01:00"


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        # 02:00-03:00 does not exist: 01:30 + 60 real minutes ends at 03:30; 02:00 and 02:30
        # are no starts.
        (
            BERLIN_SPRING,
            ["2027-03-28T01:00:00+01:00", "2027-03-28T01:30:00+01:00", "2027-03-28T03:00:00+02:00"],
        ),
        # The repeated hour: starts step by 30 minutes at their first reading; each visit lasts
        # 60 real minutes and must end by 04:00 CET.
        (
            BERLIN_AUTUMN,
            [
                "2027-10-31T01:00:00+02:00",
                "2027-10-31T01:30:00+02:00",
                "2027-10-31T02:00:00+02:00",
                "2027-10-31T02:30:00+02:00",
                "2027-10-31T03:00:00+01:00",
            ],
        ),
    ],
)
def test_long_visits_across_clock_changes(day, expected):
    schedule = visit(doctor(slot_minutes=30, hours=working(range(7), "01:00-04:00")), 60)

    assert isoformat(free_on(schedule, day)) == expected


# --- Properties: patients booking one offered start after another --------------------------

visit_types = st.tuples(st.sampled_from([5, 10, 15, 20, 30, 45, 60, 90, 120]), st.sampled_from([0, 0, 5, 10, 15, 30]))


def blocked(start: datetime, minutes: int, buffer: int) -> Busy:
    # Arithmetic on instants: adding to a zoned datetime would count wall-clock time (DST folds).
    start = start.astimezone(UTC)
    return Busy(start=start, end=start + timedelta(minutes=minutes + buffer))


def meets(a: Busy, b: Busy) -> bool:
    return utc(a.start) < utc(b.end) and utc(b.start) < utc(a.end)


@PROPERTIES
@given(cases(), visit_types)
def test_offered_starts_keep_the_visit_and_its_buffer_off_busy_time(case, kind):
    minutes, buffer = kind
    schedule = visit(case.schedule, minutes, buffer)

    offered = free_slots(schedule, rules=case.rules, now=case.now, start_date=case.start_date, end_date=case.end_date)
    for slot in offered:
        assert utc(slot.end) - utc(slot.start) == timedelta(minutes=minutes)
        wanted = blocked(slot.start, minutes, buffer)
        assert not any(meets(wanted, taken) for taken in schedule.busy)
        # Every offered start can be booked: booking asks the same engine.
        assert check_start(schedule, rules=case.rules, now=case.now, start=slot.start) == slot


@PROPERTIES
@given(cases(), st.lists(st.tuples(visit_types, st.integers(0, 10_000)), min_size=1, max_size=8))
def test_booking_offered_starts_of_mixed_types_never_overlaps(case, bookings):
    # The doctor's existing busy time is dropped so that every booking is one made here.
    schedule = replace(case.schedule, busy=())
    booked: list[Busy] = []
    for (minutes, buffer), pick in bookings:
        kind = visit(replace(schedule, busy=tuple(booked)), minutes, buffer)
        offered = free_slots(kind, rules=case.rules, now=case.now, start_date=case.start_date, end_date=case.end_date)
        if not offered:
            continue
        slot = offered[pick % len(offered)]
        assert check_start(kind, rules=case.rules, now=case.now, start=slot.start) == slot
        booked.append(blocked(slot.start, minutes, buffer))

    for first, second in combinations(booked, 2):
        assert not meets(first, second), (first, second)
    # And no start of a booking can be booked again, whatever the visit type.
    for taken in booked:
        kind = visit(replace(schedule, busy=tuple(booked)), 5)
        with pytest.raises(SlotRejected):
            check_start(kind, rules=case.rules, now=case.now, start=taken.start.astimezone(UTC))
