"""Tests of the slot engine: one case per rule and DST day, then properties over random doctors.

The engine is pure, so these need no database and no Django fixture: they run with plain
pytest (``-p no:django``) as well as under pytest-django.

Slot times are compared as UTC instants or as ISO strings with their offsets, never as
datetimes sharing a ZoneInfo: Python compares those by wall clock, ignoring ``fold``.
"""

from __future__ import annotations

import pickle
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from itertools import pairwise
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from appointments.slots import (
    BookingRules,
    Busy,
    Leave,
    RejectReason,
    Schedule,
    Slot,
    SlotRejected,
    WorkingInterval,
    check_start,
    day_slots,
    first_free_slot,
    free_slots,
    has_free_slot_on,
)

BERLIN = ZoneInfo("Europe/Berlin")
NEW_YORK = ZoneInfo("America/New_York")
LORD_HOWE = ZoneInfo("Australia/Lord_Howe")

MONDAY = date(2027, 3, 1)
TUESDAY, WEDNESDAY, THURSDAY = (MONDAY + timedelta(days=n) for n in (1, 2, 3))
SUNDAY = MONDAY + timedelta(days=6)
OPEN_RULES = BookingRules(min_notice=timedelta(0), booking_window=timedelta(days=365))
LONG_AGO = datetime(2027, 1, 1, tzinfo=UTC)  # a `now` before every date used here
CLINIC_RULES = BookingRules(min_notice=timedelta(hours=24), booking_window=timedelta(days=30))


def working(weekdays: range | tuple[int, ...], *spans: str) -> tuple[WorkingInterval, ...]:
    """Working intervals from spans like "09:00-12:00" on each of the weekdays."""
    intervals = []
    for weekday in weekdays:
        for span in spans:
            start, end = (time.fromisoformat(part) for part in span.split("-"))
            intervals.append(WorkingInterval(weekday=weekday, start=start, end=end))
    return tuple(intervals)


WEEKDAYS = range(5)
OFFICE_HOURS = working(WEEKDAYS, "09:00-12:00")


def doctor(
    *,
    tz: ZoneInfo = BERLIN,
    slot_minutes: int = 30,
    hours: tuple[WorkingInterval, ...] = OFFICE_HOURS,
    leaves: tuple[Leave, ...] = (),
    busy: tuple[Busy, ...] = (),
) -> Schedule:
    return Schedule(tz=tz, slot_minutes=slot_minutes, hours=hours, leaves=leaves, busy=busy)


def at(day: date, hhmm: str, tz: ZoneInfo = BERLIN, fold: int = 0) -> datetime:
    return datetime.combine(day, time.fromisoformat(hhmm), tzinfo=tz).replace(fold=fold)


def busy(day: date, span: str, tz: ZoneInfo = BERLIN) -> Busy:
    start, end = span.split("-")
    return Busy(start=at(day, start, tz), end=at(day, end, tz))


def leave(first: date, last: date) -> Leave:
    return Leave(start_date=first, end_date=last)


def free_on(schedule: Schedule, day: date, **kwargs) -> list[Slot]:
    kwargs = {"rules": OPEN_RULES, "now": LONG_AGO} | kwargs
    return free_slots(schedule, start_date=day, end_date=day, **kwargs)


def clock(slots: list[Slot]) -> list[str]:
    """Local start times, for days without a clock change."""
    return [f"{slot.start:%H:%M}" for slot in slots]


def isoformat(slots: list[Slot]) -> list[str]:
    """Starts with their offsets, which tell the two readings of a repeated hour apart."""
    return [slot.start.isoformat() for slot in slots]


def rejection(schedule: Schedule, start: datetime, **kwargs) -> SlotRejected:
    kwargs = {"rules": OPEN_RULES, "now": LONG_AGO} | kwargs
    with pytest.raises(SlotRejected) as caught:
        check_start(schedule, start=start, **kwargs)
    return caught.value


def utc(moment: datetime) -> datetime:
    return moment.astimezone(UTC)


# --- The grid ------------------------------------------------------------------------------


def test_grid_steps_by_slot_length_through_working_hours():
    slots = free_on(doctor(), MONDAY)

    assert clock(slots) == ["09:00", "09:30", "10:00", "10:30", "11:00", "11:30"]
    assert all(slot.end - slot.start == timedelta(minutes=30) for slot in slots)
    assert slots[0] == Slot(start=at(MONDAY, "09:00"), end=at(MONDAY, "09:30"))
    assert slots[0].start.tzinfo is BERLIN


def test_a_slot_that_would_run_past_the_end_of_hours_is_left_out():
    schedule = doctor(hours=working(WEEKDAYS, "09:00-10:45"))

    assert clock(free_on(schedule, MONDAY)) == ["09:00", "09:30", "10:00"]


