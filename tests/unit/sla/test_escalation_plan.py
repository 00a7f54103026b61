"""Planning warnings, breaches and escalation levels at an instant (pure)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import UTC, datetime, timedelta

from calmdesk.sla.escalation import JUST_AFTER, FiredKey, Plan, Rung, RunningClock, SlaEventKind, plan_checks

T0 = datetime(2024, 11, 11, 9, 0, tzinfo=UTC)
MIN = timedelta(minutes=1)
CLOCK = RunningClock("first_response", 1, due_at=T0 + 60 * MIN, warning_at=T0 + 45 * MIN)
CHAIN = [Rung(1, timedelta(0)), Rung(2, 30 * MIN), Rung(3, 120 * MIN)]


def plan(
    now: datetime,
    *,
    fired: Iterable[FiredKey] = (),
    acked: Iterable[tuple[str, int]] = (),
    clock: RunningClock = CLOCK,
    rungs: Sequence[Rung] = CHAIN,
) -> Plan:
    return plan_checks([clock], fired=fired, acknowledged=acked, rungs=rungs, now=now)


def keys(result: Plan) -> list[tuple[str, int]]:
    return [(step.event.value, step.level) for step in result.steps]


def test_before_the_warning_nothing_fires_and_the_next_check_is_the_warning() -> None:
    result = plan(T0 + 10 * MIN)
    assert result.steps == ()
    assert result.next_check_at == T0 + 45 * MIN


def test_the_warning_fires_once_at_its_time_then_the_deadline_is_next() -> None:
    result = plan(T0 + 45 * MIN)
    assert keys(result) == [("warning", 0)]
    assert result.steps[0].occurred_at == T0 + 45 * MIN
    fired = {step.key for step in result.steps}
    again = plan(T0 + 50 * MIN, fired=fired)
    assert again.steps == ()
    assert again.next_check_at == T0 + 60 * MIN + JUST_AFTER


def test_at_the_deadline_itself_the_clock_is_not_yet_breached() -> None:
    assert keys(plan(T0 + 60 * MIN, fired={("first_response", 1, "warning", 0)})) == []


def test_breach_fires_with_level_one_at_once_and_schedules_level_two() -> None:
    warned = {("first_response", 1, "warning", 0)}
    result = plan(T0 + 60 * MIN + JUST_AFTER, fired=warned)
    assert keys(result) == [("breach", 0), ("escalation", 1)]
    assert all(step.occurred_at == T0 + 60 * MIN for step in result.steps)  # the breach instant
    assert result.next_check_at == T0 + 90 * MIN


def test_a_late_worker_fires_the_breach_and_every_level_due_but_skips_the_stale_warning() -> None:
    result = plan(T0 + 200 * MIN)
    assert keys(result) == [("breach", 0), ("escalation", 1), ("escalation", 2), ("escalation", 3)]
    assert [s.occurred_at for s in result.steps][-1] == T0 + 180 * MIN
    assert result.next_check_at is None


def test_fired_steps_never_fire_again() -> None:
    fired = {
        ("first_response", 1, "breach", 0),
        ("first_response", 1, "escalation", 1),
        ("first_response", 1, "escalation", 2),
    }
    result = plan(T0 + 100 * MIN, fired=fired)
    assert result.steps == ()
    assert result.next_check_at == T0 + 180 * MIN


def test_acknowledging_stops_the_climb_but_not_the_breach_record() -> None:
    acked = {("first_response", 1)}
    result = plan(T0 + 200 * MIN, acked=acked)
    assert keys(result) == [("breach", 0)]
    assert result.next_check_at is None


def test_an_acknowledgement_of_another_cycle_does_not_stop_this_one() -> None:
    result = plan(T0 + 61 * MIN, acked={("first_response", 2), ("resolution", 1)})
    assert ("escalation", 1) in keys(result)


def test_a_recorded_breach_stands_even_if_the_deadline_moved_later() -> None:
    # Retargeted after the breach: the deadline is later now, but the breach happened.
    clock = RunningClock("resolution", 1, due_at=T0 + 600 * MIN, breached_at=T0 + 60 * MIN)
    result = plan(T0 + 95 * MIN, clock=clock)
    assert keys(result) == [("breach", 0), ("escalation", 1), ("escalation", 2)]
    assert result.steps[0].occurred_at == T0 + 60 * MIN


def test_no_chain_means_only_the_breach() -> None:
    result = plan(T0 + 61 * MIN, rungs=[])
    assert keys(result) == [("breach", 0)]
    assert result.next_check_at is None


def test_several_clocks_plan_independently_and_the_soonest_is_next() -> None:
    resolution = RunningClock("resolution", 1, due_at=T0 + 480 * MIN, warning_at=T0 + 360 * MIN)
    result = plan_checks([CLOCK, resolution], fired=set(), acknowledged=(), rungs=CHAIN, now=T0 + 61 * MIN)
    assert {(s.clock_kind, s.event) for s in result.steps} == {
        ("first_response", SlaEventKind.BREACH),
        ("first_response", SlaEventKind.ESCALATION),
    }
    assert result.next_check_at == T0 + 90 * MIN


def test_warning_time_without_a_warning_rule_is_skipped() -> None:
    clock = RunningClock("next_response", 3, due_at=T0 + 60 * MIN)
    result = plan(T0, clock=clock)
    assert result.steps == ()
    assert result.next_check_at == T0 + 60 * MIN + JUST_AFTER
