"""Any valid circuit written with the prescriptions runs to its end in the engine, whatever
keys are pressed on the way: ranges, lists one a set, rests one a gap, written rests, roles,
rests after blocks, tempo phases and seconds per rep, straight and in rounds.

Hypothesis writes the circuits; the keys and the runner who finishes the workout are those of
`test_any_plan_runs`. Every tempo phase owed by a paced step that ran its course is heard,
each at its own moment.
"""

from __future__ import annotations

import math
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from hamtimer.circuit import validate_circuit
from hamtimer.clock import FakeClock
from hamtimer.events import Event, EventKind, StepStatus
from hamtimer.plan import Plan, StepKind, build_plan
from hamtimer.workout import Workout, WorkoutState
from tests.hostile.test_any_plan_runs import PRESSES, just_do_it, press

RESTS = st.sampled_from([0, 0.5, 2, 5])
TEMPOS = st.sampled_from(["1-0-1-0", "0.5-0.25-0.5-0", "0-1-0-0", 1.5])


def amount(draw: st.DrawFn, whole: bool) -> int | float | str:
    low = draw(st.integers(1, 4))
    if draw(st.booleans()):
        return f"{low}-{low + draw(st.integers(1, 3))}"
    return low if whole else float(low)


@st.composite
def entries(draw: st.DrawFn, sets: int, rounds: bool) -> dict[str, Any]:
    if draw(st.integers(0, 5)) == 0:
        return {"kind": "rest", "seconds": draw(st.sampled_from([0.5, 3.0])), "name": "Walk"}
    count = sets if rounds else draw(st.integers(1, 3))
    exercise: dict[str, Any] = {
        "name": draw(st.sampled_from(["Squat", "Nordic curl", "Plank"])),
        "kind": draw(st.sampled_from(["strength", "eccentric", "mobility", "plyometric"])),
        "sides": draw(st.sampled_from([[], ["right", "left"]])),
    }
    work = "reps" if draw(st.booleans()) else "seconds"
    values = [amount(draw, work == "reps") for _ in range(count)]
    exercise[work] = values if draw(st.booleans()) else values[0]
    if not rounds and not isinstance(exercise[work], list):
        exercise["sets"] = count
    if work == "reps" and draw(st.booleans()):
        exercise["tempo"] = draw(TEMPOS)
    elif work == "reps" and draw(st.booleans()):
        exercise["seconds_per_rep"] = 0.5
    if not rounds and count > 1 and draw(st.booleans()):
        exercise["rest_between_sets"] = [draw(RESTS) for _ in range(count - 1)]
    return exercise


@st.composite
def blocks(draw: st.DrawFn, number: int) -> dict[str, Any]:
    rounds = draw(st.booleans())
    sets = draw(st.integers(1, 3))
    block: dict[str, Any] = {
        "name": f"Block {number}",
        "mode": "circuit" if rounds else "straight",
        "sets": sets,
        "role": draw(st.sampled_from(["warm-up", "main", "cool-down"])),
        "exercises": draw(st.lists(entries(sets, rounds), min_size=1, max_size=3)),
    }
    if rounds and sets > 1 and draw(st.booleans()):
        block["rest_between_sets"] = [draw(RESTS) for _ in range(sets - 1)]
    if draw(st.booleans()):
        block["rest_after"] = draw(RESTS)
    return block


@st.composite
def plans(draw: st.DrawFn) -> Plan:
    document = {
        "name": "Any",
        "timing": {"get_ready": draw(RESTS), "rest_between_exercises": draw(RESTS)},
        "blocks": [draw(blocks(number)) for number in range(draw(st.integers(1, 3)))],
    }
    return build_plan(validate_circuit(document), hands_free=draw(st.booleans()))


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(plan=plans(), keys=st.lists(PRESSES, max_size=40))
def test_any_prescribed_plan_runs_to_its_end_under_random_keys(
    plan: Plan, keys: list[object]
) -> None:
    clock = FakeClock()
    workout = Workout(plan, clock)
    events: list[Event] = []
    workout.subscribe(events.append)
    workout.start()
    for key in keys:
        press(workout, clock, key)
        if workout.state is WorkoutState.FINISHED:
            break
    actions = just_do_it(workout, clock) if workout.state.active else 0
    assert workout.state is WorkoutState.FINISHED
    assert actions <= 3 * len(plan) + 2
    records = workout.records
    assert all(record.status is not StepStatus.ABANDONED for record in records)
    active = math.fsum(record.active_seconds for record in records)
    assert math.isclose(workout.snapshot().workout_elapsed, active, abs_tol=1e-6)
    assert all(step.kind is not StepKind.REST or step.seconds for step in plan.steps)


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(plan=plans())
def test_every_tempo_phase_of_a_workout_done_as_written_is_heard(plan: Plan) -> None:
    clock = FakeClock()
    workout = Workout(plan, clock)
    events: list[Event] = []
    workout.subscribe(events.append)
    workout.start()
    just_do_it(workout, clock)
    for step in plan.steps:
        heard = [
            e.count for e in events if e.kind is EventKind.TEMPO and e.step_index == step.index
        ]
        phases = [number for number, length in enumerate(step.tempo_phases, 1) if length > 0]
        owed = phases * (step.reps or 0) if step.tempo_phases else []
        assert heard == owed, step.summary
