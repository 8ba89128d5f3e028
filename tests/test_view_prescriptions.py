"""What the timer screen shows of the prescriptions, from engine snapshots: a range, a
warm-up or cool-down step (its label and colour), a written rest, and a tempo's phases."""

from __future__ import annotations

import pytest

from hamtimer.circuit import parse_circuit
from hamtimer.clock import FakeClock
from hamtimer.plan import Plan, Step, build_plan
from hamtimer.tui.view import View, phase_of, tempo_ticks, view_of
from hamtimer.workout import Workout, WorkoutState

CIRCUIT = """
name = "T"
[timing]
get_ready = 0
[[blocks]]
name = "Warm-up"
role = "warm-up"
[[blocks.exercises]]
name = "Leg swing"
kind = "mobility"
reps = "8-10"
[[blocks]]
name = "Main"
[[blocks.exercises]]
name = "Nordic curl"
kind = "eccentric"
reps = "6-8"
tempo = "3-1-1-0"
[[blocks.exercises]]
kind = "rest"
seconds = 60
name = "Walk it off"
[[blocks.exercises]]
name = "Plank"
kind = "isometric"
seconds = "20-30"
[[blocks]]
name = "Cool-down"
role = "cool-down"
[[blocks.exercises]]
name = "Stretch"
kind = "mobility"
seconds = 30
"""

LEG_SWING, NORDIC, WALK, PLANK, STRETCH = 0, 2, 3, 4, 6


@pytest.fixture(scope="module")
def plan() -> Plan:
    return build_plan(parse_circuit(CIRCUIT))


def seen(plan: Plan, index: int, seconds: float) -> View:
    """The screen `seconds` into step `index`."""
    clock = FakeClock(100.0)
    workout = Workout(plan, clock)
    workout.start()
    for _ in range(index):
        workout.skip()
    clock.advance(seconds)
    workout.update()
    return view_of(workout.snapshot())


def test_the_step_indexes_are_what_the_tests_think(plan: Plan) -> None:
    names = [step.title for step in plan.steps]
    assert names == ["Leg swing", "Rest", "Nordic curl", "Walk it off", "Plank", "Rest", "Stretch"]


@pytest.mark.parametrize(
    ("index", "phase", "label"),
    [
        (LEG_SWING, "easy", "WARM-UP · set 1 of 1 · Leg swing"),
        (NORDIC, "work", "WORK · set 1 of 1 · Nordic curl"),
        (WALK, "rest-sets", "WALK IT OFF · next: set 1 of 1"),
        (STRETCH, "easy", "COOL-DOWN · set 1 of 1 · Stretch"),
    ],
)
def test_warm_up_and_cool_down_have_their_own_label_and_colour(
    plan: Plan, index: int, phase: str, label: str
) -> None:
    view = seen(plan, index, 1)
    assert (view.phase, view.headline[0]) == (phase, label)


def test_paused_wins_over_the_warm_up_colour(plan: Plan) -> None:
    assert phase_of(plan.steps[LEG_SWING], WorkoutState.PAUSED) == "paused"


def test_a_range_of_reps_shows_as_written(plan: Plan) -> None:
    view = seen(plan, LEG_SWING, 1)
    assert view.big == "8-10"
    assert view.prompt[0] == "8–10 reps — Enter when done"


def test_a_paced_range_counts_to_its_top_and_says_when_enter_may_end_it(plan: Plan) -> None:
    view = seen(plan, NORDIC, 11)
    assert view.big == "3/8"
    assert view.prompt == (
        "6–8 reps — rep 3, at 3-1-1-0 — Enter to stop from rep 6 on",
        "rep 3 of 6–8",
    )


@pytest.mark.parametrize(
    ("seconds", "big", "prompt"),
    [
        (0.5, "0:30", "20–30 seconds — at least 0:20 more, then Enter when you stop"),
        (12.2, "0:18", "20–30 seconds — at least 0:08 more, then Enter when you stop"),
        (20, "0:10", "20–30 seconds — Enter when you stop"),
        (27, "0:03", "20–30 seconds — Enter when you stop"),
    ],
)
def test_a_range_of_seconds_counts_down_the_top_and_says_when_enter_may_end_it(
    plan: Plan, seconds: float, big: str, prompt: str
) -> None:
    view = seen(plan, PLANK, seconds)
    assert (view.big, view.prompt[0]) == (big, prompt)


@pytest.mark.parametrize(
    ("elapsed", "ticks"),
    [
        (0.0, ("DOWN ●○○ · hold ○ · up ○", "DOWN ●○○", "DOWN")),
        (1.5, ("DOWN ●●○ · hold ○ · up ○", "DOWN ●●○", "DOWN")),
        (2.999, ("DOWN ●●● · hold ○ · up ○", "DOWN ●●●", "DOWN")),
        (3.0, ("down ●●● · HOLD ● · up ○", "HOLD ●", "HOLD")),
        (4.5, ("down ●●● · hold ● · UP ●", "UP ●", "UP")),
        (5.0, ("DOWN ●○○ · hold ○ · up ○", "DOWN ●○○", "DOWN")),  # the next rep
        (40.0, ("down ●●● · hold ● · UP ●", "UP ●", "UP")),  # the last rep, ended
    ],
)
def test_tempo_ticks_show_the_phase_in_progress(
    plan: Plan, elapsed: float, ticks: tuple[str, ...]
) -> None:
    assert tempo_ticks(plan.steps[NORDIC], elapsed) == ticks


def test_a_phase_of_no_time_is_not_shown_and_long_phases_tick_each_second() -> None:
    step = Step(
        index=0,
        kind=build_plan(parse_circuit(CIRCUIT)).steps[NORDIC].kind,
        title="Curl",
        headline="5 reps",
        summary="Curl",
        block="B",
        estimate=10,
        reps=1,
        tempo=5.5,
        tempo_phases=(0, 1.5, 0, 4),
        seconds=5.5,
    )
    assert tempo_ticks(step, 2.0) == ("hold ●● · HOLD ●○○○", "HOLD ●○○○", "HOLD")


def test_only_paced_reps_with_phases_tick(plan: Plan) -> None:
    assert seen(plan, NORDIC, 1).tempo[0] == "DOWN ●●○ · hold ○ · up ○"
    assert seen(plan, LEG_SWING, 1).tempo == ()
    assert seen(plan, WALK, 1).tempo == ()
