"""Reading files that fight back (`hamtimer.files`), TOML that costs too much
(`hamtimer.circuit.safe_toml`), and the small things a circuit file can get wrong."""

from __future__ import annotations

import os
import tomllib
from pathlib import Path

import pytest

from hamtimer.circuit import CircuitError, load_circuit, parse_circuit
from hamtimer.circuit.safe_toml import MAX_KEY_PARTS, MAX_NESTING, StructureError, loads
from hamtimer.files import FileReadError, read_bytes
from hamtimer.folders import bundled_dir
from hamtimer.printable import json_printable, printable
from tests.hostile.conftest import no_hang

FILES = Path(__file__).resolve().parent / "files"


def refused(path: Path, limit: int = 1024) -> str:
    with no_hang(), pytest.raises(FileReadError) as caught:
        read_bytes(path, limit=limit, what="a test file")
    assert str(caught.value).startswith(f"{path}: ")
    assert "\n" not in str(caught.value), "one line"
    return caught.value.reason


def test_a_regular_file_is_read_whole(tmp_path: Path) -> None:
    path = tmp_path / "f"
    path.write_bytes(b"x" * 1024)
    assert read_bytes(path, limit=1024) == b"x" * 1024


def test_a_fifo_is_refused_without_blocking(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "jam")
    assert refused(tmp_path / "jam") == "is a named pipe (FIFO), not a regular file"


def test_a_device_is_refused_without_reading_it(tmp_path: Path) -> None:
    (tmp_path / "zero").symlink_to("/dev/zero")
    assert refused(tmp_path / "zero") == "is a device, not a regular file"
    assert refused(Path("/dev/zero")) == "is a device, not a regular file"


def test_a_symlink_loop_a_folder_and_a_missing_file_are_said_in_words(tmp_path: Path) -> None:
    (tmp_path / "loop").symlink_to("loop")
    assert "symlink loop" in refused(tmp_path / "loop")
    assert refused(tmp_path) == "is a folder, not a file"
    assert refused(tmp_path / "none") == "no such file"
    assert "too long" in refused(tmp_path / ("a" * 300))
    (tmp_path / "file").write_text("x")
    assert refused(tmp_path / "file" / "below") == "a part of the path is not a folder"


def test_a_file_over_the_limit_is_refused_before_it_is_read(tmp_path: Path) -> None:
    path = tmp_path / "big"
    with path.open("wb") as file:
        file.truncate(10 * 1024**3)  # 10 GiB that take no room: reading it would take long
    assert "is 10240.0 MiB, over the 1 KiB limit for a test file" in refused(path).replace(
        "10240 MiB", "10240.0 MiB"
    )


# ------------------------------------------------------------------ TOML within bounds


def test_every_circuit_we_know_parses_through_the_checks() -> None:
    for path in [*bundled_dir("circuits").glob("*.toml"), *FILES.glob("*.toml")]:
        text = path.read_text(encoding="utf-8-sig")
        if "deep" in path.name:
            continue
        assert repr(loads(text)) == repr(tomllib.loads(text)), path  # repr: nan != nan


@pytest.mark.parametrize(
    "text",
    [
        '"a.b.c.d.e.f.g.h.i.j" = 1',  # one quoted part with dots in it
        "x = 'a.b.c.d.e.f.g.h.i.j'",
        'x = """\n[[[[[[[[[[[[[[[[[[[[ a.b.c.d.e.f.g.h.i.j\n"""',
        "x = '''[[[[[[[[[[[[[[[[[[[[[['''''",
        'x = "\\"[[[[[[[[[[[[[[[[[[[[" # [[[[[[[[[[[[[[[[[[[[[ a.b.c.d.e.f.g.h.i.j',
        "x = [1.5, 2.5, 3.5, 4.5, 5.5, 6.5, 7.5, 8.5, 9.5, 10.5]",
        "x = 1979-05-27T07:32:00.999999",
        "[a.b.c.d.e.f.g.h]\nx.y.z = {p.q.r = [[[[1]]]]}",
        "x = " + "[" * MAX_NESTING + "]" * MAX_NESTING,
        ".".join("k" * MAX_KEY_PARTS) + " = 1",
    ],
)
def test_valid_toml_within_the_limits_is_never_refused(text: str) -> None:
    assert loads(text) == tomllib.loads(text)