def test_several_intervals_per_day_come_out_sorted():
    schedule = doctor(slot_minutes=45, hours=working(WEEKDAYS, "14:00-15:30", "08:15-09:45"))

    assert clock(free_on(schedule, MONDAY)) == ["08:15", "09:00", "14:00", "14:45"]


def test_overlapping_intervals_give_no_duplicate_slots():
    schedule = doctor(hours=working(WEEKDAYS, "09:00-10:00", "09:00-11:00"))

    assert clock(free_on(schedule, MONDAY)) == ["09:00", "09:30", "10:00", "10:30"]


def test_days_without_working_hours_have_no_slots():
    assert free_on(doctor(), SUNDAY) == []


def test_range_includes_both_end_dates():
    schedule = doctor(hours=working((0, 2), "09:00-10:00"))

    slots = free_slots(schedule, rules=OPEN_RULES, now=LONG_AGO, start_date=MONDAY, end_date=WEDNESDAY)

    assert isoformat(slots) == [
        "2027-03-01T09:00:00+01:00",
        "2027-03-01T09:30:00+01:00",
        "2027-03-03T09:00:00+01:00",
        "2027-03-03T09:30:00+01:00",
    ]


def test_end_before_start_is_an_empty_range():
    slots = free_slots(doctor(), rules=OPEN_RULES, now=LONG_AGO, start_date=TUESDAY, end_date=MONDAY)

    assert slots == []


# --- Leave, notice, window, busy time ------------------------------------------------------


def test_leave_days_include_both_ends():
    schedule = doctor(leaves=(leave(TUESDAY, THURSDAY),))
    friday = MONDAY + timedelta(days=4)

    slots = free_slots(schedule, rules=OPEN_RULES, now=LONG_AGO, start_date=MONDAY, end_date=friday)

    assert sorted({slot.start.date() for slot in slots}) == [MONDAY, friday]


def test_min_notice_drops_slots_starting_sooner_and_keeps_the_boundary():
    rules = BookingRules(min_notice=timedelta(hours=2), booking_window=timedelta(days=30))

    slots = free_on(doctor(), MONDAY, rules=rules, now=at(MONDAY, "08:00"))

    assert clock(slots) == ["10:00", "10:30", "11:00", "11:30"]


def test_past_slots_are_dropped_even_without_notice():
    rules = BookingRules(min_notice=timedelta(0), booking_window=timedelta(days=30))

    slots = free_on(doctor(), MONDAY, rules=rules, now=at(MONDAY, "10:10"))

    assert clock(slots) == ["10:30", "11:00", "11:30"]


def test_booking_window_keeps_a_start_exactly_at_its_end():
    rules = BookingRules(min_notice=timedelta(0), booking_window=timedelta(days=7, hours=1))

    slots = free_slots(
        doctor(),
        rules=rules,
        now=at(MONDAY, "09:00"),
        start_date=MONDAY,
        end_date=MONDAY + timedelta(days=7),
    )

    assert slots[-1].start == at(MONDAY + timedelta(days=7), "10:00")
    assert len(slots) == 5 * 6 + 3


def test_busy_time_removes_every_slot_it_overlaps():
    schedule = doctor(busy=(busy(MONDAY, "09:15-09:45"),))

    assert clock(free_on(schedule, MONDAY)) == ["10:00", "10:30", "11:00", "11:30"]


def test_busy_time_touching_a_slot_does_not_remove_it():
    schedule = doctor(busy=(busy(MONDAY, "08:30-09:00"), busy(MONDAY, "10:00-10:30")))

    assert clock(free_on(schedule, MONDAY)) == ["09:00", "09:30", "10:30", "11:00", "11:30"]


def test_overlapping_busy_intervals_are_merged():
    # Unsorted, overlapping, and one inside another: together they cover 09:00-10:50.
    taken = (busy(MONDAY, "10:30-10:50"), busy(MONDAY, "09:00-10:40"), busy(MONDAY, "09:10-09:20"))

    assert clock(free_on(doctor(busy=taken), MONDAY)) == ["11:00", "11:30"]


def test_busy_time_in_another_zone_counts_as_the_same_instant():
    # 04:00-05:00 in New York is 10:00-11:00 in Berlin on that day.
    schedule = doctor(busy=(busy(MONDAY, "04:00-05:00", NEW_YORK),))

    assert clock(free_on(schedule, MONDAY)) == ["09:00", "09:30", "11:00", "11:30"]


def test_day_slots_is_the_grid_before_leave_busy_and_rules():
    schedule = doctor(leaves=(leave(MONDAY, MONDAY),), busy=(busy(MONDAY, "09:00-12:00"),))

    assert free_on(schedule, MONDAY) == []
    assert clock(day_slots(schedule, MONDAY)) == [
        "09:00",
        "09:30",
        "10:00",
        "10:30",
        "11:00",
        "11:30",
    ]


