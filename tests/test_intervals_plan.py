"""EMOM, AMRAP and intervals blocks: what the format accepts and refuses, and their plans."""

from __future__ import annotations

import math
from pathlib import Path

import pytest

from hamtimer.circuit import CircuitError, json_schema, parse_circuit
from hamtimer.plan import (
    IntervalKind,
    Plan,
    RestReason,
    StepKind,
    WorkMode,
    build_plan,
    plan_document,
    plan_from_document,
)
from hamtimer.plan import speech as words
from hamtimer.plan.compiled import compiled
from hamtimer.plan.intervals import round_item
from tests.interval_circuits import AMRAP, EMOM, TABATA, write
from tests.test_plan_cache import refuse_validation


def plan_of(text: str, **options: bool) -> Plan:
    return build_plan(parse_circuit(text), **options)


def problem(text: str) -> str:
    with pytest.raises(CircuitError) as caught:
        parse_circuit(text)
    return str(caught.value)


# ----------------------------------------------------------------------------- the format

EMOM_REPS = 'mode = "emom"\nsets = 10'


@pytest.mark.parametrize(
    ("text", "old", "new", "said"),
    [
        (AMRAP, "time_cap = 300", "", ':5:1: block "Five minutes": an amrap block needs time_cap'),
        (AMRAP, "time_cap = 300", "time_cap = 300\nsets = 3", ':9:1: block "Five minutes": an '),
        (EMOM, EMOM_REPS, 'mode = "emom"', ':5:1: block "Ten minutes": sets is missing: add sets'),
        (
            EMOM,
            "cue = ",
            "rest_between_sets = 5\ncue = ",
            ':7:1: block "Ten minutes": exercise "Burpee": an emom block rests for what is left '
            "of each interval: remove rest_between_sets",
        ),
        (
            EMOM,
            'cue = "Chest to the floor"',
            'cue = "Chest to the floor"\n[[blocks.exercises]]\nkind = "rest"\nseconds = 20',
            ':7:1: block "Ten minutes": an emom block rests for what is left of each interval: '
            "remove the rest written among its exercises",
        ),
        (
            AMRAP,
            "reps = 15",
            "reps = 15\nsets = 2",
            'exercise "Air squat": an amrap block has no sets: the rounds go on until time_cap; '
            "remove sets",
        ),
        (
            AMRAP,
            "reps = 15",
            "reps = [15, 12]",
            'exercise "Air squat": an amrap block has no sets, so reps takes one value (a number '
            "or a range), not a list",
        ),
        (
            AMRAP,
            "seconds = 30",
            'seconds = 30\n[[blocks.exercises]]\nkind = "rest"\nseconds = 20',
            "an amrap block has no rests: remove the rest written among its exercises",
        ),
        (
            EMOM,
            "reps = 10",
            'seconds = "40-60"',
            'a set of "Burpee" takes 60 s, which leaves no rest',  # a range: its top
        ),
        (
            EMOM,
            "reps = 10",
            "seconds = [30, 40, 50, 55, 59, 60, 30, 30, 30, 30]",
            'a set of "Burpee" takes 60 s, which leaves no rest',  # a list: its longest set
        ),
        (EMOM, "reps = 10", 'reps = 10\ntempo = "3-1-2-0"', 'a set of "Burpee" takes 60 s'),
        (
            EMOM,
            "reps = 10",
            "reps = [10, 10]",
            "in an emom-mode block every exercise follows the block's rounds (sets = 10), but "
            'exercise "Burpee" has 2 sets',
        ),
        (EMOM, EMOM_REPS, "sets = 3\ntime_cap = 60", ':8:1: block "Ten minutes": time_cap goes'),
        (EMOM, EMOM_REPS, "sets = 3\nevery = 60", ':8:1: block "Ten minutes": every (the length'),
        (TABATA, "sets = 8", "sets = 8\nevery = 30", "every (the length of an interval) goes with"),
        (
            EMOM,
            EMOM_REPS,
            f"{EMOM_REPS}\nrest_between_sets = 10",
            ':9:1: block "Ten minutes": an emom block rests for what is left of each interval: '
            "remove rest_between_sets",
        ),
        (
            AMRAP,
            "time_cap = 300",
            "time_cap = 300\nrest_between_exercises = 10",
            "an amrap block has no rests: remove rest_between_exercises",
        ),
        (
            EMOM,
            "reps = 10",
            "to_fatigue = true",
            ':7:1: block "Ten minutes": exercise "Burpee": a hold to fatigue has no set length',
        ),
        (
            AMRAP,
            "reps = 15",
            "reps = 15\ntempo = 2",
            'exercise "Air squat": an amrap round goes at the runner\'s own pace: remove tempo',
        ),
        (
            EMOM,
            "reps = 10",
            "seconds = 60",
            ':7:1: block "Ten minutes": a set of "Burpee" takes 60 s, which leaves no rest in an '
            "interval of 60 s: make the set shorter or every longer",
        ),
        (
            EMOM,
            "reps = 10",
            'seconds = 25\nsides = ["right", "left"]',  # 25 + 10 s switch + 25 = 60
            ':3:1: block "Ten minutes": a set of "Burpee" takes 60 s with switch_sides = 10',
        ),
        (EMOM, "reps = 10", "reps = 10\ntempo = 6.5", 'a set of "Burpee" takes 65 s'),
        (EMOM, EMOM_REPS, f"{EMOM_REPS}\nevery = 0", ':9:1: block "Ten minutes": every must be'),
        (AMRAP, "time_cap = 300", "time_cap = -1", "time_cap must be above 0, not -1"),
    ],
    ids=[
        "amrap-no-cap",
        "amrap-sets",
        "emom-no-sets",
        "emom-exercise-rest",
        "emom-written-rest",
        "amrap-exercise-sets",
        "amrap-list",
        "amrap-written-rest",
        "emom-range-too-long",
        "emom-list-too-long",
        "emom-tempo-phases-too-long",
        "emom-list-not-rounds",
        "cap-not-amrap",
        "every-not-emom",
        "every-intervals",
        "emom-rest",
        "amrap-rest",
        "emom-hold",
        "amrap-tempo",
        "emom-set-too-long",
        "emom-sides-too-long",
        "emom-tempo-too-long",
        "every-zero",
        "cap-negative",
    ],
)
def test_each_mode_refuses_what_it_cannot_do(text: str, old: str, new: str, said: str) -> None:
    assert old in text
    assert said in problem(text.replace(old, new))


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("reps = 10", "seconds = 59"),
        ("reps = 10", 'seconds = 20\nsides = ["right", "left"]\nrest_between_sides = 19'),
        ("reps = 10", "reps = 10\ntempo = 5.9"),
    ],
)
def test_an_emom_set_that_leaves_rest_is_fine(old: str, new: str) -> None:
    parse_circuit(EMOM.replace(old, new))


