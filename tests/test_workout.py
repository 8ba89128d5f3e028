"""The workout engine, driven by a fake clock: every time asserted is exact."""

from __future__ import annotations

from typing import Any

import pytest

from hamtimer.circuit import parse_circuit
from hamtimer.clock import FakeClock
from hamtimer.events import Event, EventKind, StepRecord, StepStatus
from hamtimer.plan import Plan, StepKind, WorkMode, build_plan
from hamtimer.workout import Snapshot, Workout, WorkoutState

E = EventKind
S = StepStatus
T0 = 1000.0

# 0 get ready 5 s | 1 Plank 20 s | 2 rest 30 s | 3 Squat 10 reps (done) | 4 rest 30 s |
# 5 Bird dog to fatigue (done, estimate 40 s).  Estimated total: 155 s.
TINY = """
name = "tiny"
[timing]
get_ready = 5
rest_between_exercises = 30
[[blocks]]
name = "Block"
sets = 1
[[blocks.exercises]]
name = "Plank"
kind = "isometric"
seconds = 20
[[blocks.exercises]]
name = "Squat"
kind = "strength"
reps = 10
challenge = "Hold a weight."
[[blocks.exercises]]
name = "Bird dog"
kind = "isometric"
to_fatigue = true
expected_seconds = 40
"""

# 0 get ready 2 s | 1 Halo right: 4 reps at 2.5 s | 2 switch sides 3 s | 3 Halo left.
PACED = """
name = "paced"
[timing]
get_ready = 2
switch_sides = 3
[[blocks]]
name = "Block"
sets = 1
[[blocks.exercises]]
name = "Halo"
kind = "stability"
sides = ["right", "left"]
reps = 4
tempo = 2.5
"""


def plan_of(text: str, *, challenge: bool = False) -> Plan:
    return build_plan(parse_circuit(text), challenge=challenge)


class Rig:
    """A workout on a fake clock, with every event it emits."""

    def __init__(self, plan: Plan, **options: Any) -> None:
        self.clock = FakeClock(T0)
        self.workout = Workout(plan, self.clock, **options)
        self.events: list[Event] = []
        self.workout.subscribe(self.events.append)

    def at(self, reading: float) -> Rig:
        """Move the clock to T0 + `reading` and let the engine catch up."""
        self.clock.set(T0 + reading)
        self.workout.update()
        return self

    def snap(self) -> Snapshot:
        return self.workout.snapshot()

    def seen(self, *kinds: EventKind) -> list[tuple[EventKind, float, int, int | None]]:
        """(kind, due relative to T0, step index, count) of events of these kinds."""
        return [
            (e.kind, e.due - T0, e.step_index, e.count)
            for e in self.events
            if not kinds or e.kind in kinds
        ]

    def ends(self) -> list[tuple[int, float, StepStatus | None]]:
        return [(e.step_index, e.due - T0, e.status) for e in self.events if e.kind is E.STEP_ENDED]

    def record(self, index: int) -> StepRecord:
        return self.workout.records[index]


def started(plan: Plan, **options: Any) -> Rig:
    rig = Rig(plan, **options)
    rig.workout.start()
    return rig


@pytest.fixture
def tiny() -> Rig:
    return started(plan_of(TINY))


# ----------------------------------------------------------------------- whole runs


def test_full_run_of_the_bundled_circuit_ends_at_planned_time_plus_holds(
    hamstring_plan: Plan,
) -> None:
    """Driven only by done presses and clock advances to `next_change()`."""
    rig = started(hamstring_plan)
    workout, clock = rig.workout, rig.clock
    holds: dict[int, float] = {}
    while workout.state is WorkoutState.RUNNING:
        step = workout.snapshot().step
        assert step is not None
        if step.ends_itself:
            moment = workout.next_change()
            assert moment is not None and moment > clock.now()
            clock.set(moment)
            workout.update()
        else:
            holds[step.index] = 10.0 + (step.index % 7) * 0.25
            clock.advance(holds[step.index])
            workout.done()
    fixed = sum(step.seconds for step in hamstring_plan.steps if step.seconds is not None)
    assert fixed == 1324.0 - sum(hamstring_plan.steps[i].estimate for i in holds)
    assert workout.state is WorkoutState.FINISHED
    assert workout.ended_at == T0 + fixed + sum(holds.values())
    assert [e.kind for e in rig.events].count(E.FINISHED) == 1
    assert rig.events[-1] == Event(E.FINISHED, workout.ended_at, 47)
    assert len(rig.seen(E.STEP_STARTED)) == 48
    for step, record in zip(hamstring_plan.steps, workout.records, strict=True):
        expected = holds.get(step.index, step.seconds)
        assert record.active_seconds == expected
        assert record.paused_seconds == 0.0
        assert record.status is (S.DONE if step.index in holds else S.TIMED_OUT)
        assert record.held_seconds == (expected if step.mode is WorkMode.OPEN else None)
    snap = workout.snapshot()
    assert (snap.fraction, snap.workout_remaining, snap.step_remaining) == (1.0, 0.0, None)
    assert snap.workout_elapsed == fixed + sum(holds.values())
    assert workout.next_change() is None


