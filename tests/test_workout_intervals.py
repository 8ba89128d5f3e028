"""The engine through EMOM, AMRAP and intervals blocks, on a fake clock: every time exact."""

from __future__ import annotations

from typing import Any

import pytest

from hamtimer.circuit import parse_circuit
from hamtimer.clock import FakeClock
from hamtimer.events import Event, EventKind, StepRecord, StepStatus
from hamtimer.plan import build_plan
from hamtimer.workout import Workout, WorkoutState
from tests.interval_circuits import AMRAP, EMOM, TABATA

E = EventKind
S = StepStatus
T0 = 1000.0
GO_AT = 5.0  # the get-ready's length in EMOM and AMRAP: the first interval starts here


class Rig:
    """A started workout on a fake clock, with every event it emits."""

    def __init__(self, text: str, *, hands_free: bool = False, **options: Any) -> None:
        self.plan = build_plan(parse_circuit(text), hands_free=hands_free)
        self.clock = FakeClock(T0)
        self.workout = Workout(self.plan, self.clock, **options)
        self.events: list[Event] = []
        self.workout.subscribe(self.events.append)
        self.workout.start()

    def at(self, reading: float) -> Rig:
        """Move the clock to T0 + `reading` and let the engine catch up."""
        self.clock.set(T0 + reading)
        self.workout.update()
        return self

    def seen(self, *kinds: EventKind) -> list[tuple[EventKind, float, int, int | None]]:
        return [(e.kind, e.due - T0, e.step_index, e.count) for e in self.events if e.kind in kinds]

    def record(self, index: int) -> tuple[StepStatus, float, float, float | None]:
        """Status, start and active seconds (relative to T0), and end."""
        r: StepRecord = self.workout.records[index]
        return r.status, r.started - T0, r.active_seconds, None if r.ended is None else r.ended - T0


def emom(old: str = "", new: str = "", **options: Any) -> Rig:
    return Rig(EMOM.replace(old, new), **options)


# ----------------------------------------------------------------------------- EMOM


def test_enter_at_25_s_rests_35_s_and_the_next_interval_starts_at_60_s() -> None:
    rig = emom()
    rig.at(GO_AT + 25).workout.done()
    assert rig.workout.index == 2
    assert rig.workout.snapshot().step_remaining == 35.0
    rig.at(GO_AT + 59.999)
    assert rig.workout.index == 2
    rig.at(GO_AT + 60)
    assert rig.workout.index == 3
    assert rig.record(1) == (S.DONE, GO_AT, 25.0, GO_AT + 25)
    assert rig.record(2) == (S.TIMED_OUT, GO_AT + 25, 35.0, GO_AT + 60)
    assert rig.seen(E.GO) == [(E.GO, GO_AT, 1, None), (E.GO, GO_AT + 60.0, 3, None)]
    assert rig.seen(E.COUNTDOWN)[-3:] == [
        (E.COUNTDOWN, GO_AT + 57, 2, 3),
        (E.COUNTDOWN, GO_AT + 58, 2, 2),
        (E.COUNTDOWN, GO_AT + 59, 2, 1),
    ]


@pytest.mark.parametrize("enter", [0.5, 10.0, 25.0, 44.25, 59.999])
def test_an_earlier_enter_gives_a_longer_rest(enter: float) -> None:
    rig = emom()
    rig.at(GO_AT + enter).workout.done()
    assert rig.workout.snapshot().step_remaining == pytest.approx(60 - enter, abs=1e-9)
    rig.at(GO_AT + 60)
    assert rig.workout.index == 3
    assert rig.seen(E.STEP_STARTED)[-1] == (E.STEP_STARTED, GO_AT + 60, 3, None)


def test_without_enter_it_moves_on_at_60_s_and_records_the_work_not_done() -> None:
    rig = emom()
    rig.at(GO_AT + 57)
    assert rig.seen(E.COUNTDOWN)[-1] == (E.COUNTDOWN, GO_AT + 57, 1, 3), "the boundary is near"
    rig.at(GO_AT + 60)
    assert rig.workout.index == 3, "the interval's rest is passed over"
    assert rig.record(1) == (S.MISSED, GO_AT, 60.0, GO_AT + 60)
    assert rig.record(2) == (S.TIMED_OUT, GO_AT + 60, 0.0, GO_AT + 60)
    assert [e for e in rig.seen(E.STEP_STARTED) if e[2] == 2] == [], "no rest began"
    assert rig.seen(E.GO)[-1] == (E.GO, GO_AT + 60, 3, None)
    ended = [(e.step_index, e.status) for e in rig.events if e.kind is E.STEP_ENDED]
    assert ended[-1] == (1, S.MISSED)