def test_a_block_without_sets_has_one_unless_it_is_an_emom_or_an_amrap() -> None:
    straight = TABATA.replace("sets = 8\n", "").replace("rest_between_sets = 10\n", "")
    assert parse_circuit(straight).blocks[0].sets == 1
    assert parse_circuit(straight.replace('"intervals"', '"circuit"')).blocks[0].sets == 1
    assert parse_circuit(straight.replace('mode = "intervals"\n', "")).blocks[0].sets == 1
    assert parse_circuit(AMRAP).blocks[0].sets is None
    plan = plan_of(straight)
    assert [step.set_text for step in plan.steps if step.kind is StepKind.WORK] == [
        "interval 1 of 1"
    ]


def test_the_schema_knows_the_modes_and_their_keys() -> None:
    block = json_schema()["$defs"]["Block"]
    assert block["properties"]["mode"]["enum"] == [
        "straight",
        "circuit",
        "emom",
        "amrap",
        "intervals",
    ]
    assert {"every", "time_cap"} <= set(block["properties"])
    assert "sets" not in block.get("required", []), "an amrap block has none"


# ----------------------------------------------------------------------------- the plans


@pytest.mark.parametrize(
    ("every", "sets", "exercises", "total"),
    [(None, 10, 1, 600), (60, 5, 2, 600), (30, 4, 1, 120), (45, 3, 3, 405)],
)
def test_an_emom_lasts_its_intervals_exactly(
    every: int | None, sets: int, exercises: int, total: float
) -> None:
    text = EMOM.replace("sets = 10", f"sets = {sets}" + (f"\nevery = {every}" if every else ""))
    text += "".join(
        f'[[blocks.exercises]]\nname = "Move {n}"\nkind = "cardio"\nreps = 5\n'
        for n in range(2, exercises + 1)
    )
    plan = plan_of(text)
    intervals = sets * exercises
    work = [step for step in plan.steps if step.kind is StepKind.WORK]
    rests = [step for step in plan.steps if step.rest_reason is RestReason.INTERVAL]
    assert len(work) == len(rests) == intervals
    assert math.isclose(plan.estimated_seconds, 5 + total), "get ready + the intervals"
    assert [step.interval_number for step in work] == list(range(1, intervals + 1))
    for number in range(1, intervals + 1):
        steps = [step for step in plan.steps if step.interval_number == number]
        assert math.isclose(sum(step.estimate for step in steps), every or 60)


