"""The plan: the exact sequence of steps a circuit expands to."""

from __future__ import annotations

from dataclasses import FrozenInstanceError

import pytest
from pydantic import ValidationError

from hamtimer.circuit import Circuit, Direction, parse_circuit
from hamtimer.plan import Plan, RestReason, Step, StepKind, WorkMode, build_plan, format_duration


def shape(step: Step) -> tuple[object, ...]:
    """A step as a short tuple that a reader can check against the circuit on paper."""
    if step.kind is StepKind.WORK:
        side = step.side.value[0].upper() if step.side else "-"
        direction = {Direction.CLOCKWISE: "CW", Direction.COUNTER_CLOCKWISE: "CCW", None: ""}
        what = step.reps if step.mode is WorkMode.REPS else step.mode.value  # type: ignore[union-attr]
        return (step.exercise, side, direction[step.direction], what, step.set_number)
    return (step.kind.value, step.seconds, step.rest_reason.value if step.rest_reason else None)


def expected_hamstring() -> list[tuple[object, ...]]:
    jumps: list[tuple[object, ...]] = []
    for number in (1, 2, 3):
        jumps += [
            ("Split stance jump", "R", "", 5, number),
            ("rest", 30, "between_sides"),
            ("Split stance jump", "L", "", 5, number),
        ]
        if number < 3:
            jumps.append(("rest", 60, "between_sets"))
    rounds: list[tuple[object, ...]] = []
    for number in (1, 2, 3):
        halo = "Runner's lunge halo"
        rounds += [
            ("Bird dog with wall push", "R", "", "open", number),
            ("switch_sides", 10, None),
            ("Bird dog with wall push", "L", "", "open", number),
            ("rest", 30, "between_exercises"),
            (halo, "R", "CW", 6, number),
            (halo, "R", "CCW", 6, number),
            ("switch_sides", 10, None),
            (halo, "L", "CW", 6, number),
            (halo, "L", "CCW", 6, number),
            ("rest", 30, "between_exercises"),
            ("Hamstring roll-out and roll-in", "-", "", 12, number),
        ]
        if number < 3:
            rounds.append(("rest", 60, "between_rounds"))
    return [("get_ready", 10, None), *jumps, ("rest", 90, "between_blocks"), *rounds]


def test_bundled_circuit_expands_to_the_whole_sequence(hamstring_plan: Plan) -> None:
    assert [shape(step) for step in hamstring_plan.steps] == expected_hamstring()
    assert len(hamstring_plan) == 48
    assert hamstring_plan.steps[-1].kind is StepKind.WORK, "no trailing rest"
    assert [step.index for step in hamstring_plan.steps] == list(range(48))


def test_bundled_estimate(hamstring_plan: Plan) -> None:
    # get ready 10; block 1: six runs of 5 jumps at 3 s + rests 3x30 + 2x60 = 300; block rest 90;
    # each round: 2x40 holds + 10 + 30 + 4x18 halos + 10 + 30 + 36 roll-outs = 268;
    # three rounds and two 60 s rests between them = 924.
    assert hamstring_plan.estimated_seconds == 10 + 300 + 90 + 924
    assert format_duration(hamstring_plan.estimated_seconds) == "22:04"
    assert hamstring_plan.starts()[:4] == [0, 10, 25, 55]


def test_screen_words_are_decided_here(hamstring_plan: Plan) -> None:
    halo = hamstring_plan.steps[18]
    assert halo.side_text == "RIGHT leg forward"
    assert halo.headline == "6 × COUNTER-CLOCKWISE ↺"
    assert halo.set_text == "round 1 of 3"
    assert halo.equipment == ("dumbbell", "kettlebell", "weight plate")
    assert halo.cue and "lunge" in halo.cue
    assert not halo.ends_itself
    jump = hamstring_plan.steps[1]
    assert jump.summary == "Split stance jump — RIGHT leg forward — 5 reps"
    assert jump.set_text == "set 1 of 3"
    rest = hamstring_plan.steps[4]
    assert rest.summary == "Rest 60 s (between sets)" and rest.ends_itself
    hold = hamstring_plan.steps[13]
    assert hold.headline == "Hold to fatigue" and hold.mode is WorkMode.OPEN
    assert hold.estimate == 40 and hold.seconds is None


@pytest.mark.parametrize(
    ("index", "amount", "short", "brief"),
    [
        (0, "10 s", "Get ready 10 s", "10 s"),
        (3, "5 reps", "LEFT · 5 reps", "5 reps"),
        (4, "60 s", "Rest 60 s", "60 s"),
        (13, "hold to fatigue", "RIGHT · hold to fatigue", "hold"),
        (14, "10 s", "Switch sides 10 s", "10 s"),
        (18, "6 × counter-clockwise", "RIGHT · 6 × counter-clockwise", "6 × counter-clockwise"),
        (20, "6 × clockwise", "LEFT · 6 × clockwise", "6 × clockwise"),
        (23, "12 reps", "12 reps", "12 reps"),  # no sides: no side to name
    ],
)
def test_short_words_put_the_side_first(
    hamstring_plan: Plan, index: int, amount: str, short: str, brief: str
) -> None:
    step = hamstring_plan.steps[index]
    assert (step.amount, step.short, step.brief) == (amount, short, brief)