def test_ticking_in_odd_chunks_gives_the_same_times_as_one_jump() -> None:
    """No error accumulates however often, or how rarely, the engine is woken."""
    chunky, sleepy = started(plan_of(TINY)), started(plan_of(TINY))
    for _ in range(600):
        chunky.clock.advance(0.1)  # not exact in binary: the fake clock drifts, deadlines don't
        chunky.workout.update()
    sleepy.at(60.0)
    expected = [(0, 5.0, S.TIMED_OUT), (1, 25.0, S.TIMED_OUT), (2, 55.0, S.TIMED_OUT)]
    assert chunky.ends() == sleepy.ends() == expected
    assert chunky.seen() == sleepy.seen()
    assert chunky.workout.index == sleepy.workout.index == 3


def test_a_long_sleep_ends_each_step_at_its_own_deadline(tiny: Rig) -> None:
    tiny.at(500.0)
    assert tiny.ends() == [(0, 5.0, S.TIMED_OUT), (1, 25.0, S.TIMED_OUT), (2, 55.0, S.TIMED_OUT)]
    snap = tiny.snap()
    assert (snap.index, snap.step_elapsed, snap.workout_elapsed) == (3, 445.0, 500.0)
    assert tiny.record(2) == StepRecord(2, S.TIMED_OUT, T0 + 25, T0 + 55, 30.0, 0.0)


def test_events_in_order_with_their_due_times(tiny: Rig) -> None:
    tiny.at(12.0).at(54.5).at(67.5)
    tiny.workout.done()
    assert tiny.seen() == [
        (E.STEP_STARTED, 0.0, 0, None),
        (E.COUNTDOWN, 2.0, 0, 3),
        (E.COUNTDOWN, 3.0, 0, 2),
        (E.COUNTDOWN, 4.0, 0, 1),
        (E.STEP_ENDED, 5.0, 0, None),
        (E.STEP_STARTED, 5.0, 1, None),
        (E.GO, 5.0, 1, None),
        (E.COUNTDOWN, 22.0, 1, 3),
        (E.COUNTDOWN, 23.0, 1, 2),
        (E.COUNTDOWN, 24.0, 1, 1),
        (E.STEP_ENDED, 25.0, 1, None),
        (E.STEP_STARTED, 25.0, 2, None),
        (E.COUNTDOWN, 52.0, 2, 3),
        (E.COUNTDOWN, 53.0, 2, 2),
        (E.COUNTDOWN, 54.0, 2, 1),
        (E.STEP_ENDED, 55.0, 2, None),
        (E.STEP_STARTED, 55.0, 3, None),
        (E.GO, 55.0, 3, None),
        (E.STEP_ENDED, 67.5, 3, None),
        (E.STEP_STARTED, 67.5, 4, None),
    ]
    assert [e.status for e in tiny.events if e.kind is E.STEP_ENDED] == [
        S.TIMED_OUT,
        S.TIMED_OUT,
        S.TIMED_OUT,
        S.DONE,
    ]


# ------------------------------------------------------------------------------ pause


def test_pausing_7_s_in_the_middle_of_a_30_s_rest_ends_it_at_37_s(tiny: Rig) -> None:
    tiny.at(25.0 + 15.0)
    assert tiny.snap().step_remaining == 15.0
    tiny.workout.pause()
    tiny.at(25.0 + 22.0)
    snap = tiny.snap()
    assert (snap.paused, snap.state, snap.step_remaining, snap.step_elapsed) == (
        True,
        WorkoutState.PAUSED,
        15.0,
        15.0,
    )
    assert snap.workout_elapsed == 40.0
    tiny.workout.resume()
    tiny.at(25.0 + 36.75)
    assert tiny.workout.index == 2
    assert tiny.snap().step_remaining == 0.25
    tiny.at(25.0 + 37.0)
    assert tiny.ends()[-1] == (2, 62.0, S.TIMED_OUT)
    assert tiny.seen(E.COUNTDOWN)[-3:] == [
        (E.COUNTDOWN, 59.0, 2, 3),
        (E.COUNTDOWN, 60.0, 2, 2),
        (E.COUNTDOWN, 61.0, 2, 1),
    ]
    assert tiny.seen(E.PAUSED, E.RESUMED) == [(E.PAUSED, 40.0, 2, None), (E.RESUMED, 47.0, 2, None)]
    assert tiny.record(2) == StepRecord(2, S.TIMED_OUT, T0 + 25, T0 + 62, 30.0, 7.0)


def test_pause_twice_resume_twice_and_toggle(tiny: Rig) -> None:
    tiny.at(1.0)
    tiny.workout.resume()  # running: nothing to resume
    tiny.workout.pause()
    tiny.at(2.0)
    tiny.workout.pause()  # paused already
    tiny.at(3.0)
    tiny.workout.toggle_pause()
    tiny.at(4.0)
    tiny.workout.resume()  # running again already
    tiny.workout.toggle_pause()
    tiny.at(6.0)
    tiny.workout.toggle_pause()
    assert tiny.seen(E.PAUSED, E.RESUMED) == [
        (E.PAUSED, 1.0, 0, None),
        (E.RESUMED, 3.0, 0, None),
        (E.PAUSED, 4.0, 0, None),
        (E.RESUMED, 6.0, 0, None),
    ]
    snap = tiny.snap()
    assert (snap.step_elapsed, snap.step_remaining, snap.workout_elapsed) == (2.0, 3.0, 2.0)
    assert tiny.workout.next_change() == T0 + 7.0


