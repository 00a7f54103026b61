"""SLA clocks: transitions, deadlines, warnings, outcomes and the next check time."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from calmdesk.sla.business_time import add_business_time, business_time_between
from calmdesk.sla.calendar import WEEKDAY_KEYS, BusinessCalendar
from calmdesk.sla.clock import (
    ClockKind,
    ClockState,
    ClockStatus,
    ClockTransitionError,
    SlaClock,
    next_check_at,
)

LONDON = ZoneInfo("Europe/London")
OFFICE = BusinessCalendar.from_dict(
    {"time_zone": "Europe/London", "weekly": dict.fromkeys(WEEKDAY_KEYS[:5], ("09:00-17:00",))}
)
ALWAYS = BusinessCalendar.from_dict(
    {"time_zone": "Europe/London", "weekly": dict.fromkeys(WEEKDAY_KEYS, ("00:00-24:00",))}
)
MINUTE, HOUR = timedelta(minutes=1), timedelta(hours=1)


def nov(day: int, hour: int, minute: int = 0, second: int = 0) -> datetime:
    """An instant in London in November 2024: the 11th is a Monday, the 15th a Friday."""
    return datetime(2024, 11, day, hour, minute, second, tzinfo=LONDON)


def running(target: timedelta, since: datetime, kind: ClockKind = ClockKind.RESOLUTION) -> SlaClock:
    return SlaClock(kind, target).start(since)


# -- starting ------------------------------------------------------------------------


def test_new_clock_is_stopped_and_has_no_deadline() -> None:
    clock = SlaClock(ClockKind.FIRST_RESPONSE, HOUR)
    assert clock.status(nov(11, 9), OFFICE) is ClockStatus.STOPPED
    assert clock.due_at(OFFICE) is None
    assert clock.warning_at(OFFICE, 0.75) is None


def test_started_clock_runs_until_just_after_its_deadline() -> None:
    clock = running(2 * HOUR, nov(11, 9))
    assert clock.state is ClockState.RUNNING
    assert clock.due_at(OFFICE) == nov(11, 11)
    assert clock.remaining(nov(11, 10), OFFICE) == HOUR
    assert clock.status(nov(11, 11), OFFICE) is ClockStatus.RUNNING
    assert clock.status(nov(11, 11, 0, 1), OFFICE) is ClockStatus.BREACHED
    assert clock.breached_by(nov(11, 11, 30), OFFICE) == 30 * MINUTE
    assert clock.remaining(nov(11, 11, 30), OFFICE) == -30 * MINUTE


def test_clock_stores_instants_in_utc_and_refuses_naive_ones() -> None:
    clock = running(HOUR, nov(11, 9))
    assert clock.running_since == datetime(2024, 11, 11, 9, tzinfo=UTC)
    assert clock.running_since is not None and clock.running_since.tzinfo is UTC
    with pytest.raises(ValueError, match="naive"):
        clock.pause(datetime(2024, 11, 11, 10), OFFICE)


@pytest.mark.parametrize(
    ("fields", "complaint"),
    [
        ({"target": -HOUR}, "cannot be negative"),
        ({"state": ClockState.RUNNING}, "running_since"),
        ({"running_since": nov(11, 9)}, "running_since"),
        ({"state": ClockState.PAUSED, "met_at": nov(11, 9)}, "only a stopped clock"),
        ({"met_at": nov(11, 9), "stopped_at": nov(11, 9)}, "either met or stopped"),
    ],
)
def test_inconsistent_clocks_cannot_be_built(fields: dict[str, object], complaint: str) -> None:
    values: dict[str, object] = {"kind": ClockKind.RESOLUTION, "target": HOUR, **fields}
    with pytest.raises(ValueError, match=complaint):
        SlaClock(**values)  # type: ignore[arg-type]


def test_transitions_refuse_the_wrong_state() -> None:
    clock = running(HOUR, nov(11, 9))
    with pytest.raises(ClockTransitionError, match="cannot start a running"):
        clock.start(nov(11, 9, 30))
    with pytest.raises(ClockTransitionError, match="cannot resume a running"):
        clock.resume(nov(11, 9, 30))
    paused = clock.pause(nov(11, 9, 30), OFFICE)
    with pytest.raises(ClockTransitionError, match="cannot pause a paused"):
        paused.pause(nov(11, 9, 40), OFFICE)
    met = paused.met(nov(11, 9, 40), OFFICE)
    transitions: list[Callable[[], SlaClock]] = [
        lambda: met.met(nov(11, 9, 50), OFFICE),
        lambda: met.stop(nov(11, 9, 50), OFFICE),
        lambda: met.retarget(nov(11, 9, 50), calendar=OFFICE, target=HOUR),
        lambda: met.resume(nov(11, 9, 50)),
    ]
    for transition in transitions:
        with pytest.raises(ClockTransitionError, match="stopped"):
            transition()


def test_time_cannot_run_backwards() -> None:
    clock = running(HOUR, nov(11, 10))
    with pytest.raises(ClockTransitionError, match="before it last started"):
        clock.pause(nov(11, 9), OFFICE)


# -- pausing ------------------------------------------------------------------------


def test_pause_and_resume_across_a_weekend_keeps_the_time_used() -> None:
    clock = running(2 * HOUR, nov(15, 16))  # Friday
    paused = clock.pause(nov(15, 16, 30), OFFICE)  # waiting on the customer
    assert paused.used == 30 * MINUTE
    assert paused.due_at(OFFICE) is None
    assert paused.status(nov(17, 12), OFFICE) is ClockStatus.PAUSED  # Sunday
    assert paused.remaining(nov(17, 12), OFFICE) == 90 * MINUTE
    resumed = paused.resume(nov(18, 10))  # the customer answers on Monday at 10:00
    assert resumed.due_at(OFFICE) == nov(18, 11, 30)
    assert resumed.used_at(nov(18, 10, 30), OFFICE) == HOUR


def test_resuming_on_a_saturday_counts_from_mondays_opening() -> None:
    paused = running(2 * HOUR, nov(15, 16)).pause(nov(15, 16, 30), OFFICE)
    assert paused.resume(nov(16, 12)).due_at(OFFICE) == nov(18, 10, 30)


def test_a_paused_clock_never_breaches() -> None:
    paused = running(HOUR, nov(11, 9)).pause(nov(11, 9, 30), OFFICE)
    years_later = nov(11, 9) + timedelta(days=5 * 365)
    assert paused.status(years_later, OFFICE) is ClockStatus.PAUSED
    assert not paused.is_breached(years_later, OFFICE)
    assert paused.breached_by(years_later, OFFICE) == timedelta(0)
    assert paused.remaining(years_later, OFFICE) == 30 * MINUTE


def test_a_clock_paused_after_its_deadline_stays_breached() -> None:
    paused = running(HOUR, nov(11, 9)).pause(nov(11, 10, 30), OFFICE)
    assert paused.breached_at == nov(11, 10)
    assert paused.status(nov(11, 11), OFFICE) is ClockStatus.BREACHED
    assert paused.resume(nov(11, 12)).status(nov(11, 12), OFFICE) is ClockStatus.BREACHED


# -- meeting and stopping -----------------------------------------------------------


@pytest.mark.parametrize("replied_at", [nov(11, 10, 59), nov(11, 11)])
def test_met_in_time(replied_at: datetime) -> None:
    met = running(2 * HOUR, nov(11, 9), ClockKind.FIRST_RESPONSE).met(replied_at, OFFICE)
    assert met.state is ClockState.STOPPED
    assert met.met_at == replied_at
    assert met.status(nov(20, 9), OFFICE) is ClockStatus.MET
    assert met.breached_by(nov(20, 9), OFFICE) == timedelta(0)
    assert met.breached_at is None


def test_met_late() -> None:
    met = running(2 * HOUR, nov(11, 9), ClockKind.FIRST_RESPONSE).met(nov(11, 11, 30), OFFICE)
    assert met.status(nov(20, 9), OFFICE) is ClockStatus.BREACHED
    assert met.breached_by(nov(20, 9), OFFICE) == 30 * MINUTE
    assert met.breached_at == nov(11, 11)
    assert met.met_at == nov(11, 11, 30)


def test_met_after_a_deadline_at_closing_time_is_late_by_no_business_time() -> None:
    met = running(HOUR, nov(15, 16)).met(nov(15, 17, 20), OFFICE)  # due Friday 17:00
    assert met.status(nov(18, 9), OFFICE) is ClockStatus.BREACHED
    assert met.breached_by(nov(18, 9), OFFICE) == timedelta(0)


def test_met_while_paused() -> None:
    met = running(HOUR, nov(11, 9)).pause(nov(11, 9, 30), OFFICE).met(nov(12, 9), OFFICE)
    assert met.status(nov(12, 9), OFFICE) is ClockStatus.MET
    assert met.used == 30 * MINUTE


def test_stopped_clock_is_stopped_unless_it_had_breached() -> None:
    in_time = running(HOUR, nov(11, 9)).stop(nov(11, 9, 30), OFFICE)
    assert in_time.status(nov(11, 12), OFFICE) is ClockStatus.STOPPED
    assert in_time.stopped_at == nov(11, 9, 30)
    assert in_time.met_at is None
    late = running(HOUR, nov(11, 9)).stop(nov(11, 12), OFFICE)
    assert late.status(nov(11, 12), OFFICE) is ClockStatus.BREACHED


def test_starting_again_begins_a_fresh_cycle() -> None:
    late = running(HOUR, nov(11, 9), ClockKind.NEXT_RESPONSE).met(nov(11, 12), OFFICE)
    again = late.start(nov(11, 14))  # the customer writes again
    assert again.used == timedelta(0)
    assert again.breached_at is None and again.met_at is None
    assert again.due_at(OFFICE) == nov(11, 15)
    assert again.status(nov(11, 14, 30), OFFICE) is ClockStatus.RUNNING


# -- retargeting --------------------------------------------------------------------


def test_retarget_midway_keeps_the_time_used() -> None:
    clock = running(4 * HOUR, nov(11, 9))
    longer = clock.retarget(nov(11, 11), calendar=OFFICE, target=6 * HOUR)
    assert longer.used == 2 * HOUR
    assert longer.due_at(OFFICE) == nov(11, 15)
    shorter = clock.retarget(nov(11, 11), calendar=OFFICE, target=HOUR)  # priority raised
    assert shorter.status(nov(11, 11), OFFICE) is ClockStatus.BREACHED
    assert shorter.breached_by(nov(11, 11), OFFICE) == HOUR


def test_retarget_onto_a_new_calendar_counts_the_rest_on_it() -> None:
    clock = running(10 * HOUR, nov(11, 9))
    assert clock.due_at(OFFICE) == nov(12, 11)
    moved = clock.retarget(nov(11, 16), calendar=OFFICE)  # policy now runs around the clock
    assert moved.used == 7 * HOUR
    assert moved.due_at(ALWAYS) == nov(11, 19)


def test_retarget_a_paused_clock_leaves_it_paused() -> None:
    paused = running(4 * HOUR, nov(11, 9)).pause(nov(11, 10), OFFICE)
    retargeted = paused.retarget(nov(12, 9), calendar=OFFICE, target=2 * HOUR)
    assert retargeted.state is ClockState.PAUSED
    assert (retargeted.used, retargeted.target) == (HOUR, 2 * HOUR)
    assert retargeted.resume(nov(12, 9)).due_at(OFFICE) == nov(12, 10)


def test_a_breach_already_passed_survives_a_longer_target() -> None:
    late = running(HOUR, nov(11, 9)).retarget(nov(11, 10, 30), calendar=OFFICE, target=8 * HOUR)
    assert late.breached_at == nov(11, 10)
    assert late.status(nov(11, 11), OFFICE) is ClockStatus.BREACHED


# -- warnings and the next check ------------------------------------------------------


def test_warning_by_fraction_or_by_lead_time() -> None:
    clock = running(4 * HOUR, nov(11, 9))
    assert clock.warning_at(OFFICE, 0.75) == nov(11, 12)
    assert clock.warning_at(OFFICE, 30 * MINUTE) == nov(11, 12, 30)
    over_weekend = running(4 * HOUR, nov(15, 16))
    assert over_weekend.warning_at(OFFICE, 0.75) == nov(18, 11)
    assert over_weekend.warning_at(OFFICE, 30 * MINUTE) == nov(18, 11, 30)


def test_warning_is_none_unless_running_and_immediate_when_already_past() -> None:
    paused = running(4 * HOUR, nov(11, 9)).pause(nov(11, 12, 30), OFFICE)
    assert paused.warning_at(OFFICE, 0.75) is None
    assert paused.resume(nov(12, 10)).warning_at(OFFICE, 0.75) == nov(12, 10)
    lead_beyond_target = running(HOUR, nov(11, 9)).warning_at(OFFICE, 2 * HOUR)
    assert lead_beyond_target == nov(11, 9)


@pytest.mark.parametrize("warn", [0.0, 1.0, 1.5, -0.25, True, -MINUTE])
def test_warning_threshold_must_make_sense(warn: float | timedelta) -> None:
    with pytest.raises(ValueError, match="warning"):
        running(HOUR, nov(11, 9)).warning_at(OFFICE, warn)


def test_next_check_is_the_soonest_warning_or_deadline_still_ahead() -> None:
    clocks = [
        running(HOUR, nov(11, 9), ClockKind.FIRST_RESPONSE),  # warns 09:45, due 10:00
        running(8 * HOUR, nov(11, 9), ClockKind.RESOLUTION),  # warns 15:00, due 17:00
        running(HOUR, nov(11, 9), ClockKind.NEXT_RESPONSE).pause(nov(11, 9, 5), OFFICE),
    ]

    def check(now: datetime) -> datetime | None:
        return next_check_at(clocks, calendar=OFFICE, warn=0.75, now=now)

    assert check(nov(11, 9)) == nov(11, 9, 45)
    assert check(nov(11, 9, 45)) == nov(11, 9, 45)
    assert check(nov(11, 9, 50)) == nov(11, 10)
    assert check(nov(11, 10, 30)) == nov(11, 15)
    assert check(nov(11, 16)) == nov(11, 17)
    assert check(nov(11, 17, 30)) is None
    assert next_check_at([], calendar=OFFICE, warn=0.75, now=nov(11, 9)) is None


# -- any sequence of pauses ---------------------------------------------------------


@settings(max_examples=60, deadline=None)
@given(
    st.integers(1, 40 * 60),
    st.lists(st.integers(1, 4 * 24 * 60), min_size=1, max_size=8),
)
def test_used_time_is_the_business_time_of_the_running_spans(
    target_minutes: int, gaps_in_minutes: list[int]
) -> None:
    target = target_minutes * MINUTE
    moment = nov(14, 15, 7)
    clock = running(target, moment)
    expected_used, breach_seen = timedelta(0), False
    for gap in gaps_in_minutes:
        later = moment + gap * MINUTE
        if clock.state is ClockState.RUNNING:
            if expected_used <= target:
                due = add_business_time(OFFICE, moment, target - expected_used)
                assert clock.due_at(OFFICE) == due
                breach_seen = breach_seen or later > due
            expected_used += business_time_between(OFFICE, moment, later)
            clock = clock.pause(later, OFFICE)
        else:
            clock = clock.resume(later)
        moment = later
        assert clock.used_at(moment, OFFICE) == expected_used
        expected_breach = breach_seen or expected_used > target
        assert (clock.status(moment, OFFICE) is ClockStatus.BREACHED) == expected_breach