@pytest.mark.parametrize(
    "call",
    [
        lambda s, now: free_slots(s, rules=OPEN_RULES, now=now, start_date=MONDAY, end_date=MONDAY),
        lambda s, now: first_free_slot(s, rules=OPEN_RULES, now=now),
        lambda s, now: has_free_slot_on(s, rules=OPEN_RULES, now=now, day=MONDAY),
        lambda s, now: check_start(s, rules=OPEN_RULES, now=now, start=at(MONDAY, "09:00")),
    ],
    ids=["free_slots", "first_free_slot", "has_free_slot_on", "check_start"],
)
def test_a_naive_now_is_a_programming_error(call):
    with pytest.raises(ValueError, match="now must be a timezone-aware datetime"):
        call(doctor(), datetime(2027, 3, 1, 8, 0))


@pytest.mark.parametrize(
    "build",
    [
        lambda: WorkingInterval(weekday=7, start=time(9), end=time(12)),
        lambda: WorkingInterval(weekday=0, start=time(12), end=time(9)),
        lambda: WorkingInterval(weekday=0, start=time(9, tzinfo=UTC), end=time(12, tzinfo=UTC)),
        lambda: Leave(start_date=TUESDAY, end_date=MONDAY),
        lambda: Busy(start=datetime(2027, 3, 1, 9), end=datetime(2027, 3, 1, 10)),
        lambda: Busy(start=at(MONDAY, "10:00"), end=at(MONDAY, "09:00")),
        lambda: BookingRules(min_notice=timedelta(hours=-1), booking_window=timedelta(days=1)),
        lambda: doctor(slot_minutes=0),
    ],
    ids=[
        "weekday",
        "interval-order",
        "aware-hours",
        "leave-order",
        "naive-busy",
        "busy-order",
        "negative-notice",
        "slot-minutes",
    ],
)
def test_inconsistent_values_are_refused_when_built(build):
    with pytest.raises(ValueError):
        build()


# --- check_start ---------------------------------------------------------------------------

# Monday 2027-03-01 08:00 in Berlin; 24 hours' notice, 30 days ahead; weekdays 09:00-12:00;
# on leave Wednesday and in the week of 2027-04-05; Tuesday 10:00-10:30 is booked.
NOW = at(MONDAY, "08:00")
CLINIC = doctor(
    leaves=(leave(WEDNESDAY, WEDNESDAY), leave(date(2027, 4, 5), date(2027, 4, 9))),
    busy=(busy(TUESDAY, "10:00-10:30"),),
)


@pytest.mark.parametrize(
    ("start", "reason", "message"),
    [
        pytest.param(
            datetime(2027, 3, 2, 9, 0),
            RejectReason.NAIVE_DATETIME,
            "The appointment time must include a UTC offset",
            id="naive",
        ),
        pytest.param(
            at(MONDAY, "07:00"),
            RejectReason.PAST,
            "That time is in the past. Appointments must be booked at least 24 hours in advance.",
            id="past",
        ),
        pytest.param(
            at(MONDAY, "10:00"),
            RejectReason.TOO_SOON,
            "Appointments must be booked at least 24 hours in advance.",
            id="too-soon",
        ),
        pytest.param(
            at(date(2027, 4, 1), "09:00"),
            RejectReason.TOO_FAR,
            "Appointments can be booked at most 30 days in advance.",
            id="too-far",
        ),
        pytest.param(
            at(WEDNESDAY, "09:00"),
            RejectReason.ON_LEAVE,
            "The doctor is on leave on 2027-03-03.",
            id="on-leave",
        ),
        pytest.param(
            at(TUESDAY, "13:00"),
            RejectReason.OUTSIDE_HOURS,
            "A 30-minute appointment at 13:00 on Tuesday 2027-03-02 is outside the doctor's "
            "working hours (09:00-12:00).",
            id="after-hours",
        ),
        pytest.param(
            at(TUESDAY, "11:45"),
            RejectReason.OUTSIDE_HOURS,
            "A 30-minute appointment at 11:45 on Tuesday 2027-03-02 is outside",
            id="overruns-hours",
        ),
        pytest.param(
            at(SUNDAY, "10:00"),
            RejectReason.OUTSIDE_HOURS,
            "The doctor does not work on Sundays.",
            id="no-hours-that-day",
        ),
        pytest.param(
            at(TUESDAY, "09:10"),
            RejectReason.OFF_GRID,
            "That time is not on the doctor's 30-minute slot grid; the nearest slots start at 09:00 and 09:30.",
            id="off-grid",
        ),
        pytest.param(
            at(TUESDAY, "10:00"),
            RejectReason.BUSY,
            "That slot is already taken; please choose another.",
            id="busy",
        ),
    ],
)
def test_check_start_names_and_explains_the_reason(start, reason, message):
    rejected = rejection(CLINIC, start, rules=CLINIC_RULES, now=NOW)

    assert rejected.reason is reason
    assert rejected.message.startswith(message)
    assert str(rejected) == rejected.message


