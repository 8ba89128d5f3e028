"""What hamtimer says about a broken circuit: each problem once, with its line, the exercise
or block by name, in our words (never pydantic's), and the fix.

The corpus is `tests/data/broken/`: one file a problem (a few with several), each ending in
`# expect:` comments, the messages it must give, without the file name.
"""

from __future__ import annotations

import re
import tomllib
from pathlib import Path
from typing import Any

import pytest
from pydantic import BaseModel, ValidationError

from hamtimer.circuit import CircuitError, blocks, entries, exercises, load_circuit, model
from hamtimer.circuit.load import check_data
from hamtimer.circuit.model import Circuit
from hamtimer.circuit.problems import describe
from hamtimer.circuit.shapes import has_words, model_shapes, phrase
from hamtimer.circuit.strict import Strict
from hamtimer.cli import main

BROKEN = Path(__file__).parent / "data" / "broken"
CORPUS = sorted(BROKEN.glob("*.toml"))
PYDANTIC_WORDS = (
    "Input should",
    "valid tuple",
    "valid integer",
    "after validation",
    "Value error",
    "Field required",
    "Extra inputs",
    "should have at least",
    "String should",
    "unable to parse",
    "[type=",
    "pydantic",
    "Assertion failed",
    "Input tag",
    "function-after",
    "constrained-",
)
PLACE = re.compile(r"\d+(:\d+)?: ")


def expected_of(path: Path) -> list[str]:
    lines = path.read_text(encoding="utf-8").splitlines()
    return [line.removeprefix("# expect: ") for line in lines if line.startswith("# expect: ")]


def said_about(path: Path) -> tuple[list[str], str]:
    """The message's lines about `path` (without its name), and the whole message."""
    with pytest.raises(CircuitError) as caught:
        load_circuit(path)
    message = str(caught.value)
    prefix = f"{path}:"
    return [
        line.removeprefix(prefix) for line in message.splitlines() if line.startswith(prefix)
    ], (message)


def assert_our_words(message: str) -> None:
    for words in PYDANTIC_WORDS:
        assert words not in message, f"pydantic's wording {words!r} in: {message}"


def test_the_corpus_has_a_file_for_every_problem() -> None:
    assert len(CORPUS) >= 36
    several = [path for path in CORPUS if len(expected_of(path)) > 1]
    assert len(several) >= 3, "a few files with several problems"


@pytest.mark.parametrize("path", CORPUS, ids=[path.stem for path in CORPUS])
def test_a_broken_file_says_each_problem_once_with_its_line(path: Path) -> None:
    expected = expected_of(path)
    assert expected, f"{path.name} says what it expects"
    said, message = said_about(path)
    assert said == expected
    for line in said:
        assert PLACE.match(line), f"no line number: {line}"
    assert_our_words(message)


@pytest.mark.parametrize(
    "path", [path for path in CORPUS if path.stem.startswith("toml-")], ids=lambda path: path.stem
)
def test_a_syntax_error_quotes_the_line_with_a_caret_under_the_column(path: Path) -> None:
    said, message = said_about(path)
    (head,) = said
    line, column = (int(part) for part in head.split(":")[:2])
    quoted, caret = message.splitlines()[1:3]
    written = path.read_text(encoding="utf-8").splitlines()[line - 1]
    assert quoted == f"    {written}"
    assert caret == " " * (4 + column - 1) + "^"
    assert "not valid TOML: " in head and "Expected" not in head and "Invalid" not in head


def test_the_corpus_covers_every_error_our_models_give() -> None:
    types: set[str] = set()
    for path in CORPUS:
        try:
            data = tomllib.loads(path.read_text(encoding="utf-8"))
            Circuit.model_validate(data)
        except tomllib.TOMLDecodeError:
            continue
        except ValidationError as error:
            types |= {item["type"] for item in error.errors()}
    assert types >= {
        "int_type",
        "float_type",
        "bool_parsing",
        "string_type",
        "string_too_short",
        "string_too_long",
        "tuple_type",
        "enum",
        "literal_error",
        "extra_forbidden",
        "missing",
        "greater_than",
        "greater_than_equal",
        "less_than_equal",
        "too_short",
        "finite_number",
        "model_type",
        "value_error",
    }


def test_check_prints_every_problem_of_every_file_and_fails(
    capsys: pytest.CaptureFixture[str],
) -> None:
    code = main(["check", *(str(path) for path in CORPUS)])
    _, err = capsys.readouterr()
    assert code == 1
    for path in CORPUS:
        for expected in expected_of(path):
            assert f"{path}:{expected}" in err
    assert_our_words(err)


def test_show_and_run_say_the_same(capsys: pytest.CaptureFixture[str]) -> None:
    path = BROKEN / "several-in-one-exercise.toml"
    for argv in (["show", str(path)], [str(path)]):
        code = main(argv)
        _, err = capsys.readouterr()
        assert code == 2
        for expected in expected_of(path):
            assert f"{path}:{expected}" in err


# ------------------------------------------------------------------ every field


