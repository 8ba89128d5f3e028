"""Tempo phases in the engine: each phase of a paced rep starts with a TEMPO event, at its
exact moment however late the engine wakes, pauses and all; the screen wakes at each phase
and each second of one; and a range of paced reps ends on Enter with the reps counted."""

from __future__ import annotations

import pytest

from hamtimer.circuit import parse_circuit
from hamtimer.clock import FakeClock
from hamtimer.events import Event, EventKind, StepStatus
from hamtimer.plan import Plan, build_plan
from hamtimer.sound.cues import cue_for
from hamtimer.sound.tones import Cue
from hamtimer.workout import Workout

T0 = 1000.0


def paced(reps: str, tempo: str) -> Plan:
    return build_plan(
        parse_circuit(
            f'name = "T"\n[timing]\nget_ready = 0\n[[blocks]]\nname = "B"\n'
            f'[[blocks.exercises]]\nname = "Nordic curl"\nkind = "eccentric"\n'
            f"reps = {reps}\ntempo = {tempo}\n"
        )
    )


def run(plan: Plan) -> tuple[Workout, FakeClock, list[Event]]:
    clock = FakeClock(T0)
    workout = Workout(plan, clock)
    heard: list[Event] = []
    workout.subscribe(heard.append)
    workout.start()
    return workout, clock, heard


def beats(heard: list[Event]) -> list[tuple[str, float, int | None]]:
    return [
        (event.kind.value, event.due - T0, event.count)
        for event in heard
        if event.kind in (EventKind.REP, EventKind.TEMPO, EventKind.STEP_ENDED)
    ]


def test_each_phase_of_each_rep_is_an_event_at_its_moment() -> None:
    workout, clock, heard = run(paced("2", '"3-1-1-0"'))
    clock.set(T0 + 60)  # one late wake: everything fires at its own due time
    workout.update()
    assert beats(heard) == [
        ("rep", 0, 1),
        ("tempo", 0, 1),
        ("tempo", 3, 2),
        ("tempo", 4, 3),
        ("rep", 5, 2),
        ("tempo", 5, 1),
        ("tempo", 8, 2),
        ("tempo", 9, 3),
        ("step_ended", 10, None),
    ]
    assert workout.records[0].status is StepStatus.DONE


def test_a_phase_of_no_time_has_no_event() -> None:
    workout, clock, heard = run(paced("1", '"0-2-0-1"'))
    clock.set(T0 + 10)
    workout.update()
    assert [(due, count) for kind, due, count in beats(heard) if kind == "tempo"] == [
        (0, 2),
        (2, 4),
    ]


def test_a_pause_moves_the_phases_to_come() -> None:
    workout, clock, heard = run(paced("1", '"3-1-1-0"'))
    clock.set(T0 + 3.5)
    workout.pause()
    clock.set(T0 + 13.5)
    workout.resume()
    clock.set(T0 + 30)
    workout.update()
    assert [(due, count) for kind, due, count in beats(heard) if kind == "tempo"] == [
        (0, 1),
        (3, 2),
        (14, 3),
    ]


@pytest.mark.parametrize(
    ("now", "wake"),
    [
        (0.2, 1.0),  # the second second of the 1.5 s lowering
        (1.2, 1.5),  # the hold begins
        (1.6, 2.0),  # the lift
        (2.5, 3.0),  # the next rep
        (3.0, 4.0),
    ],
)
def test_the_screen_wakes_at_each_phase_and_each_second_of_one(now: float, wake: float) -> None:
    workout, clock, _ = run(paced("2", '"1.5-0.5-1-0"'))
    clock.set(T0 + now)
    workout.update()
    assert workout.next_change(workout_seconds=False) == pytest.approx(T0 + wake)


def test_enter_ends_a_range_of_paced_reps_with_the_reps_counted() -> None:
    workout, clock, _ = run(paced('"4-6"', '"1-0-1-0"'))
    assert workout.plan.steps[0].seconds == 12, "paced to the top of the range"
    clock.set(T0 + 8.5)
    workout.done()
    record = workout.records[0]
    assert (record.status, record.reps_counted, record.active_seconds) == (
        StepStatus.DONE,
        5,
        8.5,
    )


def test_a_phase_makes_no_tone_the_voice_says_it() -> None:
    plan = paced("2", '"3-1-1-0"')
    assert cue_for(Event(EventKind.TEMPO, 3.0, 0, count=2), plan) is None
    assert cue_for(Event(EventKind.REP, 5.0, 0, count=2), plan) is Cue.REP