def test_timed_work_says_its_seconds() -> None:
    circuit = parse_circuit(
        "name = 't'\n[[blocks]]\nname = 'b'\nsets = 1\n[[blocks.exercises]]\n"
        "name = 'Plank'\nkind = 'isometric'\nsides = ['left']\nseconds = 45\n",
        "<test>",
    )
    work = build_plan(circuit).steps[1]
    assert (work.amount, work.short, work.brief) == ("45 seconds", "LEFT · 45 seconds", "45 s")


def test_challenge_mode_only_changes_texts(hamstring: Circuit, hamstring_plan: Plan) -> None:
    challenge = build_plan(hamstring, challenge=True)
    assert challenge.challenge and not hamstring_plan.challenge
    assert [shape(s) for s in challenge.steps] == [shape(s) for s in hamstring_plan.steps]
    assert all(step.challenge is None for step in hamstring_plan.steps)
    assert challenge.steps[13].challenge == "Lift the supporting knee off the mat."
    assert challenge.steps[17].challenge == "Stand the front foot on a step or box."
    assert challenge.steps[23].challenge is None, "roll-outs have no challenge variant"


def small(body: str, mode: str = "straight", sets: int = 2) -> Plan:
    return build_plan(
        parse_circuit(
            f"""
name = "Small"
[timing]
get_ready = 5
switch_sides = 4
rest_between_exercises = 20
rest_between_sets = 40
[[blocks]]
name = "B"
sets = {sets}
mode = "{mode}"
{body}
"""
        )
    )


TWO_EXERCISES = """
[[blocks.exercises]]
name = "A"
kind = "strength"
seconds = 30
[[blocks.exercises]]
name = "B"
kind = "strength"
reps = 4
tempo = 2
"""


def test_straight_sets_do_every_set_of_one_exercise_first() -> None:
    plan = small(TWO_EXERCISES, mode="straight")
    assert [(s.title, s.set_number, s.seconds) for s in plan.steps] == [
        ("Get ready", None, 5),
        ("A", 1, 30),
        ("Rest", None, 40),
        ("A", 2, 30),
        ("Rest", None, 20),
        ("B", 1, 8),
        ("Rest", None, 40),
        ("B", 2, 8),
    ]
    assert [s.rest_reason for s in plan.steps if s.kind is StepKind.REST] == [
        RestReason.BETWEEN_SETS,
        RestReason.BETWEEN_EXERCISES,
        RestReason.BETWEEN_SETS,
    ]
    assert plan.steps[1].mode is WorkMode.TIMED
    assert plan.steps[5].tempo == 2 and plan.steps[5].ends_itself


def test_circuit_mode_goes_round() -> None:
    plan = small(TWO_EXERCISES, mode="circuit")
    assert [(s.title, s.set_number) for s in plan.steps] == [
        ("Get ready", None),
        ("A", 1),
        ("Rest", None),
        ("B", 1),
        ("Rest", None),
        ("A", 2),
        ("Rest", None),
        ("B", 2),
    ]
    assert plan.steps[4].rest_reason is RestReason.BETWEEN_ROUNDS
    assert plan.steps[1].set_text == "round 1 of 2"


def test_zero_rests_make_no_step() -> None:
    plan = small(TWO_EXERCISES, sets=1)
    assert [s.title for s in plan.steps] == ["Get ready", "A", "Rest", "B"]
    no_rest = build_plan(
        parse_circuit(
            """
name = "No rests"
[timing]
get_ready = 0
rest_between_exercises = 0
[[blocks]]
name = "B"
sets = 1
"""
            + TWO_EXERCISES
        )
    )
    assert [s.title for s in no_rest.steps] == ["A", "B"]


def test_sides_without_a_rest_get_a_switch_step() -> None:
    plan = small(
        """
[[blocks.exercises]]
name = "Plank"
kind = "isometric"
sides = ["left", "right"]
side_label = "side"
seconds = 20
""",
        sets=1,
    )
    assert [(s.kind.value, s.side_text) for s in plan.steps] == [
        ("get_ready", None),
        ("work", "LEFT side"),
        ("switch_sides", None),
        ("work", "RIGHT side"),
    ]
    assert plan.steps[2].seconds == 4


def test_a_step_refuses_a_field_it_does_not_have() -> None:
    """A misspelt field in a builder is an error, not a field silently left at its default."""
    fields = {"index": 0, "kind": StepKind.REST, "title": "Rest", "headline": "Rest"}
    fields |= {"summary": "Rest 30 s", "block": "B", "seconds": 30, "estimate": 30}
    assert Step(**fields).rest_reason is None  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="rest_reasn"):
        Step(**{**fields, "rest_reasn": RestReason.BETWEEN_SETS})  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("seconds", "text"),
    [(0, "0:00"), (9.6, "0:10"), (59, "0:59"), (61, "1:01"), (1324, "22:04"), (3725, "1:02:05")],
)
def test_format_duration(seconds: float, text: str) -> None:
    assert format_duration(seconds) == text


def test_a_plan_is_immutable(hamstring_plan: Plan) -> None:
    """Challenge mode makes a second plan; nothing changes one in place."""
    with pytest.raises((ValidationError, FrozenInstanceError)):
        hamstring_plan.steps = ()  # type: ignore[misc]
    with pytest.raises((ValidationError, FrozenInstanceError)):
        hamstring_plan.steps[0].seconds = 5.0  # type: ignore[misc]