def test_an_emom_of_ten_minutes_is_ten_intervals_of_a_minute() -> None:
    plan = plan_of(EMOM)
    assert len(plan) == 21
    work = plan.steps[1::2]
    assert [step.set_text for step in work] == [f"minute {n} of 10" for n in range(1, 11)]
    assert {(step.every, step.interval) for step in plan.steps[1:]} == {(60, IntervalKind.EMOM)}
    rest = plan.steps[2]
    assert (rest.kind, rest.seconds, rest.headline) == (StepKind.REST, 30, "Rest of the minute")
    assert plan.steps[1].estimate == 30, "10 reps at 3 s"
    assert plan.steps[-1].rest_reason is RestReason.INTERVAL, "the last interval ends on time"
    assert plan.estimated_seconds == 605


def test_an_emom_of_other_intervals_counts_intervals() -> None:
    plan = plan_of(EMOM.replace("sets = 10", "sets = 10\nevery = 45"))
    assert plan.steps[5].set_text == "interval 3 of 10"
    assert plan.steps[6].headline == "Rest of the interval"


def test_an_emom_set_estimated_longer_than_its_interval_leaves_no_planned_rest() -> None:
    plan = plan_of(EMOM.replace("reps = 10", "reps = 25"))  # 75 s at 3 s a rep
    assert (plan.steps[1].estimate, plan.steps[2].estimate) == (60, 0)
    assert plan.estimated_seconds == 605


def test_an_emom_with_sides_keeps_a_set_in_one_interval() -> None:
    plan = plan_of(EMOM.replace("reps = 10", 'reps = 5\nsides = ["right", "left"]'))
    first = [step for step in plan.steps if step.interval_number == 1]
    assert [step.kind for step in first] == [
        StepKind.WORK,
        StepKind.SWITCH_SIDES,
        StepKind.WORK,
        StepKind.REST,
    ]
    assert [step.estimate for step in first] == [15, 10, 15, 20]


def test_an_amraps_estimate_is_its_cap() -> None:
    plan = plan_of(AMRAP)
    assert len(plan) == 2
    amrap = plan.steps[1]
    assert (amrap.kind, amrap.mode, amrap.interval) == (
        StepKind.WORK,
        WorkMode.AMRAP,
        IntervalKind.AMRAP,
    )
    assert amrap.seconds == amrap.estimate == 300
    assert plan.estimated_seconds == 305
    assert amrap.round_items == ("10 × Push-up", "15 × Air squat", "30 s Plank")
    assert amrap.summary == "AMRAP 5:00 — 10 × Push-up · 15 × Air squat · 30 s Plank"
    assert amrap.set_text is None


def test_an_amraps_challenge_names_its_exercises() -> None:
    text = AMRAP.replace("reps = 15", 'reps = 15\nchallenge = "Jump at the top"')
    assert plan_of(text).steps[1].challenge is None
    hard = build_plan(parse_circuit(text), challenge=True).steps[1]
    assert hard.challenge == "Air squat: Jump at the top"


@pytest.mark.parametrize(
    ("work", "item"),
    [
        ("reps = 8", "8 × Lunge"),
        ("seconds = 30", "30 s Lunge"),
        ('reps = 8\nsides = ["right", "left"]', "8 × Lunge, each side"),
        ('reps = 8\nsides = ["left"]', "8 × Lunge, left side"),
        (
            '[[blocks.exercises.prompts]]\nreps = 6\ndirection = "clockwise"\n'
            "[[blocks.exercises.prompts]]\nreps = 4",
            "Lunge: 6 × clockwise, 4",
        ),
    ],
)
def test_round_items_say_each_exercise_in_a_few_words(work: str, item: str) -> None:
    circuit = parse_circuit(
        AMRAP.split("[[blocks.exercises]]")[0]
        + f'[[blocks.exercises]]\nname = "Lunge"\nkind = "strength"\n{work}\n'
    )
    assert round_item(circuit.blocks[0].exercises[0]) == item


