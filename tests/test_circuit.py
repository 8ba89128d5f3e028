"""The circuit format: what it accepts, and what it says about what it refuses."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from hamtimer.circuit import (
    Circuit,
    CircuitError,
    CircuitFile,
    Direction,
    ExerciseKind,
    json_schema,
    load_circuit,
    parse_circuit,
    validate_circuit,
)

MINIMAL = """
name = "Tiny"
[[blocks]]
name = "Only"
sets = 2
[[blocks.exercises]]
name = "Squat"
kind = "strength"
reps = 10
"""


def write(tmp_path: Path, text: str | bytes, name: str = "c.toml") -> Path:
    path = tmp_path / name
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")
    return path


def error_of(tmp_path: Path, text: str | bytes) -> str:
    path = write(tmp_path, text)
    with pytest.raises(CircuitError) as caught:
        load_circuit(path)
    message = str(caught.value)
    assert str(path) in message, "every message names the file"
    return message


def test_bundled_circuit_carries_every_fact(hamstring: Circuit) -> None:
    (jumps,) = hamstring.blocks[0].exercises
    assert hamstring.blocks[0].sets == 3
    assert jumps.kind is ExerciseKind.PLYOMETRIC
    assert (jumps.reps, jumps.rest_between_sides) == (5, 30)
    assert [side.value for side in jumps.sides] == ["right", "left"]
    assert hamstring.blocks[0].rest_between_sets == 60
    bird_dog, halo, roll = hamstring.blocks[1].exercises
    assert hamstring.blocks[1].sets == 3
    assert bird_dog.to_fatigue and bird_dog.challenge
    assert [(p.reps, p.direction) for p in halo.prompts] == [
        (6, Direction.CLOCKWISE),
        (6, Direction.COUNTER_CLOCKWISE),
    ]
    assert halo.challenge and "step" in halo.challenge
    assert roll.reps == 12 and len(roll.equipment) == 3
    assert hamstring.source is not None and "Sensors 2022" in hamstring.source.citation
    assert hamstring.warnings() == []


def test_minimal_circuit_takes_default_timing() -> None:
    circuit = parse_circuit(MINIMAL)
    assert circuit.timing.get_ready == 10
    assert circuit.blocks[0].mode == "straight"


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(CircuitError, match="no such file"):
        load_circuit(tmp_path / "absent.toml")


def test_directory(tmp_path: Path) -> None:
    with pytest.raises(CircuitError, match="is a folder"):
        load_circuit(tmp_path)


@pytest.mark.parametrize("text", ["", "   \n\n", "# only a comment\n"])
def test_empty_file(tmp_path: Path, text: str) -> None:
    assert "empty" in error_of(tmp_path, text)


def test_invalid_toml_gives_line_and_column(tmp_path: Path) -> None:
    message = error_of(tmp_path, 'name = "x"\nsets = = 3\n')
    assert ":2:8: not valid TOML: not a value" in message
    assert message.splitlines()[1:] == ["    sets = = 3", "           ^"]


def test_non_utf8(tmp_path: Path) -> None:
    assert "not UTF-8" in error_of(tmp_path, b'name = "caf\xe9"\n')


def test_binary(tmp_path: Path) -> None:
    assert "binary" in error_of(tmp_path, b"\x00\x01\x02name")


def test_wrong_type_names_the_line_and_the_exercise(tmp_path: Path) -> None:
    message = error_of(tmp_path, MINIMAL.replace("reps = 10", 'reps = "ten"'))
    assert message.endswith(
        ':9:1: exercise "Squat" (block "Only"): reps must be a whole number above 0, not "ten"'
    )


SQUAT = 'exercise "Squat" (block "Only")'


@pytest.mark.parametrize(
    ("old", "new", "said"),
    [
        ("reps = 10", "reps = 0", f":9:1: {SQUAT}: reps must be above 0, not 0"),
        ("reps = 10", "reps = -3", f":9:1: {SQUAT}: reps must be above 0, not -3"),
        ("sets = 2", "sets = 0", ':5:1: block "Only": sets must be above 0, not 0'),
        ("reps = 10", "seconds = 0", f":9:1: {SQUAT}: seconds must be above 0, not 0"),
        ("reps = 10", "seconds = -5", f":9:1: {SQUAT}: seconds must be above 0, not -5"),
        ("reps = 10", "reps = 10\ntempo = 0", f":10:1: {SQUAT}: tempo must be above 0, not 0"),
    ],
)
def test_zero_or_negative_counts_and_times(tmp_path: Path, old: str, new: str, said: str) -> None:
    assert error_of(tmp_path, MINIMAL.replace(old, new)).endswith(said)


def test_negative_rest_is_refused(tmp_path: Path) -> None:
    message = error_of(tmp_path, MINIMAL + "[timing]\nget_ready = -1\n")
    assert message.endswith(":11:1: [timing]: get_ready must be 0 or more, not -1")


def test_unknown_key_suggests_the_close_one(tmp_path: Path) -> None:
    message = error_of(tmp_path, MINIMAL.replace("reps = 10", "repz = 10"))
    assert message.endswith(f":9:1: {SQUAT}: unknown key repz; did you mean reps?")


def test_unknown_key_is_told_with_the_other_errors_of_its_table(tmp_path: Path) -> None:
    message = error_of(tmp_path, MINIMAL.replace("reps = 10", 'reps = "ten"\nrest = 30'))
    first, second = message.splitlines()
    assert first.endswith(f':9:1: {SQUAT}: reps must be a whole number above 0, not "ten"')
    assert second.endswith(
        f":10:1: {SQUAT}: unknown key rest; did you mean rest_between_sets or rest_between_sides?"
    )


def test_unknown_top_level_key(tmp_path: Path) -> None:
    message = error_of(tmp_path, "colour = 'red'\n" + MINIMAL)
    assert ":1:1: unknown key colour: remove it" in message
    assert "did you mean" not in message


def test_exercise_without_work(tmp_path: Path) -> None:
    message = error_of(tmp_path, MINIMAL.replace("reps = 10", ""))
    assert f":6:1: {SQUAT}: no work given: add one of reps" in message


def test_exercise_with_two_kinds_of_work(tmp_path: Path) -> None:
    message = error_of(tmp_path, MINIMAL.replace("reps = 10", "reps = 10\nseconds = 30"))
    assert f":10:1: {SQUAT}: give only one kind of work, not reps and seconds" in message


def test_unknown_kind_lists_the_choices(tmp_path: Path) -> None:
    message = error_of(tmp_path, MINIMAL.replace('"strength"', '"strenght"'))
    assert f':8:1: {SQUAT}: kind must be one of "plyometric", "strength"' in message
    assert message.endswith('not "strenght"; write kind = "strength"')


def test_no_blocks(tmp_path: Path) -> None:
    assert error_of(tmp_path, 'name = "Nothing"\n').endswith(
        ":1: no blocks: add a [[blocks]] table"
    )


def test_data_without_a_text_gives_messages_without_lines() -> None:
    with pytest.raises(CircuitError) as caught:
        validate_circuit({"name": "x", "blocks": [{"name": "B", "sets": "2"}]}, "data")
    assert str(caught.value).splitlines() == [
        'data: block "B": sets must be a whole number above 0, not "2"; write sets = 2',
        'data: block "B": no exercises: add a [[blocks.exercises]] table',
    ]


def test_plyometrics_after_heavy_work_warns() -> None:
    text = (
        MINIMAL
        + """
