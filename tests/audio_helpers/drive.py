"""Running a real `Workout` on a `FakeClock` to the end, the way the app's timer would."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence

from hamtimer.circuit import parse_circuit
from hamtimer.clock import FakeClock
from hamtimer.events import Event
from hamtimer.plan import Plan, build_plan
from hamtimer.workout import Workout, WorkoutState

REST_CIRCUIT = """
name = "one rest"
[timing]
get_ready = 0
[[blocks]]
name = "Squats"
sets = 2
rest_between_sets = 5
[[blocks.exercises]]
name = "Squat"
kind = "strength"
reps = 5
"""
"""Set 1 (waits for done), a 5 s rest between sets, set 2: the smallest workout with a
countdown into a GO."""

EVERY_CUE_CIRCUIT = """
name = "every cue"
[timing]
get_ready = 4
switch_sides = 4
rest_between_sets = 5
rest_between_exercises = 5
[[blocks]]
name = "All"
sets = 2
[[blocks.exercises]]
name = "Lunge"
kind = "strength"
sides = ["right", "left"]
rest_between_sides = 4
reps = 3
tempo = 1.5
[[blocks.exercises]]
name = "Plank"
kind = "isometric"
sides = ["right", "left"]
seconds = 5
[[blocks.exercises]]
name = "Halo"
kind = "stability"
[[blocks.exercises.prompts]]
reps = 2
direction = "clockwise"
[[blocks.exercises.prompts]]
reps = 2
direction = "counter-clockwise"
"""
"""Get-ready, paced reps, a rest between sides, a switch-sides step, timed work, rests
between sets and exercises, a halo turning the other way: every cue an engine event makes
at least once."""


def plan_of(text: str) -> Plan:
    """The plan of a circuit given as TOML text."""
    return build_plan(parse_circuit(text, "<test>"))


def run_workout(
    plan: Plan,
    listener: Callable[[Event], None],
    *,
    clock: FakeClock | None = None,
    tick: float = 0.25,
    hold: float = 1.0,
    between: Callable[[Workout], None] | None = None,
    targets: Mapping[int, Sequence[float]] | None = None,
) -> Workout:
    """Start `plan` and update it every `tick` seconds of fake time until it finishes,
    pressing done `hold` seconds into every step that waits for the runner.

    `between(workout)` runs after every update (to break things mid-workout); `targets`
    are the holds' times to beat, as the session gives the engine.
    """
    clock = clock or FakeClock()
    workout = Workout(plan, clock, targets=targets)
    workout.subscribe(listener)
    workout.start()
    waited = 0.0
    index = workout.index
    limit = plan.estimated_seconds * 2 + 60
    elapsed = 0.0
    while workout.state is not WorkoutState.FINISHED:
        if elapsed > limit:
            raise AssertionError(f"the workout did not finish within {limit:g} s of fake time")
        clock.advance(tick)
        elapsed += tick
        workout.update()
        if workout.index != index:
            index, waited = workout.index, 0.0
        waited += tick
        step = plan.steps[workout.index]
        if not step.ends_itself and waited >= hold and workout.state is WorkoutState.RUNNING:
            workout.done()
        if between is not None:
            between(workout)
    return workout