def test_every_interval_starts_on_its_boundary_however_late_the_wake() -> None:
    rig = emom()
    for number in range(10):
        rig.at(GO_AT + 60 * number + 7.25).workout.done()
    rig.at(GO_AT + 10 * 60 + 30)  # one late wake after the end
    assert rig.workout.state is WorkoutState.FINISHED
    assert rig.workout.ended_at == T0 + GO_AT + 600
    starts = [due for kind, due, index, _ in rig.seen(E.GO)]
    assert starts == [GO_AT + 60 * number for number in range(10)]


def test_pause_inside_the_work_and_the_rest_moves_the_boundary_on() -> None:
    rig = emom()
    rig.at(GO_AT + 20).workout.pause()
    rig.at(GO_AT + 50).workout.resume()  # 30 s paused
    rig.at(GO_AT + 55).workout.done()  # 25 s of work
    assert rig.workout.snapshot().step_remaining == 35.0
    rig.at(GO_AT + 70).workout.pause()  # 15 s into the rest
    rig.at(GO_AT + 80).workout.resume()  # 10 s paused
    assert rig.workout.snapshot().interval_remaining == 20.0
    rig.at(GO_AT + 99.999)
    assert rig.workout.index == 2
    rig.at(GO_AT + 100)
    assert rig.workout.index == 3
    assert rig.record(1) == (S.DONE, GO_AT, 25.0, GO_AT + 55)
    assert rig.workout.records[1].paused_seconds == 30.0
    assert rig.record(2) == (S.TIMED_OUT, GO_AT + 55, 35.0, GO_AT + 100)
    assert rig.workout.records[2].paused_seconds == 10.0


def test_a_pause_that_runs_past_the_boundary_holds_it() -> None:
    rig = emom()
    rig.at(GO_AT + 50).workout.pause()
    rig.at(GO_AT + 500)
    assert rig.workout.index == 1, "nothing moves while paused"
    rig.workout.resume()
    rig.at(GO_AT + 509.999)
    assert rig.workout.index == 1
    rig.at(GO_AT + 510)
    assert rig.record(1) == (S.MISSED, GO_AT, 60.0, GO_AT + 510)


def test_timed_work_in_an_emom_rests_the_remainder() -> None:
    rig = emom("reps = 10", "seconds = 20.5")
    rig.at(GO_AT + 1)
    moments = []
    while rig.workout.index < 3:
        moment = rig.workout.next_change()
        assert moment is not None
        moments.append(moment - T0 - GO_AT)
        rig.at(moment - T0)
    assert rig.record(1) == (S.TIMED_OUT, GO_AT, 20.5, GO_AT + 20.5)
    assert rig.record(2) == (S.TIMED_OUT, GO_AT + 20.5, 39.5, GO_AT + 60)
    assert 19.5 in moments and 20.0 in moments, "the work's seconds and the interval's"


def test_paced_reps_in_an_emom_end_themselves_then_rest() -> None:
    rig = emom(hands_free=True)  # 10 reps at 3 s: 30 s
    rig.at(GO_AT + 30)
    assert rig.record(1) == (S.DONE, GO_AT, 30.0, GO_AT + 30)
    assert rig.workout.records[1].reps_counted == 10
    rig.at(GO_AT + 60)
    assert rig.record(2) == (S.TIMED_OUT, GO_AT + 30, 30.0, GO_AT + 60)


def test_paced_reps_longer_than_the_interval_are_cut_at_the_boundary() -> None:
    rig = emom("reps = 10", "reps = 25", hands_free=True)  # 75 s of reps
    rig.at(GO_AT + 60)
    assert rig.workout.index == 3
    assert rig.record(1) == (S.MISSED, GO_AT, 60.0, GO_AT + 60)
    assert rig.workout.records[1].reps_counted == 20