def test_a_countdown_due_during_a_pause_waits_for_the_resume(tiny: Rig) -> None:
    tiny.at(1.5)
    tiny.workout.pause()
    tiny.at(60.0)
    assert tiny.seen(E.COUNTDOWN) == [] and tiny.workout.next_change() is None
    tiny.workout.resume()
    tiny.at(62.0)
    assert tiny.seen(E.COUNTDOWN, E.STEP_ENDED) == [
        (E.COUNTDOWN, 60.5, 0, 3),
        (E.COUNTDOWN, 61.5, 0, 2),
    ]


# ----------------------------------------------------------------------------- adjust


def test_adding_ten_seconds_by_default_and_removing_ten(tiny: Rig) -> None:
    tiny.at(30.0)  # 5 s into the 30 s rest (deadline 55)
    tiny.workout.adjust()
    assert tiny.snap().step_remaining == 35.0
    tiny.workout.adjust(10)
    tiny.workout.adjust(-10)
    tiny.workout.adjust(-10)
    assert tiny.snap().step_remaining == 25.0
    tiny.workout.adjust(-2.5)
    tiny.at(52.4375)
    assert tiny.workout.index == 2
    tiny.at(52.5)
    assert tiny.ends()[-1] == (2, 52.5, S.TIMED_OUT)
    assert tiny.record(2).active_seconds == 27.5


def test_removing_more_than_remains_ends_the_step_now(tiny: Rig) -> None:
    tiny.at(40.25)  # 14.75 s left of the rest
    tiny.workout.adjust(-20)
    assert tiny.ends()[-1] == (2, 40.25, S.TIMED_OUT)
    assert tiny.seen(E.STEP_STARTED, E.GO)[-2:] == [
        (E.STEP_STARTED, 40.25, 3, None),
        (E.GO, 40.25, 3, None),
    ]
    assert tiny.record(2).active_seconds == 15.25


def test_removing_exactly_what_remains_ends_the_step_now(tiny: Rig) -> None:
    tiny.at(45.0)
    tiny.workout.adjust(-10)
    assert tiny.ends()[-1] == (2, 45.0, S.TIMED_OUT)
    assert tiny.snap().step_remaining is None  # on the squat, which waits for done


def test_adding_time_in_the_countdown_counts_down_again(tiny: Rig) -> None:
    tiny.at(22.5)  # plank: the 3 has sounded
    tiny.workout.adjust(10)
    tiny.at(40.0)
    assert tiny.seen(E.COUNTDOWN)[3:] == [
        (E.COUNTDOWN, 22.0, 1, 3),
        (E.COUNTDOWN, 32.0, 1, 3),
        (E.COUNTDOWN, 33.0, 1, 2),
        (E.COUNTDOWN, 34.0, 1, 1),
    ]
    assert tiny.ends()[1] == (1, 35.0, S.TIMED_OUT)


def test_removing_time_skips_countdown_numbers_already_past(tiny: Rig) -> None:
    tiny.at(20.5)  # plank, 4.5 s left, no countdown yet
    tiny.workout.adjust(-2)  # 2.5 s left: "3" would have been half a second ago
    tiny.at(30.0)
    assert tiny.seen(E.COUNTDOWN)[3:] == [(E.COUNTDOWN, 21.0, 1, 2), (E.COUNTDOWN, 22.0, 1, 1)]
    assert tiny.ends()[1] == (1, 23.0, S.TIMED_OUT)


def test_adjust_does_nothing_on_steps_that_wait_for_done_or_count_reps(tiny: Rig) -> None:
    tiny.at(60.0)  # squat
    tiny.workout.adjust(30)
    tiny.workout.adjust(-100)
    assert (tiny.workout.index, tiny.snap().step_remaining) == (3, None)
    paced = started(plan_of(PACED))
    paced.at(3.0)
    paced.workout.adjust(-100)
    paced.workout.adjust(10)
    assert (paced.workout.index, paced.snap().step_remaining) == (1, 9.0)


def test_adjust_while_paused_moves_the_frozen_deadline(tiny: Rig) -> None:
    tiny.at(45.0)  # 10 s left of the rest
    tiny.workout.pause()
    tiny.at(50.0)
    tiny.workout.adjust(-4)
    assert tiny.snap().step_remaining == 6.0
    tiny.workout.resume()
    tiny.at(55.0)
    assert tiny.workout.index == 2
    tiny.at(56.0)
    assert tiny.ends()[-1] == (2, 56.0, S.TIMED_OUT)
    assert (tiny.record(2).active_seconds, tiny.record(2).paused_seconds) == (26.0, 5.0)