@pytest.mark.parametrize(
    ("start", "reason"),
    [
        (datetime(2027, 2, 1, 3, 7), RejectReason.NAIVE_DATETIME),  # also past, off grid
        (at(date(2027, 2, 28), "20:10"), RejectReason.PAST),  # also outside hours, off grid
        (at(MONDAY, "13:10"), RejectReason.TOO_SOON),  # also outside hours
        (at(date(2027, 4, 5), "09:10"), RejectReason.TOO_FAR),  # also on leave, off grid
        (at(WEDNESDAY, "20:10"), RejectReason.ON_LEAVE),  # also outside hours
        (at(TUESDAY, "13:10"), RejectReason.OUTSIDE_HOURS),  # also off grid
        (at(TUESDAY, "10:10"), RejectReason.OFF_GRID),  # also overlaps the booking
    ],
    ids=[
        "naive-first",
        "past-next",
        "too-soon-next",
        "too-far-next",
        "leave-next",
        "hours-next",
        "grid-before-busy",
    ],
)
def test_check_start_reports_the_first_reason_in_order(start, reason):
    assert rejection(CLINIC, start, rules=CLINIC_RULES, now=NOW).reason is reason


@pytest.mark.parametrize(
    ("rules", "message"),
    [
        (
            BookingRules(min_notice=timedelta(minutes=90), booking_window=timedelta(days=2)),
            "at least 90 minutes in advance",
        ),
        (
            BookingRules(min_notice=timedelta(hours=1), booking_window=timedelta(days=2)),
            "at least 1 hour in advance",
        ),
        (
            BookingRules(min_notice=timedelta(0), booking_window=timedelta(hours=1)),
            "at most 1 hour in advance",
        ),
    ],
)
def test_rule_figures_are_quoted_in_their_natural_unit(rules, message):
    start = at(MONDAY, "09:00") if rules.min_notice else at(TUESDAY, "09:00")

    assert message in rejection(CLINIC, start, rules=rules, now=at(MONDAY, "08:30")).message


def test_a_past_start_without_notice_rule_just_says_so():
    rejected = rejection(CLINIC, at(MONDAY, "07:00"), now=NOW)

    assert rejected.message == "That time is in the past."


def test_check_start_returns_the_slot_in_the_doctors_zone():
    slot = check_start(CLINIC, rules=CLINIC_RULES, now=NOW, start=utc(at(TUESDAY, "10:30")))

    assert slot == Slot(start=at(TUESDAY, "10:30"), end=at(TUESDAY, "11:00"))
    assert slot.start.tzinfo is BERLIN


def test_slot_rejected_survives_pickling():
    rejected = rejection(CLINIC, at(TUESDAY, "10:00"), rules=CLINIC_RULES, now=NOW)

    copy = pickle.loads(pickle.dumps(rejected))

    assert (copy.reason, copy.message) == (RejectReason.BUSY, rejected.message)


# --- Daylight saving time ------------------------------------------------------------------

EARLY_HOURS = working(range(7), "01:00-04:00")
BERLIN_SPRING, BERLIN_AUTUMN = date(2027, 3, 28), date(2027, 10, 31)
NEW_YORK_SPRING, NEW_YORK_AUTUMN = date(2027, 3, 14), date(2027, 11, 7)
LORD_HOWE_AUTUMN, LORD_HOWE_SPRING = date(2027, 4, 4), date(2027, 10, 3)


def test_berlin_spring_forward_has_no_slots_in_the_skipped_hour():
    slots = free_on(doctor(hours=EARLY_HOURS), BERLIN_SPRING)

    assert isoformat(slots) == [
        "2027-03-28T01:00:00+01:00",
        "2027-03-28T01:30:00+01:00",
        "2027-03-28T03:00:00+02:00",
        "2027-03-28T03:30:00+02:00",
    ]
    # 01:30 CET lasts 30 real minutes and ends at 03:00 CEST.
    assert slots[1].end.isoformat() == "2027-03-28T03:00:00+02:00"


def test_berlin_autumn_has_no_slots_in_the_second_reading_of_the_repeated_hour():
    slots = free_on(doctor(hours=EARLY_HOURS), BERLIN_AUTUMN)

    assert isoformat(slots) == [
        "2027-10-31T01:00:00+02:00",
        "2027-10-31T01:30:00+02:00",
        "2027-10-31T02:00:00+02:00",
        "2027-10-31T02:30:00+02:00",
        "2027-10-31T03:00:00+01:00",
        "2027-10-31T03:30:00+01:00",
    ]
    # 02:30 CEST ends at the first 03:00, which the clocks call 02:00 CET.
    assert slots[3].end.isoformat() == "2027-10-31T02:00:00+01:00"


def test_new_york_spring_forward():
    slots = free_on(doctor(tz=NEW_YORK, hours=EARLY_HOURS), NEW_YORK_SPRING)

    assert isoformat(slots) == [
        "2027-03-14T01:00:00-05:00",
        "2027-03-14T01:30:00-05:00",
        "2027-03-14T03:00:00-04:00",
        "2027-03-14T03:30:00-04:00",
    ]