@pytest.mark.parametrize(
    ("text", "why"),
    [
        (".".join("k" * (MAX_KEY_PARTS + 1)) + " = 1", "more than 8 dotted parts (line 1)"),
        ("[" + ".".join("k" * (MAX_KEY_PARTS + 1)) + "]", "more than 8 dotted parts"),
        ("x = {" + ".".join("k" * (MAX_KEY_PARTS + 1)) + " = 1}", "more than 8 dotted parts"),
        ("a = 1\n\nx = " + "[" * (MAX_NESTING + 1), "nested more than 16 deep (line 3)"),
        ("x = " + "{a=" * (MAX_NESTING + 1), "nested more than 16 deep"),
        ('x = """\n\n"""\n' + "a." * 100 + "b = 1", "line 4"),
    ],
)
def test_structures_no_circuit_needs_are_refused_before_parsing(text: str, why: str) -> None:
    with pytest.raises(StructureError, match=why.replace("(", r"\(").replace(")", r"\)")):
        loads(text)


# ------------------------------------------------------------------ the small ones


def test_a_byte_order_mark_is_skipped() -> None:
    text = (FILES / "bom.toml").read_bytes()
    assert text.startswith(b"\xef\xbb\xbf")
    assert load_circuit(FILES / "bom.toml").name == "Quick legs"
    assert parse_circuit(text.decode("utf-8")).name == "Quick legs"


SQUAT = 'exercise "Squat" (block "Only")'


@pytest.mark.parametrize(
    ("name", "said"),
    [
        ("bool-seconds.toml", f":8:1: {SQUAT}: seconds must be a number above 0, not true"),
        ("bool-sets.toml", ':4:1: block "Only": sets must be a whole number above 0, not true'),
        ("string-reps.toml", f':8:1: {SQUAT}: reps must be a whole number above 0, not "10"'),
        ("string-fatigue.toml", f":8:1: {SQUAT}: to_fatigue must be true or false"),
        ("nan-seconds.toml", f":8:1: {SQUAT}: seconds must be a number above 0, not nan"),
    ],
)
def test_booleans_and_strings_are_refused_where_numbers_go(name: str, said: str) -> None:
    with pytest.raises(CircuitError) as caught:
        load_circuit(FILES / name)
    assert f"{FILES / name}{said}" in str(caught.value)


def test_a_long_list_of_problems_is_cut_to_one_screen(tmp_path: Path) -> None:
    exercise = '[[blocks.exercises]]\nname = "e"\nkind = "strength"\nreps = true\n'
    path = tmp_path / "many.toml"
    path.write_text('name = "x"\n[[blocks]]\nname = "b"\nsets = 1\n' + exercise * 40)
    with pytest.raises(CircuitError) as caught:
        load_circuit(path)
    lines = str(caught.value).splitlines()
    assert len(lines) == 15 + 1, "40 problems (and no false ones for the lists): 15 shown"
    said = 'exercise "e" (block "b"): reps must be a whole number above 0, not true'
    assert lines[0] == f"{path}:8:1: {said}"
    assert lines[-1] == f"{path}: … and 25 more problems"


# ------------------------------------------------------------------ names are data


def test_printable_escapes_every_control_character_and_nothing_else() -> None:
    controls = "".join(chr(code) for code in [*range(0x00, 0x09), *range(0x0B, 0x20), 0x7F])
    controls += "".join(chr(code) for code in range(0x80, 0xA0)) + "\u202e\u2066\u200f"
    shown = printable(controls)
    assert all(char.isprintable() for char in shown), shown
    assert shown.startswith("\\x00\\x01") and "\\x1b" in shown and "\\x9b" in shown
    assert shown.endswith("\\u202e\\u2066\\u200f")
    kept = "Plank ↻ — é 日本 🏃 [b]x[/b]\n\tnext"
    assert printable(kept) == kept


def test_json_printable_reads_back_exactly() -> None:
    import json

    value = {"name": "a\x1b]2;x\x07\x9b\u202e\x7fb"}
    dumped = json_printable(json.dumps(value, ensure_ascii=False))
    assert all(char.isprintable() for char in dumped)
    assert json.loads(dumped) == value