def test_removing_all_time_while_paused_moves_on_and_stays_paused(tiny: Rig) -> None:
    tiny.at(45.0)
    tiny.workout.pause()
    tiny.at(50.0)
    tiny.workout.adjust(-10)
    assert tiny.ends()[-1] == (2, 50.0, S.TIMED_OUT)
    assert tiny.workout.state is WorkoutState.PAUSED and tiny.workout.index == 3
    assert tiny.seen(E.GO)[-1] == (E.GO, 5.0, 1, None)  # squat's GO waits for the resume
    tiny.at(53.0)
    tiny.workout.resume()
    assert tiny.seen(E.GO)[-1] == (E.GO, 53.0, 3, None)
    assert (tiny.record(2).active_seconds, tiny.record(2).paused_seconds) == (20.0, 5.0)
    assert (tiny.record(3).active_seconds, tiny.record(3).paused_seconds) == (0.0, 3.0)


def test_adjust_ignores_a_number_that_is_not_finite(tiny: Rig) -> None:
    tiny.at(30.0)
    tiny.workout.adjust(float("nan"))
    tiny.workout.adjust(float("-inf"))
    assert tiny.snap().step_remaining == 25.0


# --------------------------------------------------------------------- skip and back


def test_skip_moves_on_and_records_skipped(tiny: Rig) -> None:
    tiny.at(2.0)
    tiny.workout.skip()
    tiny.workout.skip()
    assert tiny.ends() == [(0, 2.0, S.SKIPPED), (1, 2.0, S.SKIPPED)]
    assert tiny.workout.index == 2 and tiny.snap().step_remaining == 30.0


def test_skip_on_the_last_step_finishes_and_skip_past_the_end_does_nothing(tiny: Rig) -> None:
    tiny.at(55.0)
    tiny.workout.skip()  # squat
    tiny.workout.skip()  # rest
    tiny.at(60.0)
    tiny.workout.skip()  # bird dog, the last step
    assert tiny.workout.state is WorkoutState.FINISHED and tiny.workout.ended_at == T0 + 60.0
    count = len(tiny.events)
    for _ in range(3):
        tiny.workout.skip()
    assert len(tiny.events) == count
    assert tiny.seen()[-2:] == [(E.STEP_ENDED, 60.0, 5, None), (E.FINISHED, 60.0, 5, None)]
    assert tiny.record(5).status is S.SKIPPED and tiny.record(5).held_seconds is None
    snap = tiny.snap()
    assert (snap.index, snap.state, snap.next_step, snap.fraction) == (
        5,
        WorkoutState.FINISHED,
        None,
        1.0,
    )


def test_skip_at_the_instant_a_step_ends_acts_on_the_step_that_just_began(tiny: Rig) -> None:
    """Commands act on the true present: at 25.0 the plank is over and the rest has begun."""
    tiny.clock.set(T0 + 25.0)
    tiny.workout.skip()
    assert tiny.ends() == [(0, 5.0, S.TIMED_OUT), (1, 25.0, S.TIMED_OUT), (2, 25.0, S.SKIPPED)]
    assert tiny.workout.index == 3


def test_back_at_the_instant_a_step_ends_returns_to_it(tiny: Rig) -> None:
    tiny.clock.set(T0 + 25.0)
    tiny.workout.back()
    assert tiny.ends()[-2:] == [(1, 25.0, S.TIMED_OUT), (2, 25.0, S.SKIPPED)]
    assert tiny.workout.index == 1 and tiny.snap().step_remaining == 20.0
    assert tiny.record(1) == StepRecord(1, S.ABANDONED, T0 + 5.0, None, 20.0, 0.0)


def test_back_early_in_a_step_goes_to_the_previous_step(tiny: Rig) -> None:
    tiny.at(26.5)  # 1.5 s into the rest
    tiny.workout.back()
    assert tiny.ends()[-1] == (2, 26.5, S.SKIPPED)
    assert tiny.seen(E.STEP_STARTED, E.GO)[-2:] == [
        (E.STEP_STARTED, 26.5, 1, None),
        (E.GO, 26.5, 1, None),
    ]
    assert tiny.snap().step_remaining == 20.0


def test_back_at_exactly_the_grace_still_goes_to_the_previous_step(tiny: Rig) -> None:
    tiny.at(27.0)
    tiny.workout.back()
    assert tiny.workout.index == 1


def test_back_later_in_a_step_restarts_it(tiny: Rig) -> None:
    tiny.at(27.25)
    tiny.workout.back()
    assert tiny.workout.index == 2
    assert tiny.ends()[-1] == (2, 27.25, S.SKIPPED)
    assert tiny.seen(E.STEP_STARTED)[-1] == (E.STEP_STARTED, 27.25, 2, None)
    tiny.at(57.25)
    assert tiny.ends()[-1] == (2, 57.25, S.TIMED_OUT)
    assert tiny.record(2) == StepRecord(2, S.TIMED_OUT, T0 + 25, T0 + 57.25, 32.25, 0.0)


def test_back_counts_active_time_so_a_long_pause_does_not_use_up_the_grace(tiny: Rig) -> None:
    tiny.at(26.0)
    tiny.workout.pause()
    tiny.at(40.0)
    tiny.workout.back()
    assert tiny.workout.index == 1 and tiny.workout.state is WorkoutState.PAUSED