def test_new_york_fall_back():
    schedule = doctor(tz=NEW_YORK, hours=working(range(7), "00:00-03:00"))

    assert isoformat(free_on(schedule, NEW_YORK_AUTUMN)) == [
        "2027-11-07T00:00:00-04:00",
        "2027-11-07T00:30:00-04:00",
        "2027-11-07T01:00:00-04:00",
        "2027-11-07T01:30:00-04:00",
        "2027-11-07T02:00:00-05:00",
        "2027-11-07T02:30:00-05:00",
    ]


def test_lord_howe_half_hour_changes():
    schedule = doctor(tz=LORD_HOWE, hours=EARLY_HOURS)

    assert isoformat(free_on(schedule, LORD_HOWE_SPRING)) == [
        "2027-10-03T01:00:00+10:30",
        "2027-10-03T01:30:00+10:30",
        "2027-10-03T02:30:00+11:00",
        "2027-10-03T03:00:00+11:00",
        "2027-10-03T03:30:00+11:00",
    ]
    assert isoformat(free_on(schedule, LORD_HOWE_AUTUMN)) == [
        "2027-04-04T01:00:00+11:00",
        "2027-04-04T01:30:00+11:00",
        "2027-04-04T02:00:00+10:30",
        "2027-04-04T02:30:00+10:30",
        "2027-04-04T03:00:00+10:30",
        "2027-04-04T03:30:00+10:30",
    ]


def test_a_slot_straddling_the_spring_gap_pushes_out_the_one_that_would_overlap_it():
    # 01:30 CET + 90 minutes ends at 04:00 CEST, so the 03:00 CEST grid start would overlap.
    schedule = doctor(slot_minutes=90, hours=working(range(7), "00:00-06:00"))

    assert isoformat(free_on(schedule, BERLIN_SPRING)) == [
        "2027-03-28T00:00:00+01:00",
        "2027-03-28T01:30:00+01:00",
        "2027-03-28T04:30:00+02:00",
    ]
    rejected = rejection(schedule, at(BERLIN_SPRING, "03:00"))
    assert rejected.reason is RejectReason.OFF_GRID
    assert "the nearest slots start at 01:30 and 04:30" in rejected.message


def test_hours_ending_in_the_skipped_hour_end_when_the_clocks_resume():
    hours = working(range(7), "01:00-02:30")

    assert isoformat(free_on(doctor(hours=hours), BERLIN_SPRING)) == [
        "2027-03-28T01:00:00+01:00",
        "2027-03-28T01:30:00+01:00",
    ]
    # 01:00 CET + 90 minutes is 03:30 CEST: past 03:00 CEST, where working time ended.
    assert free_on(doctor(slot_minutes=90, hours=hours), BERLIN_SPRING) == []


def test_a_slot_that_fits_the_wall_clock_but_not_real_time_is_left_out():
    # 01:30 + 90 minutes is 03:00 on the wall, but 04:00 CEST in real time.
    schedule = doctor(slot_minutes=90, hours=working(range(7), "01:30-03:00"))

    assert free_on(schedule, BERLIN_SPRING) == []
    assert free_on(schedule, BERLIN_SPRING + timedelta(days=7)) != []


def test_busy_in_the_repeated_hour_blocks_only_its_own_reading():
    # Both readings of 02:30 as Berlin datetimes: the same wall clock, an hour apart.
    second_reading = Busy(start=at(BERLIN_AUTUMN, "02:30", fold=1), end=at(BERLIN_AUTUMN, "03:00", fold=1))
    schedule = doctor(hours=EARLY_HOURS, busy=(second_reading,))

    assert "2027-10-31T02:30:00+02:00" in isoformat(free_on(schedule, BERLIN_AUTUMN))


def test_busy_time_across_the_fold_may_end_at_an_earlier_wall_clock_time():
    # 02:50 CEST to 02:10 CET is twenty real minutes.
    across = Busy(start=at(BERLIN_AUTUMN, "02:50"), end=at(BERLIN_AUTUMN, "02:10", fold=1))
    schedule = doctor(hours=EARLY_HOURS, busy=(across,))

    assert "2027-10-31T02:30:00+02:00" not in isoformat(free_on(schedule, BERLIN_AUTUMN))
    assert "2027-10-31T03:00:00+01:00" in isoformat(free_on(schedule, BERLIN_AUTUMN))


@pytest.mark.parametrize(
    ("tz", "start"),
    [(BERLIN, at(BERLIN_SPRING, "02:30")), (NEW_YORK, at(NEW_YORK_SPRING, "02:30", NEW_YORK))],
    ids=["berlin", "new-york"],
)
def test_a_time_the_clocks_skip_is_outside_hours(tz, start):
    # Decision: a wall time that never happens is refused, not moved an hour on.
    rejected = rejection(doctor(tz=tz, hours=EARLY_HOURS), start)

    assert rejected.reason is RejectReason.OUTSIDE_HOURS
    assert f"02:30 on {start:%Y-%m-%d} does not exist in {tz}" in rejected.message


