"""The plan of the format's prescriptions: the steps a pyramid, a range, a list of rests, a
written rest, a warm-up, a tempo of phases and an include expand to, and their words."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from hamtimer.circuit import BlockRole, load_circuit, parse_circuit
from hamtimer.events import Event, EventKind
from hamtimer.plan import (
    Plan,
    RestReason,
    Step,
    StepKind,
    WorkMode,
    build_plan,
    plan_document,
    plan_from_document,
)
from hamtimer.plan import speech as words
from hamtimer.voice.coach import lines_for, plan_lines
from hamtimer.workout import is_paced

TIMING = """
name = "T"
[timing]
get_ready = 5
switch_sides = 4
rest_between_exercises = 30
rest_between_sets = 60
rest_between_blocks = 90
seconds_per_rep = 3
"""


def plan_of(blocks: str, *, hands_free: bool = False) -> Plan:
    return build_plan(parse_circuit(TIMING + blocks), hands_free=hands_free)


def shape(step: Step) -> tuple[object, ...]:
    """A step in a few words: work as (exercise, reps or seconds, set text), a pause as
    (kind, seconds, why)."""
    if step.kind is StepKind.WORK:
        amount = step.reps if step.mode is WorkMode.REPS else step.seconds
        return (step.exercise, amount, step.set_text)
    return (step.kind.value, step.seconds, step.rest_reason.value if step.rest_reason else None)


def exercise(name: str, work: str, kind: str = "strength") -> str:
    return f'[[blocks.exercises]]\nname = "{name}"\nkind = "{kind}"\n{work}\n'


def block(name: str, settings: str = "") -> str:
    return f'[[blocks]]\nname = "{name}"\n{settings}\n'


def test_a_pyramid_is_three_sets_of_one_exercise() -> None:
    plan = plan_of(block("Pyramid") + exercise("Nordic curl", "reps = [12, 10, 8]"))
    assert [shape(step) for step in plan.steps] == [
        ("get_ready", 5, None),
        ("Nordic curl", 12, "set 1 of 3"),
        ("rest", 60, "between_sets"),
        ("Nordic curl", 10, "set 2 of 3"),
        ("rest", 60, "between_sets"),
        ("Nordic curl", 8, "set 3 of 3"),
    ]


def test_the_old_way_of_writing_a_pyramid_gave_one_set_of_three_exercises() -> None:
    """What the per-set list replaces: the same exercise written three times in a one-set
    block, each 'set 1 of 1', with rests between exercises."""
    plan = plan_of(
        block("Pyramid", "sets = 1")
        + "".join(exercise("Nordic curl", f"reps = {reps}") for reps in (12, 10, 8))
    )
    assert {step.set_text for step in plan.steps if step.kind is StepKind.WORK} == {"set 1 of 1"}
    assert {step.rest_reason for step in plan.steps[1:] if step.kind is StepKind.REST} == {
        RestReason.BETWEEN_EXERCISES
    }


@pytest.mark.parametrize(
    ("settings", "work", "rests"),
    [
        ("", "reps = [12, 10, 8]\nrest_between_sets = [90, 120]", [90, 120]),
        ("rest_between_sets = [45, 75]", "reps = [12, 10, 8]", [45, 75]),
        ("sets = 3\nrest_between_sets = 20", "reps = 5", [20, 20]),
        ("sets = 3", "reps = 5\nrest_between_sets = [10, 0]", [10]),  # a 0 s rest is no step
    ],
)
def test_a_list_of_rests_gives_one_rest_a_gap(settings: str, work: str, rests: list[int]) -> None:
    plan = plan_of(block("B", settings) + exercise("Squat", work))
    assert [step.seconds for step in plan.steps if step.kind is StepKind.REST] == rests


def test_each_exercise_may_have_its_own_sets_in_a_straight_block() -> None:
    plan = plan_of(
        block("B", "sets = 3")
        + exercise("Squat", "reps = 5\nsets = 2")
        + exercise("Lunge", "reps = 6")
    )
    assert [shape(step) for step in plan.steps if step.kind is StepKind.WORK] == [
        ("Squat", 5, "set 1 of 2"),
        ("Squat", 5, "set 2 of 2"),
        ("Lunge", 6, "set 1 of 3"),
        ("Lunge", 6, "set 2 of 3"),
        ("Lunge", 6, "set 3 of 3"),
    ]


def test_rounds_take_one_value_a_round_and_one_rest_a_gap() -> None:
    plan = plan_of(
        block("B", 'sets = 3\nmode = "circuit"\nrest_between_sets = [60, 120]')
        + exercise("Squat", "reps = [10, 8, 6]")
        + exercise("Plank", 'seconds = [20, 30, "30-45"]', "isometric")
    )
    assert [shape(step) for step in plan.steps[1:]] == [
        ("Squat", 10, "round 1 of 3"),
        ("rest", 30, "between_exercises"),
        ("Plank", 20, "round 1 of 3"),
        ("rest", 60, "between_rounds"),
        ("Squat", 8, "round 2 of 3"),
        ("rest", 30, "between_exercises"),
        ("Plank", 30, "round 2 of 3"),
        ("rest", 120, "between_rounds"),
        ("Squat", 6, "round 3 of 3"),
        ("rest", 30, "between_exercises"),
        ("Plank", 45, "round 3 of 3"),
    ]
    assert plan.steps[-1].seconds_low == 30


@pytest.mark.parametrize(
    ("work", "fields"),
    [
        (
            'reps = "6-8"',
            {"reps": 8, "reps_low": 6, "amount": "6–8 reps", "estimate": 24, "seconds": None},
        ),
        (
            'reps = "6-8"\ntempo = 2',
            {"reps": 8, "reps_low": 6, "seconds": 16, "estimate": 16, "brief": "6–8 reps"},
        ),
        (
            'seconds = "20-30"',
            {
                "seconds": 30,
                "seconds_low": 20,
                "headline": "20–30 seconds",
                "brief": "20–30 s",
                "estimate": 30,
                "summary": "Squat — 20–30 seconds",
            },
        ),
        ("reps = 8", {"reps": 8, "reps_low": None, "amount": "8 reps"}),
        ("seconds = 30", {"seconds": 30, "seconds_low": None, "headline": "30 seconds"}),
    ],
)
def test_a_range_is_shown_as_written_and_estimated_with_its_top(
    work: str, fields: dict[str, object]
) -> None:
    (step,) = [s for s in plan_of(block("B") + exercise("Squat", work)).steps if s.exercise]
    assert {name: getattr(step, name) for name in fields} == fields


def test_a_prompt_range_reads_as_a_range() -> None:
    plan = plan_of(
        block("B")
        + exercise("Halo", "", "stability")
        + '[[blocks.exercises.prompts]]\nreps = "4-6"\ndirection = "clockwise"\n'
    )
    assert (plan.steps[1].headline, plan.steps[1].reps, plan.steps[1].reps_low) == (
        "4–6 × CLOCKWISE ↻",
        6,
        4,
    )


REST = '[[blocks.exercises]]\nkind = "rest"\nseconds = 120\nname = "Walk it off"\n'


def test_a_written_rest_is_a_step_with_no_automatic_rest_beside_it() -> None:
    plan = plan_of(
        block("B", "sets = 2")
        + exercise("Squat", "reps = 5\nsets = 1")
        + REST
        + exercise("Lunge", "reps = 6\nsets = 1")
        + exercise("Bridge", "reps = 8\nsets = 1")
    )
    assert [shape(step) for step in plan.steps[1:]] == [
        ("Squat", 5, "set 1 of 1"),
        ("rest", 120, "written"),
        ("Lunge", 6, "set 1 of 1"),
        ("rest", 30, "between_exercises"),
        ("Bridge", 8, "set 1 of 1"),
    ]
    written = plan.steps[2]
    assert (written.title, written.headline, written.summary) == (
        "Walk it off",
        "Walk it off",
        "Walk it off 120 s",
    )


def test_a_written_rest_ends_each_round_in_place_of_the_rest_between_rounds() -> None:
    plan = plan_of(
        block("B", 'sets = 2\nmode = "circuit"')
        + exercise("Squat", "reps = 5")
        + exercise("Lunge", "reps = 6")
        + REST
        + block("Next")
        + exercise("Bridge", "reps = 8")
    )
    assert [shape(step) for step in plan.steps[1:]] == [
        ("Squat", 5, "round 1 of 2"),
        ("rest", 30, "between_exercises"),
        ("Lunge", 6, "round 1 of 2"),
        ("rest", 120, "written"),
        ("Squat", 5, "round 2 of 2"),
        ("rest", 30, "between_exercises"),
        ("Lunge", 6, "round 2 of 2"),
        ("rest", 120, "written"),
        ("Bridge", 8, "set 1 of 1"),  # no rest between blocks after a written rest
    ]


def test_a_block_that_starts_with_a_written_rest_takes_no_rest_between_blocks() -> None:
    plan = plan_of(block("A") + exercise("Squat", "reps = 5") + block("B") + REST)
    assert [shape(step) for step in plan.steps[1:]] == [
        ("Squat", 5, "set 1 of 1"),
        ("rest", 120, "written"),
    ]


def test_a_blocks_rest_after_is_the_rest_that_follows_it() -> None:
    plan = plan_of(
        block("Warm-up", 'role = "warm-up"\nrest_after = 45')
        + exercise("Leg swing", "reps = 10", "mobility")
        + block("Main", "rest_after = 20")
        + exercise("Squat", "reps = 5")
        + block("Finish")
        + exercise("Bridge", "reps = 8")
    )
    rests = [step.seconds for step in plan.steps if step.rest_reason is RestReason.BETWEEN_BLOCKS]
    assert rests == [45, 20]


def test_warm_up_and_cool_down_steps_carry_their_role() -> None:
    plan = plan_of(
        block("Warm-up", 'role = "warm-up"')
        + exercise("Leg swing", 'sides = ["right", "left"]\nreps = 10', "mobility")
        + block("Main")
        + exercise("Squat", "reps = 5")
        + block("Cool-down", 'role = "cool-down"')
        + exercise("Stretch", 'seconds = "20-30"', "mobility")
    )
    assert [(step.kind.value, step.role.value) for step in plan.steps] == [
        ("get_ready", "main"),
        ("work", "warm-up"),
        ("switch_sides", "warm-up"),
        ("work", "warm-up"),
        ("rest", "main"),
        ("work", "main"),
        ("rest", "main"),
        ("work", "cool-down"),
    ]


def test_a_tempo_of_phases_paces_the_reps_at_their_sum() -> None:
    plan = plan_of(block("B") + exercise("Nordic curl", 'reps = 5\ntempo = "3-1-1-0"'))
    step = plan.steps[1]
    assert (step.tempo, step.tempo_phases, step.seconds) == (5, (3, 1, 1, 0), 25)
    assert is_paced(step)


@pytest.mark.parametrize(
    ("work", "hands_free", "tempo", "estimate"),
    [
        ("reps = 10\nseconds_per_rep = 4", False, None, 40),
        ("reps = 10\nseconds_per_rep = 4", True, 4, 40),
        ("reps = 10", True, 3, 30),
        ("reps = 10\nseconds_per_rep = 4\ntempo = 2", False, 2, 20),  # a tempo wins
        ('reps = "8-10"\nseconds_per_rep = 2', False, None, 20),
    ],
)
def test_seconds_per_rep_sets_an_exercises_estimate_and_hands_free_pace(
    work: str, hands_free: bool, tempo: float | None, estimate: float
) -> None:
    step = plan_of(block("B") + exercise("Squat", work), hands_free=hands_free).steps[1]
    assert (step.tempo, step.estimate) == (tempo, estimate)


def test_challenge_mode_keeps_the_structure_of_every_new_construct() -> None:
    text = (
        TIMING
        + block("Warm-up", 'role = "warm-up"\nrest_after = 10')
        + exercise("Leg swing", 'reps = "8-10"\nchallenge = "Higher"', "mobility")
        + block("Main", "rest_between_sets = [30, 40]")
        + exercise("Nordic curl", 'reps = [12, 10, 8]\ntempo = "3-1-1-0"\nchallenge = "Slower"')
        + REST
    )
    circuit = parse_circuit(text)
    easy, hard = build_plan(circuit), build_plan(circuit, challenge=True)
    assert [shape(step) for step in easy.steps] == [shape(step) for step in hard.steps]
    assert hard.steps[1].challenge == "Higher" and easy.steps[1].challenge is None


def test_included_blocks_are_planned_with_the_including_files_timing(tmp_path: Path) -> None:
    (tmp_path / "cool.toml").write_text(
        'name = "Cool"\n[timing]\nrest_between_blocks = 5\nswitch_sides = 1\n'
        + block("Cool-down", 'role = "cool-down"')
        + exercise("Stretch", 'sides = ["right", "left"]\nseconds = 30', "mobility")
    )
    main = tmp_path / "main.toml"
    main.write_text(
        TIMING
        + block("Main")
        + exercise("Squat", "reps = 5")
        + '[[blocks]]\ninclude = "cool.toml"\n'
    )
    plan = build_plan(load_circuit(main))
    assert [shape(step) for step in plan.steps[1:]] == [
        ("Squat", 5, "set 1 of 1"),
        ("rest", 90, "between_blocks"),
        ("Stretch", 30, "set 1 of 1"),
        ("switch_sides", 4, None),
        ("Stretch", 30, "set 1 of 1"),
    ]
    assert plan.steps[-1].role is BlockRole.COOL_DOWN


# ------------------------------------------------------------------------ the words


def words_plan() -> Plan:
    return plan_of(
        block("Warm-up", 'role = "warm-up"')
        + exercise("Leg swing", "reps = 10", "mobility")
        + block("Main")
        + exercise("Nordic curl", 'reps = "6-8"\ntempo = "3-1-1-0"', "eccentric")
        + REST
        + exercise("Plank", 'seconds = "20-30"', "isometric")
        + block("Cool-down", 'role = "cool-down"')
        + exercise("Calf stretch", "seconds = 30", "mobility")
    )


@pytest.mark.parametrize(
    ("index", "said"),
    [
        (0, "Get ready: five seconds. First: warm-up, leg swing."),
        (1, "Warm-up. Ten leg swings."),
        (2, "Rest ninety seconds. Next: nordic curl."),
        (3, "Six to eight nordic curls."),
        (4, "Walk it off: two minutes. Next: plank."),
        (5, "Plank. Twenty to thirty seconds."),
        (6, "Rest ninety seconds. Next: cool-down, calf stretch."),
        (7, "Cool-down. Calf stretch. Thirty seconds."),
    ],
)
def test_the_voice_says_ranges_roles_and_written_rests(index: int, said: str) -> None:
    assert words.announce(words_plan(), index) == said


def test_the_voice_says_each_tempo_phase_but_the_first() -> None:
    plan = words_plan()
    step = plan.steps[3]

    def said(number: int, due: float) -> tuple[tuple[str, ...], float | None] | None:
        found = lines_for(Event(EventKind.TEMPO, due, 3, count=number), plan)
        return None if found is None else (found.candidates, found.latest)

    assert said(1, 100.0) is None, "the rep's count marks its first phase"
    assert said(2, 103.0) == (("Hold.",), 104.0)
    assert said(3, 104.0) == (("Up.",), 105.0)
    count = lines_for(Event(EventKind.REP, 105.0, 3, count=2), plan)
    assert count is not None and count.latest == 108.0, "said before the rep's next phase"
    assert {"Hold.", "Up."} <= set(plan_lines(plan)) and "Down." not in plan_lines(plan)
    assert step.tempo_phases == (3, 1, 1, 0)
    assert {"down", "hold", "up", "to", "warm-up", "cool-down", "walk"} <= words.vocabulary(plan)


def test_the_start_phrase_of_phased_reps_ends_before_the_first_phase_does() -> None:
    plan = words_plan()
    start = lines_for(Event(EventKind.GO, 200.0, 3), plan)
    assert start is not None and start.latest == 203.0, "before 'Hold.' at the end of 'down'"


def test_a_plan_of_every_construct_survives_its_document() -> None:
    plan = words_plan()
    again = plan_from_document(json.loads(json.dumps(plan_document(plan))))
    assert again == plan
    assert again.steps[3].tempo_phases == (3, 1, 1, 0) and again.steps[1].role is BlockRole.WARM_UP