def test_back_on_the_first_step_restarts_it(tiny: Rig) -> None:
    tiny.at(0.5)
    tiny.workout.back()
    tiny.at(4.0)
    tiny.workout.back()
    assert tiny.ends() == [(0, 0.5, S.SKIPPED), (0, 4.0, S.SKIPPED)]
    assert tiny.workout.index == 0 and tiny.snap().step_remaining == 5.0
    assert tiny.record(0).active_seconds == 4.0


def test_back_from_the_last_step_and_skip_from_the_first(tiny: Rig) -> None:
    tiny.workout.skip()
    assert tiny.workout.index == 1
    for _ in range(4):
        tiny.workout.skip()
    assert tiny.workout.index == 5
    tiny.at(1.0)
    tiny.workout.back()
    assert tiny.workout.index == 4 and tiny.workout.state is WorkoutState.RUNNING


def test_restart_step_accumulates_the_record_and_keeps_the_latest_status(tiny: Rig) -> None:
    tiny.at(55.0 + 8.0)
    tiny.workout.restart_step()
    assert tiny.record(3).status is S.ABANDONED and tiny.record(3).ended is None  # in progress
    tiny.at(55.0 + 12.0)
    tiny.workout.done()
    assert tiny.record(3) == StepRecord(3, S.DONE, T0 + 55, T0 + 67, 12.0, 0.0)
    assert tiny.seen(E.GO)[-2:] == [(E.GO, 55.0, 3, None), (E.GO, 63.0, 3, None)]


# ------------------------------------------------------------------------------- done


def test_done_ends_a_rep_step_and_a_second_press_is_ignored(tiny: Rig) -> None:
    tiny.at(70.0)
    tiny.workout.done()
    tiny.at(70.25)
    tiny.workout.done()  # a double tap must not end the rest that just began
    assert tiny.ends()[-1] == (3, 70.0, S.DONE)
    assert tiny.workout.index == 4 and tiny.snap().step_remaining == 29.75


def test_done_after_the_guard_acts_on_the_new_step(tiny: Rig) -> None:
    tiny.at(70.0)
    tiny.workout.done()
    tiny.at(70.5)
    tiny.workout.done()
    assert tiny.ends()[-2:] == [(3, 70.0, S.DONE), (4, 70.5, S.DONE)]
    assert tiny.workout.index == 5


def test_done_during_a_rest_ends_it_early_as_done(tiny: Rig) -> None:
    tiny.at(40.0)
    tiny.workout.done()
    assert tiny.ends()[-1] == (2, 40.0, S.DONE)
    assert tiny.seen(E.GO)[-1] == (E.GO, 40.0, 3, None)
    assert tiny.record(2).active_seconds == 15.0 and tiny.record(2).held_seconds is None


def test_done_just_after_a_rest_runs_out_is_taken_as_meant_for_the_rest(tiny: Rig) -> None:
    tiny.at(55.25)
    tiny.workout.done()
    assert tiny.workout.index == 3 and tiny.ends()[-1] == (2, 55.0, S.TIMED_OUT)


def test_done_right_after_start_is_ignored(tiny: Rig) -> None:
    tiny.workout.done()
    assert tiny.workout.index == 0


def test_done_with_a_zero_guard_acts_at_once() -> None:
    rig = started(plan_of(TINY), done_guard=0.0)
    rig.workout.done()
    rig.workout.done()
    assert rig.ends() == [(0, 0.0, S.DONE), (1, 0.0, S.DONE)]


def test_a_hold_to_fatigue_counts_up_and_records_the_time_held(tiny: Rig) -> None:
    tiny.at(55.0)
    tiny.workout.skip()
    tiny.workout.skip()  # onto the bird dog at 55
    tiny.at(55.0 + 47.75)
    snap = tiny.snap()
    assert (snap.step_elapsed, snap.step_remaining, snap.workout_remaining) == (47.75, None, 0.0)
    tiny.workout.pause()
    tiny.at(55.0 + 60.0)
    tiny.workout.resume()
    tiny.at(55.0 + 61.0)
    tiny.workout.done()
    assert tiny.record(5) == StepRecord(
        5, S.DONE, T0 + 55, T0 + 116, 48.75, 12.25, held_seconds=48.75
    )
    assert tiny.workout.state is WorkoutState.FINISHED


# ------------------------------------------------------------------------ paced reps


def test_paced_reps_tick_at_the_tempo_and_end_the_step_as_done() -> None:
    rig = started(plan_of(PACED))
    rig.at(13.5)
    assert rig.seen(E.REP, E.COUNTDOWN, E.GO, E.SWITCH_SIDES) == [
        (E.COUNTDOWN, 0.0, 0, 2),
        (E.COUNTDOWN, 1.0, 0, 1),
        (E.GO, 2.0, 1, None),
        (E.REP, 2.0, 1, 1),
        (E.REP, 4.5, 1, 2),
        (E.REP, 7.0, 1, 3),
        (E.REP, 9.5, 1, 4),
        (E.SWITCH_SIDES, 12.0, 2, None),
        (E.COUNTDOWN, 12.0, 2, 3),
        (E.COUNTDOWN, 13.0, 2, 2),
    ]
    assert rig.ends() == [(0, 2.0, S.TIMED_OUT), (1, 12.0, S.DONE)]
    assert rig.record(1).reps_counted == 4
    order = [e.kind for e in rig.events if e.due == T0 + 2.0]
    assert order == [E.STEP_ENDED, E.STEP_STARTED, E.GO, E.REP]


