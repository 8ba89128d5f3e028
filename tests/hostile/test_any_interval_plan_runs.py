"""Any valid plan with EMOM, AMRAP and intervals blocks runs to its end in the engine, whatever
keys are pressed on the way (`test_any_plan_runs` for the blocks timed by sets).

Hypothesis writes circuits mixing those blocks with straight sets and rounds, and runs each in
the real engine on a fake clock, fresh or resumed, under random keys (rounds counted and taken
back among them), then as a runner who just does the workout. It must finish within a bounded
number of actions, with every step reached recorded and none left in progress, the time done
equal to the active time of every step, the rounds of an AMRAP never below zero, and work
missed only in an EMOM.
"""

from __future__ import annotations

import math
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from hamtimer.circuit import validate_circuit
from hamtimer.clock import FakeClock
from hamtimer.events import Event, EventKind, StepStatus
from hamtimer.plan import IntervalKind, Plan, build_plan
from hamtimer.workout import Workout, WorkoutState
from tests.hostile.test_any_plan_runs import (
    PRESSES,
    RESTS,
    exercises,
    just_do_it,
    press,
    prior_records,
)

SHORT = st.sampled_from([0.5, 1.0, 2.5])
SIDES = st.sampled_from([[], ["right"], ["right", "left"]])


@st.composite
def clocked_exercises(draw: st.DrawFn, *, paced: bool) -> dict[str, Any]:
    """Work an EMOM or an AMRAP takes: reps (paced in an EMOM, maybe), seconds or prompts."""
    exercise: dict[str, Any] = {
        "name": draw(st.sampled_from(["Burpee", "Squat", "Plank"])),
        "kind": "cardio",
        "sides": draw(SIDES),
    }
    work = draw(st.sampled_from(["reps", "seconds", "prompts"]))
    if work == "reps":
        exercise["reps"] = draw(st.integers(1, 4))
        if paced and draw(st.booleans()):
            exercise["tempo"] = draw(SHORT)
    elif work == "seconds":
        exercise["seconds"] = draw(SHORT)
    else:
        exercise["prompts"] = [{"reps": draw(st.integers(1, 3))}]
    if paced and draw(st.booleans()):
        exercise["rest_between_sides"] = draw(st.sampled_from([0, 0.25, 1]))
    return exercise


@st.composite
def blocks(draw: st.DrawFn, number: int) -> dict[str, Any]:
    mode = draw(st.sampled_from(["emom", "amrap", "intervals", "straight"]))
    block: dict[str, Any] = {"name": f"Block {number}", "mode": mode}
    if mode == "emom":
        block["every"] = draw(st.sampled_from([20.0, 30.0, 60.0]))
        block["sets"] = draw(st.integers(1, 3))
        block["exercises"] = draw(st.lists(clocked_exercises(paced=True), min_size=1, max_size=2))
    elif mode == "amrap":
        block["time_cap"] = draw(st.sampled_from([1.0, 5.0, 30.0]))
        block["exercises"] = draw(st.lists(clocked_exercises(paced=False), min_size=1, max_size=3))
    else:
        block["sets"] = draw(st.integers(1, 3))
        block["exercises"] = draw(st.lists(exercises(), min_size=1, max_size=2))
    return block


@st.composite
def plans(draw: st.DrawFn) -> Plan:
    document = {
        "name": "Any",
        "timing": {
            name: draw(RESTS)
            for name in ("get_ready", "switch_sides", "rest_between_sets", "rest_between_blocks")
        },
        "blocks": [draw(blocks(number)) for number in range(draw(st.integers(1, 3)))],
    }
    hands_free = draw(st.booleans())
    return build_plan(validate_circuit(document), hands_free=hands_free)


KEYS = st.one_of(PRESSES, st.sampled_from([("round", 1), ("round", -1)]))


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    plan=plans(),
    where=st.floats(0.0, 1.0, exclude_max=True),
    resumed=st.booleans(),
    keys=st.lists(KEYS, max_size=60),
)
def test_any_interval_plan_runs_to_its_end_under_random_keys(
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
        if isinstance(key, tuple) and key[0] == "round":
            workout.count_round(int(key[1]))
        else:
            press(workout, clock, key)
        if workout.state is WorkoutState.FINISHED:
            break
        assert workout.state.active
        assert (workout.snapshot().rounds or 0) >= 0
    actions = just_do_it(workout, clock) if workout.state.active else 0
    assert workout.state is WorkoutState.FINISHED
    assert actions <= 3 * len(plan) + 2
    assert [event.kind for event in events].count(EventKind.FINISHED) == 1
    records = workout.records
    assert all(record.status is not StepStatus.ABANDONED for record in records)
    assert all(
        records[index].status is not StepStatus.NOT_REACHED for index in range(start, len(plan))
    )
    active = math.fsum(record.active_seconds for record in records)
    assert math.isclose(workout.snapshot().workout_elapsed, active, abs_tol=1e-6)
    for step, record in zip(plan.steps, records, strict=True):
        if step.interval is IntervalKind.AMRAP and record.status is StepStatus.TIMED_OUT:
            assert record.rounds is not None and record.rounds >= 0
        if record.status is StepStatus.MISSED:
            assert step.interval is IntervalKind.EMOM


def test_a_runner_who_just_does_it_finishes_each_emom_on_its_boundaries() -> None:
    """Without keys, an EMOM of reps lasts exactly its intervals: every set is missed."""
    document = {
        "name": "EMOM",
        "timing": {"get_ready": 0},
        "blocks": [
            {
                "name": "E",
                "mode": "emom",
                "every": 30.0,
                "sets": 4,
                "exercises": [{"name": "Squat", "kind": "strength", "reps": 5}],
            }
        ],
    }
    plan = build_plan(validate_circuit(document))
    clock = FakeClock(0.0)
    workout = Workout(plan, clock)
    workout.start()
    while workout.state.active:
        remaining = workout.snapshot().step_remaining
        assert remaining is not None, "an EMOM's reps end at the boundary"
        clock.advance(remaining)
        workout.update()
    assert workout.ended_at == 120.0
    assert [record.status for record in workout.records[::2]] == [StepStatus.MISSED] * 4