def test_an_offset_inside_the_skipped_hour_is_just_an_instant():
    # 02:30+01:00 never shows on a Berlin clock that night, but names the instant 03:30 CEST.
    start = datetime.fromisoformat("2027-03-28T02:30:00+01:00")

    slot = check_start(doctor(hours=EARLY_HOURS), rules=OPEN_RULES, now=LONG_AGO, start=start)

    assert slot.start.isoformat() == "2027-03-28T03:30:00+02:00"


@pytest.mark.parametrize(
    ("tz", "start"),
    [
        (BERLIN, at(BERLIN_AUTUMN, "02:30", fold=1)),
        (BERLIN, datetime.fromisoformat("2027-10-31T02:30:00+01:00")),
        (BERLIN, datetime.fromisoformat("2027-10-31T02:00:00+01:00")),
        (NEW_YORK, at(NEW_YORK_AUTUMN, "01:30", NEW_YORK, fold=1)),
        (NEW_YORK, datetime.fromisoformat("2027-11-07T01:00:00-05:00")),
    ],
    ids=[
        "berlin-fold",
        "berlin-offset",
        "berlin-offset-on-the-hour",
        "new-york-fold",
        "new-york-offset",
    ],
)
def test_the_second_reading_of_a_repeated_time_is_not_bookable(tz, start):
    schedule = doctor(tz=tz, hours=working(range(7), "00:00-04:00"))

    rejected = rejection(schedule, start)

    assert rejected.reason is RejectReason.OFF_GRID
    assert "occurs twice" in rejected.message
    assert "can be booked" in rejected.message


@pytest.mark.parametrize(
    "start",
    [
        "2027-10-31T02:30:00+02:00",
        "2027-10-31T03:00:00+01:00",
        "2027-03-28T01:30:00+01:00",
        "2027-03-28T03:00:00+02:00",
    ],
)
def test_dst_slots_are_bookable_by_their_offsets(start):
    slot = check_start(
        doctor(hours=EARLY_HOURS),
        rules=OPEN_RULES,
        now=LONG_AGO,
        start=datetime.fromisoformat(start),
    )

    assert slot.start.isoformat() == start


# --- The doctor list -----------------------------------------------------------------------

# Tuesday fully booked, on leave Wednesday: the first free slot is Thursday 09:00.
BOOKED_UP = doctor(leaves=(leave(WEDNESDAY, WEDNESDAY),), busy=(busy(TUESDAY, "08:00-12:00"),))


def test_first_free_slot_skips_full_days_and_leave():
    slot = first_free_slot(BOOKED_UP, rules=CLINIC_RULES, now=NOW)

    assert slot == Slot(start=at(THURSDAY, "09:00"), end=at(THURSDAY, "09:30"))


def test_first_free_slot_is_the_first_of_free_slots():
    slots = free_slots(
        BOOKED_UP,
        rules=CLINIC_RULES,
        now=NOW,
        start_date=MONDAY,
        end_date=MONDAY + timedelta(days=31),
    )

    assert first_free_slot(BOOKED_UP, rules=CLINIC_RULES, now=NOW) == slots[0]


def test_first_free_slot_is_none_when_the_window_holds_no_slot():
    rules = BookingRules(min_notice=timedelta(hours=24), booking_window=timedelta(days=2))

    assert first_free_slot(BOOKED_UP, rules=rules, now=NOW) is None


def test_first_free_slot_respects_the_horizon():
    assert first_free_slot(BOOKED_UP, rules=CLINIC_RULES, now=NOW, horizon_days=2) is None
    assert first_free_slot(BOOKED_UP, rules=CLINIC_RULES, now=NOW, horizon_days=3) is not None
    with pytest.raises(ValueError):
        first_free_slot(BOOKED_UP, rules=CLINIC_RULES, now=NOW, horizon_days=-1)


def test_has_free_slot_on_agrees_with_free_slots_day_by_day():
    for offset in range(-1, 40):
        day = MONDAY + timedelta(days=offset)
        expected = bool(free_on(BOOKED_UP, day, rules=CLINIC_RULES, now=NOW))

        assert has_free_slot_on(BOOKED_UP, rules=CLINIC_RULES, now=NOW, day=day) is expected


# --- Properties over random doctors --------------------------------------------------------

KOLKATA, UTC_ZONE = ZoneInfo("Asia/Kolkata"), ZoneInfo("UTC")
ZONES = [BERLIN, NEW_YORK, KOLKATA, LORD_HOWE, UTC_ZONE]
CLOCK_CHANGES = {
    BERLIN: [BERLIN_SPRING, BERLIN_AUTUMN],
    NEW_YORK: [NEW_YORK_SPRING, NEW_YORK_AUTUMN],
    LORD_HOWE: [LORD_HOWE_AUTUMN, LORD_HOWE_SPRING],
}
ALL_CLOCK_CHANGES = sorted(day for days in CLOCK_CHANGES.values() for day in days)
# Examples per property: the Hypothesis profile's (conftest.py: 150, or 15 with HYPOTHESIS_PROFILE=quick).
PROPERTIES = settings(deadline=None)