def test_an_interval_missed_on_its_first_side_passes_over_the_second() -> None:
    rig = emom("reps = 10", 'reps = 10\nsides = ["right", "left"]')
    rig.at(GO_AT + 45).workout.done()  # right side: 45 s; the switch takes 10 s
    rig.at(GO_AT + 55)
    assert rig.workout.index == 3, "on the left side"
    assert rig.workout.snapshot().step_remaining == 5.0, "the boundary is its deadline"
    rig.at(GO_AT + 60)
    assert rig.workout.index == 5, "the next interval"
    statuses = [rig.workout.records[i].status for i in range(1, 5)]
    assert statuses == [S.DONE, S.TIMED_OUT, S.MISSED, S.TIMED_OUT]


def test_a_switch_cut_by_the_boundary_misses_the_side_after_it() -> None:
    rig = emom("reps = 10", 'reps = 10\nsides = ["right", "left"]')
    rig.at(GO_AT + 55).workout.done()
    rig.at(GO_AT + 60)
    assert rig.workout.index == 5
    statuses = [rig.workout.records[i].status for i in range(1, 5)]
    assert statuses == [S.DONE, S.TIMED_OUT, S.MISSED, S.TIMED_OUT]
    assert rig.workout.records[2].active_seconds == 5.0


def test_enter_on_the_rest_or_skip_starts_the_next_interval_at_once() -> None:
    rig = emom()
    rig.at(GO_AT + 20).workout.done()
    rig.at(GO_AT + 30).workout.done()  # ready before the minute is up
    assert rig.workout.index == 3
    assert rig.workout.snapshot().interval_remaining == 60.0, "a fresh interval"
    rig.at(GO_AT + 40).workout.skip()
    rig.at(GO_AT + 45).workout.skip()
    assert rig.workout.index == 5
    rig.at(GO_AT + 105)
    assert rig.workout.index == 7


def test_back_inside_an_interval_starts_it_again() -> None:
    rig = emom()
    rig.at(GO_AT + 20).workout.done()
    rig.at(GO_AT + 21).workout.back()  # within the grace: back to the work
    assert rig.workout.index == 1
    assert rig.workout.snapshot().interval_remaining == 60.0


def test_a_rest_gone_back_over_and_passed_over_keeps_its_time() -> None:
    """Back from the rest restarts the interval; when its boundary then passes the work, the
    rest is passed over with the second it was already visited for: no time is lost."""
    rig = emom()
    rig.at(GO_AT + 20).workout.done()
    rig.at(GO_AT + 21).workout.back()  # the rest had one second
    rig.at(GO_AT + 81)  # the restarted interval's boundary: the work is missed
    assert rig.workout.index == 3
    assert rig.record(1)[:3] == (S.MISSED, GO_AT, 80.0)
    assert rig.record(2) == (S.TIMED_OUT, GO_AT + 20, 1.0, GO_AT + 81)
    total = sum(record.active_seconds for record in rig.workout.records)
    assert total == rig.workout.snapshot().workout_elapsed == 5 + 81


def test_time_cannot_be_added_to_an_emom_or_an_amrap() -> None:
    rig = emom()
    rig.at(GO_AT + 20).workout.adjust(10)
    assert rig.workout.snapshot().step_remaining == 40.0
    rig.workout.done()
    rig.workout.adjust(-10)
    assert rig.workout.snapshot().step_remaining == 40.0
    amrap = Rig(AMRAP).at(GO_AT + 10)
    amrap.workout.adjust(10)
    assert amrap.workout.snapshot().step_remaining == 290.0


def test_a_workout_resumed_inside_an_interval_runs_its_steps_as_planned() -> None:
    plan = build_plan(parse_circuit(EMOM))
    clock = FakeClock(T0)
    workout = Workout(plan, clock, start_index=2)  # the rest of minute 1: the boundary is gone
    workout.start()
    assert workout.snapshot().step_remaining == 30.0
    assert workout.snapshot().interval_remaining is None
    clock.advance(30)
    workout.update()
    assert workout.index == 3
    assert workout.snapshot().interval_remaining == 60.0


# ----------------------------------------------------------------------------- AMRAP


