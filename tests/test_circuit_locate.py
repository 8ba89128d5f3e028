"""Finding where a key, table or list item is written in a TOML text, for messages."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from hamtimer.circuit.locate import NOWHERE, START, Position, locate

NESTED = """\
name = "x"   # a [comment] with = and "quotes"
description = '''
[[blocks]]
reps = "not a key"
'''
[timing]
get_ready = 5

[[blocks]]
name = "First"
[[blocks.exercises]]
name = "A"
[[blocks.exercises.prompts]]
reps = 6
[[blocks.exercises.prompts]]
reps = 7
[[blocks.exercises]]
name = "B"
[[blocks]]
name = "Second"
[[blocks.exercises]]
"quoted key" = 1
sides = [
  "right",  # a comment in a list
  "left",
]
prompts = [{ reps = 5 }, { reps = 6, direction = "clockwise" }]
source.citation = "dotted"
"""


@pytest.mark.parametrize(
    ("path", "line", "column"),
    [
        (("name",), 1, 1),
        (("description",), 2, 1),
        (("timing",), 6, 1),
        (("timing", "get_ready"), 7, 1),
        (("blocks", 0), 9, 1),
        (("blocks", 0, "name"), 10, 1),
        (("blocks", 0, "exercises", 0), 11, 1),
        (("blocks", 0, "exercises", 0, "prompts", 1), 15, 1),
        (("blocks", 0, "exercises", 0, "prompts", 1, "reps"), 16, 1),
        (("blocks", 0, "exercises", 1, "name"), 18, 1),
        (("blocks", 1), 19, 1),
        (("blocks", 1, "exercises", 0), 21, 1),
        (("blocks", 1, "exercises", 0, "quoted key"), 22, 1),
        (("blocks", 1, "exercises", 0, "sides", 1), 25, 3),
        (("blocks", 1, "exercises", 0, "prompts", 1), 27, 26),
        (("blocks", 1, "exercises", 0, "prompts", 1, "direction"), 27, 38),
        (("blocks", 1, "exercises", 0, "source", "citation"), 28, 8),
    ],
)
def test_each_thing_is_found_where_it_is_written(
    path: tuple[str | int, ...], line: int, column: int
) -> None:
    located = locate(NESTED)
    assert located.has(path)
    assert located.of(path) == Position(line, column)


def test_a_multi_line_string_hides_what_looks_like_keys() -> None:
    assert not locate(NESTED).has(("blocks", 0, "reps")), "that [[blocks]] is in a string"
    assert tomllib.loads(NESTED)["blocks"][0]["name"] == "First"


@pytest.mark.parametrize(
    ("path", "found"),
    [
        (("blocks", 0, "exercises", 0, "kind"), Position(11, 1)),  # not written: its table
        (("blocks", 1, "exercises", 0, "prompts", 0, "direction"), Position(27, 12)),
        (("colour",), START),  # not written, at the top level: the file
        ((), START),
    ],
)
def test_what_is_not_written_is_at_the_table_that_should_hold_it(
    path: tuple[str | int, ...], found: Position
) -> None:
    assert locate(NESTED).of(path) == found


def test_windows_line_endings_and_a_later_super_table() -> None:
    text = "a = 1\r\n[x.y]\r\nb = 2\r\n[x]\r\nc = 3\r\n"
    located = locate(text)
    assert located.of(("x", "y", "b")) == Position(3, 1)
    assert located.of(("x", "c")) == Position(5, 1)
    assert located.of(("x",)) == Position(4, 1), "the table's own header"


def test_data_from_no_text_has_no_positions() -> None:
    assert NOWHERE.of(("blocks", 0)) is None


def test_the_bundled_circuit_is_found_whole(hamstring_path: Path) -> None:
    text = hamstring_path.read_text(encoding="utf-8")
    located = locate(text)
    data = tomllib.loads(text)

    def paths(value: object, path: tuple[str | int, ...] = ()) -> list[tuple[str | int, ...]]:
        found = [path] if path else []
        if isinstance(value, dict):
            for key, item in value.items():
                found += paths(item, (*path, key))
        elif isinstance(value, list):
            for index, item in enumerate(value):
                found += paths(item, (*path, index))
        return found

    every = paths(data)
    assert len(every) > 80
    assert all(located.has(path) for path in every)
    lines = text.splitlines()
    reps = located.of(("blocks", 0, "exercises", 0, "reps"))
    assert reps is not None and lines[reps.line - 1] == "reps = 5"


toml_texts = st.text(alphabet="ab=[]{}\"'#.,\n 1", max_size=80)


@settings(max_examples=400, deadline=None)
@given(toml_texts)
def test_any_text_tomllib_takes_is_located_without_failing(text: str) -> None:
    try:
        tomllib.loads(text)
    except tomllib.TOMLDecodeError:
        return
    locate(text)  # never raises, whatever it finds