@dataclass(frozen=True)
class Case:
    """One random question: a doctor, the rules, now and a range of dates around a DST day."""

    schedule: Schedule
    rules: BookingRules
    now: datetime
    start_date: date
    end_date: date

    def free(self, first: date | None = None, last: date | None = None) -> list[Slot]:
        return free_slots(
            self.schedule,
            rules=self.rules,
            now=self.now,
            start_date=first or self.start_date,
            end_date=last or self.end_date,
        )

    def days(self) -> list[date]:
        count = (self.end_date - self.start_date).days + 1
        return [self.start_date + timedelta(days=n) for n in range(count)]


# Interval edges lean towards the small hours, where the clocks change.
edge_minutes = st.one_of(st.sampled_from([0, 60, 90, 120, 150, 180, 210]), st.integers(0, 286).map(lambda n: n * 5))


@st.composite
def intervals(draw) -> list[WorkingInterval]:
    start = draw(edge_minutes)
    end = draw(st.one_of(st.just(1439), st.integers(start + 5, 1439)))
    every_day = st.just(frozenset(range(7)))
    weekdays = draw(st.one_of(every_day, st.frozensets(st.integers(0, 6), min_size=1)))
    return [WorkingInterval(weekday=weekday, start=_minutes(start), end=_minutes(end)) for weekday in sorted(weekdays)]


