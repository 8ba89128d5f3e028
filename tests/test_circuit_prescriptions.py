"""The format's prescriptions: per-exercise sets, ranges, lists one a set, written rests,
block roles and rests after, tempo phases, seconds per rep, includes and `[checks]`.

What each accepts, and what it says, naming the exercise or the files, about what it refuses.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from hamtimer.circuit import (
    BlockRole,
    Circuit,
    CircuitError,
    Exercise,
    Rest,
    check_text,
    json_schema,
    load_circuit,
    parse_circuit,
)
from hamtimer.circuit.amounts import Span, Tempo
from hamtimer.circuit.load import check_file

BLOCK = """
name = "T"
[[blocks]]
name = "B"
{block}
[[blocks.exercises]]
name = "Nordic curl"
kind = "eccentric"
{exercise}
"""


def circuit(exercise: str, block: str = "") -> Circuit:
    return parse_circuit(BLOCK.format(block=block, exercise=exercise))


def problem(exercise: str, block: str = "") -> str:
    with pytest.raises(CircuitError) as caught:
        circuit(exercise, block)
    return str(caught.value)


def first(made: Circuit) -> Exercise:
    entry = made.blocks[0].exercises[0]
    assert isinstance(entry, Exercise)
    return entry


@pytest.mark.parametrize(
    ("exercise", "block", "reps", "seconds", "sets"),
    [
        ("reps = 8", "", 8, None, 1),
        ('reps = "6-8"', "", Span(6, 8), None, 1),
        ('reps = "6–8"', "", Span(6, 8), None, 1),  # an en dash
        ('reps = " 6 - 8 "', "", Span(6, 8), None, 1),
        ("reps = [12, 10, 8]", "sets = 2", (12, 10, 8), None, 3),  # a list gives the sets
        ('reps = ["6-8", "6-8", "8-10"]', "", (Span(6, 8), Span(6, 8), Span(8, 10)), None, 3),
        ("reps = [12, 10, 8]\nsets = 3", "", (12, 10, 8), None, 3),
        ("reps = 5\nsets = 4", "sets = 2", 5, None, 4),  # its own sets, in a straight block
        ("reps = 5", "sets = 2", 5, None, 2),  # the block's
        ('seconds = "20-30"', "", None, Span(20, 30), 1),
        ('seconds = "2.5-7.5"', "", None, Span(2.5, 7.5), 1),
        ("seconds = [20, 30, 30]", "", None, (20, 30, 30), 3),
        ('seconds = [20, "20-30"]', "", None, (20, Span(20, 30)), 2),
    ],
)
def test_reps_and_seconds_take_a_number_a_range_or_a_list(
    exercise: str, block: str, reps: object, seconds: object, sets: int
) -> None:
    made = circuit(exercise, block)
    found = first(made)
    assert (found.reps, found.seconds) == (reps, seconds)
    assert found.set_count(made.blocks[0].sets) == sets


NORDIC = 'exercise "Nordic curl" (block "B")'


@pytest.mark.parametrize(
    ("exercise", "said"),
    [
        (
            'reps = "10"',
            f'9:1: {NORDIC}: reps must be a whole number above 0, not "10"; write reps = 10',
        ),
        ('reps = "8-6"', f'9:1: {NORDIC}: reps "8-6" does not go up: write the lower number first'),
        ('reps = "6-6"', f'9:1: {NORDIC}: reps "6-6" does not go up'),
        ('reps = "0-6"', f'9:1: {NORDIC}: reps "0-6" does not go up'),
        ('reps = "6.5-8"', f'9:1: {NORDIC}: reps "6.5-8" is not of whole numbers'),
        ('reps = "6-2000"', f'9:1: {NORDIC}: reps "6-2000" goes past 1000'),
        ('reps = "six-eight"', f'9:1: {NORDIC}: reps must be text like "6-8", not "six-eight"'),
        ('reps = "6 to 8"', f'9:1: {NORDIC}: reps must be text like "6-8", not "6 to 8"'),
        ('reps = [12, "x", 8]', f"9:13: {NORDIC}: item 2 of reps must be a whole number above 0"),
        ("reps = [12, 0]", f"9:13: {NORDIC}: item 2 of reps must be above 0, not 0"),
        ("reps = []", f"9:1: {NORDIC}: reps needs at least 1 item"),
        ("reps = true", f"9:1: {NORDIC}: reps must be a whole number above 0, not true"),
        ('seconds = "30"', f'9:1: {NORDIC}: seconds must be a number above 0, not "30"; write'),
        ("seconds = [20, true]", f"9:16: {NORDIC}: item 2 of seconds must be a number above 0"),
        ('reps = 5\ntempo = "3-1-1"', f'10:1: {NORDIC}: tempo must be text like "3-1-1-0"'),
        ('reps = 5\ntempo = "0-0-0-0"', f'10:1: {NORDIC}: tempo "0-0-0-0" lasts no time'),
        (
            'reps = 5\ntempo = "3-1-1-700"',
            f'10:1: {NORDIC}: tempo "3-1-1-700" has a phase over 600',
        ),
        ('seconds = 30\ntempo = "3-1-1-0"', f"10:1: {NORDIC}: tempo goes with reps"),
        ("seconds = 30\nseconds_per_rep = 2", f"10:1: {NORDIC}: seconds_per_rep goes with reps"),
        (
            "reps = 5\nrest_between_sets = [true]",
            f"10:22: {NORDIC}: item 1 of rest_between_sets must be a number (0 or more), not true",
        ),
    ],
)
def test_what_a_value_does_wrong_is_said_at_its_place(exercise: str, said: str) -> None:
    assert f"<text>:{said}" in problem(exercise)


@pytest.mark.parametrize(
    ("exercise", "block", "said"),
    [
        (
            "reps = [12, 10, 8]\nsets = 2",
            "",
            f"9:1: {NORDIC}: reps lists 3 values but sets = 2: give one value a set, or make "
            "sets = 3",
        ),
        ("seconds = [20, 30]\nsets = 3", "", f"9:1: {NORDIC}: seconds lists 2 values but sets = 3"),
        (
            "reps = [12, 10, 8]\nrest_between_sets = [60]",
            "",
            f"10:1: {NORDIC}: rest_between_sets lists 1 rest(s), but 3 set(s) have 2 gap(s) "
            "between them: give one rest a gap",
        ),
        (
            "reps = 5\nrest_between_sets = [60, 90, 90]",
            "sets = 3",
            '3:1: block "B": exercise "Nordic curl": rest_between_sets lists 3 rest(s), but 3 '
            "set(s) have 2 gap(s)",
        ),
        (
            "reps = 5\nsets = 2",
            "sets = 3\nrest_between_sets = [60, 90]",
            '6:1: block "B": exercise "Nordic curl" has 2 set(s), so 1 gap(s), but the block\'s '
            'rest_between_sets lists 2 rest(s): give one rest a gap, or give "Nordic curl" a '
            "rest_between_sets of its own",
        ),
        (
            "reps = 5\nrest_between_sets = [30]",
            "",
            '3:1: block "B": exercise "Nordic curl": rest_between_sets lists 1 rest(s), but one '
            "set has no gap: remove it",
        ),
        (
            "reps = 5\nsets = 2",
            'sets = 3\nmode = "circuit"',
            '6:1: block "B": in a circuit-mode block every exercise follows the block\'s rounds '
            '(sets = 3), but exercise "Nordic curl" has 2 sets: make them 3, or use mode = '
            '"straight"',
        ),
        ("reps = [10, 8]", 'sets = 3\nmode = "circuit"', 'exercise "Nordic curl" has 2 sets'),
        (
            "reps = 5\nrest_between_sets = [30, 30]",
            'sets = 3\nmode = "circuit"',
            'exercise "Nordic curl" has a rest_between_sets of its own: give the block the rests '
            "between rounds",
        ),
        (
            "reps = 5",
            'sets = 3\nmode = "circuit"\nrest_between_sets = [30]',
            '7:1: block "B": rest_between_sets lists 1 rest(s), but 3 round(s) have 2 gap(s)',
        ),
    ],
)
def test_lists_that_do_not_fit_the_sets_are_refused_naming_the_exercise(
    exercise: str, block: str, said: str
) -> None:
    assert said in problem(exercise, block)


def test_circuit_mode_takes_lists_one_a_round() -> None:
    made = circuit(
        'reps = [10, 8, "6-8"]', 'sets = 3\nmode = "circuit"\nrest_between_sets = [60, 90]'
    )
    assert first(made).reps == (10, 8, Span(6, 8))
    assert made.blocks[0].rest_between_sets == (60, 90)


@pytest.mark.parametrize(
    ("tempo", "expected"),
    [
        ('"3-1-1-0"', Tempo((3, 1, 1, 0))),
        ('"3–1–1–0"', Tempo((3, 1, 1, 0))),
        ('"2.5-0-1-0.5"', Tempo((2.5, 0, 1, 0.5))),
        ("2.5", 2.5),  # a number is still seconds per rep
    ],
)
def test_a_tempo_is_seconds_per_rep_or_four_phases(tempo: str, expected: object) -> None:
    found = first(circuit(f"reps = 6\ntempo = {tempo}"))
    assert found.tempo == expected
    if isinstance(expected, Tempo):
        assert expected.seconds == sum(expected.phases)


def test_a_prompt_takes_a_range_and_a_tempo_of_phases() -> None:
    made = circuit(
        '[[blocks.exercises.prompts]]\nreps = "4-6"\ndirection = "clockwise"\ntempo = "2-0-2-0"\n'
    )
    (prompt,) = first(made).prompts
    assert (prompt.reps, prompt.tempo) == (Span(4, 6), Tempo((2, 0, 2, 0)))


def test_seconds_per_rep_goes_with_reps() -> None:
    assert first(circuit("reps = 6\nseconds_per_rep = 4")).seconds_per_rep == 4


WRITTEN_REST = """
name = "T"
[[blocks]]
name = "B"
sets = 2
[[blocks.exercises]]
name = "Squat"
kind = "strength"
reps = 5
[[blocks.exercises]]
kind = "rest"
seconds = 120
{extra}
"""


def test_a_rest_can_be_an_entry_of_its_own() -> None:
    made = parse_circuit(WRITTEN_REST.format(extra='name = "Walk it off"'))
    _, rest = made.blocks[0].exercises
    assert isinstance(rest, Rest) and (rest.name, rest.seconds) == ("Walk it off", 120)
    assert parse_circuit(WRITTEN_REST.format(extra="")).blocks[0].exercises[1].name == "Rest"
    assert [exercise.name for exercise in made.exercises()] == ["Squat"], "rests are not work"


@pytest.mark.parametrize("key", ["reps = 5", "to_fatigue = true", "sides = ['left']"])
def test_a_rest_takes_no_work(key: str) -> None:
    with pytest.raises(CircuitError) as caught:
        parse_circuit(WRITTEN_REST.format(extra=key))
    name = key.split()[0]
    assert (
        f'<text>:13:1: rest 2 of block "B": a rest takes only seconds and a name: remove {name}'
        in str(caught.value)
    )


def test_a_rest_needs_seconds() -> None:
    with pytest.raises(CircuitError) as caught:
        parse_circuit(WRITTEN_REST.replace("seconds = 120", "").format(extra=""))
    assert 'rest 2 of block "B": seconds is missing: add seconds = … (a number above 0)' in str(
        caught.value
    )


def test_a_block_has_a_role_a_rest_after_and_one_set_by_default() -> None:
    made = circuit("reps = 10", 'role = "warm-up"\nrest_after = 45')
    block = made.blocks[0]
    assert (block.role, block.rest_after, block.sets) == (BlockRole.WARM_UP, 45, 1)
    assert circuit("reps = 10").blocks[0].role is BlockRole.MAIN
    assert (
        'block "B": role must be one of "warm-up", "main", "cool-down", not "warmup"; write '
        'role = "warm-up"' in problem("reps = 10", 'role = "warmup"')
    )


LATE_JUMPS = """
name = "FIFA 11+ part 3"
{checks}
[[blocks]]
name = "Strength"
[[blocks.exercises]]
name = "Nordic curl"
kind = "eccentric"
reps = 5
[[blocks]]
name = "Plyometrics"
[[blocks.exercises]]
name = "Bounding"
kind = "plyometric"
reps = 10
"""


def test_checks_turn_off_the_jumps_first_warning_with_a_reason() -> None:
    warned = parse_circuit(LATE_JUMPS.format(checks=""))
    assert len(warned.warnings()) == 1 and warned.notes() == []
    reason = "FIFA 11+ puts its jumps last on purpose"
    quiet = parse_circuit(
        LATE_JUMPS.format(checks=f'[checks]\nplyometrics_first = false\nreason = "{reason}"')
    )
    assert quiet.warnings() == []
    assert quiet.notes() == [f"jumps come after heavy work on purpose: {reason}"]


@pytest.mark.parametrize(
    ("checks", "said"),
    [
        (
            "plyometrics_first = false",
            '4:1: plyometrics_first = false needs a reason: add reason = "…" saying why the '
            "jumps come later",
        ),
        ('reason = "why"', "4:1: reason goes with plyometrics_first = false: remove it"),
        (
            "plyometrics_frist = false",
            "4:1: [checks]: unknown key plyometrics_frist; did you mean plyometrics_first?",
        ),
    ],
)
def test_checks_are_checked(checks: str, said: str) -> None:
    with pytest.raises(CircuitError) as caught:
        parse_circuit(LATE_JUMPS.format(checks=f"[checks]\n{checks}"))
    assert f"<text>:{said}" in str(caught.value)


def test_the_old_format_means_what_it_meant(hamstring: Circuit) -> None:
    """Nothing new is set by a 0.1.0 file: no roles, no rests after, no checks, no includes."""
    assert all(
        block.role is BlockRole.MAIN and block.rest_after is None for block in hamstring.blocks
    )
    assert all(exercise.sets is None for exercise in hamstring.exercises())
    assert hamstring.checks.plyometrics_first and hamstring.included_files() == ()


def test_the_schema_describes_the_new_forms() -> None:
    definitions = json_schema()["$defs"]
    written, none = definitions["Exercise"]["properties"]["reps"]["anyOf"]
    assert none == {"type": "null"}
    assert {"integer", "string", "array"} == {form["type"] for form in written["oneOf"]}
    tempo = definitions["Exercise"]["properties"]["tempo"]["anyOf"][0]["oneOf"]
    assert any("pattern" in form for form in tempo)
    entries = definitions["Block"]["properties"]["exercises"]["items"]["oneOf"]
    assert {"#/$defs/Exercise", "#/$defs/Rest"} == {entry["$ref"] for entry in entries}
    blocks = json_schema()["properties"]["blocks"]["items"]["oneOf"]
    assert {"#/$defs/Block", "#/$defs/Include"} == {entry["$ref"] for entry in blocks}
    assert definitions["Checks"]["additionalProperties"] is False


# ------------------------------------------------------------------------ includes

HEAD = """
name = "{name}"
[timing]
rest_between_blocks = 5
"""

BLOCK_OF = """
[[blocks]]
name = "{name} block"
{extra}
[[blocks.exercises]]
name = "{name} stretch"
kind = "mobility"
seconds = 30
"""


def part(name: str, extra: str = "") -> str:
    """A circuit of one block, named after `name`."""
    return HEAD.format(name=name) + BLOCK_OF.format(name=name, extra=extra)


def write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def include(name: str) -> str:
    return f'\n[[blocks]]\ninclude = "{name}"\n'


def test_an_include_inserts_the_other_files_blocks_at_its_place(tmp_path: Path) -> None:
    write(tmp_path, "parts/cool.toml", part("Cool", 'role = "cool-down"'))
    text = part("Main") + include("parts/cool.toml") + BLOCK_OF.format(name="Last", extra="")
    made = load_circuit(write(tmp_path, "main.toml", text))
    assert [block.name for block in made.blocks] == ["Main block", "Cool block", "Last block"]
    assert made.blocks[1].role is BlockRole.COOL_DOWN
    assert made.name == "Main" and made.timing.rest_between_blocks == 5
    ((path, digest),) = made.included_files()
    assert path == str((tmp_path / "parts" / "cool.toml").resolve()) and len(digest) == 64


def test_includes_nest_and_every_file_is_listed(tmp_path: Path) -> None:
    write(tmp_path, "c.toml", part("C"))
    write(tmp_path, "b.toml", part("B") + include("c.toml"))
    text = HEAD.format(name="A") + include("b.toml") + BLOCK_OF.format(name="A", extra="")
    made = load_circuit(write(tmp_path, "a.toml", text))
    assert [block.name for block in made.blocks] == ["B block", "C block", "A block"]
    assert [Path(path).name for path, _ in made.included_files()] == ["b.toml", "c.toml"]


@pytest.mark.parametrize("length", [1, 2])
def test_an_include_cycle_is_refused_naming_the_files(tmp_path: Path, length: int) -> None:
    if length == 1:
        main = write(tmp_path, "a.toml", part("A") + include("a.toml"))
        chain = "a.toml → a.toml"
    else:
        write(tmp_path, "b.toml", part("B") + include("a.toml"))
        main = write(tmp_path, "a.toml", part("A") + include("b.toml"))
        chain = "a.toml → b.toml → a.toml"
    with pytest.raises(CircuitError) as caught:
        load_circuit(main)
    assert f"include cycle: {chain}" in str(caught.value)


def test_includes_nest_at_most_eight_deep(tmp_path: Path) -> None:
    for depth in range(10):
        write(tmp_path, f"p{depth}.toml", part(f"P{depth}") + include(f"p{depth + 1}.toml"))
    write(tmp_path, "p10.toml", part("P10"))
    with pytest.raises(CircuitError) as caught:
        load_circuit(tmp_path / "p0.toml")
    assert "includes nest more than 8 deep: p0.toml → p1.toml" in str(caught.value)
    assert load_circuit(tmp_path / "p2.toml").blocks[-1].name == "P10 block", "eight is fine"


def test_a_missing_included_file_is_named_at_the_entry(tmp_path: Path) -> None:
    main = write(tmp_path, "a.toml", part("A") + include("gone.toml"))
    with pytest.raises(CircuitError) as caught:
        load_circuit(main)
    assert f"a.toml:14:1: include 2: {tmp_path / 'gone.toml'}: no such file" in str(caught.value)


def test_a_problem_inside_an_included_file_names_it_and_who_included_it(tmp_path: Path) -> None:
    write(tmp_path, "bad.toml", part("Bad").replace("seconds = 30", "secondz = 30"))
    main = write(tmp_path, "a.toml", part("A") + include("bad.toml"))
    with pytest.raises(CircuitError) as caught:
        load_circuit(main)
    message = str(caught.value)
    assert message.startswith(f'{tmp_path / "bad.toml"}:12:1: exercise "Bad stretch"')
    assert "did you mean seconds?" in message and f"(included by {main})" in message


@pytest.mark.parametrize(
    ("entry", "words"),
    [
        (
            'include = "b.toml"\nname = "x"',
            'include "x": an include entry takes only the file to include: remove name',
        ),
        ('include = ""', "include 2: include is empty: write something between the quotes"),
    ],
)
def test_an_include_entry_holds_only_the_file(tmp_path: Path, entry: str, words: str) -> None:
    write(tmp_path, "b.toml", part("B"))
    main = write(tmp_path, "a.toml", part("A") + f"\n[[blocks]]\n{entry}\n")
    with pytest.raises(CircuitError) as caught:
        load_circuit(main)
    assert words in str(caught.value)


def test_an_include_needs_a_file_to_be_relative_to() -> None:
    with pytest.raises(CircuitError, match="include works only in a circuit file"):
        parse_circuit(part("A") + include("b.toml"))


def test_the_readmes_example_is_a_circuit_that_says_what_the_readme_says(tmp_path: Path) -> None:
    readme = (Path(__file__).parent.parent / "README.md").read_text(encoding="utf-8")
    found = re.search(r"### Sets, ranges.*?```toml\n(.*?)```", readme, re.S)
    assert found is not None
    write(tmp_path, "cool-down.toml", part("Cool", 'role = "cool-down"'))
    made = load_circuit(write(tmp_path, "week5.toml", found[1]))
    warm_up, strength, cool = made.blocks
    assert (warm_up.role, warm_up.rest_after, cool.role) == (
        BlockRole.WARM_UP,
        45,
        BlockRole.COOL_DOWN,
    )
    curl, rest, bounding = strength.exercises
    assert isinstance(curl, Exercise) and isinstance(bounding, Exercise)
    assert curl.set_count(strength.sets) == 3 and curl.tempo == Tempo((3, 1, 1, 0))
    assert isinstance(rest, Rest) and rest.name == "Walk it off"
    assert bounding.set_count(strength.sets) == 2 and made.warnings() == []
    assert made.notes() == [
        "jumps come after heavy work on purpose: Bounding comes last on purpose, as in FIFA 11+"
    ]


def test_a_rest_after_the_last_block_is_a_warning(tmp_path: Path) -> None:
    checked = check_text(
        part("A", "rest_after = 30") + BLOCK_OF.format(name="B", extra="rest_after = 20")
    )
    assert checked.warning_lines(None) == [
        'line 16: block "B block": rest_after has no effect on the last block: remove it'
    ]


def test_keys_that_change_nothing_are_told_at_their_own_lines_around_an_include(
    tmp_path: Path,
) -> None:
    """An included block's keys are its own file's business; the blocks after an include
    are told at their lines in this file, not at their place in the workout."""
    two = part("P") + 'side_label = "x"\n' + BLOCK_OF.format(name="Q", extra="")
    write(tmp_path, "two.toml", two)
    text = part("A") + include("two.toml") + BLOCK_OF.format(name="Z", extra="")
    text += 'side_label = "leg"\n'
    checked, _ = check_file(write(tmp_path, "a.toml", text))
    assert [Path(path).name for path, _ in checked.circuit.included_files()] == ["two.toml"]
    assert [block.name for block in checked.circuit.blocks] == [
        "A block",
        "P block",
        "Q block",
        "Z block",
    ]
    assert checked.warning_lines(None) == [
        'line 24: exercise "Z stretch" (block "Z block"): side_label has no effect without '
        'sides: add sides = ["right", "left"], or remove it'
    ]