def test_an_intervals_block_labels_its_work_steps() -> None:
    plan = plan_of(TABATA)
    assert len(plan) == 16
    work = [step for step in plan.steps if step.kind is StepKind.WORK]
    assert [step.set_text for step in work] == [f"interval {n} of 8" for n in range(1, 9)]
    assert [step.set_number for step in work] == list(range(1, 9)), "still its rounds"
    assert {step.seconds for step in work} == {20}
    assert {step.seconds for step in plan.steps[2::2]} == {10}
    assert plan.estimated_seconds == 10 + 8 * 20 + 7 * 10


def test_an_intervals_block_counts_every_work_step_over_the_block() -> None:
    text = TABATA.replace("sets = 8", "sets = 2") + (
        '[[blocks.exercises]]\nname = "Squat"\nkind = "strength"\nseconds = 20\n'
        'sides = ["right", "left"]\n'
    )
    work = [step for step in plan_of(text).steps if step.kind is StepKind.WORK]
    assert [(step.exercise, step.set_text) for step in work] == [
        ("Mountain climber", "interval 1 of 6"),
        ("Squat", "interval 2 of 6"),
        ("Squat", "interval 3 of 6"),
        ("Mountain climber", "interval 4 of 6"),
        ("Squat", "interval 5 of 6"),
        ("Squat", "interval 6 of 6"),
    ]


@pytest.mark.parametrize("text", [EMOM, AMRAP, TABATA])
def test_interval_plans_read_back_from_their_json_exactly(text: str) -> None:
    plan = plan_of(text, hands_free=True)
    assert plan_from_document(plan_document(plan)) == plan


@pytest.mark.parametrize("text", [EMOM, AMRAP])
def test_the_compiled_outline_keeps_the_mode(
    tmp_path: Path, text: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = write(tmp_path, text)
    fresh = compiled(path, path.read_bytes())
    refuse_validation(monkeypatch)
    cached = compiled(path, path.read_bytes())
    assert cached == fresh
    (block,) = cached.blocks
    if text is EMOM:
        assert (block.mode, block.sets, block.every, block.time_cap) == ("emom", 10, 60, None)
    else:
        assert (block.mode, block.sets, block.every, block.time_cap) == ("amrap", None, None, 300)


# ----------------------------------------------------------------------------- the words


def test_the_voice_says_each_interval() -> None:
    emom = plan_of(EMOM.replace("sets = 10", "sets = 3"))
    assert words.announce(emom, 0) == "Get ready: five seconds. First: minute one, burpee."
    assert words.announce(emom, 1) == "Minute one of three. Ten burpees."
    assert words.announce(emom, 2) == "Rest. Next: minute two, burpee."
    tabata = plan_of(TABATA)
    assert words.announce(tabata, 1) == "Interval one of eight. Mountain climber. Twenty seconds."
    assert words.announce(tabata, 2) == "Rest ten seconds. Next: interval two, mountain climber."
    assert words.announce(tabata, 3) == "Interval two of eight. Twenty seconds."


def test_the_voice_says_an_amrap_and_its_rounds() -> None:
    plan = plan_of(AMRAP)
    assert words.announce(plan, 1) == "Five minutes. As many rounds as you can in five minutes."
    assert words.brief(plan, 1) == "As many rounds as you can."
    assert words.round_done(4) == "Round four done."
    assert {"round", "four", "done", "rounds"} <= words.vocabulary(plan)


def test_the_readmes_interval_example_is_true() -> None:
    readme = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")
    section = readme.split("### Interval blocks")[1].split("###")[0]
    example = section.split("```toml\n")[1].split("```")[0]
    plan = plan_of(f'name = "Example"\n{example}')
    emom = [step for step in plan.steps if step.interval is IntervalKind.EMOM]
    assert math.isclose(sum(step.estimate for step in emom), 600), "10 intervals, 10 minutes"
    assert [step.summary for step in plan.steps if step.mode is WorkMode.AMRAP] == [
        "AMRAP 10:00 — 10 × Push-up · 30 s Plank"
    ]
    assert plan.steps[-1].set_text == "interval 8 of 8"