def _minutes(count: int) -> time:
    return time(count // 60, count % 60)


@st.composite
def cases(draw) -> Case:
    # The dates always include a day on which the doctor's own clocks change (any of them
    # for zones without DST), and most doctors work that day, so the DST rules get exercised.
    zone = st.sampled_from(ZONES)
    tz = draw(zone)
    clock_change = draw(st.sampled_from(CLOCK_CHANGES.get(tz, ALL_CLOCK_CHANGES)))
    midnight = datetime.combine(clock_change, time(), tzinfo=UTC)

    chunks = draw(st.lists(intervals(), min_size=1, max_size=4))
    hours = [interval for chunk in chunks for interval in chunk]
    leaves = []
    for _ in range(draw(st.integers(0, 2))):
        first = clock_change + timedelta(days=draw(st.integers(-4, 4)))
        leaves.append(leave(first, first + timedelta(days=draw(st.integers(0, 2)))))
    busy_times = []
    for _ in range(draw(st.integers(0, 12))):
        # Busy times arrive in any zone, including the doctor's own (readings with fold=1).
        start = midnight + timedelta(minutes=draw(st.integers(-3 * 1440, 4 * 1440)))
        end = start + timedelta(minutes=draw(st.integers(1, 300)))
        busy_times.append(Busy(start=start.astimezone(draw(zone)), end=end.astimezone(draw(zone))))
    schedule = Schedule(
        tz=tz,
        slot_minutes=draw(st.sampled_from([10, 15, 20, 30, 45, 60, 90])),
        hours=tuple(hours),
        leaves=tuple(leaves),
        busy=tuple(busy_times),
    )
    rules = BookingRules(
        min_notice=timedelta(minutes=draw(st.one_of(st.just(0), st.integers(0, 48 * 60)))),
        booking_window=timedelta(minutes=draw(st.one_of(st.just(10 * 1440), st.integers(0, 10 * 1440)))),
    )
    now = midnight + timedelta(minutes=draw(st.integers(-4 * 1440, 1440)))
    now = now.astimezone(draw(zone))
    start_date = clock_change - timedelta(days=draw(st.integers(0, 2)))
    end_date = clock_change + timedelta(days=draw(st.integers(0, 2)))
    return Case(schedule, rules, now, start_date, end_date)


def real_span(day: date, interval: WorkingInterval, tz: ZoneInfo) -> tuple[datetime, datetime]:
    """The interval as instants, found independently of the engine: a bound the clocks skip
    moves minute by minute to the first reading that exists."""
    return _first_real_reading(day, interval.start, tz), _first_real_reading(day, interval.end, tz)


def _first_real_reading(day: date, wall: time, tz: ZoneInfo) -> datetime:
    reading = datetime.combine(day, wall)
    while True:
        instant = reading.replace(tzinfo=tz).astimezone(UTC)
        if instant.astimezone(tz).replace(tzinfo=None) == reading:
            return instant
        reading += timedelta(minutes=1)


def within_working_hours(slot: Slot, schedule: Schedule) -> bool:
    """The wall-clock start is a grid step of an interval of that weekday, the wall-clock end
    is inside it, and the real slot lies inside the interval's real span."""
    local = slot.start.astimezone(schedule.tz)
    day, length = local.date(), timedelta(minutes=schedule.slot_minutes)
    wall = local.replace(tzinfo=None)
    for interval in schedule.hours:
        opens, closes = datetime.combine(day, interval.start), datetime.combine(day, interval.end)
        if interval.weekday != day.weekday() or not opens <= wall <= closes - length:
            continue
        real_opens, real_closes = real_span(day, interval, schedule.tz)
        on_grid = (wall - opens) % length == timedelta(0)
        if on_grid and real_opens <= utc(slot.start) and utc(slot.end) <= real_closes:
            return True
    return False


def overlaps(slot: Slot, taken: Busy) -> bool:
    return utc(taken.start) < utc(slot.end) and utc(slot.start) < utc(taken.end)


@PROPERTIES
@given(cases())
def test_free_slots_obey_every_rule(case):
    schedule, rules, now = case.schedule, case.rules, case.now
    slots = case.free()

    instants = [(utc(slot.start), utc(slot.end)) for slot in slots]
    assert all(end - start == timedelta(minutes=schedule.slot_minutes) for start, end in instants)
    assert all(a_end <= b_start for (_, a_end), (b_start, _) in pairwise(instants))
    for slot in slots:
        local_day = slot.start.astimezone(schedule.tz).date()
        assert slot.start.tzinfo is schedule.tz and slot.start.fold == 0
        assert case.start_date <= local_day <= case.end_date
        assert not any(leave.covers(local_day) for leave in schedule.leaves)
        assert utc(now) + rules.min_notice <= utc(slot.start) <= utc(now) + rules.booking_window
        assert not any(overlaps(slot, taken) for taken in schedule.busy)
        assert within_working_hours(slot, schedule)


@PROPERTIES
@given(cases())
def test_a_range_is_its_days_put_together(case):
    by_day = [slot for day in case.days() for slot in case.free(day, day)]

    assert isoformat(case.free()) == isoformat(by_day)


@PROPERTIES
@given(cases(), st.lists(st.integers(0, 6 * 1440), max_size=5))
def test_check_start_accepts_exactly_the_free_slots(case, probe_minutes):
    schedule, rules, now = case.schedule, case.rules, case.now
    free = {utc(slot.start): slot for slot in case.free()}
    for slot in free.values():
        assert check_start(schedule, rules=rules, now=now, start=slot.start) == slot
        assert check_start(schedule, rules=rules, now=now, start=utc(slot.start)) == slot

    # And nothing else: every grid start of the range (most are taken, too soon, on leave…)
    # and instants from anywhere in the range are refused unless free_slots lists them.
    grid_starts = [slot.start for day in case.days() for slot in day_slots(schedule, day)]
    midnight = datetime.combine(case.start_date, time(), tzinfo=schedule.tz).astimezone(UTC)
    probes = [(midnight + timedelta(minutes=n)).astimezone(schedule.tz) for n in probe_minutes]
    for start in grid_starts + probes:
        if not case.start_date <= start.astimezone(schedule.tz).date() <= case.end_date:
            continue
        try:
            slot = check_start(schedule, rules=rules, now=now, start=start)
        except SlotRejected as rejected:
            assert utc(start) not in free, rejected.message
            assert rejected.message
        else:
            assert free[utc(start)] == slot


@PROPERTIES
@given(cases())
def test_the_grid_misses_no_slot(case):
    # Every wall-clock step that exists and fits the real span is a grid slot, unless it
    # overlaps one (the DST rule that keeps the earlier of two overlapping slots).
    schedule = case.schedule
    length = timedelta(minutes=schedule.slot_minutes)
    for day in case.days():
        grid = [(utc(slot.start), utc(slot.end)) for slot in day_slots(schedule, day)]
        for interval in schedule.hours:
            if interval.weekday != day.weekday():
                continue
            real_opens, real_closes = real_span(day, interval, schedule.tz)
            wall = datetime.combine(day, interval.start)
            while wall + length <= datetime.combine(day, interval.end):
                start = wall.replace(tzinfo=schedule.tz).astimezone(UTC)
                exists = start.astimezone(schedule.tz).replace(tzinfo=None) == wall
                if exists and real_opens <= start and start + length <= real_closes:
                    assert any(s < start + length and start < e for s, e in grid)
                wall += length


@PROPERTIES
@given(cases())
def test_first_free_slot_and_has_free_slot_on_agree_with_free_slots(case):
    schedule, rules, now = case.schedule, case.rules, case.now
    local_now = now.astimezone(schedule.tz)
    last = (now + rules.booking_window).astimezone(schedule.tz).date() + timedelta(days=1)
    everything = case.free(local_now.date() - timedelta(days=1), last)

    first = first_free_slot(schedule, rules=rules, now=now)

    assert first == (everything[0] if everything else None)
    for day in case.days():
        expected = bool(case.free(day, day))
        assert has_free_slot_on(schedule, rules=rules, now=now, day=day) is expected
