"""The words of circuit messages: what an unknown key probably meant, what a field takes,
the fix for a wrong value, a TOML syntax error in our words, and the warnings for keys that
change nothing."""

from __future__ import annotations

import tomllib
from pathlib import Path
from typing import Annotated, Any, Literal

import pytest
from pydantic import Field, StrictBool

from hamtimer.circuit import CircuitError, check_text
from hamtimer.circuit.keys import unknown_key
from hamtimer.circuit.model import Block, Circuit, Count, Exercise, RestSeconds, Seconds, Timing
from hamtimer.circuit.problems import places_of
from hamtimer.circuit.shapes import phrase, shapes_of, suggestion
from hamtimer.circuit.syntax import describe as syntax_error
from hamtimer.cli import main

PLACES = places_of(Circuit)
EXERCISE = set(Exercise.model_fields)
BLOCK = set(Block.model_fields)
TIMING = set(Timing.model_fields)


@pytest.mark.parametrize(
    ("key", "here", "said"),
    [
        ("rest", EXERCISE, "did you mean rest_between_sets or rest_between_sides?"),
        ("rest", BLOCK, "did you mean rest_between_sets, rest_between_exercises or rest_after?"),
        (
            "rest",
            TIMING,
            "did you mean rest_between_sets, rest_between_exercises or rest_between_blocks?",
        ),
        ("repetitions", EXERCISE, "did you mean reps?"),
        ("rep", EXERCISE, "did you mean reps?"),
        ("repz", EXERCISE, "did you mean reps?"),
        ("Reps", EXERCISE, "did you mean reps?"),
        ("time", EXERCISE, "did you mean seconds?"),
        ("duration", EXERCISE, "did you mean seconds?"),
        ("secs", EXERCISE, "did you mean seconds?"),
        ("hold", EXERCISE, "did you mean to_fatigue or seconds?"),
        ("side", EXERCISE, "did you mean sides?"),
        ("side-label", EXERCISE, "did you mean side_label?"),
        ("rest_betwen_sets", BLOCK, "did you mean rest_between_sets?"),
        ("rest_after", EXERCISE, "rest_after does not belong here: it goes in [[blocks]]"),
        ("rest_between_blocks", BLOCK, "it goes in [timing]"),
        ("colour", EXERCISE, "unknown key colour: remove it (the keys here are challenge, cue,"),
    ],
)
def test_an_unknown_key_is_told_what_was_meant(key: str, here: set[str], said: str) -> None:
    assert said in unknown_key(key, here, PLACES)


@pytest.mark.parametrize(
    ("key", "here", "never"),
    [
        ("rest", EXERCISE, "reps"),
        ("rest", BLOCK, "reps"),
        ("time", EXERCISE, "tempo"),
        ("side", EXERCISE, "side_label"),
        ("set", BLOCK, "seconds"),
        ("note", EXERCISE, "name"),
    ],
)
def test_a_key_that_only_looks_alike_is_never_offered(key: str, here: set[str], never: str) -> None:
    said = unknown_key(key, here, PLACES)
    assert f" {never}?" not in said and f" {never} " not in said and f" {never}," not in said


Range = Annotated[str, Field(pattern=r"^\d+-\d+$", examples=["6-8"])]


@pytest.mark.parametrize(
    ("annotation", "words"),
    [
        (Count, "a whole number above 0"),
        (Seconds | None, "a number above 0"),
        (RestSeconds, "a number (0 or more)"),
        (StrictBool, "true or false, without quotes"),
        (str, "text in quotes"),
        (Literal["straight", "circuit"], '"straight" or "circuit"'),
        (tuple[Literal["right", "left"], ...], 'a list in [ ], each item "right" or "left"'),
        (tuple[Exercise, ...], "a list of tables"),
        (Timing, "a table"),
        (Count | Range, 'a whole number above 0 or text like "6-8"'),
        (Count | Range | tuple[Count, ...], "a whole number above 0, text like"),
    ],
)
def test_what_a_field_takes_in_words(annotation: Any, words: str) -> None:
    assert phrase(shapes_of(annotation)).startswith(words)


@pytest.mark.parametrize(
    ("annotation", "given", "better"),
    [
        (Count, "5", 5),
        (Count, 5.0, 5),
        (Count, "0", None),
        (Count, 5.5, None),
        (Seconds, "30s", 30),
        (Seconds, "2.5 seconds", 2.5),
        (StrictBool, "yes", True),
        (StrictBool, "False", False),
        (str, 5, "5"),
        (Literal["straight", "circuit"], "Circuit", "circuit"),
        (Literal["straight", "circuit"], "rounds", None),
        (tuple[Literal["right", "left"], ...], "left", ["left"]),
        (Count, [8], 8),
        (Count | Range, "6 - 8", None),
    ],
)
def test_the_fix_for_a_wrong_value(annotation: Any, given: Any, better: Any) -> None:
    found = suggestion(shapes_of(annotation), given)
    assert found == better and type(found) is type(better)