def test_paced_reps_snapshot_and_an_early_done_records_reps_counted() -> None:
    rig = started(plan_of(PACED))
    rig.at(2.0 + 5.25)
    snap = rig.snap()
    assert (snap.reps_counted, snap.step_elapsed, snap.step_remaining) == (3, 5.25, 4.75)
    assert rig.workout.next_change() == T0 + 8.0  # the displayed 5 turns to 4
    rig.workout.done()
    assert rig.record(1).reps_counted == 3 and rig.record(1).status is S.DONE


def test_a_pause_shifts_the_rep_ticks() -> None:
    rig = started(plan_of(PACED))
    rig.at(3.0)
    rig.workout.pause()
    rig.at(4.0)
    rig.workout.resume()
    rig.at(20.0)
    assert [due for _, due, _, _ in rig.seen(E.REP)][:4] == [2.0, 5.5, 8.0, 10.5]
    assert rig.ends()[1] == (1, 13.0, S.DONE)


# ------------------------------------------------------------------ snapshot and waking


def test_snapshot_before_start_describes_the_first_step() -> None:
    rig = Rig(plan_of(TINY))
    snap = rig.snap()
    assert snap.state is WorkoutState.READY and not snap.paused
    assert (snap.index, snap.total, snap.step_elapsed, snap.step_remaining) == (0, 6, 0.0, 5.0)
    assert snap.step is not None and snap.step.kind is StepKind.GET_READY
    assert snap.next_step is not None and snap.next_step.title == "Plank"
    assert (snap.workout_elapsed, snap.workout_remaining, snap.fraction) == (0.0, 155.0, 0.0)
    assert rig.workout.next_change() is None


def test_snapshot_estimates_the_rest_of_the_workout(tiny: Rig) -> None:
    tiny.at(55.0 + 6.0)  # 6 s into the squat (estimate 30)
    snap = tiny.snap()
    assert snap.reps_counted is None  # unpaced reps are the runner's to count
    assert snap.workout_remaining == 24.0 + 30.0 + 40.0
    assert snap.fraction == pytest.approx(61.0 / 155.0, abs=1e-12)
    tiny.at(55.0 + 40.0)  # longer than estimated: never below zero
    assert tiny.snap().workout_remaining == 70.0


def test_snapshot_is_read_only_and_never_negative(tiny: Rig) -> None:
    tiny.clock.set(T0 + 7.0)  # the get-ready's deadline passed, nobody called update
    snap = tiny.snap()
    assert (snap.index, snap.step_remaining, snap.step_elapsed) == (0, 0.0, 5.0)
    assert tiny.seen(E.STEP_ENDED) == []
    assert tiny.workout.next_change() == T0 + 2.0  # overdue: the cue for 3 is still owed
    tiny.workout.update()
    assert tiny.snap().index == 1


def test_next_change_walks_whole_seconds_of_step_and_workout(tiny: Rig) -> None:
    tiny.at(55.0)
    tiny.at(67.5)
    assert tiny.workout.next_change() == T0 + 68.0  # squat counts up from 55.0: 68.0
    tiny.workout.done()  # the rest runs from 67.5 to 97.5
    moments = []
    for _ in range(4):
        moment = tiny.workout.next_change()
        assert moment is not None
        moments.append(moment - T0)
        tiny.at(moment - T0)
    assert moments == [68.0, 68.5, 69.0, 69.5]
    assert tiny.snap().step_remaining == 28.0


def test_next_change_can_leave_out_the_workout_clock(tiny: Rig) -> None:
    """The same rest as above: only the rest's own seconds when the workout clock is left out."""
    tiny.at(55.0)
    tiny.at(67.5)
    tiny.workout.done()  # the rest runs from 67.5 to 97.5
    moments = []
    for _ in range(3):
        moment = tiny.workout.next_change(workout_seconds=False)
        assert moment is not None
        moments.append(moment - T0)
        tiny.at(moment - T0)
    assert moments == [68.5, 69.5, 70.5]


def test_next_change_never_stalls_where_a_reading_loses_precision() -> None:
    """2047.7 + 1 rounds down onto a reading whose elapsed time is just under 1 s."""
    clock = FakeClock(2047.7)
    workout = Workout(plan_of(TINY), clock)
    workout.start()
    for _ in range(12):
        moment = workout.next_change()
        assert moment is not None and moment > clock.now()
        clock.set(moment)
        workout.update()
    assert workout.index == 1 and workout.records[0].ended == 2047.7 + 5


def test_next_change_is_none_unless_running(tiny: Rig) -> None:
    tiny.workout.pause()
    assert tiny.workout.next_change() is None
    tiny.workout.abandon()
    assert tiny.workout.next_change() is None