def test_an_amrap_counts_rounds_and_ends_at_its_cap_exactly() -> None:
    rig = Rig(AMRAP)
    rig.at(GO_AT + 40).workout.done()  # Enter counts a round
    rig.at(GO_AT + 40.1).workout.count_round()  # a double tap: ignored
    rig.at(GO_AT + 81).workout.count_round()
    rig.at(GO_AT + 90).workout.count_round(-1)  # counted by mistake
    rig.at(GO_AT + 120).workout.count_round()
    snap = rig.workout.snapshot()
    assert (snap.rounds, snap.step_remaining) == (2, 180.0)
    assert rig.workout.records[1].rounds == 2, "the live record has them for a checkpoint"
    rig.at(GO_AT + 299.999)
    assert rig.workout.state is WorkoutState.RUNNING
    rig.at(GO_AT + 300)
    assert rig.workout.state is WorkoutState.FINISHED
    assert rig.workout.ended_at == T0 + GO_AT + 300
    assert rig.record(1) == (S.TIMED_OUT, GO_AT, 300.0, GO_AT + 300)
    assert rig.workout.records[1].rounds == 2
    assert rig.seen(E.ROUND, E.ROUND_TAKEN_BACK) == [
        (E.ROUND, GO_AT + 40, 1, 1),
        (E.ROUND, GO_AT + 81, 1, 2),
        (E.ROUND_TAKEN_BACK, GO_AT + 90, 1, 1),
        (E.ROUND, GO_AT + 120, 1, 2),
    ]
    assert [due for _, due, _, _ in rig.seen(E.COUNTDOWN)][-3:] == [
        GO_AT + 297,
        GO_AT + 298,
        GO_AT + 299,
    ]


def test_no_round_is_taken_back_below_zero_and_none_counted_elsewhere() -> None:
    rig = Rig(AMRAP)
    rig.workout.count_round()  # the get-ready
    rig.at(GO_AT + 10).workout.count_round(-1)
    assert rig.workout.snapshot().rounds == 0
    assert rig.seen(E.ROUND, E.ROUND_TAKEN_BACK) == []
    assert rig.workout.index == 1, "a round on the get-ready did not end it"


def test_pause_inside_an_amrap_holds_the_cap_and_rounds_still_count() -> None:
    rig = Rig(AMRAP)
    rig.at(GO_AT + 100).workout.pause()
    rig.at(GO_AT + 130).workout.count_round()  # finished a round just as they paused
    rig.at(GO_AT + 160).workout.resume()
    assert rig.workout.snapshot().step_remaining == 200.0
    rig.at(GO_AT + 359.999)
    assert rig.workout.state is WorkoutState.RUNNING
    rig.at(GO_AT + 360)
    assert rig.workout.state is WorkoutState.FINISHED
    assert rig.record(1) == (S.TIMED_OUT, GO_AT, 300.0, GO_AT + 360)
    assert rig.workout.records[1].paused_seconds == 60.0
    assert rig.workout.records[1].rounds == 1


def test_rounds_of_an_earlier_run_come_back_with_a_resumed_workout() -> None:
    plan = build_plan(parse_circuit(AMRAP + TABATA.split('name = "Tabata"')[1]))
    done = StepRecord(1, S.TIMED_OUT, 0.0, 0.0, active_seconds=300.0, rounds=6)
    workout = Workout(plan, FakeClock(T0), start_index=3, prior=[done])
    workout.start()
    assert workout.records[1].rounds == 6
    assert workout.snapshot().workout_elapsed == 300.0


# ----------------------------------------------------------------------------- intervals


def test_an_intervals_block_runs_as_rounds() -> None:
    rig = Rig(TABATA)
    rig.at(10 + 8 * 20 + 7 * 10)
    assert rig.workout.state is WorkoutState.FINISHED
    assert all(record.status is S.TIMED_OUT for record in rig.workout.records)


def test_plans_of_every_mode_run_to_their_end_driven_by_next_change() -> None:
    for text in (EMOM, AMRAP, TABATA):
        rig = Rig(text)
        while rig.workout.state is WorkoutState.RUNNING:
            moment = rig.workout.next_change()
            assert moment is not None and moment > rig.clock.now()
            rig.at(moment - T0)
        assert rig.workout.ended_at == T0 + rig.plan.estimated_seconds, text.split("\n")[1]