def _models() -> list[type[BaseModel]]:
    """Every model of the format, wherever its module: those the circuit reaches through
    its fields, and every other of the package's modules (a split must not hide one)."""
    modules = (model, blocks, entries, exercises)
    found = {
        value
        for module in modules
        for value in vars(module).values()
        if isinstance(value, type)
        and issubclass(value, Strict)
        and value.__module__.startswith("hamtimer.circuit.")
        and value.model_fields
    }
    return sorted(found, key=lambda item: item.__name__)


FIELDS = [(item, name) for item in _models() for name in item.model_fields]


def _where_each_model_is(data: Any, path: tuple[Any, ...] = ()) -> dict[str, tuple[Any, ...]]:
    """A path in the bundled circuit's data to a table of each model (by the first key
    that names it), found by walking the data."""
    from hamtimer.circuit.where import tables, walk

    found: dict[str, tuple[Any, ...]] = {}
    if isinstance(data, dict):
        for model_class in tables(walk(path, Circuit).shapes):
            found.setdefault(model_class.__name__, path)
        for key, value in data.items():
            for name, at in _where_each_model_is(value, (*path, key)).items():
                found.setdefault(name, at)
    elif isinstance(data, list):
        for index, value in enumerate(data):
            for name, at in _where_each_model_is(value, (*path, index)).items():
                found.setdefault(name, at)
    return found


PLACED: dict[str, tuple[tuple[Any, ...], dict[str, Any]]] = {
    "Checks": (("checks",), {"plyometrics_first": False, "reason": "on purpose"}),
    "Rest": (("blocks", 0, "exercises", "end"), {"kind": "rest", "seconds": 30}),
    "Include": (("blocks", "end"), {"include": "other.toml"}),
}
"""The models the bundled circuit does not use: where the test writes one ("end": appended
to the list)."""


@pytest.mark.parametrize(
    ("model_class", "name"), FIELDS, ids=[f"{m.__name__}.{n}" for m, n in FIELDS]
)
def test_every_field_has_words_for_its_type_errors(
    model_class: type[BaseModel], name: str, hamstring_path: Path
) -> None:
    shapes = model_shapes(model_class)[name]
    assert shapes and has_words(shapes), f"{model_class.__name__}.{name}: {phrase(shapes)}"
    data = tomllib.loads(hamstring_path.read_text(encoding="utf-8"))
    data["source"]["url"] = "https://doi.org/10.3390/s22051990"
    if model_class.__name__ in PLACED:
        where, written = PLACED[model_class.__name__]
        holder = data
        for part in where[:-1]:
            holder = holder[part]
        if isinstance(holder, list):
            holder.append(dict(written))
            table = holder[-1]
        else:
            holder[where[-1]] = table = dict(written)
    else:
        at = _where_each_model_is(data)[model_class.__name__]
        table = data
        for part in at:
            table = table[part]
    for wrong in (True, [[1]], "not this"):  # the first of the wrong type for the field
        table[name] = wrong
        try:
            Circuit.model_validate(data)
        except ValidationError as error:
            if any(item["loc"] and item["loc"][-1] == name for item in error.errors()):
                break
    with pytest.raises(CircuitError) as caught:
        check_data(data, "c.toml")
    message = str(caught.value)
    assert_our_words(message)
    assert f"{name} must be " in message or f"item 1 of {name} must be" in message, message


# ------------------------------------------------------------------ new fields, unions


Count = model.Count
Seconds = model.Seconds


class Rest(model.Strict):
    kind: str = "rest"
    seconds: Seconds


class Exercise(model.Strict):
    name: model.Text
    reps: Count | tuple[Count, ...] | None = None


class Block(model.Strict):
    name: model.Text
    exercises: tuple[Exercise | Rest, ...]


class Whole(model.Strict):
    blocks: tuple[Block, ...]


@pytest.mark.parametrize(
    ("exercise", "expected"),
    [
        (
            {"name": "Squat", "reps": "5"},
            'exercise "Squat" (block "B"): reps must be a whole number above 0 or a list in [ ], '
            'each item a whole number above 0, not "5"; write reps = 5',
        ),
        (
            {"name": "Squat", "reps": [12, "ten", 8]},
            'exercise "Squat" (block "B"): item 2 of reps must be a whole number above 0, '
            'not "ten"',
        ),
        (
            {"seconds": "30"},
            'rest 1 of block "B": seconds must be a number above 0, not "30"; write seconds = 30',
        ),
        (
            {"name": "Squat", "reps": 5, "rest": 30},
            'exercise "Squat" (block "B"): unknown key rest: remove it '
            "(the keys here are name, reps)",
        ),
    ],
)
def test_a_union_gives_the_one_real_problem(exercise: dict[str, Any], expected: str) -> None:
    """A field of a kind the branches add (a number or a list; an exercise or a rest) is
    worded from its type alone, and its union's members do not each give an error."""
    data = {"blocks": [{"name": "B", "exercises": [exercise]}]}
    with pytest.raises(ValidationError) as caught:
        Whole.model_validate(data)
    problems, count = describe(caught.value.errors(), data, Whole)
    assert [problem.message() for problem in problems] == [expected]
    assert count == 1