# ------------------------------------------------------------------- states and errors


@pytest.mark.parametrize(
    ("state", "active", "over"),
    [
        (WorkoutState.READY, False, False),
        (WorkoutState.RUNNING, True, False),
        (WorkoutState.PAUSED, True, False),
        (WorkoutState.FINISHED, False, True),
        (WorkoutState.ABANDONED, False, True),
    ],
)
def test_a_state_is_active_while_under_way_and_over_once_ended(
    state: WorkoutState, active: bool, over: bool
) -> None:
    assert (state.active, state.over) == (active, over)


def test_the_workout_state_goes_from_ready_through_active_to_over(tiny: Rig) -> None:
    rig = Rig(plan_of(TINY))
    seen = [rig.workout.state]
    for command in (rig.workout.start, rig.workout.pause, rig.workout.resume):
        command()
        seen.append(rig.workout.state)
    rig.workout.abandon()
    seen.append(rig.workout.state)
    assert [(s.active, s.over) for s in seen] == [
        (False, False),
        (True, False),
        (True, False),
        (True, False),
        (False, True),
    ]
    tiny.at(500.0)  # on the squat, then the last rest and the hold: done, done, done
    for moment in (501.0, 502.0, 503.0):
        assert tiny.workout.state.active and not tiny.workout.state.over
        tiny.workout.done()
        tiny.at(moment)
    assert tiny.workout.state is WorkoutState.FINISHED and tiny.workout.state.over


def test_commands_before_start_do_nothing() -> None:
    rig = Rig(plan_of(TINY))
    for command in (
        rig.workout.pause,
        rig.workout.resume,
        rig.workout.toggle_pause,
        rig.workout.skip,
        rig.workout.back,
        rig.workout.done,
        rig.workout.adjust,
        rig.workout.restart_step,
        rig.workout.abandon,
        rig.workout.update,
    ):
        command()
    assert rig.events == [] and rig.workout.state is WorkoutState.READY
    rig.at(3.0)
    rig.workout.start()
    rig.workout.start()
    assert rig.seen() == [(E.STEP_STARTED, 3.0, 0, None)]
    assert rig.workout.started_at == T0 + 3.0


def test_commands_after_the_end_do_nothing(tiny: Rig) -> None:
    tiny.at(10.0)
    tiny.workout.abandon()
    count = len(tiny.events)
    tiny.at(200.0)
    for command in (
        tiny.workout.start,
        tiny.workout.pause,
        tiny.workout.toggle_pause,
        tiny.workout.skip,
        tiny.workout.back,
        tiny.workout.done,
        tiny.workout.restart_step,
        tiny.workout.abandon,
    ):
        command()
    tiny.workout.adjust(-5)
    assert len(tiny.events) == count and tiny.workout.state is WorkoutState.ABANDONED


def test_abandon_records_the_step_in_progress(tiny: Rig) -> None:
    tiny.at(30.0)
    tiny.workout.pause()
    tiny.at(34.0)
    tiny.workout.abandon()
    assert tiny.seen()[-2:] == [(E.STEP_ENDED, 34.0, 2, None), (E.ABANDONED, 34.0, 2, None)]
    assert tiny.record(2) == StepRecord(2, S.ABANDONED, T0 + 25, T0 + 34, 5.0, 4.0)
    assert [r.status for r in tiny.workout.records[3:]] == [S.NOT_REACHED] * 3
    assert tiny.workout.ended_at == T0 + 34.0
    snap = tiny.snap()
    assert (snap.state, snap.paused, snap.step_elapsed, snap.workout_elapsed) == (
        WorkoutState.ABANDONED,
        False,
        5.0,
        30.0,
    )


def test_records_add_up_to_the_clock_time_since_start(tiny: Rig) -> None:
    tiny.at(3.0)
    tiny.workout.pause()
    tiny.at(8.0)
    tiny.workout.skip()
    tiny.at(9.0)
    tiny.workout.resume()
    tiny.at(40.0)
    tiny.workout.back()
    tiny.at(41.0)
    total = sum(r.active_seconds + r.paused_seconds for r in tiny.workout.records)
    assert total == 41.0
    assert tiny.snap().workout_elapsed == sum(r.active_seconds for r in tiny.workout.records)


def test_skip_while_paused_stays_paused_and_the_go_waits(tiny: Rig) -> None:
    tiny.at(1.0)
    tiny.workout.pause()
    tiny.at(2.0)
    tiny.workout.skip()
    assert tiny.workout.state is WorkoutState.PAUSED
    assert tiny.seen(E.STEP_STARTED)[-1] == (E.STEP_STARTED, 2.0, 1, None)
    assert tiny.seen(E.GO) == []
    snap = tiny.snap()
    assert (snap.index, snap.step_remaining, snap.step_elapsed) == (1, 20.0, 0.0)
    tiny.at(6.0)
    tiny.workout.resume()
    assert tiny.seen(E.RESUMED, E.GO) == [(E.RESUMED, 6.0, 1, None), (E.GO, 6.0, 1, None)]
    tiny.at(30.0)
    assert tiny.ends()[-1] == (1, 26.0, S.TIMED_OUT)
    assert (tiny.record(0).paused_seconds, tiny.record(1).paused_seconds) == (1.0, 4.0)


