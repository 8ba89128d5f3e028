"""Any valid plan runs to its end in the engine, whatever keys are pressed on the way.

Hypothesis writes circuits (every kind of work, sides, prompts, tempos, zero and non-zero
rests, straight sets and rounds), builds their plans, and runs each in the real engine on a
fake clock: first a random run of key presses and time jumps (from any step, fresh or
resumed with the earlier steps done), then a runner who just does the workout. It must
finish, within a bounded number of actions, with every step it reached recorded, nothing
left abandoned, and the time done equal to the active time of every step.
"""

from __future__ import annotations

import math
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from hamtimer.circuit import validate_circuit
from hamtimer.clock import FakeClock
from hamtimer.events import Event, EventKind, StepRecord, StepStatus
from hamtimer.plan import Plan, build_plan
from hamtimer.workout import Workout, WorkoutState

SECONDS = st.sampled_from([0.5, 1.0, 2.5, 10.0, 20.0])
RESTS = st.sampled_from([0, 0.25, 1, 3, 10])


@st.composite
def exercises(draw: st.DrawFn) -> dict[str, Any]:
    exercise: dict[str, Any] = {
        "name": draw(st.sampled_from(["Squat", "Halo", "Plank", "Jump"])),
        "kind": draw(st.sampled_from(["strength", "isometric", "stability", "plyometric"])),
        "sides": draw(st.sampled_from([[], ["right"], ["right", "left"], ["left", "right"]])),
    }
    if draw(st.booleans()):
        exercise["rest_between_sides"] = draw(RESTS)
    work = draw(st.sampled_from(["reps", "paced", "seconds", "to_fatigue", "prompts"]))
    if work == "reps":
        exercise["reps"] = draw(st.integers(1, 5))
    elif work == "paced":
        exercise["reps"], exercise["tempo"] = draw(st.integers(1, 4)), draw(SECONDS)
    elif work == "seconds":
        exercise["seconds"] = draw(SECONDS)
    elif work == "to_fatigue":
        exercise["to_fatigue"] = True
    else:
        exercise["prompts"] = [
            {
                "reps": draw(st.integers(1, 4)),
                "direction": draw(st.sampled_from(["clockwise", "counter-clockwise"])),
                **({"tempo": draw(SECONDS)} if draw(st.booleans()) else {}),
            }
            for _ in range(draw(st.integers(1, 2)))
        ]
    return exercise


@st.composite
def plans(draw: st.DrawFn) -> Plan:
    document = {
        "name": "Any",
        "timing": {
            name: draw(RESTS)
            for name in (
                "get_ready",
                "switch_sides",
                "rest_between_exercises",
                "rest_between_sets",
                "rest_between_blocks",
            )
        },
        "blocks": [
            {
                "name": f"Block {number}",
                "sets": draw(st.integers(1, 3)),
                "mode": draw(st.sampled_from(["straight", "circuit"])),
                "exercises": draw(st.lists(exercises(), min_size=1, max_size=3)),
            }
            for number in range(draw(st.integers(1, 3)))
        ],
    }
    return build_plan(validate_circuit(document), challenge=draw(st.booleans()))


PRESSES = st.one_of(
    st.sampled_from(
        ["done", "skip", "back", "pause", "resume", "toggle_pause", "restart_step", "update"]
    ),
    st.tuples(st.just("adjust"), st.sampled_from([10.0, -10.0, -1000.0, 0.5])),
    st.tuples(st.just("wait"), st.floats(0.0, 60.0, allow_nan=False)),
    st.just("sleep"),
)


def press(workout: Workout, clock: FakeClock, key: object) -> None:
    if isinstance(key, tuple) and key[0] == "adjust":
        workout.adjust(key[1])
    elif isinstance(key, tuple):
        clock.advance(key[1])
    elif key == "sleep":  # the screen's timer fires at the next change
        moment = workout.next_change()
        if moment is not None:
            clock.set(max(moment, clock.now()))
        workout.update()
    else:
        getattr(workout, str(key))()


def just_do_it(workout: Workout, clock: FakeClock) -> int:
    """A runner who does every step that is left: the actions it took."""
    actions = 0
    while workout.state.active:
        actions += 1
        if workout.paused:
            workout.resume()
            continue
        remaining = workout.snapshot().step_remaining
        if remaining is not None:  # wait it out
            clock.advance(remaining)
            workout.update()
        else:
            clock.advance(1.0)
            workout.done()
    return actions


def prior_records(plan: Plan, upto: int) -> list[StepRecord]:
    """Steps before `upto` done in an earlier run, as a resumed workout carries them."""
    return [
        StepRecord(
            index=index,
            status=StepStatus.DONE,
            started=0.0,
            ended=0.0,
            active_seconds=1.25,
            paused_seconds=0.5,
        )
        for index in range(upto)
    ]


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    plan=plans(),
    where=st.floats(0.0, 1.0, exclude_max=True),
    resumed=st.booleans(),
    keys=st.lists(PRESSES, max_size=60),
)
def test_any_valid_plan_runs_to_its_end_under_random_keys(
    plan: Plan, where: float, resumed: bool, keys: list[object]
) -> None:
    start = int(where * len(plan))
    clock = FakeClock()
    workout = Workout(
        plan, clock, start_index=start, prior=prior_records(plan, start) if resumed else None
    )
    events: list[Event] = []
    workout.subscribe(events.append)
    workout.start()
    for key in keys:
        press(workout, clock, key)
        if workout.state is WorkoutState.FINISHED:
            break
        assert workout.state.active, "only abandon() ends a workout early, and no key abandons"
    actions = just_do_it(workout, clock) if workout.state.active else 0
    assert workout.state is WorkoutState.FINISHED
    assert actions <= 3 * len(plan) + 2, "the rest of the workout takes a bounded number of acts"
    assert [event.kind for event in events].count(EventKind.FINISHED) == 1
    assert events[-1].kind is EventKind.FINISHED
    records = workout.records
    assert all(record.status is not StepStatus.ABANDONED for record in records)
    assert all(
        records[index].status is not StepStatus.NOT_REACHED for index in range(start, len(plan))
    )
    active = math.fsum(record.active_seconds for record in records)
    assert math.isclose(workout.snapshot().workout_elapsed, active, abs_tol=1e-6), (
        "the time done is every step's active time, the earlier run's included"
    )
