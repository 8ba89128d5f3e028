"""Any valid plan with EMOM, AMRAP and intervals blocks runs to its end in the engine, whatever
keys are pressed on the way (`test_any_plan_runs` for the blocks timed by sets).

Hypothesis writes circuits mixing those blocks with straight sets and rounds, and with the
prescriptions (ranges, lists one a round, tempo phases, written rests in an intervals block,
warm-up and cool-down roles, rests after blocks), and runs each in the real engine on a fake
clock, fresh or resumed, under random keys (rounds counted and taken back among them), then as
a runner who just does the workout. It must finish within a bounded number of actions, with
every step reached recorded and none left in progress, the time done equal to the active time
of every step, the rounds of an AMRAP never below zero, work missed only in an EMOM, and no
rep or tempo phase heard at or after the boundary that cut a set.
"""

from __future__ import annotations

import math
from typing import Any

from hypothesis import HealthCheck, given, reject, settings
from hypothesis import strategies as st

from hamtimer.circuit import CircuitError, validate_circuit
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
from tests.hostile.test_any_prescription_runs import entries

SHORT = st.sampled_from([0.5, 1.0, 2.5])
SIDES = st.sampled_from([[], ["right"], ["right", "left"]])
TEMPOS = st.one_of(SHORT, st.sampled_from(["0.25-0.25-0.5-0", "0-1-0-0", "0.5-0-0.5-0.25"]))


def reps(draw: st.DrawFn) -> int | str:
    """Reps of a set: a number, or a range."""
    low = draw(st.integers(1, 3))
    return f"{low}-{low + draw(st.integers(1, 2))}" if draw(st.booleans()) else low


@st.composite
def clocked_exercises(draw: st.DrawFn, *, rounds: int | None) -> dict[str, Any]:
    """Work an EMOM (`rounds` given) or an AMRAP takes: reps or seconds, a number or a range
    (in an EMOM also a list, one a round; reps paced maybe, at a tempo of phases maybe), or
    prompts."""
    paced = rounds is not None
    exercise: dict[str, Any] = {
        "name": draw(st.sampled_from(["Burpee", "Squat", "Plank"])),
        "kind": "cardio",
        "sides": draw(SIDES),
    }
    work = draw(st.sampled_from(["reps", "seconds", "prompts"]))
    if work == "reps":
        exercise["reps"] = reps(draw)
        if rounds is not None and draw(st.booleans()):
            exercise["reps"] = [reps(draw) for _ in range(rounds)]
        if paced and draw(st.booleans()):
            exercise["tempo"] = draw(TEMPOS)
    elif work == "seconds":
        exercise["seconds"] = draw(st.one_of(SHORT, st.just("0.5-2.5")))
    else:
        exercise["prompts"] = [{"reps": draw(st.integers(1, 3))}]
    if paced and draw(st.booleans()):
        exercise["rest_between_sides"] = draw(st.sampled_from([0, 0.25, 1]))
    return exercise


@st.composite
def blocks(draw: st.DrawFn, number: int) -> dict[str, Any]:
    mode = draw(st.sampled_from(["emom", "amrap", "intervals", "straight"]))
    block: dict[str, Any] = {"name": f"Block {number}", "mode": mode}
    block["role"] = draw(st.sampled_from(["warm-up", "main", "cool-down"]))
    if draw(st.booleans()):
        block["rest_after"] = draw(st.sampled_from([0, 0.5, 2]))
    if mode == "emom":
        block["every"] = draw(st.sampled_from([20.0, 30.0, 60.0]))
        sets = block["sets"] = draw(st.integers(1, 3))
        found = st.lists(clocked_exercises(rounds=sets), min_size=1, max_size=2)
        block["exercises"] = draw(found)
    elif mode == "amrap":
        block["time_cap"] = draw(st.sampled_from([1.0, 5.0, 30.0]))
        found = st.lists(clocked_exercises(rounds=None), min_size=1, max_size=3)
        block["exercises"] = draw(found)
    elif mode == "intervals" and draw(st.booleans()):  # as a circuit, with the prescriptions
        sets = block["sets"] = draw(st.integers(1, 3))
        block["exercises"] = draw(st.lists(entries(sets, True), min_size=1, max_size=3))
    else:
        if draw(st.booleans()):  # else one set, the default
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
    try:
        circuit = validate_circuit(document)
    except CircuitError as problem:  # an EMOM set too long for its interval is refused
        if "leaves no rest" not in str(problem):
            raise
        reject()
    return build_plan(circuit, hands_free=hands_free)


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
            assert record.ended is not None
            beats = (EventKind.REP, EventKind.TEMPO)
            late = [e for e in events if e.step_index == step.index and e.kind in beats]
            assert all(event.due < record.ended for event in late), "none at the boundary"


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