[[blocks]]
name = "Late jumps"
sets = 1
[[blocks.exercises]]
name = "Box jump"
kind = "plyometric"
reps = 5
"""
    )
    (warning,) = parse_circuit(text).warnings()
    assert "Box jump" in warning and "Squat" in warning


def test_plyometrics_in_rounds_with_heavy_work_warns() -> None:
    text = (
        MINIMAL.replace('name = "Only"', 'name = "Mixed"\nmode = "circuit"')
        + """
[[blocks.exercises]]
name = "Skater"
kind = "plyometric"
reps = 5
"""
    )
    warnings = parse_circuit(text).warnings()
    assert any("rounds" in w for w in warnings)


def test_plyometrics_first_does_not_warn() -> None:
    text = """
name = "Right order"
[[blocks]]
name = "Jumps"
sets = 1
[[blocks.exercises]]
name = "Box jump"
kind = "plyometric"
reps = 5
""" + MINIMAL.split('name = "Tiny"', 1)[1]
    assert parse_circuit(text).warnings() == []


def test_schema_file_is_current() -> None:
    shipped = Path(__file__).parent.parent / "hamtimer" / "circuit.schema.json"
    assert json.loads(shipped.read_text(encoding="utf-8")) == json_schema(), (
        "regenerate with: hamtimer schema > hamtimer/circuit.schema.json"
    )


def test_schema_forbids_unknown_keys() -> None:
    schema = json_schema()
    assert schema["additionalProperties"] is False
    assert schema["$defs"]["Exercise"]["additionalProperties"] is False


toml_scalars = st.one_of(
    st.integers(-5, 50), st.floats(allow_nan=False, width=32), st.text(max_size=8), st.booleans()
)
toml_keys = st.sampled_from(
    ["name", "blocks", "exercises", "sets", "reps", "kind", "mode", "sides", "timing", "x"]
)
documents = st.recursive(
    st.dictionaries(toml_keys, toml_scalars, max_size=4),
    lambda children: st.dictionaries(
        toml_keys, st.one_of(children, st.lists(children, max_size=3), toml_scalars), max_size=4
    ),
    max_leaves=20,
)


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=200))
def test_any_text_gives_a_circuit_or_our_error(text: str) -> None:
    try:
        result = parse_circuit(text)
    except CircuitError:
        return
    assert isinstance(result, Circuit)


@settings(max_examples=300, deadline=None)
@given(documents)
def test_any_document_gives_a_circuit_or_our_error(document: dict[str, object]) -> None:
    try:
        result = validate_circuit(document)
    except CircuitError:
        return
    assert isinstance(result, Circuit)


def test_tempo_goes_with_reps() -> None:
    paced = parse_circuit(MINIMAL.replace("reps = 10", "reps = 10\ntempo = 2.5"))
    assert paced.blocks[0].exercises[0].tempo == 2.5
    with pytest.raises(CircuitError, match="tempo goes with reps"):
        parse_circuit(MINIMAL.replace("reps = 10", "seconds = 30\ntempo = 2.5"))


def test_a_circuit_file_can_key_a_table(tmp_path: Path) -> None:
    """Found circuits are values: equal when they name the same file, usable as keys."""
    one, two = (CircuitFile("c", tmp_path / "c.toml", "file") for _ in range(2))
    assert one == two and len({one: 1, two: 2}) == 1