def test_a_syntax_error_at_the_end_of_the_file_points_there() -> None:
    text = 'name = "x"\ndescription = """never closed\n'
    with pytest.raises(tomllib.TOMLDecodeError) as caught:
        tomllib.loads(text)
    message = syntax_error(caught.value, text, "c.toml")
    assert message.startswith("c.toml:3:1: not valid TOML: text opened with a quote is not closed")


def test_a_list_not_closed() -> None:
    text = 'sides = ["right" "left"]\n'
    with pytest.raises(tomllib.TOMLDecodeError) as caught:
        tomllib.loads(text)
    message = syntax_error(caught.value, text, "c.toml")
    assert message.startswith("c.toml:1:18: not valid TOML: a list opened with [ is not closed")


def test_a_long_line_is_quoted_around_the_caret() -> None:
    text = 'name = "' + "x" * 300 + '" y\n'
    with pytest.raises(tomllib.TOMLDecodeError) as caught:
        tomllib.loads(text)
    head, quoted, caret = syntax_error(caught.value, text, "c.toml").splitlines()
    assert head.startswith("c.toml:1:311: ")
    assert len(quoted) < 90 and quoted.startswith("    …") and quoted.endswith('" y')
    assert quoted[caret.index("^")] == "y"


# ------------------------------------------------------------------ warnings

WARNED = """\
name = "Warned"
[[blocks]]
name = "Legs"
sets = 2
rest_between_exercises = 20
[[blocks.exercises]]
name = "Squat"
kind = "strength"
reps = 8
side_label = "leg forward"
rest_between_sides = 10
[[blocks.exercises]]
name = "Hop"
kind = "plyometric"
sides = ["left"]
reps = 5
"""

WARNINGS = [
    '3:1: warning: block "Legs": rest_between_exercises has no effect in a block of one '
    "exercise: remove it",
    '10:1: warning: exercise "Squat" (block "Legs"): side_label has no effect without sides: '
    'add sides = ["right", "left"], or remove it',
    '11:1: warning: exercise "Squat" (block "Legs"): rest_between_sides has no effect without '
    'sides: add sides = ["right", "left"], or remove it',
    '15:1: warning: exercise "Hop" (block "Legs"): runs the left side only: write sides = '
    '["right", "left"] for both, or add notes saying why one side',
    "warning: plyometric 'Hop' comes after 'Squat' (heavy work): do jumps first, while the "
    "legs are fresh",
]


def test_keys_that_change_nothing_are_warned_of_with_their_lines() -> None:
    text = WARNED.replace("sets = 2\nrest_between_exercises = 20\n", "sets = 2\n")
    lines = check_text(text, "w.toml").warning_lines("w.toml")
    assert "rest_between_exercises" not in "".join(lines), "two exercises: it is used"
    checked = check_text(WARNED.replace("reps = 5\n", 'reps = 5\nnotes = "the weak side"\n'))
    assert not any("side only" in line for line in checked.warning_lines(None))
    one = WARNED.split('[[blocks.exercises]]\nname = "Hop"')[0]
    lines = check_text(one, "w.toml").warning_lines("w.toml")
    assert [line.removeprefix("w.toml:") for line in lines] == [
        WARNINGS[0].replace("3:1", "5:1"),
        *WARNINGS[1:3],
    ]


def test_check_and_show_print_the_warnings_and_the_file_still_runs(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "w.toml"
    path.write_text(WARNED.replace("rest_between_exercises = 20\n", ""), encoding="utf-8")
    for argv in (["check", str(path)], ["show", str(path)]):
        code = main(argv)
        _, err = capsys.readouterr()
        assert code == 0, err
        said = [line.removeprefix(f"{path}:") for line in err.splitlines()]
        assert said == [
            WARNINGS[1].replace("10:1", "9:1"),
            WARNINGS[2].replace("11:1", "10:1"),
            WARNINGS[3].replace("15:1", "14:1"),
            " " + WARNINGS[4],
        ]


def test_a_valid_circuit_has_no_warnings(hamstring_path: Path) -> None:
    assert check_text(hamstring_path.read_text(encoding="utf-8")).warnings == ()


def test_an_error_is_no_warning(tmp_path: Path) -> None:
    with pytest.raises(CircuitError):
        check_text(WARNED.replace("reps = 8", 'reps = "8"'))


def test_the_readme_example_is_what_hamtimer_says(tmp_path: Path) -> None:
    readme = (Path(__file__).parent.parent / "README.md").read_text(encoding="utf-8")
    block = readme.split("the exercise or block by name and the fix:\n\n```\n", 1)[1]
    example = block.split("```", 1)[0].splitlines()
    legs = tmp_path / "legs.toml"
    corpus = Path(__file__).parent / "data" / "broken" / "reps-as-text.toml"
    text = corpus.read_text(encoding="utf-8").split("# expect:")[0]
    legs.write_text(text.replace('reps = "8"', 'reps = "8"\nrest = 30'), encoding="utf-8")
    with pytest.raises(CircuitError) as caught:
        check_text(legs.read_text(encoding="utf-8"), "legs.toml")
    assert str(caught.value).splitlines() == example