def test_a_listener_that_raises_does_not_stop_the_others() -> None:
    rig = Rig(plan_of(TINY))

    def broken(event: Event) -> None:
        raise RuntimeError("speaker unplugged")

    later: list[Event] = []
    rig.workout.subscribe(broken)
    rig.workout.subscribe(later.append)
    rig.workout.start()
    rig.at(6.0)
    assert later == rig.events and len(later) == 7
    assert rig.workout.listener_errors == 7


def test_a_listener_may_give_commands() -> None:
    """Events go out after the state is consistent, and in order: a listener that pauses on
    GO does not make later listeners hear PAUSED before GO."""
    clock = FakeClock(T0)
    workout = Workout(plan_of(TINY), clock)
    heard: list[Event] = []

    def pause_on_go(event: Event) -> None:
        if event.kind is E.GO:
            workout.pause()

    workout.subscribe(pause_on_go)
    workout.subscribe(heard.append)
    workout.start()
    clock.set(T0 + 9.0)
    workout.update()
    assert [(e.kind, e.due - T0, e.step_index) for e in heard[-3:]] == [
        (E.STEP_STARTED, 5.0, 1),
        (E.GO, 5.0, 1),
        (E.PAUSED, 9.0, 1),  # the listener acts in the present, when it heard GO
    ]
    assert workout.state is WorkoutState.PAUSED


def test_replace_plan_swaps_texts_and_refuses_another_structure(tiny: Rig) -> None:
    tiny.at(60.0)
    tiny.workout.replace_plan(plan_of(TINY, challenge=True))
    snap = tiny.snap()
    assert snap.step is not None and snap.step.challenge == "Hold a weight."
    assert snap.index == 3 and snap.step_elapsed == 5.0
    with pytest.raises(ValueError, match="same steps"):
        tiny.workout.replace_plan(plan_of(PACED))
    with pytest.raises(ValueError, match="same steps"):
        tiny.workout.replace_plan(plan_of(TINY.replace("seconds = 20", "seconds = 25")))


def test_resuming_at_a_step_keeps_prior_records() -> None:
    prior = [
        StepRecord(0, S.TIMED_OUT, 0.0, 0.0, 5.0),
        StepRecord(1, S.TIMED_OUT, 0.0, 0.0, 20.0),
        StepRecord(2, S.SKIPPED, 0.0, 0.0, 3.0, 1.0),
        StepRecord(3, S.ABANDONED, 0.0, None, 9.0),  # at or after start_index: not kept
    ]
    rig = Rig(plan_of(TINY), start_index=3, prior=prior)
    assert rig.workout.records[:3] == prior[:3]
    assert rig.workout.records[0] is not prior[0]
    assert rig.workout.records[3].status is S.NOT_REACHED
    snap = rig.snap()
    assert (snap.index, snap.workout_remaining) == (3, 100.0)
    rig.workout.start()
    assert rig.seen() == [(E.STEP_STARTED, 0.0, 3, None), (E.GO, 0.0, 3, None)]
    rig.workout.back()  # within the grace: back into a prior step, which accumulates
    rig.at(30.0)
    assert rig.record(2) == StepRecord(2, S.TIMED_OUT, 0.0, T0 + 30.0, 33.0, 1.0)


def test_resuming_without_prior_records_marks_earlier_steps_not_reached() -> None:
    rig = started(plan_of(TINY), start_index=2)
    assert [r.status for r in rig.workout.records[:2]] == [S.NOT_REACHED] * 2
    assert rig.workout.index == 2


@pytest.mark.parametrize("index", [-1, 6])
def test_a_start_index_outside_the_plan_is_a_programming_error(index: int) -> None:
    with pytest.raises(ValueError, match="start_index"):
        Workout(plan_of(TINY), FakeClock(), start_index=index)


def test_a_clock_that_steps_back_is_treated_as_standing_still(tiny: Rig) -> None:
    class Shaky:
        def __init__(self) -> None:
            self.readings = [T0, T0 + 3.0, T0 + 2.0, T0 + 4.0]

        def now(self) -> float:
            return self.readings.pop(0) if len(self.readings) > 1 else self.readings[0]

    workout = Workout(plan_of(TINY), Shaky())
    workout.start()
    workout.update()
    workout.update()  # reads T0 + 2: no time goes backwards
    assert workout.updated_at == T0 + 3.0
    assert workout.snapshot().step_elapsed == 4.0


def test_steps_never_entered_have_no_clock_reading(tiny: Rig) -> None:
    assert {(r.status, r.started, r.ended) for r in tiny.workout.records[1:]} == {
        (S.NOT_REACHED, 0.0, None)
    }


@pytest.mark.parametrize(
    "option", [{"adjust_seconds": 0.0}, {"back_grace": -1.0}, {"done_guard": -0.1}]
)
def test_nonsense_settings_are_a_programming_error(option: dict[str, float]) -> None:
    with pytest.raises(ValueError, match="back_grace and done_guard"):
        Workout(plan_of(TINY), FakeClock(), **option)
